"""A small document model for the lineage and annotated-text reports, and its four renderings.

Rules:

* A report is a title and a list of `Block`: a heading (level 1 or 2) or a paragraph of `Part`;
  a part is text with one style: plain, ``del`` (removed wording), ``ins`` (added wording),
  ``note`` (the tool's words, not the document's) or ``dim`` (a label, a date).
* Every rendering shows all the text: Markdown marks ``del`` as ``~~…~~`` and ``ins`` as ``**…**``,
  HTML as ``<del>``/``<ins>`` (everything escaped), docx as struck-through / underlined runs, plain
  text as ``[-…-]`` / ``{+…+}`` (or red / green with ``colour``).
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from typing import Literal

__all__ = ["Block", "Part", "render"]

Style = Literal["", "del", "ins", "note", "dim"]


@dataclass(frozen=True)
class Part:
    text: str
    style: Style = ""


@dataclass(frozen=True)
class Block:
    kind: Literal["h1", "h2", "p"]
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)


def render(title: str, blocks: list[Block], fmt: str, colour: bool = False) -> bytes:
    """``blocks`` under ``title`` as ``text``, ``md``, ``html`` or ``docx`` bytes."""
    if fmt == "docx":
        return _docx(title, blocks)
    out = {"text": _text, "md": _md, "html": _html}[fmt](title, blocks, colour)
    return out.encode("utf-8")


_ANSI = {"del": "\x1b[31;9m", "ins": "\x1b[32;4m", "note": "\x1b[36m", "dim": "\x1b[2m"}


def _text(title: str, blocks: list[Block], colour: bool) -> str:
    def part(p: Part) -> str:
        if colour and p.style:
            return f"{_ANSI[p.style]}{p.text}\x1b[0m"
        return {"del": f"[-{p.text}-]", "ins": f"{{+{p.text}+}}"}.get(p.style, p.text)

    lines = [title, "=" * min(60, len(title) * 2), ""]
    for b in blocks:
        body = "".join(part(p) for p in b.parts)
        lines.extend(["", body] if b.kind == "h1" else [body] if b.kind == "h2" else ["  " + body])
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_{}[]<>#|~" else c for c in text)


def _md(title: str, blocks: list[Block], colour: bool) -> str:
    def part(p: Part) -> str:
        text = _md_escape(p.text)
        if not text.strip():
            return text
        return {"del": f"~~{text}~~", "ins": f"**{text}**", "note": f"*{text}*", "dim": text}.get(p.style, text)

    lines = [f"# {_md_escape(title)}", ""]
    for b in blocks:
        body = "".join(part(p) for p in b.parts)
        lines.extend([f"## {body}", ""] if b.kind == "h1" else [f"### {body}", ""] if b.kind == "h2" else [body, ""])
    return "\n".join(lines)


_CSS = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}"
    "del{color:#b00020;background:#fde7ea}ins{color:#0b6b2f;background:#e3f6e8;text-decoration:underline}"
    ".note{color:#2457a6;font-size:.95em}.dim{color:#666}"
)


def _html(title: str, blocks: list[Block], colour: bool) -> str:
    def part(p: Part) -> str:
        text = html.escape(p.text)
        if p.style in ("del", "ins"):
            return f"<{p.style}>{text}</{p.style}>"
        return f'<span class="{p.style}">{text}</span>' if p.style else text

    out = [
        "<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>", f"<h1>{html.escape(title)}</h1>",
    ]  # fmt: skip
    for b in blocks:
        tag = {"h1": "h2", "h2": "h3", "p": "p"}[b.kind]
        out.append(f"<{tag}>{''.join(part(p) for p in b.parts)}</{tag}>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _docx(title: str, blocks: list[Block]) -> bytes:
    import docx
    from docx.shared import RGBColor

    document = docx.Document()
    document.add_heading(title, level=0)
    for b in blocks:
        para = document.add_paragraph() if b.kind == "p" else document.add_heading("", level=1 if b.kind == "h1" else 2)
        for p in b.parts:
            run = para.add_run(p.text)
            if p.style == "del":
                run.font.strike = True
                run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
            elif p.style == "ins":
                run.font.underline = True
                run.font.color.rgb = RGBColor(0x0B, 0x6B, 0x2F)
            elif p.style == "note":
                run.font.color.rgb = RGBColor(0x24, 0x57, 0xA6)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
