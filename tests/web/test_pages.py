"""The pages over HTTP (no browser): language choice, the footer, the emergency banner by deadline id, one question per
page with errors that keep the answer, review and result, resume by case code, start from a notice."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from levynav import analyze, load_case
from levynav.web import words
from tests.web.conftest import AS_OF, EXAMPLES, example, with_token

BANK = "bank-levy-hardship-21-day-hold.yaml"


def _with_lang(url: str, lang: str) -> str:
    return url + ("&" if "?" in url else "?") + f"lang={lang}"


def _new_case(client: TestClient, data: dict[str, object] | None = None) -> str:
    if data is None:
        r = client.post("/start", data=with_token(client, {"kind": "individual"}))
        assert r.status_code == 303
        return str(r.headers["location"]).split("/")[2]
    code: str = client.post("/api/v1/cases", json=data).json()["id"]
    return code


def test_catalogs_have_the_same_keys() -> None:
    assert set(words.catalog("en")) == set(words.catalog("es"))
    assert all(isinstance(v, str) and v for v in words.catalog("es").values())


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_page_has_the_footer_and_the_switch(client: TestClient, lang: str) -> None:
    code = _new_case(client, example(BANK))
    for url in (
        "/",
        "/upload",
        f"/case/{code}/code",
        f"/case/{code}/review",
        f"/case/{code}/result",
        f"/case/{code}/meaning",
    ):
        r = client.get(_with_lang(url, lang))
        assert r.status_code == 200, url
        assert f'<html lang="{lang}">' in r.text
        assert words.t("footer_not_advice", lang) in r.text.replace("\n", " ") or words.t("footer_help", lang) in r.text
        assert "1-877-777-4778" in r.text and "irs.gov/litc" in r.text
        switch = re.search(r'class="usa-button usa-button--outline lv-lang" href="([^"]+)"', r.text)
        assert switch is not None and url.split("?")[0] in switch.group(1).replace("&amp;", "&")  # keeps the place


def test_accept_language_is_the_first_guess_and_the_switch_is_remembered(client: TestClient) -> None:
    assert '<html lang="es">' in client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}).text
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "fr-FR"}).text
    client.get("/?lang=es")
    assert '<html lang="es">' in client.get("/", headers={"Accept-Language": "en-US"}).text  # the cookie wins


def test_emergency_banner_by_deadline_id(client: TestClient) -> None:
    code = _new_case(client, example(BANK))
    result = analyze(load_case(EXAMPLES / BANK), AS_OF)
    hold = next(d for d in result.deadlines if d.id == "bank.hold_ends")
    for url in (f"/case/{code}/result", f"/case/{code}/review", f"/case/{code}/q?path=levies[0].irs_error"):
        text = client.get(_with_lang(url, "en")).text
        assert words.t("emergency_title", "en") in text, url
        assert words.t("emergency_bank_hold", "en", date=words.day(hold.date, "en"), days=hold.days_left) in text
    calm = _new_case(client, {"taxpayer": {"kind": "individual"}})  # no levy, no deadline: no banner
    assert words.t("emergency_title", "en") not in client.get(f"/case/{calm}/result").text


def test_wages_being_taken_is_an_emergency(client: TestClient) -> None:
    code = _new_case(client, example("wage-levy-installment-agreement-entered.yaml"))
    text = client.get(_with_lang(f"/case/{code}/result", "es")).text
    assert words.t("emergency_taken_now", "es") in text


def test_a_bad_answer_keeps_the_answer_and_links_the_error(client: TestClient) -> None:
    code = _new_case(client)
    url = f"/case/{code}/q?path=levies"
    form = {"item.kind": "bank", "item.served_date": "2026-02-30", "item.holder": "First Bank"}
    r = client.post(url, data=with_token(client, form))
    assert r.status_code == 422
    assert 'href="#item-served_date"' in r.text and words.t("error_date", "en") in r.text
    assert 'value="2026-02-30"' in r.text and 'value="First Bank"' in r.text  # answers kept
    assert 'id="item-served_date"' in r.text


def test_walk_to_the_review_and_the_result(client: TestClient, app: FastAPI) -> None:
    code = _new_case(client)
    r = client.post(
        f"/case/{code}/q?path=levies", data=with_token(client, {"item.kind": "bank", "item.served_date": "2026-11-12"})
    )
    assert r.status_code == 303 and "path=notices" in r.headers["location"]  # the answer leads to the next question
    nxt = client.get(f"/case/{code}/next")  # and so does resuming the case
    assert nxt.status_code == 303 and nxt.headers["location"] == r.headers["location"]
    client.post(f"/case/{code}/q?path=notices", data=with_token(client, {"action": "skip"}))
    page = client.get(f"/case/{code}/q?path=levies[0].owner")
    assert page.status_code == 200 and "<h1" in page.text
    review = client.get(f"/case/{code}/review").text
    assert f'href="/case/{code}/q?path=levies"' in review  # a change link for every answer
    assert f'href="/case/{code}/q?path=notices"' in review  # and for every skipped question
    stored = app.state.store.get_case(code)
    result = analyze(stored.case, AS_OF)
    text = client.get(f"/case/{code}/result").text
    for d in result.deadlines:  # parity: the page shows the analysis's deadlines
        assert words.day(d.date, "en") in text
    assert "<svg" in text and f"/api/v1/cases/{code}/packet.pdf" in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_result_page_timeline_is_in_the_page_language(client: TestClient, lang: str) -> None:
    """The picture on the result page is drawn from the record in the page's language (words and dates), says
    "Today" (not the packet's "date of this packet"), and is well-formed SVG."""
    import xml.etree.ElementTree as ET

    from levynav.documents.timeline import timeline_svg
    from levynav.explain import catalog, format

    code = _new_case(client, example(BANK))
    text = client.get(f"/case/{code}/result?lang={lang}").text
    found = re.search(r"<svg.*?</svg>", text, re.S)
    assert found is not None
    svg = found.group(0)
    ET.fromstring(svg)
    assert f'lang="{lang}"' in svg and format.date(AS_OF, lang) in svg
    assert f">{catalog.template('packet.timeline_today_page', lang)}<" in svg
    assert catalog.template("packet.timeline_today", lang) not in svg
    case = load_case(EXAMPLES / BANK)
    assert svg == timeline_svg(case, analyze(case, AS_OF), lang, today="packet.timeline_today_page")


def test_resume_by_code(client: TestClient) -> None:
    code = _new_case(client, example(BANK))
    r = client.post("/resume", data=with_token(client, {"code": code}))
    assert r.status_code == 303 and r.headers["location"] == f"/case/{code}/next"
    bad = client.post("/resume", data=with_token(client, {"code": "not-a-code"}))
    assert bad.status_code == 404 and words.t("error_not_found", "en") in bad.text
    assert client.get("/case/" + "z" * 43 + "/result").status_code == 404


def test_start_from_a_notice(client: TestClient) -> None:
    text = (EXAMPLES / "notices" / "lt11.txt").read_bytes()
    r = client.post("/upload", files={"file": ("lt11.txt", text)}, data=with_token(client, {"code": ""}))
    assert r.status_code == 200 and 'name="payload"' in r.text
    payload = re.search(r'name="payload" value="([^"]+)"', r.text)
    assert payload is not None
    import html

    confirm = {"payload": html.unescape(payload.group(1)), "code": ""}
    done = client.post("/upload/confirm", data=with_token(client, confirm))
    assert done.status_code == 303
    code = done.headers["location"].split("/")[2]
    case = client.get(f"/api/v1/cases/{code}").json()
    assert case["notices"][0]["type"] == "LT11"
    bad = client.post("/upload/confirm", data=with_token(client, {"payload": "{oops", "code": ""}))
    assert bad.status_code == 422


def test_serve_refuses_a_bad_port() -> None:
    from typer.testing import CliRunner

    from levynav.cli.app import app as cli_app

    out = CliRunner().invoke(cli_app, ["serve", "--port", "70000"])
    assert out.exit_code == 2
    assert "--port" in out.output


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_form_without_its_token_is_refused(client: TestClient, app: FastAPI, lang: str) -> None:
    """CSRF: every form that changes something carries the session's token; a missing or wrong one gets 403 and a
    plain page in the person's language, and nothing is saved."""
    code = _new_case(client, example(BANK))
    before = app.state.store.get_case(code)
    good = with_token(client)["csrf_token"]
    wrong = ("0" if good[0] != "0" else "1") + good[1:]
    posts = [
        ("/start", {"kind": "individual"}),
        ("/resume", {"code": code}),
        (f"/case/{code}/q?path=levies[0].irs_error", {"value": "yes"}),
        (f"/case/{code}/seen", {"page": "meaning"}),
        ("/upload/confirm", {"payload": '{"notice": {"type": "LT11"}}', "code": code}),
    ]
    for url, form in posts:
        for token in (None, wrong):
            data = form if token is None else {**form, "csrf_token": token}
            r = client.post(_with_lang(url, lang), data=data)
            assert r.status_code == 403, (url, token)
            assert f'<html lang="{lang}">' in r.text
            assert words.t("csrf_title", lang) in r.text and words.t("footer_help", lang).split("(")[0] in r.text
    r = client.post("/upload", files={"file": ("lt11.txt", b"LT11")}, data={"code": "", "csrf_token": wrong})
    assert r.status_code == 403
    after = app.state.store.get_case(code)
    assert after is not None and before is not None
    assert (after.case, after.progress) == (before.case, before.progress)  # nothing was saved


def test_a_token_belongs_to_its_session(client: TestClient, app: FastAPI) -> None:
    """A token taken from another browser's page does not pass with this browser's cookie; the API, which takes no
    cookie, is reached by programs without one."""
    other = TestClient(app, follow_redirects=False)
    theirs = with_token(other)["csrf_token"]
    mine = with_token(client)["csrf_token"]
    assert theirs != mine
    assert client.post("/start", data={"kind": "individual", "csrf_token": theirs}).status_code == 403
    assert client.post("/start", data={"kind": "individual", "csrf_token": mine}).status_code == 303
    assert other.post("/api/v1/cases", json=example(BANK)).status_code == 201


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_file_over_the_limit_gets_the_upload_page_again_in_the_person_language(client: TestClient, lang: str) -> None:
    """The size limit refuses the upload before it is read; a person gets the upload page with the reason in their
    language (a program calling the API gets the JSON problem)."""
    big = b"a" * 150_000  # the fixture's upload limit is 100,000 bytes
    r = client.post(f"/upload?lang={lang}", files={"file": ("notice.txt", big)}, data=with_token(client))
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}"' in r.text and words.t("error_too_large", lang, limit="100 kB") in r.text
    assert 'action="/upload"' in r.text and words.t("footer_help", lang).split("(")[0].strip() in r.text
    api = client.post("/api/v1/intake/notice", files={"file": ("notice.txt", big)})
    assert api.status_code == 413 and api.json()["problems"][0]["field"] == "(body)"


def test_the_question_number_counts_skipped_questions_too(client: TestClient) -> None:
    code = _new_case(client, None)
    first = client.get(f"/case/{code}/next")
    path = re.search(r"path=([^&\"]+)", first.headers["location"])
    assert path is not None
    page = client.get(first.headers["location"]).text
    assert words.t("progress", "en", n=1, left=0).split("—")[0] in page
    skipped = client.post(f"/case/{code}/q?path={path.group(1)}", data=with_token(client, {"action": "skip"}))
    second = client.get(skipped.headers["location"]).text
    assert words.t("progress", "en", n=2, left=0).split("—")[0] in second


def test_what_was_read_from_a_notice_is_shown_in_the_person_language(client: TestClient) -> None:
    """The facts read from a notice are written as Spanish writes them (dates, amounts) for the person to confirm;
    what could not be read is named by the field's words, not by the reader's English message or field name."""
    from datetime import date

    notice = (EXAMPLES / "notices" / "lt11.txt").read_bytes()
    r = client.post("/upload?lang=es", files={"file": ("lt11.txt", notice)}, data=with_token(client, {"code": ""}))
    assert r.status_code == 200
    shown = re.search(r'<dl class="lv-review">.*?</dl>', r.text, re.S)
    assert shown is not None
    assert words.day(date(2025, 6, 2), "es") in shown.group(0) and "2025-06-02" not in shown.group(0)
    assert words.money("7482.19", "es") in shown.group(0)
    assert 'class="usa-file-input"' not in r.text  # USWDS's enhanced input writes English ("Drag file here")
    partial = b"Notice LT11\nFinal Notice of Intent to Levy and Notice of Your Right to a Hearing\n"
    r = client.post("/upload?lang=es", files={"file": ("n.txt", partial)}, data=with_token(client, {"code": ""}))
    assert words.t("upload_problems", "es") in r.text
    for field in ("notice_date", "amount_due", "phone"):
        assert f"<li>{words.field_label(field, 'es')}</li>" in r.text
    assert "could not read" not in r.text and "<li>notice_date" not in r.text
