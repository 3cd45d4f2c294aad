"""Browser tests of the interview on a phone (390 px), round 1: what only a browser shows — where the focus is when a
form comes back with its problems. Debian's Chromium, the app on loopback (the fixtures of test_browser.py)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.web.test_browser import browser, server  # noqa: F401  (fixtures: Chromium and the app on loopback)

PHONE = {"width": 390, "height": 844}


def _first_question(chromium: Browser, app_url: str, lang: str) -> tuple[Any, Any]:
    """A new case started on a phone, at its first question (the case code page passed): the context and the page."""
    context = chromium.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{app_url}/?lang={lang}")
    page.click("form[action='/start'] button[type=submit]")
    page.wait_for_selector("#case-code")
    page.click("#continue")
    return context, page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_form_sent_back_with_problems_puts_the_focus_on_its_error_summary(
    server: str,  # noqa: F811
    browser: Browser,  # noqa: F811
    lang: str,
) -> None:
    """The question page came back with "There is a problem" but the focus stayed on the page's body: a keyboard or
    screen-reader user started again from the top, above the step indicator. The summary now takes the focus."""
    context, page = _first_question(browser, server, lang)
    page.wait_for_selector("#item-holder")
    page.fill("#item-holder", "Acme Bank")  # a levy without its kind
    page.click("button[value=answer]")
    page.wait_for_selector("#error-summary")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'", timeout=5000)
    page.keyboard.press("Tab")  # the next stop is the summary's link to the field
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#item-kind"
    context.close()


def test_the_copy_button_copies_the_case_code(server: str, browser: Browser) -> None:  # noqa: F811
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.goto(f"{server}/?lang=es")
    page.click("form[action='/start'] button[type=submit]")
    page.wait_for_selector("#copy-code:not([hidden])")
    box = page.locator("#copy-code").bounding_box()
    assert box is not None and box["height"] >= 44  # a tap target
    page.click("#copy-code")
    page.wait_for_function("document.getElementById('copy-code-done').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == page.inner_text("#case-code").strip()
    context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_date_typed_in_part_is_not_lost_without_a_word(server: str, browser: Browser, lang: str) -> None:  # noqa: F811
    """A served date typed only in part (the month) was sent by the browser as no date: the levy was saved without
    it and the interview went on as if nothing were wrong. The form is now held back with a message at the date."""
    from levynav.web import words

    context, page = _first_question(browser, server, lang)
    page.wait_for_selector("#item-kind")
    page.select_option("#item-kind", "wages")
    page.click("#item-served_date")
    page.keyboard.type("11")  # the month only
    before = page.url
    page.click("button[value=answer]")
    page.wait_for_selector("#item-served_date-incomplete")
    assert page.url == before
    assert page.inner_text("#item-served_date-incomplete") == words.t("error_date_incomplete", lang)
    assert page.evaluate("document.activeElement.id") == "item-served_date"
    described = page.get_attribute("#item-served_date", "aria-describedby") or ""
    assert "item-served_date-incomplete" in described.split()
    page.click("button[value=skip]")  # "I don't know / skip" still goes on
    page.wait_for_url(lambda url: url != before)
    context.close()
