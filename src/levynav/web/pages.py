"""The pages of the guided interview and the result. They store answers and render; the next question comes
from ``interview.next_questions`` and every word from ``words`` — no legal logic and no branching of their own."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from levynav.core.model import limits
from levynav.core.model.analysis import Analysis, Message
from levynav.core.model.bounded import CONTROL_CHARACTERS
from levynav.core.model.case import Case, Levy, Notice
from levynav.explain import field_names
from levynav.explain import format as figures
from levynav.explain.catalog import question_texts
from levynav.explain.render import text
from levynav.intake.case_problems import CaseProblem, problems_of
from levynav.intake.input_text import mask_tins
from levynav.interview.answers import AnswerError, apply_answer, parse_value, value_at
from levynav.interview.fields import kind_of, pattern
from levynav.interview.flow import InterviewQuestion, _question, start_case, table
from levynav.store.repository import StoredCase
from levynav.web import county_choice, csrf, phone_links, words, words_used
from levynav.web.api import CODE_PATTERN, notice_reading, settings, store
from levynav.web.case_analysis import CaseAnalyses
from levynav.web.case_problems import clear_at, set_at
from levynav.web.case_problems import value_at as stored_value

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf.require_token)])  # every POST: its token
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
templates.env.filters["phone_links"] = phone_links.linked  # a number in a line to read is a number to tap and call
LANG_COOKIE = "levynav_lang"


def lang_of(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in words.LANGS:
        return asked
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in words.LANGS:
        return cookie
    return words.negotiate(request.headers.get("accept-language"))


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    other = "es" if lang == "en" else "en"

    def t(key: str, **args: object) -> str:
        return words.t(key, lang, **args)

    token, new_session = csrf.token_for(request)
    ctx = {
        "request": request,
        "csrf_token": token,
        "lang": lang,
        "t": t,
        "choice_label": lambda v: words.choice_label(v, lang),
        "state_name": lambda code: words.state_name(code, lang),
        "field_label": lambda n: words.field_label(n, lang),
        "words_used": lambda page_html: words_used.used_in(str(page_html), lang),
        "switch_url": str(request.url.include_query_params(lang=other)),
        "sections": [s for s in table()["sections"]],
        **context,
    }
    response = templates.TemplateResponse(request, name, ctx, status_code=status)
    # a page is made for this request: never shown again from a cache (the back button asks the server, so a form is
    # not sent twice from an old copy; a case's answers are not kept on a shared computer's disk)
    response.headers["Cache-Control"] = "no-store"
    csrf.set_session(response, new_session)
    if request.query_params.get("lang") in words.LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=60 * 60 * 24 * 365, samesite="lax", httponly=True)
    return response


def error_page(request: Request, status: int) -> HTMLResponse:
    if status == 403:
        return page(request, "error.html", status=status, title_key="csrf_title", message_key="error_csrf")
    if status == 404:
        return page(request, "error.html", status=status, title_key="not_found_title", message_key="error_not_found")
    return page(request, "error.html", status=status, title_key="error_summary_title", message_key="error_general")


def size_text(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{max(limit // 1000, 1)} kB"


def too_large_page(request: Request, limit: int) -> HTMLResponse:
    """A form or file over the size limit, refused before it is read: the upload page again with the reason (the
    person can choose a smaller file), or an error page, in the person's language."""
    message = words.t("error_too_large", lang_of(request), limit=size_text(limit))
    if request.url.path == "/upload":
        return page(request, "upload.html", status=413, code="", reading=None, error=message)
    return page(
        request, "error.html", status=413, title_key="error_summary_title", message_key="error_general", message=message
    )


def unreadable_form_page(request: Request) -> HTMLResponse:
    """A page's form that could not be read (a file field sent without a file): the page again with a message in
    the person's language (422), never the API's JSON."""
    if request.url.path == "/upload":  # the file field sent without a file: none was chosen
        error = words.t("error_no_file", lang_of(request))
        return page(request, "upload.html", status=422, code="", reading=None, error=error)
    return page(request, "error.html", status=422, title_key="error_summary_title", message_key="error_general")


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


class CaseNeedsFix(Exception):
    """The stored case no longer passes the case model's checks: the pages send the person to its fix page."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def open_case(request: Request, code: str) -> StoredCase | None:
    """The stored case of this code, or None when there is none. A case saved before a check this version makes, or
    changed through the API, raises CaseNeedsFix (the app answers with its fix page; the API names its fields)."""
    if not re.match(CODE_PATTERN, code):
        return None
    try:
        return store(request).get_case(code)
    except ValidationError:
        raise CaseNeedsFix(code) from None


def analyses(request: Request) -> CaseAnalyses:
    memo: CaseAnalyses = request.app.state.analyses
    return memo


def case_context(request: Request, stored: StoredCase) -> tuple[Analysis, dict[str, Any]]:
    day = settings(request).today()
    result = analyses(request).analysis(stored.case, day)
    return result, {"code": stored.id, "banner": analyses(request).banner(stored.case, day, lang_of(request))}


def remaining(stored: StoredCase, request: Request) -> list[InterviewQuestion]:
    """The questions still to ask: those the rules need, less the ones skipped or already answered (a list the
    person added to is not asked again; more items can be added from the review page)."""
    asked = {*stored.progress.get("skipped", []), *stored.progress.get("answered", [])}
    qs = analyses(request).questions(stored.case, settings(request).today())
    return [q for q in qs if q.path not in asked]


def asked_order(progress: dict[str, list[str]]) -> list[str]:
    """The questions shown to the person, in the order first shown (answered, or skipped with "I don't know"): the
    back link goes to the one before. A case saved before this order was kept: its answers, then its skips."""
    if "asked" in progress:
        return list(progress["asked"])
    return [p for p in (*progress.get("answered", []), *progress.get("skipped", [])) if p != "taxpayer.kind"]


def _asked(progress: dict[str, list[str]], path: str) -> list[str]:
    order = asked_order(progress)
    return order if path in order else [*order, path]


def next_url(request: Request, stored: StoredCase) -> str:
    """The first question not yet asked; "what this means" once the levy is described; then the review."""
    left = remaining(stored, request)
    seen = stored.progress.get("seen", [])
    if (not left or left[0].section != "where") and "meaning" not in seen:
        return f"/case/{stored.id}/meaning"
    if not left:
        return f"/case/{stored.id}/review"
    return f"/case/{stored.id}/q?path={left[0].path}"


# ---------------------------------------------------------------- start, resume, the case code


@router.get("/", response_class=HTMLResponse)
def home(request: Request, error: str | None = None) -> HTMLResponse:
    return page(
        request,
        "home.html",
        demo_code=request.app.state.demo_code,
        error_key="error_not_found" if error == "not_found" else None,
    )


@router.post("/start")
def start(request: Request, kind: Annotated[str, Form()] = "") -> Response:
    if kind not in ("individual", "business"):
        return page(request, "home.html", status=422, error_key="error_choice", demo_code=request.app.state.demo_code)
    code = store(request).create_case(start_case(kind), {"answered": ["taxpayer.kind"]})
    return redirect(f"/case/{code}/code")


@router.get("/start")
@router.get("/resume")
def home_again(request: Request) -> Response:
    """A form's address opened as a page: the language switch of a page a form sent back (a case code not found, a
    start without a choice) asks for it. The home page, in the language asked for."""
    lang = request.query_params.get("lang")
    return redirect(f"/?lang={lang}" if lang in words.LANGS else "/")


@router.post("/resume")
def resume(request: Request, code: Annotated[str, Form()] = "") -> Response:
    code = code.strip()
    if open_case(request, code) is None:
        # said at the code's own field, with what was typed kept there to correct (never a case's answers: none opened)
        return page(
            request,
            "home.html",
            status=404,
            resume_error="error_code_empty" if not code else "error_not_found",
            resume_value=mask_tins(code[:200]),  # a person may type their SSN where the code belongs
            demo_code=request.app.state.demo_code,
        )
    return redirect(f"/case/{code}/next")


@router.get("/case/{code}/code", response_class=HTMLResponse)
def show_code(request: Request, code: str) -> Response:
    stored = open_case(request, code)
    if stored is None:
        return error_page(request, 404)
    _, ctx = case_context(request, stored)
    return page(request, "code.html", **ctx)


@router.get("/case/{code}")
@router.get("/case/{code}/next")
def next_page(request: Request, code: str) -> Response:
    """Where the interview goes on (``next_url``): a saved case is resumed here."""
    stored = open_case(request, code)
    if stored is None:
        return error_page(request, 404)
    return redirect(next_url(request, stored))


# ---------------------------------------------------------------- one question per page


def _prompt(path: str, lang: str) -> str:
    """The question for a field path in the page's language: the shared question catalog (data/questions, and
    data/messages/<lang>/prompts), the same words the terminal and the packet use. A path with no wording yet is
    asked by its field's label, never by its path."""
    if path == county_choice.PATH:  # chosen by its name on the web (the terminal asks for the code)
        return words.t("county_question", lang)
    known = question_texts(lang).get(pattern(path))
    if known:
        return " ".join(str(known).split())
    return text(Message(key="ui.default_prompt"), lang, field=field_names.words(path, lang), path=path)


def _question_page(
    request: Request, stored: StoredCase, path: str, errors: list[tuple[str, str]], values: dict[str, str], status: int
) -> HTMLResponse:
    _, ctx = case_context(request, stored)
    q = _question(path, "", ())
    if q is None:
        return error_page(request, 404)
    left = remaining(stored, request)
    shown = asked_order(stored.progress)
    before = shown[: shown.index(path)] if path in shown else shown
    back = f"/case/{stored.id}/q?path={quote(before[-1])}" if before else f"/case/{stored.id}/code"
    asked = set(shown)
    current = value_at(stored.case, path)
    already: list[str] = []
    if q.kind.kind == "add_item" and isinstance(current, list):  # what this list holds already: added once, not again
        already = [_shown(item, f"{path}[{i}]", lang_of(request)) for i, item in enumerate(current)]
    if not values and current is not None and q.kind.kind not in ("add_item",):
        values = {"value": ", ".join(current) if isinstance(current, list) else str(current)}
        if q.kind.kind == "yes_no":
            values = {"value": "yes" if current else "no"}
    lang = lang_of(request)
    # what was typed is offered again to correct, but a full SSN, ITIN or EIN masked but its last four digits: the
    # answer refused because it held one was sent back whole in the page
    values = {k: mask_tins(v) for k, v in values.items()}
    return page(
        request,
        "question.html",
        county=_county_choice(request, stored, values) if path == county_choice.PATH else None,
        status=status,
        q=q,
        prompt=_prompt(path, lang),
        errors=errors,
        values=values,
        back=back,
        already=already,
        number=len(asked - {path}) + 1,  # a question skipped was asked too: the count moves on either way
        left=max(len(left) - 1, 0),
        section=q.section,
        **ctx,
    )


def _county_choice(request: Request, stored: StoredCase, values: dict[str, str]) -> dict[str, Any]:
    """The county question's lists: the states, and the counties of the state asked for (the page's state form), the
    one sent back with a problem, or the case's state; a stored code the table does not hold stays choosable."""
    law, day, lang = analyses(request).law, settings(request).today(), lang_of(request)
    states = county_choice.states(law, day)
    asked = [request.query_params.get("state"), values.get("state"), stored.case.taxpayer.state]
    held = county_choice.named(law, day, stored.case.taxpayer.county_fips)
    if held is not None:
        asked.insert(2, held.state)
    state = next((s for s in asked if s in states), None)
    counties = county_choice.in_state(law, day, state)
    chosen = values.get("value", "")
    if not chosen and stored.case.taxpayer.county and held is None:  # a county stored by its name (no code)
        chosen = f"{county_choice.NAMED}{stored.case.taxpayer.county}"
    answers = {c.answer for c in counties}
    other = chosen if chosen and state and chosen not in answers and held is None and chosen.isdigit() else ""
    by_name = sorted(states, key=lambda s: words.state_name(s, lang).casefold())  # listed as a person reads them
    # a state listed by county-equivalents a person may not know (Connecticut's planning regions): its towns too,
    # each choosing its region
    towns = county_choice.towns(law, day, state)
    dropped = stored.progress.get("county_dropped") or []
    notice = None
    shaped = isinstance(dropped, list) and len(dropped) == 3 and all(isinstance(x, str) for x in dropped)
    if shaped and stored.case.taxpayer.county_fips is None and stored.case.taxpayer.county is None:
        county, there, now = dropped  # the county cleared when the state was changed: why it is asked again
        notice = words.t(
            "county_state_changed",
            lang,
            county=county,
            county_state=words.state_name(there, lang),
            state=words.state_name(now, lang),
        )
    return {
        "states": by_name,
        "state": state,
        "counties": counties,
        "chosen": chosen,
        "other": other,
        "towns": towns,
        "notice": notice,
    }


def _county_of_another_state(request: Request, before: Case, after: Case) -> tuple[Case, list[str] | None]:
    """A state answered again after a county was chosen: a county of the old state is not kept beside the new one
    (the Local Standards and every rule reading the state would read two places). It is cleared, and what the page
    says about it returned: the county as the person chose it, the old state and the new one (None: nothing
    cleared). A county of the new state (a code the table places there) is kept."""
    old, new = before.taxpayer.state, after.taxpayer.state
    t = after.taxpayer
    if old == new or (t.county_fips is None and t.county is None):
        return after, None
    law, day = analyses(request).law, settings(request).today()
    held = county_choice.named(law, day, t.county_fips)
    if held is not None and held.state == new:
        return after, None
    if held is None and old is None:
        return after, None  # a name, or a code the table does not place, given with no state: nothing says where
    said = held.name if held is not None else (t.county if t.county_fips is None and t.county else t.county_fips or "")
    there = held.state if held is not None else (old or "")
    cleared = after.model_copy(update={"taxpayer": t.model_copy(update={"county_fips": None, "county": None})})
    return cleared, [said, there, new or ""]


def _answer_county(request: Request, case: Case, form: dict[str, str]) -> tuple[Case, bool]:
    """The case with the county chosen on its page (its code; a county the table prints without a code, its name) and,
    when the case had no state yet, the state it was chosen in; whether the state was stored too. A code typed or
    sent otherwise is taken as any answer is. Refused, naming what to change: a county or town sent without a state
    of the table, and a county of another state than the one the case holds (one place, never two)."""
    law, day = analyses(request).law, settings(request).today()
    sent, state = form.get("value", "").strip(), form.get("state", "").strip()
    by_name = sent.startswith((county_choice.NAMED, county_choice.TOWN))
    if by_name and state not in county_choice.states(law, day):
        raise AnswerError([("county-state", "county_state_first")])  # a name means nothing without its state
        # (the field named as the page names the state list, which the summary links to)
    county = county_choice.by_answer(law, day, state, sent) if sent else None
    if by_name and county is None:
        raise AnswerError([("value", "error_choice")])
    # the county the answer names, wherever it is: a code of another state than the page's is still that state's
    where = county or (county_choice.named(law, day, sent) if sent.isascii() and sent.isdigit() else None)
    held = case.taxpayer.state
    if where is not None and held is not None and where.state != held:
        raise AnswerError([("value", f"{OTHER_STATE}{where.state}:{held}")])
    if sent.startswith(county_choice.TOWN) and county is not None and county.fips is not None:
        return _answer_county(request, case, {**form, "value": county.answer})  # a town of a region with a code
    if by_name and county is not None:
        case = apply_answer(case, "taxpayer.county", {"value": county.name})
        if case.taxpayer.county_fips is not None:  # a code given before is another county's
            case = case.model_copy(update={"taxpayer": case.taxpayer.model_copy(update={"county_fips": None})})
    else:
        case = apply_answer(case, county_choice.PATH, form)
        if case.taxpayer.county_fips is not None and case.taxpayer.county is not None:  # a name given before: now
            # the code says the county (a name left beside it would be another county's, or the same one twice)
            case = case.model_copy(update={"taxpayer": case.taxpayer.model_copy(update={"county": None})})
    if where is None or case.taxpayer.state is not None:
        return case, False
    return apply_answer(case, "taxpayer.state", {"value": where.state}), True


def _answer_errors(err: AnswerError, lang: str) -> list[tuple[str, str]]:
    """An answer's problems in the page's language: the answer itself unreadable (a message key each), or the case
    with the answer in refused by the case model (each problem in words, its field named by its label, never the
    model's English)."""
    if err.invalid is None:
        return [(f, _error_text(m, lang)) for f, m in err.problems]
    out = []
    for p in problems_of(err.invalid):
        said = words.problem_text(p, lang)
        out.append(
            (
                "value",
                words.t("error_case", lang, detail=said if p.names else f"{words.path_words(p.path, lang)}: {said}"),
            )
        )
    return out


def _nothing_more(path: str, form: dict[str, str], held: Any) -> bool:
    if form.get("action") == "skip" or not isinstance(held, list) or not held:
        return False
    try:
        adding = kind_of(path).kind == "add_item"
    except KeyError:
        return False
    return adding and not any(v.strip() for k, v in form.items() if k.startswith("item."))


def _added_already(before: Case, after: Case, path: str, items: str) -> bool:
    """A new list item sent from a form shown when the list held ``items`` items, identical to one added since: the
    same form sent twice (the browser's back button, then Continue), not a second item. Two identical items added from
    two forms (twins in a household) are both kept."""
    if not (items.isascii() and items.isdigit()) or len(items) > 4:
        return False
    old, new = value_at(before, path), value_at(after, path)
    if not isinstance(old, list) or not isinstance(new, list) or len(new) != len(old) + 1:
        return False
    return new[-1] in old[int(items) :]


OTHER_STATE = "error_county_state:"  # and the county's state and the case's: "error_county_state:CT:TX"


def _error_text(key: str, lang: str) -> str:
    if key.startswith(OTHER_STATE):  # a county of another state than the case's, both states by their names
        there, held = key.removeprefix(OTHER_STATE).split(":")
        return words.t(
            "error_county_state", lang, county_state=words.state_name(there, lang), state=words.state_name(held, lang)
        )
    if key.startswith("error_case:"):
        return words.t("error_case", lang, detail=key.split(":", 1)[1])
    if key.startswith("error_order:"):  # two dates out of order, said by the fields' words (explain.field_names)
        _, earlier, later = key.split(":")
        said = {"earlier": field_names.words(earlier, lang), "later": field_names.words(later, lang)}
        return words.t("error_order", lang, **said)
    if key in _LIMIT_OF:  # an answer past an input limit: the limit said as a number in the person's language
        return words.t(key, lang, limit=_LIMIT_OF[key](lang))
    return words.t(key, lang)


_LIMIT_OF = {
    "error_money_large": lambda lang: figures.money(limits.MAX_AMOUNT, lang),
    "error_text_long": lambda lang: figures.number(limits.MAX_TEXT_CHARS, lang),
    "error_list_long": lambda lang: figures.number(limits.MAX_LIST_ITEMS, lang),
}


@router.get("/case/{code}/q", response_class=HTMLResponse)
def question(request: Request, code: str, path: str = "") -> Response:
    stored = open_case(request, code)
    if stored is None:
        return error_page(request, 404)
    return _question_page(request, stored, path, [], {}, 200)


@router.post("/case/{code}/q")
async def answer(request: Request, code: str, path: str = "") -> Response:
    stored = open_case(request, code)
    if stored is None or _question(path, "", ()) is None:
        return error_page(request, 404)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str) and k != csrf.FIELD}
    progress = {k: list(v) for k, v in stored.progress.items()}
    progress["asked"] = _asked(progress, path)
    held = value_at(stored.case, path)
    if _nothing_more(path, form, held):  # a list already added to, sent with its boxes empty: done with it
        progress["answered"] = [p for p in progress.get("answered", []) if p != path] + [path]
        store(request).update_case(code, stored.case, progress)
        return redirect(next_url(request, StoredCase(code, stored.case, progress, stored.documents)))
    if form.get("action") == "skip":
        # once: the same form sent again (the back button, a loop) must not list it twice nor grow the stored case
        progress["skipped"] = [p for p in progress.get("skipped", []) if p != path] + [path]
        store(request).update_case(code, stored.case, progress)
        return redirect(next_url(request, StoredCase(code, stored.case, progress, stored.documents)))
    try:
        if path == county_choice.PATH:
            case, state_too = _answer_county(request, stored.case, form)
        else:
            case, state_too = apply_answer(stored.case, path, form), False
    except AnswerError as err:
        return _question_page(request, stored, path, _answer_errors(err, lang_of(request)), form, 422)
    if _added_already(stored.case, case, path, form.get("items", "")):
        return redirect(next_url(request, stored))  # the same form sent again (the back button): the item is there
    if path == "taxpayer.state":
        case, dropped = _county_of_another_state(request, stored.case, case)
        if dropped is not None:  # the county chosen before is the old state's: cleared, and asked again now, saying why
            progress["county_dropped"] = dropped
            progress["answered"] = [p for p in progress.get("answered", []) if p not in (path, county_choice.PATH)]
            progress["answered"].append(path)
            progress["skipped"] = [p for p in progress.get("skipped", []) if p not in (path, county_choice.PATH)]
            store(request).update_case(code, case, progress)
            return redirect(f"/case/{code}/q?path={county_choice.PATH}")
    if path == county_choice.PATH:  # a county answered: the note of one cleared before has been read
        progress.pop("county_dropped", None)
    if state_too:  # the state the county was chosen in: answered there, not asked again
        progress["answered"] = [p for p in progress.get("answered", []) if p != "taxpayer.state"] + ["taxpayer.state"]
        progress["skipped"] = [p for p in progress.get("skipped", []) if p != "taxpayer.state"]
    answered = [p for p in progress.get("answered", []) if p != path] + [path]
    progress["answered"] = answered
    progress["skipped"] = [p for p in progress.get("skipped", []) if p != path]
    store(request).update_case(code, case, progress)
    return redirect(next_url(request, StoredCase(code, case, progress, stored.documents)))


@router.get("/case/{code}/meaning", response_class=HTMLResponse)
def meaning(request: Request, code: str) -> Response:
    stored = open_case(request, code)
    if stored is None:
        return error_page(request, 404)
    _, ctx = case_context(request, stored)
    lang = lang_of(request)
    view = analyses(request).view(stored.case, settings(request).today(), lang)
    # halfway through, "no release ground was found …; see the open questions" (the result's words) reads as a verdict
    # and points to a list this page does not have: here it says the next questions look for one
    none = text(Message(key="summary.none"), lang)
    summary = [words.t("meaning_none", lang) if line == none else line for line in view["summary"]]
    return page(request, "meaning.html", view=view, summary=summary, section="meaning", **ctx)


@router.post("/case/{code}/seen")
def seen(request: Request, code: str, page_name: Annotated[str, Form(alias="page")] = "") -> Response:
    stored = open_case(request, code)
    if stored is None or page_name not in table()["sections"]:
        return error_page(request, 404)
    progress = {k: list(v) for k, v in stored.progress.items()}
    progress["seen"] = sorted({*progress.get("seen", []), page_name})
    store(request).update_case(code, stored.case, progress)
    return redirect(next_url(request, StoredCase(code, stored.case, progress, stored.documents)))


@router.get("/case/{code}/review", response_class=HTMLResponse)
def review(request: Request, code: str) -> Response:
    stored = open_case(request, code)
    if stored is None:
        return error_page(request, 404)
    _, ctx = case_context(request, stored)
    lang = lang_of(request)
    rows = []
    for path in stored.progress.get("answered", []):
        rows.append(
            {
                "path": path,
                "prompt": _prompt(path, lang),
                "value": _review_value(request, stored.case, path, lang),
                "change": f"/case/{code}/q?path={path}",
            }
        )
    skipped = [
        {"prompt": _prompt(p, lang), "change": f"/case/{code}/q?path={p}"} for p in stored.progress.get("skipped", [])
    ]
    return page(request, "review.html", rows=rows, skipped=skipped, section="options", **ctx)


def _review_value(request: Request, case: Case, path: str, lang: str) -> str:
    """An answer as the review page shows it: a county by its name and its state's name, as it was chosen."""
    value = value_at(case, path)
    if path == county_choice.PATH and isinstance(value, str):
        county = county_choice.named(analyses(request).law, settings(request).today(), value)
        if county is not None:
            return f"{county.name}, {words.state_name(county.state, lang)}"
    if path == county_choice.PATH and value is None and case.taxpayer.county:  # chosen by a name with no code
        state = words.state_name(case.taxpayer.state, lang) if case.taxpayer.state else None
        return ", ".join(x for x in (case.taxpayer.county, state) if x)
    return _shown(value, path, lang)


def _shown(value: Any, path: str, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return words.t("answer_yes" if value else "answer_no", lang)
    if isinstance(value, list):
        return "; ".join(_shown(v, f"{path}[{i}]" if isinstance(v, dict) else path, lang) for i, v in enumerate(value))
    if isinstance(value, dict):
        shown = [(k, v) for k, v in value.items() if v not in (None, "", [])]
        return ", ".join(
            f"{words.field_label(k, lang, f'{path}.{k}')}: {_shown(v, f'{path}.{k}', lang)}" for k, v in shown
        )
    if isinstance(value, str) and f"choice_{value}" in words.catalog("en"):
        return words.choice_label(value, lang)
    try:
        kind = kind_of(path).kind
    except KeyError:
        kind = "text"
    if kind == "choice":
        return words.choice_label(str(value), lang)
    if kind == "money":
        return words.money(value, lang)
    if kind == "date":
        try:
            return words.day(date.fromisoformat(str(value)), lang)
        except ValueError:
            return str(value)
    return str(value)


@router.get("/case/{code}/result", response_class=HTMLResponse)
def result_page(request: Request, code: str) -> Response:
    stored = open_case(request, code)
    if stored is None:
        return error_page(request, 404)
    result, ctx = case_context(request, stored)
    day = settings(request).today()
    if analyses(request).first_record(code, stored.case, day):
        store(request).record_analysis(code, stored.case, result)
    svg = Markup(analyses(request).timeline(stored.case, day, lang_of(request)))
    view = analyses(request).view(stored.case, day, lang_of(request))
    # with no levy yet (a notice only), the reasons are what keeps the IRS from levying, not what ends a levy
    levied = bool(stored.case.levies)
    return page(request, "result.html", view=view, svg=svg, levied=levied, section="papers", **ctx)


# ---------------------------------------------------------------- a stored case that no longer passes the checks

SCALAR_KINDS = ("date", "yes_no", "money", "number", "choice", "text", "text_list")


def _problems_now(data: dict[str, Any]) -> list[CaseProblem]:
    try:
        Case.model_validate(data)
    except ValidationError as exc:
        return problems_of(exc)
    return []


def _editable(path: str) -> Any:
    """The input type of a field the fix page can ask for again (a single value), or None."""
    try:
        kind = kind_of(path)
    except KeyError:
        return None
    return kind if kind.kind in SCALAR_KINDS else None


def _fixes(data: dict[str, Any], problems: list[CaseProblem], lang: str) -> list[dict[str, Any]]:
    """Each problem with the ways to correct it: a new answer for each field it names (the field itself, or the two
    dates of an order), and clearing it (a list's item is removed: a group that cannot be asked again)."""
    out = []
    for i, p in enumerate(problems):
        targets = []
        for j, path in enumerate(p.names or ((p.path,) if p.path != "(case)" else ())):
            kind = _editable(path)
            if kind is None:
                continue
            current = stored_value(data, path)
            if isinstance(current, bool):
                shown = "yes" if current else "no"
            elif isinstance(current, list):
                shown = ", ".join(str(v) for v in current if isinstance(v, (str, int)))
            else:
                shown = "" if current is None or isinstance(current, dict) else str(current)
            targets.append(
                {
                    "path": path,
                    "id": f"fix-{i}-{j}",
                    "kind": kind,
                    "label": words.path_words(path, lang),
                    # offered again without a hidden control code or a full SSN (masked but its last four digits),
                    # whole up to the model's own text limit
                    "value": mask_tins(CONTROL_CHARACTERS.sub("", shown))[: limits.MAX_TEXT_CHARS],
                }
            )
        present = p.path != "(case)" and stored_value(data, p.path) is not None
        out.append(
            {
                "path": p.path,
                "words": words.path_words(p.path, lang),
                "message": words.problem_text(p, lang),
                "targets": targets,
                "clear_path": p.path if present else None,  # (not "clear": a template reads a dict's key as its method)
                "item": bool(re.search(r"\[\d+\]$", p.path)),
                "id": f"problem-{i}",
            }
        )
    return out


def _fix_page(
    request: Request, code: str, data: dict[str, Any], problems: list[CaseProblem], error: tuple[str, str] | None
) -> HTMLResponse:
    lang = lang_of(request)
    return page(
        request,
        "fix.html",
        status=422 if error else 200,
        code=code,
        fixes=_fixes(data, problems, lang),
        error=error,
    )


@router.get("/case/{code}/fix", response_class=HTMLResponse)
def fix_page(request: Request, code: str) -> Response:
    """The problems of a stored case the case model refuses, each with a way to correct or clear it; a case with none
    goes on to its result."""
    data = store(request).get_case_data(code) if re.match(CODE_PATTERN, code) else None
    if data is None:
        return error_page(request, 404)
    problems = _problems_now(data)
    if not problems:
        return redirect(f"/case/{code}/result")
    return _fix_page(request, code, data, problems, None)


@router.post("/case/{code}/fix")
async def fix(request: Request, code: str) -> Response:
    """One correction: a new answer for one field, or the field (a list's item) cleared. The case is saved as it is
    now — checked and whole when it passes (then its result), or as data still to correct (then this page again)."""
    data = store(request).get_case_data(code) if re.match(CODE_PATTERN, code) else None
    if data is None:
        return error_page(request, 404)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str) and k != csrf.FIELD}
    path, action = form.get("path", ""), form.get("action", "")
    problems = _problems_now(data)
    fixes = _fixes(data, problems, lang_of(request))
    targets = {t["path"] for f in fixes for t in f["targets"]}
    allowed = targets if action == "save" else {f["clear_path"] for f in fixes} if action == "clear" else set()
    if not problems or path not in allowed:  # fixed already (a second tab, the back button): the page as it is now
        return redirect(f"/case/{code}/fix")
    value: Any = None
    if action == "save":
        try:
            value = parse_value(_editable(path), form.get("value", ""))
        except ValueError as err:
            return _fix_page(request, code, data, problems, (path, words.t(str(err), lang_of(request))))
        if value is None:
            return _fix_page(request, code, data, problems, (path, words.t("error_required", lang_of(request))))
    try:
        if action == "save":
            set_at(data, path, value)
        else:
            clear_at(data, path)
    except KeyError:
        return _fix_page(request, code, data, problems, (path, words.t("error_path", lang_of(request))))
    try:
        case = Case.model_validate(data)
    except ValidationError:
        store(request).update_case_data(code, data)
        return redirect(f"/case/{code}/fix")
    store(request).update_case(code, case)
    return redirect(f"/case/{code}/result")


# ---------------------------------------------------------------- start from a notice


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request, code: str = "") -> Response:
    return page(request, "upload.html", code=code if re.match(CODE_PATTERN, code) else "", reading=None)


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, file: Annotated[UploadFile, File()], code: Annotated[str, Form()] = "") -> Response:
    lang = lang_of(request)
    limit = settings(request).max_upload_bytes
    code = code if re.match(CODE_PATTERN, code) else ""
    if len((await request.form()).getlist("file")) > 1:  # the last was read, the others dropped without a word
        return page(request, "upload.html", status=422, code=code, reading=None, error=words.t("error_one_file", lang))
    data = await file.read(limit + 1)
    if len(data) > limit:
        err = words.t("error_too_large", lang, limit=size_text(limit))
        return page(request, "upload.html", status=413, code=code, reading=None, error=err)
    if not data and not file.filename:  # "Read the notice" tapped before a file was chosen: say what to do
        return page(request, "upload.html", status=422, code=code, reading=None, error=words.t("error_no_file", lang))
    try:
        # off the event loop: the reading may take MAX_PDF_SECONDS or MAX_OCR_SECONDS
        report = await run_in_threadpool(notice_reading, data, file.filename or "notice", settings(request).today())
    except Exception:
        return page(request, "upload.html", status=422, code=code, reading=None, error=words.t("error_file", lang))
    tins = [t["last4"] for t in report["reading"].get("tins", [])]
    stored = open_case(request, code) if code else None
    # a notice printing another number than the case's is shown with a warning, and joins the case only once the
    # person says it is theirs (a joint notice may print the spouse's number)
    other = _another_taxpayer(stored.case if stored else None, tins, lang)
    # what was read, as the person's language writes it (dates, amounts, choices), for them to confirm
    found = {k: _shown(v, f"notices[0].{k}", lang) for k, v in report["notice"].items() if k != "tax_periods"}
    levy = report.get("levy") or {}
    read_levy = {k: _shown(v, f"levies[0].{k}", lang) for k, v in levy.items() if k != "tax_periods"}
    return page(
        request,
        "upload.html",
        code=code,
        reading=report,
        found=found,
        levy=read_levy,
        other_taxpayer=other,
        payload=json.dumps({"notice": report["notice"], "levy": report.get("levy"), "tins": tins}),
    )


@router.get("/upload/confirm")
def upload_again(request: Request) -> Response:
    """The language switch of a page the confirmation sent back: the upload page, in the language asked for."""
    lang = request.query_params.get("lang")
    return redirect(f"/upload?lang={lang}" if lang in words.LANGS else "/upload")


@router.post("/upload/confirm")
def upload_confirm(
    request: Request,
    payload: Annotated[str, Form()] = "",
    code: Annotated[str, Form()] = "",
    same_taxpayer: Annotated[str, Form()] = "",
) -> Response:
    """The facts read from the notice, as the person confirmed them, join the case (a new one if none)."""

    def refused() -> HTMLResponse:
        error = words.t("error_file", lang_of(request))
        return page(request, "upload.html", status=422, code="", reading=None, error=error)

    try:
        raw = json.loads(payload)
        notice = Notice.model_validate(_read_fields(raw, "notice"))
        levy = Levy.model_validate(_read_fields(raw, "levy")) if raw.get("levy") else None
        tins = _tins(raw.get("tins", []))
    except (ValueError, KeyError, TypeError, RecursionError, ValidationError):
        return refused()  # the form's hidden payload is what this server wrote; anything else is refused whole
    stored = open_case(request, code) if code else None
    other = _another_taxpayer(stored.case if stored else None, tins, lang_of(request))
    if other is not None and same_taxpayer != "yes":
        return page(request, "upload.html", status=422, code=code, reading=None, error=other)
    case = stored.case if stored else start_case("individual")
    data = case.model_dump(mode="json", exclude_none=True)
    if len(tins) == 1 and not case.taxpayer.tin_last4:
        # the number the notice prints is the taxpayer's: kept (its last four digits only) so that a later notice
        # or transcript of another person is refused from this case
        data.setdefault("taxpayer", {})["tin_last4"] = tins[0]
    data.setdefault("notices", []).append(notice.model_dump(mode="json", exclude_none=True))
    if levy is not None:
        data.setdefault("levies", []).append(levy.model_dump(mode="json", exclude_none=True))
    try:
        new_case = Case.model_validate(data)  # the notice and levy join the case only if the case stays valid
    except ValidationError:
        return refused()
    if stored is None:
        code = store(request).create_case(new_case, {"answered": ["taxpayer.kind", "notices"]})
        return redirect(f"/case/{code}/code")
    progress = {k: list(v) for k, v in stored.progress.items()}
    progress["answered"] = [p for p in progress.get("answered", []) if p != "notices"] + ["notices"]  # once
    store(request).update_case(code, new_case, progress)
    return redirect(f"/case/{code}/next")


def _tins(raw: Any) -> list[str]:
    """The last four digits of the numbers the notice printed, as the upload page wrote them; ValueError if not."""
    if (
        not isinstance(raw, list)
        or len(raw) > 4
        or not all(isinstance(t, str) and re.fullmatch(r"\d{4}", t) for t in raw)
    ):
        raise ValueError("tins: not a list of last four digits")
    return list(raw)


def _another_taxpayer(case: Case | None, tins: list[str], lang: str) -> str | None:
    """The words warning of a notice of another taxpayer for ``case``: its printed numbers (last four digits) do not
    include the case's ``taxpayer.tin_last4``. None when they do, or when either is not known (nothing to compare).
    Such a notice joins the case only when the person says it is theirs (``same_taxpayer``): one person's notice
    never joins another's case unseen."""
    if case is None or not case.taxpayer.tin_last4 or not tins or case.taxpayer.tin_last4 in tins:
        return None
    return words.t("error_other_taxpayer", lang, notice=" / ".join(tins), case=case.taxpayer.tin_last4)


def _read_fields(raw: Any, name: str) -> dict[str, Any]:
    """The fields of ``raw[name]`` as the reader wrote them (its tax periods left out); TypeError if not a mapping."""
    if not isinstance(raw, dict) or not isinstance(raw.get(name), dict):
        raise TypeError(f"{name}: not a mapping")
    return {k: v for k, v in raw[name].items() if k != "tax_periods"}
