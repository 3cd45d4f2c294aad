"""The web result page names a tax period as a person reads it ("Form 1040, 2021" / "Formulario 1040, 2021"), never
by its case-file id, for every example, en and es (round 8; tests/test_period_names.py does the terminal, HTML and
packet views)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import EXAMPLES, example
from tests.web.interview_steps import page_text


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_the_result_page_names_no_period_by_its_id(client: TestClient, name: str) -> None:
    data = example(name)
    ids = [p["id"] for p in data.get("tax_periods", [])]
    made = client.post("/api/v1/cases", json=data)
    assert made.status_code in (200, 201), made.text
    for lang in ("en", "es"):
        page = client.get(f"/case/{made.json()['id']}/result?lang={lang}")
        assert page.status_code == 200
        said = page_text(page.text)
        raw = [pid for pid in ids if re.search(rf"(?<![\w-]){re.escape(pid)}(?![\w-])", said)]
        assert raw == [], (lang, raw)
