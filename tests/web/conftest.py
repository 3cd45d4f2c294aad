"""Fixtures of the web tests: an app on a fresh SQLite file, its test client, examples as JSON."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from levynav import load_case
from levynav.web import Settings, create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
AS_OF = date(2026, 11, 23)  # the examples' dates are set around this day


TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def with_token(client: TestClient, data: dict[str, str] | None = None) -> dict[str, str]:
    """Form data with the CSRF token of the client's session, as a browser sends it from a page it opened (opening
    the page sets the session cookie)."""
    found = TOKEN.search(client.get("/").text)
    assert found is not None
    return {**(data or {}), "csrf_token": found.group(1)}


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load_case(EXAMPLES / name).model_dump(mode="json", exclude_none=True)
    return data


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return create_app(
        Settings(data_dir=tmp_path / "data", as_of=AS_OF, max_body_bytes=200_000, max_upload_bytes=100_000)
    )


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    with TestClient(app, follow_redirects=False) as c:
        return c
