"""A fault of the program answers a clear 500 and logs no taxpayer data (audit 2026-12-07, round 2).

An exception no handler expected was answered "Internal Server Error" in plain text, and the server logged its
traceback — with the exception's message, which may quote the case (a name, an amount: a KeyError of a name, a
model error with its input). It is now answered in the API's own shape (or the error page) and logged as one line:
the kind of the exception and where in levynav it was raised, never its message.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from levynav.web import Settings, create_app

SECRET = "Robin Secret 123-45-6789"


def _boom(*args: object, **kwargs: object) -> object:
    raise KeyError(SECRET)


def test_a_fault_is_a_500_in_the_apis_shape_and_a_log_line_without_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from levynav.web import api

    monkeypatch.setattr(api, "analyze", _boom)
    app = create_app(Settings(data_dir=tmp_path / "data", as_of=date(2026, 11, 23)))
    with caplog.at_level(logging.DEBUG), TestClient(app, raise_server_exceptions=False) as client:
        answer = client.post("/api/v1/analyze", json={"taxpayer": {"kind": "individual", "name": "Robin Secret"}})
        page = client.get("/case/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/result")
    assert answer.status_code == 500
    assert answer.json() == {"problems": [{"field": "(server)", "message": "an internal error; please report it"}]}
    assert SECRET not in answer.text
    assert page.status_code in (404, 500) and SECRET not in page.text
    logged = "\n".join(r.getMessage() + str(r.exc_info or "") + str(r.exc_text or "") for r in caplog.records)
    assert "KeyError" in logged and "api.py" in logged
    assert SECRET not in logged and "123-45-6789" not in logged
