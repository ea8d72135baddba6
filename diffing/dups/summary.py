"""The terminal summary of a run: repeats, re-use (longest first), clusters, skipped inputs.

Rules:

* Plain text, one finding per line (a second, indented line for the spans or
  the substitutions), so it reads well in a terminal and greps well in a log.
* Widths are terminal cells (``rich.cells.cell_len``): a Chinese character
  takes two, and names are padded by cells, never by ``len()``.
* Names, excerpts and problems go through `corpus.display.safe_name`: control
  and bidi characters a file holds are shown as marks, never sent raw.
* Each section shows at most ``limit`` findings (all when ``limit`` is 0)
  and says how many more there are.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len, set_cell_size

from corpus.display import safe_name
from diffing.dups.engine import DupsResult
from diffing.dups.report import reuse_entries

__all__ = ["DEFAULT_LIMIT", "render_summary"]

DEFAULT_LIMIT = 20
"""Findings shown per section unless all are asked for."""
_NAME_CELLS = 36
_SUBSTITUTIONS = 8


def render_summary(result: DupsResult, limit: int = DEFAULT_LIMIT) -> str:
    """The summary as text ending with a newline."""
    names = [safe_name(d.name) for d in result.documents]
    out: list[str] = [_headline(result), ""]

    out.append(f"Repeated inside one document ({len(result.repeats)})")
    shown = result.repeats if not limit else result.repeats[:limit]
    width = _width(names[doc] for doc, _ in shown)
    for doc, r in shown:
        out.append(
            f"  {_pad(names[doc], width)}  ×{len(r.spans)}  {r.chars:,} chars  "
            f"similarity {r.similarity:.2f}  “{safe_name(r.excerpt)}”"
        )
        out.append("  " + " " * width + "  " + "  ".join(f"[{lo}, {hi})" for lo, hi in r.spans))
    _more(out, len(result.repeats), len(shown))

    entries = reuse_entries(result)
    out.append(f"Re-used between documents, longest first ({len(entries)})")
    shown_reuse = entries if not limit else entries[:limit]
    width = _width(names[e.a] for e in shown_reuse)
    for e in shown_reuse:
        p = e.passage
        out.append(
            f"  {p.similarity:.2f}  {_pad(names[e.a], width)} [{p.a[0]}, {p.a[1]})  →  "
            f"{names[e.b]} [{p.b[0]}, {p.b[1]})  {p.chars:,} chars  “{safe_name(p.excerpt)}”"
        )
        if e.reworded is not None:
            subs = e.reworded.substitutions
            listed = ", ".join(f"{safe_name(spun)}→{safe_name(common)}" for spun, common in subs[:_SUBSTITUTIONS])
            more = f", … ({len(subs) - _SUBSTITUTIONS} more)" if len(subs) > _SUBSTITUTIONS else ""
            out.append(f"        looks machine-reworded: {names[e.reworded.doc]} ({listed}{more})")
    _more(out, len(entries), len(shown_reuse))

    out.append(f"Near-duplicate clusters ({len(result.clusters)})")
    shown_clusters = result.clusters if not limit else result.clusters[:limit]
    for k, cluster in enumerate(shown_clusters, start=1):
        out.append(f"  {k}. " + ", ".join(names[i] for i in cluster))
    _more(out, len(result.clusters), len(shown_clusters))

    if result.skipped:
        out.append(f"Skipped ({len(result.skipped)})")
        for s in result.skipped if not limit else result.skipped[:limit]:
            out.append(f"  {safe_name(s.problem)}")
        _more(out, len(result.skipped), len(result.skipped) if not limit else min(limit, len(result.skipped)))
    return "\n".join(out).rstrip("\n") + "\n"


def _headline(result: DupsResult) -> str:
    parts = [f"{len(result.documents)} document{'s' if len(result.documents) != 1 else ''} read"]
    if result.skipped:
        parts.append(f"{len(result.skipped)} skipped")
    if result.exact_of:
        parts.append(f"{len(result.exact_of)} exact duplicate{'s' if len(result.exact_of) != 1 else ''}")
    parts.append(f"{result.stats.compared} pair{'s' if result.stats.compared != 1 else ''} compared")
    return ", ".join(parts) + "."


def _more(out: list[str], total: int, shown: int) -> None:
    if total > shown:
        out.append(f"  … {total - shown} more (--all shows every one)")
    out.append("")


def _width(names: Iterable[str]) -> int:
    cells = [cell_len(n) for n in names]
    return min(_NAME_CELLS, max(cells, default=0))


def _pad(name: str, width: int) -> str:
    """``name`` cut or padded to ``width`` cells (a long name keeps its end: the file name)."""
    if cell_len(name) <= width:
        return name + " " * (width - cell_len(name))
    tail = name
    while cell_len(tail) > width - 1:
        tail = tail[1:]
    return set_cell_size("…" + tail, width)
