"""Which automatic stay a repeat filer's bankruptcy case had (11 U.S.C. § 362(c)(3), (c)(4); reference RBK-362-SERIAL).

"if a single or joint case is filed by or against a debtor who is an individual in a case under chapter 7, 11, or
13, and if a single or joint case of the debtor was pending within the preceding 1-year period but was dismissed,
other than a case refiled under a chapter other than chapter 7 after dismissal under section 707(b)— (A) the stay
under subsection (a) ... shall terminate with respect to the debtor on the 30th day after the filing of the later
case" unless continued by the court after a hearing completed within that time (§ 362(c)(3)(B)). With two or more
such cases, "the stay under subsection (a) shall not go into effect upon the filing of the later case"
(§ 362(c)(4)(A)); on a request within 30 days the court may order one, effective on the order's entry
((c)(4)(B)–(C)). Both came with BAPCPA for cases filed on or after 17 October 2005: an earlier petition gets the
ordinary stay (the parameters have no value before that date).

The case's list of bankruptcies is the person's own cases, so the earlier cases are read from it. Used by the stay
rule (law/levy_stays.py) and the CSED reader (calc/csed_events.py), so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from levynav.core import params
from levynav.core.calc.dates import add_years
from levynav.core.model.analysis import ParamUse
from levynav.core.model.case import Bankruptcy, Case, TaxpayerKind

LOOKBACK = "bankruptcy.repeat_filing_lookback_years"
STAY_DAYS = "bankruptcy.repeat_filing_stay_days"
SHORT_STAY_CHAPTERS = frozenset({7, 11, 13})  # § 362(c)(3): "a case under chapter 7, 11, or 13"


class RepeatKind(StrEnum):
    ORDINARY = "ordinary"  # no earlier dismissed case counts: the ordinary stay
    SHORT = "short"  # § 362(c)(3): one earlier case; the stay ends for the debtor on the 30th day
    NONE = "none"  # § 362(c)(4): two or more; no stay began
    UNKNOWN = "unknown"  # a fact that decides between these is missing


@dataclass(frozen=True)
class RepeatFiling:
    kind: RepeatKind
    earlier: tuple[int, ...] = ()  # indices of the earlier dismissed cases that count
    missing: tuple[str, ...] = ()
    stay_days: int | None = None
    # the 30th day after the later petition: § 362(c)(3) the stay's last day; (c)(4)(B) the last day to ask for one
    last_day: date | None = None
    params: tuple[ParamUse, ...] = field(default=())


def _use(pid: str, on: date) -> ParamUse | None:
    try:
        return params.use(pid, on)
    except params.MissingParameter:
        return None


def repeat_filing(case: Case, index: int) -> RepeatFiling:
    """The stay the bankruptcy ``case.proceedings.bankruptcies[index]`` had under § 362(c)(3)–(4)."""
    cases = case.proceedings.bankruptcies
    b = cases[index]
    lookback, stay = _use(LOOKBACK, b.petition_date), _use(STAY_DAYS, b.petition_date)
    if lookback is None or stay is None or not isinstance(lookback.value, int) or not isinstance(stay.value, int):
        return RepeatFiling(RepeatKind.ORDINARY)  # a petition before BAPCPA: the ordinary stay
    if case.taxpayer.kind is not TaxpayerKind.INDIVIDUAL:
        return RepeatFiling(RepeatKind.ORDINARY)  # both paragraphs are about "a debtor who is an individual"
    since = add_years(b.petition_date, -lookback.value)
    uses = (lookback, stay)
    counted: list[int] = []  # dismissed in the year, the § 707(b) question answered (or not a chapter 7 case)
    maybe_707b: list[int] = []  # a chapter 7 case (or chapter not known) whose dismissal may have been under § 707(b)
    for j, p in enumerate(cases):
        if j == index or p.petition_date >= b.petition_date or p.dismissal_date is None:
            continue
        if not since <= p.dismissal_date <= b.petition_date:
            continue
        (maybe_707b if p.dismissed_under_707b is None and p.chapter in (7, None) else counted).append(j)

    # § 362(c)(4): "other than a case refiled under section 707(b)"; (c)(3): "other than a case refiled under a
    # chapter other than chapter 7 after dismissal under section 707(b)". A known § 707(b) dismissal does not
    # count for (c)(4), nor for (c)(3) when the later case is not under chapter 7.
    def excluded(j: int, for_c4: bool) -> bool:
        return bool(cases[j].dismissed_under_707b) and (for_c4 or b.chapter != 7)

    c4 = [j for j in counted if not excluded(j, True)]
    c3 = [j for j in counted if not excluded(j, False)]
    missing = tuple(f"proceedings.bankruptcies[{j}].dismissed_under_707b" for j in maybe_707b)
    last_day = b.petition_date + timedelta(days=stay.value)
    if len(c4) >= 2:
        return RepeatFiling(RepeatKind.NONE, tuple(c4), (), stay.value, last_day, uses)
    if len(c4) + len(maybe_707b) >= 2 and maybe_707b:
        return RepeatFiling(RepeatKind.UNKNOWN, tuple(c4 + maybe_707b), missing, stay.value, last_day, uses)
    if b.chapter is not None and b.chapter not in SHORT_STAY_CHAPTERS:
        return RepeatFiling(RepeatKind.ORDINARY)  # § 362(c)(3) covers chapters 7, 11 and 13 only
    if c3 or maybe_707b:
        chapter_missing = () if b.chapter is not None else (f"proceedings.bankruptcies[{index}].chapter",)
        if maybe_707b and not c3:
            return RepeatFiling(RepeatKind.UNKNOWN, tuple(maybe_707b), missing, stay.value, last_day, uses)
        if chapter_missing:
            return RepeatFiling(RepeatKind.UNKNOWN, tuple(c3), chapter_missing, stay.value, last_day, uses)
        return RepeatFiling(RepeatKind.SHORT, tuple(c3), (), stay.value, last_day, uses)
    return RepeatFiling(RepeatKind.ORDINARY)


def short_stay_ended(b: Bankruptcy, rf: RepeatFiling) -> bool:
    """§ 362(c)(3): the stay ended for the debtor on the 30th day (no order continuing it is known)."""
    return rf.kind is RepeatKind.SHORT and not b.stay_continued


def stayed_on(case: Case, day: date) -> int | None:
    """The index of a bankruptcy whose automatic stay was surely in effect against the debtor on ``day``, or None.

    Surely: the day is after the petition's day (on that day the order of the two acts is not known) and before the
    case's discharge, dismissal or closing (§ 362(c)(2)); the stay began (§ 362(c)(4): a repeat filer's only from
    the court's order) and had not ended for the debtor on the 30th day (§ 362(c)(3)). Read for acts of the IRS that
    the stay makes void (Smith v. Comm'r, 124 T.C. 36 (2005): a notice of determination issued during it).
    """
    for i, b in enumerate(case.proceedings.bankruptcies):
        ends = [d for d in (b.discharge_date, b.dismissal_date, b.closed_date) if d is not None]
        if day <= b.petition_date or (ends and day >= min(ends)):
            continue
        rf = repeat_filing(case, i)
        if rf.kind is RepeatKind.UNKNOWN:
            continue
        if rf.kind is RepeatKind.NONE:
            if b.stay_imposed_date is not None and day > b.stay_imposed_date:
                return i
            continue
        if short_stay_ended(b, rf) and (rf.last_day is None or day > rf.last_day):
            continue
        return i
    return None
