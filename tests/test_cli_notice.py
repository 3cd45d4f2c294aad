"""`levynav notice FILE`: text and JSON output on the composed samples; bad files exit 2 with a message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli as run
from tests.test_notice_reader import SAMPLES, make_pdf


def test_text_output_shows_what_was_read_the_deadlines_and_what_could_not_be_read() -> None:
    code, out, _ = run("notice", str(SAMPLES / "lt11.txt"), "--as-of", "2025-06-10")
    assert code == 0
    assert "LT11 — Final Notice of Intent to Levy" in out
    assert "Notice date              June 2, 2025 (line 5)" in out
    assert "Amount due               $7,482.19 (line 19)" in out
    assert "1040-2021, $7,482.19" in out
    assert "July 2, 2025 (22 day(s) left): Last day to mail Form 12153 for a CDP hearing (LT11)" in out
    assert "June 2, 2026 (357 day(s) left): Last day to ask for an equivalent hearing (LT11)" in out
    assert "Could not read\n  nothing: every expected field was found" in out
    assert "not legal advice" in out


def test_text_output_lists_problems_with_line_numbers(tmp_path: Path) -> None:
    damaged = (SAMPLES / "cp504.txt").read_text(encoding="utf-8").replace("Phone 800-555-0123", "Phone")
    damaged = damaged.replace("Notice date             May 5, 2025", "Notice date             13/45/2025")
    path = tmp_path / "damaged.txt"
    path.write_text(damaged, encoding="utf-8")
    code, out, _ = run("notice", str(path), "--as-of", "2025-05-20")
    assert code == 0
    assert "line 5: '13/45/2025' looks like a date but is not a real one" in out
    assert "notice: could not read the IRS phone number" in out
    # the page header still carries the notice date, so the earliest levy date is counted from it
    assert "June 4, 2025 (15 day(s) left): Earliest day the IRS may levy after this CP504" in out


def test_json_output() -> None:
    code, out, _ = run("notice", str(SAMPLES / "letter_1058.txt"), "--as-of", "2025-06-10", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2025-06-10"
    assert data["reading"]["type"] == "Letter 1058"
    assert data["notice"]["notice_date"] == "2025-06-04"
    assert data["notice"]["tax_periods"] == ["941-2024Q1", "941-2024Q2", "940-2023"]
    assert data["notice"]["amount_due"] == "24318.88"
    assert data["levy"] is None
    dates = {d["id"]: d["date"] for d in data["deadlines"]}
    assert dates["notice.earliest_levy"] == "2025-07-04"
    assert "2025-07-07" in dates.values()  # CDP: day 30 is Independence Day
    assert {p["id"] for p in data["parameters"]} >= {"cdp.request_window_days", "discretionary.intent_to_levy_days"}
    assert data["reading"]["problems"] == []


def test_json_output_for_a_notice_of_levy_has_the_levy() -> None:
    code, out, _ = run("notice", str(SAMPLES / "form_668w.txt"), "--as-of", "2025-09-15", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["levy"] == {
        "kind": "wages",
        "amount": "15232.08",
        "holder": "SAMPLE WIDGET MANUFACTURING CORP",
        "tax_periods": ["1040-2022", "1040-2023"],
    }
    assert data["deadlines"] == []


def test_pdf_input(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    pdf = tmp_path / "cp504.pdf"
    pdf.write_bytes(make_pdf((SAMPLES / "cp504.txt").read_text(encoding="utf-8").splitlines()))
    code, out, _ = run("notice", str(pdf), "--as-of", "2025-05-20", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["reading"]["type"] == "CP504"
    assert data["notice"]["amount_due"] == "12345.67"


def test_missing_file_exits_2_with_a_message() -> None:
    code, out, err = run("notice", "no/such/notice.txt")
    assert code == 2
    assert "levynav: no/such/notice.txt: no such file" in err
    assert "Traceback" not in out + err


def test_unreadable_pdf_exits_2_with_a_message(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    code, out, err = run("notice", str(bad))
    assert code == 2
    assert "not a readable PDF" in err
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([]))
    code, out, err = run("notice", str(scan))
    assert code == 2
    assert "no text layer" in err
    assert "Traceback" not in out + err


def test_bad_options_exit_2(tmp_path: Path) -> None:
    code, _, err = run("notice", str(SAMPLES / "cp504.txt"), "--format", "xml")
    assert code == 2 and "--format" in err
    code, _, err = run("notice", str(SAMPLES / "cp504.txt"), "--as-of", "5/5/2025")
    assert code == 2 and "--as-of" in err
    code, _, err = run("notice", str(tmp_path))
    assert code == 2 and "not a file" in err
