"""The CLI adapter: text and JSON output, the JSON contract, and bad input without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli as run

EXAMPLES = Path(__file__).parent.parent / "examples"
DEMO = EXAMPLES / "bank-levy-hardship-21-day-hold.yaml"


def test_analyze_json_has_the_documented_contract() -> None:
    code, out, _ = run("analyze", str(DEMO), "--as-of", "2026-11-23", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2026-11-23"
    assert data["contract"] == "levynav.analysis/4"
    for key in ("findings", "deadlines", "plan", "questions", "summary"):
        assert key in data
    finding = data["findings"][0]
    assert {"rule", "outcome", "effect", "citations", "missing", "message"} <= set(finding)
    assert "explanation" not in finding and "title" not in finding  # the record holds no sentence
    assert {"key", "args"} <= set(finding["message"])
    assert {"id", "cite", "source", "status"} <= set(finding["citations"][0])
    for deadline in data["deadlines"]:
        assert {"id", "date", "days_left"} <= set(deadline)


def test_analyze_text_names_the_sources_and_says_it_is_not_legal_advice() -> None:
    code, out, _ = run("analyze", str(DEMO), "--as-of", "2026-11-23")
    assert code == 0
    assert "U.S.C." in out
    assert "not legal advice" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("taxpayer: {kind: person}", "taxpayer.kind: is not one of"),
        ("taxpayer: {kind: individual}\nlevies: [{kind: bank, served_date: 2026-02-30}]", "levies[0].served_date"),
        ("taxpayer: {kind: individual}\nlevies: [{kind: bank, amount: -5}]", "levies[0].amount"),
        ("taxpayer: {kind: individual}\nlevies: [{kind: boat}]", "levies[0].kind: is not one of"),
        ("taxpayer: {kind: individual}\nnotices: [{type: CP2000}]", "notices[0].type: is not one of"),
        (
            "taxpayer: {kind: individual}\n"
            "levies: [{kind: bank, served_date: 2026-03-01, proceeds_sent_date: 2026-02-01}]",
            "levies[0]: proceeds_sent_date is before served_date",
        ),
        ("taxpayer: {kind: individual}\nlevies: [{kind: bank, colour: red}]", "levies[0].colour: is not a known field"),
        ("levies: []", "taxpayer: is required"),
        ("taxpayer: [unclosed", "not valid YAML"),
        ("- just a list", "must hold a mapping"),
    ],
)
def test_bad_input_names_the_field_and_exits_2(tmp_path: Path, content: str, expected: str) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(content, encoding="utf-8")
    code, out, err = run("analyze", str(case), "--as-of", "2026-11-23")
    assert code == 2
    assert expected in err
    assert "Traceback" not in err + out
    for echoed in ("person", "boat", "CP2000", "colour: red", "2026-02-01"):  # values given are never echoed
        assert echoed not in err


def test_bad_json_is_reported_with_its_line(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text('{"taxpayer": {"kind": "individual"},\n "levies": [}', encoding="utf-8")
    code, _, err = run("analyze", str(case))
    assert code == 2
    assert "not valid JSON at line 2" in err


def test_missing_file_bad_date_and_bad_format_exit_2() -> None:
    assert run("analyze", "no/such/case.yaml")[0] == 2
    code, _, err = run("analyze", str(DEMO), "--as-of", "23/11/2026")
    assert code == 2 and "--as-of" in err
    code, _, err = run("analyze", str(DEMO), "--format", "xml")
    assert code == 2 and "--format" in err


def test_rules_lists_every_rule_with_citation_and_status() -> None:
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert any(r["rule"] == "R6343-A1" for r in rows)
    assert all(r["citations"] and r["status"] in {"V", "S", "U"} for r in rows)


def test_explain_known_and_unknown_rule() -> None:
    code, out, _ = run("explain", "R6343-A1")
    assert code == 0 and "6343(a)(1)(A)" in out
    code, _, err = run("explain", "R9999-Z9")
    assert code == 2 and "not a known rule id" in err


def test_console_script_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("taxpayer: {kind: individual}\nlevies: [{kind: bank, served_date: 2026-13-01}]", encoding="utf-8")
    exe = Path(sys.executable).parent / "levynav"
    proc = subprocess.run([str(exe), "analyze", str(case)], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "levies[0].served_date" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_cli_json_gives_the_same_findings_as_the_library(example: str) -> None:
    from datetime import date

    from levynav import analyze, load_case

    code, out, _ = run("analyze", str(EXAMPLES / example), "--as-of", "2026-11-23", "--format", "json")
    assert code == 0
    via_cli = json.loads(out)
    direct = json.loads(analyze(load_case(EXAMPLES / example), date(2026, 11, 23)).model_dump_json())
    assert via_cli["findings"] == direct["findings"]
    assert via_cli["deadlines"] == direct["deadlines"]
    assert via_cli["plan"] == direct["plan"]


def test_analyze_reads_the_transcripts_a_case_points_to_and_warns_about_what_it_could_not_read() -> None:
    client = Path(__file__).parent / "data" / "transcripts" / "client_case.yaml"
    code, out, err = run("analyze", str(client), "--as-of", "2026-11-23", "--format", "json")
    assert code == 0
    data = json.loads(out)
    computed = {c["period"]: c for c in data["collection_statute"] if c["basis"] == "computed"}
    assert {"1040-2017", "1040-2018", "1040-2019"} <= set(computed)
    assert "not understood, left out" in err  # the garbled line of the 2018 transcript


def test_docs_rules_md_is_the_generated_coverage_list() -> None:
    code, out, _ = run("rules", "--format", "markdown")
    assert code == 0
    committed = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == out, "docs/rules.md is out of date: run `levynav rules --format markdown > docs/rules.md`"
