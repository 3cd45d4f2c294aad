"""Reading an upload never runs on the server's event loop (audit 2026-12-07, round 2).

A notice or a transcript may take its reader up to MAX_PDF_SECONDS or MAX_OCR_SECONDS. The three upload endpoints are
``async``: they read the file on the event loop itself, so one slow upload stopped every other request of the worker
(each page, each API call) until it was read — a hang for every other person. The reading now runs in the worker's
thread pool; the test records where it ran.
"""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import with_token

TEXT = b"Notice LT11\nNotice date June 2, 2025\n"


def _on_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.mark.parametrize("route", ["/api/v1/intake/notice", "/api/v1/intake/transcript", "/upload"])
def test_the_reading_of_an_upload_runs_off_the_event_loop(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    from levynav.intake import notices, transcript

    where: list[bool] = []
    read_notice, read_transcripts = notices.read_notice_file, transcript.read_transcripts

    def notice_spy(*args: object, **kwargs: object) -> object:
        where.append(_on_loop())
        return read_notice(*args, **kwargs)  # type: ignore[arg-type]

    def transcript_spy(*args: object, **kwargs: object) -> object:
        where.append(_on_loop())
        return read_transcripts(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(notices, "read_notice_file", notice_spy)
    monkeypatch.setattr(transcript, "read_transcripts", transcript_spy)
    data = with_token(client) if route == "/upload" else None
    answer = client.post(route, files={"file": ("n.txt", TEXT, "text/plain")}, data=data)
    assert answer.status_code < 500, answer.text
    assert where == [False]
