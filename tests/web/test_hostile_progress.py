"""Hostile input, round 2: the interview's forms sent again and again (the back button, a double click, a script).

Each "I don't know" and each confirmed notice added its question to the case's progress once more: a question
skipped twice was listed twice on the review page, and a client sending the same form in a loop grew the stored case
without bound (every later page read it whole). Sent again, a form now changes nothing more.
"""

from __future__ import annotations

import json

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import with_token


def _start(client: TestClient) -> str:
    return client.post("/start", data=with_token(client, {"kind": "individual"})).headers["location"].split("/")[2]


def _progress(app: FastAPI, code: str) -> dict[str, list[str]]:
    stored = app.state.store.get_case(code)
    assert stored is not None
    return stored.progress


def test_a_question_skipped_again_and_again_is_kept_once(client: TestClient, app: FastAPI) -> None:
    code = _start(client)
    path = "circumstances.household_size"
    for _ in range(20):
        response = client.post(f"/case/{code}/q", params={"path": path}, data=with_token(client, {"action": "skip"}))
        assert response.status_code == 303
    progress = _progress(app, code)
    assert progress["skipped"].count(path) == 1, progress
    review = client.get(f"/case/{code}/review")
    assert review.status_code == 200
    assert review.text.count(f"/case/{code}/q?path={path}") == 1


def test_a_question_answered_after_a_skip_then_skipped_again_is_kept_once(client: TestClient, app: FastAPI) -> None:
    code = _start(client)
    path = "circumstances.household_size"
    client.post(f"/case/{code}/q", params={"path": path}, data=with_token(client, {"action": "skip"}))
    client.post(f"/case/{code}/q", params={"path": path}, data=with_token(client, {"value": "3"}))
    client.post(f"/case/{code}/q", params={"path": path}, data=with_token(client, {"action": "skip"}))
    client.post(f"/case/{code}/q", params={"path": path}, data=with_token(client, {"action": "skip"}))
    progress = _progress(app, code)
    assert [*progress.get("answered", []), *progress.get("skipped", [])].count(path) <= 2, progress
    assert progress["skipped"].count(path) == 1 and progress["answered"].count(path) <= 1, progress


def test_notices_confirmed_again_and_again_are_one_answered_question(client: TestClient, app: FastAPI) -> None:
    code = _start(client)
    payload = json.dumps({"notice": {"type": "CP504", "notice_date": "2026-11-02"}, "levy": None})
    for _ in range(5):
        response = client.post("/upload/confirm", data=with_token(client, {"payload": payload, "code": code}))
        assert response.status_code == 303, response.text[:300]
    progress = _progress(app, code)
    assert progress["answered"].count("notices") == 1, progress
