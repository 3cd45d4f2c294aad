"""An upload body that is not valid multipart data: a 422 whose problem names the body, like every other refusal of
the REST API (found by tests/fuzz/drive_web.py: it was a 400 "Invalid multipart data." naming nothing)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("route", ["/api/v1/intake/notice", "/api/v1/intake/transcript"])
@pytest.mark.parametrize("body", [b"hello", b"--zz\r\nbroken", b"\xff\xfe\x00"])
def test_a_body_that_is_not_multipart_names_the_body(client: TestClient, route: str, body: bytes) -> None:
    r = client.post(route, content=body, headers={"content-type": "multipart/form-data; boundary=zz"})
    assert r.status_code == 422, r.text
    problems = r.json()["problems"]
    assert len(problems) == 1 and problems[0]["field"] in {"body", "file"} and problems[0]["message"], problems


def test_an_upload_without_its_file_names_the_file(client: TestClient) -> None:
    r = client.post("/api/v1/intake/notice", files={"other": ("a.txt", b"x", "text/plain")})
    assert r.status_code == 422 and r.json()["problems"] == [{"field": "file", "message": "Field required"}], r.text
