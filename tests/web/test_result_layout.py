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
from levynav.web import words
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
    """The "why" lists name a law by its citation and link its official text (tests/web/test_official_links.py);
    the data's working notes (shared-reference ids, repository paths and commits), parameter ids and unit codes stay
    in the record, off the page."""
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


STEP = re.compile(
    r'<li class="usa-process-list__item([^"]*)" id="step-(\d+)">(.*?)(?=<li class="usa-process-list__item|</ol>)', re.S
)
MORE = re.compile(r'<details class="lv-step__more"><summary>(.*?)</summary>(.*?)</details>', re.S)


def _plain(fragment: str) -> str:
    # a link inside a sentence (a phone number to tap) is part of its words: "1-800-973-0424, and", not "… 0424 , and"
    return _squash(re.sub(r"<[^>]+>", " ", re.sub(r"</?a\b[^>]*>", "", fragment)))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_today_in_full_later_steps_one_tap_away(client: TestClient, name: str, lang: str) -> None:
    """What to do today is written out in the plan (or, when nothing is for today, the first step); a later step shows
    its title and date, and every word of its detail — what to do and say, whom to contact, the form, what to have
    ready, why — is in its closed <details>: nothing is left out, nothing is shown twice."""
    result = analyze(load_case(EXAMPLES / name), AS_OF)
    view = words.render_analysis(result, lang)
    code = client.post("/api/v1/cases", json=example(name)).json()["id"]
    page = client.get(f"/case/{code}/result?lang={lang}").text
    plan = page[page.index('id="plan"') :]
    steps = {int(n): (cls, body) for cls, n, body in STEP.findall(plan)}
    assert sorted(steps) == [s["order"] for s in view["plan"]], (name, lang)
    today = [s for s in view["plan"] if s["when"] == "today"]
    for i, s in enumerate(view["plan"]):
        cls, body = steps[s["order"]]
        in_full = s["when"] == "today" or (not today and i == 0)
        heading = re.search(r"<h3[^>]*>(.*?)</h3>", body, re.S)
        assert heading is not None and s["title"] in _squash(heading.group(1)), (name, lang, s["order"])
        if s["by"]:
            assert words.t("result_by", lang, date=s["by"]) in _plain(body.split("<details", 1)[0])
        detail = [s["action"], *(x for x in (s["contact"], s["form"]) if x), *s["have_ready"]]
        more = MORE.findall(body)
        if in_full:
            assert "lv-step--later" not in cls and not more, (name, lang, s["order"])
            shown = _plain(body.split('<details class="lv-why">', 1)[0])
        else:
            assert "lv-step--later" in cls and len(more) == 1, (name, lang, s["order"])
            assert _squash(more[0][0]) == words.t("result_step_more", lang)
            assert _plain(body.split("<details", 1)[0]).count(_squash(s["action"])) == 0  # only in the detail
            shown = _plain(more[0][1])
            assert _squash(s["why"]) in shown, (name, lang, s["order"])
        for text in detail:
            assert _squash(text) in shown, (name, lang, s["order"], text)


ROW = re.compile(r'<tr class="lv-option lv-option--(\w+)"><th scope="row">(.*?)</th>(.*?)</tr>', re.S)
PLAN_LINK = re.compile(r'\s*<a class="usa-link lv-option__plan" href="#step-(\d+)">(.*?)</a>')


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_ways_to_pay_the_ones_the_irs_would_accept_first(client: TestClient, name: str, lang: str) -> None:
    """Every way to pay the analysis weighed for this taxpayer is on the page once, with whether they qualify, the
    monthly payment and the effect on the levy. First the one a step of the plan asks the IRS for (a finance step's
    own words, which name it), linked to that step; then the ones they qualify for (the first card on a phone is one
    the IRS would accept), then those not known yet, then those they do not qualify for, each group in the
    analysis's order."""
    from levynav.core.model.ability_to_pay import Eligibility
    from levynav.explain.render import label, render

    result = analyze(load_case(EXAMPLES / name), AS_OF)
    options = result.finances.options if result.finances is not None else None
    weighed = [o for o in (options.options if options else []) if o.eligibility is not Eligibility.NOT_APPLICABLE]
    asked = {
        r.removeprefix("finances."): s.order
        for s in reversed(result.plan)
        if s.text.key.startswith("finance.")
        for r in s.rules
        if r.startswith("finances.")
    }
    code = client.post("/api/v1/cases", json=example(name)).json()["id"]
    page = html.unescape(client.get(f"/case/{code}/result?lang={lang}").text)
    rows = ROW.findall(page)
    order = [Eligibility.ELIGIBLE, Eligibility.UNKNOWN, Eligibility.NOT_ELIGIBLE]
    expected = [o for o in weighed if o.option.value in asked]
    expected += [o for group in order for o in weighed if o.eligibility is group and o not in expected]
    assert [r[0] for r in rows] == [o.eligibility.value for o in expected], (name, lang)
    steps = {s.order: s for s in render(result, lang).plan}
    for (_, shown, cells), o in zip(rows, expected, strict=True):
        name_words = label("option", o.option.value, lang)
        link = PLAN_LINK.search(shown)
        assert _squash(PLAN_LINK.sub("", shown)) == name_words[:1].upper() + name_words[1:], (name, lang)
        if o.option.value in asked:
            n = asked[o.option.value]
            assert link is not None and int(link.group(1)) == n, (name, lang)
            assert _squash(link.group(2)) == words.t("result_option_in_plan", lang, n=n)
            assert name_words.casefold() in steps[n].action.casefold(), (name, lang, n)  # the step names it
        else:
            assert link is None, (name, lang)
        cells_text = _plain(cells)
        assert words.t(f"eligibility_{o.eligibility.value}", lang) in cells_text
        assert words.money(o.monthly_payment, lang) in cells_text
        assert words.t(f"levy_effect_{o.levy_effect.value}", lang) in cells_text


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_live_deadlines_come_first_and_passed_ones_are_folded(client: TestClient, name: str, lang: str) -> None:
    """The deadlines still ahead are listed first; the ones that have passed sit under them in a closed <details>
    ("Dates that have passed"), each of them once, in the page's language."""
    result = analyze(load_case(EXAMPLES / name), AS_OF)
    code = client.post("/api/v1/cases", json=example(name)).json()["id"]
    view = words.render_analysis(result, lang)
    live = [d for d in view["deadlines"] if not d["passed"]]
    passed = [d for d in view["deadlines"] if d["passed"]]
    for url in (f"/case/{code}/result?lang={lang}", f"/case/{code}/meaning?lang={lang}"):
        page = client.get(url).text
        folded = re.search(r'<details class="lv-passed" id="deadlines-passed">(.*?</ul>)\s*</details>', page, re.S)
        listed = re.search(
            r'<ul class="[^"]*" id="deadlines-live">(.*?)</ul>\s*(?=<details class="lv-passed"|<h2)', page, re.S
        )
        if passed:
            assert folded is not None, (name, lang)
            assert words.t("result_passed_dates", lang) in folded.group(1)
            assert [_squash(d) for d in re.findall(r"<strong>(.*?)</strong>", folded.group(1))] == [
                _squash(d["date"]) for d in passed
            ]
        else:
            assert folded is None and words.t("result_passed_dates", lang) not in page
        if live:
            assert listed is not None, (name, lang)
            assert [_squash(d) for d in re.findall(r"<strong>(.*?)</strong>", listed.group(1))] == [
                _squash(d["date"]) for d in live
            ]
            assert words.t("result_passed", lang) not in listed.group(1)
            if folded is not None:
                assert listed.start() < folded.start()
        else:
            assert listed is None


def test_some_example_has_both_live_and_passed_deadlines() -> None:
    """The test above sees both lists at once in at least one example (else it would prove little)."""
    both = 0
    for name in NAMES:
        deadlines = analyze(load_case(EXAMPLES / name), AS_OF).deadlines
        both += any(d.passed for d in deadlines) and any(not d.passed for d in deadlines)
    assert both >= 1


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_the_reasons_heading_speaks_of_a_levy_only_when_there_is_one(client: TestClient, name: str, lang: str) -> None:
    """With a levy, the reasons are what ends it (release, return); with a notice only, nothing is released yet: the
    heading and the empty-list line speak of what keeps the IRS from levying."""
    data = example(name)
    code = client.post("/api/v1/cases", json=data).json()["id"]
    page = client.get(f"/case/{code}/result?lang={lang}").text
    heading = _squash(re.search(r'<h2 id="grounds">(.*?)</h2>', page, re.S).group(1))  # type: ignore[union-attr]
    levied = bool(data.get("levies"))
    assert heading == words.t("result_grounds" if levied else "result_grounds_no_levy", lang), (name, lang)
    if 'class="usa-summary-box lv-ground"' not in page:
        empty = words.t("result_no_grounds" if levied else "result_no_grounds_no_levy", lang)
        assert empty in _squash(page), (name, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_notice_only_case_is_not_told_of_releasing_a_levy(client: TestClient, lang: str) -> None:
    data = {key: value for key, value in example("bank-levy-hardship-21-day-hold.yaml").items() if key != "levies"}
    code = client.post("/api/v1/cases", json=data).json()["id"]
    page = _squash(client.get(f"/case/{code}/result?lang={lang}").text)
    assert words.t("result_grounds", lang) not in page
    assert words.t("result_grounds_no_levy", lang) in page
