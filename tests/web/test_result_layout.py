"""The result page's order: what to do today at the top, the reasons the levy must or may end, the deadlines and the
plan; the open routes (appeals, payment plans, the Taxpayer Advocate, clinics) and the free help in a section of their
own after the plan, collapsed in a <details> that opens without JavaScript."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from levynav import analyze, load_case
from levynav.core.model.analysis import Effect, Outcome
from levynav.explain.render import title
from tests.web.conftest import AS_OF, EXAMPLES, example

NAMES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
HELP = re.compile(r'<section class="lv-help" id="help".*?</section>', re.S)


def _squash(text: str) -> str:
    return " ".join(html.unescape(text).split())


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_routes_and_help_sit_after_the_plan_and_today_at_the_top(client: TestClient, name: str, lang: str) -> None:
    result = analyze(load_case(EXAMPLES / name), AS_OF)
    code = client.post("/api/v1/cases", json=example(name)).json()["id"]
    page = client.get(f"/case/{code}/result?lang={lang}").text
    applies = [f for f in result.findings if f.outcome is Outcome.APPLIES]
    routes = [title(f.rule, lang) for f in applies if f.effect is Effect.ROUTE_OPEN]
    reasons = {title(f.rule, lang) for f in applies if f.effect not in (Effect.ROUTE_OPEN, None)}

    # the strongest reasons are reasons: no route among them
    grounds = {_squash(g) for g in re.findall(r'lv-ground">\s*<div[^>]*>\s*<h3[^>]*>(.*?)</h3>', page, re.S)}
    assert not grounds & (set(routes) - reasons), (name, lang)

    # every route and every help resource is in the help section, which comes after the plan, closed
    section = HELP.search(page)
    if routes or result.resources:
        assert section is not None, (name, lang)
        assert page.index('id="plan"') < section.start(), (name, lang)
        opening = re.search(r"<details[^>]*id=\"help-more\"[^>]*>", section.group(0))
        assert opening is not None and " open" not in opening.group(0), (name, lang)
        shown = {_squash(h) for h in re.findall(r'<div class="lv-route">\s*<h3>(.*?)</h3>', section.group(0))}
        assert shown == set(routes), (name, lang)
    else:
        assert section is None

    # what to do today comes before the reasons, and each line links to its step of the plan
    today = [s for s in result.plan if s.when == "today"]
    links = re.findall(r'<a class="usa-link" href="#step-(\d+)">', page[: page.index('id="grounds"')])
    assert [int(n) for n in links] == [s.order for s in today], (name, lang)
    for n in links:
        assert f'id="step-{n}"' in page


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_the_why_lists_show_sources_as_links_and_figures_in_words(client: TestClient, name: str, lang: str) -> None:
    """The "why" lists name a law by its citation and open its web address; the data's working notes (shared-
    reference ids, repository paths and commits), parameter ids and unit codes stay in the record, off the page."""
    result = analyze(load_case(EXAMPLES / name), AS_OF)
    code = client.post("/api/v1/cases", json=example(name)).json()["id"]
    page = html.unescape(client.get(f"/case/{code}/result?lang={lang}").text)
    for internal in ("shared reference", "means-test-calculator", "(commit "):
        assert internal not in page, (name, lang, internal)
    for unit in ("usd", "calendar_days", "business_days", "dollars_per_year"):
        assert not re.search(rf"\b{unit}\b", page), (name, lang, unit)
    for f in result.findings:
        for p in f.parameters:
            assert p.id not in page, (name, lang, p.id)
