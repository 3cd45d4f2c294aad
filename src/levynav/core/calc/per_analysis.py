"""Values computed once per analysis: a calculation several rules read (the hearing windows of the notices, …)
runs the first time one asks and is kept until the analysis ends.

``analyze`` opens the scope (``scope()``); a function decorated with ``once_per_analysis`` answers from the scope's
memo when it is called again for the same case object, and computes afresh outside an analysis (a test, a
renderer) or for another case. Nothing outlives the analysis, so a case changed between two analyses is never
answered from an old result. Each call gets its own list: a caller may sort or extend what it got.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_MEMO: ContextVar[dict[Any, tuple[Any, Any]] | None] = ContextVar("levynav_per_analysis", default=None)


class _Scope:
    """The memo of one analysis, open while the ``with`` block runs (a class, not ``contextlib.contextmanager``:
    its generator and wrapper object were a few thousand machine instructions of every analysis)."""

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _MEMO.set({})

    def __exit__(self, *exc: object) -> None:
        _MEMO.reset(self._token)


def scope() -> _Scope:
    return _Scope()


def once_per_analysis(fn: Callable[[Any], list[T]]) -> Callable[[Any], list[T]]:
    kept = kept_per_analysis(fn)

    @functools.wraps(fn)
    def answer(case: Any) -> list[T]:
        return list(kept(case))  # each caller its own list

    return answer


def kept_per_analysis(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """``once_per_analysis`` for a value its callers only read (an index of the case, a frozen summary): the same
    object to every caller of the analysis, not a copy — a copy per call would cost what the index saves."""

    @functools.wraps(fn)
    def answer(case: Any) -> T:
        memo = _MEMO.get()
        if memo is None:
            return fn(case)
        hit = memo.get(fn)
        if hit is None or hit[0] is not case:
            hit = memo[fn] = (case, fn(case))
        kept: T = hit[1]
        return kept

    return answer
