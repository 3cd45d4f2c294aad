"""Hostile requests to every form and API endpoint: wrong content types, bad and oversized bodies, a key given twice,
true/false for a number, forms without their token or with another session's, unknown and traversing case codes.

The promise: a 4xx with a message (API: a "problems" list whose lines name the field; pages: a page in the person's
language), never a 5xx, and nothing stored from a refused request. A case is reached by its code alone (ADR 0011):
a code that is not a stored case's — malformed, traversing, one character off — is the same 404 as any other, and
says nothing of the cases that exist.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import with_token

FEW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
MINIMAL = {"taxpayer": {"kind": "individual"}}
JSON_ENDPOINTS = [
    ("post", "/api/v1/analyze"),
    ("post", "/api/v1/cases"),
    ("post", "/api/v1/finances"),
    ("post", "/api/v1/wage-exempt"),
]
UPLOAD_ENDPOINTS = ["/api/v1/intake/notice", "/api/v1/intake/transcript"]


def problems(response: Any) -> list[str]:
    """The problems of a refusal as "field: message" lines (the API answers ``{"field", "message"}`` entries)."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])
    body = response.json()
    entries = body["problems"]
    assert entries and all(set(e) == {"field", "message"} for e in entries), body
    assert all(isinstance(e["field"], str) and e["field"] and isinstance(e["message"], str) for e in entries), body
    assert "Traceback" not in response.text
    return [f"{e['field']}: {e['message']}" for e in entries]


def stored_cases(app: FastAPI) -> int:
    from sqlalchemy import text

    with app.state.store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM cases")).scalar_one())


BAD_BODIES: dict[str, tuple[bytes, str]] = {
    "text_plain": (json.dumps(MINIMAL).encode(), "text/plain"),
    "form": (b"taxpayer=individual", "application/x-www-form-urlencoded"),
    "xml": (b"<case><taxpayer kind='individual'/></case>", "application/xml"),
    "no_type": (json.dumps(MINIMAL).encode(), ""),
    "bad_json": (b'{"taxpayer": {"kind": "individual"', "application/json"),
    "not_utf8": (b'{"taxpayer": "\xff\xfe"}', "application/json"),
    "deep": (b"[" * 50_000, "application/json"),
    "deep_objects": (b'{"a":' * 3000 + b"1" + b"}" * 3000, "application/json"),
    "huge_int": (b'{"taxpayer": {"kind": "individual"}, "year": 1' + b"0" * 5000 + b"}", "application/json"),
    "array": (b"[1, 2]", "application/json"),
    "null": (b"null", "application/json"),
    "string": (b'"case"', "application/json"),
    "empty": (b"", "application/json"),
    "nul": (b'{"taxpayer": {"kind": "individual\x00"}}', "application/json"),
    "twice": (b'{"taxpayer": {"kind": "individual"}, "taxpayer": {"kind": "business"}}', "application/json"),
    "twice_inside": (b'{"taxpayer": {"kind": "individual", "kind": "business"}}', "application/json"),
}


@pytest.mark.parametrize("name", sorted(BAD_BODIES))
@pytest.mark.parametrize(("method", "url"), JSON_ENDPOINTS)
def test_a_bad_body_gets_a_4xx_naming_what_is_wrong(
    client: TestClient, app: FastAPI, method: str, url: str, name: str
) -> None:
    raw, ctype = BAD_BODIES[name]
    headers = {"content-type": ctype} if ctype else {}
    before = stored_cases(app)
    response = client.request(method, url, content=raw, headers=headers)
    lines = problems(response)
    assert stored_cases(app) == before
    if name.startswith("twice"):
        assert lines == ["taxpayer: the key is given twice in the same mapping"] or lines == [
            "taxpayer.kind: the key is given twice in the same mapping"  # by its whole path (audit 2026-12-07, round 2)
        ], lines
    if name in ("text_plain", "form", "xml", "no_type"):
        assert lines == ["body: must be JSON, sent with Content-Type: application/json"], lines


def test_a_json_body_with_a_byte_order_mark_is_read_as_without(client: TestClient) -> None:
    plain = client.post(
        "/api/v1/analyze", content=json.dumps(MINIMAL).encode(), headers={"content-type": "application/json"}
    )
    bom = b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode()
    marked = client.post("/api/v1/analyze", content=bom, headers={"content-type": "application/json"})
    assert plain.status_code == marked.status_code == 200 and plain.json() == marked.json()


@pytest.mark.parametrize(("method", "url"), JSON_ENDPOINTS)
def test_a_body_over_the_limit_is_413_before_it_is_read(client: TestClient, method: str, url: str) -> None:
    body = json.dumps({**MINIMAL, "x": "y" * 300_000}).encode()
    response = client.request(method, url, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413 and problems(response) == ["(body): larger than the limit of 200000 bytes"]


@pytest.mark.parametrize("url", UPLOAD_ENDPOINTS)
def test_an_upload_endpoint_refuses_json_a_missing_file_an_empty_one_and_one_too_large(
    client: TestClient, url: str
) -> None:
    assert problems(client.post(url, json=MINIMAL)) == ["file: Field required"]
    assert problems(client.post(url, files={"other": ("a.txt", b"text")})) == ["file: Field required"]
    assert problems(client.post(url, files={"file": ("a.txt", b"")})) == ["file: is empty"]
    too_large = client.post(url, files={"file": ("a.txt", b"x" * 150_000)})
    assert too_large.status_code == 413
    for raw in (b"\x00" * 64, b"%PDF-1.7\n" + bytes(range(256)) * 8, b"\xff\xd8\xff" + b"\x00" * 100):
        response = client.post(url, files={"file": ("../../etc/passwd", raw)})
        assert response.status_code in (200, 422), response.text[:300]
        assert "/etc/passwd" not in response.text and "Traceback" not in response.text


def test_true_or_false_is_not_a_year_a_count_or_a_household(client: TestClient) -> None:
    """The web API reads numbers as the case model does: pydantic alone would read true as 1."""
    wage = {"year": 2026, "pay_period": "weekly", "filing_status": "single", "dependents": 1}
    for field in ("year", "dependents", "over_65_or_blind"):
        lines = problems(client.post("/api/v1/wage-exempt", json={**wage, field: True}))
        assert lines == [f"{field}: must be a number, not true or false"], lines
    case = {**MINIMAL, "circumstances": {"household_size": True}}
    for url in ("/api/v1/analyze", "/api/v1/cases", "/api/v1/finances"):
        lines = problems(client.post(url, json=case))
        assert lines == ["circumstances.household_size: must be a number, not true or false"], lines


TRAVERSING = [  # (a bare ".." is resolved by the client itself: /case/.. is the home page)
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fdata%2fsecret.key",
    "....//....//etc/passwd",
    "a" * 30 + "%00",
    "a" * 5000,
    "%E2%80%AEabcdefghijklmnopqrstuvwxyz",  # a right-to-left mark
    "１２３４５６７８９０１２３４５６７８９０１２",  # full-width digits
    "secret.key",
]


def test_a_code_that_is_not_a_stored_case_is_the_same_404_everywhere(client: TestClient, app: FastAPI) -> None:
    real = client.post("/api/v1/cases", json=MINIMAL).json()["id"]
    near = real[:-1] + ("A" if real[-1] != "A" else "B")  # one character off: another case, or none
    for code in [*TRAVERSING, near]:
        for method, path in [
            ("get", f"/api/v1/cases/{code}"),
            ("get", f"/api/v1/cases/{code}/analysis"),
            ("get", f"/api/v1/cases/{code}/deadlines.ics"),
            ("delete", f"/api/v1/cases/{code}"),
        ]:
            response = client.request(method, path)
            assert response.status_code == 404, (path, response.status_code)
            assert real not in response.text and "individual" not in response.text
        put = client.put(f"/api/v1/cases/{code}", json=MINIMAL)
        assert put.status_code in (404, 422) and real not in put.text
        for path in (f"/case/{code}", f"/case/{code}/result", f"/case/{code}/review", f"/case/{code}/q?path=x"):
            response = client.get(path)
            assert response.status_code == 404, (path, response.status_code)
            assert real not in response.text
    assert client.get(f"/api/v1/cases/{real}").status_code == 200  # nothing above touched the real case
    for path in ("/static/../secret.key", "/static/..%2fsecret.key", "/static/%2e%2e/%2e%2e/data/secret.key"):
        response = client.get(path)
        assert response.status_code == 404 and app.state.secret_key.decode() not in response.text


def test_a_form_posted_by_another_session_or_without_its_token_changes_nothing(
    client: TestClient, app: FastAPI
) -> None:
    """Browser A's case code is a secret A holds; browser B's session token does not open A's forms, a form
    without a token or with a form posted as JSON is 403, and nothing is stored."""
    data = with_token(client, {"kind": "individual"})
    code = client.post("/start", data=data).headers["location"].split("/")[2]
    before = client.get(f"/api/v1/cases/{code}").json()
    with TestClient(app, follow_redirects=False) as other:
        other_token = with_token(other)["csrf_token"]
        assert other_token != data["csrf_token"]
        posts = [
            ("/start", {"kind": "business"}),
            ("/resume", {"code": code}),
            (f"/case/{code}/q?path=taxpayer.name", {"value": "Mallory"}),
            (f"/case/{code}/seen", {"page": "meaning"}),
            ("/upload/confirm", {"payload": json.dumps({"notice": {"type": "LT11"}}), "code": code}),
        ]
        count = stored_cases(app)
        for url, form in posts:
            for sent in (
                form,  # no token
                {**form, "csrf_token": data["csrf_token"]},  # A's token from B's session
                {**form, "csrf_token": "0" * 64},
            ):
                assert other.post(url, data=sent).status_code == 403, url
            assert other.post(url, json={**form, "csrf_token": other_token}).status_code == 403, url
            assert client.post(url, data=form).status_code == 403, url  # A's own session, token missing
        assert stored_cases(app) == count
    assert client.get(f"/api/v1/cases/{code}").json() == before


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "null",
        "[]",
        '"x"',
        '{"notice": [1]}',
        '{"notice": {}, "levy": 5}',
        '{"notice": {}, "levy": [1]}',
        '{"notice": {"notice_date": 0}}',
        '{"notice": {"notice_date": "9999-12-31"}}',
        '{"notice": {"type": "LT11", "amount_due": true}}',
        '{"notice": {"type": "LT11"}, "levy": {"kind": "bank", "exemption_dependents": true}}',
        "[" * 10_000,
        '{"notice": ' * 2000 + "1" + "}" * 2000,
    ],
)
def test_a_tampered_confirmation_is_refused_whole(client: TestClient, app: FastAPI, payload: str) -> None:
    """The notice-confirmation form carries what the reader found in a hidden field; a payload this server did not
    write is the upload page again with a message (422), never a server error, and nothing is stored."""
    count = stored_cases(app)
    response = client.post("/upload/confirm", data=with_token(client, {"payload": payload}))
    assert response.status_code == 422, response.status_code
    assert "<html" in response.text and "Traceback" not in response.text
    assert stored_cases(app) == count


def test_a_confirmation_that_would_push_the_case_past_a_limit_is_refused(client: TestClient, app: FastAPI) -> None:
    from levynav.core.model import limits

    many = {**MINIMAL, "notices": [{"type": "LT11"}] * limits.MAX_LIST_ITEMS}
    code = client.post("/api/v1/cases", json=many).json()["id"]
    payload = json.dumps({"notice": {"type": "LT11"}})
    response = client.post("/upload/confirm", data=with_token(client, {"payload": payload, "code": code}))
    assert response.status_code == 422
    assert len(client.get(f"/api/v1/cases/{code}").json()["notices"]) == limits.MAX_LIST_ITEMS


FORM_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "\x00", "\u202e", "1e999", "NaN", "-1", "9" * 400, "<script>", "{{ 7*7 }}", "true"]),
)


@FEW
@given(
    path=st.one_of(st.sampled_from(["taxpayer.name", "levies", "circumstances.household_size"]), FORM_TEXT),
    value=FORM_TEXT,
)
def test_any_answer_to_any_question_path_is_a_page_not_a_server_error(
    client: TestClient, path: str, value: str
) -> None:
    code = client.post("/start", data=with_token(client, {"kind": "individual"})).headers["location"].split("/")[2]
    response = client.post(f"/case/{code}/q", params={"path": path}, data=with_token(client, {"value": value}))
    assert response.status_code in (303, 404, 422), (path, value, response.status_code)
    assert "Traceback" not in response.text
    if response.status_code != 303:
        assert "<html" in response.text
    if value == "<script>":
        assert "<script>" not in response.text  # the answer is shown back escaped, never as markup


UPLOADED = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            b"\xef\xbb\xbfNotice LT11\nNotice date: November 2, 2026\n",
            "Notice LT11\n\u202eNotice date: ٢٠٢٦-١١-٠٢\n".encode(),
            b"%PDF-1.7\n%%EOF",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
            b"\xff\xfe" + "Notice LT11".encode("utf-16-le"),
            b"<script>alert(1)</script>",
        ]
    ),
)


@FEW
@given(raw=UPLOADED, name=st.sampled_from(["n.txt", "n.pdf", "../../n.png", "", "n\x00.txt", "ñ" * 300]))
def test_any_uploaded_file_is_read_or_refused_on_every_upload(client: TestClient, raw: bytes, name: str) -> None:
    for url in UPLOAD_ENDPOINTS:
        response = client.post(url, files={"file": (name, raw)})
        assert response.status_code in (200, 413, 422), (url, response.status_code, response.text[:300])
        if response.status_code != 200:
            problems(response)
    page = client.post("/upload", data=with_token(client), files={"file": (name, raw)})
    assert page.status_code in (200, 413, 422), page.status_code
    assert "<html" in page.text and "Traceback" not in page.text and "<script>alert" not in page.text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_upload_form_sent_without_a_file_is_the_upload_page_again(client: TestClient, lang: str) -> None:
    """It was the API's JSON ("file: Field required") on a page."""
    response = client.post(f"/upload?lang={lang}", data=with_token(client, {"code": ""}))
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert f'lang="{lang}"' in response.text and "problems" not in response.text


def test_a_stored_case_that_no_longer_passes_the_checks_is_refused_by_field_not_a_server_error(
    client: TestClient, app: FastAPI
) -> None:
    """A case saved before this version's checks (here: a right-to-left override in the name) stays stored as it
    is; the API names the field, the pages send the person to the case's fix page, and nothing is a 500."""
    from sqlalchemy import text

    code = client.post("/api/v1/cases", json={"taxpayer": {"kind": "individual", "name": "Ana"}}).json()["id"]
    stored = json.dumps({"taxpayer": {"kind": "individual", "name": "Ana \u202eRuiz"}})
    with app.state.store.engine.begin() as conn:
        conn.execute(text("UPDATE cases SET data = :data WHERE id = :id"), {"data": stored, "id": code})
    for path in (f"/api/v1/cases/{code}", f"/api/v1/cases/{code}/analysis"):
        assert problems(client.get(path)) == [
            "taxpayer.name: holds a control character (a terminal, text-direction or NUL code); remove it"
        ]
    for path in (f"/case/{code}", f"/case/{code}/result", f"/case/{code}/review"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["location"] == f"/case/{code}/fix"
    fix = client.get(f"/case/{code}/fix")
    assert fix.status_code == 200 and "\u202e" not in fix.text  # the name offered again without the override
    assert 'value="Ana Ruiz"' in fix.text


@pytest.mark.parametrize("written", ["1٠5", "٣", "²", "１"])
def test_an_answer_in_other_digits_is_asked_again_not_read(client: TestClient, written: str) -> None:
    """The interview read "1٠5" (the Arabic-Indic zero looks like a point) as $105 and "٣" as a household of 3."""
    code = client.post("/start", data=with_token(client, {"kind": "individual"})).headers["location"].split("/")[2]
    for path in ("finances.housing", "circumstances.household_size"):
        response = client.post(f"/case/{code}/q", params={"path": path}, data=with_token(client, {"value": written}))
        assert response.status_code == 422, (path, response.status_code)
    case = client.get(f"/api/v1/cases/{code}").json()
    assert "housing" not in case.get("finances", {}) and "household_size" not in case["circumstances"]
    wage = {"year": 2026, "pay_period": "weekly", "take_home_pay": written}
    digits = re.fullmatch(r"[\d.,]+", written) is not None  # "²" is not a digit to the pattern, only to isdigit()
    reason = "a number must be written with the digits 0-9" if digits else "not an amount in dollars"
    assert problems(client.post("/api/v1/wage-exempt", json=wage)) == [f"take_home_pay: {reason}"]
