"""Output to a full or failing device (fuzz round 3): one line that says so, exit 74 (round 4; 2 is bad input),
nothing half written.

`levynav analyze CASE > /dev/full` (and every other command printing its answer) was "an internal error (OSError
...); please report it". `levynav screen` with its output on a full disk was an internal error too (Polars's
ComputeError), and the summary and reports were written one by one after the table was in place, so a disk filling
between them left a table without its reports.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bank-levy-hardship-21-day-hold.yaml"
FULL = Path("/dev/full")
COMMANDS = [
    ["analyze", str(EXAMPLE), "--as-of", "2026-11-23"],
    ["analyze", str(EXAMPLE), "--as-of", "2026-11-23", "--format", "json"],
    ["finances", str(EXAMPLE), "--as-of", "2026-11-23"],
    ["transcript", str(ROOT / "tests" / "data" / "transcripts" / "client_1040_2017.txt")],
    ["rules"],
    ["wage-exempt", "--year", "2026", "--pay-period", "weekly"],
]


@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a[:1] + a[-1:]))
def test_an_answer_printed_to_a_full_device_is_one_line(args: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("LEVYNAV_DEBUG", None)
    with FULL.open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "levynav", *args], stdout=full, stderr=subprocess.PIPE, env=env, timeout=120
        )
    err = done.stderr.decode()
    assert done.returncode == 74, err
    assert err == "levynav: the output could not be written (No space left on device)\n"


def _cases(tmp_path: Path, count: int = 7) -> Path:
    source = tmp_path / "cases.jsonl"
    code, _, err = run_cli("generate-cases", str(count), "--seed", "3", "--out", str(source))
    assert code == 0, err
    return source


def _no_outputs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "cases.jsonl")


def test_screen_with_its_partitions_on_a_full_disk_says_so(tmp_path: Path, monkeypatch: Any) -> None:
    source = _cases(tmp_path)

    def full(*_: Any, **__: Any) -> None:
        raise pl.exceptions.ComputeError(
            "parquet: File out of specification: underlying IO error: No space left on device (os error 28)"
        )

    monkeypatch.setattr(pl.DataFrame, "write_parquet", full)
    code, _, err = run_cli("screen", str(source), "--out", str(tmp_path / "out.csv"), "--as-of", "2026-11-23")
    assert code == 74, err
    assert "--out: the output could not be written (No space left on device); nothing was written" in err
    assert "internal error" not in err
    assert _no_outputs(tmp_path) == []


def test_screen_whose_reports_cannot_be_written_publishes_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    source = _cases(tmp_path)
    write_text = Path.write_text

    def full_at_the_html(self: Path, *args: Any, **kwargs: Any) -> int:
        if self.name.endswith(".report.html.tmp"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_at_the_html)
    code, _, err = run_cli(
        "screen", str(source), "--out", str(tmp_path / "out.csv"), "--as-of", "2026-11-23", "--partition-rows", "3"
    )
    assert code == 74, err
    assert "--out: the output could not be written (No space left on device); nothing was written" in err
    # the partitions are kept for a resume; no table, errors file, summary or report is in place
    assert _no_outputs(tmp_path) == ["out.csv.work"]
    monkeypatch.undo()
    code, _, err = run_cli(
        "screen", str(source), "--out", str(tmp_path / "out.csv"), "--as-of", "2026-11-23", "--partition-rows", "3"
    )
    assert code == 0, err
    assert _no_outputs(tmp_path) == sorted(
        ["out.csv", "out.errors.csv", "out.summary.csv", "out.report.md", "out.report.html"]
    )
    assert pl.read_csv(tmp_path / "out.csv").height == 7
