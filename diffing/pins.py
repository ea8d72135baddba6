"""Reviewer pins: a pairing of units fixed by hand, applied to the aligner's rows as constraints.

Rules:

* A pin names a unit of A and a unit of B by their places as the reports cite
  them (``第十八条``, ``第二条/第一款/(一)``, `diffing.places`) or as the
  reader gave them (``第二条/(一)``): a unit is the first run of clauses whose
  place is that place or lies under it. The places are cited from each
  document's own outline (the comparison's, which may borrow paragraph starts
  from the other side, does not exist yet). ``pair`` pins pair the two units' clauses
  with each other (the aligner runs again on those clauses alone, and what it
  leaves free pairs in order, labels first: the reviewer said they correspond); ``unpair``
  pins break every row that pairs a clause of one with a clause of the other
  (its clauses become ``deleted`` and ``inserted``).
* Bad pins are reported and dropped, never applied silently: a unit that does
  not exist (any more), a pin whose units overlap an earlier pin's, or a pair
  pin that crosses an earlier one (A in one order, B in the other).
* Every row a pin made carries ``pinned``; clauses a pin freed from their old
  rows (the rest of a row it broke up) become ``deleted``/``inserted`` rows.
  Rows stay in B's reading order, a deleted row after the row of its
  preceding A clause.
* A pins file (``wendiff diff A B --pins FILE``, the app's sidecar) is JSON:
  ``{"format": "wendiff.pins", "version": 1, "pins": [{"a": "第十八条", "b":
  "第三十一条", "op": "pair"}]}``; a file that is not one is an `InputError`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from corpus.errors import InputError
from diffing.align import align, similarity
from diffing.model import Clause, Row

__all__ = ["PINS_FORMAT", "Pin", "apply_pins", "dump_pins", "load_pins", "parse_pins", "unit"]

PINS_FORMAT = "wendiff.pins"
PinOp = Literal["pair", "unpair"]


@dataclass(frozen=True)
class Pin:
    """One pin: A's unit and B's unit, paired or kept apart."""

    a: str
    b: str
    op: PinOp = "pair"

    def __str__(self) -> str:
        return f"{self.a} {'→' if self.op == 'pair' else '≠'} {self.b}"


def unit(clauses: Sequence[Clause], place: str, places: Sequence[str] | None = None) -> tuple[int, ...]:
    """Positions of the first run of clauses at ``place`` or under it (empty when there is none);
    ``places``: each clause's place as the reports cite it, matched beside the reader's own."""
    out: list[int] = []
    prefix = place + "/"
    for k, clause in enumerate(clauses):
        cited = (clause.place,) if places is None else (clause.place, places[k])
        if any(p == place or p.startswith(prefix) for p in cited):
            out.append(k)
        elif out:
            break
    return tuple(out)


def apply_pins(
    a: Sequence[Clause],
    b: Sequence[Clause],
    rows: Sequence[Row],
    pins: Sequence[Pin],
    places: tuple[Sequence[str], Sequence[str]] | None = None,
) -> tuple[list[Row], tuple[str, ...]]:
    """``rows`` with the good pins applied, and one line per bad pin (dropped); ``places``: the clauses'
    places as the reports cite them (`diffing.places`), for pins written from a report or the app."""
    problems: list[str] = []
    kept: list[tuple[Pin, tuple[int, ...], tuple[int, ...]]] = []
    a_places, b_places = places if places is not None else (None, None)
    for n, pin in enumerate(pins, 1):
        ua, ub = unit(a, pin.a, a_places), unit(b, pin.b, b_places)
        if not ua or not ub:
            missing = " and ".join(f"no {p} in {s}" for p, s, u in ((pin.a, "A", ua), (pin.b, "B", ub)) if not u)
            problems.append(f"pin {n} ({pin}): {missing}; dropped")
            continue
        clash = _clash(pin, ua, ub, kept)
        if clash:
            problems.append(f"pin {n} ({pin}): {clash}; dropped")
            continue
        kept.append((pin, ua, ub))
    out = list(rows)
    for pin, ua, ub in kept:
        out = _unpair(out, set(ua), set(ub)) if pin.op == "unpair" else _pair(out, a, b, ua, ub)
    return _ordered(out, len(a)), tuple(problems)


def _clash(
    pin: Pin, ua: tuple[int, ...], ub: tuple[int, ...], kept: list[tuple[Pin, tuple[int, ...], tuple[int, ...]]]
) -> str:
    for k, (other, oa, ob) in enumerate(kept, 1):
        if set(ua) & set(oa) or set(ub) & set(ob):
            return f"overlaps kept pin {k} ({other})"
        if pin.op == other.op == "pair" and (ua[0] < oa[0]) != (ub[0] < ob[0]):
            return f"crosses kept pin {k} ({other})"
    return ""


def _unpair(rows: list[Row], ua: set[int], ub: set[int]) -> list[Row]:
    out: list[Row] = []
    for row in rows:
        if row.op != "copied" and ua & set(row.a) and ub & set(row.b):
            out.append(Row("deleted", row.a, (), 0.0, pinned=True))
            out.append(Row("inserted", (), row.b, 0.0, pinned=True))
        else:
            out.append(row)
    return out


def _pair(
    rows: list[Row], a: Sequence[Clause], b: Sequence[Clause], ua: tuple[int, ...], ub: tuple[int, ...]
) -> list[Row]:
    sa, sb = set(ua), set(ub)
    out: list[Row] = []
    for row in rows:
        touches = bool(sb & set(row.b)) or (row.op != "copied" and bool(sa & set(row.a)))
        if not touches:
            out.append(row)
            continue
        freed_a = tuple(i for i in row.a if i not in sa) if row.op != "copied" else ()
        freed_b = tuple(j for j in row.b if j not in sb)
        out += [Row("deleted", (i,), (), 0.0) for i in freed_a]
        out += [Row("inserted", (), (j,), 0.0) for j in freed_b]
    sub_a = [replace(a[i], index=k) for k, i in enumerate(ua)]
    sub_b = [replace(b[j], index=k) for k, j in enumerate(ub)]
    inner = align(sub_a, sub_b)  # the aligner once more, on the pinned units' clauses alone
    paired = [row for row in inner if row.a and row.b]
    free_a = [row.a[0] for row in inner if not row.b]
    free_b = [row.b[0] for row in inner if not row.a]
    # The reviewer said these units correspond: what the aligner left free pairs in order, labels first.
    for x, y in zip(_labels_first(sub_a, free_a), _labels_first(sub_b, free_b), strict=False):
        paired.append(_pair_row(sub_a[x], sub_b[y]))
    taken_a = {i for row in paired for i in row.a}
    taken_b = {j for row in paired for j in row.b}
    rest = [Row("deleted", (x,), (), 0.0) for x in free_a if x not in taken_a]
    rest += [Row("inserted", (), (y,), 0.0) for y in free_b if y not in taken_b]
    for row in [*paired, *rest]:
        out.append(replace(row, a=tuple(ua[k] for k in row.a), b=tuple(ub[k] for k in row.b), pinned=True))
    return out


def _labels_first(clauses: Sequence[Clause], free: list[int]) -> list[int]:
    return sorted(free, key=lambda k: (clauses[k].kind != "article", k))


def _pair_row(x: Clause, y: Clause) -> Row:
    if x.text == y.text:
        return Row("equal", (x.index,), (y.index,), 1.0)
    if x.kind == y.kind == "article":
        return Row("renumbered", (x.index,), (y.index,), 1.0)
    return Row("modified", (x.index,), (y.index,), round(similarity(x.text, y.text), 4))


def _ordered(rows: list[Row], a_count: int) -> list[Row]:
    """B's reading order; a deleted row after the row of its preceding A clause (as the aligner orders)."""
    owner: list[int | None] = [None] * a_count
    for k, row in enumerate(rows):
        if row.op != "copied":
            for i in row.a:
                owner[i] = k
    placed = sorted((k for k, row in enumerate(rows) if row.b), key=lambda k: min(rows[k].b))
    after: dict[int, list[int]] = {}
    for k in sorted((k for k, row in enumerate(rows) if not row.b), key=lambda k: min(rows[k].a)):
        i = min(rows[k].a)
        parent = owner[i - 1] if i > 0 else None
        after.setdefault(-1 if parent is None else parent, []).append(k)
    out: list[Row] = []
    stack = [*reversed(placed), *reversed(after.get(-1, ()))]
    while stack:
        k = stack.pop()
        out.append(rows[k])
        stack.extend(reversed(after.get(k, ())))
    return out


def parse_pins(data: object, name: str) -> tuple[Pin, ...]:
    """The pins of a parsed pins file; `InputError` naming ``name`` when it is not one."""
    if not isinstance(data, dict) or data.get("format") != PINS_FORMAT or data.get("version") != 1:
        raise InputError(name, f"not a {PINS_FORMAT} version 1 file")
    items = data.get("pins")
    if not isinstance(items, list):
        raise InputError(name, "no list of pins")
    out: list[Pin] = []
    for n, item in enumerate(items, 1):
        ok = isinstance(item, dict) and isinstance(item.get("a"), str) and isinstance(item.get("b"), str)
        op = item.get("op", "pair") if isinstance(item, dict) else None
        if not ok or op not in ("pair", "unpair"):
            raise InputError(name, f'pin {n} is not {{"a": place, "b": place, "op": "pair" or "unpair"}}')
        out.append(Pin(item["a"], item["b"], op))
    return tuple(out)


def load_pins(path: Path) -> tuple[Pin, ...]:
    """The pins of a pins file; `InputError` (one line naming the file) when it cannot be read or is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise InputError(str(path), f"cannot read pins: {reason}") from None
    return parse_pins(data, str(path))


def pins_of_bytes(data: bytes, name: str) -> tuple[Pin, ...]:
    """The pins of a pins file's bytes (as the store keeps them); `InputError` naming ``name`` when they
    are not one."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InputError(name, "cannot read pins: not JSON") from None
    return parse_pins(parsed, name)


def dump_pins(pins: Sequence[Pin]) -> str:
    """A pins file's text."""
    items = [{"a": p.a, "b": p.b, "op": p.op} for p in pins]
    return json.dumps({"format": PINS_FORMAT, "version": 1, "pins": items}, ensure_ascii=False, indent=1) + "\n"
