"""From a file to a normalized `Document`: read, clean, normalize.

Rules: the steps run in a fixed order (page furniture, boilerplate, junk,
invisible, script, unspin, width, whitespace), each only when its switch in
`Options` is on (page furniture, the ranges a paged reader found in the
source, goes with ``boilerplate``); each
step's output becomes a `Layer`, and the holes a step reports are mapped back to
original offsets here, once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from corpus.document import Document, Layer, Source
from corpus.normalize import fold_whitespace, fold_width, to_simplified
from corpus.options import DEFAULT_OPTIONS, Options
from corpus.steps import StepOutput

__all__ = ["from_source", "from_text", "load", "steps_for"]

Step = Callable[[str], StepOutput]


def steps_for(options: Options) -> list[tuple[str, Step]]:
    """The steps that ``options`` switch on, in pipeline order."""
    steps: list[tuple[str, Step]] = []
    if options.boilerplate or options.junk or options.invisible:
        from corpus import clean
    if options.boilerplate:
        steps.append(("boilerplate", clean.remove_boilerplate))
    if options.junk:
        steps.append(("junk", clean.remove_junk))
    if options.invisible:
        steps.append(("invisible", clean.remove_invisible))
    if options.script == "t2s":
        steps.append(("script", to_simplified))
    if options.unspin:
        from corpus.unspin import load_table, unspin

        table = load_table(options.unspin_table)
        steps.append(("unspin", lambda text: unspin(text, table)))
    if options.width:
        steps.append(("width", fold_width))
    if options.whitespace:
        steps.append(("whitespace", fold_whitespace))
    return steps


def from_source(source: Source, options: Options = DEFAULT_OPTIONS) -> Document:
    """Run the pipeline on a source already read."""
    layers: list[Layer] = []
    holes: list[tuple[int, int]] = []
    text = source.text
    steps = steps_for(options)
    if options.boilerplate and source.furniture:
        from corpus.clean import remove_ranges

        furniture = source.furniture
        steps.insert(0, ("boilerplate", lambda text: remove_ranges(text, furniture)))
    for name, step in steps:
        out = step(text)
        for lo, hi in out.holes:
            for layer in reversed(layers):
                lo, hi = layer.map.span_to_source(lo, hi)
            holes.append((lo, hi))
        if out.text != text or not out.map.is_identity:
            layers.append(Layer(name, out.text, out.map))
        text = out.text
    return Document(source, tuple(layers), tuple(sorted(holes)))


def from_text(text: str, name: str = "<text>", options: Options = DEFAULT_OPTIONS) -> Document:
    """A document from a string (UTF-8 is taken as its encoding)."""
    data = text.encode("utf-8")
    source = Source(name, text, "utf-8", hashlib.sha256(data).hexdigest(), len(data), data)
    return from_source(source, options)


def load(path: str, options: Options = DEFAULT_OPTIONS, max_size: int | None = None) -> Document:
    """Read ``path`` (``-`` for standard input) and normalize it."""
    from corpus.read import DEFAULT_MAX_SIZE, read_source

    limit = DEFAULT_MAX_SIZE if max_size is None else max_size
    return from_source(read_source(path, limit, strict_decode=options.strict_decode), options)
