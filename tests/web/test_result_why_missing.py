"""The result page's open questions: a fact the case gives but that cannot be used as given (a county name that is two
places, or a misspelt one) is asked with why, in the page's language — as ``levynav analyze`` says it."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import example


@pytest.mark.parametrize(("lang", "asked"), [("en", "Which county do you live in?"), ("es", "¿En qué condado vive?")])
def test_an_ambiguous_county_is_asked_with_both_names(client: TestClient, lang: str, asked: str) -> None:
    data = example("expensive-county-wage-levy-finances.yaml")
    data["taxpayer"] = {k: v for k, v in data["taxpayer"].items() if k != "county_fips"} | {
        "state": "MD",
        "county": "Baltimore",
    }
    made = client.post("/api/v1/cases", json=data)
    assert made.status_code in (200, 201), made.text
    page = client.get(f"/case/{made.json()['id']}/result?lang={lang}").text
    items = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", i)).split()) for i in re.findall(r"<li>(.*?)</li>", page)]
    said = next(i for i in items if i.startswith(asked))
    given = "«Baltimore»" if lang == "es" else '"Baltimore"'
    assert given in said and "Baltimore City" in said and "Baltimore County" in said, said


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_web_result_page_says_a_format_string_county_as_typed(client: TestClient, lang: str) -> None:
    """A county typed with braces, format specs and markup is said as typed in the reason it is asked (round 7)."""
    data = example("expensive-county-wage-levy-finances.yaml")
    county = "{0} {notice:el} %s <b>{{x}}</b>"
    data["taxpayer"] = {k: v for k, v in data["taxpayer"].items() if k != "county_fips"} | {
        "state": "OH",
        "county": county,
    }
    made = client.post("/api/v1/cases", json=data)
    assert made.status_code in (200, 201), made.text
    page = client.get(f"/case/{made.json()['id']}/result?lang={lang}")
    assert page.status_code == 200
    assert "{0} {notice:el} %s &lt;b&gt;{{x}}&lt;/b&gt;" in page.text  # escaped, never markup, never filled
