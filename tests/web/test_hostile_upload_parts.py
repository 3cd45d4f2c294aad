"""Upload bodies of several parts (round 3): two files sent under ``file`` were read as the last one and the others
dropped without a word — one person's notice read while another's was sent with it, on the API and the upload page.
A text field where the file belongs was refused in Python's words ("Expected UploadFile, received: <class 'str'>").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import with_token
from tests.web.test_hostile_requests import problems

NOTICE = next((Path(__file__).resolve().parents[2] / "examples" / "notices").glob("*.txt")).read_bytes()
ROUTES = ["/api/v1/intake/notice", "/api/v1/intake/transcript"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("count", [2, 5])
def test_several_files_under_one_name_are_refused(client: TestClient, route: str, count: int) -> None:
    files = [("file", (f"n{i}.txt", NOTICE, "text/plain")) for i in range(count)]
    assert problems(client.post(route, files=files)) == [
        f"file: send one file per request ({count} were sent); each is read on its own"
    ]


@pytest.mark.parametrize("route", ROUTES)
def test_a_text_field_where_the_file_belongs_is_named(client: TestClient, route: str) -> None:
    found = problems(client.post(route, data={"file": "hello"}))
    assert found == ["file: must be a file (a part with a file name), not a text field"]
    found = problems(client.post(route, files=[("file", ("", NOTICE, "text/plain"))]))  # no file name: a text part
    assert found == ["file: must be a file (a part with a file name), not a text field"]


@pytest.mark.parametrize("route", ROUTES)
def test_one_file_with_other_parts_beside_it_is_read(client: TestClient, route: str) -> None:
    files = [("file", ("n.txt", NOTICE, "image/png")), ("other", ("x.txt", b"x", "text/plain"))]
    response = client.post(route, files=files, data={"note": "x"})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(("lang", "words"), [("en", "Send one notice at a time"), ("es", "Envíe un aviso a la vez")])
def test_the_upload_page_refuses_several_files_in_the_persons_language(
    client: TestClient, lang: str, words: str
) -> None:
    files = [("file", ("a.txt", NOTICE, "text/plain")), ("file", ("b.txt", NOTICE, "text/plain"))]
    page = client.post(f"/upload?lang={lang}", data=with_token(client, {"code": ""}), files=files)
    assert page.status_code == 422 and words in page.text
