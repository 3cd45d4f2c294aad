"""A notice joins a case only when it is the case's taxpayer's: the last four digits of the number the notice prints
are compared with the case's ``taxpayer.tin_last4``. Another number gets a warning and a box to tick (a joint notice
may print the spouse's number); unticked, nothing joins the case. A new case started from a notice keeps the
number's last four digits, so a later notice or transcript of someone else is caught."""

from __future__ import annotations

import html
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from levynav.intake import notice_fields
from levynav.intake.notices import read_notice_text
from levynav.web import words
from tests.web.conftest import EXAMPLES, example, with_token

LT11 = (EXAMPLES / "notices" / "lt11.txt").read_bytes()  # prints XXX-XX-0417


def _case_with_tin(client: TestClient, last4: str | None) -> str:
    data = example("bank-levy-hardship-21-day-hold.yaml")
    data["taxpayer"] = {k: v for k, v in data["taxpayer"].items() if k != "tin_last4"}
    if last4 is not None:
        data["taxpayer"]["tin_last4"] = last4
    r = client.post("/api/v1/cases", json=data)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _upload(client: TestClient, code: str, lang: str = "en") -> tuple[int, str, str | None]:
    r = client.post(f"/upload?lang={lang}", files={"file": ("lt11.txt", LT11)}, data=with_token(client, {"code": code}))
    found = re.search(r'name="payload" value="([^"]+)"', r.text)
    return r.status_code, r.text, html.unescape(found.group(1)) if found else None


def _notices(client: TestClient, code: str) -> list[dict[str, object]]:
    return list(client.get(f"/api/v1/cases/{code}").json().get("notices", []))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_notice_of_another_number_is_added_only_when_the_person_says_it_is_theirs(
    client: TestClient, app: FastAPI, lang: str
) -> None:
    code = _case_with_tin(client, "9999")
    before = _notices(client, code)
    status, page, payload = _upload(client, code, lang)
    warning = words.t("error_other_taxpayer", lang, notice="0417", case="9999")
    assert status == 200 and payload is not None
    assert html.escape(warning, quote=True) in page or warning in html.unescape(page)
    assert 'name="same_taxpayer"' in page and "required" in page

    refused = client.post(f"/upload/confirm?lang={lang}", data=with_token(client, {"payload": payload, "code": code}))
    assert refused.status_code == 422 and warning in html.unescape(refused.text)
    assert _notices(client, code) == before  # nothing joined the case

    confirm = {"payload": payload, "code": code, "same_taxpayer": "yes"}
    done = client.post(f"/upload/confirm?lang={lang}", data=with_token(client, confirm))
    assert done.status_code == 303
    after = client.get(f"/api/v1/cases/{code}").json()
    assert len(after["notices"]) == len(before) + 1 and after["notices"][-1]["type"] == "LT11"
    assert after["taxpayer"]["tin_last4"] == "9999"  # the case's own number is kept


def test_a_notice_of_the_case_number_joins_without_a_warning(client: TestClient) -> None:
    code = _case_with_tin(client, "0417")
    before = _notices(client, code)
    status, page, payload = _upload(client, code)
    assert status == 200 and payload is not None
    assert 'id="other-taxpayer"' not in page and 'name="same_taxpayer"' not in page
    done = client.post("/upload/confirm", data=with_token(client, {"payload": payload, "code": code}))
    assert done.status_code == 303 and len(_notices(client, code)) == len(before) + 1


def test_a_case_without_a_number_takes_the_notice_number(client: TestClient) -> None:
    code = _case_with_tin(client, None)
    _, page, payload = _upload(client, code)
    assert payload is not None and 'id="other-taxpayer"' not in page
    assert (
        client.post("/upload/confirm", data=with_token(client, {"payload": payload, "code": code})).status_code == 303
    )
    assert client.get(f"/api/v1/cases/{code}").json()["taxpayer"]["tin_last4"] == "0417"


def test_a_new_case_from_a_notice_keeps_its_number(client: TestClient) -> None:
    _, _, payload = _upload(client, "")
    assert payload is not None
    done = client.post("/upload/confirm", data=with_token(client, {"payload": payload, "code": ""}))
    code = done.headers["location"].split("/")[2]
    assert client.get(f"/api/v1/cases/{code}").json()["taxpayer"]["tin_last4"] == "0417"


@pytest.mark.parametrize("tins", [["12345"], "0417", [417], ["0417"] * 5, [None], {"a": 1}])
def test_a_payload_with_numbers_not_as_written_is_refused_whole(client: TestClient, tins: object) -> None:
    code = _case_with_tin(client, "0417")
    before = _notices(client, code)
    _, _, payload = _upload(client, code)
    assert payload is not None
    import json

    raw = json.loads(payload)
    raw["tins"] = tins
    r = client.post("/upload/confirm", data=with_token(client, {"payload": json.dumps(raw), "code": code}))
    assert r.status_code == 422 and _notices(client, code) == before


# ---------------------------------------------------------------- the reader


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Social Security number  XXX-XX-0417", ["0417"]),
        ("Taxpayer ID number: XX-XXX0962", ["0962"]),
        ("Employer ID       XX-XXX4410", ["4410"]),
        ("IDENTIFYING NUMBER(S): XXX-XX-2286", ["2286"]),
        ("SSN: ***-**-1234", ["1234"]),
        ("Social Security number\nXXX-XX-5120", ["5120"]),  # the number on the next line
        ("Social Security number: 123-45-6789", ["6789"]),  # a full number is masked first, then read
        ("Social Security numbers XXX-XX-1111\nSpouse's SSN XXX-XX-2222", ["1111", "2222"]),
        ("Social Security number XXX-XX-1111\nSocial Security number XXX-XX-1111", ["1111"]),
        ("Amount you owe $1,234.56\nCall 800-829-1040", []),  # no label: a phone number is not a TIN
        ("Social Security number (not printed)", []),
        ("Social Security benefits 2024-01-15", []),
    ],
)
def test_the_reader_finds_the_printed_numbers_by_their_last_four_digits(text: str, expected: list[str]) -> None:
    assert [t.last4 for t in read_notice_text(text).tins] == expected


def test_every_example_notice_prints_one_number_and_it_is_read() -> None:
    for path in sorted((EXAMPLES / "notices").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        found = notice_fields.tin_last4(lines)
        assert len(found) == 1, path.name
        assert found[0].last4 in lines[found[0].line - 1], path.name
