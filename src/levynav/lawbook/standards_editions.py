"""Read the IRS Collection Financial Standards editions from their folders: the package's
(``data/standards/<date>/``) and the user's imported ones (``$LEVYNAV_DATA_DIR``, default
``~/.local/share/levynav/standards``, where ``levynav data import-standards`` installs them). An imported edition
replaces a packaged one of the same date. The Law bundle carries the result (``core.calc.standards.editions``
reads it); the environment and the home folder are read here, on the adapter side, never in the core.
"""

from __future__ import annotations

import csv
import hashlib
import os
import threading
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from levynav.core.calc.standards import DATE_DIR, Edition, StandardsError
from levynav.lawbook import datafiles

ENV_DIR = "LEVYNAV_DATA_DIR"
DEFAULT_USER_DIR = Path("~/.local/share/levynav/standards")


def user_dir() -> Path:
    """Where imported standards editions live: ``$LEVYNAV_DATA_DIR`` or ``~/.local/share/levynav/standards``."""
    raw = os.environ.get(ENV_DIR)
    return Path(raw).expanduser() if raw else DEFAULT_USER_DIR.expanduser()


def packaged_dir() -> Path:
    return datafiles.path("standards")


def read_csv(file: Path) -> list[dict[str, str]]:
    """The rows of a table as ``{column: text}``, every cell stripped; a short row's missing cells are empty, a
    blank line is skipped, and a row longer than the header is an error."""
    with file.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader, [])
            width = len(header)
            out = []
            for row in reader:
                if not row:
                    continue
                if len(row) != width:
                    if len(row) > width:
                        raise StandardsError(f"{file.name}: line {reader.line_num} has more cells than the header")
                    row = row + [""] * (width - len(row))
                out.append(dict(zip(header, [cell.strip() for cell in row], strict=True)))
        except UnicodeDecodeError as err:  # the position, never the bytes
            raise StandardsError(f"{file.name}: not UTF-8 text (a byte at position {err.start} is not UTF-8)") from None
        except csv.Error:  # Python's own message may quote the cell; only the line is named
            raise StandardsError(
                f"{file.name}: line {reader.line_num} is not a readable CSV row (a cell longer than "
                f"{csv.field_size_limit():,} characters, a NUL byte or an open quote)"
            ) from None
        return out


def sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def _meta(folder: Path) -> dict[str, Any]:
    meta_file = folder / "edition.yaml"
    try:
        meta = datafiles.parse(meta_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise StandardsError(f"{meta_file}: cannot be read ({exc.__class__.__name__})") from None
    if not isinstance(meta.get("effective_date"), date):
        raise StandardsError(f"{meta_file}: effective_date must be a date (YYYY-MM-DD)")
    return dict(meta)


def _table_files(folder: Path, meta: dict[str, Any]) -> dict[str, tuple[Path, str | None]]:
    """Each table's file and recorded SHA-256; a table naming a file that is not there is an error."""
    out: dict[str, tuple[Path, str | None]] = {}
    for table, tmeta in (meta.get("tables") or {}).items():
        if not tmeta or not tmeta.get("file"):
            continue
        file = folder / tmeta["file"]
        if not file.is_file():
            raise StandardsError(f"{folder.name}: table {table} names {tmeta['file']}, which is not there")
        out[table] = (file, tmeta.get("sha256"))
    return out


def _checked_rows(folder: Path, file: Path, recorded: str | None) -> list[dict[str, str]]:
    if recorded and sha256(file) != recorded:
        raise StandardsError(f"{folder.name}/{file.name} does not match the sha256 in edition.yaml")
    return read_csv(file)


def _edition(folder: Path, origin: str, meta: dict[str, Any], rows: Mapping[str, list[dict[str, str]]]) -> Edition:
    effective = meta["effective_date"]
    return Edition(effective, str(meta.get("title", f"standards effective {effective}")), folder, origin, meta, rows)


def load_edition(folder: Path, origin: str) -> Edition:
    """An edition with every table read and checked against its SHA-256 now."""
    meta = _meta(folder)
    files = _table_files(folder, meta)
    return _edition(folder, origin, meta, {t: _checked_rows(folder, f, h) for t, (f, h) in files.items()})


class TableRows(Mapping[str, list[dict[str, str]]]):
    """An edition's tables, each read and checked against its SHA-256 the first time it is asked for (an analysis
    reads a few tables of one edition, not every table of every edition)."""

    def __init__(self, folder: Path, files: dict[str, tuple[Path, str | None]]) -> None:
        self._folder, self._files = folder, files
        self._read: dict[str, list[dict[str, str]]] = {}
        self._lock = threading.Lock()

    def __getitem__(self, table: str) -> list[dict[str, str]]:
        hit = self._read.get(table)
        if hit is None:
            file, recorded = self._files[table]  # KeyError: the edition has no such table
            with self._lock:
                hit = self._read.get(table)
                if hit is None:
                    hit = self._read[table] = _checked_rows(self._folder, file, recorded)
        return hit

    def __contains__(self, table: object) -> bool:
        return table in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def open_edition(folder: Path, origin: str) -> Edition:
    """An edition whose tables are read on first use (the Law bundle's)."""
    meta = _meta(folder)
    return _edition(folder, origin, meta, TableRows(folder, _table_files(folder, meta)))


def _edition_folders(root: Path) -> Iterator[Path]:
    if root.is_dir():
        for child in sorted(root.iterdir()):
            if child.is_dir() and DATE_DIR.match(child.name) and (child / "edition.yaml").is_file():
                yield child


def load_editions(packaged: Path, user: Path) -> tuple[Edition, ...]:
    """Every edition in the two folders, oldest first; an imported one replaces a packaged one of its date. Each
    table is read (and checked against its SHA-256) the first time a calculation asks for it."""
    found: dict[date, Edition] = {}
    for folder in _edition_folders(packaged):
        e = open_edition(folder, "packaged")
        found[e.effective_date] = e
    for folder in _edition_folders(user):
        e = open_edition(folder, "imported")
        found[e.effective_date] = e
    return tuple(sorted(found.values(), key=lambda e: e.effective_date))
