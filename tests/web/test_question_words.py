"""One source of words for a question: every question the web interview can show (a seed question, a fact the rules
name for an example or a scenario, a field of a section the rules name whole) has its words in the shared question
catalog (data/questions, data/messages/es/prompts/questions.yaml) in English and Spanish, the question page and the
review page show exactly those words, and the page catalogs (web/messages) hold no question wording of their own."""

from __future__ import annotations

import html
import re
from datetime import date
from functools import cache

import pytest
from fastapi.testclient import TestClient

from levynav.core.model.case import Case
from levynav.explain.catalog import question_texts
from levynav.interview import next_questions
from levynav.interview.fields import pattern
from levynav.interview.flow import start_case
from levynav.web import words
from tests.test_missing_paths import _examples, _scenarios
from tests.web.conftest import AS_OF, with_token

LANGS = ("en", "es")
QUESTION = re.compile(r'<h1 class="lv-question"[^>]*>(.*?)</h1>', re.S)


@cache
def asked() -> dict[str, tuple[Case, str]]:
    """Every question pattern the interview asks for some case, with the first case and path that asks it: the
    examples, the scenarios and the two start cases, each as the interview would go on from it."""
    cases: list[tuple[Case, date]] = [(case, AS_OF) for _, case in _examples()]
    cases += [(case, as_of) for _, case, as_of in _scenarios()]
    cases += [(start_case(kind), AS_OF) for kind in ("individual", "business")]
    out: dict[str, tuple[Case, str]] = {}
    for case, as_of in cases:
        for q in next_questions(case, as_of):
            out.setdefault(pattern(q.path), (case, q.path))
    return out


def _catalog_words(path: str, lang: str) -> str:
    return " ".join(str(question_texts(lang)[pattern(path)]).split())


def test_the_walk_sees_the_interview() -> None:
    got = asked()
    assert len(got) > 60  # the facts the rules ask for, not only the first questions
    for seed in ("levies", "notices", "finances.income", "finances.assets.bank_accounts", "tax_periods[].balance"):
        assert seed in got, seed


@pytest.mark.parametrize("lang", LANGS)
def test_every_question_the_web_asks_has_its_words_in_the_shared_catalog(lang: str) -> None:
    texts = question_texts(lang)
    missing = sorted(p for p in [*asked(), "taxpayer.kind"] if not str(texts.get(p) or "").strip())
    assert not missing, f"{lang}: no question words for {missing}"


def test_the_page_catalogs_hold_no_question_wording() -> None:
    for lang in LANGS:
        own = sorted(k for k in words.catalog(lang) if k.startswith("q_"))
        assert not own, f"web/messages/{lang}.yaml words questions itself: {own}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_question_page_shows_the_catalog_words(client: TestClient, lang: str) -> None:
    by_case: dict[int, tuple[Case, list[str]]] = {}
    for case, path in asked().values():
        by_case.setdefault(id(case), (case, []))[1].append(path)
    shown = 0
    for case, paths in by_case.values():
        r = client.post("/api/v1/cases", json=case.model_dump(mode="json", exclude_none=True))
        assert r.status_code == 201, r.text
        code = r.json()["id"]
        for path in paths:
            page = client.get(f"/case/{code}/q", params={"path": path, "lang": lang})
            assert page.status_code == 200, path
            heading = QUESTION.search(page.text)
            assert heading is not None, path
            assert html.unescape(heading.group(1)).strip() == _catalog_words(path, lang), (lang, path)
            shown += 1
    assert shown == len(asked())


@pytest.mark.parametrize("lang", LANGS)
def test_the_review_page_names_answers_by_the_catalog_words(client: TestClient, lang: str) -> None:
    r = client.post("/start", data=with_token(client, {"kind": "individual"}))
    code = str(r.headers["location"]).split("/")[2]
    client.post(
        f"/case/{code}/q?path=levies", data=with_token(client, {"item.kind": "bank", "item.served_date": "2026-11-12"})
    )
    client.post(f"/case/{code}/q?path=notices", data=with_token(client, {"action": "skip"}))
    review = html.unescape(client.get(f"/case/{code}/review", params={"lang": lang}).text)
    for path in ("taxpayer.kind", "levies", "notices"):  # answered at the start, answered, skipped
        assert _catalog_words(path, lang) in review, (lang, path)
