"""A key given twice in a JSON body is named by its whole path (audit 2026-12-07, round 2)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import AS_OF

NESTED_DUP = '{"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank"}, {"kind": "bank", "kind": "wages"}]}'


def test_a_key_twice_in_a_json_body_is_named_by_its_path(client: TestClient) -> None:
    answer = client.post(
        f"/api/v1/analyze?as_of={AS_OF.isoformat()}", content=NESTED_DUP, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "levies[1].kind"


def test_a_stored_case_holding_a_full_ssn_never_shows_it(client: TestClient, app: object) -> None:
    """A case saved before full SSNs were refused stays stored; its pages send the person to the fix page, which offers
    the text again with the number masked but its last four digits (audit 2026-12-07, round 2)."""
    import json

    from sqlalchemy import text

    code = client.post("/api/v1/cases", json={"taxpayer": {"kind": "individual", "name": "Ana"}}).json()["id"]
    stored = json.dumps({"taxpayer": {"kind": "individual", "name": "Ana Ruiz 123-45-6789"}})
    with app.state.store.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(text("UPDATE cases SET data = :data WHERE id = :id"), {"data": stored, "id": code})
    for path in (f"/api/v1/cases/{code}", f"/case/{code}", f"/case/{code}/result", f"/case/{code}/fix"):
        response = client.get(path)
        assert response.status_code < 500 and "123-45-6789" not in response.text, path
    assert 'value="Ana Ruiz XXX-XX-6789"' in client.get(f"/case/{code}/fix").text
