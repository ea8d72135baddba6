"""The ``wendiff.dups`` version 1 report (docs/report-format.md) of a run.

Rules:

* The spec's fields are written exactly as specified: ``format``, ``version``,
  ``documents``, ``repeats``, ``reuse`` (longest first), ``clusters``.
  Offsets are spans of each input's decoded original text.
* Additions never change a spec field; a reader that knows only the spec can
  ignore them: ``options`` (the normalization steps that ran), ``skipped``
  (inputs that could not be read, with the one-line problem), ``pairs``
  (verified document pairs with their whole-document similarity and whether
  they are exact duplicates), and inside a re-use entry ``reworded`` (which
  document a spinner reworded and the substitutions seen in the passage).
"""

from __future__ import annotations

import json
from typing import Any

from corpus.options import Options
from diffing.dups.engine import DupsResult
from diffing.dups.fingerprint import DocInfo
from diffing.dups.verify import Reuse

__all__ = ["FORMAT", "VERSION", "dups_report", "reuse_entries", "to_json"]

FORMAT = "wendiff.dups"
VERSION = 1


def reuse_entries(result: DupsResult) -> list[Reuse]:
    """Every shared passage of the run, longest first."""
    entries = [r for pair in result.pairs for r in pair.reuse]
    entries.sort(key=lambda r: (-r.passage.chars, -r.passage.similarity, r.a, r.b, r.passage.a))
    return entries


def _document(d: DocInfo) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": d.name, "sha256": d.sha256, "encoding": d.encoding, "length": d.length}
    entry["format"] = d.format
    if d.decode_errors is not None:
        entry["decode_errors"] = d.decode_errors
    return entry


def dups_report(result: DupsResult, options: Options) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "documents": [_document(d) for d in result.documents],
        "repeats": [
            {"doc": doc, "spans": [list(s) for s in r.spans], "similarity": r.similarity}
            for doc, r in result.repeats
        ],
        "reuse": [_reuse(r) for r in reuse_entries(result)],
        "clusters": [list(c) for c in result.clusters],
        "options": options.as_report(),
        "skipped": [{"name": s.path, "problem": s.problem} for s in result.skipped],
        "pairs": [
            {"a": p.a, "b": p.b, "similarity": p.similarity, "exact": result.exact_of.get(p.b) == p.a}
            for p in sorted(result.pairs, key=lambda p: (p.a, p.b))
        ],
    }


def to_json(report: dict[str, Any]) -> str:
    """The report as JSON text: one line per key, one line per list item (diff-friendly, compact)."""
    parts = []
    for key, value in report.items():
        if isinstance(value, list) and value:
            items = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in value)
            parts.append(f"  {json.dumps(key)}: [\n    {items}\n  ]")
        else:
            parts.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _reuse(r: Reuse) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "a": {"doc": r.a, "span": list(r.passage.a)},
        "b": {"doc": r.b, "span": list(r.passage.b)},
        "similarity": r.passage.similarity,
    }
    if r.reworded is not None:
        entry["reworded"] = {
            "doc": r.reworded.doc,
            "substitutions": [list(pair) for pair in r.reworded.substitutions],
        }
    return entry
