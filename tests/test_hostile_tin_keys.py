"""A key named by a full SSN, ITIN or EIN (round 3): `levynav analyze` masked it, but `levynav screen` wrote it whole
into its errors file and the web API sent it back whole in its problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.helpers import run_cli

FULL = ("123-45-6789", "123456789", "98-7654321")


def test_screen_masks_a_key_that_is_a_full_number(tmp_path: Path) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(
        '{"id": "a", "taxpayer": {"kind": "individual", "123-45-6789": 1}}\n'
        '{"id": "b", "taxpayer": {"kind": "individual"}, "levies": [{"98-7654321": 1, "98-7654321": 2}]}\n'
        '{"id": "c", "taxpayer": {"kind": "individual", "123456789": 1}}\n',
        encoding="utf-8",
    )
    code, _, err = run_cli("screen", str(source), "--out", str(tmp_path / "out.csv"), "--as-of", "2026-11-23")
    assert code == 0, err
    errors = (tmp_path / "out.errors.csv").read_text(encoding="utf-8")
    assert not any(number in errors for number in FULL), errors
    assert "taxpayer.'XXX-XX-6789'" in errors and "levies[0].'XX-XXX4321'" in errors and "XXXXX6789" in errors


@pytest.mark.parametrize(
    "body", ['{"123-45-6789": 1}', '{"taxpayer": {"kind": "individual", "123456789": 1, "123456789": 2}}']
)
def test_the_api_masks_a_key_that_is_a_full_number(tmp_path: Path, body: str) -> None:
    import datetime

    from levynav.web import Settings, create_app

    app = create_app(Settings(data_dir=tmp_path / "data", as_of=datetime.date(2026, 11, 23)))
    with TestClient(app) as client:
        response = client.post("/api/v1/analyze", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert not any(number in response.text for number in FULL), response.text
    assert "6789" in response.text
