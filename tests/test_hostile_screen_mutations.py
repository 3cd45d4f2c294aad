"""Mutation fuzz of `levynav screen` inputs (round 4): realistic cases (the generator's, and the examples) with cells
replaced by hostile values — wrong types, huge numbers, dates 0000-00-00 / 9999-12-31 / leap days, negative
amounts, unicode, control characters, garbage in `case_json` — in JSONL, CSV and Parquet.

The promise for every input: exit 0 with one output row per input row, in order, each under its own case id (never
another row's), or a one-line refusal (exit 2) with nothing written; an error row names a field and says what is
wrong — never "the analysis failed (...); please report it" (a crash of the engine caught by the row) nor a
traceback.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levynav.screen.columns import all_columns
from levynav.screen.generate import write_cases
from tests import json_paths
from tests.helpers import run_cli

FEW = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CRASH = "please report it"

HOSTILE_TEXT = [
    "",
    " ",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "2024-02-29",
    "2025-02-29",
    "2026-13-01",
    "2026-11-23T25:00:00",
    "-1",
    "-0.01",
    "1e308",
    "1e-400",
    "NaN",
    "Infinity",
    "-Infinity",
    "9" * 40,
    "1" + "0" * 5000,
    "12,345.67",
    "$-5",
    "0x1F",
    "١٢٣",  # Arabic-Indic digits
    "ñandú",
    "\x00",
    "a\x1b[31mb",
    "\u202eevil",
    "\ufffd",
    "𝟙𝟚𝟛",
    "true",
    "null",
    "[]",
    "{}",
    '{"a": [1, {"b": null}]}',
    "x" * 30_000,
    "𒀀" * 25_000,
]
HOSTILE_JSON: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    -0.01,
    1e308,
    10**30,
    -(10**30),
    [],
    {},
    [[[[[]]]]],
    {"a": {"b": {"c": []}}},
    [1, "a", None],
    *HOSTILE_TEXT[:34],
]


def _screen(source: Path, out: Path) -> tuple[int, str, str]:
    return run_cli("screen", str(source), "--out", str(out), "--as-of", "2026-11-23")


def _check_run(tmp_path: Path, source: Path, ids: list[str], id_always_read: bool = True) -> None:
    """``id_always_read``: every row's id cell is readable (a table's), so every output row is under its own id; a
    JSONL line that is not read as JSON at all is known by its row number (docs/batch-screening.md)."""
    out = tmp_path / "out.parquet"
    code, stdout, err = _screen(source, out)
    assert "Traceback" not in stdout + err
    if code == 2:  # a refusal of the file: one line, nothing written
        assert len(err.strip().splitlines()) == 1, err
        assert not any(p.name.startswith("out.") for p in tmp_path.iterdir()), sorted(tmp_path.iterdir())
        return
    assert code == 0, err
    table = pl.read_parquet(out)
    assert table.height == len(ids)
    assert table["row"].to_list() == list(range(1, len(ids) + 1))
    for row, (got, want) in enumerate(zip(table["case_id"].to_list(), ids, strict=True), start=1):
        assert got == want or (not id_always_read and got == str(row)), (row, got, want)  # never another row's id
    errors = pl.read_csv(tmp_path / "out.errors.csv", infer_schema=False)
    for row in errors.iter_rows(named=True):
        assert row["field"] and row["reason"], row
        assert CRASH not in row["reason"] and "Error" not in row["reason"], row


# ---------------------------------------------------------------- JSONL: the examples, one value replaced


def _example_cases() -> list[dict[str, Any]]:
    from levynav.intake.load import load_case

    return [
        load_case(p).model_dump(mode="json", exclude_none=True)
        for p in sorted(EXAMPLES.glob("*.yaml"))
        if "taxpayer" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {})
    ]


EXAMPLE_CASES = _example_cases()


@st.composite
def mutated_case(draw: st.DrawFn) -> dict[str, Any]:
    case = draw(st.sampled_from(EXAMPLE_CASES))
    for _ in range(draw(st.integers(1, 3))):
        paths = json_paths.paths(case)[1:]  # not the whole case
        path = draw(st.sampled_from(paths))
        new = draw(st.sampled_from(HOSTILE_JSON) | st.text(max_size=30) | st.integers() | st.floats())
        case = json_paths.replaced(case, path, new)
    return case


@FEW
@given(cases=st.lists(mutated_case(), min_size=1, max_size=4))
def test_mutated_jsonl_cases_are_screened_or_named(tmp_path_factory: pytest.TempPathFactory, cases: list[Any]) -> None:
    tmp_path = tmp_path_factory.mktemp("jsonl")
    source = tmp_path / "cases.jsonl"
    lines = []
    ids = []
    for n, case in enumerate(cases):
        if isinstance(case, dict):
            case = {**case, "case_id": f"c{n}"}
        lines.append(json.dumps(case, allow_nan=True, ensure_ascii=False))
        ids.append(f"c{n}")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    _check_run(tmp_path, source, ids, id_always_read=False)


# ---------------------------------------------------------------- CSV: the generator's rows, cells replaced


_GENERATED: dict[str, list[dict[str, str]]] = {}


def _generated_rows() -> list[dict[str, str]]:
    if "rows" not in _GENERATED:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "g.csv"
            write_cases(path, 30, 11, 0.0)
            with path.open(encoding="utf-8", newline="") as fh:
                _GENERATED["rows"] = list(csv.DictReader(fh))
    return _GENERATED["rows"]


COLUMNS = [c for c in all_columns() if c != "case_id"]


@FEW
@given(
    picks=st.lists(
        st.tuples(
            st.integers(0, 29),
            st.lists(
                st.tuples(st.sampled_from(COLUMNS), st.sampled_from(HOSTILE_TEXT) | st.text(max_size=20)),
                min_size=1,
                max_size=4,
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_csv_cells_are_screened_or_named(
    tmp_path_factory: pytest.TempPathFactory, picks: list[tuple[int, list[tuple[str, str]]]]
) -> None:
    tmp_path = tmp_path_factory.mktemp("csv")
    rows = _generated_rows()
    header = list(rows[0])
    source = tmp_path / "cases.csv"
    ids = []
    with source.open("w", encoding="utf-8", newline="", errors="surrogatepass") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for n, (index, cells) in enumerate(picks):
            row = {**rows[index], "case_id": f"c{n}"}
            for column, value in cells:
                if column in row:
                    row[column] = value
            writer.writerow(row)
            ids.append(f"c{n}")
    _check_run(tmp_path, source, ids)


# ---------------------------------------------------------------- Parquet: typed cells of every kind


TYPED: list[tuple[pa.DataType, Any]] = [
    (pa.int64(), 2**63 - 1),
    (pa.int64(), -(2**63)),
    (pa.int8(), -128),
    (pa.uint64(), 2**64 - 1),
    (pa.float64(), float("nan")),
    (pa.float64(), float("inf")),
    (pa.float64(), -1e308),
    (pa.float64(), 5e-324),
    (pa.decimal128(38, 10), Decimal("-9999999999999999999999999999.9999999999")),
    (pa.bool_(), True),
    (pa.date32(), date(1, 1, 1)),
    (pa.date32(), date(9999, 12, 31)),
    (pa.date32(), date(2024, 2, 29)),
    (pa.timestamp("us"), None),
    (pa.string(), "0000-00-00"),
    (pa.string(), "\x00"),
    (pa.binary(), b"\xff\xfe"),
    (pa.list_(pa.int64()), [1, 2]),
    (pa.struct([("a", pa.int64())]), {"a": 1}),
    (pa.large_string(), "x" * 25_000),
]


@FEW
@given(
    cells=st.lists(st.tuples(st.sampled_from(COLUMNS), st.integers(0, len(TYPED) - 1)), min_size=1, max_size=3),
    rows=st.integers(1, 3),
)
def test_mutated_parquet_columns_are_screened_or_named(
    tmp_path_factory: pytest.TempPathFactory, cells: list[tuple[str, int]], rows: int
) -> None:
    tmp_path = tmp_path_factory.mktemp("parquet")
    base = _generated_rows()[:rows]
    columns: dict[str, pa.Array] = {"case_id": pa.array([f"c{n}" for n in range(rows)])}
    for column, kind in cells:
        datatype, value = TYPED[kind]
        columns[column] = pa.array([value] * rows, type=datatype)
    for name in ("taxpayer_kind", "levy_1_kind", "levy_1_served_date"):
        if name not in columns:
            columns[name] = pa.array([r[name] or None for r in base], type=pa.string())
    source = tmp_path / "cases.parquet"
    pq.write_table(pa.table(columns), source)
    _check_run(tmp_path, source, [f"c{n}" for n in range(rows)])


# ---------------------------------------------------------------- found by this fuzz


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cases.csv", 'case_id,taxpayer_kind,case_json\n1,individual,\nc9,individual,"[1, 2]"\n'),
        (
            "cases.csv",
            "case_id,taxpayer_kind,case_json\n1,individual,\n"
            'c9,individual,"{""taxpayer"": {""kind"": ""business""}}"\n',
        ),
        ("cases.jsonl", '{"case_id": "1", "taxpayer": {"kind": "individual"}}\n{"case_id": "c9", "taxpayer": 7}\n'),
    ],
)
def test_an_error_row_keeps_its_own_id_not_its_row_number(tmp_path: Path, name: str, content: str) -> None:
    """A row whose id was read but whose other cells were bad (case_json not an object) was written under its row
    number: row 2 as "2", or as "1" ... — the id of another row, and both became error rows, the good one losing its
    flags. It is now written under its own id."""
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    code, _, err = _screen(source, tmp_path / "out.parquet")
    assert code == 0, err
    table = pl.read_parquet(tmp_path / "out.parquet")
    ids = table["case_id"].to_list()
    assert sorted(ids) == ["1", "c9"], ids
    assert table.filter(pl.col("case_id") == "1")["status"].to_list() == ["ok"]
