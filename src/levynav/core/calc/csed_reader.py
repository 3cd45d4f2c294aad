"""Shared state of the CSED event readers (see csed_events.py)."""

from __future__ import annotations

from datetime import date, timedelta

from levynav.core import params
from levynav.core.calc.csed_types import NoEffect, Suspension
from levynav.core.calc.dates import add_months
from levynav.core.model.case import Case


class Reader:
    def __init__(self, case: Case, as_of: date) -> None:
        self.case = case
        self.as_of = as_of
        self.out: list[Suspension] = []
        self.none: list[NoEffect] = []
        self.notes: list[str] = []
        self.missing: list[str] = []
        self.law_gaps: list[str] = []

    def days(self, pid: str, on: date) -> int:
        return params.number(pid, on)

    def add(self, s: Suspension) -> None:
        self.out.append(s)

    def open_until_today(
        self, ref: str, label: str, source: str, start: date, why: str, tail_months: int = 0, **kw: object
    ) -> None:
        """Count an event still running up to the as-of date; ``tail_months`` adds the period the law says follows
        its end in any case (e.g. six months after a bankruptcy stay, § 6503(h)), so "at least" includes it."""
        today = max(start, self.as_of)
        end = add_months(today, tail_months) if tail_months else today
        detail = f"{why}; counted up to {today.isoformat()}"
        if tail_months:
            detail += f", + {tail_months} months that follow in any case = {end.isoformat()}"
        self.add(Suspension(ref, label, source, start, end, detail, open=True, **kw))  # type: ignore[arg-type]


def periods(refs: list[str]) -> tuple[str, ...]:
    return tuple(refs)


def appeal(
    r: Reader, decided: date, end: date, detail: str, appeal: date | None, appeal_decided: date | None
) -> tuple[date, str, bool]:
    """Extend a post-rejection suspension by a timely appeal (§ 6331(k)(1)(C), (k)(2)(C))."""
    if appeal is None:
        return end, detail + " (no appeal known)", False
    window = r.days("csed.appeal_window_days", decided)
    if appeal > decided + timedelta(days=window):
        return (
            end,
            detail + f"; the appeal of {appeal.isoformat()} was after the {window}-day window, so it adds nothing",
            False,
        )
    if appeal_decided is None:
        last = max(end, r.as_of)
        return (
            last,
            detail + f"; appeal filed {appeal.isoformat()} and still pending, counted up to {last.isoformat()}",
            True,
        )
    if appeal_decided > end:
        return appeal_decided, detail + f"; timely appeal decided {appeal_decided.isoformat()}", False
    return end, detail + f"; timely appeal decided {appeal_decided.isoformat()} within that time", False
