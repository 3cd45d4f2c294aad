"""No full taxpayer identification number read from a document reaches a page or an answer (audit 2026-12-07, r. 2).

A line a reader could not read is echoed to say so («…»); a transcript or notice pasted with a full SSN in such a line
(or anywhere) printed it whole on the terminal, in the JSON and on the web pages. Every full SSN, ITIN or EIN in a
document's text is now masked but its last four digits as it is read.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from levynav.intake.input_text import mask_tins
from levynav.web import Settings, create_app
from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent
TRANSCRIPT = ROOT / "tests" / "data" / "transcripts" / "client_1040_2018.txt"
NOTICE = ROOT / "examples" / "notices" / "lt11.txt"
FULL = re.compile(r"(?<!\d)(?:\d{3}[- ]?\d{2}[- ]?\d{4}|\d{2}-\d{7})(?!\d)")
SECRETS = ("123-45-6789", "987 65 4321", "12-3456789", "555443333")


def _with_secrets(text: str) -> str:
    text = text.replace("XXX-XX-7315", "123-45-7315").replace("XXX-XX-0417", "123-45-0417")
    return text + "".join(f"\nGARBAGE LINE {s} not a line of the form\n" for s in SECRETS)


def _no_full_number(out: str) -> None:
    found = [m for m in FULL.findall(out) if not m.startswith("XX")]
    assert not [s for s in (*SECRETS, "123-45-7315", "123-45-0417") if s in out], found
    assert not [
        f
        for f in found
        if f.replace("-", "").replace(" ", "") in {s.replace("-", "").replace(" ", "") for s in SECRETS}
    ]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_transcript_command_never_prints_a_full_number(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "t.txt"
    path.write_text(_with_secrets(TRANSCRIPT.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = run_cli("transcript", str(path), "--as-of", "2026-11-23", "--format", fmt)
    assert code == 0, err
    _no_full_number(out + err)
    assert "6789" in out  # the echoed line says which line it was, its number masked


def test_the_last_four_digits_of_the_transcripts_own_number_are_still_read() -> None:
    from levynav.intake.transcript_parse import parse_transcripts

    (read,) = parse_transcripts(_with_secrets(TRANSCRIPT.read_text(encoding="utf-8")))
    assert read.tin_last4 == "7315"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_notice_command_never_prints_a_full_number(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "n.txt"
    path.write_text(_with_secrets(NOTICE.read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = run_cli("notice", str(path), "--as-of", "2026-11-23", "--format", fmt)
    assert code == 0, err
    _no_full_number(out + err)


def test_the_web_uploads_never_answer_a_full_number(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", as_of=date(2026, 11, 23)))
    with TestClient(app) as client:
        for route, source in (("/api/v1/intake/transcript", TRANSCRIPT), ("/api/v1/intake/notice", NOTICE)):
            body = _with_secrets(source.read_text(encoding="utf-8")).encode("utf-8")
            answer = client.post(route, files={"file": ("doc.txt", body, "text/plain")})
            assert answer.status_code == 200, answer.text
            _no_full_number(answer.text)


@settings(max_examples=200, deadline=None)
@given(
    digits=st.text("0123456789", min_size=9, max_size=9),
    form=st.sampled_from(["{a}-{b}-{c}", "{a} {b} {c}", "{a}{b}{c}", "{e}-{f}"]),
    before=st.sampled_from(["", " ", "SSN ", "(", "TIN:"]),
    after=st.sampled_from(["", " ", ".", ")", "\n"]),
)
def test_any_full_number_is_masked_but_its_last_four(digits: str, form: str, before: str, after: str) -> None:
    number = form.format(a=digits[:3], b=digits[3:5], c=digits[5:], e=digits[:2], f=digits[2:])
    masked = mask_tins(before + number + after)
    assert digits not in masked.replace("-", "").replace(" ", "")
    assert masked.endswith(digits[-4:] + after)


@pytest.mark.parametrize(
    "text",
    [
        "$123456789",
        "123,456,789.00",
        "123456789.50",
        "Tracking 208870421902",
        "Phone 1-800-555-0142",
        "ZIP 19101-8208",
        "2026-11-23",
        "XXX-XX-7315",
        "Balance 6,388.40",
    ],
)
def test_amounts_dates_phones_and_long_numbers_are_left_as_written(text: str) -> None:
    assert mask_tins(text) == text


# ---------------------------------------------------------------- a case's own text


@pytest.mark.parametrize("number", ["123-45-6789", "123 45 6789", "12-3456789", "SSN-123-45-6789"])
@pytest.mark.parametrize("field", ["name", "address"])
def test_a_full_number_in_a_cases_text_is_refused_by_field_without_echo(
    tmp_path: Path, number: str, field: str
) -> None:
    import json

    path = tmp_path / "case.json"
    path.write_text(json.dumps({"taxpayer": {"kind": "individual", field: f"Robin {number}"}}), encoding="utf-8")
    code, out, err = run_cli("analyze", str(path), "--as-of", "2026-11-23")
    assert code == 2 and out == ""
    assert f"taxpayer.{field}: holds what looks like a full SSN" in err
    assert number not in err


def test_a_full_number_in_a_screened_row_is_an_error_row_by_its_column(tmp_path: Path) -> None:
    import polars as pl

    source = tmp_path / "in.csv"
    pl.DataFrame({"case_id": ["a"], "taxpayer_kind": ["individual"], "county": ["123-45-6789"]}).write_csv(source)
    code, _, err = run_cli("screen", str(source), "--out", str(tmp_path / "o.csv"), "--as-of", "2026-11-23")
    assert code == 0, err
    errors = pl.read_csv(tmp_path / "o.errors.csv")
    assert errors["field"].to_list() == ["county"] and "full SSN" in errors["reason"][0]
    for name in ("o.csv", "o.errors.csv", "o.summary.csv", "o.report.md", "o.report.html"):
        assert "123-45-6789" not in (tmp_path / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "212-555-0131",
        "1-800-829-1040",
        "2026-11-23",
        "PO Box 8208, Philadelphia, PA 19101-8208",
        "1040-2023",
        "Apt 3C, 410 Example St.",
        "XXX-XX-6789",
    ],
)
def test_phones_zips_dates_and_ids_are_text(tmp_path: Path, text: str) -> None:
    import json

    path = tmp_path / "case.json"
    path.write_text(json.dumps({"taxpayer": {"kind": "individual", "address": text}}), encoding="utf-8")
    code, _, err = run_cli("analyze", str(path), "--as-of", "2026-11-23")
    assert code == 0, err


def test_a_case_id_that_is_a_full_number_is_never_written(tmp_path: Path) -> None:
    import polars as pl

    source = tmp_path / "in.csv"
    pl.DataFrame({"case_id": ["123-45-6789", "b"], "taxpayer_kind": ["individual"] * 2}).write_csv(source)
    code, _, err = run_cli("screen", str(source), "--out", str(tmp_path / "o.csv"), "--as-of", "2026-11-23")
    assert code == 0, err
    table = pl.read_csv(tmp_path / "o.csv", infer_schema=False)
    assert table["case_id"].to_list() == ["1", "b"] and table["status"].to_list() == ["error", "ok"]
    assert pl.read_csv(tmp_path / "o.errors.csv")["field"].to_list() == ["case_id"]


@pytest.mark.parametrize("text", ["gen-21-0000001", "case_12-3456789", "12-3456789-A"])
def test_an_id_holding_an_eins_digits_inside_a_word_is_text(tmp_path: Path, text: str) -> None:
    import json

    path = tmp_path / "case.json"
    path.write_text(json.dumps({"taxpayer": {"kind": "individual", "name": text}}), encoding="utf-8")
    code, _, err = run_cli("analyze", str(path), "--as-of", "2026-11-23")
    assert code == 0, err


@pytest.mark.parametrize("route", ["/api/v1/intake/notice", "/api/v1/intake/transcript"])
@pytest.mark.parametrize("name", ["123-45-6789.txt", "a\u202etxt.exe", "x\x1b[31m.txt", "<b>n</b>.txt"])
def test_an_uploads_file_name_is_shown_safe(tmp_path: Path, route: str, name: str) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", as_of=date(2026, 11, 23)))
    source = NOTICE if "notice" in route else TRANSCRIPT
    with TestClient(app) as client:
        answer = client.post(route, files={"file": (name, source.read_bytes(), "text/plain")})
    assert answer.status_code == 200, answer.text
    said = answer.text
    assert "123-45-6789" not in said and "\u202e" not in said and "\\u202e" not in said
    assert "\x1b" not in said and "\\u001b" not in said and "<b>" not in said
