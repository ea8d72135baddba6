"""A test that needs a program outside Python is skipped without it, but fails under CI=true."""

from __future__ import annotations

import pytest

from tests.programs import Program, need_cjk_font, need_program

MISSING = Program("wendiff-no-such-program", "no-such-package")


def test_a_present_program_is_found_on_the_path() -> None:
    assert need_program(Program("git", "git")).endswith("git")


def test_a_missing_program_skips_the_test_with_one_line_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"^wendiff-no-such-program is not installed \(apt-get") as info:
        need_program(MISSING)
    assert "\n" not in str(info.value)


def test_a_missing_program_fails_the_test_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no-such-program is not installed, and CI=true requires it"):
        need_program(MISSING)


def test_without_a_chinese_font_a_test_that_draws_chinese_pages_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tests.programs.shutil.which", lambda name: None)  # no fontconfig: no font known
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"Chinese glyphs is not installed.*fonts-noto-cjk"):
        need_cjk_font()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="fonts-noto-cjk"):
        need_cjk_font()
