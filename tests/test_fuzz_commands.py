"""Property tests of the commands test_fuzz_input.py does not reach: `screen` (JSONL, CSV, Parquet), `generate-cases`,
`explain`, `data import-standards` and `serve`'s options.

Each run: exit code 0 or 2, no traceback; on 2, error lines that name a field, an option or "(file)", nothing on
stdout and nothing written. For `screen`, a row it cannot read is an error row, never a failed run: every input row
is a row of the table, every error line names its field and gives a reason, and no value of the input is repeated.
Bounded: a fixed number of examples, no deadline, derandomized; no timing.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levynav.screen import columns
from tests.helpers import run_cli

FEW = settings(max_examples=12, suppress_health_check=list(HealthCheck), derandomize=True, deadline=None)
SOME = settings(max_examples=25, suppress_health_check=list(HealthCheck), derandomize=True, deadline=None)
AS_OF = ("--as-of", "2026-11-23")
NAMES_WHAT = re.compile(r"\w\]?(\.[\w\[\]]+)*: |\(file\)|--[a-z-]+|[A-Z_]{6,}")
SECRET = "Quentin Zebulon"  # put in text cells: it must never reach the errors file


def refused_cleanly(code: int, out: str, err: str, folder: Path, before: list[Path]) -> None:
    assert "Traceback" not in out + err, (out + err)[-1500:]
    assert code in (0, 2), (code, (out + err)[-1500:])
    if code == 2:
        assert out == ""
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines and any(NAMES_WHAT.search(line) for line in lines), err
        assert sorted(folder.rglob("*")) == before, "a refused command left output behind"


def _files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


# ---------------------------------------------------------------- screen

HOSTILE_CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            " ",
            "true",
            "false",
            "yes",
            "NaN",
            "Infinity",
            "-1",
            "1e400",
            "9" * 40,
            "0",
            "86400",
            "2026-02-30",
            "0001-01-01",
            "9999-12-31",
            "2026-11-12",
            "١٢٣",  # Arabic-Indic digits
            "１２",  # full-width digits
            "\u202e2026-01-01",  # a right-to-left override before a date
            "\x00",
            "\ufeffindividual",
            "[bold]x[/]",
            "<script>x</script>",
            "individual",
            "bank",
            "wages",
            "1040-2021",
            SECRET,
        ]
    ),
)
COLUMNS = [c for c in columns.all_columns() if c != columns.CASE_JSON]
CASE_JSON_CELL = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "{",
            "[]",
            "null",
            '{"levies": [], "levies": []}',
            '{"taxpayer": {"kind": "individual", "kind": "business"}}',
            '{"circumstances": {"household_size": true}}',
            '{"levies": [{"kind": "bank", "served_date": 0}]}',
            '{"offers": [{"status": "pending", "submitted_date": "2026-01-02"}]}',
            "[" * 5000,
            '{"a": 1' + "0" * 5000 + "}",
            json.dumps({"taxpayer": {"name": SECRET}}),
        ]
    ),
)


@st.composite
def table_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    chosen = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=8, unique=True))
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        row: dict[str, Any] = {"case_id": draw(st.one_of(st.none(), st.sampled_from(["a", "b", "1", "2"])))}
        row.update({name: draw(HOSTILE_CELL) for name in chosen})
        if draw(st.booleans()):
            row["taxpayer_kind"] = "individual"
        row[columns.CASE_JSON] = draw(CASE_JSON_CELL)
        rows.append(row)
    return rows


def _check_screen(source: Path, rows: int, folder: Path) -> None:
    out = folder / "out.csv"
    before = _files(folder)
    code, stdout, stderr = run_cli("screen", str(source), "--out", str(out), *AS_OF, "--partition-rows", "2")
    refused_cleanly(code, stdout, stderr, folder, before)
    if code == 2:
        return
    table = pl.read_csv(out, infer_schema=False)
    assert table.height == rows
    assert set(table["status"].to_list()) <= {"ok", "error"}
    errors = list(csv.DictReader((folder / "out.errors.csv").open(encoding="utf-8")))
    for line in errors:
        assert line["field"] and line["reason"], line
    by_row: dict[str, int] = {}
    for line in errors:
        by_row[line["row"]] = by_row.get(line["row"], 0) + 1
    for row in table.iter_rows(named=True):
        assert (row["status"] == "error") == (row["row"] in by_row), row
        assert int(row["errors"]) == by_row.get(row["row"], 0), row
    text = (folder / "out.errors.csv").read_text(encoding="utf-8")
    assert SECRET not in text
    assert not (folder / "out.csv.work").exists()


@SOME
@given(rows=table_rows(), kind=st.sampled_from(["csv", "parquet"]))
def test_any_table_of_hostile_cells_is_screened_row_by_row(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, Any]], kind: str
) -> None:
    folder = tmp_path_factory.mktemp("screen")
    source = folder / f"in.{kind}"
    frame = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))
    if kind == "csv":
        frame.write_csv(source)
    else:
        frame.write_parquet(source)
    _check_screen(source, len(rows), folder)


TYPED = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.text(max_size=8),
)


@SOME
@given(data=st.data())
def test_any_typed_parquet_column_is_screened_row_by_row(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Parquet keeps its types: a boolean, integer, float or date column where any fact belongs."""
    folder = tmp_path_factory.mktemp("typed")
    source = folder / "in.parquet"
    names = data.draw(st.lists(st.sampled_from(["case_id", *COLUMNS]), min_size=1, max_size=5, unique=True))
    height = data.draw(st.integers(1, 5))
    frame: dict[str, list[Any]] = {"taxpayer_kind": ["individual"] * height}
    for name in names:
        strategy = data.draw(st.sampled_from([st.booleans(), st.integers(-(2**40), 2**40), st.floats(), st.dates()]))
        frame[name] = data.draw(st.lists(st.one_of(st.none(), strategy), min_size=height, max_size=height))
    pl.DataFrame(frame, strict=False).write_parquet(source)
    _check_screen(source, height, folder)


JSONL_LINE = st.one_of(
    st.text(max_size=60),
    st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    st.dictionaries(
        st.sampled_from(["id", "case_id", "taxpayer", "levies", "circumstances", "finances", "notices", "x"]),
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5), st.just({})),
        max_size=5,
    ).map(json.dumps),
    CASE_JSON_CELL.filter(lambda v: v is not None),
    st.just(json.dumps({"id": "ok", "taxpayer": {"kind": "individual", "name": SECRET}})),
)


@SOME
@given(lines=st.lists(JSONL_LINE, min_size=1, max_size=6))
def test_any_jsonl_is_screened_line_by_line(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    folder = tmp_path_factory.mktemp("jsonl")
    source = folder / "in.jsonl"
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines) + "\n"
    source.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    rows = sum(1 for raw in source.read_bytes().split(b"\n")[:-1] if raw.decode("utf-8", "replace").strip())
    _check_screen(source, rows, folder)


@FEW
@given(
    name=st.sampled_from(["in.jsonl", "in.csv", "in.parquet", "in.txt", "in", "in.JSONL"]),
    raw=st.one_of(st.binary(max_size=400), st.just(b""), st.just(b"\xef\xbb\xbfcase_id\na\n")),
    out=st.sampled_from(["out.csv", "out.parquet", "out.exe", "absent/out.csv", "folder.csv", "in.csv"]),
)
def test_screen_refuses_files_and_outputs_it_cannot_use_by_name(
    tmp_path_factory: pytest.TempPathFactory, name: str, raw: bytes, out: str
) -> None:
    folder = tmp_path_factory.mktemp("files")
    (folder / "folder.csv").mkdir()
    source = folder / name
    source.write_bytes(raw)
    before = _files(folder)
    code, stdout, stderr = run_cli("screen", str(source), "--out", str(folder / out), *AS_OF)
    refused_cleanly(code, stdout, stderr, folder, before)
    if out in ("out.exe", "absent/out.csv", "folder.csv") or name in ("in.txt", "in"):
        assert code == 2


# ---------------------------------------------------------------- generate-cases

NUMBERS = st.one_of(st.integers(-5, 30), st.sampled_from(["99999999999", "1e3", "", "NaN", "٣", "0x10", "-0"]))


@FEW
@given(
    count=NUMBERS.map(str),
    seed=st.one_of(st.integers(-(2**70), 2**70), st.sampled_from(["x", "1.5", ""])).map(str),
    rate=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["x", "-0", "1", "0.5"])).map(str),
    out=st.sampled_from(["c.jsonl", "c.csv", "c.parquet", "c.exe", "absent/c.jsonl", "folder.csv", ""]),
)
def test_generate_cases_options(
    tmp_path_factory: pytest.TempPathFactory, count: str, seed: str, rate: str, out: str
) -> None:
    folder = tmp_path_factory.mktemp("generate")
    (folder / "folder.csv").mkdir()
    before = _files(folder)
    args = ["generate-cases", count, "--seed", seed, "--malformed-rate", rate, "--out", str(folder / out)]
    code, stdout, stderr = run_cli(*args)
    if stdout.startswith("Usage") or "Usage:" in stderr:  # the option parser's own refusal (typer, exit 2)
        assert code == 2 and "Traceback" not in stdout + stderr
        return
    refused_cleanly(code, stdout, stderr, folder, before)
    if code == 0:
        written = folder / out
        assert written.is_file() and not list(folder.glob(".*.tmp"))


# ---------------------------------------------------------------- explain, serve, data import-standards


@SOME
@given(rule=st.one_of(st.text(max_size=40), st.sampled_from(["R6343-A4", "r6343-a4", "../R6343", "R6343-A4\x00"])))
def test_explain_any_rule_id(rule: str) -> None:
    code, out, err = run_cli("explain", rule)
    assert code in (0, 2) and "Traceback" not in out + err
    if code == 2:
        assert out == "" and err.strip()


@FEW
@given(
    port=st.one_of(st.integers(-5, 70000), st.sampled_from(["x", "80.5", ""])).map(str),
    workers=st.one_of(st.integers(-3, 200), st.sampled_from(["x", ""])).map(str),
    as_of=st.sampled_from(["2026-11-23", "9999-12-31", "0001-01-01", "2026-02-30", "x", ""]),
    host=st.sampled_from(["127.0.0.1", "", "::1", "x" * 300]),
)
def test_serve_options(
    tmp_path_factory: pytest.TempPathFactory, port: str, workers: str, as_of: str, host: str
) -> None:
    import uvicorn

    folder = tmp_path_factory.mktemp("serve")
    started: list[object] = []
    original = uvicorn.run
    uvicorn.run = lambda *a, **k: started.append(1)  # type: ignore[assignment]
    try:
        args = ["serve", "--port", port, "--workers", workers, "--as-of", as_of, "--host", host]
        code, out, err = run_cli(*args, "--data-dir", str(folder / "db"))
    finally:
        uvicorn.run = original  # type: ignore[assignment]
    assert code in (0, 2) and "Traceback" not in out + err
    if code == 2:
        assert not started


EDITION_TEXT = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.sampled_from(
        [
            "",
            "edition: 2026-04-21\n",
            "edition: 9999-12-31\ntables: {}\n",
            "a: &a [x, x]\nb: [*a, *a, *a]\n",
            "edition: 2026-04-21\nedition: 2026-04-22\n",
            "[" * 3000,
            "edition: !!python/object:os.system ls\n",
        ]
    ),
)


@FEW
@given(edition=EDITION_TEXT, table=st.one_of(st.none(), st.binary(max_size=200)))
def test_import_standards_of_any_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, edition: str, table: bytes | None
) -> None:
    folder = tmp_path_factory.mktemp("standards")
    data = folder / "data"
    source = folder / "edition"
    source.mkdir()
    (source / "edition.yaml").write_text(edition, encoding="utf-8", errors="surrogatepass")
    if table is not None:
        (source / "national.csv").write_bytes(table)
    monkeypatch.setenv("LEVYNAV_DATA_DIR", str(data))
    code, out, err = run_cli("data", "import-standards", str(source))
    assert code in (0, 2) and "Traceback" not in out + err, (out + err)[-1500:]
    if code == 2:
        assert out == "" and err.strip()
        installed = [p for p in data.rglob("*") if p.is_file()] if data.exists() else []
        assert installed == [], installed
