"""Browser tests: Debian's Chromium (one per module) driven by Playwright (no browser download) against the app served
by Uvicorn on loopback. The whole interview is walked with the facts of example cases — three in English and one in
Spanish, each on a 360-px phone and a desktop viewport — to the result page and its downloads; axe-core checks each
kind of page in each language (zero serious or critical violations), and the pages no walk reaches; one walk runs
with JavaScript off. Screenshots go to LEVYNAV_SHOTS if set."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from levynav import analyze, load_case
from levynav.core.model.case import Case
from levynav.interview.answers import value_at
from levynav.interview.fields import FieldKind, kind_of
from levynav.interview.flow import item_fields
from levynav.web import Settings, create_app, words
from tests.web.conftest import AS_OF, EXAMPLES

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("Debian's chromium is missing in CI (make system-deps installs it)")
    pytest.skip("Debian's chromium is not installed (make system-deps installs it)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path(os.environ["LEVYNAV_SHOTS"]) if os.environ.get("LEVYNAV_SHOTS") else None


APPS: list[Any] = []


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("web"), as_of=AS_OF))
    APPS.clear()
    APPS.append(app)  # a test that needs the store behind the server (a case changed in the database)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


AXE_CHECKED: set[tuple[str, str]] = set()  # (language, kind of page): axe runs once for each


class Walker:
    """Answers each question page with the example's fact at that path, or skips it when the example has none."""

    def __init__(self, page: Page, base: str, facts: Case, name: str, axe: bool) -> None:
        self.page, self.base, self.facts, self.name = page, base, facts, name
        self.axe = Axe() if axe else None
        self.shot: set[str] = set()
        self.pages = 0

    def check(self, kind: str) -> None:
        """axe-core once per kind of page and language; a screenshot of it when LEVYNAV_SHOTS is set."""
        if SHOTS is not None and kind not in self.shot:
            SHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SHOTS / f"{self.name}-{kind}.png"), full_page=True)
        self.shot.add(kind)
        width = self.page.viewport_size["width"] if self.page.viewport_size else 0
        if width == PHONE["width"]:  # no page scrolls sideways on a phone
            assert self.page.evaluate("document.documentElement.scrollWidth") <= width + 1, kind
        key = (str(self.page.locator("html").get_attribute("lang")), kind)
        if self.axe is not None and key not in AXE_CHECKED:
            AXE_CHECKED.add(key)
            results = self.axe.run(self.page)
            bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            assert not bad, f"{kind}: " + "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in bad)

    def submit(self, selector: str) -> bool:
        """Click and wait for the next page; False when the same page came back with an error summary."""
        before = self.page.url
        self.page.click(selector)
        for _ in range(600):
            if self.page.url != before:
                self.page.wait_for_load_state()
                return True
            if self.page.locator("#error-summary").count():
                return False
            self.page.wait_for_timeout(50)
        raise AssertionError(f"no answer to {selector} on {before}")

    def fill(self, kind: FieldKind, field_id: str, value: Any) -> None:
        if kind.kind == "yes_no":
            self.page.locator(f"label[for='{field_id}-{'yes' if value else 'no'}']").click()
        elif kind.kind == "choice" and len(kind.choices) <= 6:
            self.page.locator(f"label[for='{field_id}-{value}']").click()
        elif kind.kind == "choice":
            self.page.select_option(f"#{field_id}", str(value))
        elif kind.kind == "text_list":
            self.page.fill(f"#{field_id}", ", ".join(value))
        else:
            self.page.fill(f"#{field_id}", str(value))

    def county(self, fips: str) -> None:
        """The county chosen by its name: its state first (the script shows its counties when the state is chosen;
        without the script, the button does), then the county whose code is the example's."""
        page, option = self.page, f"#value option[value='{fips}']"
        if not page.locator(option).count():
            state = self.facts.taxpayer.state or ""
            page.select_option("#county-state", state)
            for _ in range(40):  # the script's own submit, when it runs
                if page.locator(option).count():
                    break
                page.wait_for_timeout(50)
            else:
                page.click("#county-show")
                page.wait_for_selector(option, state="attached")
        self.check("question-county")
        page.select_option("#value", fips)

    def answer(self, path: str) -> None:
        kind = kind_of(path)
        value = value_at(self.facts, path)
        self.check("question-" + kind.kind)
        if path == "taxpayer.county_fips" and value:
            self.county(str(value))
        elif kind.kind == "add_item" and value:
            item = value[0]
            for f in item_fields(path):
                if item.get(f.name) is not None:
                    self.fill(f.kind, f"item-{f.name}", item[f.name])
        elif kind.kind != "add_item" and value not in (None, [], ""):
            self.fill(kind, "value", value)
        else:
            self.submit("button[value=skip]")
            return
        if not self.submit("button[value=answer]"):  # the example's fact does not fit what was answered so far
            self.check("question-error")
            self.submit("button[value=skip]")

    def walk(self, lang: str) -> str:
        page = self.page
        page.goto(f"{self.base}/?lang={lang}")
        self.check("home")
        page.locator(f"label[for='kind-{self.facts.taxpayer.kind.value}']").click()
        page.click("form[action='/start'] button[type=submit]")
        page.wait_for_selector("#case-code")
        self.check("code")
        code = page.inner_text("#case-code").strip()
        self.submit("#continue")
        while self.pages < 120:
            self.pages += 1
            url = urlparse(page.url)
            if url.path.endswith("/q"):
                self.answer(parse_qs(url.query)["path"][0])
            elif url.path.endswith("/meaning"):
                self.check("meaning")
                self.submit("form[action$='/seen'] button")
            elif url.path.endswith("/review"):
                self.check("review")
                self.submit("#see-result")
            elif url.path.endswith("/result"):
                self.check("result")
                return code
            else:
                raise AssertionError(f"unexpected page {page.url}")
        raise AssertionError("the interview did not end")


def _stored(code: str, base: str) -> Case:
    import httpx

    return Case.model_validate(httpx.get(f"{base}/api/v1/cases/{code}").json())


# Three examples in English and one in Spanish, each on the 360-px phone and on the desktop viewport.
EXAMPLES_BY_LANG = [
    ("bank-levy-hardship-21-day-hold.yaml", "en"),
    ("social-security-federal-payment-levy.yaml", "en"),
    ("premature-levy-no-cdp-notice.yaml", "en"),
    ("bank-levy-hardship-21-day-hold.yaml", "es"),
]
WALKS = [(example, lang, viewport) for example, lang in EXAMPLES_BY_LANG for viewport in (PHONE, DESKTOP)]


@pytest.mark.parametrize(
    ("example", "lang", "viewport"), WALKS, ids=[f"{e[:-5]}-{lg}-{v['width']}" for e, lg, v in WALKS]
)
def test_walk_the_interview(server: str, browser: Browser, example: str, lang: str, viewport: dict[str, int]) -> None:
    facts = load_case(EXAMPLES / example)
    context = browser.new_context(viewport=viewport, accept_downloads=True, locale="en-US")  # type: ignore[arg-type]
    page = context.new_page()
    walker = Walker(page, server, facts, f"{example[:-5]}-{lang}-{viewport['width']}", axe=True)
    code = walker.walk(lang)

    # the result shows the stored case's analysis: its strongest ground first, its deadlines with days left
    result = analyze(_stored(code, server), AS_OF)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.inner_text("h1") == words.t("result_title", lang)
    view = words.render_analysis(result, lang)
    if view["grounds"]:
        assert page.locator(".lv-ground h3").first.inner_text() == view["grounds"][0]["title"]
    shown = page.inner_text("#main-content")
    for d in view["deadlines"]:
        assert d["date"] in shown or d["passed"]  # the passed ones are folded, closed
    if any(d["passed"] for d in view["deadlines"]):
        page.click("#deadlines-passed > summary")  # one tap opens "Dates that have passed"
        folded = page.inner_text("#deadlines-passed")
        assert all(d["date"] in folded for d in view["deadlines"] if d["passed"])
    assert words.t("footer_help", lang).split("(")[0].strip() in page.inner_text("footer")
    if any(d.id == "bank.hold_ends" and not d.passed for d in result.deadlines):
        assert page.is_visible(".lv-emergency")

    # the help section (when the case has one) arrives open on a desktop, also when the page came by htmx's boosted
    # navigation from the review page (the one script), and closed on a phone
    if page.locator("#help-more").count():
        if viewport is DESKTOP:
            page.wait_for_function("document.getElementById('help-more').open")
        else:
            assert page.evaluate("document.getElementById('help-more').open") is False

    # the downloads: the calendar on every walk; the packet (the same file whatever the screen, and the slowest to
    # make) once per example and language, from the desktop walk
    assert page.is_visible("#download-packet")
    assert f"lang={lang}" in (page.get_attribute("#download-packet", "href") or "")  # its own pages in this language
    if viewport is DESKTOP:
        with page.expect_download(timeout=180_000) as pdf:
            page.click("#download-packet")
        assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download(timeout=60_000) as ics:
        page.click("#download-ics")
    assert Path(ics.value.path()).read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")

    # the language switch keeps the place
    page.click(".lv-lang")
    page.wait_for_load_state()
    assert urlparse(page.url).path == f"/case/{code}/result"
    assert page.locator("html").get_attribute("lang") == ("es" if lang == "en" else "en")
    context.close()


def test_walk_with_javascript_off(server: str, browser: Browser) -> None:
    facts = load_case(EXAMPLES / "bank-levy-hardship-21-day-hold.yaml")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, accept_downloads=True)  # type: ignore[arg-type]
    page = context.new_page()
    code = Walker(page, server, facts, "nojs-en-360", axe=False).walk("en")
    assert page.inner_text("h1") == words.t("result_title", "en")
    assert _stored(code, server).levies[0].kind.value == "bank"
    # an error without JavaScript: the error summary links to the field and the other answers are kept
    page.goto(f"{server}/case/{code}/q?path=levies")
    page.fill("#item-holder", "Example Employer")  # the kind of levy, required, is left out
    page.click("button[value=answer]")
    page.wait_for_selector("#error-summary")
    assert page.get_attribute("#error-summary a", "href") == "#item-kind"
    assert page.input_value("#item-holder") == "Example Employer"
    context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_other_pages_pass_axe(server: str, browser: Browser, lang: str) -> None:
    """The pages a walk does not reach: the notice upload, a case code that does not exist (404), and a form sent
    with a wrong token (403): axe-core, the footer, the page's language, no sideways scrolling at 360 px."""
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    axe = Axe()

    def check(kind: str, status_title: str) -> None:
        assert page.locator("html").get_attribute("lang") == lang
        assert page.inner_text("h1") == status_title
        assert words.t("footer_help", lang).split("(")[0].strip() in page.inner_text("footer")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"other-{lang}-360-{kind}.png"), full_page=True)
        bad = [v for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, f"{kind}: " + "; ".join(f"{v['id']}: {v['help']}" for v in bad)

    page.goto(f"{server}/upload?lang={lang}")
    check("upload", words.t("upload_title", lang))
    page.goto(f"{server}/case/{'z' * 43}/result")
    check("not-found", words.t("not_found_title", lang))
    page.goto(f"{server}/")
    page.evaluate("document.querySelector('form[action=\"/start\"] input[name=csrf_token]').value = 'forged'")
    page.click("form[action='/start'] button[type=submit]")
    page.wait_for_selector("h1")
    page.wait_for_function(f"document.querySelector('h1').innerText === {words.t('csrf_title', lang)!r}")
    check("refused", words.t("csrf_title", lang))
    context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_result_on_a_phone_and_on_a_desktop(server: str, browser: Browser, lang: str) -> None:
    """At 390 px with JavaScript off: what to do today comes before the reasons and is written out in the plan; a later
    step is its title, its detail one tap away (a <details>, no script); the ways to pay are cards, one the person
    qualifies for first; the routes and free help come after the plan, closed, and a tap opens them. With JavaScript
    on, the phone page is the same (help closed) and passes axe-core with every step and the help opened; on a
    1280-px desktop the help section is open when the page arrives (the one script) and the ways to pay a table."""
    import httpx

    data = load_case(EXAMPLES / "bank-levy-hardship-21-day-hold.yaml").model_dump(mode="json", exclude_none=True)
    code = httpx.post(f"{server}/api/v1/cases", json=data).json()["id"]
    view = words.render_analysis(analyze(_stored(code, server), AS_OF), lang)
    later = [s for s in view["plan"] if not s["in_full"]]
    assert view["routes"] and view["today"] and later and view["options"]  # the example has them all
    url = f"{server}/case/{code}/result?lang={lang}"
    phone = {"width": 390, "height": 844}
    context = browser.new_context(viewport=phone, java_script_enabled=False)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(url)
    today = page.locator(".lv-today a")
    assert today.all_inner_texts() == [s["title"] for s in view["today"]]
    assert page.locator(".lv-today").bounding_box()["y"] < page.locator("#grounds").bounding_box()["y"]  # type: ignore[index]
    assert page.locator("#plan").bounding_box()["y"] < page.locator("#help").bounding_box()["y"]  # type: ignore[index]
    for s in view["today"]:
        assert page.locator(f"#step-{s['order']}").get_by_text(s["action"]).is_visible()
    step = page.locator(f"#step-{later[0]['order']}")
    action = step.get_by_text(later[0]["action"])
    assert step.locator("h3").is_visible() and not action.is_visible()
    step.locator(".lv-step__more > summary").click()
    assert action.is_visible()
    cards = page.locator(".lv-options tbody tr")
    assert cards.first.evaluate("e => getComputedStyle(e).display") == "block"
    assert words.t("eligibility_eligible", lang) in cards.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= phone["width"]
    first_route = page.locator(".lv-route h3").first
    assert page.is_visible("#help-title") and not first_route.is_visible()
    page.click("#help-more > summary")
    assert first_route.is_visible() and first_route.inner_text() == view["routes"][0]["title"]
    assert page.is_visible(f"text={words.t('result_help', lang)}")
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"result-help-open-{lang}-390.png"), full_page=True)
    context.close()

    context = browser.new_context(viewport=phone)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state()
    assert not page.locator(".lv-route h3").first.is_visible()  # the script leaves it closed on a phone
    if SHOTS is not None:
        page.screenshot(path=str(SHOTS / f"result-{lang}-390.png"), full_page=True)
    for summary in page.locator(".lv-step__more > summary, #help-more > summary").all():
        summary.click()
    assert page.locator(".lv-route h3").first.is_visible()
    assert page.locator(f"#step-{later[-1]['order']}").get_by_text(later[-1]["action"]).is_visible()
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # every "why" too
    assert page.evaluate("document.documentElement.scrollWidth") <= phone["width"]  # long source addresses wrap
    bad = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "; ".join(f"{v['id']}: {v['help']}" for v in bad)
    context.close()

    context = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("document.getElementById('help-more').open")
    assert page.locator(".lv-route h3").first.is_visible()
    assert page.locator(".lv-options tbody tr").first.evaluate("e => getComputedStyle(e).display") == "table-row"
    if SHOTS is not None:
        page.screenshot(path=str(SHOTS / f"result-{lang}-1280.png"), full_page=True)
    bad = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "; ".join(f"{v['id']}: {v['help']}" for v in bad)
    context.close()


def _start_interview(page: Page, server: str, lang: str) -> str:
    page.goto(f"{server}/?lang={lang}")
    page.locator("label[for='kind-individual']").click()
    page.click("form[action='/start'] button[type=submit]")
    page.wait_for_selector("#case-code")
    code = page.inner_text("#case-code").strip()
    page.click("#continue")
    page.wait_for_selector("#item-kind")
    return code


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_back_button_after_adding_a_levy_does_not_add_it_twice(
    server: str, browser: Browser, javascript: bool
) -> None:
    """A levy added, the next question shown, then the browser's back button: the levy page comes back from the server
    (no copy kept by the browser or by htmx) listing the levy already added, and Continue as the page stands adds
    nothing more. With JavaScript on (htmx's boosted pages and history) and off."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)  # type: ignore[arg-type]
    page = context.new_page()
    code = _start_interview(page, server, "en")
    levy_url = page.url
    page.select_option("#item-kind", "bank")
    page.fill("#item-served_date", "2026-11-12")
    page.fill("#item-holder", "First Bank")
    page.click("button[value=answer]")
    page.wait_for_url(lambda url: url != levy_url)
    page.wait_for_selector("h1")
    assert len(_stored(code, server).levies) == 1
    page.go_back()
    page.wait_for_selector("#already-added")
    assert "First Bank" in page.inner_text("#already-added")
    assert page.input_value("input[name=items]") == "1"  # the page as the server made it now, not an old copy
    page.click("button[value=answer]")  # Continue, with whatever the browser shows in the boxes
    page.wait_for_url(lambda url: url != levy_url)
    page.wait_for_selector("h1")
    assert len(_stored(code, server).levies) == 1
    # the question after the levy links back to the levy page: the question shown before it
    if "/q?" in page.url:
        back = page.get_attribute(f"a:text-is('{words.t('button_back', 'en')}')", "href")
        assert back is not None and "path=levies" in back
    context.close()


def test_a_saved_case_that_fails_the_checks_is_fixed_in_the_browser(server: str, browser: Browser) -> None:
    """A stored case changed so that the case model refuses it (a date that is no date, a field this version does not
    know): the result page sends the person to the fix page, which says in Spanish what is wrong with which answer;
    correcting the date and clearing the unknown answer leads to the result."""
    import httpx
    from sqlalchemy import update

    from levynav.store.models import CaseRow

    data = load_case(EXAMPLES / "bank-levy-hardship-21-day-hold.yaml").model_dump(mode="json", exclude_none=True)
    code = httpx.post(f"{server}/api/v1/cases", json=data).json()["id"]
    data["levies"][0]["served_date"] = "2026-02-30"
    data["taxpayer"]["nickname"] = "Al"
    with APPS[0].state.store._tx() as s, s.begin():
        s.execute(update(CaseRow).where(CaseRow.id == code).values(data=data))
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{server}/case/{code}/result?lang=es")
    page.wait_for_url(f"**/case/{code}/fix?lang=es")
    assert page.inner_text("h1") == words.t("fix_title", "es")
    shown = page.inner_text("#main-content")
    assert words.path_words("levies[0].served_date", "es") in shown and words.t("problem_date", "es") in shown
    assert words.t("problem_unknown_field", "es") in shown and "served_date" not in shown
    bad = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "; ".join(f"{v['id']}: {v['help']}" for v in bad)
    form = page.locator("form:has(input[name=path][value='levies[0].served_date'])").first
    form.locator("input[name=value]").fill("2026-02-28")
    form.locator("button[value=save]").click()
    page.wait_for_function(f"!document.body.innerText.includes({words.t('problem_date', 'es')!r})")
    page.click("button[value=clear]")
    page.wait_for_url(f"**/case/{code}/result")
    assert page.inner_text("h1") == words.t("result_title", "es")
    assert str(_stored(code, server).levies[0].served_date) == "2026-02-28"
    context.close()


NARROW = {"width": 375, "height": 812}
# what a finger taps: buttons, fields, the summary of a <details>, a radio's label, a link that stands on its own (a
# link inside a sentence is exempt, as WCAG 2.5.5 exempts inline targets); each measured where it is visible
TAP_TARGETS = """() => {
  const out = [];
  const wordsOutside = (a) => {
    const block = a.closest('p, li, td, dd, div, span') || a.parentElement;
    let text = block.textContent;
    for (const link of block.querySelectorAll('a')) { text = text.replace(link.textContent, ''); }
    return /[A-Za-z\\u00C0-\\u024F]{2,}/.test(text);
  };
  const all = document.querySelectorAll(
    'button, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea, summary, ' +
    'label.usa-radio__label, label.usa-checkbox__label, a[href]');
  for (const el of all) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('.usa-skipnav, .usa-sr-only')) continue;
    if (el.matches('a') && el.closest('figure, svg')) continue;
    if (el.matches('a') && wordsOutside(el)) continue;
    if (r.height < 44 || r.width < 44) {
      const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`;
      out.push(`${name} "${el.textContent.trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return out;
}"""


def _open_every_details(page: Page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_on_a_375_px_phone_nothing_scrolls_sideways_and_every_tap_target_is_44_px(
    server: str, browser: Browser, lang: str
) -> None:
    """The result page (every fold opened), the interview's pages (a list's item, a yes/no question, a choice) and
    the fix page on a 375-px-wide phone: the page is no wider than the screen and every tap target is at least 44 x 44
    px."""
    import httpx
    from sqlalchemy import update

    from levynav.store.models import CaseRow

    context = browser.new_context(viewport=NARROW)  # type: ignore[arg-type]
    page = context.new_page()

    def check(kind: str) -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"], kind
        small = page.evaluate(TAP_TARGETS)
        assert not small, f"{kind}: {small}"
        if SHOTS is not None:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"narrow-{lang}-375-{kind}.png"), full_page=True)

    data = load_case(EXAMPLES / "bank-levy-hardship-21-day-hold.yaml").model_dump(mode="json", exclude_none=True)
    code = httpx.post(f"{server}/api/v1/cases", json=data).json()["id"]
    page.goto(f"{server}/case/{code}/result?lang={lang}")
    check("result")
    _open_every_details(page)
    check("result-open")
    for path in ("levies", "levies[0].owner", "levies[0].kind", "levies[0].served_date", "finances.housing"):
        page.goto(f"{server}/case/{code}/q?path={path}&lang={lang}")
        check(f"question-{path}")
    page.goto(f"{server}/case/{code}/review?lang={lang}")
    check("review")
    data["levies"][0]["served_date"] = "2026-02-30"
    data["taxpayer"]["nickname"] = "Al"
    data["levies"][0].pop("kind")
    with APPS[0].state.store._tx() as s, s.begin():
        s.execute(update(CaseRow).where(CaseRow.id == code).values(data=data))
    page.goto(f"{server}/case/{code}/fix?lang={lang}")
    check("fix")
    context.close()
