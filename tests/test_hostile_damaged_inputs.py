"""Damaged inputs to `levynav screen` (round 4): each is refused in one line of plain words naming the file and, for a
text table, the row, line and column — never the reader library's error name ("ArrowInvalid", "ComputeError") — with
exit 2 and nothing written; a JSONL line that is not one case is an error row saying where and what it is."""

from __future__ import annotations

import csv
import os
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.helpers import run_cli

NOT_PARQUET = "is not a readable Parquet table (the file is damaged, cut short, or not Parquet at all)"
LIBRARY_WORDS = ("Arrow", "Error", "Polars", "Exception", "Traceback")


def _screen(source: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    return run_cli("screen", str(source), "--out", str(out), "--as-of", "2026-11-23", *extra)


def _refused(tmp_path: Path, source: Path, *extra: str) -> str:
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = _screen(source, tmp_path / "out.csv", *extra)
    assert code == 2, (out, err)
    assert len(err.strip().splitlines()) == 1, err
    assert not any(word in err for word in LIBRARY_WORDS), err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written, no work folder left
    return err.strip().removeprefix("levynav: ")


def _table(rows: int) -> pa.Table:
    return pa.table(
        {"case_id": [f"c{i}" for i in range(rows)], "taxpayer_kind": ["individual"] * rows},
    )


def _damaged(good: bytes, how: str) -> bytes:
    rng = random.Random(7)
    if how == "cut in half":
        return good[: len(good) // 2]
    if how == "footer cut":
        return good[:-3]
    if how == "random bytes":
        return bytes(rng.randrange(256) for _ in range(4000))
    if how == "text":
        return b"case_id,taxpayer_kind\na,individual\n"
    damaged = bytearray(good)  # the footer's length overwritten: its metadata cannot be found
    damaged[-8:-4] = b"\xff\xff\xff\x7f"
    return bytes(damaged)


@pytest.mark.parametrize("how", ["cut in half", "footer cut", "random bytes", "text", "footer length"])
def test_a_damaged_parquet_file_is_refused_in_plain_words(tmp_path: Path, how: str) -> None:
    good = tmp_path / "good.parquet"
    pq.write_table(_table(10), good)
    source = tmp_path / "cases.parquet"
    source.write_bytes(_damaged(good.read_bytes(), how))
    good.unlink()
    assert _refused(tmp_path, source).startswith(f"cases.parquet: {NOT_PARQUET}")


def test_a_parquet_file_damaged_past_its_first_rows_leaves_nothing_behind(tmp_path: Path) -> None:
    """Its first partitions were screened and kept in the work folder before the damaged rows were reached: a rerun
    could never finish them, so the folder is removed and the refusal names the rows read."""
    good = tmp_path / "good.parquet"
    pq.write_table(_table(20_000), good, row_group_size=1000, compression="snappy")
    data = bytearray(good.read_bytes())
    start = pq.ParquetFile(good).metadata.row_group(15).column(0).data_page_offset
    data[start + 30 : start + 200] = os.urandom(170)
    good.unlink()
    source = tmp_path / "cases.parquet"
    source.write_bytes(bytes(data))
    said = _refused(tmp_path, source, "--partition-rows", "1000")
    assert said.startswith("cases.parquet: is not a readable Parquet table: its rows after row ")
    assert "cannot be read (the file is damaged)" in said


def test_a_damaged_file_of_a_parquet_folder_is_named_by_its_path(tmp_path: Path) -> None:
    folder = tmp_path / "inventory"
    (folder / "b").mkdir(parents=True)
    pq.write_table(_table(3), folder / "a.parquet")
    (folder / "b" / "c.parquet").write_bytes(b"PAR1 not really parquet PAR1")
    assert _refused(tmp_path, folder).startswith(f"inventory/b/c.parquet: {NOT_PARQUET}")


HEADER = "case_id,taxpayer_kind,household_size\n"


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            "a,individual,2\nb,individual,2,7\n",
            "row 2 (line 3) has 4 cells but the header names 3 columns: the cells past column 3 (household_size) have "
            "no column",
        ),
        (
            "a,individual\n",
            "row 1 (line 2) has 2 cells but the header names 3 columns: column 3 (household_size) and the ones after "
            "it are missing",
        ),
        (
            "a,individual,2\n" + HEADER + "b,individual,3\n",
            "row 2 (line 3) repeats the header line (two tables joined into one?); remove it",
        ),
        (
            'a,individual,2\nb,"individual,3\nc,individual,4\n',
            'row 2 (line 3), column 2 (taxpayer_kind): a quote (") opens the cell and is never closed',
        ),
        ('a,indi"vidual,2\n', 'row 1 (line 2), column 2 (taxpayer_kind): a quote (") inside the cell is not written'),
        ('a,"individual"x,2\n', 'row 1 (line 2), column 2 (taxpayer_kind): a quote (") inside the cell is not'),
        (
            'a,"two\nlines",2\nb,individual,3,9\n',
            "row 2 (line 4) has 4 cells",  # a quoted cell of two lines: rows and lines are counted apart
        ),
        ("a,individual," + "9" * 1_000_001 + "\n", "line 2 is longer than 1000000 characters"),
    ],
)
def test_a_damaged_csv_is_refused_by_its_row_line_and_column(tmp_path: Path, body: str, said: str) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(HEADER + body, encoding="utf-8")
    assert _refused(tmp_path, source).startswith(f"cases.csv: {said}")


def test_csv_binary_garbage_is_refused_in_plain_words(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_bytes(HEADER.encode() + random.Random(3).randbytes(3000))
    said = _refused(tmp_path, source)
    assert said.startswith("cases.csv: line ") and "is not UTF-8 text" in said


def test_csv_duplicate_columns_are_refused_by_name(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text("case_id,household_size,household_size\na,2,3\n", encoding="utf-8")
    assert _refused(tmp_path, source) == "household_size: the column is given twice"


def test_well_written_quoting_and_blank_lines_are_still_read(tmp_path: Path) -> None:
    """What the row check must not refuse: quotes doubled inside a quoted cell, a cell of two lines, CRLF line ends,
    a last line without its line end, a case_json cell."""
    source = tmp_path / "cases.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(["case_id", "taxpayer_kind", "case_json"])
        writer.writerow(['a "1"', "individual", '{"levies": []}'])
        writer.writerow(["b,2", "individual", ""])
        fh.write('c,individual,"{""levies"":\n []}"')
    code, out, err = _screen(source, tmp_path / "out.csv")
    assert code == 0, err
    assert out.startswith("3 cases screened")


NUL_CELL = "case_id,taxpayer_kind\na\x00b,individual\n"


def test_a_nul_byte_in_a_cell_is_an_error_row_by_its_column(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(NUL_CELL, encoding="utf-8")
    code, _, err = _screen(source, tmp_path / "out.csv")
    assert code == 0, err
    rows = list(csv.reader((tmp_path / "out.errors.csv").open(encoding="utf-8")))
    assert rows[1][:2] == ["1", "case_id"] and rows[1][2].startswith("holds a control character"), rows


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('{"taxpayer": {"kind": "individual"}, "levies": [', "is not valid JSON: it stops after column 48 before its"),
        ('{"taxpayer": {"kind": "indiv', 'is not valid JSON: the text in quotes (") begun at column 23 is never'),
        ('{"taxpayer" {"kind": "individual"}}', "is not valid JSON at column 13"),
        ("[1, 2]", "must hold a JSON object (one case), not an array"),
        ("42", "must hold a JSON object (one case), not a number"),
        ('"case"', "must hold a JSON object (one case), not a string"),
        ("null", "must hold a JSON object (one case), not null"),
    ],
)
def test_a_jsonl_line_that_is_not_one_case_is_an_error_row_saying_where(tmp_path: Path, line: str, said: str) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text('{"taxpayer": {"kind": "individual"}}\n' + line, encoding="utf-8")  # the last line cut short
    code, out, err = _screen(source, tmp_path / "out.csv")
    assert code == 0, err
    assert out.startswith("2 cases screened (1 ok, 1 with errors)")
    rows = list(csv.reader((tmp_path / "out.errors.csv").open(encoding="utf-8")))
    assert rows[1:] == [["2", "(line)", rows[1][2]]] and rows[1][2].startswith(said), rows
