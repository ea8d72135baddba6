"""``wendiff diff`` run as a program runs without the cyclic collector and leaves as soon as its output is
written (`tui.cli._leave`): the whole report is out, the exit handlers ran and the status is the command's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REAL = Path(__file__).parents[1] / "data" / "real"
PAIR = REAL / "10_procuratorate_criminal_procedure_rules"

_SCRIPT = """
import atexit, gc, sys
from pathlib import Path
handler = Path(sys.argv[1])
atexit.register(lambda: handler.write_text(f"ran, collector {'on' if gc.isenabled() else 'off'}"))
sys.argv = ["wendiff", *sys.argv[2:]]
from tui.cli import main
main()
raise SystemExit("main returned")
"""


def _program(handler: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(handler), *args], capture_output=True, timeout=120, check=False
    )


def test_a_diff_run_as_a_program_writes_its_whole_report_to_standard_output_and_runs_the_exit_handlers(
    tmp_path: Path,
) -> None:
    handler = tmp_path / "handler"
    done = _program(handler, "diff", str(PAIR / "a.txt"), str(PAIR / "b.txt"), "--format", "json")
    assert (done.returncode, done.stderr) == (1, b"")
    assert len(done.stdout) > 1 << 20  # far more than a pipe holds
    assert json.loads(done.stdout)["format"] == "wendiff.diff"
    assert handler.read_text() == "ran, collector off"


def test_a_diff_written_to_a_file_is_whole_and_equal_documents_still_exit_0(tmp_path: Path) -> None:
    handler, report = tmp_path / "handler", tmp_path / "r.json"
    done = _program(handler, "diff", str(PAIR / "a.txt"), str(PAIR / "b.txt"), "-f", "json", "-o", str(report))
    assert done.returncode == 1 and json.loads(report.read_text(encoding="utf-8"))["rows"]
    same = _program(handler, "diff", str(PAIR / "a.txt"), str(PAIR / "a.txt"))
    assert (same.returncode, same.stderr) == (0, b"")
