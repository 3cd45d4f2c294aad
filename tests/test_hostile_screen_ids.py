"""A case id that is a full SSN written as nine digits never reaches the output tables; an empty id is no id.

An inventory keyed by SSN most often writes it as nine digits in a row (``123456789``, a whole-number column,
``client-123456789``). ``screen`` refused ``123-45-6789`` as an id, but wrote ``123456789`` whole into its table, in
text or as a whole number. A JSONL id ``""`` or of blanks was written as an empty id (two such rows were each other's
duplicate), where an empty CSV cell is the row number.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levynav.screen.columns import RowProblem, id_text
from tests.helpers import run_cli

CASE = {"taxpayer": {"kind": "individual"}}


def _screen(tmp_path: Path, ids: list[object]) -> tuple[list[dict[str, str]], str, str]:
    source = tmp_path / "cases.jsonl"
    source.write_text("".join(json.dumps({"id": i, **CASE}) + "\n" for i in ids), encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _, err = run_cli("screen", str(source), "--out", str(out), "--as-of", "2026-11-23")
    assert code == 0, err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    return rows, out.read_text(encoding="utf-8"), (tmp_path / "out.errors.csv").read_text(encoding="utf-8")


def test_a_nine_digit_id_is_an_error_row_known_by_its_number(tmp_path: Path) -> None:
    rows, table, errors = _screen(tmp_path, ["123456789", 987654321, "client-555443333", "gen-1-0000001"])
    assert [(r["case_id"], r["status"]) for r in rows] == [
        ("1", "error"),
        ("2", "error"),
        ("3", "error"),
        ("gen-1-0000001", "ok"),
    ]
    for number in ("123456789", "987654321", "555443333"):
        assert number not in table and number not in errors
    assert errors.count("full SSN, ITIN or EIN") == 3


def test_an_empty_id_is_the_row_number(tmp_path: Path) -> None:
    rows, _, errors = _screen(tmp_path, ["", "   ", None])
    assert [(r["case_id"], r["status"]) for r in rows] == [("1", "ok"), ("2", "ok"), ("3", "ok")], errors


@settings(deadline=None, max_examples=200)
@given(
    digits=st.text("0123456789", min_size=9, max_size=9).filter(lambda d: d[0] != "0"),
    before=st.sampled_from(["", "client-", "A", "case "]),
    after=st.sampled_from(["", "-2024", "x", " "]),
    as_number=st.booleans(),
)
def test_no_id_holding_nine_digits_in_a_row_is_kept(digits: str, before: str, after: str, as_number: bool) -> None:
    value: object = int(digits) if as_number else before + digits + after
    with pytest.raises(RowProblem):
        id_text(value, "case_id")


@pytest.mark.parametrize("value", ["12345678", "1234567890", "gen-21-0000001", 12345678, "2026-11-23", 7.0])
def test_other_ids_are_kept(value: object) -> None:
    assert id_text(value, "case_id") == str(value if not isinstance(value, float) else int(value))
