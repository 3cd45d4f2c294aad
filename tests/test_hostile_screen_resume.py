"""`levynav screen` resumed after an interrupted run whose work folder was damaged (round 3).

Partitions were renamed into place without being flushed to the disk, so a crash of the machine could leave one cut
short; and a partition whose file was damaged, or whose errors file was missing, made the resumed run an internal
error (Polars's ComputeError, or "cannot write the output: FileNotFoundError") when the table was assembled. A
partition is now kept only when both its files read as Parquet; any other is screened again, and the resumed table
is the one a run without interruption writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from levynav.screen import output
from tests.helpers import run_cli

ARGS = ("--as-of", "2026-11-23", "--partition-rows", "4")


def _screen(source: Path, out: Path) -> tuple[int, str]:
    code, _, err = run_cli("screen", str(source), "--out", str(out), *ARGS)
    return code, err


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "cases.jsonl"
    code, _, err = run_cli("generate-cases", "30", "--seed", "11", "--out", str(path))
    assert code == 0, err
    return path


def _interrupted(source: Path, out: Path, monkeypatch: Any, after: int) -> Path:
    write_part = output.write_part
    calls = [0]

    def stop_after(*args: Any, **kwargs: Any) -> None:
        if calls[0] == after:
            raise KeyboardInterrupt
        calls[0] += 1
        write_part(*args, **kwargs)

    monkeypatch.setattr(output, "write_part", stop_after)
    code, _ = _screen(source, out)
    assert code != 0
    monkeypatch.undo()
    work = out.with_name(out.name + ".work")
    assert len(list(work.glob("part-??????.parquet"))) == after
    return work


@pytest.mark.parametrize("damage", ["cut_short", "empty", "errors_missing", "errors_cut", "stray_tmp"])
def test_a_resumed_run_rescreens_a_damaged_partition(
    tmp_path: Path, source: Path, monkeypatch: Any, damage: str
) -> None:
    clean = tmp_path / "clean.parquet"
    assert _screen(source, clean)[0] == 0
    out = tmp_path / "out.parquet"
    work = _interrupted(source, out, monkeypatch, after=5)
    rows, errors = output.part_paths(work, 2)
    if damage == "cut_short":
        rows.write_bytes(rows.read_bytes()[:20])
    elif damage == "empty":
        rows.write_bytes(b"")
    elif damage == "errors_missing":
        errors.unlink()
    elif damage == "errors_cut":
        errors.write_bytes(errors.read_bytes()[:-9])
    else:
        (work / "part-000005.parquet.tmp").write_bytes(b"PAR1 half")
    code, err = _screen(source, out)
    assert code == 0, err
    assert "internal error" not in err
    assert_frame_equal(pl.read_parquet(out), pl.read_parquet(clean))
    assert (tmp_path / "out.errors.csv").read_text() == (tmp_path / "clean.errors.csv").read_text()
    assert not work.exists()


def test_done_parts_counts_only_whole_partitions(tmp_path: Path, source: Path, monkeypatch: Any) -> None:
    work = _interrupted(source, tmp_path / "out.parquet", monkeypatch, after=3)
    assert output.done_parts(work) == {0, 1, 2}
    output.part_paths(work, 1)[1].unlink()
    assert output.done_parts(work) == {0, 2}
