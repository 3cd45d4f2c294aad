"""Shared state of the CSED event readers (see csed_events.py)."""

from __future__ import annotations

from datetime import date

from levynav.core import params
from levynav.core.calc.csed_types import NoEffect, Suspension, clause
from levynav.core.calc.dates import add_months, last_day_after
from levynav.core.model.case import Case
from levynav.core.model.message import Message


def detail(name: str, **args: object) -> Message:
    """A clause of how an event's end was found: ``csed_timeline.detail.NAME``."""
    return clause(f"detail.{name}", **args)


def note(name: str, **args: object) -> Message:
    """A note of the reading: ``csed_timeline.note.NAME``."""
    return clause(f"note.{name}", **args)


class Reader:
    __slots__ = ("as_of", "case", "law_gaps", "missing", "missing_scope", "none", "notes", "out")  # one per analysis

    def __init__(self, case: Case, as_of: date) -> None:
        self.case = case
        self.as_of = as_of
        self.out: list[Suspension] = []
        self.none: list[NoEffect] = []
        self.notes: list[Message] = []
        self.missing: list[str] = []
        # the periods a missing fact can change: the periods of the record it is about (a hearing request, an offer,
        # an installment agreement) — a fact about another period's record decides nothing here; none = every period
        self.missing_scope: dict[str, tuple[str, ...]] = {}
        self.law_gaps: list[str] = []

    def ask(self, path: str, scope: tuple[str, ...]) -> None:
        """A fact that would make the computation firmer, about a record whose periods are ``scope`` (empty: all)."""
        self.missing.append(path)
        if scope:
            self.missing_scope[path] = scope

    def days(self, pid: str, on: date) -> int:
        return params.number(pid, on)

    def add(self, s: Suspension) -> None:
        self.out.append(s)

    def open_until_today(
        self, ref: str, source: str, start: date, why: tuple[Message, ...], tail_months: int = 0, **kw: object
    ) -> None:
        """Count an event still running up to the as-of date; ``tail_months`` adds the period the law says follows
        its end in any case (e.g. six months after a bankruptcy stay, § 6503(h)), so "at least" includes it."""
        today = max(start, self.as_of)
        end = add_months(today, tail_months) if tail_months else today
        said = (*why, detail("counted_up_to", day=today))
        if tail_months:
            said += (detail("tail_any_case", months=tail_months, end=end),)
        self.add(Suspension(ref, source, start, end, said, open=True, **kw))  # type: ignore[arg-type]


def periods(refs: list[str]) -> tuple[str, ...]:
    return tuple(refs)


def appeal(
    r: Reader, decided: date, end: date, said: tuple[Message, ...], appeal: date | None, appeal_decided: date | None
) -> tuple[date, tuple[Message, ...], bool]:
    """Extend a post-rejection suspension by a timely appeal (§ 6331(k)(1)(B), (k)(2)(B), (D)).

    The suspension is the levy bar itself (§ 6331(k)(3) with § 6331(i)(5): "the period during which the Secretary is
    prohibited ... from making a levy"), so an appeal is timely here exactly when it keeps the bar running: "filed
    within such 30 days", its last day moved past a weekend or DC legal holiday (§ 7503), as the bar counts it
    (``law.pending_bar_windows.close_after``)."""
    if appeal is None:
        return end, (*said, detail("no_appeal")), False
    window = r.days("csed.appeal_window_days", decided)
    if appeal > last_day_after(decided, window).last:
        return end, (*said, detail("appeal_late", appeal=appeal, days=window)), False
    if appeal_decided is None:
        last = max(end, r.as_of)
        return last, (*said, detail("appeal_pending", appeal=appeal, day=last)), True
    if appeal_decided > end:
        return appeal_decided, (*said, detail("appeal_decided", day=appeal_decided)), False
    return end, (*said, detail("appeal_decided_within", day=appeal_decided)), False
