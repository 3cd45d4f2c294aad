"""The taxpayer's web pages name a case field in words, never by its path (explain/field_names.py): the result page
of every example in English and Spanish, and the question asked for a fact the question catalog has no words for."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from levynav.web.pages import _prompt
from tests.test_explain import RAW_FIELD_PATH
from tests.web.conftest import EXAMPLES, example

NAMES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_the_result_page_names_no_field_by_its_path(client: TestClient, name: str, lang: str) -> None:
    code = client.post("/api/v1/cases", json=example(name)).json()["id"]
    page = html.unescape(client.get(f"/case/{code}/result?lang={lang}").text)
    body = " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)).split())
    raw = RAW_FIELD_PATH.search(body)
    assert raw is None, (name, lang, body[max(0, raw.start() - 120) : raw.end() + 60])


def test_a_fact_with_no_question_words_is_asked_by_its_words_in_the_language() -> None:
    assert _prompt("tax_periods[1].irs_stated_csed", "es") == (
        "Indique este dato de su caso: «Período tributario 2 — fecha de vencimiento del plazo de cobro que indicó el"
        " IRS»."
    )
    assert _prompt("household[0].relationship", "en") == (
        "Please give this fact about your case: Household member 1 — relationship to you."
    )


def test_a_review_row_names_a_fact_the_page_catalog_lacks_by_the_fields_words() -> None:
    from levynav.web import words

    path = "levies[0].release_facilitates_collection"
    assert words.field_label("release_facilitates_collection", "es", path) == "Una liberación ayudaría al IRS a cobrar"
    assert words.field_label("served_date", "es", "levies[0].served_date") == "La fecha en que se notificó el embargo"
