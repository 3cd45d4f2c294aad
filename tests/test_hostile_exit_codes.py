"""Exit codes (round 4): bad input is 2, an output the system refused to write (a full disk, a failing or read-only
device) is 74 — a script can tell "correct the input" from "free some space and run it again" — and `levynav --help`
says which is which (docs/input-limits.md, "Exit codes")."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_cli


def test_the_help_names_every_exit_code() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0
    said = " ".join(out.replace("│", " ").split())
    for part in ("Exit codes: 0 done;", "2 bad input or a bad option", "74 the output could not be written"):
        assert part in said, said


def _failing(number: int) -> Any:
    def write_cases(*_: object) -> None:
        raise OSError(number, __import__("os").strerror(number))

    return write_cases


@pytest.mark.parametrize(
    ("number", "code"),
    [(errno.ENOSPC, 74), (errno.EIO, 74), (errno.EROFS, 74), (errno.EACCES, 74), (errno.ENOTDIR, 2)],
)
def test_an_output_failure_is_74_and_an_out_that_cannot_be_one_is_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, code: int
) -> None:
    from levynav.screen import generate

    monkeypatch.setattr(generate, "write_cases", _failing(number))
    got, _, err = run_cli("generate-cases", "3", "--out", str(tmp_path / "c.jsonl"))
    assert got == code, err
    assert err.strip().startswith("levynav: --out: cannot write c.jsonl: ")


def test_an_out_under_a_file_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = run_cli("generate-cases", "3", "--out", str(tmp_path / "file" / "c.jsonl"))
    assert code == 2, err


def test_a_screening_whose_output_fails_is_74_and_bad_input_is_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from levynav.screen import output

    source = tmp_path / "cases.jsonl"
    source.write_text('{"taxpayer": {"kind": "individual"}}\n', encoding="utf-8")

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "write_part", full)
    code, _, err = run_cli("screen", str(source), "--out", str(tmp_path / "o.csv"), "--as-of", "2026-11-23")
    assert code == 74, err
    assert "the output could not be written (No space left on device)" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("case_id,taxpayer_kind\na,individual,3\n", encoding="utf-8")
    code, _, err = run_cli("screen", str(bad), "--out", str(tmp_path / "p.csv"), "--as-of", "2026-11-23")
    assert code == 2, err
