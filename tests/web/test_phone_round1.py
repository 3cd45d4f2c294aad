"""The interview walked on a phone as a frightened taxpayer would, in English and Spanish (round 1): every answer to
choose is said in words, every question the interview asks has its own wording, the count of questions reads
naturally at its end, an error names the field it is in and what to do, a file not chosen is said as such, and the
result page says what is not known instead of dashes."""

from __future__ import annotations

import html
import re
from enum import Enum
from typing import Any, get_args, get_origin

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from levynav.core.model.case import Case
from levynav.interview.fields import _unwrap
from levynav.web import words
from tests.web.conftest import EXAMPLES, example, with_token
from tests.web.interview_steps import WAGE_LEVY
from tests.web.interview_steps import answer as _answer
from tests.web.interview_steps import page_text as _text
from tests.web.interview_steps import start_case as _start

LANGS = ("en", "es")
FORM_NUMBER = re.compile(r"^(CP\d+[A-Z]?|LT\d+|668-[AW])$")  # a notice's own number is how the paper names it
LETTER = re.compile(r"^Letter \d+$")  # an IRS letter's name, in English; "Carta 1058" in Spanish
DEFAULT_PROMPT = {"en": "Please give this fact about your case", "es": "Indique este dato de su caso"}


def _enums(model: type[BaseModel], seen: set[type], out: dict[type[Enum], str]) -> dict[type[Enum], str]:
    """Every choice list of the case model (each Enum a field holds, in lists and sub-models too)."""
    if model in seen:
        return out
    seen.add(model)
    for name, f in model.model_fields.items():
        stack: list[Any] = [f.annotation]
        while stack:
            tp = _unwrap(stack.pop())
            if get_origin(tp) in (list, tuple):
                stack.extend(get_args(tp))
            elif isinstance(tp, type) and issubclass(tp, Enum):
                out.setdefault(tp, f"{model.__name__}.{name}")
            elif isinstance(tp, type) and issubclass(tp, BaseModel):
                _enums(tp, seen, out)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_choice_is_said_in_words_in_each_language(lang: str) -> None:
    """A choice shown raw ("quarterly", "levy", "Letter 1058" on a Spanish page) is a word the person was not given."""
    raw = []
    for enum, where in _enums(Case, set(), {}).items():
        for member in enum:
            value = str(member.value)
            label = words.choice_label(value, lang)
            if FORM_NUMBER.match(value) or (lang == "en" and LETTER.match(value)):
                continue
            if label == value.replace("_", " ") or (lang == "es" and "Letter" in label):
                raw.append(f"{where}={value!r}")
    assert not raw, f"{lang}: choices without words: {raw}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_wage_levy_asks_each_question_in_its_own_words(client: TestClient, lang: str) -> None:
    """After a wage levy, the amount taken each month was asked as "Please give this fact about your case: Levy 1 —
    amount taken each month"; every question page of the walk now has a question of its own."""
    code = _start(client, lang)
    assert _answer(client, code, "levies", WAGE_LEVY).status_code == 303
    r = client.get(f"/case/{code}/q?path=levies[0].monthly_amount")
    assert r.status_code == 200
    assert DEFAULT_PROMPT[lang] not in _text(r.text)
    assert ("each month" if lang == "en" else "cada mes") in _text(r.text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_count_of_questions_reads_naturally_at_its_end(client: TestClient, lang: str) -> None:
    """The last questions said "about 0 more may be asked" / "quizás falten unas 1 más"."""
    code = _start(client, lang)
    seen = []
    url = f"/case/{code}/q?path=levies"
    for _ in range(80):
        r = client.get(url)
        if url.endswith("/meaning"):
            r = client.post(f"/case/{code}/seen", data=with_token(client, {"page": "meaning"}))
        else:
            found = re.search(r'<p class="lv-progress">(.*?)</p>', r.text)
            assert found is not None, url
            seen.append(html.unescape(found.group(1)))
            path = url.split("path=", 1)[1]
            r = client.post(f"/case/{code}/q?path={path}", data=with_token(client, {"action": "skip"}))
        url = r.headers["location"]
        if url.endswith("/review"):
            break
    else:
        raise AssertionError("the interview did not end")
    bad = [s for s in seen if re.search(r"about [01] more|unas [01] más", s)]
    assert not bad, bad
    assert seen[-1].endswith("the last one for now" if lang == "en" else "la última por ahora")


@pytest.mark.parametrize("lang", LANGS)
def test_an_error_on_a_form_of_several_fields_names_the_field(client: TestClient, lang: str) -> None:
    code = _start(client, lang)
    r = _answer(client, code, "levies", {**WAGE_LEVY, "item.served_date": "11/45/2026", "item.amount_taken": "12,5x"})
    assert r.status_code == 422
    summary = _text(re.search(r'id="error-summary"[^>]*>(.*?)</ul>', r.text, re.S).group(1))  # type: ignore[union-attr]
    date_label = words.t("field_served_date", lang)
    amount_label = words.t("field_amount_taken", lang)
    assert f"{date_label}: {words.t('error_date', lang)}" in summary
    assert f"{amount_label}: " in summary
    assert 'href="#item-served_date"' in r.text


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_answer_quotes_the_skip_button_as_the_language_does(client: TestClient, lang: str) -> None:
    code = _start(client, lang)
    r = _answer(client, code, "levies", {"items": "0"})
    assert r.status_code == 422
    quoted = "“I don't know / skip”" if lang == "en" else "«No sé / saltar»"
    summary = _text(re.search(r'id="error-summary"[^>]*>(.*?)</ul>', r.text, re.S).group(1))  # type: ignore[union-attr]
    assert quoted in summary and '"' not in summary


@pytest.mark.parametrize("lang", LANGS)
def test_reading_a_notice_with_no_file_chosen_says_to_choose_one(client: TestClient, lang: str) -> None:
    """Tapping "Read the notice" before choosing a file said "We could not read that file"."""
    client.get(f"/upload?lang={lang}")
    empty = {"file": ("", b"", "application/octet-stream")}
    r = client.post("/upload", data=with_token(client), files=empty)
    assert r.status_code == 422
    assert words.t("error_no_file", lang) in _text(r.text)
    assert words.t("error_file", lang) not in _text(r.text)


@pytest.mark.parametrize("lang", LANGS)
def test_a_notice_read_wrongly_can_be_set_aside(client: TestClient, lang: str) -> None:
    """What was read from a notice could only be added to the case; the person can now choose another file."""
    client.get(f"/upload?lang={lang}")
    sent = {"file": ("lt11.txt", (EXAMPLES / "notices" / "lt11.txt").read_bytes())}
    r = client.post("/upload", data=with_token(client), files=sent)
    assert r.status_code == 200
    assert 'id="upload-another"' in r.text
    assert html.escape(words.t("upload_another", lang), quote=False) in r.text


@pytest.mark.parametrize("lang", LANGS)
def test_the_result_says_what_is_not_known_and_lists_begin_with_a_capital(client: TestClient, lang: str) -> None:
    """The line "Monthly income counted —; allowable living expenses —; left each month —." told nothing; a "have
    ready" item began in lower case ("your monthly income and expenses")."""
    code = _start(client, lang)
    _answer(client, code, "levies", WAGE_LEVY)
    _answer(client, code, "notices", {"items": "0", "item.type": "LT11", "item.notice_date": "2026-09-01"})
    _answer(client, code, "circumstances.economic_hardship", {"value": "yes"})
    page = client.get(f"/case/{code}/result").text
    text = _text(page)
    assert "—;" not in text and "— ;" not in text
    assert words.t("result_ability_unknown", lang) in text
    assert re.search(r'id="answer-open">' + re.escape(words.t("result_answer_open", lang)) + "<", page)
    items = re.findall(r"<li>([^<]+)</li>", page)
    assert items and not [i for i in items if i[:1].islower()], [i for i in items if i[:1].islower()]


def test_the_calendar_file_is_in_the_persons_language(client: TestClient) -> None:
    """The result page's calendar link gave English events ("PASSED: Last day to mail Form 12153 …", "In 7 days")
    to a person reading in Spanish; it now carries the page's language and the events are in it."""
    code = _start(client, "es")
    _answer(client, code, "levies", WAGE_LEVY)
    _answer(client, code, "notices", {"items": "0", "item.type": "LT11", "item.notice_date": "2026-09-01"})
    page = client.get(f"/case/{code}/result").text
    link = re.search(r'href="([^"]*deadlines\.ics[^"]*)"', page)
    assert link is not None
    ics = client.get(html.unescape(link.group(1))).content.decode()
    unfolded = ics.replace("\r\n ", "")
    assert "X-WR-CALNAME:Plazos del embargo del IRS" in unfolded
    assert "SUMMARY:YA PASÓ: Último día" in unfolded
    assert "En 7 días: " in unfolded and "Mañana: " in unfolded
    for english in ("PASSED", "In 7 days", "Tomorrow", "How the date was counted", "Last day"):
        assert english not in unfolded, english
    assert "SUMMARY:PASSED: Last day" in client.get(f"/api/v1/cases/{code}/deadlines.ics").content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_no_heading_comes_before_the_pages_h1_but_the_act_now_alert(client: TestClient, lang: str) -> None:
    """The step indicator's "Step 1 of 6: Where am I" was an h2 before each page's h1: a screen reader's list of
    headings began below the page's title. Only the "Act now" alert may come first."""
    code = _start(client, lang)
    _answer(client, code, "levies", WAGE_LEVY)
    for url in (f"/case/{code}/q?path=notices", f"/case/{code}/review", f"/case/{code}/result", f"/case/{code}/code"):
        page = client.get(url).text
        main = page[page.index("<main") :]
        before = main[: main.index("<h1")]
        headings = re.findall(r"<h([2-6])[^>]*>(.*?)</h\1>", before, re.S)
        assert [_text(h) for _, h in headings] in ([], [words.t("emergency_title", lang)]), (url, headings)


@pytest.mark.parametrize("lang", LANGS)
def test_a_case_code_not_found_is_said_at_the_code_field(client: TestClient, lang: str) -> None:
    """A wrong case code was said above "Who owes the tax?" — far from the code's field on a phone, as if the start
    form were wrong — and the code typed was erased. The message is now at the field, which keeps the code."""
    client.get(f"/?lang={lang}")
    r = client.post("/resume", data=with_token(client, {"code": "abc123-typo"}))
    assert r.status_code == 404
    form = r.text[r.text.index('action="/resume"') :]
    form = form[: form.index("</form>")]
    assert html.escape(words.t("error_not_found", lang), quote=False) in form
    assert 'value="abc123-typo"' in form and 'aria-describedby="code-hint code-error"' in form
    assert words.t("error_not_found", lang) not in _text(r.text[: r.text.index('action="/resume"')])
    empty = client.post("/resume", data=with_token(client, {"code": "  "}))
    assert html.escape(words.t("error_code_empty", lang), quote=False) in empty.text


FACTS = re.compile(r"<strong>[^<]*:</strong></p><ul>(.*?)</ul>", re.S)


@pytest.mark.parametrize("lang", LANGS)
def test_the_facts_a_reason_read_are_said_in_the_persons_words(client: TestClient, lang: str) -> None:
    """A reason's "The facts it read" / "Los datos que leyó" showed "economic hardship: True" and "kind of levy:
    wages" — Python's True and a choice's id — on a page in English or Spanish."""
    raw = []
    for name in sorted(p.name for p in EXAMPLES.glob("*.yaml")):
        code = client.post("/api/v1/cases", json=example(name)).json()["id"]
        page = client.get(f"/case/{code}/result?lang={lang}").text
        heading = html.escape(words.t("why_facts", lang), quote=False)
        for block in re.findall(rf"<strong>{re.escape(heading)}:</strong></p><ul>(.*?)</ul>", page, re.S):
            for item in re.findall(r"<li>(.*?)</li>", block, re.S):
                value = html.unescape(item).rsplit(": ", 1)[-1]
                if value in ("True", "False", "None") or re.fullmatch(r"[a-z]+(_[a-z]+)*", value):
                    raw.append(f"{name}: {html.unescape(item)}")
    assert not raw, raw[:10]


@pytest.mark.parametrize("lang", LANGS)
def test_the_case_code_page_says_how_to_keep_the_code_on_a_phone(client: TestClient, lang: str) -> None:
    """The page said "Save this code" and gave a 43-character code, with no way to save it on a phone; it now says
    how (a note, a message to oneself, a screenshot) and has a button to copy it (shown by the script where the phone
    can copy)."""
    code = _start(client, lang)
    page = client.get(f"/case/{code}/code").text
    assert html.escape(words.t("case_code_how", lang), quote=False) in page
    assert re.search(r'<button[^>]*id="copy-code"[^>]*hidden>' + re.escape(words.t("case_code_copy", lang)), page)


def test_the_links_under_a_question_wrap_without_a_stray_separator(client: TestClient) -> None:
    """The links "Back · Review my answers · See my result now" wrapped on a phone with a "·" left alone at a line's
    end; the links are now a list that wraps link by link."""
    code = _start(client, "es")
    page = client.get(f"/case/{code}/q?path=levies").text
    nav = re.search(r'<ul class="lv-nav lv-nav--row">(.*?)</ul>', page, re.S)
    assert nav is not None and "·" not in nav.group(1)
    assert len(re.findall(r"<li><a ", nav.group(1))) == 3


@pytest.mark.parametrize("path", ["/resume", "/start", "/upload/confirm"])
def test_the_language_switch_of_a_page_a_form_sent_back_opens_a_page(client: TestClient, path: str) -> None:
    """After a case code not found, the page's address is /resume; "Leer en español" opened /resume?lang=es, which
    answered "There is a problem" (405). The switch now opens the home page (or the upload page) in that language."""
    client.get("/?lang=en")
    if path == "/resume":
        sent = client.post("/resume", data=with_token(client, {"code": "nope"}))
        assert 'href="http://testserver/resume?lang=es"' in sent.text  # the switch of that page
    r = client.get(f"{path}?lang=es")
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and '<html lang="es">' in page.text


@pytest.mark.parametrize("lang", LANGS)
def test_a_list_already_added_to_says_one_thing_to_do(client: TestClient, lang: str) -> None:
    """Back on the levy question after adding one, the page said both "otherwise choose Continue with the boxes left
    empty" and "if you have none, choose 'I don't know / skip'" — two different ways on, one of them wrong."""
    code = _start(client, lang)
    first = client.get(f"/case/{code}/q?path=levies").text
    assert words.t("add_item_hint", lang) in _text(first)
    _answer(client, code, "levies", WAGE_LEVY)
    again = client.get(f"/case/{code}/q?path=levies").text
    assert words.t("add_item_another", lang) in _text(again)
    assert words.t("add_item_hint", lang) not in _text(again)
    assert ("“Continue”" if lang == "en" else "«Continuar»") in words.t("add_item_another", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_what_this_means_so_far_is_no_verdict_halfway(client: TestClient, lang: str) -> None:
    """After the first two questions, "What this means so far" said "No release ground was found on the facts given;
    see the open questions" — a verdict halfway, pointing to a list that page does not show."""
    from levynav.core.model.analysis import Message
    from levynav.explain.render import text

    code = _start(client, lang)
    for path in ("levies", "notices"):  # "I don't know / skip", twice: the person is not sure yet
        client.post(f"/case/{code}/q?path={path}", data=with_token(client, {"action": "skip"}))
    page = _text(client.get(f"/case/{code}/meaning").text)
    assert text(Message(key="summary.none"), lang) not in page
    assert words.t("meaning_none", lang) in page
