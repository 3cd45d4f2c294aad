"""The Law bundle: everything the core knows about the law as data — dated parameters, the citation registry,
the message catalog, the standards editions and the other tables the calculations read — built by an adapter
and passed in. The core reads no file, environment variable or home folder: the bundle is its only source.

The adapter side builds the bundle (``levynav.lawbook``: the package's data files and the user's imported
standards folder) and either passes it (``analyze(case, as_of, law)``) or installs it once for the process
(``install``: the CLI, the web app, the screening workers, the tests). ``analyze(case, as_of)`` with no bundle
uses the installed one; with none installed it fails with ``LawNotInstalled`` (never reads files itself).
While an analysis runs its bundle is the active one (``using``); ``params``, ``law.registry``, the messages and
the calculations read the active bundle. The Analysis records the editions and a digest of the data used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Law:
    parameters: Mapping[str, Any]  # params.Param by id
    citations: Mapping[str, Any]  # model.analysis.Citation by id
    messages: Mapping[str, Any]  # rule id -> message key -> template
    # the other tables, by name (the data file they come from: "standards/income_conversion.yaml",
    # "alternatives/low_income_250pct.csv" as a list of rows, "plan" as the merged folder, "standards/editions" as
    # the standards editions in force, oldest first); the adapter may read each on first use
    tables: Mapping[str, Any]
    editions: Mapping[str, str]  # data set -> edition (a digest of its files)
    digest: str  # sha256 over the editions: the data an analysis used
    # per-bundle look-up indexes (params.use, the tables' parsed forms), built on first use
    index: dict[str, Any] = field(default_factory=dict, repr=False)


class LawNotInstalled(LookupError):
    """No Law bundle was passed and none is installed: the adapter must build one (``levynav.lawbook``)."""

    def __init__(self) -> None:
        super().__init__(
            "no Law bundle: pass one to analyze(case, as_of, law) or install one for the process"
            " (levynav.lawbook.install())"
        )


_ACTIVE: ContextVar[Law | None] = ContextVar("levynav_law", default=None)
_INSTALLED: list[Callable[[], Law]] = []


def install(source: Law | Callable[[], Law]) -> None:
    """Make ``source`` the bundle used when none is passed: a Law, or a function giving one (called each time it
    is needed outside an analysis, so an adapter can load it on first use and keep it)."""
    _INSTALLED[:] = [source if callable(source) else (lambda: source)]


def uninstall() -> None:
    _INSTALLED.clear()


def installed() -> Law:
    """The bundle installed for the process (``LawNotInstalled`` when there is none)."""
    if not _INSTALLED:
        raise LawNotInstalled()
    return _INSTALLED[0]()


def active() -> Law:
    """The bundle of the analysis running now; the installed one outside an analysis."""
    return _ACTIVE.get() or installed()


# The bundle of the analysis running now; None outside an analysis (the installed one is not loaded). The context
# variable's own ``get``: a C call, for callers that check the bundle on every call (model/message.py).
running: Callable[[], Law | None] = _ACTIVE.get


def table(name: str) -> Any:
    """A table of the active bundle, by name."""
    return active().tables[name]


def derived(key: str, build: Callable[[Law], T]) -> T:
    """``build(bundle)`` for the active bundle, computed once per bundle and kept on it (a table's parsed form)."""
    law = _ACTIVE.get() or installed()  # ``active()`` written out: asked a few dozen times an analysis
    hit = law.index.get(key)
    if hit is None:
        hit = law.index[key] = build(law)
    return hit


# The most entries one ``kept`` dict holds. Keys made of a case's dates (a notice's pair of dates, a levy's date)
# are as many as the dates an inventory holds: screening millions of cases would grow the dict without end. A dict
# that reaches the bound is emptied and fills again with the keys in use (a value is a pure function of its key and
# the bundle, so working one out again gives the same value); a worker's memory stays flat in the number of cases.
KEPT_LIMIT = 1024


class Kept(dict[Any, Any]):
    """A ``kept`` dict: reads are a plain dict's; an insertion past ``KEPT_LIMIT`` entries empties it first. Values
    go in by ``kept[key] = value`` only (``setdefault`` and ``update`` would pass the bound by)."""

    __slots__ = ()

    def __setitem__(self, key: Any, value: Any) -> None:
        if len(self) >= KEPT_LIMIT:
            self.clear()
        super().__setitem__(key, value)


def kept(name: str) -> dict[Any, Any]:
    """A dict kept on the active bundle under ``name`` (empty at first): for values worked out once per bundle and
    some key (a date, a frequency, a table value), which hold for as long as the bundle does — at most
    ``KEPT_LIMIT`` of them (``Kept``)."""
    law = _ACTIVE.get() or installed()  # as ``derived`` keeps a value, written out: two calls fewer
    hit = law.index.get(name)
    if hit is None:
        hit = law.index[name] = Kept()
    return hit


class using:  # lower case: called as the function it was, ``with using(law):``
    """``law`` the active bundle while the ``with`` block runs (a class, not ``contextlib.contextmanager``: its
    generator and wrapper object were a few thousand machine instructions of every analysis)."""

    __slots__ = ("_law", "_token")

    def __init__(self, law: Law) -> None:
        self._law = law

    def __enter__(self) -> Law:
        self._token = _ACTIVE.set(self._law)
        return self._law

    def __exit__(self, *exc: object) -> None:
        _ACTIVE.reset(self._token)
