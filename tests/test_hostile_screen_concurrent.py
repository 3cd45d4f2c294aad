"""Hostile input, round 2: two `levynav screen` runs writing the same OUT at the same time (a scheduled job started
again before the last one ended, two people on one shared folder).

The second run found the first one's work folder with another manifest, emptied it and screened its own input into
it; the first run went on writing into that folder and, at its end, put together whatever partitions were there: its
table held the other input's cases — other people's rows under its name. A run now holds its work folder for as long
as it writes there; a second run with the same OUT is refused in one line and changes nothing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from levynav.screen import run

AS_OF = date(2026, 11, 23)


def _cases(path: Path, prefix: str, count: int) -> None:
    path.write_text(
        "".join(json.dumps({"id": f"{prefix}{i}", "taxpayer": {"kind": "individual"}}) + "\n" for i in range(count))
    )


def test_a_second_run_with_the_same_out_is_refused_and_the_first_keeps_its_own_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, out = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "out.csv"
    _cases(first, "a", 6)
    _cases(second, "b", 6)
    real = run.screen_partition
    refused: list[str] = []
    started: list[bool] = []

    def meanwhile(index: int, *args: Any) -> Any:
        if index == 1 and not started:  # the first run is half-way: the second starts now
            started.append(True)
            try:
                run.screen_file(second, out, run.Options(AS_OF, partition_rows=2))
            except run.ScreenError as err:
                refused.append(str(err))
        return real(index, *args)

    monkeypatch.setattr(run, "screen_partition", meanwhile)
    done = run.screen_file(first, out, run.Options(AS_OF, partition_rows=2))
    assert refused and refused[0].startswith("--out: another levynav screen is writing out.csv"), refused
    ids = pl.read_csv(done.table, infer_schema=False)["case_id"].to_list()
    assert ids == [f"a{i}" for i in range(6)], ids
    assert not run.work_folder(out).exists()


def test_the_same_out_is_free_again_once_a_run_ended(tmp_path: Path) -> None:
    first, out = tmp_path / "a.jsonl", tmp_path / "out.csv"
    _cases(first, "a", 3)
    run.screen_file(first, out, run.Options(AS_OF, partition_rows=2))
    done = run.screen_file(first, out, run.Options(AS_OF, partition_rows=2))
    assert pl.read_csv(done.table, infer_schema=False)["case_id"].to_list() == ["a0", "a1", "a2"]


def test_a_run_that_failed_frees_its_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, out = tmp_path / "a.jsonl", tmp_path / "out.csv"
    _cases(first, "a", 4)
    real = run.screen_partition

    def crash(index: int, *args: Any) -> Any:
        if index == 1:
            raise KeyboardInterrupt
        return real(index, *args)

    monkeypatch.setattr(run, "screen_partition", crash)
    with pytest.raises(KeyboardInterrupt):
        run.screen_file(first, out, run.Options(AS_OF, partition_rows=2))
    monkeypatch.setattr(run, "screen_partition", real)
    done = run.screen_file(first, out, run.Options(AS_OF, partition_rows=2))  # resumes: not refused
    assert pl.read_csv(done.table, infer_schema=False)["case_id"].to_list() == ["a0", "a1", "a2", "a3"]
