"""The Law bundle: everything the core knows about the law as data — dated parameters, the citation registry,
the message catalog and where the IRS standards editions are — loaded once by an adapter and passed in.

``Law.packaged()`` loads the package's own data (and the user's imported standards folder, named by
``$LEVYNAV_DATA_DIR`` or ``~/.local/share/levynav/standards``: the environment and the home folder are read
here, by the loader, never by the rules). ``analyze(case, as_of, law)`` makes the bundle the active one while
it runs (``using``); ``params``, ``law.registry`` and the messages read the active bundle. The Analysis records
the editions and a digest of the data used (``editions``, ``digest``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from levynav.core import datafiles

ENV_DIR = "LEVYNAV_DATA_DIR"
DEFAULT_USER_DIR = Path("~/.local/share/levynav/standards")
DATA_FOLDERS = ("parameters", "references", "messages/en")


def user_dir() -> Path:
    """Where imported standards editions live: ``$LEVYNAV_DATA_DIR`` or ``~/.local/share/levynav/standards``."""
    raw = os.environ.get(ENV_DIR)
    return Path(raw).expanduser() if raw else DEFAULT_USER_DIR.expanduser()


@dataclass(frozen=True, eq=False)
class Law:
    parameters: Mapping[str, Any]  # params.Param by id
    citations: Mapping[str, Any]  # model.analysis.Citation by id
    messages: Mapping[str, Any]  # rule id -> message key -> template
    standards_dirs: tuple[str, str]  # packaged, imported (user) standards folders
    editions: Mapping[str, str]  # data set -> edition (a digest of its files)
    digest: str  # sha256 over the editions: the data an analysis used
    # per-bundle look-up indexes (params.use), built on first use
    index: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def packaged(cls) -> Law:
        """The package's own law data (and the user's imported standards), loaded once per process."""
        return _packaged()


def _folder_digest(folder: str) -> str:
    h = hashlib.sha256()
    for file in sorted(datafiles.path(folder).glob("*.yaml")):
        h.update(file.name.encode())
        h.update(file.read_bytes())
    return h.hexdigest()[:16]


@functools.cache
def _packaged() -> Law:
    from levynav.core import params
    from levynav.core.law import registry

    editions = {folder.replace("/", "."): _folder_digest(folder) for folder in DATA_FOLDERS}
    standards = (str(datafiles.path("standards")), str(user_dir()))
    editions["standards_folders"] = hashlib.sha256("|".join(standards).encode()).hexdigest()[:16]
    digest = hashlib.sha256(repr(sorted(editions.items())).encode()).hexdigest()
    return Law(
        parameters=params.load_parameters(),
        citations=registry.load_citations(),
        messages=datafiles.merged_mapping("messages/en"),
        standards_dirs=standards,
        editions=editions,
        digest=digest,
    )


def clear_cache() -> None:
    """Forget the packaged bundle (a test that points the standards folder elsewhere)."""
    _packaged.cache_clear()


_ACTIVE: ContextVar[Law | None] = ContextVar("levynav_law", default=None)


def active() -> Law:
    """The bundle of the analysis running now; the packaged one outside an analysis."""
    return _ACTIVE.get() or Law.packaged()


@contextlib.contextmanager
def using(law: Law) -> Iterator[Law]:
    token = _ACTIVE.set(law)
    try:
        yield law
    finally:
        _ACTIVE.reset(token)
