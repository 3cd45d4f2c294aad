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
from collections.abc import Iterator
from datetime import date
from pathlib import Path

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
    with file.open(newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def load_edition(folder: Path, origin: str) -> Edition:
    meta_file = folder / "edition.yaml"
    try:
        meta = datafiles.parse(meta_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise StandardsError(f"{meta_file}: cannot be read ({exc.__class__.__name__})") from None
    effective = meta.get("effective_date")
    if not isinstance(effective, date):
        raise StandardsError(f"{meta_file}: effective_date must be a date (YYYY-MM-DD)")
    edition = Edition(effective, str(meta.get("title", f"standards effective {effective}")), folder, origin, meta)
    for table, tmeta in (meta.get("tables") or {}).items():
        if not tmeta or not tmeta.get("file"):
            continue
        file = folder / tmeta["file"]
        if not file.is_file():
            raise StandardsError(f"{folder.name}: table {table} names {tmeta['file']}, which is not there")
        if tmeta.get("sha256") and sha256(file) != tmeta["sha256"]:
            raise StandardsError(f"{folder.name}/{tmeta['file']} does not match the sha256 in edition.yaml")
        edition.rows[table] = read_csv(file)
    return edition


def _edition_folders(root: Path) -> Iterator[Path]:
    if root.is_dir():
        for child in sorted(root.iterdir()):
            if child.is_dir() and DATE_DIR.match(child.name) and (child / "edition.yaml").is_file():
                yield child


def load_editions(packaged: Path, user: Path) -> tuple[Edition, ...]:
    """Every edition in the two folders, oldest first; an imported one replaces a packaged one of its date."""
    found: dict[date, Edition] = {}
    for folder in _edition_folders(packaged):
        e = load_edition(folder, "packaged")
        found[e.effective_date] = e
    for folder in _edition_folders(user):
        e = load_edition(folder, "imported")
        found[e.effective_date] = e
    return tuple(sorted(found.values(), key=lambda e: e.effective_date))
