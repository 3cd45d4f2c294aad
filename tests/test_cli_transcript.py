"""`levynav transcript FILE...` and `levynav analyze` with a case that points to transcripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from levynav.cli.app import app

DATA = Path(__file__).parent / "data" / "transcripts"
runner = CliRunner()


def test_text_output_shows_periods_events_cseds_timeline_and_sources() -> None:
    result = runner.invoke(app, ["transcript", str(DATA / "tx4_1040_2021.txt"), "--as-of", "2026-03-10"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Period 1040-2021 — form 1040, tax period December 31, 2021" in out
    assert "15 transactions, adding up to $7,327.72" in out
    assert "TC 971 AC 069" in out and "CDP levy notice issued" in out
    # Safer date first (issue 8 item 10): the later reading leads, the computed date beside it.
    assert "TC 150 assessed May 9, 2022 → CSED December 2, 2032 under the later reading (or December 1, 2032" in out
    assert "TC 290 assessed November 6, 2023 → CSED June 1, 2034 under the later reading (or May 31, 2034" in out
    # the CDP hearing's line, its sources by number; the Sources list gives each one's citation (no reference id)
    line = next(x for x in out.splitlines() if "206 days" in x)
    assert line.strip().startswith("2024-05-10  Collection Due Process hearing") and line.endswith("[3, 4]")
    assert "3. 26 U.S.C. § 6330(e)(1)" in out and "CSED-3.1" not in out
    assert "December 2, 2032 counting both the first and last day" in out  # the inclusive-counting alternative
    assert "read as a timely CDP request (inferred)" in out
    assert "not legal advice" in out


def test_json_output_for_three_periods() -> None:
    files = [str(DATA / f"client_1040_{y}.txt") for y in (2017, 2018, 2019)]
    result = runner.invoke(app, ["transcript", *files, "--as-of", "2026-10-05", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [p["period_id"] for p in data["periods"]] == ["1040-2017", "1040-2018", "1040-2019"]
    cseds = {c["period_id"]: [a["csed"] for a in c["assessments"]] for c in data["cseds"]}
    assert cseds == {
        "1040-2017": ["2030-11-21", "2032-05-13"],  # the kind-less TC 520 counted with § 6503(h)'s six months
        "1040-2018": ["2031-12-04", "2034-10-11"],  # (the later reading, ADR 0004; see tests/test_transcript.py)
        "1040-2019": ["2033-01-12"],
    }
    timeline = data["cseds"][0]["assessments"][0]["timeline"]
    assert [s["days"] for s in timeline if s["days"] is not None][:-1] == [76, 247, 385, 199]
    assert data["citations"]["CSED-3.6"]["status"] == "V"
    assert {"type": "number", "value": 58} in [p["args"].get("line") for p in data["problems"]]
    assert any(p["args"]["what"]["value"]["key"] == "transcript.problem.not_understood" for p in data["problems"])
    assert {e["event"] for e in data["events"]} >= {"ia_pending", "ia_pending_reversed", "oic_pending", "oic_rejected"}


def test_missing_file_and_bad_format_fail_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["transcript", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(app, ["transcript", str(DATA / "tx4_1040_2021.txt"), "--format", "xml"])
    assert result.exit_code == 2


def test_binary_file_is_refused_like_the_notice_reader_refuses_it(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\xff\xfe garbage \n 123 ??? \n")
    result = runner.invoke(app, ["transcript", str(junk), "--as-of", "2026-01-01"])
    assert result.exit_code == 2, result.output
    assert "is not text (binary data)" in result.output


def test_text_that_is_no_transcript_reports_problems_without_crashing(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("garbage\n 123 ??? \n", encoding="utf-8")
    result = runner.invoke(app, ["transcript", str(junk), "--as-of", "2026-01-01"])
    assert result.exit_code == 0, result.output
    assert "no account transcript found" in result.output or "TAX PERIOD was not found" in result.output


def test_analyze_reads_the_transcripts_a_case_points_to() -> None:
    result = runner.invoke(
        app, ["analyze", str(DATA / "client_case.yaml"), "--as-of", "2026-10-05", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    release = [f for f in data["findings"] if f["rule"] == "R6343-A1"]
    assert release and release[0]["outcome"] == "does_not_apply"
    assert {"path": "tax_periods[0].csed", "value": "2032-05-08"} in release[0]["facts"]


def test_analyze_warns_what_the_transcripts_could_not_give_in_the_reader_language() -> None:
    case = str(DATA / "client_case.yaml")
    english = runner.invoke(app, ["analyze", case, "--as-of", "2026-10-05", "--format", "json"])
    spanish = runner.invoke(app, ["analyze", case, "--as-of", "2026-10-05", "--format", "json", "--lang", "es"])
    assert english.exit_code == spanish.exit_code == 0
    assert "line 58: not understood, left out" in english.stderr
    assert "línea 58: no se entendió; se dejó fuera" in spanish.stderr and "not understood" not in spanish.stderr
    assert english.stdout == spanish.stdout  # the record is the same whatever the language


def test_the_reports_timeline_words_say_a_wrongful_levy_before_1988_was_not_computed(capsys: Any) -> None:
    """The transcript report is where the CSED timelines' words are built (the analysis reads the dates only).
    ``levynav transcript`` reads transcripts alone, which carry no wrongful-levy claim; the same report over the
    intake of a case that has one, returned before § 6503(f)(1)'s day count has a value (10 November 1988), says
    the claim's longer CSED is not computed, in JSON and in both languages' text, instead of a traceback."""
    from datetime import date

    from levynav.cli import transcript
    from levynav.core.model.case import Case
    from levynav.intake.transcript import read_transcripts

    case = Case.model_validate(
        {
            "taxpayer": {"kind": "individual"},
            "levies": [{"id": "b1", "kind": "bank", "served_date": "1988-01-11", "amount_taken": "900.00"}],
            "proceedings": {
                "wrongful_levy_claims": [{"levy_id": "b1", "filed_date": "1988-02-01", "returned_date": "1988-03-01"}]
            },
        }
    )
    intake = read_transcripts([DATA / "tx4_1040_2021.txt"], case)
    day = date(2026, 3, 10)
    data = transcript.report(intake, day)
    notes = [n for pc in data["cseds"] for n in pc["notes"]]
    assert notes[-1]["key"] == "csed_timeline.note.wrongful_levy_law_gap"
    assert [pc["csed"] for pc in data["cseds"]] == ["2034-05-31"]  # the period's dates stand
    for lang, said in [("en", "is not computed"), ("es", "no se calcula")]:
        transcript.print_report(transcript.read(intake, day), lang)
        out = capsys.readouterr().out
        assert said in out and "1988" in out, out
