"""Benchmark of large inputs of every shape (issue 24, item 9): `wendiff diff A B --format json -o r.json`.

Cases, each at about 1 MB and 10 MB so that the growth shows (target: 10× the input costs at most
about 12× the time; a 10 MB document of any shape against a variant ≤ 30 s and ≤ 2 GB):

* notice 000 pasted over and over against a short text, and against a variant (a few edits);
* the real law texts concatenated (bench/gen_pair.py) against a lightly edited copy;
* HTML pages of real law paragraphs in ``<p>`` tags with navigation furniture: text-dense at 4, 11
  and 45 MB, and a 45 MB page whose paragraphs carry inline styles (17 MB of text). Target: the
  45 MB page ≤ 30 s.

Each case runs once in a fresh interpreter (the inputs are large; the machine is shared, so wall
times are noisy: compare ratios of one run), as ``bench_diff.py`` runs it. Peak memory is the
largest ru_maxrss of the command's processes. Baseline in the same run: ``git diff --no-index --word-diff=porcelain
--word-diff-regex=.`` (stopped after 300 s). The repeating-articles pair is in bench_repeats.py.
Run: ``.venv/bin/python bench/bench_large.py [--quick]`` (``--quick``: the 1 MB cases only).
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_diff  # noqa: E402
from gen_pair import base_text, edited  # noqa: E402

GIT_TIMEOUT = 300.0
TARGET_10MB = 30.0
_PLAIN_P = "<p>{}</p>\n"
_STYLED_P = (
    '<div class="TRS_Editor"><p align="justify" style="text-indent:2em;font-family:仿宋_GB2312;font-size:16pt;'
    'line-height:28pt;margin-top:0;margin-bottom:0"><span style="font-family:仿宋_GB2312;font-size:16pt;'
    'color:#333333">{}</span></p></div>\n'
)


def _page(text: str, paragraph: str) -> str:
    nav = "<nav><ul>" + "".join(f'<li><a href="/s{k}">栏目{k}</a></li>' for k in range(30)) + "</ul></nav>"
    body = "".join(paragraph.format(html.escape(line)) for line in text.split("\n") if line.strip())
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>法律汇编</title><script>var a = 1;</script>'
        f'</head><body><header>{nav}</header><div class="main"><h1>法律汇编</h1>{body}</div>'
        "<footer>版权所有 联系我们</footer></body></html>"
    )


def _git(a: Path, b: Path) -> str:
    t0 = time.perf_counter()
    try:
        subprocess.run(
            ["git", "diff", "--no-index", "--word-diff=porcelain", "--word-diff-regex=.", str(a), str(b)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=GIT_TIMEOUT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return f">{GIT_TIMEOUT:.0f}"
    return f"{time.perf_counter() - t0:.2f}"


def _cases(tmp: Path, quick: bool) -> list[tuple[str, Path, Path]]:
    from corpus.samples import seed

    notice = seed("000").read_text(encoding="utf-8")
    short = tmp / "short.txt"
    short.write_text(notice[:2_000], encoding="utf-8")
    cases: list[tuple[str, Path, Path]] = []
    for mb in (1,) if quick else (1, 10):
        pasted, variant = tmp / f"pasted{mb}.txt", tmp / f"pasted{mb}v.txt"
        text = notice * (mb * 1_000_000 // len(notice.encode("utf-8")))
        pasted.write_text(text, encoding="utf-8")
        variant.write_text(edited(text, rate=0.001), encoding="utf-8")
        cases.append((f"notice pasted, {mb} MB vs short", pasted, short))
        cases.append((f"notice pasted, {mb} MB vs variant", pasted, variant))
    for mb in (1,) if quick else (1, 10):
        a, b = tmp / f"plain{mb}a.txt", tmp / f"plain{mb}b.txt"
        text = base_text(mb * 1_000_000)
        a.write_text(text, encoding="utf-8")
        b.write_text(edited(text), encoding="utf-8")
        cases.append((f"real law texts, {mb} MB vs edited", a, b))
    pages = [
        (4, 3_000_000, _PLAIN_P), (11, 10_700_000, _PLAIN_P), (45, 44_000_000, _PLAIN_P), (45, 17_000_000, _STYLED_P),
    ]  # fmt: skip
    for mb, size, paragraph in pages[:1] if quick else pages:
        kind = "styled" if paragraph is _STYLED_P else "plain"
        a, b = tmp / f"page{mb}{kind}a.html", tmp / f"page{mb}{kind}b.html"
        text = base_text(size)
        a.write_text(_page(text, paragraph), encoding="utf-8")
        b.write_text(_page(edited(text), paragraph), encoding="utf-8")
        cases.append((f"HTML {mb} MB ({kind} <p>, {size // 1_000_000} MB text)", a, b))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="the 1 MB cases only")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="wendiff-bench-"))
    print(f"{'case':44} {'MB a':>6} {'wendiff s':>9} {'peak MB':>8} {'git s':>7}  notes")
    for name, a, b in _cases(tmp, args.quick):
        seconds, info = bench_diff.best(a, b, tmp / "report.json", 1)
        size = a.stat().st_size / 1e6
        print(f"{name:44} {size:>6.1f} {seconds:>9.2f} {info['peak_mb']:>8.0f} {_git(a, b):>7}  {info['note']}")
        (tmp / "report.json").unlink(missing_ok=True)
    print(f"\ntargets: 10× the input ≤ about 12× the time; 10 MB vs a variant ≤ {TARGET_10MB:.0f} s and ≤ 2 GB; "
          f"the 45 MB page ≤ {TARGET_10MB:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
