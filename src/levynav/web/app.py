"""``create_app(settings)``: the FastAPI application (pages, REST API, static files) on a store."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from levynav import __version__, lawbook
from levynav.cli.app import fault_place
from levynav.intake.field_names import field_path
from levynav.intake.load import CaseError, load_case
from levynav.store.repository import Store
from levynav.web import api, csrf, pages, words
from levynav.web.case_analysis import CaseAnalyses
from levynav.web.limits import BodyLimit
from levynav.web.settings import Settings

STATIC = Path(__file__).with_name("static")


NOT_JSON = "body: must be JSON, sent with Content-Type: application/json"
NOT_MULTIPART = "body: not a file upload that can be read (multipart/form-data with a part named file)"
NOT_AN_OBJECT = [[(("body",), kind)] for kind in ("dict_type", "model_attributes_type", "missing")]


def _problem_line(err: Any) -> str:
    if err.get("type") == "json_invalid":
        return "body: not valid JSON"
    loc = tuple(p for p in err.get("loc", ()) if p not in ("body",) or len(err.get("loc", ())) == 1)
    msg = str(err.get("msg", "is not valid")).removeprefix("Value error, ")
    if err.get("type") == "extra_forbidden":  # as a case's unknown field is said (intake/case_problems.py)
        msg = "is not a known field (check the spelling)"
    if msg.startswith("Expected UploadFile"):  # "Expected UploadFile, received: <class 'str'>": said as a person can
        msg = "must be a file (a part with a file name), not a text field"
    return f"{field_path(loc)}: {msg}"


def prepare(settings: Settings) -> Settings:
    """What the processes of one server share, made once before the workers start: the schema (migrations), the
    secret key the page tokens are signed with, and the demo case (one case, one code, whichever worker answers)."""
    store = Store(settings.url())
    try:
        store.migrate()
        csrf.load_secret(settings.data_dir)
        if settings.demo_case is not None and settings.demo_code is None:
            try:
                settings.demo_code = store.create_case(load_case(settings.demo_case))
            except CaseError:
                settings.demo_code = None
    finally:
        store.close()
    settings.demo_case = None
    return settings


def worker_app() -> FastAPI:
    """The application of one worker process of ``levynav serve --workers N`` (Uvicorn's factory)."""
    return create_app(Settings.from_worker_env())


INTERNAL_ERROR = "(server): an internal error; please report it"
_log = logging.getLogger("levynav.web")


def internal_error(request: Request, exc: Exception) -> Response:
    """The answer to an exception no handler expected: the API's problem shape or the error page, status 500. The log
    line names the kind of exception and where it was raised, never its message or traceback text (a KeyError of a
    name, a model error quoting its input: taxpayer data)."""
    _log.error(
        "internal error: %s at %s (%s %s)", type(exc).__name__, fault_place(exc), request.method, _route(request)
    )
    if request.url.path.startswith("/api/"):
        return api.problems_response(500, [INTERNAL_ERROR])
    return pages.error_page(request, 500)


def _route(request: Request) -> str:
    """The route's pattern (``/api/v1/cases/{case_id}``), not the address: a case code is a key to a case."""
    route = request.scope.get("route")
    return str(getattr(route, "path", "")) or "(no route)"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # What start-up built (the app, its routes and schemas, the law bundle) lives as long as the process: set
        # aside from the cycle collector, so that the collections an analysis's few thousand new objects trigger do
        # not walk it again each time (docs/performance.md). Undone at shutdown, unless something had frozen before.
        frozen_before = gc.get_freeze_count()
        gc.freeze()
        try:
            yield
        finally:
            if frozen_before == 0:
                gc.unfreeze()
        app.state.store.close()

    app = FastAPI(
        title="Levy Navigator",
        version=__version__,
        description="Which IRS levy-release grounds, returns and appeal routes apply, by when, and why. "
        "Not legal advice.",
        lifespan=lifespan,
    )
    store = Store(settings.url())
    store.migrate()
    app.state.store = store
    app.state.settings = settings
    app.state.secret_key = csrf.load_secret(settings.data_dir)
    lawbook.install()  # the bundle every analysis of this process uses when it is given none (api.py, interview)
    app.state.analyses = CaseAnalyses(lawbook.packaged())  # the law loaded once; one analysis per case revision
    app.state.demo_code = settings.demo_code
    if settings.demo_case is not None and settings.demo_code is None:
        try:
            app.state.demo_code = store.create_case(load_case(settings.demo_case))
        except CaseError:
            app.state.demo_code = None

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if not request.url.path.startswith("/api/"):
            return pages.unreadable_form_page(request)
        errors = exc.errors()
        ctype = request.headers.get("content-type", "")
        if "json" not in ctype and [(e.get("loc"), e.get("type")) for e in errors] in NOT_AN_OBJECT:
            return api.problems_response(422, [NOT_JSON])  # a form or text where JSON belongs
        return api.problems_response(422, [_problem_line(e) for e in errors])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") and exc.status_code == 400 and "parsing the body" in str(exc.detail):
            # FastAPI's own refusal of a body it could not decode (not UTF-8, nested past the parser's depth)
            return api.problems_response(422, ["body: not valid JSON"])
        if request.url.path.startswith("/api/") and exc.status_code == 400 and "multipart" in str(exc.detail).lower():
            # Starlette's own refusal of an upload body it could not split into its parts
            return api.problems_response(422, [NOT_MULTIPART])
        if request.url.path.startswith("/api/"):
            lines = exc.detail if isinstance(exc.detail, list) else [f"(path): {str(exc.detail).lower()}"]
            return api.problems_response(exc.status_code, lines)
        return pages.error_page(request, exc.status_code)

    @app.exception_handler(pages.CaseNeedsFix)
    async def case_needs_fix(request: Request, exc: pages.CaseNeedsFix) -> Response:
        # a stored case the checks refuse: its fix page (in the language asked for), never a 500
        lang = request.query_params.get("lang")
        return pages.redirect(f"/case/{exc.code}/fix" + (f"?lang={lang}" if lang in words.LANGS else ""))

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        start = time.perf_counter()
        try:
            response: Response = await call_next(request)
        except Exception as exc:  # a fault of the program: never its message (it may quote the case) in the log
            response = internal_error(request, exc)
        # the server's own time for the request (what bench/bench_web.py reports beside the time seen by the client)
        response.headers.setdefault("Server-Timing", f"app;dur={(time.perf_counter() - start) * 1000:.1f}")
        response.headers.setdefault("Referrer-Policy", "no-referrer")  # the case code is in the address
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(
        BodyLimit,
        json_limit=settings.max_body_bytes,
        upload_limit=settings.max_upload_bytes,
        page=lambda scope, limit: pages.too_large_page(Request(scope), limit),
    )
    return app
