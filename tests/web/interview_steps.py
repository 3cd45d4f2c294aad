"""Steps of the web interview that the page tests share: start a case in a language, answer a question, read a page
as a person reads it (the words without the markup)."""

from __future__ import annotations

import html
import re
from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import with_token

WAGE_LEVY = {"items": "0", "item.kind": "wages", "item.served_date": "2026-11-10", "item.holder": "Acme Corp"}


def page_text(page: str) -> str:
    """The page's words, tags removed and spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def start_case(client: TestClient, lang: str) -> str:
    """A new individual's case, begun in ``lang``: its code."""
    client.get(f"/?lang={lang}")
    r = client.post("/start", data=with_token(client, {"kind": "individual"}))
    return str(r.headers["location"]).split("/")[2]


def answer(client: TestClient, code: str, path: str, data: dict[str, str]) -> Any:
    """The response to answering the question at ``path`` with ``data``."""
    return client.post(f"/case/{code}/q?path={path}", data=with_token(client, {"action": "answer", **data}))
