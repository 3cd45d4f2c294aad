"""Errors on the pages are in the page's language and name the field in words: an answer the case model refuses (it
contradicts another fact) says which answers in Spanish on a Spanish page, never the model's English or a field path;
every message key a problem of the case model can have has words in both languages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from levynav.intake import case_problems  # the problem keys (moved from web/, the command line says them too)
from levynav.web import words
from tests.web.conftest import with_token

NOTICE = {"item.type": "LT11", "item.notice_date": "2026-07-13"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_answer_that_contradicts_another_is_refused_in_the_page_language(client: TestClient, lang: str) -> None:
    code = client.post("/start", data=with_token(client, {"kind": "individual"})).headers["location"].split("/")[2]
    client.get(f"/?lang={lang}")
    added = client.post(f"/case/{code}/q", params={"path": "notices"}, data=with_token(client, NOTICE))
    assert added.status_code == 303
    r = client.post(
        f"/case/{code}/q", params={"path": "notices[0].received_date"}, data=with_token(client, {"value": "2026-07-01"})
    )
    assert r.status_code == 422
    summary = re.search(r'id="error-summary">(.*?)</div>\s*</div>', r.text, re.S)
    assert summary is not None
    said = summary.group(1)
    assert words.path_words("notices[0].received_date", lang) in said  # "Aviso 1 — La fecha en que lo recibió"
    assert words.path_words("notices[0].notice_date", lang) in said
    assert "received_date" not in said and "notice_date" not in said and "notices[0]" not in said
    if lang == "es":
        assert "anterior a" in said


def test_every_problem_key_has_words_in_both_languages() -> None:
    with open(case_problems.__file__, encoding="utf-8") as f:
        source = f.read()
    keys = set(re.findall(r'"(problem_[a-z_]+)"', source))
    assert len(keys) >= 20
    for lang in ("en", "es"):
        for key in keys:
            assert key in words.catalog(lang), (lang, key)


# the case model's order checks (core/model/case.py _order) and the fields they name, by where they sit
ORDER_CHECKED = {
    "notices[0]": ("notice_date", "received_date", "mailing_date"),
    "levies[0]": ("served_date", "proceeds_sent_date", "released_date"),
    "installment_agreements[0]": (
        "requested_date",
        "pending_date",
        "entered_date",
        "rejected_date",
        "terminated_date",
        "appeal_date",
        "appeal_decided_date",
    ),
    "offers[0]": (
        "submitted_date",
        "pending_date",
        "accepted_date",
        "rejected_date",
        "returned_date",
        "withdrawn_date",
        "appeal_date",
        "appeal_decided_date",
    ),
    "proceedings.bankruptcies[0]": ("petition_date", "discharge_date", "dismissal_date", "closed_date"),
}


@pytest.mark.parametrize("holder", sorted(ORDER_CHECKED))
def test_every_date_an_order_check_names_is_said_in_words(holder: str) -> None:
    """The fields an order check names ("received_date is before notice_date") are said in words on the pages, in
    both languages: no field name, no quoted unknown name."""
    for name in ORDER_CHECKED[holder]:
        for lang in ("en", "es"):
            said = words.path_words(f"{holder}.{name}", lang)
            assert "_" not in said and "“" not in said and "[" not in said, (holder, name, lang, said)
