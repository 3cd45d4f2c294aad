"""Transcripts in volume: a case naming one large transcript fifty times was read fifty times, and the reader's CDP
inference counted the request period again for every legal action and every notice, and merged records by scanning
all before — minutes for a 300-byte case file (found by tests/fuzz/drive_commands.py). The transcripts of one case
or one `levynav transcript` together are limited (MAX_TRANSCRIPTS_TOTAL_BYTES, checked before any is read), and the
reader's work grows with the rows, not with their square."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from levynav.core.model import limits
from levynav.intake import transcript_case
from levynav.intake.transcript_parse import parse_transcripts
from tests.helpers import run_cli

SAMPLE = Path(__file__).parent / "data" / "transcripts" / "client_1040_2017.txt"


@pytest.fixture
def small_total(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(limits, "MAX_TRANSCRIPTS_TOTAL_BYTES", SAMPLE.stat().st_size * 3)
    return limits.MAX_TRANSCRIPTS_TOTAL_BYTES


def test_a_case_naming_transcripts_larger_together_than_the_limit_is_refused(tmp_path: Path, small_total: int) -> None:
    (tmp_path / "t.txt").write_bytes(SAMPLE.read_bytes())
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"taxpayer": {"kind": "individual"}, "transcripts": ["t.txt"] * 4}))
    code, _, err = run_cli("analyze", str(case), "--as-of", "2026-11-23")
    assert code == 2 and "transcripts: together larger than MAX_TRANSCRIPTS_TOTAL_BYTES" in err, err
    case.write_text(json.dumps({"taxpayer": {"kind": "individual"}, "transcripts": ["t.txt"] * 3}))
    code, _, err = run_cli("analyze", str(case), "--as-of", "2026-11-23")
    assert code == 0, err


def test_transcript_command_counts_every_file_given(tmp_path: Path, small_total: int) -> None:
    code, _, err = run_cli("transcript", *[str(SAMPLE)] * 4)
    assert code == 2 and "MAX_TRANSCRIPTS_TOTAL_BYTES" in err and len(err.strip().splitlines()) == 1, err


def test_the_cdp_request_period_is_counted_once_per_notice_date(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = SAMPLE.read_text().splitlines()
    rows = [i for i, line in enumerate(lines) if line[:3] in {"971", "520", "521"}]
    text = "\n".join(lines[: rows[0]] + [lines[i] for i in rows] * 200 + lines[rows[-1] + 1 :])
    calls: list[object] = []
    real = transcript_case.cdp_request_period

    def counted(day: date) -> object:
        calls.append(day)
        return real(day)

    monkeypatch.setattr(transcript_case, "cdp_request_period", counted)
    facts = transcript_case.transcript_facts(parse_transcripts(text))
    assert facts.legal_actions
    assert len(calls) == len(set(calls)) <= 5, len(calls)  # was once per legal action per notice: 200 x 200
