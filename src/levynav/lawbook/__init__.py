"""The lawbook: builds the core's ``Law`` bundle from the package's data files and the user's imported
standards editions — the one place that reads them (and ``$LEVYNAV_DATA_DIR`` / the home folder). The core
reads only the bundle it is given (ADR 0013).

- ``packaged()``: the package's law data (and the user's imported standards), built once per process; each
  table beyond the parameters, citations and messages is read the first time a calculation asks for it.
- ``install()``: make it the bundle ``analyze(case, as_of)`` uses when none is passed — each adapter (the CLI,
  the web app, the screening workers, the benchmarks, the tests) calls it once at start.
- ``clear_cache()``: forget the bundle (after ``levynav data import-standards``, or a test that points the
  standards folder elsewhere).
"""

from __future__ import annotations

import functools

from levynav.core import lawdata
from levynav.core.lawdata import Law
from levynav.lawbook.loading import load
from levynav.lawbook.standards_editions import ENV_DIR, packaged_dir, user_dir

__all__ = ["ENV_DIR", "Law", "clear_cache", "install", "load", "packaged", "packaged_dir", "user_dir"]


@functools.cache
def packaged() -> Law:
    """The package's own law data and the user's imported standards, loaded once per process."""
    return load(packaged_dir(), user_dir())


def install() -> None:
    """Make the packaged bundle the one used when an analysis is given none (read on first use)."""
    lawdata.install(packaged)


def clear_cache() -> None:
    """Forget the packaged bundle (the standards folder changed, or a test points it elsewhere)."""
    packaged.cache_clear()
