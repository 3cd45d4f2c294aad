"""A body sent without its length (chunked) past the limit is refused as too large (audit 2026-12-07, round 2).

The limit read the declared Content-Length; a body sent in chunks was counted as it came and cut at the limit — and
FastAPI read the cut as a body it could not parse: the answer was 422 "body: not valid JSON" (an upload too), which
names the wrong problem. It is now the same 413 naming the limit as a declared length gets.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient


def _json_body(size: int) -> Iterator[bytes]:
    yield b'{"taxpayer": {"kind": "individual", "name": "'
    for _ in range(size // 1000):
        yield b"a" * 1000
    yield b'"}}'


def _upload_body(size: int) -> Iterator[bytes]:
    yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="n.txt"\r\nContent-Type: text/plain\r\n\r\n'
    for _ in range(size // 1000):
        yield b"a" * 1000
    yield b"\r\n--b--\r\n"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/api/v1/analyze", "json"),
        ("/api/v1/cases", "json"),
        ("/api/v1/intake/notice", "upload"),
        ("/api/v1/intake/transcript", "upload"),
    ],
)
def test_a_chunked_body_over_the_limit_is_413(client: TestClient, url: str, kind: str) -> None:
    if kind == "json":
        answer = client.post(url, content=_json_body(300_000), headers={"content-type": "application/json"})
    else:
        answer = client.post(
            url, content=_upload_body(200_000), headers={"content-type": "multipart/form-data; boundary=b"}
        )
    assert answer.status_code == 413, answer.text
    assert answer.json()["problems"][0]["field"] == "(body)"


def test_a_chunked_body_under_the_limit_is_read(client: TestClient) -> None:
    answer = client.post("/api/v1/analyze", content=_json_body(10_000), headers={"content-type": "application/json"})
    assert answer.status_code == 200, answer.text
