"""meta.json: one version's metadata, written once at add time and read by log and list.

Rules:

* The file is UTF-8 JSON with a ``schema`` number; it holds every field of
  `Version` except ``commit`` (a commit cannot name itself).
* ``date`` is the document's own date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
  (or empty), checked by `validate_date` before anything is written.
* Reading is strict: a file that is not valid JSON, lacks a field or has a
  field of the wrong type is a `StoreError` naming where it was read from;
  nothing is guessed or repaired.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, fields
from datetime import date as Date
from typing import Any

from corpus.store.errors import StoreError
from corpus.store.values import ClauseStats, Version

__all__ = ["SCHEMA", "decode", "encode", "validate_date"]

SCHEMA = 1
_RENAMED = {"doc_id": "id", "number": "version"}
_STRINGS = ("doc_id", "added", "title", "date", "source", "message", "name", "encoding", "sha256")
_INTS = ("number", "size", "clauses")


def encode(version: Version) -> bytes:
    """The meta.json bytes of ``version``."""
    body: dict[str, Any] = {"schema": SCHEMA}
    for field in fields(Version):
        if field.name == "commit":
            continue
        value = getattr(version, field.name)
        if isinstance(value, ClauseStats):
            value = asdict(value)
        body[_RENAMED.get(field.name, field.name)] = value
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def decode(data: bytes, commit: str, where: str) -> Version:
    """The `Version` described by ``data``, recorded by ``commit``."""
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{where}: meta.json is not valid JSON ({exc})") from exc
    if not isinstance(body, dict):
        raise StoreError(f"{where}: meta.json is not a JSON object")
    if body.get("schema") != SCHEMA:
        raise StoreError(f"{where}: meta.json has schema {body.get('schema')!r}, expected {SCHEMA}")
    values: dict[str, Any] = {"commit": commit}
    for name in _STRINGS + _INTS:
        key = _RENAMED.get(name, name)
        value = body.get(key)
        wanted = str if name in _STRINGS else int
        if not isinstance(value, wanted) or isinstance(value, bool):
            raise StoreError(f"{where}: meta.json field {key!r} is missing or not a {wanted.__name__}")
        values[name] = value
    values["stats"] = _stats(body.get("stats"), where)
    return Version(**values)


def _stats(value: object, where: str) -> ClauseStats | None:
    if value is None:
        return None
    names = [field.name for field in fields(ClauseStats)]
    if not isinstance(value, dict) or any(
        not isinstance(value.get(name), int | float) or isinstance(value.get(name), bool) for name in names
    ):
        raise StoreError(f"{where}: meta.json field 'stats' is malformed")
    counts = {name: int(value[name]) for name in names if name != "similarity"}
    return ClauseStats(**counts, similarity=float(value["similarity"]))


def validate_date(value: str) -> str:
    """``value`` itself when it is empty or a date ``YYYY[-MM[-DD]]``; a `StoreError` otherwise."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    try:
        if match:
            Date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
            return value
    except ValueError:
        pass
    if value == "":
        return value
    raise StoreError(f"date {value!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
