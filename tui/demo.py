"""``wendiff demo``: the bundled samples as a store and the comparison the demo opens on.

Rules:

* The demo opens on the duplicated 2021 notice (seed 000): its first copy
  against its second, the two spans the duplicate finder's repeats give
  (`diffing.dups.repeats`), each read as a document of its own.
* The demo store holds the five seed documents and the two real law pairs
  (01, 03) as two versions each, with their own dates, so History and blame
  show real revisions. Adding is idempotent: a store given with ``--store``
  that already holds them is left as it is. Without ``--store`` the store is
  a temporary folder removed when the demo ends.
* Nothing here imports Textual; `demo_summary` is what ``wendiff demo``
  prints when there is no terminal to run the app in.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from corpus import samples
from tui.sides import CompareRequest, FileSide, PassageSide

__all__ = [
    "DEMO_DOCUMENTS",
    "DemoVersion",
    "build_demo_store",
    "demo_request",
    "demo_store",
    "demo_summary",
    "notice_spans",
]


@dataclass(frozen=True)
class DemoVersion:
    """One version the demo store records."""

    path: Path
    doc_id: str
    title: str
    date: str
    message: str = ""


def _versions() -> tuple[DemoVersion, ...]:
    holiday_a, holiday_b = samples.real_pair("01_holiday_measures")
    court_a, court_b = samples.real_pair("03_ip_tribunal_provisions")
    seed = samples.seed
    return (
        DemoVersion(seed("000"), "渝规资〔2021〕428号", "川渝国土空间生态修复实施意见（重复粘贴两遍）", "2021-06"),
        DemoVersion(seed("001"), "重庆日报-2021-06-25", "川渝出台政策共同推进共同开展国土空间生态修复", "2021-06-25"),
        DemoVersion(seed("002"), "自然资发〔2024〕151号", "自然资源部等四部门意见（繁体转载）", "2024"),
        DemoVersion(seed("003"), "重庆生态环境分区管控-征求意见稿", "生态环境分区管控实施方案征求意见（洗稿）", "2024"),
        DemoVersion(seed("004"), "发改环资〔2015〕3214号", "发改环资〔2015〕3214号 通知及附件", "2015"),
        DemoVersion(
            holiday_a, "全国年节及纪念日放假办法", "全国年节及纪念日放假办法", "2013-12-11", "2013年第三次修订"
        ),
        DemoVersion(
            holiday_b, "全国年节及纪念日放假办法", "全国年节及纪念日放假办法", "2024-11-10", "2024年第四次修订"
        ),
        DemoVersion(
            court_a,
            "最高人民法院关于知识产权法庭若干问题的规定",
            "最高人民法院关于知识产权法庭若干问题的规定",
            "2018-12-28",
            "2018年原文",
        ),
        DemoVersion(
            court_b,
            "最高人民法院关于知识产权法庭若干问题的规定",
            "最高人民法院关于知识产权法庭若干问题的规定",
            "2023-10-21",
            "2023年修正",
        ),
    )


DEMO_DOCUMENTS = _versions()
"""What the demo store records, in order."""


def build_demo_store(path: Path) -> Path:
    """Record `DEMO_DOCUMENTS` in the store at ``path`` (created if absent); return its path."""
    from diffing.versions import open_store

    with open_store(path) as store:
        for v in DEMO_DOCUMENTS:
            store.add_file(
                v.path, doc_id=v.doc_id, title=v.title, date=v.date, source="wendiff sample", message=v.message
            )
        return store.path


@contextmanager
def demo_store(path: str | None = None) -> Iterator[Path]:
    """The demo store at ``path``, or in a temporary folder removed afterwards."""
    if path:
        yield build_demo_store(Path(path).expanduser())
        return
    with tempfile.TemporaryDirectory(prefix="wendiff-demo-") as folder:
        yield build_demo_store(Path(folder) / "store")


def notice_spans() -> tuple[str, tuple[int, int], tuple[int, int]]:
    """The notice's 文号 and the original spans of its two copies in seed 000.

    The spans come from the duplicate finder's repeats (`diffing.dups.repeats`);
    should it find none, the text is cut at the second occurrence of its first line.
    """
    from corpus.pipeline import load
    from diffing.dups.repeats import find_repeats

    doc = load(str(samples.seed("000")))
    text = doc.original
    number = text.split("\n", 1)[0].strip()
    repeats = [r for r in find_repeats(doc) if len(r.spans) >= 2]
    if repeats:
        return number, repeats[0].spans[0], repeats[0].spans[1]
    cut = text.find(number, len(number)) if number else -1
    if cut < 0:
        raise ValueError("seed 000 no longer holds its notice twice")
    return number, (0, cut), (cut, len(text))


def demo_request() -> CompareRequest:
    """Copy 1 against copy 2 of the duplicated 2021 notice."""
    number, one, two = notice_spans()
    seed = FileSide(str(samples.seed("000")))
    return CompareRequest(PassageSide(seed, *one, f"{number} copy 1"), PassageSide(seed, *two, f"{number} copy 2"))


def demo_summary(columns: int = 100) -> str:
    """What ``wendiff demo`` shows, as text: the comparison it opens on and what its store holds."""
    from diffing.reports.redline_text import TextView, render_text
    from tui.jobs import run_compare

    diff = run_compare(demo_request())
    lines = [
        "wendiff demo: no terminal here, so the app does not start (use --app to force it).",
        "The app would open on Compare: the 2021 notice 渝规资〔2021〕428号, pasted twice into one file (seed 000),",
        "copy 1 against copy 2:",
        "",
        render_text(diff, TextView(color=False, width=columns)).rstrip("\n"),
        "",
        "Its Library would list a demo store holding:",
    ]
    seen: dict[str, list[DemoVersion]] = {}
    for v in DEMO_DOCUMENTS:
        seen.setdefault(v.doc_id, []).append(v)
    for doc_id, versions in seen.items():
        dates = ", ".join(v.date for v in versions)
        lines.append(f"  {doc_id}  ({len(versions)} version{'s' if len(versions) > 1 else ''}: {dates})")
    lines.append("Run 'wendiff demo' in a terminal to browse them (History, blame, Duplicates).")
    return "\n".join(lines) + "\n"
