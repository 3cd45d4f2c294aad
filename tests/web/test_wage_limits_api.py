"""`POST /api/v1/wage-exempt` holds the limits `levynav wage-exempt` holds (found by tests/fuzz/drive_web.py: the API
took 31 to 99 dependents where the command refuses more than MAX_DEPENDENTS, and any take-home pay)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from levynav.core.model import limits
from tests.helpers import run_cli

BODY = {"year": 2025, "pay_period": "weekly", "filing_status": "single"}


def test_more_dependents_than_the_limit_are_refused_by_api_and_command(client: TestClient) -> None:
    over = limits.MAX_DEPENDENTS + 1
    r = client.post("/api/v1/wage-exempt", json={**BODY, "dependents": over})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "dependents", r.text
    assert client.post("/api/v1/wage-exempt", json={**BODY, "dependents": limits.MAX_DEPENDENTS}).status_code == 200
    code, _, err = run_cli("wage-exempt", "--year", "2025", "--pay-period", "weekly", "--dependents", str(over))
    assert code == 2 and "--dependents" in err


def test_take_home_pay_past_max_amount_is_refused_by_api_and_command(client: TestClient) -> None:
    r = client.post("/api/v1/wage-exempt", json={**BODY, "dependents": 1, "take_home_pay": "1000000000000"})
    assert r.status_code == 422 and r.json()["problems"] == [
        {"field": "take_home_pay", "message": "must be at most MAX_AMOUNT (999999999999.99)"}
    ]
    ok = client.post("/api/v1/wage-exempt", json={**BODY, "dependents": 1, "take_home_pay": "999999999999.99"})
    assert ok.status_code == 200, ok.text
    args = ["wage-exempt", "--year", "2025", "--pay-period", "weekly", "--filing-status", "single", "--dependents", "1"]
    code, _, err = run_cli(*args, "--take-home-pay", "1000000000000")
    assert code == 2 and "MAX_AMOUNT" in err, err
    code, _, err = run_cli(*args, "--take-home-pay", "999999999999.99")
    assert code == 0, err
