"""Empty inputs to `levynav screen` are refused alike (round 3): an empty CSV was "cannot be read as CSV
(NoDataError)", an empty Parquet file "(ArrowInvalid)" and an empty JSONL file was screened as 0 cases. A table with
its header and no rows is an inventory of 0 cases and is screened as one."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.helpers import run_cli

EMPTY = "is empty; there is nothing to screen"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cases.csv", b""),
        ("cases.jsonl", b""),
        ("cases.parquet", b""),
        ("cases.csv", b"\xef\xbb\xbf"),
        ("cases.jsonl", b"\xef\xbb\xbf\n\n  \n"),
        ("cases.csv", b"\r\n"),
    ],
)
def test_an_empty_input_is_refused_in_one_line(tmp_path: Path, name: str, content: bytes) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    code, out, err = run_cli("screen", str(source), "--out", str(tmp_path / "out.csv"), "--as-of", "2026-11-23")
    assert code == 2, (out, err)
    assert err.strip() == f"levynav: {name}: {EMPTY} (a table needs at least its header line)"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_a_table_with_only_its_header_is_zero_cases(tmp_path: Path, kind: str) -> None:
    source = tmp_path / f"cases.{kind}"
    if kind == "csv":
        source.write_text("case_id,levy_1_kind\n", encoding="utf-8")
    else:
        pl.DataFrame(schema={"case_id": pl.String, "levy_1_kind": pl.String}).write_parquet(source)
    code, out, err = run_cli("screen", str(source), "--out", str(tmp_path / "out.parquet"), "--as-of", "2026-11-23")
    assert code == 0, err
    assert out.startswith("0 cases screened")
    assert pl.read_parquet(tmp_path / "out.parquet").height == 0
    assert pl.read_csv(tmp_path / "out.errors.csv").height == 0
