"""Request body size limit (ASGI middleware): a body over the limit gets 413 before the app reads it: JSON problems
for the API, a page in the person's language for the pages (``page``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TooLargePage = Callable[[Scope, int], Response]


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: ASGIApp, json_limit: int, upload_limit: int, page: TooLargePage | None = None) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit
        self.page = page  # the refusal of a page's form (not under /api/): a page, not JSON

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type", b"").decode("latin-1")
        limit = self.upload_limit if ctype.startswith("multipart/") else self.json_limit
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, receive, send, limit)
            return
        seen = 0
        over = False  # a body sent without its length (chunked) went past the limit
        answered = False

        async def limited() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    raise BodyTooLarge
            return message

        async def guarded(message: Message) -> None:
            # FastAPI reads the body within its own `except Exception` and answers a cut body as one it could not
            # parse ("body: not valid JSON"): once the limit is passed, that answer is replaced by the 413
            nonlocal answered
            if over:
                if not answered:
                    answered = True
                    await self._too_large(scope, receive, send, limit)
                return
            if message["type"] == "http.response.start":
                answered = True
            await send(message)

        try:
            await self.app(scope, limited, guarded)
        except BodyTooLarge:
            if not answered:
                await self._too_large(scope, receive, send, limit)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        if self.page is not None and not str(scope.get("path", "")).startswith("/api/"):
            await self.page(scope, limit)(scope, receive, send)
        else:
            await _too_large(send, limit)


async def _too_large(send: Send, limit: int) -> None:
    body: dict[str, Any] = {"problems": [{"field": "(body)", "message": f"larger than the limit of {limit} bytes"}]}
    raw = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": raw})
