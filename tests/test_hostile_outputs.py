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
