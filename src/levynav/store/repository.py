"""The case store: one transaction per write, so a crash mid-save loses nothing already saved.

SQLite by default (a file in the data folder, write-ahead log, created on first start); PostgreSQL when the
URL says so (``postgresql+psycopg://…``). The schema is made by the Alembic migrations in this package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import CursorResult, Engine, create_engine, delete, event, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from levynav.core.model.analysis import Analysis
from levynav.core.model.case import Case
from levynav.store.models import AnalysisRow, CaseRow, DocumentRow

MIGRATIONS = Path(__file__).parent / "migrations"
# the databases whose INSERT can skip a row its unique key already holds (others: the key's error is caught)
ON_CONFLICT: dict[str, Callable[..., Any]] = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}


def new_case_code() -> str:
    """A long random token (256 bits), not a guessable number."""
    return secrets.token_urlsafe(32)


def case_json(case: Case) -> dict[str, Any]:
    data: dict[str, Any] = case.model_dump(mode="json", exclude_none=True)
    return data


def data_hash(case: Case) -> str:
    return hashlib.sha256(json.dumps(case_json(case), sort_keys=True).encode()).hexdigest()


@dataclass
class StoredCase:
    id: str
    case: Case
    progress: dict[str, list[str]]
    documents: int


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)  # the adapter, not the core, reads the clock


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # several worker processes share the file: a writer waits for another's transaction (up to 30 s), never fails
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest migration (from an empty database too)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


class Store:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self) -> None:
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def _tx(self) -> Session:
        return self._session()

    def create_case(self, case: Case, progress: dict[str, list[str]] | None = None) -> str:
        code = new_case_code()
        now = _now()
        with self._tx() as s, s.begin():
            s.add(
                CaseRow(
                    id=code,
                    schema_version=case.schema_version,
                    data=case_json(case),
                    progress=dict(progress or {}),
                    created_at=now,
                    updated_at=now,
                )
            )
        return code

    def get_case(self, code: str) -> StoredCase | None:
        with self._tx() as s:
            row = s.get(CaseRow, code)
            if row is None:
                return None
            docs = len(s.scalars(select(DocumentRow.id).where(DocumentRow.case_id == code)).all())
            return StoredCase(
                id=row.id, case=Case.model_validate(row.data), progress=dict(row.progress or {}), documents=docs
            )

    def get_case_data(self, code: str) -> dict[str, Any] | None:
        """The stored data of a case as it was saved, not checked: what the fix page shows of a case that no longer
        passes the case model's checks (``get_case`` raises ValidationError for it)."""
        with self._tx() as s:
            row = s.get(CaseRow, code)
            if row is None:
                return None
            return dict(row.data) if isinstance(row.data, dict) else {}  # not even a mapping: the checks say what

    def update_case_data(self, code: str, data: dict[str, Any]) -> bool:
        """Save the data of a case that does not yet pass the case model's checks (a fix half-way: one of its
        problems corrected, others left); a case that passes them is saved by ``update_case``."""
        with self._tx() as s, s.begin():
            row = s.get(CaseRow, code)
            if row is None:
                return False
            row.data = data
            row.updated_at = _now()
        return True

    def update_case(self, code: str, case: Case, progress: dict[str, list[str]] | None = None) -> bool:
        """Replace the case; False when there is none. One UPDATE statement: a case another request deletes at the
        same moment is simply not there (read first and written after, it raised StaleDataError: an HTTP 500)."""
        values: dict[str, Any] = {"data": case_json(case), "schema_version": case.schema_version, "updated_at": _now()}
        if progress is not None:
            values["progress"] = dict(progress)
        with self._tx() as s, s.begin():
            result = cast("CursorResult[Any]", s.execute(update(CaseRow).where(CaseRow.id == code).values(**values)))
            return result.rowcount == 1

    def delete_case(self, code: str) -> bool:
        """Delete the case, its documents and its analyses; False when there is none (also when another request
        deleted it at the same moment: only one of them deletes it)."""
        with self._tx() as s, s.begin():
            s.execute(delete(DocumentRow).where(DocumentRow.case_id == code))
            s.execute(delete(AnalysisRow).where(AnalysisRow.case_id == code))
            result = cast("CursorResult[Any]", s.execute(delete(CaseRow).where(CaseRow.id == code)))
            return result.rowcount == 1

    def add_document(
        self, code: str, kind: str, filename: str, content_type: str, content: bytes, reading: dict[str, Any]
    ) -> int | None:
        try:
            return self._add_document(code, kind, filename, content_type, content, reading)
        except IntegrityError:  # the case was deleted by another request between the check and the insert
            return None

    def _add_document(
        self, code: str, kind: str, filename: str, content_type: str, content: bytes, reading: dict[str, Any]
    ) -> int | None:
        with self._tx() as s, s.begin():
            if s.get(CaseRow, code) is None:
                return None
            doc = DocumentRow(
                case_id=code,
                kind=kind,
                filename=filename[:255],
                content_type=content_type[:100],
                content=content,
                reading=reading,
                created_at=_now(),
            )
            s.add(doc)
            s.flush()
            return doc.id

    def record_analysis(self, code: str, case: Case, analysis: Analysis) -> bool:
        """Record the analysis of the case revision once: True when this call saved it, False when the same analysis
        of the same revision was already recorded — by this process, another worker or another request, at the same
        moment too (the table's unique key decides; the insert that comes second does nothing)."""
        result = analysis.model_dump_json()
        values = {
            "case_id": code,
            "as_of": analysis.as_of,
            "product_version": analysis.version,
            "data_hash": data_hash(case),
            "result": result,
            "result_hash": hashlib.sha256(result.encode()).hexdigest(),
            "created_at": _now(),
        }
        try:
            return self._record_once(values)
        except IntegrityError:  # the case was deleted by another request while it was analysed: nothing to record
            return False

    def _record_once(self, values: dict[str, Any]) -> bool:
        once = ("case_id", "data_hash", "result_hash")
        insert = ON_CONFLICT.get(self.engine.dialect.name)
        with self._tx() as s, s.begin():
            if insert is None:  # another database: the unique key refuses the second row
                try:
                    with s.begin_nested():
                        s.add(AnalysisRow(**values))
                except IntegrityError:
                    return False
                return True
            new = insert(AnalysisRow).values(**values).on_conflict_do_nothing(index_elements=list(once))
            return s.scalar(new.returning(AnalysisRow.id)) is not None

    def analyses(self, code: str) -> list[tuple[dt.date, str, str]]:
        with self._tx() as s:
            rows = s.scalars(select(AnalysisRow).where(AnalysisRow.case_id == code).order_by(AnalysisRow.id)).all()
            return [(r.as_of, r.product_version, r.data_hash) for r in rows]
