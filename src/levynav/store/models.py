"""The tables: a case (its validated Case JSON with the schema version and the interview's place),
the documents uploaded to it and the analyses made of it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # a long random token, the case code
    schema_version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, object]] = mapped_column(JSON)  # the validated Case, as JSON
    # the interview's place: {"answered": [paths], "skipped": [paths], "seen": [pages]} (not facts of the case)
    progress: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    documents: Mapped[list[DocumentRow]] = relationship(back_populates="case", cascade="all, delete-orphan")
    analyses: Mapped[list[AnalysisRow]] = relationship(back_populates="case", cascade="all, delete-orphan")


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # "notice" or "transcript"
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    reading: Mapped[dict[str, object]] = mapped_column(JSON)  # what was read from it
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    case: Mapped[CaseRow] = relationship(back_populates="documents")


class AnalysisRow(Base):
    """An analysis made of a case revision, recorded once: the same analysis of the same case revision saved again
    (by another worker process, or another request) is the row already there (migration 0002)."""

    __tablename__ = "analyses"
    __table_args__ = (UniqueConstraint("case_id", "data_hash", "result_hash", name="uq_analyses_once"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    product_version: Mapped[str] = mapped_column(String(32))
    data_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the case JSON the analysis read
    result: Mapped[str] = mapped_column(Text)  # the Analysis JSON
    result_hash: Mapped[str] = mapped_column(String(64))  # its sha256 (it holds the date, version and law digest)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    case: Mapped[CaseRow] = relationship(back_populates="analyses")
