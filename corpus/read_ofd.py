"""Text out of an OFD package (GB/T 33190), page by page, from its XML.

Rules:

* The package is a zip. ``OFD.xml`` names the first document's root
  (``DocBody/DocRoot``, e.g. ``Doc_0/Document.xml``); the document lists its
  pages in order (``Pages/Page/@BaseLoc``, relative to the document's folder
  or absolute from the package root). Each page's text is its
  ``TextObject/TextCode`` elements, in any layer or block.
* Reading order on a page: the text codes are placed at their baseline
  (the object's ``Boundary`` y plus the code's ``Y``) and grouped into lines
  of the same baseline (within a third of the font size); lines run top to
  bottom, and codes inside a line left to right.
* A package that is not a zip, lacks a part, holds malformed XML or a bad
  number is one `ExtractError` line. Size guard: the zip directory is checked
  by `corpus.limits.check_zip` (members, ratio, ``--max-size``) before anything
  is inflated; a part whose declared or actual inflated size exceeds
  `MAX_PART_BYTES`, or parts adding up to more than `MAX_TOTAL_BYTES` or the
  limit, is refused before it fills memory.
* At most `MAX_PAGES` page references, counted before any page is read; a
  page listed several times is parsed once.
* Members that are encrypted or compressed by a method that cannot be
  inflated are refused from the directory, and a damaged part is named
  (corpus/zip_members.py). XML is parsed without entities or network, with
  libxml2's huge-text option (a text code over 10 MB is text, not bad XML:
  the part is already held to `MAX_PART_BYTES`).
* Pages are joined by `corpus.pages.join_pages` (page starts, furniture).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any

from corpus.extract import ExtractError
from corpus.pages import Paged, join_pages

__all__ = ["MAX_PAGES", "MAX_PART_BYTES", "MAX_TOTAL_BYTES", "extract_ofd"]

MAX_PAGES = 10_000
"""Page references in a document (a page listed many times counts each time)."""

MAX_PART_BYTES = 64 * 1024 * 1024
"""Size guard: largest inflated XML part read from the package."""

MAX_TOTAL_BYTES = 512 * 1024 * 1024
"""Size guard: largest inflated size of all the parts read, together."""

_NS = "{http://www.ofdspec.org/2016}"


@dataclass(frozen=True)
class _Code:
    y: float
    x: float
    size: float
    text: str


class _Package:
    """The zip, read part by part under the size guard."""

    def __init__(self, data: bytes, limit: int) -> None:
        from corpus.limits import check_zip
        from corpus.zip_members import check_members

        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError):
            raise ExtractError("malformed OFD file (not a zip package)") from None
        check_zip(self.zip.infolist(), limit)  # a bomb is refused before anything is inflated
        check_members(self.zip.infolist())
        self.read_total = 0
        self.total_limit = min(MAX_TOTAL_BYTES, limit)

    def xml(self, name: str) -> Any:
        from lxml import etree

        from corpus.zip_members import read_member

        name = name.lstrip("/")
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise ExtractError(f"malformed OFD file (no part {name})") from None
        if info.file_size > MAX_PART_BYTES:
            raise ExtractError(f"malformed OFD file (part {name} inflates over the size limit)")
        body = read_member(self.zip, info, MAX_PART_BYTES, "malformed OFD file")
        if len(body) > MAX_PART_BYTES:
            raise ExtractError(f"malformed OFD file (part {name} inflates over the size limit)")
        self.read_total += len(body)
        if self.read_total > self.total_limit:
            raise ExtractError("malformed OFD file (its parts inflate over the size limit)")
        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
            return etree.fromstring(body, parser)
        except etree.XMLSyntaxError:
            raise ExtractError(f"malformed OFD file (bad XML in {name})") from None


def extract_ofd(data: bytes, limit: int = MAX_TOTAL_BYTES) -> Paged:
    """The text of an OFD package's first document, page by page; the package is held to ``limit``
    bytes inflated (corpus/limits.py checks its directory first)."""
    package = _Package(data, limit)
    root = package.xml("OFD.xml")
    doc_root = root.findtext(f"{_NS}DocBody/{_NS}DocRoot")
    if not doc_root or not doc_root.strip():
        raise ExtractError("malformed OFD file (OFD.xml names no DocRoot)")
    doc_path = doc_root.strip().lstrip("/")
    document = package.xml(doc_path)
    folder = posixpath.dirname(doc_path)
    listed = document.findall(f"{_NS}Pages/{_NS}Page")
    if len(listed) > MAX_PAGES:
        raise ExtractError(f"OFD document lists {len(listed):,} pages, over the limit of {MAX_PAGES:,}")
    pages: list[list[str]] = []
    parsed: dict[str, list[str]] = {}
    for page in listed:
        loc = (page.get("BaseLoc") or "").strip()
        if not loc:
            raise ExtractError("malformed OFD file (a page without BaseLoc)")
        path = loc.lstrip("/") if loc.startswith("/") else posixpath.normpath(posixpath.join(folder, loc))
        if path not in parsed:
            parsed[path] = _lines(_codes(package.xml(path)))
        pages.append(parsed[path])
    if not pages:
        raise ExtractError("malformed OFD file (its document lists no pages)")
    return join_pages(pages)


def _numbers(value: str | None, what: str) -> list[float]:
    try:
        return [float(v) for v in (value or "").split()]
    except ValueError:
        raise ExtractError(f"malformed OFD file (bad {what} {value!r})") from None


def _codes(page: Any) -> list[_Code]:
    codes: list[_Code] = []
    for obj in page.iter(f"{_NS}TextObject"):
        box = _numbers(obj.get("Boundary"), "Boundary")
        bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = (_numbers(obj.get("Size"), "Size") or [0.0])[0]
        for code in obj.iterfind(f"{_NS}TextCode"):
            text = code.text or ""
            if not text:
                continue
            x = (_numbers(code.get("X"), "X") or [0.0])[0]
            y = (_numbers(code.get("Y"), "Y") or [0.0])[0]
            codes.append(_Code(by + y, bx + x, size, text))
    return codes


def _lines(codes: list[_Code]) -> list[str]:
    """Codes grouped by baseline, top to bottom, each line left to right."""
    lines: list[list[_Code]] = []
    for code in sorted(codes, key=lambda c: c.y):
        if lines and abs(code.y - lines[-1][0].y) <= max(code.size, lines[-1][0].size, 0.1) / 3:
            lines[-1].append(code)
        else:
            lines.append([code])
    return ["".join(c.text for c in sorted(line, key=lambda c: c.x)) for line in lines]
