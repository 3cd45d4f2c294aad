"""Hostile input, round 2: the name of a file levynav reads, and the values of its options, as they reach the case and
what levynav prints.

A practitioner names a client's transcript or notice by the client's SSN (``987-65-4321.txt``); a file name may hold a
terminal code or a right-to-left override. The file's name was the source of every fact read from it: a transcript's
legal actions (TC 520, which pause the collection statute) carried it into the case, where the case's own check of
text refused it — and every fact the transcript gave was dropped with one warning. And every line naming the file
printed the full number.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from levynav.intake.transcript import read_transcripts
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
TRANSCRIPT = ROOT / "tests" / "data" / "transcripts" / "client_1040_2017.txt"
NOTICE = ROOT / "examples" / "notices" / "cp504.txt"
AS_OF = ("--as-of", "2026-11-23")
SSN = "987-65-4321"
NAMES = {
    "ssn": f"{SSN}.txt",
    "ssn_spaces": "987 65 4321.txt",
    "ein": "12-3456789 acme.txt",
    "joined": "client-987-65-4321.txt",
    "nine_digits": "987654321.txt",
    "terminal": "client\x1b[2J.txt",
    "right_to_left": "client\u202etxt.exe",
}
SECRETS = (SSN, "987 65 4321", "12-3456789", "987654321", "\x1b", "\u202e")


def _copy(tmp_path: Path, source: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(source, target)
    return target


def _no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, (secret, text[:2000])


@pytest.mark.parametrize("kind", sorted(NAMES))
def test_a_transcript_named_by_an_ssn_gives_the_same_facts_as_any_other(tmp_path: Path, kind: str) -> None:
    plain = read_transcripts([_copy(tmp_path, TRANSCRIPT, "plain.txt")])
    named = read_transcripts([_copy(tmp_path, TRANSCRIPT, NAMES[kind])])
    assert plain.case.proceedings.legal_actions, "the sample has TC 520s: the test needs facts that carry a source"
    assert not [p for p in named.facts.problems if p.key == "transcript.problem.not_added"], named.facts.problems
    assert len(named.case.proceedings.legal_actions) == len(plain.case.proceedings.legal_actions)
    assert [a.start_date for a in named.case.proceedings.legal_actions] == [
        a.start_date for a in plain.case.proceedings.legal_actions
    ]


@pytest.mark.parametrize("kind", sorted(NAMES))
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_no_full_number_or_control_code_of_a_file_name_is_printed(tmp_path: Path, kind: str, fmt: str) -> None:
    transcript = _copy(tmp_path, TRANSCRIPT, NAMES[kind])
    notice = _copy(tmp_path, NOTICE, "n-" + NAMES[kind])
    case = tmp_path / "case.yaml"
    case.write_text(f"taxpayer: {{kind: individual}}\ntranscripts: [{json.dumps(transcript.name)}]\n")
    for args in (
        ("transcript", str(transcript), "--format", fmt),
        ("notice", str(notice), "--format", fmt),
        ("analyze", str(case), "--format", fmt),
    ):
        code, out, err = run_cli(*args, *AS_OF)
        assert code == 0, (args, err)
        _no_secret(out + err)
        assert "could not be added" not in err, err


def _cases(tmp_path: Path, value: str) -> list[tuple[str, ...]]:
    example = str(ROOT / "examples" / "notices" / "cp504.txt")
    case = tmp_path / "case.yaml"
    case.write_text("taxpayer: {kind: individual}\n")
    return [
        ("analyze", str(case), "--lang", value),
        ("analyze", str(case), "--format", value),
        ("analyze", str(tmp_path / f"{value}.yaml")),
        ("notice", str(tmp_path / f"{value}.txt")),
        ("notice", example, "--format", value),
        ("transcript", str(tmp_path / f"{value}.txt")),
        ("transcript", str(TRANSCRIPT), "--lang", value),
        ("finances", str(case), "--format", value),
        ("render", str(tmp_path / f"{value}.json")),
        ("rules", "--format", value),
        ("explain", value),
        ("wage-exempt", "--year", "2025", "--pay-period", value, "--filing-status", "single"),
        ("wage-exempt", "--year", "2025", "--pay-period", "weekly", "--filing-status", value),
        ("wage-exempt", "--year", "2025", "--pay-period", "weekly", "--filing-status", "single", "--format", value),
        ("packet", str(tmp_path / f"{value}.yaml"), "--out", str(tmp_path / "p")),
        ("screen", str(tmp_path / f"{value}.jsonl"), "--out", str(tmp_path / "o.csv")),
        ("screen", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / f"{value}.xlsx")),
        ("generate-cases", "1", "--out", str(tmp_path / f"{value}.xlsx")),
        ("serve", "--host", value),
        ("serve", "--data-dir", f"/dev/null/{value}"),
        ("data", "import-standards", str(tmp_path / value)),
    ]


@pytest.mark.parametrize("value", [SSN, "12-3456789", "x\u202eevil", "a\x1b[2Jb", "a\u2066b\u2069"])
def test_an_option_or_a_path_levynav_refuses_is_named_without_its_full_number_or_control_code(
    tmp_path: Path, value: str
) -> None:
    """`levynav explain 987-65-4321`, `--lang 987-65-4321`, a case file named by an SSN that is not there: the refusal
    printed the value whole — a full SSN on the screen and in a shell's log, a right-to-left override turning the rest
    of the line around (and in a terminal, an escape code run)."""
    (tmp_path / "in.jsonl").write_text('{"taxpayer": {"kind": "individual"}}\n')
    for args in _cases(tmp_path, value):
        code, out, err = run_cli(*args)
        assert code == 2, (args, code, err)
        _no_secret(out + err)
        for secret in ("12-3456789", "\u2066", "\u2069"):
            assert secret not in out + err, (args, err)
        assert err.startswith("levynav: "), (args, err)


def test_a_line_levynav_prints_about_its_input_has_codes_escaped_and_numbers_masked() -> None:
    from levynav.cli.arguments import shown

    assert shown("a\x1b[2Jb \u202ec 987-65-4321 d\r") == "a\\x1b[2Jb \\u202ec XXX-XX-4321 d\\r"
    assert shown("line 3 of 2026-11-23 costs $123,456,789.00 (555-123-4567)") == (
        "line 3 of 2026-11-23 costs $123,456,789.00 (555-123-4567)"
    )
    assert shown("an amount of $123456789.00 or 123456789.50") == "an amount of $123456789.00 or 123456789.50"
    assert shown("client-987-65-4321.pdf, 987654321.txt") == "client-XXX-XX-4321.pdf, XXXXX4321.txt"


def test_the_files_a_command_wrote_are_named_without_a_full_number(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("taxpayer: {kind: individual}\n")
    folder = tmp_path / SSN
    folder.mkdir()
    for args in (
        ("packet", str(case), "--out", str(folder / "packet"), *AS_OF),
        ("generate-cases", "2", "--out", str(folder / "g.jsonl")),
        ("screen", str(folder / "g.jsonl"), "--out", str(folder / "o.csv"), *AS_OF),
    ):
        code, out, err = run_cli(*args)
        assert code == 0, (args, err)
        _no_secret(out + err)
        assert "XXX-XX-4321" in out + err, (args, out, err)
