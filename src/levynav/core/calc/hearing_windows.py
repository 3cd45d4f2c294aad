"""The request windows of the hearing routes, computed once from the notices and shared by the rules
and the deadline functions of ``law/appeals.py``.

- Levy CDP (§ 6330(a)(3)(B)): 30 days beginning the day after the notice date; from the mailing date
  when the notice was mailed later than the date printed on it (Weiss v. Comm'r, 147 T.C. 179 (2016)).
- Lien CDP (§ 6320(a)(2), (a)(3)(B)): 30 days beginning the day after the 5th business day after the
  Notice of Federal Tax Lien was filed; Letter 3172 prints the last day.
- Equivalent hearing (Treas. Reg. §§ 301.6330-1(i), 301.6320-1(i)): one year beginning the day after the
  notice date (levy) or after the 5-business-day period (lien). Two readings, which differ only for a start of
  28 February before a leap year: the IRS's forms and pages ("within one year of the notice") end it on the
  anniversary (28 February), the regulation's year "commencing the day after" on 29 February
  (``dates.months_commencing_after``). The person must act, so the earlier date is shown first (``eh``) and the
  regulation's is kept beside it (``eh_other``); a request already made is judged by the regulation's date
  (``eh_latest``), which binds the IRS and protects the person.

Settled (reference E.14, closed): §§ 7502 and 7503 decide whether an equivalent-hearing request is timely
(Treas. Reg. §§ 301.6330-1(i)(2) and 301.6320-1(i)(2) Q&A-I8, added by T.D. 9291, 71 FR 60827 (2006)), so a
one-year period ending on a weekend or DC legal holiday runs through the next business day.
Open question: the Weiss rule was decided for the 30-day period; the one-year period is counted here
from the printed date (the earlier, safer date) when both are known.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Final

from levynav.core import lawdata, params
from levynav.core.calc import dates, notice_assessment
from levynav.core.calc import postponed_deadlines as postponing
from levynav.core.calc.per_analysis import once_per_analysis
from levynav.core.calc.repeat_filing_stay import stayed_on
from levynav.core.law import registry
from levynav.core.model.analysis import Deadline, Message, ParamUse, message
from levynav.core.model.case import Case, HearingKind, HearingRequest, Notice, NoticeType, PostponementKind
from levynav.core.model.construct import builder

PRE_LEVY = frozenset({NoticeType.LT11, NoticeType.LETTER_1058, NoticeType.CP90, NoticeType.CP297})
POST_LEVY = frozenset({NoticeType.CP92, NoticeType.CP297A, NoticeType.CP297C})
LIEN = frozenset({NoticeType.LETTER_3172})
NOT_CDP = frozenset({NoticeType.CP14, NoticeType.CP501, NoticeType.CP503, NoticeType.CP504, NoticeType.CP504B})


# CDP hearings apply to collection actions after 1999-01-18: RRA 98, Pub. L. 105-206, § 3401(d) (180 days after
# enactment on 1998-07-22); Treas. Reg. § 301.6330-1(a)(1) ("on or after January 19, 1999"), § 301.6320-1(a)(1).
CDP_FROM = date(1999, 1, 19)


@dataclass(frozen=True, slots=True)  # slotted: made by a builder (``_window``), one per hearing notice per analysis
class Window:
    """The CDP and equivalent-hearing periods opened by one notice."""

    index: int
    notice: Notice
    kind: HearingKind
    post_levy: bool
    cdp: dates.LastDay | None  # None when the dates needed are unknown
    printed_last: date | None  # Letter 3172: the last day printed on the letter
    eh: dates.LastDay | None  # the one-year period to its anniversary (the earlier reading, shown first)
    params: tuple[ParamUse, ...]
    facts: dict[str, Any] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    repeat: bool = False  # a later notice for periods an earlier hearing notice covered (no new CDP hearing)
    # not known to be a repeat or not: the facts that would decide it (an earlier notice's or this one's tax periods,
    # an undated notice's date, whether this one is about a later-assessed tax); the rules read the notice as possibly
    # the first for its periods and ask (``_repeat``)
    repeat_missing: tuple[str, ...] = ()
    gaps: tuple[
        str, ...
    ] = ()  # parameters with no value in force for the notice's date (reason: ``law.notices.window_gap``)
    counted: tuple[
        Message, ...
    ] = ()  # how the CDP period was counted, as message references (the deadline's computation)
    eh_other: dates.LastDay | None = None  # the regulation's year "commencing the day after", when it ends later

    @property
    def subject(self) -> str:
        return f"notices[{self.index}]"

    @property
    def before_cdp(self) -> bool:
        """The notice predates the CDP law, so it gave no CDP hearing (nor an equivalent hearing)."""
        on = _start(self)
        return on is not None and on < CDP_FROM

    @property
    def cdp_last(self) -> date | None:
        """The last day to ask for a CDP hearing: for a lien, the earlier of the computed and printed dates."""
        # read by every hearing rule and deadline: the earlier known day, without a list per call
        computed, printed = self.cdp.last if self.cdp else None, self.printed_last
        if computed is None or printed is None:
            return printed if computed is None else computed
        return min(computed, printed)

    @property
    def cdp_law_last(self) -> date | None:
        """The last day a request already made is judged by: the law's day when it is known (§ 6320(a)(3)(B): the
        30 days after the 5-business-day period; Treas. Reg. § 301.6320-1(c)(2) A-C3), else the day printed on the
        letter. A Letter 3172 printing an earlier day than the law's does not shorten the period: the earlier day is
        the one the person is told to act by (``cdp_last``), but a request made after it and by the law's day is on
        time — as a levy notice's printed day is weighed (law/appeals.py ``_printed_levy_date``)."""
        return self.cdp.last if self.cdp is not None else self.printed_last

    @property
    def eh_last(self) -> date | None:
        """The last day of the one-year period, moved by § 7503 (Treas. Reg. § 301.6330-1(i)(2) Q&A-I8): the earlier
        reading (the anniversary), the date the person is told to act by."""
        return self.eh.last if self.eh else None

    @property
    def eh_latest(self) -> date | None:
        """The last day under the regulation's reading ("the one-year period commencing the day after", Q&A-I7) when
        it is later than the anniversary, else ``eh_last``: a request made by it is timely."""
        return self.eh_other.last if self.eh_other is not None else self.eh_last


HEARING = PRE_LEVY | POST_LEVY | LIEN  # made once, not per call

# made for every hearing notice of every analysis: by its builder (model/construct.builder), without the
# ``object.__setattr__`` per field of a frozen dataclass's own ``__init__``
_window = builder(Window)
_deadline = builder(Deadline)  # a light record (ADR 0014): its builder called, not ``construct`` looking it up


def hearing_notices(case: Case) -> list[tuple[int, Notice]]:
    return [(i, n) for i, n in enumerate(case.notices) if n.type in HEARING]


@once_per_analysis  # five rules and the deadlines read the windows: counted once per analysis
def windows(case: Case) -> list[Window]:
    """One window per hearing notice, in the case's order; a later notice for periods an earlier hearing
    notice of the same kind already covered is marked ``repeat`` (§ 6330(a)(1) "only once for the taxable
    period"; § 6330(b)(2), § 6320(b)(2) "only one hearing ... with respect to the taxable period"; Treas. Reg.
    § 301.6330-1(b)(2) Q&A-B2); one that may or may not be is marked with the facts that would decide it
    (``repeat_missing``)."""
    out = []
    for i, n in hearing_notices(case):
        out.append(_lien_window(i, n) if n.type in LIEN else _levy_window(i, n))
    # a window is built with repeat=False: a copy only for the rare later notice
    marked = []
    assessed = {p.id: p.additional_assessment_dates for p in case.tax_periods if p.additional_assessment_dates}
    found_by_window = _repeats(out, assessed, _issued_in_stay(case, out))
    first_assessed = notice_assessment.assessment_dates(case)
    died = case.taxpayer.date_of_death
    for w in out:
        found = found_by_window[w.index]
        if found is True:
            w = replace(w, repeat=True)
        elif found:
            w = replace(w, repeat_missing=found)
        # a levy notice given before a period it names was assessed may not be that tax's notice: its days are still
        # counted and shown (act by them), with the clause saying so (notice_assessment; reference NC-ASSESSED)
        early = notice_assessment.assessed_after(w.notice, first_assessed) if w.kind is _LEVY else ()
        if early:
            said = tuple(message("count.before_assessment", period=pid, assessed=day) for pid, day in early)
            w = replace(w, counted=(*w.counted, *said))
        # a notice given after the taxpayer died: its days are counted from it as from any notice (the earlier,
        # protective reading), with the clause that the fiduciary acts by them (§ 6903(a); reference DEC-6903)
        given = dates.counting_start(w.notice.notice_date, w.notice.mailing_date) if w.kind is _LEVY else None
        if died is not None and given is not None and given > died:
            w = replace(w, counted=(*w.counted, message("count.after_death", died=died)))
        marked.append(w)
    return marked


def _start(w: Window) -> date | None:
    return w.notice.nftl_filed_date if w.kind is HearingKind.LIEN else w.notice.notice_date


def _start_path(w: Window) -> str:
    """The fact that dates a hearing notice for the repeat test (``_start``)."""
    return f"{w.subject}.nftl_filed_date" if w.kind is HearingKind.LIEN else f"{w.subject}.notice_date"


@dataclass
class _Earlier:
    """What the hearing notices of one kind dated before a day hold, built up in date order (``_repeats``): the
    periods they name, and the paths of those that name none with their place in the case (the case's order)."""

    covered: set[str] = field(default_factory=set)
    unlisted: list[tuple[int, str]] = field(default_factory=list)
    count: int = 0


def issued_in_stay(case: Case) -> list[tuple[int, date, int]]:
    """The levy hearing notices issued while a bankruptcy's automatic stay was in effect, as (notice index, the day
    it counts from, the bankruptcy's index), in the case's order (``_issued_in_stay``)."""
    if not case.proceedings.bankruptcies:
        return []
    out = []
    for i in sorted(_issued_in_stay(case, windows(case))):
        n = case.notices[i]
        day = dates.counting_start(n.notice_date, n.mailing_date)
        k = None if day is None else stayed_on(case, day)
        if day is not None and k is not None:
            out.append((i, day, k))
    return out


def _issued_in_stay(case: Case, every: list[Window]) -> set[int]:
    """The levy hearing notices (by notice index) issued while a bankruptcy's automatic stay was in effect: invalid
    and of no effect (Beverly v. Comm'r, T.C. Memo. 2005-41; reference RBK-362-NOTICE), so none makes a later notice
    for its periods a repeat — the first notice given after the stay is the one that gives the hearing (§ 6330(a)(1)).
    The notice's own 30 days are still counted and shown (the stay does not reach a tax for a later period)."""
    if not case.proceedings.bankruptcies:
        return set()
    out = set()
    for w in every:
        day = dates.counting_start(w.notice.notice_date, w.notice.mailing_date)
        if w.kind is _LEVY and day is not None and stayed_on(case, day) is not None:
            out.add(w.index)
    return out


def _repeats(
    every: list[Window], assessed: dict[str, list[date]], void: set[int] | None = None
) -> dict[int, bool | tuple[str, ...]]:
    """``_repeat`` of every window, by the window's notice index. The windows of each kind are taken in date order, and
    what the earlier ones cover is carried from one date to the next: one pass, not a pass over every other window
    for each window (linear in the notices, not their square). ``void``: notices that count for nothing (issued in a
    bankruptcy stay): they are weighed as any, but cover no period for a later one."""
    void = void or set()
    found: dict[int, bool | tuple[str, ...]] = {}
    by_kind: dict[HearingKind, list[Window]] = {}
    for w in every:
        by_kind.setdefault(w.kind, []).append(w)
    for same in by_kind.values():
        undated = [w for w in same if _start(w) is None]
        dated = sorted(((day, w) for w in same if (day := _start(w)) is not None), key=_first_of)
        first: dict[str, date] = {}  # a period's earliest dated notice of the kind (dated: in date order)
        for day, w in dated:
            if w.index in void:
                continue
            for p in w.notice.tax_periods:
                first.setdefault(p, day)
        before = _Earlier()
        at = 0
        while at < len(dated):
            day = dated[at][0]
            end = at
            while end < len(dated) and dated[end][0] == day:
                end += 1
            group = [w for _, w in dated[at:end]]
            for w in group:
                found[w.index] = _repeat(w, day, before, undated, first, assessed)
            counted = [w for w in group if w.index not in void]
            for w in counted:
                before.covered.update(w.notice.tax_periods)
                if not w.notice.tax_periods:
                    bisect.insort(before.unlisted, (w.index, f"{w.subject}.tax_periods"))
            before.count += len(counted)
            at = end
        for w in undated:
            found[w.index] = False
    return found


def _first_of(pair: tuple[date, Window]) -> date:
    return pair[0]


def _repeat(
    w: Window,
    mine: date,
    earlier: _Earlier,
    undated: list[Window],
    first: dict[str, date],
    assessed: dict[str, list[date]],
) -> bool | tuple[str, ...]:
    """Whether an earlier-dated hearing notice of the same kind covers every period of this one: True (a repeat), False
    (the first notice for at least one of its periods, or for a tax assessed after the earlier notice), or the paths
    of the facts that would decide it.

    "Only the first pre-levy or post-levy CDP Notice with respect to the unpaid tax and tax periods entitles the
    taxpayer to request a CDP hearing" (Treas. Reg. § 301.6330-1(b)(2) Q&A-B2). A repeat is certain only when the
    periods are known: every period of this notice is on an earlier one. An earlier notice that lists no periods may
    have covered this notice's periods or others; a later notice that lists none may be about the earlier periods or
    new ones — which periods each covers is asked, not assumed (the earlier notice read as covering every period
    would take a hearing away on a guess).

    An undated notice of the same kind may have come before this one: when it could cover a period no dated earlier
    notice covers, its date (and its periods, when it lists none) is asked — it is not dropped.

    The hearing is per unpaid tax: a tax assessed for a period after the first notice for it (an additional
    assessment, ``tax_periods[].additional_assessment_dates``) is an unpaid tax no notice has yet been given for, and
    a later notice may be the first notice for it. Then the notice is a repeat only if it is not about that tax
    (``notices[].for_additional_assessment``), asked when not known.

    ``mine`` is this notice's date, ``earlier`` what the same-kind notices dated before it hold, ``undated`` the
    same-kind notices with no date, ``first`` each period's earliest dated same-kind notice."""
    if w.notice.for_additional_assessment:
        return False  # the first notice for the tax assessed later (Q&A-B2: "the unpaid tax and tax periods")
    if not earlier.count and not undated:
        return False
    covered = earlier.covered
    mine_periods = set(w.notice.tax_periods)
    if mine_periods and mine_periods <= covered:
        return _repeat_of_tax(w, mine, first, assessed)
    unlisted = [path for _, path in earlier.unlisted]
    if not mine_periods:
        asked = [f"{w.subject}.tax_periods", *unlisted]
        for other in undated:
            asked.append(_start_path(other))
            if not other.notice.tax_periods:
                asked.append(f"{other.subject}.tax_periods")
        return tuple(asked)
    need = mine_periods - covered
    maybe = [other for other in undated if not other.notice.tax_periods or need & set(other.notice.tax_periods)]
    could = bool(unlisted) or any(not other.notice.tax_periods for other in maybe)
    could = could or need <= {p for other in maybe for p in other.notice.tax_periods}
    if not could:
        return False
    asked = list(unlisted)
    for other in maybe:
        asked.append(_start_path(other))
        if not other.notice.tax_periods:
            asked.append(f"{other.subject}.tax_periods")
    return tuple(asked) or False


def _repeat_of_tax(
    w: Window, mine: date, first: dict[str, date], assessed: dict[str, list[date]]
) -> bool | tuple[str, ...]:
    """Every period of this notice is on an earlier notice: a repeat, unless a tax was assessed for one of them on or
    after the first notice for it and by this notice's date (this notice may be the first for that tax): then it is
    a repeat only if the notice is not about that tax, asked when not known (``for_additional_assessment``)."""
    for period in w.notice.tax_periods:
        later = assessed.get(period)
        if not later:
            continue
        since = first[period]
        if any(since <= d <= mine for d in later):
            if w.notice.for_additional_assessment is None:
                return (f"{w.subject}.for_additional_assessment",)
            return True  # said not to be about the later tax: a reminder for the tax of the first notice
    return True


def param_use(pid: str, on: date) -> ParamUse | None:
    try:
        return params.use(pid, on)
    except params.MissingParameter:
        return None


# the parameter of the levy CDP request period: read here only (``cdp_request_period``); others name it by this
CDP_REQUEST_DAYS: Final = "cdp.request_window_days"


def cdp_request_period(start: date) -> tuple[dates.LastDay | None, ParamUse | None]:
    """THE levy CDP request period (§ 6330(a)(3)(B)): ``cdp.request_window_days`` days beginning the day after
    ``start`` (the notice date, or the mailing date when later), § 7503 applied. Every reader of the period — the
    hearing windows, the post-levy hearing rule, the transcript reader — counts it here, once.

    (None, None) when no value of the period is on record for ``start``; (None, use) when it is not a whole number.
    """
    use = param_use(CDP_REQUEST_DAYS, start)
    if use is None or not isinstance(use.value, int):
        return None, use
    return dates.last_day_after(start, use.value), use


def _levy_window(i: int, n: Notice) -> Window:
    subject = f"notices[{i}]"
    facts: dict[str, Any] = {f"{subject}.type": n.type}
    if n.notice_date is not None:
        facts[f"{subject}.notice_date"] = n.notice_date
    if n.mailing_date is not None:
        facts[f"{subject}.mailing_date"] = n.mailing_date
    post = n.type in POST_LEVY
    cdp, eh, used, gaps, counted, eh_other = _levy_periods(n.notice_date, n.mailing_date)
    if n.notice_date is None and n.mailing_date is None:  # no date to count from (``dates.counting_start``)
        return _window(
            index=i,
            notice=n,
            kind=_LEVY,
            post_levy=post,
            cdp=None,
            printed_last=None,
            eh=None,
            params=(),
            facts=facts,
            missing=(f"{subject}.notice_date",),
            counted=counted,
        )
    return _window(
        index=i,
        notice=n,
        kind=_LEVY,
        post_levy=post,
        cdp=cdp,
        printed_last=None,
        eh=eh,
        params=used,
        facts=facts,
        gaps=gaps,
        counted=counted,
        eh_other=eh_other,
    )


_LEVY = HearingKind.LEVY  # read once, not through the enum class per window
_LevyPeriods = tuple[
    dates.LastDay | None,
    dates.LastDay | None,
    tuple[ParamUse, ...],
    tuple[str, ...],
    tuple[Message, ...],
    dates.LastDay | None,
]


def _levy_periods(printed: date | None, mailed: date | None) -> _LevyPeriods:
    """A levy notice's CDP and one-year periods, the parameters used, those with no value and how the CDP period was
    counted: they follow from the notice's two dates and the law, not from the case, so they are counted once per
    Law bundle and pair of dates and kept on it (the records are frozen and shared)."""
    known: dict[tuple[date | None, date | None], _LevyPeriods] = lawdata.kept("hearing_windows.levy")
    try:
        return known[printed, mailed]
    except KeyError:
        pass
    start = dates.counting_start(printed, mailed)
    counted = (dates.counting_start_message(printed, mailed),)
    if start is None:
        found: _LevyPeriods = (None, None, (), (), counted, None)
    else:
        cdp, days = cdp_request_period(start)
        months = param_use("eh.request_window_months", start)
        gaps = [pid for pid, u in ((CDP_REQUEST_DAYS, days), ("eh.request_window_months", months)) if u is None]
        gaps += [u.id for u in (days, months) if u is not None and not isinstance(u.value, int)]
        eh_start = printed or start
        eh, eh_other = (
            eh_readings(eh_start, months.value)
            if months is not None and isinstance(months.value, int)
            else (None, None)
        )
        used = tuple(u for u in (days, months) if u is not None)
        found = (cdp, eh, used, tuple(gaps), counted, eh_other)
    known[printed, mailed] = found
    return found


def eh_readings(start: date, months: int) -> tuple[dates.LastDay, dates.LastDay | None]:
    """The one-year equivalent-hearing period counted from ``start`` (the notice date, or the end of the lien's
    5-business-day period), § 7503 applied, under its two readings: to the anniversary of ``start`` ("within one
    year of the notice", as the IRS's forms and pages say it) and as the regulation counts it, "the one-year period
    commencing the day after" (Treas. Reg. §§ 301.6330-1(i)(2), 301.6320-1(i)(2) Q&A-I7). The earlier is first (the
    person must act by it); the second is None when both end on the same day (every start but 28 February before a
    leap year)."""
    anniversary = dates.last_day_after_months(start, months)
    regulation = dates.last_day_of_months_commencing_after(start, months)
    early, late = (anniversary, regulation) if anniversary.last <= regulation.last else (regulation, anniversary)
    return early, (late if late.last != early.last else None)


def _lien_window(i: int, n: Notice) -> Window:
    subject = f"notices[{i}]"
    facts: dict[str, Any] = {f"{subject}.type": n.type}
    if n.response_date is not None:
        facts[f"{subject}.response_date"] = n.response_date
    if n.nftl_filed_date is None:
        missing = (f"{subject}.nftl_filed_date",)
        counted = (message("count.lien_printed" if n.response_date else "count.lien_filed_unknown"),)
        return _window(
            index=i,
            notice=n,
            kind=HearingKind.LIEN,
            post_levy=False,
            cdp=None,
            printed_last=n.response_date,
            eh=None,
            params=(),
            facts=facts,
            missing=missing,
            counted=counted,
        )
    filed = n.nftl_filed_date
    facts[f"{subject}.nftl_filed_date"] = filed
    business = param_use("cdp.lien_notice_business_days", filed)
    days = param_use("cdp.lien_request_window_days", filed)
    months = param_use("eh.request_window_months", filed)
    named = (
        ("cdp.lien_notice_business_days", business),
        ("cdp.lien_request_window_days", days),
        ("eh.request_window_months", months),
    )
    gaps = tuple(pid for pid, u in named if u is None or not isinstance(u.value, int))
    if business is None or days is None or not isinstance(business.value, int) or not isinstance(days.value, int):
        used = tuple(u for _, u in named if u is not None)
        return _window(
            index=i,
            notice=n,
            kind=HearingKind.LIEN,
            post_levy=False,
            cdp=None,
            printed_last=n.response_date,
            eh=None,
            params=used,
            facts=facts,
            gaps=gaps,
            counted=(message("count.lien_not_counted"),),
        )
    fifth = dates.add_business_days(filed, business.value)
    eh_months = eh_other = None
    if months is not None and isinstance(months.value, int):
        eh_months, eh_other = eh_readings(fifth, months.value)
    cdp = dates.last_day_after(fifth, days.value)
    lien_counted = [message("count.lien_business_day", day=fifth, days=business.value)]
    if n.response_date is not None and n.response_date != cdp.last:
        lien_counted.append(message("count.lien_printed_differs", printed=n.response_date))
    return _window(
        index=i,
        notice=n,
        kind=HearingKind.LIEN,
        post_levy=False,
        cdp=cdp,
        printed_last=n.response_date,
        eh=eh_months,
        params=tuple(u for u in (business, days, months) if u is not None),
        facts=facts,
        gaps=gaps,
        counted=tuple(lien_counted),
        eh_other=eh_other,
    )


def not_validly_given(case: Case, w: Window) -> bool:
    """A levy hearing notice mailed to an address that was not the last known address (§ 6330(a)(2)(C); Treas. Reg.
    § 301.6212-2) that did not reach the person by its last day to ask: it reached them after that day, or they say
    no levy hearing notice reached them. Such a notice counts only if it actually reached the person in time
    (reference CDP-17-ADDRESS): this one started no 30 days, and the right to the CDP hearing for its periods remains
    (the IRS "will promptly provide the taxpayer with a substitute CDP Notice", Treas. Reg. § 301.6320-1(a)(2)
    Q&A-A12). Read by the notice-receipt rule (CDP-17), the CDP and equivalent-hearing routes and their deadlines."""
    n = w.notice
    if w.kind is not HearingKind.LEVY or n.sent_to_last_known_address is not False:
        return False
    if n.received_date is not None:
        return w.cdp_last is not None and n.received_date > w.cdp_last
    return case.circumstances.no_levy_notice_received is True


def assessed_after_notice(case: Case, w: Window) -> tuple[tuple[str, date], ...]:
    """The periods a levy hearing notice names that were first assessed after it was given (its date, or its mailing
    date when later: Weiss), with their assessment dates (``notice_assessment.assessed_after``; reference NC-ASSESSED);
    none for a lien notice, or when no such period is known."""
    if w.kind is not _LEVY:
        return ()
    return notice_assessment.assessed_after(w.notice, notice_assessment.assessment_dates(case))


def request_for(case: Case, w: Window) -> tuple[int, HearingRequest] | None:
    """The first hearing request of the window's kind that covers a tax period on the notice."""
    for j, r in enumerate(case.proceedings.hearing_requests):
        if r.kind is not w.kind:
            continue
        if r.tax_periods and w.notice.tax_periods and not set(r.tax_periods) & set(w.notice.tax_periods):
            continue
        if w.notice.notice_date is not None and r.request_date < w.notice.notice_date:
            continue
        return j, r
    return None


def cdp_requested_for_all(case: Case, w: Window) -> bool:
    """Whether a CDP request was made in time on the window's notice for every period the notice lists.

    The equivalent hearing is for "a taxpayer who fails to make a timely request for a CDP hearing" (Treas. Reg.
    §§ 301.6330-1(i)(1), 301.6320-1(i)(1)); a timely request is a CDP request whatever box is checked (Ruhaak v.
    Comm'r, 157 T.C. No. 9 (2021)). Then the one-year date to ask for an equivalent hearing on that notice is no
    route of this person's, and is not shown as a deadline. Only when the request certainly covers every period of
    the notice: it names none, or names them all (a notice listing none is not known to be covered — the date stays).
    Judged as EH-1 judges it (``request_for``; the postponed CDP date counts, ``timely_by``)."""
    if w.cdp_law_last is None:
        return False
    found = request_for(case, w)
    if found is None:
        return False
    req = found[1]
    if req.tax_periods and not (w.notice.tax_periods and set(w.notice.tax_periods) <= set(req.tax_periods)):
        return False
    by = timely_by(case, w, req.request_date)
    return by.last is not None and req.request_date <= by.last


def deadline(
    did: str,
    title: Message,
    when: date,
    as_of: date,
    protects: Message,
    cites: tuple[str, ...],
    computation: list[Message],
    subject: str | None = None,
    alternative: date | None = None,
    alternative_reason: Message | None = None,
) -> Deadline:
    """A deadline record; ``alternative`` is the last day under another reading, later than ``when`` (shown second,
    with ``alternative_reason``)."""
    return _deadline(
        id=did,
        title=title,
        date=when,
        days_left=(when - as_of).days,
        protects=protects,
        citations=registry.cites(cites),
        computation=computation,
        subject=subject,
        passed=when < as_of,
        alternative_date=alternative,
        alternative_reason=alternative_reason,
    )


def eh_computation(w: Window) -> list[Message]:
    """The one-year count and, when its plain end is not a business day, the § 7503 move (Q&A-I8).

    The clauses follow from the period's dates alone: made once per Law bundle and period, kept on the bundle (shared
    message records, never changed); a fresh list each call."""
    assert w.eh is not None
    known: dict[dates.LastDay, tuple[Message, ...]] = lawdata.kept("hearing_windows.eh_computation")
    said = known.get(w.eh)
    if said is None:
        out = [message("count.one_year", what=message("count.what.eh"), start=w.eh.start, end=w.eh.raw)]
        roll = w.eh.roll()
        if roll is not None:
            out.append(message("count.roll_forward", reason=roll, last=w.eh.last))
        if w.eh_other is not None:  # the regulation's year "commencing the day after" ends later (Q&A-I7)
            out.append(message("count.reading.eh_regulation", shown=w.eh.last, regulation=w.eh_other.last))
        said = known[w.eh] = tuple(out)
    return list(said)


# ---------------------------------------------------------------- which period a hearing request falls in


@dataclass(frozen=True)
class TimelyBy:
    """The last day that decides whether a request made on a given day is a timely CDP request."""

    last: date | None  # None: a postponement whose start or end is unknown may reach the CDP date
    postponed: bool = False  # ``last`` is the date postponed by §§ 7508, 7508A (the request was timely only by it)
    missing: tuple[str, ...] = ()  # the postponement fields that would decide it


def timely_by(case: Case, w: Window, made: date) -> TimelyBy:
    """The last day for a timely CDP request on window ``w`` (its ``cdp_law_last`` known), for a request made on
    ``made``: the ordinary last day when the request was made by it; else the last day postponed by disaster relief
    (§ 7508A; Treas. Reg. § 301.7508A-1(b)(2)) or combat-zone service (§ 7508(a)(1)(K), Rev. Proc. 2018-58) when
    the request was made by that one — the postponed day makes it a timely CDP request. When a postponement whose
    start or end is unknown could reach the CDP date, a later request is neither timely nor late: unknown.

    The CDP request period is not an act of § 7508(a)(1)(A)-(F), so the mandatory period of a major disaster
    (§ 7508A(e)) does not reach it (as in ``law/postponed_acts.py``)."""
    ordinary = w.cdp_law_last  # a request made is judged by the law's day (a printed earlier day does not shorten it)
    assert ordinary is not None
    if made <= ordinary:
        return TimelyBy(ordinary)
    items = case.proceedings.postponements
    counted = [(i, p) for i, p in enumerate(items) if p.kind is not PostponementKind.MAJOR_DISASTER]
    periods = [s for i, p in counted if (s := postponing.disregarded(i, p)) is not None]
    first = w.cdp.start + timedelta(days=1) if w.cdp is not None else None
    raw = w.cdp.raw if w.cdp is not None else ordinary
    moved = postponing.postpone(first, raw, periods) if periods else None
    later = moved.last if moved is not None and moved.last > ordinary else None
    if later is not None and made <= later:
        return TimelyBy(later, postponed=True)
    reached = moved.raw if moved is not None else raw
    missing = tuple(
        f"proceedings.postponements[{i}].{name}"
        for i, p in counted
        if (p.start is None or p.end is None) and (p.start is None or p.start <= reached)
        for name in ("start", "end")
        if getattr(p, name) is None
    )
    if missing:
        return TimelyBy(None, missing=missing)
    return TimelyBy(later or ordinary, postponed=later is not None)


@dataclass(frozen=True)
class StillOpen:
    """A CDP request not yet made whose ordinary last day has passed, kept open by a postponement (§§ 7508, 7508A)."""

    last: date | None  # the postponed last day; None: not countable yet (``serving``, or dates asked in ``missing``)
    serving: bool = False  # a combat-zone service with no last day yet, begun by the ordinary last day
    missing: tuple[str, ...] = ()


def still_open(case: Case, w: Window, as_of: date) -> StillOpen | None:
    """Would a CDP request made on ``as_of``, after the notice's ordinary last day, still be a timely CDP request by a
    postponement? (``timely_by`` decides it, as for a request already made.) ``last``: the postponed day has not
    passed. ``serving``: a combat-zone service with no last day yet began by the ordinary last day — "the period of
    service ... and the next 180 days thereafter, shall be disregarded" (§ 7508(a)), so while the person serves the
    request has not run out (as PP-7508 ``still_serving_passed`` says). Otherwise, with a postponement's dates
    unknown that may reach the CDP date: open or not is unknown (``missing``). None: no postponement keeps it open."""
    ordinary = w.cdp_law_last
    if ordinary is None or as_of <= ordinary:
        return None
    by = timely_by(case, w, as_of)
    if by.last is not None:
        return StillOpen(by.last) if by.postponed and as_of <= by.last else None
    raw = w.cdp.raw if w.cdp is not None else ordinary
    serving = any(
        p.kind is PostponementKind.COMBAT_ZONE and p.start is not None and p.end is None and p.start <= raw
        for p in case.proceedings.postponements
    )
    return StillOpen(None, serving, by.missing)


@dataclass(frozen=True)
class RequestKind:
    """Which hearing a request asks for: ``cdp`` True (CDP), False (equivalent hearing), None (cannot tell)."""

    index: int
    request: HearingRequest
    cdp: bool | None
    window: Window | None  # the notice whose CDP period decided it
    missing: tuple[str, ...] = ()
    box_overridden: bool = False  # equivalent-hearing box ticked on a timely request (Ruhaak)
    postponed: date | None = None  # timely only by the last day postponed by §§ 7508, 7508A
    # made after the last day of a levy notice that started no 30 days (``not_validly_given``): not late, but how
    # Appeals classes it (a CDP request, or an equivalent hearing with a substitute notice owed) is not known
    not_given: bool = False
    # made after the last day of a levy notice given before a period of the hearing was first assessed (NC-ASSESSED):
    # the periods so assessed, with their assessment dates. Not late for them (the notice is not their tax's hearing
    # notice: a proper one is still owed), but how Appeals classes it is not known; for the hearing's other periods
    # (assessed by the notice's date) it is late as usual
    before_assessment: tuple[tuple[str, date], ...] = ()
    # made after the notice's last day, and only the assessment date of a period of the hearing is missing
    # (``missing`` asks it): late if the notice came on or after that assessment, not late if before — never guessed
    assessment_unknown: bool = False

    @property
    def subject(self) -> str:
        return f"proceedings.hearing_requests[{self.index}]"

    @property
    def periods(self) -> list[str]:
        """The tax periods the hearing is about: those the request lists, else those of the notice it answers (a
        hearing reviews "the unpaid tax" of its notice, § 6330(a)(3)(A), (c); the levy stop and the pause of the
        collection statute reach "the levy actions which are the subject of the requested hearing", § 6330(e)(1));
        empty (every period) when neither lists any."""
        if self.request.tax_periods or self.window is None:
            return self.request.tax_periods
        return self.window.notice.tax_periods

    @property
    def last(self) -> date | None:
        """The last day for a timely CDP request: the postponed one when the request was timely only by it."""
        if self.postponed is not None:
            return self.postponed
        return self.window.cdp_law_last if self.window is not None else None


def _overlap(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def candidates(case: Case, req: HearingRequest) -> list[Window]:
    """The first hearing notices (not repeats) of the request's kind that cover its periods and came before it."""
    out = []
    for w in windows(case):
        if w.kind is not req.kind or w.repeat or w.before_cdp or not _overlap(req.tax_periods, w.notice.tax_periods):
            continue
        start = w.notice.notice_date
        if start is not None and req.request_date < start:
            continue
        out.append(w)
    return out


def request_kind(case: Case, j: int) -> RequestKind:
    """The one answer to "is request ``j`` a CDP request?" (see the module text)."""
    return request_kinds(case)[j]


def _request_kind(case: Case, j: int) -> RequestKind:
    req = case.proceedings.hearing_requests[j]
    found = candidates(case, req)
    if not found:
        return RequestKind(j, req, None, None, ("notices",))
    dated = [w for w in found if w.cdp_law_last is not None]
    by = [(w, timely_by(case, w, req.request_date)) for w in dated]
    timely = [(w, t) for w, t in by if t.last is not None and req.request_date <= t.last]
    # a request in time only for a notice that may repeat an earlier one is a CDP request only if that notice is the
    # first for its periods (Treas. Reg. § 301.6330-1(b)(2) Q&A-B2): unknown, the periods asked
    sure = [(w, t) for w, t in timely if not w.repeat_missing]
    if sure:
        w, t = sure[0]
        boxed = req.equivalent_hearing_box_checked is True
        return RequestKind(j, req, True, w, box_overridden=boxed, postponed=t.last if t.postponed else None)
    if timely:
        w, _ = timely[0]
        return RequestKind(j, req, None, w, w.repeat_missing)
    undated = [w for w in found if w.cdp_law_last is None]
    if undated:
        missing = tuple(m for w in undated for m in w.missing) or (f"{undated[0].subject}.notice_date",)
        return RequestKind(j, req, None, undated[0], missing)
    # after the day of a notice that started no 30 days (CDP-17): not late against a period that never began
    # (Buffano v. Comm'r, T.C. Memo. 2007-32: the untimeliness ground failed for a notice not mailed to the last
    # known address); whether Appeals treats it as the CDP request or gives an equivalent hearing and the substitute
    # notice it owes (Treas. Reg. § 301.6320-1(a)(2) Q&A-A12) is not known — no fact of the case decides it
    not_given = [w for w in dated if not_validly_given(case, w)]
    if not_given:
        return RequestKind(j, req, None, not_given[0], not_given=True)
    open_question = [(w, t) for w, t in by if t.last is None]
    if open_question:
        w, t = open_question[0]
        return RequestKind(j, req, None, w, t.missing)
    # late by every notice's days; but a levy notice given before a period of the hearing was first assessed is not
    # that tax's hearing notice (NC-ASSESSED: notice and demand comes "after the making of an assessment", § 6303(a);
    # the hearing notice is for "the amount of the unpaid tax for the taxable period", § 6330(a)(1)-(3)): no 30 days
    # began for that tax, so the request is not late for it; and with the assessment date unknown it is not known
    for w in dated:
        early = _early_periods(case, req, w)
        if early:
            return RequestKind(j, req, None, w, before_assessment=early)
    asked = tuple(dict.fromkeys(m for w in dated for m in _assessment_asked(case, req, w)))
    if asked:
        return RequestKind(j, req, None, dated[0], asked, assessment_unknown=True)
    return RequestKind(j, req, False, dated[0])


def _hearing_periods(req: HearingRequest, w: Window) -> list[str]:
    """The notice's periods the request is about: those it lists (when it lists any), else all of the notice's."""
    if not req.tax_periods:
        return w.notice.tax_periods
    return [p for p in w.notice.tax_periods if p in req.tax_periods]


def _early_periods(case: Case, req: HearingRequest, w: Window) -> tuple[tuple[str, date], ...]:
    """The periods of the hearing first assessed after the levy notice was given (``assessed_after_notice``)."""
    early = assessed_after_notice(case, w)
    if not early:
        return ()
    mine = set(_hearing_periods(req, w))
    return tuple((pid, on) for pid, on in early if pid in mine)


def _assessment_asked(case: Case, req: HearingRequest, w: Window) -> list[str]:
    """``tax_periods[k].assessment_date`` for each period of the hearing on a levy notice that the case lists with no
    assessment date (``assessment_unknown``)."""
    return assessment_unknown(case, w, req.tax_periods)


def assessment_unknown(case: Case, w: Window, periods: list[str]) -> list[str]:
    """``tax_periods[k].assessment_date`` for each period of a levy hearing notice — those of ``periods`` on it, when
    ``periods`` names any (a request's), else all of the notice's — that the case lists with no assessment date:
    whether the notice came before that assessment (NC-ASSESSED) decides whether its 30 days ran for that tax, so
    whether a request after them is late and whether its CDP hearing is used up. A period the case does not list is
    not asked (as the premature-levy check, ``discretionary_cdp._for_assessed_tax``), nor one of a notice that names
    none or has no date. One answer for the request kind (CDP-16, R6330-E1, CDP-15) and the routes (CDP-5, CDP-4)."""
    if w.kind is not _LEVY or dates.counting_start(w.notice.notice_date, w.notice.mailing_date) is None:
        return []
    mine = set(w.notice.tax_periods if not periods else [p for p in w.notice.tax_periods if p in periods])
    if not mine:
        return []
    return [
        f"tax_periods[{k}].assessment_date"
        for k, p in enumerate(case.tax_periods)
        if p.id in mine and p.assessment_date is None
    ]


@once_per_analysis  # the CSED engine, the CDP-request, Tax Court and premature-levy rules ask per request: once
def request_kinds(case: Case) -> list[RequestKind]:
    return [_request_kind(case, j) for j in range(len(case.proceedings.hearing_requests))]


def kind_of(case: Case, req: HearingRequest) -> RequestKind:
    """``request_kind`` for a request object of the case (the CSED engine holds requests, not indexes)."""
    for j, r in enumerate(case.proceedings.hearing_requests):
        if r is req:
            return request_kind(case, j)
    raise ValueError("the hearing request is not one of the case's requests")
