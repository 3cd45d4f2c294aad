"""The web app sets its start-up objects aside from the cycle collector while it runs (web/app.py, lifespan)."""

from __future__ import annotations

import gc

from fastapi import FastAPI
from fastapi.testclient import TestClient


def test_start_up_objects_are_set_aside_while_the_app_runs_and_given_back_at_shutdown(app: FastAPI) -> None:
    gc.unfreeze()  # whatever an earlier test left frozen
    assert gc.get_freeze_count() == 0
    with TestClient(app) as client:
        assert gc.get_freeze_count() > 0  # the app, its routes and the law bundle built at start-up
        assert client.get("/").status_code == 200
    assert gc.get_freeze_count() == 0
