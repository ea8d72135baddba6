"""What a report says about each document beyond its file: its title, date and number.

Rules: they are the document's own metadata (`corpus.meta.document_meta`), the
same in every report and in the store; nothing is made up. Where a report needs
a name for a document without a title (a page heading), it uses the file name
(`display_title`).
"""

from __future__ import annotations

from pathlib import PurePath

from corpus.document import Document
from corpus.meta import document_meta

__all__ = ["display_title", "document_date", "document_number", "document_title"]


def document_title(doc: Document) -> str:
    """The document's title, or empty."""
    return document_meta(doc).title


def display_title(doc: Document) -> str:
    """The document's title, else its file name (for a heading that needs a name)."""
    return document_title(doc) or PurePath(doc.name).name or doc.name


def document_date(doc: Document) -> str | None:
    """This version's date line (``2023年12月29日 第十四届全国人大常委会第七次会议修订``), or None."""
    return document_meta(doc).date or None


def document_number(doc: Document) -> str | None:
    """The document number (文号), or None."""
    return document_meta(doc).number or None
