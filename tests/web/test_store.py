"""The case store on SQLite and on a real PostgreSQL the tests start: migrations up from an empty database (and from
the first schema with an analysis saved twice), saving, reading, replacing and deleting cases with their documents
and analyses, an analysis recorded once however many writers save it, and a save interrupted by killing the
process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from levynav import analyze, load_case
from levynav.store.repository import Store, data_hash
from tests.web import postgres
from tests.web.conftest import AS_OF, EXAMPLES, ROOT

BANK = EXAMPLES / "bank-levy-hardship-21-day-hold.yaml"


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    if postgres.binaries() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries are missing in CI (make system-deps installs Debian's postgresql)")
        pytest.skip("PostgreSQL binaries are not installed (make system-deps installs Debian's postgresql)")
    with postgres.cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'levynav.db'}"
    pg: str = request.getfixturevalue("pg_url")
    store = Store(pg)
    with store.engine.begin() as conn:  # an empty database for every test
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    store.close()
    return pg


def test_migrations_run_up_from_an_empty_database(url: str) -> None:
    store = Store(url)
    assert inspect(store.engine).get_table_names() == []
    store.migrate()
    store.migrate()  # a second start changes nothing
    tables = set(inspect(store.engine).get_table_names())
    assert {"cases", "documents", "analyses", "alembic_version"} <= tables
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    store.close()


def test_sqlite_file_is_created_in_the_data_folder_with_wal(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'new' / 'folder' / 'levynav.db'}")
    store.migrate()
    assert (tmp_path / "new" / "folder" / "levynav.db").exists()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    store.close()


def test_case_round_trip_documents_and_analyses(url: str) -> None:
    store = Store(url)
    store.migrate()
    case = load_case(BANK)
    code = store.create_case(case, {"answered": ["levies"]})
    got = store.get_case(code)
    assert got is not None and got.case == case and got.progress == {"answered": ["levies"]}
    assert store.add_document(code, "notice", "lt11.txt", "text/plain", b"LT11 text", {"type": "LT11"}) is not None
    result = analyze(case, AS_OF)
    assert store.record_analysis(code, case, result)
    assert store.analyses(code) == [(AS_OF, result.version, data_hash(case))]
    assert store.get_case(code).documents == 1  # type: ignore[union-attr]

    changed = case.model_copy(update={"circumstances": case.circumstances.model_copy(update={"represented": True})})
    assert store.update_case(code, changed)
    assert store.get_case(code).case.circumstances.represented is True  # type: ignore[union-attr]

    assert store.delete_case(code)
    assert store.get_case(code) is None
    assert store.analyses(code) == []
    assert not store.update_case(code, case) and not store.delete_case(code)
    assert store.add_document(code, "notice", "x", "text/plain", b"x", {}) is None
    store.close()


@pytest.mark.parametrize("insert", ["on_conflict", "caught"])
def test_the_same_analysis_of_the_same_case_is_recorded_once(
    url: str, insert: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved again — by the same store, by a second store on the same database (another worker process), or by
    several at the same moment — the same analysis of the same case revision is one row. Another date, or another
    revision of the case, is another analysis, recorded. Both ways of saving once: the INSERT that skips a row the
    key holds, and (for a database without it) the unique key's error caught."""
    from concurrent.futures import ThreadPoolExecutor

    from levynav.store import repository

    if insert == "caught":
        monkeypatch.setattr(repository, "ON_CONFLICT", {})
    store = Store(url)
    store.migrate()
    case = load_case(BANK)
    code = store.create_case(case)
    result = analyze(case, AS_OF)
    assert store.record_analysis(code, case, result)
    assert not store.record_analysis(code, case, result)
    other = Store(url)  # a second worker's store
    assert not other.record_analysis(code, case, result)
    assert store.analyses(code) == [(AS_OF, result.version, data_hash(case))]

    later = analyze(case, AS_OF + timedelta(days=1))
    stores = [store, other] * 4
    with ThreadPoolExecutor(max_workers=len(stores)) as pool:  # eight writers of one new analysis at once
        saved = list(pool.map(lambda s: s.record_analysis(code, case, later), stores))
    assert saved.count(True) == 1, saved

    changed = case.model_copy(update={"circumstances": case.circumstances.model_copy(update={"represented": True})})
    assert store.record_analysis(code, changed, analyze(changed, AS_OF))
    assert [(d, h) for d, _, h in store.analyses(code)] == [
        (AS_OF, data_hash(case)),
        (later.as_of, data_hash(case)),
        (AS_OF, data_hash(changed)),
    ]
    other.close()
    store.close()


def test_migration_folds_an_analysis_saved_twice_into_one_row(url: str) -> None:
    """A database made by the first schema, where two workers saved one analysis twice: upgraded, the first row of
    each analysis stays, with its hash; the other analyses stay."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import MetaData, Table, insert

    from levynav.store.repository import MIGRATIONS

    store = Store(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0001")
    table = Table("analyses", MetaData(), autoload_with=store.engine)  # as the first schema made it
    case = load_case(BANK)
    code = store.create_case(case)
    first, second = analyze(case, AS_OF), analyze(case, AS_OF + timedelta(days=1))
    rows = [first, first, second, first]
    with store.engine.begin() as conn:
        for r in rows:
            conn.execute(
                insert(table).values(
                    case_id=code,
                    as_of=r.as_of,
                    product_version=r.version,
                    data_hash=data_hash(case),
                    result=r.model_dump_json(),
                    created_at=datetime.now(UTC),
                )
            )
    store.migrate()
    with store.engine.connect() as conn:
        kept = conn.execute(text("SELECT id, as_of, result_hash FROM analyses ORDER BY id")).all()
    assert [row[0] for row in kept] == [1, 3]
    assert [str(row[1]) for row in kept] == [str(AS_OF), str(AS_OF + timedelta(days=1))]
    assert all(len(row[2]) == 64 for row in kept)
    assert not store.record_analysis(code, case, first)  # the folded row is the analysis
    store.close()


KILL_MID_SAVE = """
import os, signal, sys
from sqlalchemy import update
from levynav.store.models import CaseRow
from levynav.store.repository import Store
store = Store(sys.argv[1])
with store._tx() as s, s.begin():
    s.execute(update(CaseRow).where(CaseRow.id == sys.argv[2]).values(data={"taxpayer": {"kind": "business"}}))
    s.flush()
    os.kill(os.getpid(), signal.SIGKILL)  # the process dies before the transaction commits
"""


def test_a_save_interrupted_by_killing_the_process_loses_nothing(url: str) -> None:
    store = Store(url)
    store.migrate()
    case = load_case(BANK)
    code = store.create_case(case)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", KILL_MID_SAVE, url, code], env=env, capture_output=True, timeout=120)
    assert done.returncode == -9
    again = Store(url)  # as after a restart
    stored = again.get_case(code)
    assert stored is not None and stored.case == case
    again.close()
    store.close()
