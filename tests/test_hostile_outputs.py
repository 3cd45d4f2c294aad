"""Hostile text that reaches a file levynav writes (audit 2026-12-07, round 2).

A case's text may hold line breaks and other separators, and a screened row's id may begin like a spreadsheet
formula. Each file format gets them in the form it can hold: the calendar one content line per property, the CSV
tables a cell no spreadsheet runs as a formula.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from levynav.core.analyze import analyze
from levynav.documents.calendar import deadlines_ics
from levynav.intake.load import load_case
from levynav.web import Settings, create_app
from tests.helpers import run_cli

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = "2026-11-23"
# Every character a case's text may hold (bounded.py refuses the others) that would break a content line.
BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\u2028", "\u2029", "\x85"]


def _case_with(name: str, holder: str) -> dict[str, Any]:
    data: dict[str, Any] = load_case(EXAMPLES / "balance-paid-in-full.yaml").model_dump(mode="json", exclude_none=True)
    data["taxpayer"]["name"] = name
    data["levies"][0]["holder"] = holder
    return data


def _assert_one_line_per_property(ics: bytes) -> None:
    text = ics.decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert not any(ch in line for ch in BREAKS if ch != "\x85"), line
        assert "\x85" not in line and "\x0b" not in line, line
        assert line[:1] == " " or ":" in line or ";" in line, line  # a folded line or a property, nothing injected
    cal = Calendar.from_ical(ics)
    assert len(cal.walk("VCALENDAR")) == 1


@pytest.mark.parametrize("brk", BREAKS, ids=[f"U+{ord(b[0]):04X}{'-LF' if len(b) > 1 else ''}" for b in BREAKS])
def test_a_name_on_two_lines_is_one_calendar_name(brk: str) -> None:
    name = f"Robin{brk}END:VCALENDAR{brk}BEGIN:VEVENT"
    ics = deadlines_ics(analyze(load_case(EXAMPLES / "balance-paid-in-full.yaml"), date(2026, 11, 23)), name)
    _assert_one_line_per_property(ics)
    cal = Calendar.from_ical(ics)
    assert str(cal["x-wr-calname"]) == "IRS levy deadlines — Robin END:VCALENDAR BEGIN:VEVENT"
    assert len(cal.walk("VEVENT")) == len(Calendar.from_ical(deadlines_ics(_plain_analysis(), "Robin")).walk("VEVENT"))


def _plain_analysis() -> Any:
    return analyze(load_case(EXAMPLES / "balance-paid-in-full.yaml"), date(2026, 11, 23))


@pytest.mark.parametrize("brk", ["\n", "\r", "\x0b", "\u2028"], ids=["LF", "CR", "VT", "LS"])
def test_packet_of_a_case_whose_texts_hold_line_breaks_is_written(tmp_path: Path, brk: str) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(_case_with(f"Robin{brk}Paidup", f"Example{brk}Hospital")), encoding="utf-8")
    out = tmp_path / "packet"
    code, stdout, stderr = run_cli("packet", str(case), "--out", str(out), "--as-of", AS_OF)
    assert code == 0, stderr
    assert "Traceback" not in stdout + stderr
    _assert_one_line_per_property((out / "deadlines.ics").read_bytes())


def test_web_calendar_and_packet_of_a_name_on_two_lines(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", as_of=date(2026, 11, 23)))
    with TestClient(app, raise_server_exceptions=False) as client:
        made = client.post("/api/v1/cases", json=_case_with("Robin\nEND:VEVENT\r\nX", "Example\nHospital"))
        assert made.status_code == 201
        code = made.json()["id"]
        ics = client.get(f"/api/v1/cases/{code}/deadlines.ics")
        assert ics.status_code == 200
        _assert_one_line_per_property(ics.content)
        pdf = client.get(f"/api/v1/cases/{code}/packet.pdf")
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")


# CSV injection (OWASP): a cell a spreadsheet reads as a formula begins with one of these (and their full-width forms).
FORMULA_STARTS = ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"]


def _formula_cells(path: Path) -> list[str]:
    import csv

    with path.open(newline="", encoding="utf-8") as fh:
        cells = [cell for row in list(csv.reader(fh))[1:] for cell in row]
    return [c for c in cells if c[:1] in FORMULA_STARTS or c[:1] in ("\t", "\r", "\n")]


@pytest.mark.parametrize("kind", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("record", [False, True], ids=["table", "with-record"])
def test_a_case_id_that_looks_like_a_formula_is_never_one_in_the_csv_table(
    tmp_path: Path, kind: str, record: bool
) -> None:
    import polars as pl

    ids = [f"{start}cmd|' /C calc'!A0" for start in FORMULA_STARTS] + ["=1+1", "@SUM(A1)", "-2+3", "plain-id"]
    rows = [{"case_id": i, "taxpayer_kind": "individual", "state": "NY"} for i in ids]
    source = tmp_path / f"in.{kind}"
    if kind == "jsonl":
        source.write_text(
            "".join(json.dumps({"case_id": i, "taxpayer": {"kind": "individual"}}) + "\n" for i in ids),
            encoding="utf-8",
        )
    elif kind == "csv":
        pl.DataFrame(rows).write_csv(source)
    else:
        pl.DataFrame(rows).write_parquet(source)
    out = tmp_path / "out.csv"
    code, _, stderr = run_cli("screen", str(source), "--out", str(out), "--as-of", AS_OF, *(["--with-record"] * record))
    assert code == 0, stderr
    assert _formula_cells(out) == []
    for path in (out, tmp_path / "out.errors.csv", tmp_path / "out.summary.csv"):
        assert _formula_cells(path) == [], path
    table = pl.read_csv(out, infer_schema=False)
    # each id is still there, told apart from the others: the quote a spreadsheet hides, then the id as given
    assert table["case_id"].to_list() == [f"'{i}" if i[:1] in FORMULA_STARTS else i for i in ids]
    assert table["status"].to_list() == ["ok"] * len(ids)


def test_a_parquet_table_keeps_the_ids_as_given(tmp_path: Path) -> None:
    import polars as pl

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"case_id": "=1+1", "taxpayer": {"kind": "individual"}}) + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    code, _, stderr = run_cli("screen", str(source), "--out", str(out), "--as-of", AS_OF)
    assert code == 0, stderr
    assert pl.read_parquet(out)["case_id"].to_list() == ["=1+1"]


def test_shared_formula_ids_are_error_rows_in_the_csv_table_too(tmp_path: Path) -> None:
    import polars as pl

    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"case_id": "=HYPERLINK(1)", "taxpayer": {"kind": "individual"}}) + "\n" for _ in range(2)),
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    code, _, stderr = run_cli("screen", str(source), "--out", str(out), "--as-of", AS_OF)
    assert code == 0, stderr
    table = pl.read_csv(out, infer_schema=False)
    assert table["status"].to_list() == ["error", "error"]
    assert _formula_cells(out) == []


@pytest.mark.parametrize("module", ["levynav", "levynav.cli"])
def test_python_dash_m_runs_the_command(module: str) -> None:
    import os
    import subprocess
    import sys

    src = str(Path(__file__).parent.parent / "src")
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run(
        [sys.executable, "-m", module, "explain", "NO-SUCH-RULE"], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("levynav:") or "NO-SUCH-RULE" in done.stderr


# ---------------------------------------------------------------- screen: the ids and the files themselves

CONTROL_IDS = ["x\x00y", "a\x1b[31mred", "\u202eevil", "bell\x07", "del\x7f", "\u2066iso"]


@pytest.mark.parametrize("kind", ["csv", "jsonl", "parquet"])
def test_a_case_id_holding_a_control_character_is_an_error_row_by_its_column(tmp_path: Path, kind: str) -> None:
    import polars as pl

    ids = [*CONTROL_IDS, "x" * 20_001, "fine"]
    source = tmp_path / f"in.{kind}"
    if kind == "jsonl":
        source.write_text(
            "".join(json.dumps({"case_id": i, "taxpayer": {"kind": "individual"}}) + "\n" for i in ids),
            encoding="utf-8",
        )
    else:
        frame = pl.DataFrame({"case_id": ids, "taxpayer_kind": ["individual"] * len(ids)})
        frame.write_csv(source) if kind == "csv" else frame.write_parquet(source)
    out = tmp_path / "out.parquet"
    code, _, stderr = run_cli("screen", str(source), "--out", str(out), "--as-of", AS_OF)
    assert code == 0, stderr
    table = pl.read_parquet(out)
    numbers = [str(n) for n in range(1, len(ids))]
    assert table["case_id"].to_list() == [*numbers, "fine"]  # a refused id is never written: the row number is
    assert table["status"].to_list() == ["error"] * (len(ids) - 1) + ["ok"]
    errors = pl.read_csv(tmp_path / "out.errors.csv")
    assert errors["field"].to_list() == ["case_id"] * (len(ids) - 1)
    assert all("control character" in r for r in errors["reason"].to_list()[: len(CONTROL_IDS)])
    assert "MAX_TEXT_CHARS" in errors["reason"].to_list()[-1]


def test_a_jsonl_file_beginning_with_a_byte_order_mark_reads_its_first_line(tmp_path: Path) -> None:
    import polars as pl

    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"case_id": i, "taxpayer": {"kind": "individual"}}) for i in ("a", "b")]
    source.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8") + b"\n")
    out = tmp_path / "out.parquet"
    code, _, stderr = run_cli("screen", str(source), "--out", str(out), "--as-of", AS_OF)
    assert code == 0, stderr
    assert pl.read_parquet(out)["status"].to_list() == ["ok", "ok"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_a_table_not_in_utf8_is_refused_as_such(tmp_path: Path, encoding: str, kind: str) -> None:
    text = (
        "case_id,taxpayer_kind\nx,individual\n"
        if kind == "csv"
        else json.dumps({"case_id": "x", "taxpayer": {"kind": "individual"}}) + "\n"
    )
    source = tmp_path / f"in.{kind}"
    source.write_bytes(text.encode(encoding))
    out = tmp_path / "out.csv"
    code, stdout, stderr = run_cli("screen", str(source), "--out", str(out), "--as-of", AS_OF)
    assert code == 2 and stdout == "" and "Traceback" not in stderr, stderr
    assert "UTF-8" in stderr and "\\x00" not in stderr and "\\ufffd" not in stderr
    assert not out.exists()


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_a_required_fact_missing_from_a_slot_given_in_columns_is_named_by_its_column(tmp_path: Path, kind: str) -> None:
    """A levy given by its columns without ``levy_N_kind`` was named ``case_json.levies[0].kind``: a column the
    row does not have, for a fact it never wrote in case_json."""
    import polars as pl

    frame = pl.DataFrame(
        {
            "case_id": ["a", "b"],
            "taxpayer_kind": ["individual", "individual"],
            "levy_1_amount": ["100.00", None],
            "levy_2_served_date": [None, "2026-01-05"],
            "notice_1_date": ["2026-01-02", None],
        }
    )
    source = tmp_path / f"in.{kind}"
    frame.write_csv(source) if kind == "csv" else frame.write_parquet(source)
    code, _, stderr = run_cli("screen", str(source), "--out", str(tmp_path / "out.parquet"), "--as-of", AS_OF)
    assert code == 0, stderr
    errors = pl.read_csv(tmp_path / "out.errors.csv")
    got = sorted(zip(errors["row"].to_list(), errors["field"].to_list(), errors["reason"].to_list(), strict=True))
    assert got == [
        (1, "levy_1_kind", "is required"),
        (1, "notice_1_type", "is required"),
        (2, "levy_2_kind", "is required"),
    ]


# ---------------------------------------------------------------- screen: the work folder beside OUT


def _one_case(tmp_path: Path) -> Path:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"case_id": "a", "taxpayer": {"kind": "individual"}}) + "\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("content", ["a file of the user's", "a manifest that is not ours", "a folder of the user's"])
def test_a_folder_named_like_the_work_folder_that_is_not_levynavs_is_never_emptied(
    tmp_path: Path, content: str
) -> None:
    """``screen --out x.csv`` works in ``x.csv.work``; a folder of that name holding anything else was removed whole
    (``shutil.rmtree``) with the user's files in it."""
    work = tmp_path / "out.csv.work"
    work.mkdir()
    if content == "a file of the user's":
        (work / "notes.txt").write_text("mine", encoding="utf-8")
    elif content == "a manifest that is not ours":
        (work / "manifest.json").write_text('{"mine": true}', encoding="utf-8")
    else:
        (work / "photos").mkdir()
        (work / "photos" / "a.jpg").write_bytes(b"x")
    before = sorted(str(p.relative_to(work)) for p in work.rglob("*"))
    code, out, err = run_cli("screen", str(_one_case(tmp_path)), "--out", str(tmp_path / "out.csv"), "--as-of", AS_OF)
    assert code == 2 and out == "" and "Traceback" not in err
    assert "out.csv.work" in err and "not a work folder of levynav" in err
    assert sorted(str(p.relative_to(work)) for p in work.rglob("*")) == before
    assert not (tmp_path / "out.csv").exists()


def test_a_work_folder_that_is_a_link_is_refused_and_left(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "out.csv.work").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = run_cli("screen", str(_one_case(tmp_path)), "--out", str(tmp_path / "out.csv"), "--as-of", AS_OF)
    assert code == 2 and "Traceback" not in err and "out.csv.work" in err
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_work_folder_of_another_screening_is_still_replaced(tmp_path: Path) -> None:
    """levynav's own work folder of an earlier, different run (its manifest and partitions) is emptied as before."""
    source = _one_case(tmp_path)
    out = tmp_path / "out.csv"
    from levynav.screen import run

    work = run.work_folder(out)
    work.mkdir()
    manifest = {
        "input": "other",
        "files": None,
        "size": 1,
        "mtime_ns": 1,
        "as_of": "2026-01-01",
        "with_record": False,
        "partition_rows": 500,
        "version": "0",
    }
    (work / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (work / "part-000000.parquet").write_bytes(b"old")
    code, _, err = run_cli("screen", str(source), "--out", str(out), "--as-of", AS_OF)
    assert code == 0, err
    assert out.exists() and not work.exists()


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.one_of(st.none(), st.text(max_size=12)), min_size=1, max_size=20))
def test_csv_safe_quotes_exactly_the_cells_a_spreadsheet_would_run(texts: list[str | None]) -> None:
    import polars as pl

    from levynav.screen.output import csv_safe

    frame = pl.DataFrame({"t": texts, "n": list(range(len(texts)))}, schema={"t": pl.String, "n": pl.Int64})
    got = csv_safe(frame.lazy()).collect()
    for before, after in zip(texts, got["t"].to_list(), strict=True):
        if before is None:
            assert after is None
        elif before[:1] in (*FORMULA_STARTS, "\t", "\r", "\n"):
            assert after == "'" + before
        else:
            assert after == before
    assert got["n"].to_list() == list(range(len(texts)))
