"""A case deleted by one request while another writes it: the write finds no case (False / None: a 404), never an
error (found by tests/fuzz/drive_web.py: PUT and DELETE of one case at once were HTTP 500 — StaleDataError on the
update, a foreign-key failure on the analysis record). The races are made deterministic here: the other request's
delete runs at the moment the store reads the clock, between reading the case and writing it in the old code."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from levynav import analyze, load_case
from levynav.store import repository
from levynav.store.repository import Store
from tests.web.conftest import AS_OF, EXAMPLES

CASE = load_case(EXAMPLES / "bank-levy-hardship-21-day-hold.yaml")


@pytest.fixture
def stores(tmp_path: Path) -> tuple[Store, Store]:
    url = f"sqlite:///{tmp_path / 'data' / 'levynav.db'}"
    first, other = Store(url), Store(url)
    first.migrate()
    return first, other


def _deleted_by_the_other_when_the_clock_is_read(monkeypatch: pytest.MonkeyPatch, other: Store, code: str) -> None:
    real = repository._now

    def now_and_delete() -> datetime:
        other.delete_case(code)
        return real()

    monkeypatch.setattr(repository, "_now", now_and_delete)


def test_an_update_of_a_case_deleted_meanwhile_finds_no_case(
    stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, other = stores
    code = first.create_case(CASE)
    _deleted_by_the_other_when_the_clock_is_read(monkeypatch, other, code)
    assert first.update_case(code, CASE, {"answered": []}) is False
    assert first.get_case(code) is None


def test_an_analysis_of_a_case_deleted_meanwhile_is_not_recorded(stores: tuple[Store, Store]) -> None:
    first, other = stores
    code = first.create_case(CASE)
    result = analyze(CASE, AS_OF)
    other.delete_case(code)
    assert first.record_analysis(code, CASE, result) is False
    assert first.analyses(code) == []


def test_a_document_of_a_case_deleted_meanwhile_is_not_added(
    stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, other = stores
    code = first.create_case(CASE)
    _deleted_by_the_other_when_the_clock_is_read(monkeypatch, other, code)
    assert first.add_document(code, "notice", "n.txt", "text/plain", b"x", {}) is None


def test_a_case_is_deleted_once(stores: tuple[Store, Store]) -> None:
    first, other = stores
    code = first.create_case(CASE)
    first.record_analysis(code, CASE, analyze(CASE, AS_OF))
    first.add_document(code, "notice", "n.txt", "text/plain", b"x", {})
    assert other.delete_case(code) is True
    assert first.delete_case(code) is False
    assert first.analyses(code) == []
