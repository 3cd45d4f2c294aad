"""Batch screening in one process: the flat columns, the flags against `analyze`, bad rows, resume, the CLI."""

from __future__ import annotations

import csv
import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levynav.cli.arguments import analysis_json
from levynav.core.analyze import analyze
from levynav.core.model.case import Case
from levynav.intake.load import load_case
from levynav.screen import columns, generate, output, run
from levynav.screen.flags import FLAG_COLUMNS, flags
from tests.helpers import run_cli

AS_OF = date(2026, 11, 23)
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


def _examples_jsonl(path: Path) -> dict[str, Case]:
    """Every example as one JSONL line with its file name as id; the cases as `load_case` reads them."""
    loaded = {p.stem: load_case(p) for p in EXAMPLES}
    with path.open("w", encoding="utf-8") as fh:
        for name, case in loaded.items():
            data = case.model_dump(mode="json", exclude_none=True)
            fh.write(json.dumps({"id": name, **data}) + "\n")
    return loaded


def _expected(case: Case) -> dict[str, Any]:
    return flags(analyze(case, AS_OF)).as_row()


def _flag_rows(table: pl.DataFrame) -> dict[str, dict[str, Any]]:
    names = [n for n, _ in FLAG_COLUMNS]
    return {r["case_id"]: {n: r[n] for n in names} for r in table.iter_rows(named=True)}


def test_every_example_screened_gives_the_flags_of_its_own_analysis(tmp_path: Path) -> None:
    cases = _examples_jsonl(tmp_path / "in.jsonl")
    done = run.screen_file(tmp_path / "in.jsonl", tmp_path / "out.parquet", run.Options(AS_OF))
    table = pl.read_parquet(done.table)
    assert done.cases == len(EXAMPLES) and done.ok == len(EXAMPLES)
    got = _flag_rows(table)
    for name, case in cases.items():
        assert got[name] == _expected(case), name
    # the flags say something about this inventory: the examples were written to show these grounds
    assert table.filter(pl.col("must_release").str.contains("R6343-A4")).height >= 1
    assert table.filter(pl.col("premature_levy")).height >= 1
    assert table.filter(pl.col("csed_passed")).height >= 1


def test_with_record_holds_exactly_what_analyze_json_writes(tmp_path: Path) -> None:
    cases = _examples_jsonl(tmp_path / "in.jsonl")
    out = tmp_path / "out.parquet"
    run.screen_file(tmp_path / "in.jsonl", out, run.Options(AS_OF, with_record=True))
    records = dict(pl.read_parquet(out).select("case_id", "record").iter_rows())
    for name, case in cases.items():
        assert records[name] == analysis_json(analyze(case, AS_OF))
    code, cli_json, _ = run_cli("analyze", str(EXAMPLES[0]), "--as-of", AS_OF.isoformat(), "--format", "json")
    assert code == 0 and cli_json.rstrip("\n") == records[EXAMPLES[0].stem]


def test_generated_cases_in_csv_and_parquet_screen_like_their_jsonl(tmp_path: Path) -> None:
    for suffix in ("jsonl", "csv", "parquet"):
        generate.write_cases(tmp_path / f"g.{suffix}", 60, seed=3, malformed_rate=0.1)
        run.screen_file(tmp_path / f"g.{suffix}", tmp_path / f"o-{suffix}.parquet", run.Options(AS_OF))
    base = pl.read_parquet(tmp_path / "o-jsonl.parquet")
    assert base.filter(pl.col("status") == "error").height >= 1
    # A broken JSONL line carries no id it can be read by (known by its row number); the same case's table row holds
    # its id in its own column, and its error row keeps it (round 4). Every other cell is the same row for row.
    unread = base["case_id"] == base["row"].cast(pl.String)
    assert unread.sum() >= 1
    for suffix in ("csv", "parquet"):
        other = pl.read_parquet(tmp_path / f"o-{suffix}.parquet")
        assert other.drop("errors", "case_id").equals(base.drop("errors", "case_id")), suffix
        assert other.filter(~unread)["case_id"].equals(base.filter(~unread)["case_id"]), suffix
        kept = other.filter(unread)
        assert kept["case_id"].to_list() == [f"gen-3-{n:07d}" for n in kept["row"].to_list()], suffix
        assert set(kept["status"].to_list()) == {"error"}, suffix


@settings(max_examples=15)
@given(seed=st.integers(0, 10_000))
def test_flat_columns_carry_a_case_there_and_back(seed: int) -> None:
    for case_id, data in generate.cases(5, seed):
        assert isinstance(data, dict)
        row = columns.case_to_row(data, case_id)
        back, _ = columns.row_to_case_data(row)
        assert Case.model_validate(back) == Case.model_validate(data)
        assert columns.case_id_of(row, 1) == case_id


def test_common_facts_go_to_their_columns_and_the_rest_to_case_json() -> None:
    data = {
        "taxpayer": {"kind": "individual", "state": "OH"},
        "levies": [{"kind": "bank", "served_date": "2026-11-12", "tax_periods": ["1040-2022"]}],
        "tax_periods": [{"id": "1040-2022", "balance": "100.00"}],
        "offers": [{"status": "pending", "submitted_date": "2026-08-01"}],
    }
    row = columns.case_to_row(data, "c-1")
    assert row["taxpayer_kind"] == "individual" and row["levy_1_served_date"] == "2026-11-12"
    assert row["levy_1_periods"] == "1040-2022" and row["period_1_balance"] == "100.00"
    assert json.loads(row["case_json"] or "") == {"offers": data["offers"]}


def test_a_fact_in_a_column_and_in_case_json_is_a_row_error() -> None:
    row = {"taxpayer_kind": "individual", "case_json": json.dumps({"taxpayer": {"kind": "business"}})}
    with pytest.raises(columns.RowProblem) as err:
        columns.row_to_case_data(row)
    assert err.value.field == "case_json" and "taxpayer.kind" in err.value.reason


def test_bad_rows_become_error_rows_and_lines_without_taxpayer_data(tmp_path: Path) -> None:
    good = {"id": "good", "taxpayer": {"kind": "individual", "name": "Quentin Zebulon Example"}}
    leaky = {
        "id": "dates",
        "taxpayer": {"kind": "individual", "name": "Quentin Zebulon Example"},
        "levies": [{"kind": "bank", "served_date": "2026-10-17", "proceeds_sent_date": "2026-09-03"}],
    }
    typo = {"id": "typo", "taxpayer": {"kind": "individual", "nmae": "Quentin Zebulon Example"}}
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(good), "{not json", "", json.dumps(leaky), json.dumps(typo), "[1, 2]"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run.screen_file(source, tmp_path / "out.csv", run.Options(AS_OF))
    assert (done.cases, done.ok, done.error_rows) == (5, 1, 4)  # the blank line is not a case
    table = pl.read_csv(done.table)
    assert table["row"].to_list() == [1, 2, 4, 5, 6]
    assert table["status"].to_list() == ["ok", "error", "error", "error", "error"]
    errors = list(csv.DictReader(done.errors.open(encoding="utf-8")))
    assert [(e["row"], e["field"]) for e in errors] == [
        ("2", "(line)"),
        ("4", "levies[0]"),
        ("5", "taxpayer.nmae"),
        ("6", "(line)"),
    ]
    text = done.errors.read_text(encoding="utf-8")
    for secret in ("Quentin", "2026-10-17", "2026-09-03"):
        assert secret not in text


def test_a_jsonl_line_is_read_as_a_case_file_is(tmp_path: Path) -> None:
    """A key given twice is refused by name (it was read as its last value), a number past Python's digit limit is a
    line problem (it was "the analysis failed"), and an id must be text or a whole number, one id per case."""
    individual = '"taxpayer": {"kind": "individual"}'
    lines = [
        '{"id": "twice", "taxpayer": {"kind": "individual"}, "taxpayer": {"kind": "business"}}',
        '{"id": "inside", "taxpayer": {"kind": "individual", "kind": "business"}}',
        "{" + individual + ', "circumstances": {"household_size": 1' + "0" * 5000 + "}}",
        '{"id": {"a": 1}, ' + individual + "}",
        '{"id": true, ' + individual + "}",
        '{"id": NaN, ' + individual + "}",
        '{"id": "x", "case_id": "y", ' + individual + "}",
        '{"id": 8.0, ' + individual + "}",
        '{"id": "z", "case_id": "z", ' + individual + "}",
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run.screen_file(source, tmp_path / "out.csv", run.Options(AS_OF))
    table = pl.read_csv(done.table, schema_overrides={"case_id": pl.String})
    assert table["status"].to_list() == ["error"] * 7 + ["ok", "ok"]
    assert table["case_id"].to_list() == ["1", "2", "3", "4", "5", "6", "7", "8", "z"]
    errors = [(e["row"], e["field"], e["reason"]) for e in csv.DictReader(done.errors.open(encoding="utf-8"))]
    assert errors == [
        ("1", "taxpayer", "the key is given twice in the same mapping"),
        ("2", "taxpayer.kind", "the key is given twice in the same mapping"),  # its whole path (audit 2026-12-07, r. 2)
        ("3", "(line)", "holds a number with too many digits"),
        ("4", "id", "must be text or a whole number"),
        ("5", "id", "must be text or a whole number"),
        ("6", "id", "must be text or a whole number"),
        ("7", "id", "differs from case_id: give one id"),
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("case_id,taxpayer_kind,houshold_size", "houshold_size: not a column levynav reads"),
        ("case_id,taxpayer_kind,household_size,household_size", "household_size: the column is given twice"),
        ("case_id,taxpayer_kind,levy_4_kind", "levy_4_kind: not a column levynav reads"),
    ],
)
@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_a_column_levynav_does_not_read_refuses_the_file_by_its_name(
    tmp_path: Path, kind: str, header: str, expected: str
) -> None:
    """A misspelt column was passed over: its facts were unknown in every row and nothing said so."""
    names = header.split(",")
    source = tmp_path / f"in.{kind}"
    if kind == "csv":
        source.write_text(
            header + "\n" + ",".join(["a", "individual", "3", "4"][: len(names)]) + "\n", encoding="utf-8"
        )
    elif len(set(names)) < len(names):
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table([pa.array(["x"]) for _ in names], names=names), source)
    else:
        pl.DataFrame({name: ["x"] for name in names}).write_parquet(source)
    before = sorted(tmp_path.rglob("*"))
    code, out, err = run_cli("screen", str(source), "--out", str(tmp_path / "o.csv"), "--as-of", "2026-11-23")
    assert code == 2 and out == "" and err.startswith(f"levynav: {expected}") and len(err.strip().splitlines()) == 1
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_a_column_of_the_users_own_is_left_out_when_named_and_changes_nothing(tmp_path: Path, kind: str) -> None:
    """An inventory's own columns (names, notes) are refused unless named with --ignore-column; named, the table
    is the one the same rows give without them. A column levynav reads cannot be left out that way."""
    base = tmp_path / f"base.{kind}"
    generate.write_cases(base, 20, seed=3)
    frame = pl.read_parquet(base) if kind == "parquet" else pl.read_csv(base, infer_schema=False)
    extra = frame.with_columns(pl.lit("call back Monday").alias("notes"), pl.lit("A. Person").alias("worker"))
    source = tmp_path / f"extra.{kind}"
    if kind == "parquet":
        extra.write_parquet(source)
    else:
        extra.write_csv(source)
    argv = ["screen", str(source), "--as-of", "2026-11-23"]
    code, _, err = run_cli(*argv, "--out", str(tmp_path / "refused.csv"))
    assert code == 2 and "notes: not a column levynav reads" in err and "--ignore-column" in err
    code, _, err = run_cli(*argv, "--out", str(tmp_path / "x.csv"), "--ignore-column", "notes")
    assert code == 2 and "worker: not a column levynav reads" in err
    code, _, err = run_cli(
        *argv, "--out", str(tmp_path / "with.csv"), "--ignore-column", "notes", "--ignore-column", "worker"
    )
    assert code == 0, err
    assert run.screen_file(base, tmp_path / "without.csv", run.Options(AS_OF)).cases == 20
    assert (tmp_path / "with.csv").read_bytes() == (tmp_path / "without.csv").read_bytes()
    code, out, err = run_cli(*argv, "--out", str(tmp_path / "y.csv"), "--ignore-column", "household_size")
    assert code == 2 and out == "" and "--ignore-column household_size: levynav reads this column" in err


def test_every_column_the_generator_writes_is_read(tmp_path: Path) -> None:
    source = tmp_path / "g.parquet"
    generate.write_cases(source, 3, seed=1)
    assert set(pl.read_parquet_schema(source)) == set(columns.all_columns())
    done = run.screen_file(source, tmp_path / "o.csv", run.Options(AS_OF))
    assert done.cases == 3


def test_a_bad_cell_is_reported_by_its_column(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "case_id,taxpayer_kind,levy_1_kind,levy_1_served_date,household_size\n"
        "a,individual,bank,2026-02-30,2\n"
        "b,individual,boat,2026-02-03,many\n"
        "c,individual,wages,2026-02-03,3\n",
        encoding="utf-8",
    )
    done = run.screen_file(source, tmp_path / "out.parquet", run.Options(AS_OF))
    errors = [(e["row"], e["field"]) for e in csv.DictReader(done.errors.open(encoding="utf-8"))]
    assert errors == [("1", "levy_1_served_date"), ("2", "levy_1_kind"), ("2", "household_size")]
    assert pl.read_parquet(done.table)["status"].to_list() == ["error", "error", "ok"]


def test_a_crashed_run_resumes_without_redoing_finished_partitions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "g.jsonl"
    generate.write_cases(source, 40, seed=5)
    options = run.Options(AS_OF, partition_rows=10)
    clean = run.screen_file(source, tmp_path / "clean.parquet", options)
    out = tmp_path / "out.parquet"
    real_write = output.write_part
    written: list[int] = []

    def crash_after_two(work: Path, index: int, *args: Any) -> None:
        if len(written) == 2:
            raise OSError("disk gone")
        real_write(work, index, *args)
        written.append(index)

    monkeypatch.setattr(output, "write_part", crash_after_two)
    with pytest.raises(OSError):
        run.screen_file(source, out, options)
    assert not out.exists()
    assert len(output.done_parts(run.work_folder(out))) == 2
    monkeypatch.setattr(output, "write_part", real_write)
    screened: list[int] = []
    real_partition = run.screen_partition

    def counting(index: int, *args: Any) -> Any:
        screened.append(index)
        return real_partition(index, *args)

    monkeypatch.setattr(run, "screen_partition", counting)
    run.screen_file(source, out, options)
    assert sorted(screened) == [2, 3]
    assert pl.read_parquet(out).equals(pl.read_parquet(clean.table))
    assert not run.work_folder(out).exists()


def test_a_different_date_does_not_reuse_another_runs_partitions(tmp_path: Path) -> None:
    source = tmp_path / "g.jsonl"
    generate.write_cases(source, 12, seed=9)
    out = tmp_path / "out.parquet"
    work = run.work_folder(out)
    _, held = run._prepare_work(source, out, run.Options(date(2025, 1, 2), partition_rows=5))
    os.close(held)  # that run ended (its lock on the work folder goes with it)
    output.write_part(work, 0, [], [], False)  # a finished partition of another screening
    run.screen_file(source, out, run.Options(AS_OF, partition_rows=5))
    assert pl.read_parquet(out).height == 12


def test_summary_and_report_count_the_flags(tmp_path: Path) -> None:
    _examples_jsonl(tmp_path / "in.jsonl")
    done = run.screen_file(tmp_path / "in.jsonl", tmp_path / "out.parquet", run.Options(AS_OF))
    table = pl.read_parquet(done.table)
    summary = {(r["flag"], r["value"]): r["cases"] for r in csv.DictReader(done.summary.open(encoding="utf-8"))}
    assert int(summary[("cases", "all")]) == table.height
    assert int(summary[("premature_levy", "yes")]) == table.filter(pl.col("premature_levy")).height
    hardship = table.filter(pl.col("must_release").str.contains("R6343-A4")).height
    assert int(summary[("must_release", "R6343-A4")]) == hardship
    buckets = [int(v) for (f, _), v in summary.items() if f == "next_deadline_days_left"]
    assert sum(buckets) == table.height
    html = done.report_html.read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "not legal advice" in html
    assert "<svg" in done.report_md.read_text(encoding="utf-8")


def test_generated_cases_are_valid_and_the_same_for_the_same_seed(tmp_path: Path) -> None:
    cases = generate.cases(300, seed=11)
    for _, data in cases:
        assert isinstance(data, dict)
        Case.model_validate(data)
    assert generate.cases(300, seed=11) == cases
    assert generate.cases(300, seed=12) != cases
    kinds = {lv["kind"] for _, c in cases if isinstance(c, dict) for lv in c.get("levies", [])}
    assert {"bank", "wages", "social_security"} <= kinds
    assert any("offers" in c or "installment_agreements" in c for _, c in cases if isinstance(c, dict))
    generate.write_cases(tmp_path / "a.csv", 50, seed=4, malformed_rate=0.3)
    generate.write_cases(tmp_path / "b.csv", 50, seed=4, malformed_rate=0.3)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_cli_screens_and_generates(tmp_path: Path) -> None:
    code, _, err = run_cli("generate-cases", "25", "--seed", "2", "--out", str(tmp_path / "g.csv"))
    assert code == 0, err
    out = tmp_path / "o.csv"
    code, text, err = run_cli("screen", str(tmp_path / "g.csv"), "--out", str(out), "--as-of", "2026-11-23")
    assert code == 0, err
    assert "25 cases screened" in text
    assert pl.read_csv(out).height == 25
    for name in ("o.errors.csv", "o.summary.csv", "o.report.md", "o.report.html"):
        assert (tmp_path / name).is_file()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["screen", "{dir}/missing.jsonl", "--out", "{dir}/o.csv"], "no such file"),
        (["screen", "{dir}/in.txt", "--out", "{dir}/o.csv"], "must end in .jsonl"),
        (["screen", "{dir}/in.jsonl", "--out", "{dir}/o.xlsx"], "must end in .parquet or .csv"),
        (["screen", "{dir}/in.jsonl", "--out", "{dir}/o.csv", "--workers", "0"], "--workers"),
        (["screen", "{dir}/in.jsonl", "--out", "{dir}/o.csv", "--workers", "2", "--scheduler", "x"], "one or"),
        (
            ["screen", "{dir}/in.jsonl", "--out", "{dir}/o.csv", "--scheduler", "a://b"],
            "--scheduler: not a Dask scheduler address",
        ),
        (["screen", "{dir}/in.jsonl", "--out", "{dir}/o.csv", "--as-of", "2026-13-01"], "--as-of"),
        (["screen", "{dir}/in.jsonl", "--out", "{dir}/nowhere/o.csv"], "does not exist"),
        (["screen", "{dir}/bad.parquet", "--out", "{dir}/o.csv"], "bad.parquet: is not a readable Parquet table"),
        (["screen", "{dir}/in.jsonl", "--out", "{dir}/folder.csv"], "--out: folder.csv exists and is not a file"),
        (["screen", "{dir}/in.jsonl", "--out", "{dir}/o.csv", "--as-of", "2026-11-23"], ""),
        (["screen", "{dir}/t.csv", "--out", "{dir}/t.csv"], "--out: t.csv is the input"),
        (["generate-cases", "5", "--out", "{dir}/g.xlsx"], "must end in .jsonl"),
        (["generate-cases", "5", "--out", "{dir}/folder.csv"], "--out: folder.csv exists and is not a file"),
        (["generate-cases", "5", "--out", "{dir}/g.csv", "--malformed-rate", "2"], "between 0 and 1"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], expected: str) -> None:
    (tmp_path / "in.jsonl").write_text('{"taxpayer": {"kind": "individual"}}\n', encoding="utf-8")
    (tmp_path / "in.txt").write_text("x", encoding="utf-8")
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really parquet")
    (tmp_path / "t.csv").write_text("case_id,taxpayer_kind\na,individual\n", encoding="utf-8")
    (tmp_path / "folder.csv").mkdir()
    if not expected:  # the run itself writes o.errors.csv as a folder: found before anything is screened
        (tmp_path / "o.errors.csv").mkdir()
        expected = "--out: o.errors.csv exists and is not a file"
    before = sorted(tmp_path.rglob("*"))
    code, _, err = run_cli(*[a.format(dir=tmp_path) for a in args])
    assert code == 2
    assert expected in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert sorted(tmp_path.rglob("*")) == before, "a refused run left output behind"
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "case_id,taxpayer_kind\na,individual\n"


def test_typed_parquet_columns_read_like_text(tmp_path: Path) -> None:
    text = tmp_path / "text.csv"
    text.write_text(
        "case_id,taxpayer_kind,household_size,levy_1_kind,levy_1_served_date,levy_1_amount_taken,levy_1_proceeds_sent\n"
        "t,individual,3,bank,2026-11-12,2315.77,false\n",
        encoding="utf-8",
    )
    typed = tmp_path / "typed.parquet"
    pl.DataFrame(
        {
            "case_id": ["t"],
            "taxpayer_kind": ["individual"],
            "household_size": [3],
            "levy_1_kind": ["bank"],
            "levy_1_served_date": [date(2026, 11, 12)],
            "levy_1_amount_taken": [2315.77],
            "levy_1_proceeds_sent": [False],
        }
    ).write_parquet(typed)
    a = run.screen_file(text, tmp_path / "a.parquet", run.Options(AS_OF))
    b = run.screen_file(typed, tmp_path / "b.parquet", run.Options(AS_OF))
    assert pl.read_parquet(a.table)["status"].to_list() == ["ok"]
    assert pl.read_parquet(a.table).equals(pl.read_parquet(b.table))


def test_a_typed_parquet_cell_of_the_wrong_kind_is_an_error_row_naming_its_column(tmp_path: Path) -> None:
    """A boolean column where a count belongs was read as 1 person, an integer column where a date belongs as a
    day in 1970: each is now an error row naming the column, and the other rows are screened."""
    source = tmp_path / "typed.parquet"
    pl.DataFrame(
        {
            "case_id": ["a", "b", "c"],
            "taxpayer_kind": ["individual"] * 3,
            "household_size": [True, None, None],
            "finances_household_size": [None, False, None],
            "levy_1_kind": ["bank"] * 3,
            "levy_1_served_date": [None, 0, None],
        }
    ).write_parquet(source)
    done = run.screen_file(source, tmp_path / "out.csv", run.Options(AS_OF))
    assert pl.read_csv(done.table)["status"].to_list() == ["error", "error", "ok"]
    errors = [(e["row"], e["field"], e["reason"]) for e in csv.DictReader(done.errors.open(encoding="utf-8"))]
    assert errors == [
        ("1", "household_size", "must be a number, not true or false"),
        ("2", "levy_1_served_date", "must be a date written YYYY-MM-DD, not a number"),
        ("2", "finances_household_size", "must be a number, not true or false"),
    ]


@pytest.mark.parametrize("partition_rows", [1, 2, 500])
@pytest.mark.parametrize("with_record", [False, True])
def test_rows_sharing_a_case_id_are_error_rows_wherever_they_were_screened(
    tmp_path: Path, partition_rows: int, with_record: bool
) -> None:
    """Two rows with one id cannot be told apart by a program joining the table back to its inventory (one
    person's flags on another's file): every row sharing the id is an error row naming the other row. A row
    without an id is known by its row number, so it shares "4" with a row whose id is 4."""
    case = {"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank", "served_date": "2026-11-12"}]}
    ids: list[object] = ["a", "b", "a", None, 4, "c", "a"]
    lines = [json.dumps({**case, **({"id": i} if i is not None else {})}) for i in ids]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = run.Options(AS_OF, partition_rows=partition_rows, with_record=with_record)
    done = run.screen_file(source, tmp_path / "out.parquet", options)
    table = pl.read_parquet(done.table)
    assert table["case_id"].to_list() == ["a", "b", "a", "4", "4", "c", "a"]
    assert table["status"].to_list() == ["error", "ok", "error", "error", "error", "ok", "error"]
    assert table["errors"].to_list() == [1, 0, 1, 1, 1, 0, 1]
    shared = table.filter(pl.col("status") == "error")
    assert shared["next_deadline_id"].null_count() == shared.height
    assert table.filter(pl.col("status") == "ok")["next_deadline_id"].null_count() == 0
    if with_record:
        assert shared["record"].null_count() == shared.height
    errors = [(e["row"], e["field"], e["reason"]) for e in csv.DictReader(done.errors.open(encoding="utf-8"))]
    assert [(r, f) for r, f, _ in errors] == [(str(n), "case_id") for n in (1, 3, 4, 5, 7)]
    others = [int(re.search(r"row (\d+)", reason).group(1)) for _, _, reason in errors]  # type: ignore[union-attr]
    assert others == [3, 1, 5, 4, 1]
    assert (done.cases, done.ok, done.error_rows) == (7, 2, 5)
    summary = {(r["flag"], r["value"]): r["cases"] for r in csv.DictReader(done.summary.open(encoding="utf-8"))}
    assert (summary[("status", "ok")], summary[("status", "error")]) == ("2", "5")


def test_ids_whose_hashes_collide_are_still_told_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shared-id check finds candidates by a hash of each id, then compares the ids themselves: with a hash that
    collides for every id of one length, only the ids really given twice are refused."""
    case = {"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank", "served_date": "2026-11-12"}]}
    source = tmp_path / "in.jsonl"
    ids = ["ab", "cd", "ab", "ef", "xyz", "xyw"]
    source.write_text("".join(json.dumps({**case, "id": i}) + "\n" for i in ids), encoding="utf-8")
    real = run.screen_file(source, tmp_path / "real.csv", run.Options(AS_OF, partition_rows=2))
    monkeypatch.setattr(output, "_id_hash", lambda ids: ids.str.len_bytes().cast(pl.UInt64))
    colliding = run.screen_file(source, tmp_path / "colliding.csv", run.Options(AS_OF, partition_rows=2))
    assert pl.read_csv(colliding.table)["status"].to_list() == ["error", "ok", "error", "ok", "ok", "ok"]
    assert colliding.table.read_bytes() == real.table.read_bytes()
    assert colliding.errors.read_bytes() == real.errors.read_bytes()


def test_a_screen_without_shared_ids_is_unchanged_by_the_check(tmp_path: Path) -> None:
    source = tmp_path / "g.jsonl"
    generate.write_cases(source, 40, seed=3)
    done = run.screen_file(source, tmp_path / "out.csv", run.Options(AS_OF, partition_rows=7))
    errors = list(csv.DictReader(done.errors.open(encoding="utf-8")))
    assert all(e["field"] != "case_id" for e in errors)
    assert pl.read_csv(done.table)["case_id"].n_unique() == 40


def test_a_partitioned_parquet_folder_screens_like_one_file(tmp_path: Path) -> None:
    whole = tmp_path / "whole.parquet"
    generate.write_cases(whole, 30, seed=21, malformed_rate=0.1)
    folder = tmp_path / "dataset"
    table = pl.read_parquet(whole)
    for i, start in enumerate((0, 7, 19)):
        part = folder / f"batch={i}"
        part.mkdir(parents=True)
        table.slice(start, {0: 7, 7: 12, 19: 11}[start]).write_parquet(part / "data.parquet")
    a = run.screen_file(whole, tmp_path / "a.parquet", run.Options(AS_OF, partition_rows=8))
    b = run.screen_file(folder, tmp_path / "b.parquet", run.Options(AS_OF, partition_rows=8))
    assert pl.read_parquet(b.table).height == 30
    assert pl.read_parquet(a.table).equals(pl.read_parquet(b.table))


def test_a_partition_leaves_the_cycle_collector_as_it_found_it() -> None:
    """The collector is tuned only while a partition runs (batch_process.for_batch), then restored."""
    import gc

    from levynav.screen.partition import screen_partition

    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    lines = [json.dumps(c) for _, c in generate.cases(5, seed=3)]
    result = screen_partition(0, "jsonl", 1, lines, AS_OF, False)
    assert [r["status"] for r in result.rows] == ["ok"] * 5
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen


def test_each_written_partition_is_shown_to_the_observer_with_its_process_memory(tmp_path: Path) -> None:
    """The bench's memory watch: every partition, once, in the screening process, with a plausible resident size."""
    import os

    source = tmp_path / "g.jsonl"
    generate.write_cases(source, 25, seed=4)
    seen: list[tuple[int, int | None, int | None, int]] = []
    done = run.screen_file(
        source,
        tmp_path / "out.parquet",
        run.Options(AS_OF, partition_rows=10),
        observe=lambda r: seen.append((r.index, r.process_id, r.resident_bytes, len(r.rows))),
    )
    assert done.cases == 25
    assert sorted(i for i, *_ in seen) == [0, 1, 2]
    assert [n for *_, n in sorted(seen)] == [10, 10, 5]
    assert {pid for _, pid, _, _ in seen} == {os.getpid()}
    if os.path.exists("/proc/self/statm"):  # Linux: read from the process itself
        # more than the interpreter alone (the law data is loaded), less than the whole machine
        assert all(rss is not None and 50 * 2**20 < rss < 8 * 2**30 for _, _, rss, _ in seen)


def test_the_summary_added_up_partition_by_partition_is_the_summary_of_the_whole_table(tmp_path: Path) -> None:
    """The driver never holds the whole table: its summary is the sum of the partitions' (report.merge_summaries)."""
    from levynav.screen import report

    source = tmp_path / "g.jsonl"
    generate.write_cases(source, 150, seed=21, malformed_rate=0.05)
    whole = pl.read_parquet(run.screen_file(source, tmp_path / "one.parquet", run.Options(AS_OF)).table)
    expected = report.summary(whole)
    assert ("status", "error", 0) not in expected  # the malformed rows are there: both statuses are counted
    assert sum(1 for f, _, _ in expected if f in ("must_release", "next_deadline_id")) > 3  # ids to sort
    for size in (1, 7, 40, 149, 150):
        parts = [report.summary(whole.slice(start, size)) for start in range(0, whole.height, size)]
        assert report.merge_summaries(parts) == expected, size
    assert report.merge_summaries([]) == report.summary(whole.clear())
    done = run.screen_file(source, tmp_path / "small.csv", run.Options(AS_OF, partition_rows=7))
    rows = [(r["flag"], r["value"], int(r["cases"])) for r in csv.DictReader(done.summary.open(encoding="utf-8"))]
    assert rows == expected
    assert pl.read_csv(done.table, infer_schema=False).equals(whole.cast(pl.String))


def test_the_summary_and_the_report_see_one_partition_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts and the days-left bins are made from one partition's rows at a time and added up; the reports are
    written from those counts alone - no step of a run is handed the whole table's rows."""
    from levynav.screen import report

    seen: list[int] = []
    real = report.summary

    def counted(table: pl.DataFrame) -> list[tuple[str, str, int]]:
        seen.append(table.height)
        return real(table)

    monkeypatch.setattr(report, "summary", counted)
    source = tmp_path / "g.jsonl"
    generate.write_cases(source, 60, seed=5, malformed_rate=0.05)
    done = run.screen_file(source, tmp_path / "out.parquet", run.Options(AS_OF, partition_rows=8))
    assert done.cases == 60
    assert seen == [8] * 7 + [4]  # one call per partition, in order, each with that partition's rows
    bins = [r for r in csv.DictReader(done.summary.open(encoding="utf-8")) if r["flag"] == "next_deadline_days_left"]
    assert sum(int(r["cases"]) for r in bins) == done.ok  # every screened case falls in one bin


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_generated_tables_written_in_batches_hold_every_case_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """generate-cases never holds the whole inventory: CSV and Parquet go out in batches, the same rows."""
    monkeypatch.setattr(generate, "WRITE_BATCH_ROWS", 7)
    out = tmp_path / f"g{suffix}"
    generate.write_cases(out, 20, seed=4, malformed_rate=0.2)
    written = pl.read_csv(out, infer_schema=False) if suffix == ".csv" else pl.read_parquet(out)
    expected = [
        columns.case_to_row(case, case_id)
        if isinstance(case, dict)
        else {**dict.fromkeys(columns.all_columns()), "case_id": case_id, columns.CASE_JSON: case}
        for case_id, case in generate.cases(20, seed=4, malformed_rate=0.2)
    ]
    assert written.columns == columns.all_columns()
    assert written.to_dicts() == expected
