"""The interview walked on a phone as a frightened taxpayer would, in English and Spanish (round 3): the county is
chosen by its name within the state, not typed as a five-digit code; "none of these" can be said of protected
property; the words of the law on a page are explained whatever the wording; a CDP request's effect on a levy
already running is said as the law has it; Spanish words as the IRS's Spanish pages use them."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser

from levynav.web import words
from tests.web.interview_steps import WAGE_LEVY
from tests.web.interview_steps import answer as _answer
from tests.web.interview_steps import page_text as _text
from tests.web.interview_steps import start_case as _start
from tests.web.test_browser import browser, server  # noqa: F401  (fixtures: Chromium and the app on loopback)

LANGS = ("en", "es")
PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ["LEVYNAV_SHOTS"]) if os.environ.get("LEVYNAV_SHOTS") else None
COUNTY = "taxpayer.county_fips"


def _options(page: str, select_id: str) -> dict[str, str]:
    found = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S)
    assert found is not None, select_id
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', found.group(0))
    return {v: html.unescape(label) for v, label in options}


def _stored(client: TestClient, code: str) -> dict[str, str]:
    taxpayer: dict[str, str] = client.get(f"/api/v1/cases/{code}").json()["taxpayer"]
    return taxpayer


def _asked(client: TestClient, code: str) -> list[str]:
    """The facts the expenses of the stored case still miss (the Local Standards need the county)."""
    lines = client.get(f"/api/v1/cases/{code}/analysis").json()["finances"]["expenses"]["lines"]
    return [m for line in lines for m in line["missing"]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_county_is_chosen_by_its_name_within_the_state(client: TestClient, lang: str) -> None:
    """ "What is the 5-digit code (FIPS) of the county you live in?": a person knows "Franklin County, Ohio", not
    39049. The county is now chosen by its name among the counties of the state (the IRS standards' county list), and
    the case stores the same code; the state it was chosen in is stored too when none was given."""
    code = _start(client, lang)
    assert COUNTY in _asked(client, code)
    page = client.get(f"/case/{code}/q?path={COUNTY}").text
    assert html.escape(words.t("county_question", lang), quote=False) in page
    assert "FIPS" not in _text(page[page.index("<main") :])
    states = _options(page, "county-state")
    assert {"OH", "CT", "DC", "AK"} <= set(states)
    # the states by name in the page's language, listed as a person reads them (not "NY" or "OH")
    new_york = {"en": "New York", "es": "Nueva York"}[lang]
    assert (states["OH"], states["NY"]) == ("Ohio", new_york)
    named = [name for value, name in states.items() if value]
    assert named == sorted(named, key=str.casefold) and "OH" not in named
    assert 'id="value"' not in page and words.t("county_state_first", lang) in _text(page)
    page = client.get(f"/case/{code}/q?path={COUNTY}&state=OH").text  # the state's form (a GET: no script needed)
    counties = _options(page, "value")
    assert counties["39049"] == "Franklin County" and len(counties) == 88 + 1  # Ohio's 88 counties and "- Select -"
    assert "48201" not in counties  # Harris County, Texas: another state's
    assert _answer(client, code, COUNTY, {"value": "39049", "state": "OH"}).status_code == 303  # type: ignore[attr-defined]
    assert _stored(client, code) == {"kind": "individual", "state": "OH", "county_fips": "39049"}
    again = client.get(f"/case/{code}/q?path={COUNTY}").text  # shown again chosen, in its state
    assert re.search(r'<option value="OH" selected>', again) and re.search(r'<option value="39049" selected>', again)
    review = _text(client.get(f"/case/{code}/review").text)
    # the county and its state by name; the five-digit code it is stored by is not a word the person chose
    assert "Franklin County, Ohio" in review and "39049" not in review and words.t("county_question", lang) in review
    assert COUNTY not in _asked(client, code)


@pytest.mark.parametrize("lang", LANGS)
def test_a_state_given_before_is_kept_and_its_counties_are_shown_first(client: TestClient, lang: str) -> None:
    code = _start(client, lang)
    assert _answer(client, code, "taxpayer.state", {"value": "TX"}).status_code == 303  # type: ignore[attr-defined]
    page = client.get(f"/case/{code}/q?path={COUNTY}").text
    assert _options(page, "value")["48201"] == "Harris County"
    # a county of another state chosen on the page (the person moved): refused, saying to change the state first —
    # both answers say where the person lives, and one place is stored, never a Texas state beside an Ohio county
    refused = _answer(client, code, COUNTY, {"value": "39049", "state": "OH"})  # type: ignore[attr-defined]
    assert refused.status_code == 422
    ohio, texas = words.state_name("OH", lang), words.state_name("TX", lang)
    assert words.t("error_county_state", lang, county_state=ohio, state=texas) in _text(refused.text)
    assert _stored(client, code) == {"kind": "individual", "state": "TX"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_county_the_table_lists_without_a_code_is_chosen_by_its_name(client: TestClient, lang: str) -> None:
    """Connecticut's planning regions are printed without a code in the 2025 standards: such a county is stored by
    its name and state (``taxpayer.county``), which the expenses read as well (core/calc/expenses.resolve_county)."""
    code = _start(client, lang)
    page = client.get(f"/case/{code}/q?path={COUNTY}&state=CT").text
    choices = _options(page, "value")
    assert choices["name:Capitol Planning Region"] == "Capitol Planning Region"
    sent = {"value": "name:Capitol Planning Region", "state": "CT"}
    assert _answer(client, code, COUNTY, sent).status_code == 303  # type: ignore[attr-defined]
    assert _stored(client, code) == {"kind": "individual", "state": "CT", "county": "Capitol Planning Region"}
    assert "Capitol Planning Region, Connecticut" in _text(client.get(f"/case/{code}/review").text)
    assert COUNTY not in _asked(client, code)  # the expenses find the region by its name
    refused = _answer(client, code, COUNTY, {"value": "name:Nowhere Region", "state": "CT"})
    assert refused.status_code == 422  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", LANGS)
def test_the_county_page_on_a_phone_with_and_without_javascript(
    server: str,  # noqa: F811
    browser: Browser,  # noqa: F811
    lang: str,
) -> None:
    """On a 390 px phone: the state is chosen (the script shows its counties at once; without it, the button does),
    then the county by name; nothing scrolls sideways and the lists are tap targets."""
    for script in (True, False):
        context = browser.new_context(viewport=PHONE, java_script_enabled=script)  # type: ignore[arg-type]
        page = context.new_page()
        page.goto(f"{server}/?lang={lang}")
        page.click("form[action='/start'] button[type=submit]")
        page.wait_for_selector("#case-code")
        code = page.inner_text("#case-code").strip()
        page.goto(f"{server}/case/{code}/q?path={COUNTY}")
        page.select_option("#county-state", "OH")
        if not script:
            page.click("#county-show")
        page.wait_for_selector("#value option[value='39049']", state="attached")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        for selector in ("#county-state", "#value"):
            box = page.locator(selector).bounding_box()
            assert box is not None and box["height"] >= 40 and box["x"] + box["width"] <= PHONE["width"], selector
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"county-{lang}-{'js' if script else 'nojs'}.png"), full_page=True)
        page.select_option("#value", "39049")
        page.click("button[value=answer]")
        page.wait_for_url(lambda url: "county_fips" not in url)
        page.goto(f"{server}/api/v1/cases/{code}")
        assert '"county_fips":"39049"' in page.inner_text("body").replace(" ", "")
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_none_of_these_is_an_answer_to_the_protected_property_question(client: TestClient, lang: str) -> None:
    """ "Did the levy take any money or property that federal law protects — SSI, …?" listed only the kinds: a person
    whose levy took none of them could only skip, and the result kept asking. "None of these" is now a choice, stored
    as the explicit answer ``none`` (not as no answer), and the question is not asked again."""
    path = "levies[0].exempt_category"
    code = _start(client, lang)
    _answer(client, code, "levies", WAGE_LEVY)
    assert path in _questions(client, code)
    page = client.get(f"/case/{code}/q?path={path}").text
    assert (
        _options(page, "value")["none"]
        == words.choice_label("none", lang)
        == ("None of these", "Ninguno de estos")[LANGS.index(lang)]
    )
    assert _answer(client, code, path, {"value": "none"}).status_code == 303  # type: ignore[attr-defined]
    assert client.get(f"/api/v1/cases/{code}").json()["levies"][0]["exempt_category"] == "none"
    assert path not in _questions(client, code)
    assert words.choice_label("none", lang) in _text(client.get(f"/case/{code}/review").text)
    again = client.get(f"/case/{code}/q?path={path}").text
    assert '<option value="none" selected>' in again


def _questions(client: TestClient, code: str) -> list[str]:
    return [q["path"] for q in client.get(f"/api/v1/cases/{code}/analysis").json()["questions"]]


# Loose signs that a text speaks of a glossary term (case-insensitive, wider than the page's own patterns; capitals only
# where they carry the meaning: "Appeals" the IRS office, not "a court of appeals"; "CAP", not "a cap"; a "{csed}"
# placeholder is not the word).
SIGNS = {
    "en": {
        "levy": r"(?i)\blev(?:y|ies|ied|ying)\b",
        "cdp": r"(?i)\bcdp\b|due process",
        "equivalent": r"(?i)equivalent hearing",
        "appeals": r"\bAppeals\b|(?i:office of appeals)",
        "cap": r"(?i:collection appeals program)|\bCAP\b",
        "csed": r"(?i)(?<!\{)\bcsed\b(?!\})|collection statute|collection period",
        "tax_court": r"(?i)tax court",
        "tas": r"(?i)taxpayer advocate",
        "lt11": r"(?i)\blt ?11\b|letter ?1058",
        "cp504": r"(?i)\bcp ?504",
        "fplp": r"(?i)\bcp ?90\b|\bcp ?297\b",
        "levy_forms": r"(?i)\b668 ?-? ?\(?[wa]\b",
        "form_12153": r"12153",
    },
    "es": {
        "levy": r"(?i)\bembarg",
        "cdp": r"(?i)\bcdp\b|debido proceso",
        "equivalent": r"(?i)audiencia equivalente",
        "appeals": r"\bApelaciones\b|(?i:oficina (?:independiente )?de apelaciones)",
        "cap": r"(?i:apelaciones de cobro|collection appeals program)|\bCAP\b",
        "csed": r"(?i)(?<!\{)\bcsed\b(?!\})|plazo (?:legal )?(?:de|para) cobr",
        "tax_court": r"(?i)tribunal tributario|tax court",
        "tas": r"(?i)defensor(?:ía)? del contribuyente|taxpayer advocate",
        "lt11": r"(?i)\blt ?11\b|(?:carta|letter) ?1058",
        "cp504": r"(?i)\bcp ?504",
        "fplp": r"(?i)\bcp ?90\b|\bcp ?297\b",
        "levy_forms": r"(?i)\b668 ?-? ?\(?[wa]\b",
        "form_12153": r"12153",
    },
}


def _texts(node: object, key: str = "") -> list[tuple[str, str]]:
    if isinstance(node, str):
        return [(key, " ".join(node.split()))]
    if isinstance(node, dict):
        return [t for k, v in node.items() for t in _texts(v, f"{key}.{k}" if key else str(k))]
    if isinstance(node, list):
        return [t for i, v in enumerate(node) for t in _texts(v, f"{key}[{i}]")]
    return []


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_a_page_can_show_that_uses_a_glossary_term_is_matched(lang: str) -> None:
    """The page glossary ("What the words on this page mean") picks its terms by matching the page's words: a wording
    the pattern did not foresee went unexplained ("stops the IRS from levying", "el IRS embargó", "impide que el IRS
    embargue", "Audiencia Equivalente" with a capital). Every text of the catalogs a page shows (the page words, the
    findings, the plan, the questions, the finance steps) that speaks of a term is now matched by that term's pattern,
    so a new wording cannot slip past unexplained."""
    from levynav.explain import catalog
    from levynav.web.words_used import TERMS

    assert set(SIGNS[lang]) == set(TERMS)
    texts = [(k, v) for k, v in _texts(words.catalog(lang)) if not k.startswith("words_")]
    texts += _texts(catalog.messages(lang)) + _texts(catalog.plan_texts(lang))
    texts += _texts(catalog.question_texts(lang)) + _texts(catalog.finance_texts(lang))
    assert len(texts) > 3000
    unmatched = [
        (term, key, text)
        for key, text in texts
        for term in TERMS
        if re.search(SIGNS[lang][term], text) and not re.search(words.t(f"words_{term}_match", lang), text)
    ]
    assert not unmatched, unmatched[:10]


@pytest.mark.parametrize("lang", LANGS)
def test_a_term_is_explained_whatever_its_form(lang: str) -> None:
    from levynav.web.words_used import used_in

    said = {
        "en": ("<p>A request stops the IRS from levying.</p>", "levy"),
        "es": ("<p>El IRS embargó su cuenta; pida una Audiencia Equivalente.</p>", "levy"),
    }[lang]
    assert [t.id for t in used_in(said[0], lang)][:1] == [said[1]]
    if lang == "es":
        assert "equivalent" in [t.id for t in used_in(said[0], lang)]


# What a person reads of a timely hearing request's effect on a levy already running (§ 6330(e)(1) suspends "the levy
# actions which are the subject of the requested hearing"; a continuous levy made before stays until released,
# § 6331(e), § 6343): the page says a new levy is stopped, never that the running one is.
ALREADY_MADE = {
    "en": "does not by itself end a levy made before",
    "es": "no termina por sí sola un embargo hecho antes de",
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_hearing_request_is_not_said_to_stop_a_wage_levy_already_running(client: TestClient, lang: str) -> None:
    """A wage levy served on November 10 and a final notice (LT11) of November 1 whose 30 days are still open: the
    page said "A request mailed in time stops the IRS from levying for the tax periods on this notice", and the
    glossary "the IRS generally must hold off on levying": a person whose pay is being taken read that asking for the
    hearing ends it. The words now say a new levy is stopped, and that a levy made before the request goes on until
    the IRS releases it; the same once the request is made in time."""
    code = _start(client, lang)
    _answer(client, code, "levies", WAGE_LEVY)
    _answer(client, code, "notices", {"items": "0", "item.type": "LT11", "item.notice_date": "2026-11-01"})
    page = client.get(f"/case/{code}/result").text
    said = _text(page)
    assert ALREADY_MADE[lang] in said
    assert "stops the IRS from levying" not in said and "impide que el IRS embargue" not in said
    cdp = words.t("words_cdp", lang)
    assert ("A levy made before you asked", "Un embargo hecho antes de su solicitud")[LANGS.index(lang)] in cdp
    sent = {"items": "0", "item.request_date": "2026-11-15"}
    assert _answer(client, code, "proceedings.hearing_requests", sent).status_code == 303  # type: ignore[attr-defined]
    said = _text(client.get(f"/case/{code}/result").text)
    assert ALREADY_MADE[lang].replace("levy made before", "levy made before it") in said or ALREADY_MADE[lang] in said


def test_a_letter_is_named_in_spanish_as_la_carta_not_aviso_carta(client: TestClient) -> None:
    """ "Su aviso Carta 1058 es un aviso final …": a Spanish sentence naming a letter after "aviso" now says "Su Carta
    1058", "la Carta 1058", "de la Carta 1058", "esta Carta 1058"; a CP or LT number keeps "el aviso CP504". The
    catalog names a notice with its determiner (``{notice:Su}``: render.NoticeName), so no sentence is rewritten."""
    from levynav.explain.render import say

    template = "{a:Su} no se envió; {a:del}, {b:este}; {c:el} y {d:el}"
    said = say(template, "es", a="Letter 1058", b="Letter 3172", c="CP504", d="LT11")
    assert said == "Su Carta 1058 no se envió; de la Carta 1058, esta Carta 3172; el aviso CP504 y el aviso LT11"
    assert say("your {n}", "en", n="Letter 1058") == "your Letter 1058"
    code = _start(client, "es")
    _answer(client, code, "levies", WAGE_LEVY)
    _answer(client, code, "notices", {"items": "0", "item.type": "Letter 1058", "item.notice_date": "2026-11-01"})
    said = _text(client.get(f"/case/{code}/result").text)
    assert "Carta 1058" in said and "aviso Carta" not in said


def test_no_spanish_page_of_an_example_says_aviso_carta() -> None:
    from datetime import date

    from levynav import analyze, load_case
    from levynav.explain.render import render

    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
    said = [str(render(analyze(load_case(p), date(2026, 11, 23)), "es")) for p in examples]
    assert any("Carta 1058" in s for s in said)
    assert not [p.stem for p, s in zip(examples, said, strict=True) if "aviso Carta" in s]


def test_a_decedents_estate_is_patrimonio_as_the_irs_spanish_pages_say() -> None:
    """ "Patrimonio" or "caudal hereditario" for a decedent's estate: the IRS's Spanish pages say "El representante
    personal de un patrimonio es un albacea, administrador …" and "la declaración de impuestos sobre patrimonios del
    difunto" (Tema 356, irs.gov/es/spanish/tema-356-difuntos). One word, the IRS's: never "caudal hereditario"."""
    from levynav.explain import catalog

    texts = _texts(catalog.messages("es")) + _texts(catalog.plan_texts("es")) + _texts(words.catalog("es"))
    assert not [k for k, t in texts if re.search(r"(?i)caudal hereditario|caudal relicto", t)]
    assert any("patrimonio" in t and "fallec" in t for _, t in texts)
