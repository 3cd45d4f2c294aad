"""Transcripts of two people are never read as one person's account (audit 2026-12-07, round 2).

`levynav transcript a.txt b.txt`, a case's ``transcripts:`` list and one file holding several transcripts were
combined whatever taxpayer each was of: another person's periods, balances and collection statute dates became this
person's. A transcript shares a taxpayer identification number (its last four digits, the only part printed) with the
others and with the case's ``taxpayer.tin_last4``, or it is refused by its file; a joint return's transcript is of
both spouses (its SPOUSE TAXPAYER IDENTIFICATION NUMBER line).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from levynav.web import Settings, create_app
from tests.helpers import run_cli

DATA = Path(__file__).parent / "data" / "transcripts"
MINE = DATA / "client_1040_2018.txt"  # XXX-XX-7315
AS_OF = ("--as-of", "2026-11-23")


def _other(tmp_path: Path, last4: str = "1111", spouse: str | None = None, name: str = "other.txt") -> Path:
    text = (DATA / "client_1040_2019.txt").read_text(encoding="utf-8").replace("XXX-XX-7315", f"XXX-XX-{last4}")
    if spouse is not None:
        text = text.replace(
            f"TAXPAYER IDENTIFICATION NUMBER:  XXX-XX-{last4}",
            f"TAXPAYER IDENTIFICATION NUMBER:  XXX-XX-{last4}\nSPOUSE TAXPAYER IDENTIFICATION NUMBER:  XXX-XX-{spouse}",
        )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_transcript_command_refuses_two_peoples_transcripts(tmp_path: Path, fmt: str) -> None:
    other = _other(tmp_path)
    code, out, err = run_cli("transcript", str(MINE), str(other), *AS_OF, "--format", fmt)
    assert code == 2 and out == "" and "Traceback" not in err
    assert str(other) in err and "another taxpayer" in err
    assert "1111" not in err and "7315" not in err


def test_one_file_holding_two_peoples_transcripts_is_refused(tmp_path: Path) -> None:
    both = tmp_path / "both.txt"
    both.write_text(MINE.read_text(encoding="utf-8") + "\n" + _other(tmp_path).read_text(encoding="utf-8"))
    code, out, err = run_cli("transcript", str(both), *AS_OF)
    assert code == 2 and out == "" and "another taxpayer" in err


def test_one_persons_transcripts_and_a_joint_return_are_read_together(tmp_path: Path) -> None:
    joint = _other(tmp_path, last4="2222", spouse="7315", name="joint.txt")  # this person is the spouse
    code, out, err = run_cli("transcript", str(MINE), str(joint), *AS_OF)
    assert code == 0 and "1040-2019" in out, err
    assert "another taxpayer" not in err


def test_a_case_refuses_a_transcript_of_another_taxpayer(tmp_path: Path) -> None:
    other = _other(tmp_path)
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"taxpayer": {"kind": "individual", "tin_last4": "7315"}, "transcripts": [str(other)]}))
    code, out, err = run_cli("analyze", str(case), *AS_OF)
    assert code == 2 and out == "" and "transcripts[0]" in err and "another taxpayer" in err
    case.write_text(json.dumps({"taxpayer": {"kind": "individual", "tin_last4": "7315"}, "transcripts": [str(MINE)]}))
    code, _, err = run_cli("analyze", str(case), *AS_OF)
    assert code == 0, err
    case.write_text(json.dumps({"taxpayer": {"kind": "individual"}, "transcripts": [str(MINE), str(other)]}))
    code, out, err = run_cli("analyze", str(case), *AS_OF)
    assert code == 2 and "transcripts[1]" in err and "another taxpayer" in err


def test_the_web_refuses_an_upload_holding_two_peoples_transcripts(tmp_path: Path) -> None:
    body = (MINE.read_text(encoding="utf-8") + "\n" + _other(tmp_path).read_text(encoding="utf-8")).encode()
    app = create_app(Settings(data_dir=tmp_path / "data", as_of=date(2026, 11, 23)))
    with TestClient(app) as client:
        answer = client.post("/api/v1/intake/transcript", files={"file": ("t.txt", body, "text/plain")})
        assert answer.status_code == 422, answer.text
        assert "another taxpayer" in answer.text and str(tmp_path) not in answer.text
