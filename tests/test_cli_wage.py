"""`levynav wage-exempt`: the amount, the formula, each input with its source and status; bad input exits 2."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_cli


def run(*args: str) -> tuple[int, str, str]:
    return run_cli("wage-exempt", *args)


def test_text_shows_amount_formula_inputs_and_sources() -> None:
    code, out, _ = run(
        "--year",
        "2024",
        "--filing-status",
        "single",
        "--dependents",
        "3",
        "--pay-period",
        "weekly",
        "--over-65-or-blind",
        "1",
    )
    assert code == 0
    assert "$606.72" in out
    assert "280.77 (standard deduction 14,600 / 52) + 3 x 96.15 (dependent amount 5,000 / 52)" in out
    assert "+ 37.50 (1 x 1,950 / 52) = 606.72" in out
    assert "standard deduction: $14,600 [verified] source: https://" in out
    assert "not legal advice" in out


def test_json_has_inputs_with_source_and_status() -> None:
    code, out, _ = run(
        "--year",
        "2024",
        "--filing-status",
        "married-filing-jointly",
        "--dependents",
        "2",
        "--pay-period",
        "biweekly",
        "--over-65-or-blind",
        "2",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["exempt_amount"] == "1626.93"
    assert data["inputs"]["dependent_amount"] == {
        "value": "5000",
        "source": data["inputs"]["dependent_amount"]["source"],
        "status": "V",
    }
    assert data["unverified"] == []
    assert data["citations"] == ["R6334-D1", "R6334-G1"]


def test_no_statement_uses_the_employer_default_and_says_so() -> None:
    code, out, _ = run("--year", "2024", "--pay-period", "monthly", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["filing_status"] == "married_filing_separately"
    assert data["statement_default_applied"] is True
    assert data["exempt_amount"] == "1216.67"


def test_unverified_inputs_are_listed() -> None:
    code, out, _ = run(
        "--year", "2025", "--filing-status", "single", "--dependents", "1", "--pay-period", "weekly", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["exempt_amount"] == "386.54"
    assert set(data["unverified"]) == {"standard_deduction", "dependent_amount"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--year", "2019", "--filing-status", "single", "--dependents", "1", "--pay-period", "weekly"],
            "dependent amount for single (basis published) is missing",
        ),
        (
            ["--year", "2024", "--filing-status", "widower", "--dependents", "1", "--pay-period", "weekly"],
            "filing status 'widower'",
        ),
        (["--year", "2024", "--filing-status", "single", "--dependents", "-2", "--pay-period", "weekly"], "0 or more"),
        (
            ["--year", "2024", "--filing-status", "single", "--dependents", "1", "--pay-period", "hourly"],
            "pay period 'hourly'",
        ),
        (["--year", "2016", "--pay-period", "weekly"], "not covered"),
        (["--year", "2024", "--dependents", "1", "--pay-period", "weekly"], "or neither"),
        (["--year", "2024", "--pay-period", "weekly", "--format", "xml"], "--format"),
    ],
)
def test_bad_values_exit_2_with_a_message_and_no_traceback(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in out + err


def test_non_numeric_dependents_is_rejected_by_the_parser() -> None:
    code, out, err = run("--year", "2024", "--dependents", "two", "--pay-period", "weekly")
    assert code == 2
    assert "Traceback" not in out + err


def test_take_home_pay_shows_what_the_levy_takes() -> None:
    # 26 U.S.C. § 6334(a)(9), (d): no statement -> married filing separately, no dependents; 2024 biweekly
    # 14,600 / 26 = 561.54 exempt; take-home pay 1,200.00 -> the levy takes 638.46 (issue 8, what a levy takes).
    code, out, _ = run("--year", "2024", "--pay-period", "biweekly", "--take-home-pay", "1,200.00")
    assert code == 0
    assert "take-home pay $1,200.00 - exempt $561.54 = $638.46 from each biweekly paycheck" in out
    code, out, _ = run("--year", "2024", "--pay-period", "biweekly", "--take-home-pay", "500", "--format", "json")
    data = json.loads(out)
    assert data["take_home_pay"] == "500.00" and data["levy_takes"] == "0.00"
    code, _, err = run("--year", "2024", "--pay-period", "biweekly", "--take-home-pay", "lots")
    assert code == 2 and "not an amount" in err
