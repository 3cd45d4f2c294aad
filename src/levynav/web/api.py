"""The REST API under /api/v1: the same core as the CLI, in JSON. No legal logic here."""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, File, HTTPException, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from levynav.core.analyze import analyze
from levynav.core.model import limits
from levynav.core.model.ability_to_pay import AbilityToPay
from levynav.core.model.analysis import Analysis
from levynav.core.model.bounded import Bounded
from levynav.core.model.case import Case
from levynav.intake.bounded_parse import BoundsError, loads_unique
from levynav.intake.case_problems import problems_of
from levynav.intake.load import CaseError, case_from_data
from levynav.intake.written_amounts import AmountTextError, written_amount
from levynav.store.repository import Store
from levynav.web.settings import Settings
from levynav.web.words import LANGS, render_analysis

router = APIRouter(prefix="/api/v1", tags=["api"])

Lang = Literal["en", "es"]
CODE_PATTERN = r"^[A-Za-z0-9_-]{20,64}$"


class Problem(BaseModel):
    field: str = Field(
        description="the field's path in the request or the case (levies[0].served_date), or a name "
        "in brackets for the request as a whole: (body), (input), (case)"
    )
    message: str = Field(description="what is wrong, in English; the value itself is never echoed")


class Problems(BaseModel):
    """Every refusal of the API (4xx): one entry per problem (docs/api.md)."""

    problems: list[Problem]


class CaseCreated(BaseModel):
    id: str = Field(description="the case code: a long random token; keep it private")


class WageExemptRequest(Bounded):  # Bounded: true/false is not a year or a number of dependents
    # a field it does not know is refused by name: a misspelt "dependants": 3 was dropped, and the answer was the one
    # for no statement (married filing separately, 0 dependents), as if the person had given none
    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=limits.EARLIEST_DATE.year, le=limits.LATEST_DATE.year)
    pay_period: str = Field(max_length=20, description="daily, weekly, biweekly, semimonthly or monthly")
    filing_status: str | None = Field(default=None, max_length=40)
    dependents: int | None = Field(default=None, ge=0, le=limits.MAX_DEPENDENTS)  # as `wage-exempt --dependents`
    over_65_or_blind: int = Field(default=0, ge=0, le=4)
    basis: str | None = Field(default=None, max_length=40)
    take_home_pay: str | None = Field(default=None, max_length=20, description="take-home pay for one pay period")


ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": Problems}, 413: {"model": Problems}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problems}, **ERRORS}


def store(request: Request) -> Store:
    s: Store = request.app.state.store
    return s


def settings(request: Request) -> Settings:
    s: Settings = request.app.state.settings
    return s


def problem(status: int, *lines: str) -> HTTPException:
    return HTTPException(status_code=status, detail=list(lines))


def parse_case(request: Request, data: Any) -> Case:
    """The case of a JSON body, as the body wrote it: its numbers exact (``no_key_twice`` read them as Decimals),
    never as FastAPI's floats had them (100.10000000000000001 was read as 100.10; it is refused, as in a file)."""
    exact = getattr(request.state, "exact_body", None)
    if isinstance(exact, dict):
        data = exact
    try:
        return case_from_data(data, "body")
    except CaseError as err:
        raise problem(422, *err.problems) from None


def as_of_or_today(request: Request, as_of: date | None) -> date:
    return as_of or settings(request).today()


def analysis_json(result: Analysis, lang: str | None) -> dict[str, Any]:
    out: dict[str, Any] = result.model_dump(mode="json")
    if lang in LANGS:
        out["rendered"] = render_analysis(result, lang)
    return out


def load(request: Request, case_id: str) -> Case:
    try:
        stored = store(request).get_case(case_id)
    except ValidationError as exc:  # saved before a check this version makes, or changed: kept, refused by field
        raise problem(422, *(p.line for p in problems_of(exc))) from None
    if stored is None:
        raise problem(404, "id: no case with this code")
    return stored.case


def problem_entries(lines: list[str]) -> list[dict[str, str]]:
    """The API's one shape of a refusal: ``{"field": ..., "message": ...}`` per "field: what is wrong" line. A full
    SSN, ITIN or EIN in it (a key named by one, ``{"123-45-6789": 1}``) is masked but its last four digits."""
    from levynav.intake.input_text import mask_tins

    out = []
    for line in map(mask_tins, map(str, lines)):
        at = _field_end(line)
        out.append(
            {"field": line[:at], "message": line[at + 2 :]} if at > 0 else {"field": "(request)", "message": line}
        )
    return out


def _field_end(line: str) -> int:
    """Where the field of a "field: what is wrong" line ends: the first ": " outside a quoted key (a key that is not a
    plain name is quoted, ``taxpayer.'a: b'``, intake/field_names.py); -1 when there is none."""
    quote = ""
    escaped = False
    for i, c in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif line.startswith(": ", i):
            return i
    return -1


async def no_key_twice(request: Request) -> None:
    """A JSON body is read as a case file is: a key given twice in one mapping is refused by its name, never read
    as its last value. (A body that is not JSON is left to FastAPI's own refusal: "body: not valid JSON".) The body
    so read, its numbers exact, is kept for ``parse_case``."""
    if "json" not in request.headers.get("content-type", ""):
        return
    try:
        request.state.exact_body = loads_unique(await request.body())
    except BoundsError as err:
        raise problem(422, err.problem) from None
    except (ValueError, RecursionError):
        return


JSON_BODY = [Depends(no_key_twice)]
CaseBody = Annotated[dict[str, Any], Body(description="a Case (see docs/json-contract.md and examples/)")]
AsOf = Annotated[
    date | None,
    Query(
        ge=limits.EARLIEST_DATE,
        le=limits.LATEST_DATE,
        description=f"the date to analyse on, YYYY-MM-DD, {limits.date_range_text()} (default: today)",
    ),
]


@router.post("/analyze", responses=ERRORS, dependencies=JSON_BODY)
def analyze_endpoint(request: Request, case: CaseBody, as_of: AsOf = None, lang: Lang | None = None) -> dict[str, Any]:
    """A Case in, the decision record out (with the rendered text when ``lang`` is given)."""
    return analysis_json(analyze(parse_case(request, case), as_of_or_today(request, as_of)), lang)


@router.post("/cases", status_code=201, responses=ERRORS, dependencies=JSON_BODY)
def create_case(request: Request, case: CaseBody) -> CaseCreated:
    """Save a case; the answer holds its code."""
    return CaseCreated(id=store(request).create_case(parse_case(request, case)))


def _path_id(case_id: str) -> str:
    if not re.match(CODE_PATTERN, case_id):
        raise problem(404, "id: no case with this code")
    return case_id


@router.get("/cases/{case_id}", responses=NOT_FOUND)
def get_case(request: Request, case_id: str) -> dict[str, Any]:
    """The saved case, as its Case JSON."""
    data: dict[str, Any] = load(request, _path_id(case_id)).model_dump(mode="json", exclude_none=True)
    return data


@router.put("/cases/{case_id}", responses=NOT_FOUND, dependencies=JSON_BODY)
def put_case(request: Request, case_id: str, case: CaseBody) -> CaseCreated:
    """Replace the saved case (validated first: nothing is saved half-way)."""
    parsed = parse_case(request, case)
    if not store(request).update_case(_path_id(case_id), parsed):
        raise problem(404, "id: no case with this code")
    return CaseCreated(id=case_id)


@router.delete("/cases/{case_id}", status_code=204, responses=NOT_FOUND)
def delete_case(request: Request, case_id: str) -> Response:
    """Delete the case, its documents and its analyses."""
    if not store(request).delete_case(_path_id(case_id)):
        raise problem(404, "id: no case with this code")
    return Response(status_code=204)


def case_analysis(request: Request, case_id: str, as_of: date | None) -> tuple[Case, Analysis]:
    case = load(request, _path_id(case_id))
    result = analyze(case, as_of_or_today(request, as_of))
    store(request).record_analysis(case_id, case, result)
    return case, result


@router.get("/cases/{case_id}/analysis", responses=NOT_FOUND)
def get_analysis(request: Request, case_id: str, as_of: AsOf = None, lang: Lang | None = None) -> dict[str, Any]:
    """The decision record of the saved case (recorded with its date, product version and data hash)."""
    return analysis_json(case_analysis(request, case_id, as_of)[1], lang)


PDF = {200: {"content": {"application/pdf": {}}}, **NOT_FOUND}
ICS = {200: {"content": {"text/calendar": {}}}, **NOT_FOUND}


@router.get("/cases/{case_id}/packet.pdf", response_class=Response, responses=PDF)
def get_packet(request: Request, case_id: str, as_of: AsOf = None, lang: Lang | None = None) -> Response:
    """The packet to mail: cover, letters, forms, checklist, timeline (one PDF). Letters and forms are in English
    (they go to the IRS, a bank or an employer); the taxpayer's own pages are in ``lang`` (default English)."""
    from levynav.documents.packet import build_packet  # WeasyPrint loads only now

    case, result = case_analysis(request, case_id, as_of)
    pdf = build_packet(case, result, lang or "en").pdf
    return Response(
        pdf, media_type="application/pdf", headers={"Content-Disposition": 'attachment; filename="packet.pdf"'}
    )


@router.get("/cases/{case_id}/deadlines.ics", response_class=Response, responses=ICS)
def get_ics(request: Request, case_id: str, as_of: AsOf = None, lang: Lang | None = None) -> Response:
    """Every deadline as a calendar, with reminders 7 days and 1 day before, in ``lang`` (default English)."""
    from levynav.documents.calendar import deadlines_ics

    case, result = case_analysis(request, case_id, as_of)
    return Response(
        deadlines_ics(result, case.taxpayer.name, lang or "en"),
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="deadlines.ics"'},
    )


async def read_upload(request: Request, file: UploadFile) -> bytes:
    """The bytes of the one file sent as ``file``. Two or more files under that name were read as the last one, the
    others dropped without a word (one person's notice could be read while another's was sent with it): refused."""
    sent = len((await request.form()).getlist("file"))  # the form FastAPI already read (cached on the request)
    if sent > 1:
        raise problem(422, f"file: send one file per request ({sent} were sent); each is read on its own")
    limit = settings(request).max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise problem(413, f"file: larger than the limit of {limit} bytes")
    if not data:
        raise problem(422, "file: is empty")
    return data


def notice_reading(data: bytes, filename: str, day: date) -> dict[str, Any]:
    """What a notice file says (the reader and report of `levynav notice`)."""
    from levynav.cli.notice import notice_report
    from levynav.intake.notices import NoticeFileError, read_notice_file
    from levynav.intake.ocr import is_image

    suffix = ".pdf" if data.startswith(b"%PDF") else ".img" if is_image(data[:8]) else ".txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"notice{suffix}"
        path.write_bytes(data)
        try:
            reading = read_notice_file(path)
        except NoticeFileError as err:
            raise problem(422, "file: " + str(err).split(": ", 1)[-1]) from None
    report = notice_report(reading, day)
    report["reading"]["source"] = safe_file_name(filename)
    return report


@router.post("/intake/notice", responses=ERRORS)
async def intake_notice(request: Request, file: Annotated[UploadFile, File()], as_of: AsOf = None) -> dict[str, Any]:
    """A notice (PDF with a text layer, or text) in: the facts read, the deadlines it starts, the problems."""
    data = await read_upload(request, file)
    # the reading may take MAX_PDF_SECONDS or MAX_OCR_SECONDS: in the thread pool, never on the event loop (which
    # would stop every other request of this worker until it is done)
    return await run_in_threadpool(notice_reading, data, file.filename or "notice", as_of_or_today(request, as_of))


@router.post("/intake/transcript", responses=ERRORS)
async def intake_transcript(
    request: Request, file: Annotated[UploadFile, File()], as_of: AsOf = None
) -> dict[str, Any]:
    """An IRS account transcript (PDF or text) in: periods, events, each CSED, what could not be read."""
    from levynav.cli.transcript import report
    from levynav.intake.input_files import InputFileError
    from levynav.intake.transcript import read_transcripts

    data = await read_upload(request, file)
    day = as_of_or_today(request, as_of)

    def read() -> dict[str, Any]:  # in the thread pool: a PDF may take MAX_PDF_SECONDS to read
        suffix = ".pdf" if data.startswith(b"%PDF") else ".txt"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"transcript{suffix}"
            path.write_bytes(data)
            try:
                # labelled, as the command reads its files: a file that is no transcript (binary data, a PDF that
                # cannot be opened or has no text, an image) is refused, as `levynav transcript` and the notice
                # route refuse it; unlabelled it was a problem inside a 200 answer with no period read
                intake = read_transcripts([path], labels=[str(path)])
            except InputFileError as err:  # two taxpayers in one file, or no transcript: named by the upload's name
                raise problem(422, "file: " + str(err).replace(str(path), _safe_name(file))) from None
            out: dict[str, Any] = report(intake, day)
        # the reader names its source by path: show the uploaded file's name, not the server's temporary folder
        named: dict[str, Any] = json.loads(json.dumps(out).replace(json.dumps(str(path))[1:-1], _safe_name(file)))
        return named

    return await run_in_threadpool(read)


def _safe_name(file: UploadFile) -> str:
    return safe_file_name(file.filename or "transcript")


def safe_file_name(name: str) -> str:
    """An uploaded file's name as an answer or a page shows it: at most 100 characters of letters, digits, ``._ -``
    (a control or text-direction character, markup: ``_``), with a full SSN in it masked (``123-45-6789.pdf``)."""
    from levynav.intake.input_text import mask_tins

    return mask_tins(re.sub(r"[^A-Za-z0-9._ -]", "_", name[:100]))


_AMOUNT_PROBLEMS = {
    "not_amount": "not an amount in dollars",
    "cents": "has more than 2 decimal places (write dollars and cents)",
    "negative": "must be an amount of 0 or more",
    "too_large": f"must be at most {limits.limit_text('MAX_AMOUNT')}",
}


@router.post("/wage-exempt", responses=ERRORS, dependencies=JSON_BODY)
def wage_exempt(body: WageExemptRequest) -> dict[str, Any]:
    """The part of each paycheck a wage levy must leave (Publication 1494), with the formula."""
    from levynav.cli.wage import _as_json, levy_takes
    from levynav.core.calc import wage_exemption as we

    status = body.filing_status.replace("-", "_") if body.filing_status is not None else None  # "": refused
    try:
        result = we.exempt_amount(
            body.year, body.pay_period, status, body.dependents, body.over_65_or_blind, body.basis
        )
    except we.MissingInput as err:
        raise problem(422, f"{', '.join(err.missing)}: {err}") from None
    except (we.WageExemptionError, ValueError, KeyError) as err:
        raise problem(422, f"(input): {err}") from None
    data = _as_json(result)
    if body.take_home_pay is not None:
        try:  # as written: "12.345" and "1,50" are refused, never rounded or read as 150
            pay = written_amount(body.take_home_pay)
        except AmountTextError as err:
            raise problem(422, f"take_home_pay: {_AMOUNT_PROBLEMS[err.reason]}") from None
        data["take_home_pay"] = str(pay)
        data["levy_takes"] = str(levy_takes(pay, result.exempt_amount))
    return data


@router.post("/finances", responses=ERRORS, dependencies=JSON_BODY)
def finances(request: Request, case: CaseBody, as_of: AsOf = None) -> dict[str, Any]:
    """Income, allowable living expenses (Collection Financial Standards), disposable income and hardship."""
    from levynav.core.calc import hardship as calc_hardship
    from levynav.core.calc.expenses import FinancesInputError
    from levynav.core.calc.standards import StandardsError

    parsed = parse_case(request, case)
    day = as_of_or_today(request, as_of)
    try:
        picture = calc_hardship.financial_picture(parsed, day)
    except (FinancesInputError, StandardsError) as err:
        raise problem(422, f"finances: {err}") from None
    if picture is None:
        raise problem(422, "finances: the case has no finances section")
    section = calc_hardship.section(picture, calc_hardship.economic_hardship(parsed, picture, day))
    # the typed finances record (message references), as `levynav finances --format json` prints it
    return AbilityToPay.model_validate(section).model_dump(mode="json")


def problems_response(status: int, lines: list[str]) -> JSONResponse:
    return JSONResponse({"problems": problem_entries(lines)}, status_code=status)
