"""Build a ``Law`` bundle from the data files: the parameters, citations and English messages at once (every
analysis reads them), the other tables on first use, so a command parses only the files it needs."""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from levynav.core import params
from levynav.core.law import registry
from levynav.core.lawdata import Law
from levynav.lawbook import datafiles
from levynav.lawbook.standards_editions import load_editions

DATA_FOLDERS = ("parameters", "references", "messages/en")


def _csv_rows(relative: str) -> tuple[dict[str, str], ...]:
    with datafiles.path(relative).open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def _json(relative: str) -> Any:
    return json.loads(datafiles.path(relative).read_text(encoding="utf-8"))


# the tables the calculations read, by name, and how each is read
TABLE_READERS: dict[str, Callable[[], Any]] = {
    "standards/citations.yaml": functools.partial(datafiles.load_yaml, "standards/citations.yaml"),
    "standards/income_conversion.yaml": functools.partial(datafiles.load_yaml, "standards/income_conversion.yaml"),
    "alternatives/low_income_250pct.csv": functools.partial(_csv_rows, "alternatives/low_income_250pct.csv"),
    "wage_exemption/pub1494_inputs.csv": functools.partial(_csv_rows, "wage_exemption/pub1494_inputs.csv"),
    "wage_exemption/years.yaml": functools.partial(datafiles.load_yaml, "wage_exemption/years.yaml"),
    "calendar/dc_holidays.json": functools.partial(_json, "calendar/dc_holidays.json"),
    "plan": functools.partial(datafiles.merged_mapping, "plan"),
    "finance_steps.yaml": functools.partial(datafiles.load_yaml, "finance_steps.yaml"),
}


class Tables(Mapping[str, Any]):
    """The bundle's tables, each read the first time it is asked for and kept."""

    def __init__(self, readers: Mapping[str, Callable[[], Any]]) -> None:
        self._readers = dict(readers)
        self._read: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> Any:
        try:
            return self._read[name]
        except KeyError:
            pass
        reader = self._readers[name]  # KeyError: not a table of the bundle
        with self._lock:
            if name not in self._read:
                self._read[name] = reader()
            return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._readers)

    def __len__(self) -> int:
        return len(self._readers)


def _folder_digest(folder: str) -> str:
    h = hashlib.sha256()
    for file in sorted(datafiles.path(folder).glob("*.yaml")):
        h.update(file.name.encode())
        h.update(file.read_bytes())
    return h.hexdigest()[:16]


def load(standards_packaged: Path, standards_user: Path) -> Law:
    """The package's law data with the standards editions of the two folders (packaged, imported)."""
    editions = {folder.replace("/", "."): _folder_digest(folder) for folder in DATA_FOLDERS}
    folders = (str(standards_packaged), str(standards_user))
    editions["standards_folders"] = hashlib.sha256("|".join(folders).encode()).hexdigest()[:16]
    digest = hashlib.sha256(repr(sorted(editions.items())).encode()).hexdigest()
    readers = {**TABLE_READERS, "standards/editions": lambda: load_editions(standards_packaged, standards_user)}
    return Law(
        parameters=params.parameters_from(datafiles.merged_list("parameters")),
        citations=registry.citations_from(datafiles.merged_mapping("references")),
        messages=datafiles.merged_mapping("messages/en"),
        tables=Tables(readers),
        editions=editions,
        digest=digest,
    )
