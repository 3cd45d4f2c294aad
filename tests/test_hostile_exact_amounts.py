"""An amount given past the cent is refused by its field, never rounded to the cent without a word.

A case file's number with a fraction went through a binary float: ``100.10000000000000001`` became $100.10 in YAML,
JSON, a JSONL line to ``screen`` and a body sent to the web API, while ``100.105`` was refused. A typed amount
(``wage-exempt --take-home-pay``, the API's ``take_home_pay``, the web interview) was rounded: 12.345 became 12.34;
and every comma was dropped, so "1,50" (one dollar fifty, written with a decimal comma) was read as $150.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levynav.intake.bounded_parse import BoundsError, parse_json, parse_yaml
from levynav.intake.written_amounts import AmountTextError, written_amount
from tests.helpers import run_cli

PAST_THE_CENT = "100.10000000000000001"
CASE = (
    '{{"taxpayer": {{"kind": "individual"}}, '
    '"levies": [{{"kind": "bank", "served_date": "2026-02-10", "amount": {}}}]}}'
)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_case_amount_past_the_cent_is_refused_by_its_field(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"case{suffix}"
    path.write_text(CASE.format(PAST_THE_CENT), encoding="utf-8")  # JSON is YAML too
    code, out, err = run_cli("analyze", str(path), "--as-of", "2026-03-01", "--format", "json")
    assert code == 2, out
    assert "levies[0].amount: has more than 14 digits" in err and "2 decimal places" in err
    assert out == ""


@pytest.mark.parametrize(
    ("suffix", "written"),
    [
        *[(".yaml", "100.5"), (".json", "100.5"), (".yaml", "100.500"), (".json", "100.500"), (".json", "1.005e2")],
        *[(".yaml", "1.005e+2"), (".json", "1.0050E+2"), (".yaml", "100.50000000000000000")],
    ],
)
def test_a_case_amount_written_exactly_is_read_as_written(tmp_path: Path, suffix: str, written: str) -> None:
    from levynav.intake.load import load_case

    path = tmp_path / f"case{suffix}"
    path.write_text(CASE.format(written), encoding="utf-8")
    assert load_case(path).levies[0].amount == Decimal("100.50")


def test_numbers_are_read_as_the_decimals_they_write() -> None:
    assert parse_json('{"a": 100.10000000000000001}') == {"a": Decimal(PAST_THE_CENT)}
    assert parse_yaml("a: 100.10000000000000001") == {"a": Decimal(PAST_THE_CENT)}
    assert parse_yaml("a: 1_000.50") == {"a": Decimal("1000.50")}
    for text in ('{"a": 1e400}', '{"a": 0.0000000000000000000000000000000001}'):
        with pytest.raises(BoundsError, match="MAX_INTEGER_DIGITS"):
            parse_json(text)
    with pytest.raises(BoundsError, match="MAX_INTEGER_DIGITS"):  # was "a value cannot be read (BoundsError)"
        parse_yaml("a: 0.0000000000000000000000000000000001")


def test_screen_refuses_an_amount_past_the_cent_by_its_field(tmp_path: Path) -> None:
    lines = [
        CASE.format(PAST_THE_CENT).replace("{", '{"id": "a", ', 1),
        CASE.format("1e400").replace("{", '{"id": "b", ', 1),
        CASE.format("100.5").replace("{", '{"id": "c", ', 1),
    ]
    source = tmp_path / "cases.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run_cli("screen", str(source), "--out", str(tmp_path / "out.csv"), "--as-of", "2026-03-01")
    assert code == 0, err
    errors = (tmp_path / "out.errors.csv").read_text(encoding="utf-8").splitlines()
    assert errors[1].startswith("1,levies[0].amount,has more than 14 digits"), errors
    assert errors[2].startswith("2,(line),a number longer than"), errors
    assert len(errors) == 3


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("12.345", "has more than 2 decimal places"),
        ("1,50", "is not an amount"),
        ("12,34", "is not an amount"),
        ("1e3", "is not an amount"),
        ("-5", "must not be negative"),
    ],
)
def test_take_home_pay_past_the_cent_or_with_a_stray_comma_is_refused(written: str, problem: str) -> None:
    code, out, err = run_cli("wage-exempt", "--year", "2026", "--take-home-pay", written, "--pay-period", "weekly")
    assert code == 2 and f"--take-home-pay: {problem}" in err, (code, out, err)


def test_take_home_pay_as_people_write_it() -> None:
    code, out, err = run_cli(
        "wage-exempt", "--year", "2026", "--pay-period", "weekly", "--take-home-pay", "$1,250.50", "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out)["take_home_pay"] == "1250.50"


AMOUNTS = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False)


@settings(deadline=None, max_examples=200)
@given(AMOUNTS, st.booleans(), st.booleans())
def test_an_amount_with_commas_and_a_sign_reads_back_exactly(amount: Decimal, dollar: bool, commas: bool) -> None:
    text = f"{amount:,.2f}" if commas else f"{amount:.2f}"
    assert written_amount(("$" if dollar else "") + text) == amount


@settings(deadline=None, max_examples=200)
@given(
    st.decimals(min_value=0, max_value=Decimal("999999999999.98"), places=2, allow_nan=False),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=1, max_value=6),
)
def test_an_amount_past_the_cent_is_never_rounded(amount: Decimal, last: int, zeros: int) -> None:
    text = f"{amount:.2f}" + "0" * (zeros - 1) + str(last)
    with pytest.raises(AmountTextError) as info:
        written_amount(text)
    assert info.value.reason == "cents"


@settings(deadline=None, max_examples=200)
@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=99))
def test_a_decimal_comma_is_never_read_as_thousands(whole: int, cents: int) -> None:
    with pytest.raises(AmountTextError):
        written_amount(f"{whole},{cents:02d}")
