"""A JSON body with a key that is not a plain name: the 422 problem names it quoted and escaped to ASCII (the
empty key was `taxpayer.:`, a right-to-left override went raw into the answer)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_odd_unknown_keys_are_named_quoted_in_a_422(client: TestClient) -> None:
    body = {"taxpayer": {"kind": "individual", "": 1, "\u202eevil": 2}}
    r = client.post("/api/v1/analyze", json=body)
    assert r.status_code == 422
    problems = r.json()["problems"]
    unknown = "is not a known field (check the spelling)"
    assert {"field": "taxpayer.''", "message": unknown} in problems, problems
    assert {"field": "taxpayer.'\\u202eevil'", "message": unknown} in problems, problems
    # a key holding ": " is one field, not cut at its colon
    r = client.post("/api/v1/analyze", json={"taxpayer": {"kind": "individual", "a: b": 1, "it's: x": 2}})
    assert {"field": "taxpayer.'a: b'", "message": unknown} in r.json()["problems"], r.json()
    assert {"field": 'taxpayer."it\'s: x"', "message": unknown} in r.json()["problems"], r.json()
