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
