"""The interview's way back: the back link goes to the question shown just before (answered, or skipped with "I don't
know"; never one the interview did not ask), in the order first shown; an item added to a list is added once even when
its form is sent again (the browser's back button, then Continue); a list already added to can be left with its boxes
empty; and no page is kept in a cache."""

from __future__ import annotations

import re
from urllib.parse import unquote

from fastapi import FastAPI
from fastapi.testclient import TestClient

from levynav.web import words
from tests.web.conftest import with_token

LEVY = {"item.kind": "bank", "item.served_date": "2026-11-12", "item.holder": "First Bank"}


def _start(client: TestClient) -> str:
    r = client.post("/start", data=with_token(client, {"kind": "individual"}))
    return str(r.headers["location"]).split("/")[2]


def _back(client: TestClient, url: str) -> str:
    found = re.search(
        r'<a class="usa-link" href="([^"]+)">' + re.escape(words.t("button_back", "en")), client.get(url).text
    )
    assert found is not None, url
    return unquote(found.group(1).replace("&amp;", "&"))


def _post(client: TestClient, code: str, path: str, data: dict[str, str]) -> str:
    r = client.post(f"/case/{code}/q", params={"path": path}, data=with_token(client, data))
    assert r.status_code == 303, r.text[:300]
    return str(r.headers["location"])


def test_the_back_link_follows_the_order_the_questions_were_shown(client: TestClient) -> None:
    code = _start(client)
    assert _back(client, f"/case/{code}/q?path=levies") == f"/case/{code}/code"  # the first question: the code page
    after_levy = _post(client, code, "levies", LEVY)
    assert "path=notices" in after_levy
    assert _back(client, f"/case/{code}/q?path=notices") == f"/case/{code}/q?path=levies"
    # the notices are skipped ("I don't know"): they were shown, so the next question's back link goes to them
    _post(client, code, "notices", {"action": "skip"})
    third = f"/case/{code}/q?path=levies[0].owner"
    assert _back(client, third) == f"/case/{code}/q?path=notices"
    # going back to the levy and changing it does not make it "the one before" the later questions
    _post(client, code, "levies[0].holder", {"value": "Second Bank"})
    _post(client, code, "levies", {})  # the list already holds the levy: Continue with the boxes empty moves on
    assert _back(client, third) == f"/case/{code}/q?path=levies[0].holder"
    assert _back(client, f"/case/{code}/q?path=notices") == f"/case/{code}/q?path=levies"


def test_an_item_sent_twice_from_the_same_form_is_added_once(client: TestClient, app: FastAPI) -> None:
    code = _start(client)
    page = client.get(f"/case/{code}/q?path=levies").text
    assert 'name="items" value="0"' in page
    first = _post(client, code, "levies", {**LEVY, "items": "0"})
    again = _post(client, code, "levies", {**LEVY, "items": "0"})  # the same form, from the browser's history
    assert again == first
    stored = app.state.store.get_case(code)
    assert stored is not None and len(stored.case.levies) == 1
    # the page asked again lists what was added and counts it in its form
    page = client.get(f"/case/{code}/q?path=levies").text
    assert words.t("add_item_already", "en") in page and "First Bank" in page and 'name="items" value="1"' in page
    # a second, different levy from the old form is a second levy; the same levy from a new form is one more too
    _post(client, code, "levies", {**LEVY, "item.holder": "Other Bank", "items": "0"})
    _post(client, code, "levies", {**LEVY, "items": "2"})
    stored = app.state.store.get_case(code)
    assert stored is not None and [lv.holder for lv in stored.case.levies] == ["First Bank", "Other Bank", "First Bank"]


def test_a_list_already_added_to_can_be_left_with_empty_boxes(client: TestClient, app: FastAPI) -> None:
    code = _start(client)
    empty = client.post(f"/case/{code}/q", params={"path": "levies"}, data=with_token(client, {"items": "0"}))
    assert empty.status_code == 422  # nothing added yet: an answer is needed (or skip)
    _post(client, code, "levies", LEVY)
    done = _post(client, code, "levies", {"items": "1", "item.kind": "", "item.holder": " "})
    assert "path=levies" not in done
    stored = app.state.store.get_case(code)
    assert stored is not None and len(stored.case.levies) == 1


def test_no_page_is_kept_in_a_cache(client: TestClient) -> None:
    code = _start(client)
    for url in ("/", f"/case/{code}/code", f"/case/{code}/q?path=levies", f"/case/{code}/result"):
        assert client.get(url).headers["cache-control"] == "no-store", url
    assert '"historyCacheSize":0' in client.get("/").text  # htmx keeps no copy of a page to show on "back"
