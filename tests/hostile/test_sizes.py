"""Sizes on the command line are parsed strictly: no ``inf``, exponents or astronomic values (issue 15, item 10)."""

from __future__ import annotations

import pytest

from corpus.samples import real_pair
from tui.cli import main

A, B = (str(p) for p in real_pair("01_holiday_measures"))


@pytest.mark.parametrize("size", ["inf", "1e400", "9999999999999999999999G", "nan", "-1", "1e3", "2T5", ""])
def test_a_size_that_is_not_a_finite_number_of_bytes_is_refused_without_a_traceback(
    size: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["diff", A, B, "--max-size", size])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "OverflowError" not in err
    assert "--max-size" in err.splitlines()[-1]


@pytest.mark.parametrize(("size", "expected"), [("100M", 100 * 1024**2), ("512k", 512 * 1024), ("1.5kb", 1536),
                                                ("42", 42), ("1T", 1024**4)])
def test_ordinary_sizes_are_read_as_bytes(size: str, expected: int) -> None:
    from tui.cmd_diff import parse_size

    assert parse_size(size) == expected
