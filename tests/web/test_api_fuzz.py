"""Schemathesis over the OpenAPI document the app serves: no input the schema allows (or breaks) gets a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case

from levynav.web import Settings, create_app
from tests.web.conftest import AS_OF

_DATA = Path(tempfile.mkdtemp(prefix="levynav-fuzz-"))  # one database per test process (xdist workers)
APP = create_app(Settings(data_dir=_DATA, as_of=AS_OF, max_body_bytes=200_000, max_upload_bytes=100_000))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=15, suppress_health_check=list(HealthCheck), deadline=None)
def test_no_server_error(case: Case) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"
