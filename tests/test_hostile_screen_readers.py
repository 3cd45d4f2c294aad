"""Hostile input, round 2: the readers of `levynav screen` (JSONL, CSV, Parquet) with values their libraries cannot
hold or that are not what they claim to be.

The promise, for every input: exit 0 with each bad row an error row naming its column (or ``(line)``) and the
problem, or exit 2 with one line naming the file and the problem — never an internal error (exit 1), a traceback, a
half-written table, a value changed without a word, or the work of reading a line without a bound.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levynav.screen import partition, sources
from tests.helpers import run_cli

AS_OF = "2026-11-23"
FEW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
INDIVIDUAL = {"case_id": ["a"], "taxpayer_kind": ["individual"], "levy_1_kind": ["bank"]}


def _screen(source: Path, out: Path) -> tuple[int, str, list[dict[str, Any]], list[dict[str, Any]]]:
    """Exit code, stderr, the output rows and the error rows (empty when nothing was written)."""
    code, _stdout, err = run_cli("screen", str(source), "--out", str(out), "--as-of", AS_OF)
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    if code != 0:
        assert len(err.strip().splitlines()) == 1, err
        assert not out.exists(), "nothing written when the input is refused"
        return code, err, [], []
    rows = pl.read_csv(out, infer_schema=False).to_dicts()
    errors = pl.read_csv(out.with_name(out.stem + ".errors.csv"), infer_schema=False).to_dicts()
    return code, err, rows, errors


# ---------------------------------------------------------------- Parquet: values Python cannot hold

FAR_DATES = {
    "date32_after_9999": pa.array([3_000_000], pa.date32()),
    "date32_before_year_1": pa.array([-800_000], pa.date32()),
    "date64_after_9999": pa.array([3_000_000 * 86_400_000], pa.date64()),
    "timestamp_ns_far": pa.array([2**62], pa.timestamp("ns")),  # within ns: year 2116, then past LATEST_DATE
    "timestamp_us_far": pa.array([2**62], pa.timestamp("us")),
    "timestamp_s_far": pa.array([2**50], pa.timestamp("s")),
    "timestamp_ms_negative": pa.array([-(2**55)], pa.timestamp("ms")),
    "timestamp_tz_far": pa.array([2**62], pa.timestamp("us", tz="UTC")),
}


@pytest.mark.parametrize("name", sorted(FAR_DATES))
def test_a_parquet_date_python_cannot_hold_is_an_error_row_by_its_column(tmp_path: Path, name: str) -> None:
    """A date32 of 3,000,000 days (year 10183) or a timestamp past year 9999 ended `screen` in an internal error
    (OverflowError in the reader): the whole run lost for one cell."""
    source = tmp_path / "in.parquet"
    good = pa.table({**INDIVIDUAL, "levy_1_served_date": pa.array([None], FAR_DATES[name].type)})
    bad = pa.table({**INDIVIDUAL, "case_id": ["b"], "levy_1_served_date": FAR_DATES[name]})
    pq.write_table(pa.concat_tables([good, bad]), source)
    code, err, rows, errors = _screen(source, tmp_path / "out.csv")
    assert code == 0, err
    # an unreadable cell is a row problem: the row is known by its number, as for every other bad cell
    assert [r["status"] for r in rows] == ["ok", "error"]
    if name == "timestamp_ns_far":  # a real date (2116), refused by the model's own range
        assert errors == [{"row": "2", "field": "levy_1_served_date", "reason": errors[0]["reason"]}]
        assert "plausible range" in errors[0]["reason"]
        return
    assert errors == [{"row": "2", "field": "levy_1_served_date", "reason": sources.OUT_OF_RANGE}]


def test_a_far_date_in_a_column_levynav_does_not_read_changes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({**INDIVIDUAL, "my_notes": FAR_DATES["date32_after_9999"]}), source)
    code, _, _ = run_cli(
        "screen", str(source), "--out", str(tmp_path / "o.csv"), "--as-of", AS_OF, "--ignore-column", "my_notes"
    )[:3]
    assert code == 0
    assert pl.read_csv(tmp_path / "o.csv")["status"].to_list() == ["ok"]


def test_a_far_date_as_the_case_id_is_an_error_row_known_by_its_number(tmp_path: Path) -> None:
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"case_id": FAR_DATES["date32_after_9999"], "taxpayer_kind": ["individual"]}), source)
    code, err, rows, errors = _screen(source, tmp_path / "out.csv")
    assert code == 0, err
    assert [(r["case_id"], r["status"]) for r in rows] == [("1", "error")]
    assert errors == [{"row": "1", "field": "case_id", "reason": sources.OUT_OF_RANGE}]


# ---------------------------------------------------------------- JSONL: text that is not text


@pytest.mark.parametrize("key", ["id", "case_id"])
@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "a\\udc80b"])
def test_a_case_id_with_a_lone_surrogate_is_an_error_row(tmp_path: Path, key: str, escape: str) -> None:
    """JSON may write a lone surrogate (``"\\ud800"``); it is no character, cannot be written as UTF-8, and ended
    `screen` in an internal error (UnicodeEncodeError writing the table)."""
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"taxpayer": {"kind": "individual"}}\n' + f'{{"taxpayer": {{"kind": "individual"}}, "{key}": "{escape}"}}\n'
    )
    code, err, rows, errors = _screen(source, tmp_path / "out.csv")
    assert code == 0, err
    assert [(r["case_id"], r["status"]) for r in rows] == [("1", "ok"), ("2", "error")]
    assert errors == [{"row": "2", "field": key, "reason": "is not valid text (a lone surrogate code); remove it"}]


def test_a_jsonl_line_that_is_not_utf8_is_an_error_row_not_a_changed_name(tmp_path: Path) -> None:
    """A line in Latin-1 ("Jos\\xe9") was read with the byte replaced by U+FFFD and screened as a case whose name
    was changed without a word; it is now an error row naming the line."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(
        b'{"taxpayer": {"kind": "individual", "name": "Jos\xe9"}}\n{"taxpayer": {"kind": "individual"}}\n'
    )
    code, err, rows, errors = _screen(source, tmp_path / "out.csv")
    assert code == 0, err
    assert [(r["case_id"], r["status"]) for r in rows] == [("1", "error"), ("2", "ok")]
    assert errors == [{"row": "1", "field": "(line)", "reason": sources.LINE_NOT_UTF8}]


def test_a_jsonl_line_is_read_only_to_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line longer than the limit was read whole (a file of one 2 GB line: 2 GB, then its text) before it was
    refused; it is now refused after at most the limit's bytes, and the next line is read as usual."""
    monkeypatch.setattr(partition, "MAX_LINE_CHARS", 1000)
    monkeypatch.setattr(sources, "MAX_LINE_BYTES", 4000)
    seen: list[int] = []
    real = sources._read_line

    def spy(fh: Any) -> Any:
        out = real(fh)
        seen.append(len(out) if isinstance(out, bytes) else 0)
        return out

    monkeypatch.setattr(sources, "_read_line", spy)
    source = tmp_path / "in.jsonl"
    long_line = b'{"taxpayer": {"kind": "individual", "name": "' + b"x" * 50_000 + b'"}}\n'
    source.write_bytes(long_line + b'{"taxpayer": {"kind": "individual"}}\n')
    items = [item for part in sources.partitions(source, 10) for item in part.items]
    assert max(seen) <= 4001, "never more than the limit held at once"
    assert len(items) == 2 and isinstance(items[0], sources.UnreadLine)
    assert sources.count_rows(source) == 2
    code, err, rows, errors = _screen(source, tmp_path / "out.csv")
    assert code == 0, err
    assert [r["status"] for r in rows] == ["error", "ok"]
    assert errors[0]["field"] == "(line)" and "longer than" in errors[0]["reason"]


# ---------------------------------------------------------------- CSV: not UTF-8


def test_a_csv_that_is_not_utf8_is_refused_naming_its_line(tmp_path: Path) -> None:
    """A CSV saved in Latin-1 or Windows-1252 was refused as "cannot be read as CSV (ComputeError)": the file is now
    named with the line of its first byte that is not UTF-8 and what to do."""
    source = tmp_path / "in.csv"
    source.write_bytes(b"case_id,taxpayer_kind,county\r\na,individual,Cook\r\nb,individual,Pe\xf1a\r\n")
    code, err, _, _ = _screen(source, tmp_path / "out.csv")
    assert code == 2
    assert err.strip() == f"levynav: in.csv: line 3 is {sources.NOT_UTF8_LINE}", err


# ---------------------------------------------------------------- every reader: generated hostile cells

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "0001-01-01",
        "9999-12-31",
        "2024-02-29",
        "2023-02-29",
        "1e999",
        "-1e999",
        "NaN",
        "-inf",
        "1" * 40,
        "١٠٠",
        "１００",
        "\u200b5",
        "5\u200f",
        "\u202eindividual",
        "individual\x00",
        "a" * 30_000,
        "../../etc/passwd",
        "=cmd|' /C calc'!A0",
        "123-45-6789",
        "true",
        "[1, 2]",
        '{"a": {"a": {"a": 1}}}',
    ]
)
COLUMNS = ["case_id", "taxpayer_kind", "household_size", "levy_1_kind", "levy_1_served_date", "levy_1_amount"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=8,
)


@FEW
@given(cells=st.lists(st.tuples(st.sampled_from(COLUMNS), HOSTILE_TEXT), min_size=1, max_size=6))
def test_any_hostile_csv_cell_is_an_ok_or_error_row(cells: list[tuple[str, str]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        row = {"case_id": "a", "taxpayer_kind": "individual", **dict(cells)}
        pl.DataFrame({k: [v] for k, v in row.items()}).write_csv(folder / "in.csv")
        code, err, rows, errors = _screen(folder / "in.csv", folder / "out.csv")
        assert code == 0, err
        assert len(rows) == 1
        assert all(e["field"] and e["reason"] for e in errors)
        written = (folder / "out.csv").read_text() + (folder / "out.errors.csv").read_text()
        assert "123-45-6789" not in written and "\x00" not in written and "\u202e" not in written


@FEW
@given(case=st.dictionaries(st.sampled_from(["taxpayer", "levies", "id", "case_id", "notices"]), JSON_VALUES))
def test_any_hostile_jsonl_case_is_an_ok_or_error_row(case: dict[str, Any]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        line = json.dumps(case, allow_nan=True)
        (folder / "in.jsonl").write_text(line + "\n" + line.replace('"', '"\\ud800', 1) + "\n")
        code, err, rows, errors = _screen(folder / "in.jsonl", folder / "out.csv")
        assert code == 0, err
        assert len(rows) == 2
        assert all(e["field"] and e["reason"] for e in errors)


PARQUET_ARRAYS = st.sampled_from(
    [
        *FAR_DATES.values(),
        pa.array([float("nan")]),
        pa.array([float("inf")]),
        pa.array([1e300]),
        pa.array([2**63 - 1]),
        pa.array([2**64 - 1], pa.uint64()),
        pa.array([True]),
        pa.array([b"\xff\xfe"]),
        pa.array([[1, 2]]),
        pa.array([{"x": 1}]),
        pa.array([None], pa.null()),
        pa.array([10], pa.time32("s")),
        pa.array([10], pa.duration("s")),
        pa.array(["individual"]).dictionary_encode(),
        pa.array([[3_000_000]], pa.list_(pa.date32())),
    ]
)


@FEW
@given(cells=st.lists(st.tuples(st.sampled_from(COLUMNS), PARQUET_ARRAYS), min_size=1, max_size=4))
def test_any_hostile_parquet_cell_is_an_ok_or_error_row(cells: list[tuple[str, pa.Array]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        columns = {"case_id": pa.array(["a"]), "taxpayer_kind": pa.array(["individual"]), **dict(cells)}
        pq.write_table(pa.table(columns), folder / "in.parquet")
        code, err, rows, errors = _screen(folder / "in.parquet", folder / "out.csv")
        assert code == 0, err
        assert len(rows) == 1
        assert all(e["field"] and e["reason"] for e in errors)


# ---------------------------------------------------------------- Parquet: an id in a float column


@pytest.mark.parametrize("value", [2.0**53 + 2, 1e300, 12345678901234567.0])
def test_a_float_id_too_large_to_be_exact_is_an_error_row(tmp_path: Path, value: float) -> None:
    """A float column's 7.0 is the id 7; but past 2**53 a float holds no exact whole number: 12345678901234567 is
    stored as 12345678901234568, and 1e300 was written as a 301-digit id. Written as read, the id could be another
    case's in the inventory it is joined back to; the row is now an error row known by its number."""
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"case_id": pa.array([7.0, value]), "taxpayer_kind": ["individual", "individual"]}), source)
    code, err, rows, errors = _screen(source, tmp_path / "out.csv")
    assert code == 0, err
    assert [(r["case_id"], r["status"]) for r in rows] == [("7", "ok"), ("2", "error")]
    assert errors[0]["field"] == "case_id" and "2**53" not in errors[0]["reason"]
    assert "exact" in errors[0]["reason"]


# ---------------------------------------------------------------- CSV: another dialect


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"case_id,taxpayer_kind\ra,individual\rb,individual\r", "lines end in a carriage return alone"),
        (b"case_id;taxpayer_kind\na;individual\n", "separated by semicolons"),
        (b"case_id\ttaxpayer_kind\na\tindividual\n", "separated by tabs"),
    ],
    ids=["cr_only", "semicolons", "tabs"],
)
def test_a_csv_of_another_dialect_is_refused_by_what_it_is(tmp_path: Path, raw: bytes, says: str) -> None:
    """A CSV saved with old Mac line ends (CR alone), or by a spreadsheet set to semicolons or tabs, was refused as one
    unknown column named by the whole header ("'case_id;taxpayer_kind': not a column levynav reads")."""
    source = tmp_path / "in.csv"
    source.write_bytes(raw)
    code, err, _, _ = _screen(source, tmp_path / "out.csv")
    assert code == 2
    assert err.startswith("levynav: in.csv: ") and says in err, err
