"""No levy to collect a deficiency while the Tax Court period runs or a petition is pending (26 U.S.C. § 6213(a)).

"... no assessment of a deficiency ... and no levy or proceeding in court for its collection shall be made,
begun, or prosecuted until such notice has been mailed to the taxpayer, nor until the expiration of such 90-day
or 150-day period, as the case may be, nor, if a petition has been filed with the Tax Court, until the decision of
the Tax Court has become final." — § 6213(a). The same subsection lets a court (the Tax Court only when a timely
petition was filed) stop an assessment or levy made while the bar runs and order a refund of what it collected.

- The 90-day period (150 days for a notice addressed to a person outside the United States) begins the day after
  the notice is mailed; a Saturday, Sunday or DC legal holiday is not counted as the last day (§ 6213(a);
  26 C.F.R. § 301.6213-1(a)(1)), so the period runs to the next business day.
- A petition filed by the last day printed on the notice is timely (§ 6213(a), last sentence, for notices mailed
  after December 31, 1998: ``printed_day``). With no petition yet, the days after the law's last day through a later
  printed day are UNKNOWN (``printed_day_open``, ``levy_printed_day``): a petition by the printed day brings the bar
  back until the decision is final, but the bar's own words end it with "such 90-day or 150-day period".
- A petition filed after the period: the Tax Court holds the deadline jurisdictional (Hallmark Research
  Collective v. Comm'r, 159 T.C. No. 6 (2022)), so outside the Third Circuit the late petition does not revive the
  bar. The Third Circuit holds it is not jurisdictional and may be equitably tolled (Culp v. Comm'r, 75 F.4th 196
  (3d Cir. 2023)); a Tax Court case appeals to the circuit of the individual's residence (§ 7482(b)(1)(A)), so for a
  person in Delaware, New Jersey, Pennsylvania or the Virgin Islands the late petition may still start the bar
  (UNKNOWN, the court decides), and where we do not know the state we ask it. When the facts give the court's ruling
  (``tax_court_late_petition_accepted``), it decides wherever the person lives: refused, the bar ended with the
  period (``ended_late_petition_refused``); accepted, the petition counts as timely (the bar runs to the final
  decision, § 7485(a) included).
- The bar covers the deficiency only (the extra tax the notice proposes), not tax shown on a return; a levy for
  the same period may be collecting tax assessed from the return, and the finding says so.
- An appeal of the Tax Court's decision (§ 7483) without a bond filed with the Tax Court by the day of the notice of
  appeal does not stay assessment or collection of the deficiency the court determined (§ 7485(a); Schroeder v.
  Comm'r, T.C. Memo. 2005; Burke v. Comm'r, T.C. Memo. 2009-282; reference R6213-A1-APPEAL): the bar ends on the day of
  that notice of appeal (``ended_appeal_no_bond``); with the bond not known the days after it are UNKNOWN
  (``appeal_bond_unknown``, ``levy_appeal_bond_unknown``, asking ``appeal_bond_filed``); a bonded appeal keeps the bar
  until the decision is final.
- Jeopardy assessments (§§ 6851, 6852, 6861) are excepted: a jeopardy levy is not covered. Math-error assessments
  (§ 6213(b)) need no notice of deficiency and are outside this rule.
- An assessment recorded for the period while the bar ran is premature if it is the deficiency (§ 6213(a)).
- Bankruptcy (§ 6213(f)(1), reference R6213-F1): "the running of the time prescribed by subsection (a) for filing a
  petition in the Tax Court ... shall be suspended for the period during which the debtor is prohibited by reason
  of such case from filing a petition in the Tax Court ... and for 60 days thereafter" (Kieu v. Comm'r, 105 T.C.
  387 (1995); Olson v. Comm'r, 86 T.C. 1314 (1986)). The stay of a Tax Court proceeding (11 U.S.C. § 362(a)(8))
  lasts as the stay of other acts (§ 362(c)(2): closing, dismissal, discharge); a repeat filer's stay is the one
  calc/repeat_filing_stay.py finds (none under § 362(c)(4) without an order, to the 30th day under (c)(3)). The
  notice is still valid (§ 362(b)(9)(B)); the period, and with it the bar, simply runs longer. Read as covering
  the notice's periods (tax years ending before the petition, as § 362(a)(8) requires for an individual).

The deadline ``tax_court.deficiency_petition`` (``deficiency_petition_deadlines``): the last day to petition on a
notice not yet petitioned, the safer of two readings first (see the function).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from levynav.core.calc import hearing_windows
from levynav.core.calc.dates import LastDay, last_day_after, roll_forward
from levynav.core.calc.repeat_filing_stay import RepeatKind, repeat_filing, short_stay_ended
from levynav.core.law.levy_facts import levy_subject
from levynav.core.law.pending_bar_windows import days, overlaps, param
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, LEVY_IMPROPER, UNKNOWN, Context, Rule
from levynav.core.model.analysis import Deadline, Effect, Finding, Message, ParamUse, message
from levynav.core.model.case import Case, DeficiencyNotice, Levy

DEFICIENCY_BAR = Rule(
    id="R6213-A1",
    title="No levy for a proposed tax increase before the Tax Court period ends or its decision is final",
    cites=("R6213-A1",),
    effect=Effect.NO_LEVY,
)

# The Third Circuit (28 U.S.C. § 41): where Culp v. Comm'r governs a Tax Court deficiency case (§ 7482(b)(1)).
THIRD_CIRCUIT = frozenset({"DE", "NJ", "PA", "VI"})
LATE_CITES = ("R6213-A1-LATE",)

HOME = "discretionary.deficiency_petition_days"
ABROAD = "discretionary.deficiency_petition_days_abroad"
BANKRUPTCY_TAIL = "discretionary.deficiency_petition_bankruptcy_tail_days"
BANKRUPTCY_CITES = ("R6213-F1",)
# § 6213(a), last sentence (the printed last day to petition counts): added by Pub. L. 105-206 § 3463(b),
# "effective for notices mailed after December 31, 1998" (Burke v. Comm'r, T.C. Summary Op. 2007-200). A printed day
# later than the law's "serves to enlarge the period"; an earlier one "does not serve to shorten" it (Burke; Rochelle
# v. Comm'r, 116 T.C. 356 (2001), aff'd, 293 F.3d 740 (5th Cir. 2002)).
PRINTED_FROM = date(1999, 1, 1)
APPEAL_CITES = ("R6213-A1-APPEAL",)
PRINTED_CITES = ("R6213-A1-PRINTED",)


def tax_court_stays(case: Case) -> list[tuple[date, date | None]]:
    """The days each bankruptcy stayed a Tax Court petition (11 U.S.C. § 362(a)(8)): first day, last day (None while
    the case runs). A repeat filer's case: from the order imposing a stay (§ 362(c)(4)) or to the 30th day
    (§ 362(c)(3), no order continuing it)."""
    out: list[tuple[date, date | None]] = []
    for i, b in enumerate(case.proceedings.bankruptcies):
        rf = repeat_filing(case, i)
        ends = [d for d in (b.discharge_date, b.dismissal_date, b.closed_date) if d is not None]
        end = min(ends) if ends else None
        start = b.stay_imposed_date if rf.kind is RepeatKind.NONE else b.petition_date
        if start is None:
            continue
        if short_stay_ended(b, rf) and rf.last_day is not None and (end is None or end > rf.last_day):
            end = rf.last_day
        out.append((start, end))
    return out


@dataclass(frozen=True)
class PetitionCourse:
    """How a Tax Court petition on a notice of deficiency stands (``petition_course``): ``how`` is "timely" (by the
    last day of § 6213(a) as counted here, the printed day when later), "accepted" (late, and the court accepted it:
    it counts as a timely one), "refused" (late, and the court refused it: a petition that did not run its course),
    "dismissed" (late, no ruling known, and the Tax Court's reading for the person's state ends it: read as refused) or
    "late" (late, no ruling known: the court may still accept it, Culp); ``last`` the last day it was weighed by (None
    when a bankruptcy stay still holds the period: any petition now is timely)."""

    how: str
    last: date | None


def petition_course(
    n: DeficiencyNotice, stays: Sequence[tuple[date, date | None]], state: str | None
) -> PetitionCourse | None:
    """The one reading of "was this notice of deficiency petitioned, and did the petition count?" for the rules that
    ask it besides the levy bar itself (the CDP liability rule, CDP-11): the count of ``_Window`` (§ 6213(a), (f);
    the printed last day when later), with the Tax Court's ruling on a late petition
    (``tax_court_late_petition_accepted``) read only when the petition is late. A late petition with no ruling known
    is read as the levy bar reads it (``_Window._late``): outside the Third Circuit the Tax Court holds the deadline
    jurisdictional (Hallmark), so it is "dismissed" (as refused); in the Third Circuit (Culp), or with the state not
    known, "late" (the court may still accept it). None: no petition, the law for the date not encoded, or whether it
    was late not known (a 150-day period, ``addressed_outside_us`` not given, might make a petition after the 90th
    day timely — unless the court ruled on it)."""
    petition = n.tax_court_petition_date
    if petition is None:
        return None
    home = _counted(n.mailed_date, ABROAD if n.addressed_outside_us else HOME, stays)
    if home.last is None:
        return PetitionCourse("timely", None) if home.suspended else None
    last = max(home.last, printed_day(n) or home.last)
    if petition <= last:
        return PetitionCourse("timely", last)
    accepted = n.tax_court_late_petition_accepted
    if accepted is not None:
        return PetitionCourse("accepted" if accepted else "refused", last)
    if n.addressed_outside_us is None:
        return None
    if state is not None and state not in THIRD_CIRCUIT:
        return PetitionCourse("dismissed", last)
    return PetitionCourse("late", last)


@dataclass(frozen=True)
class _Count:
    """The last day of one period to petition: ``last`` (None while a bankruptcy stay holds it, or when the law for the
    date is not encoded: ``params`` empty), whether a bankruptcy suspended it (§ 6213(f)), the parameters used."""

    last: date | None
    suspended: bool
    params: tuple[ParamUse, ...]
    plain: LastDay | None  # the plain count (§ 6213(a) weekend rule applied) when no bankruptcy reached it


def _counted(mailed: date, pid: str, stays: Sequence[tuple[date, date | None]]) -> _Count:
    """§ 6213(a): ``pid``'s days after the mailing, a Saturday, Sunday or DC legal holiday not the last day;
    § 6213(f)(1): a bankruptcy stay that reached the period, and the tail days after it, are not counted."""
    use = param(pid, mailed)
    if use is None:
        return _Count(None, False, (), None)
    count = days(use)
    raw = mailed + timedelta(days=count)
    if not any(s <= raw and (e is None or e >= mailed) for s, e in stays):
        plain = last_day_after(mailed, count)
        return _Count(plain.last, False, (use,), plain)
    tail_use = param(BANKRUPTCY_TAIL, mailed)
    if tail_use is None:  # the law for that date is not encoded: the plain count
        plain = last_day_after(mailed, count)
        return _Count(plain.last, False, (use,), plain)
    last, suspended = _suspended_last(mailed, count, days(tail_use), stays)
    return _Count(last, suspended, (use, tail_use), None)


def _suspended_last(
    mailed: date, count: int, tail: int, stays: Sequence[tuple[date, date | None]]
) -> tuple[date | None, bool]:
    """§ 6213(f)(1): count the period's days, skipping each day a bankruptcy stayed a petition and the ``tail``
    days after; None while a stay that reached the period is still running (the period has not ended). The second
    value: whether a stay suspended the count."""
    running = [s for s, e in stays if e is None]
    closed = [(s, e + timedelta(days=tail)) for s, e in stays if e is not None]
    day, counted, suspended = mailed, 0, False
    while counted < count:
        day += timedelta(days=1)
        if any(s <= day for s in running):
            return None, True
        if any(s <= day <= e for s, e in closed):
            suspended = True
            continue
        counted += 1
    return roll_forward(day), suspended


def printed_day(n: DeficiencyNotice) -> date | None:
    """The last day to petition printed on the notice, when it counts: § 6213(a), last sentence ("Any petition filed
    with the Tax Court on or before the last date specified for filing such petition by the Secretary in the notice
    of deficiency shall be treated as timely filed"), added by Pub. L. 105-206 § 3463(b) for notices mailed after
    December 31, 1998 (§ 3463(c)); a blank date changes nothing (Rochelle v. Comm'r, 116 T.C. 356 (2001))."""
    if n.mailed_date < PRINTED_FROM:
        return None
    return n.petition_last_day_printed


class _Window:
    """The barred days of one notice of deficiency: ``start`` (mailing) through ``end`` (None while running)."""

    def __init__(
        self, n: DeficiencyNotice, sub: str, state: str | None = None, stays: Sequence[tuple[date, date | None]] = ()
    ) -> None:
        self.notice, self.sub, self.state = n, sub, state
        self.stays = list(stays)
        self.suspended = False  # § 6213(f): a bankruptcy stay lengthened the period
        self.facts: dict[str, Any] = {f"{sub}.mailed_date": n.mailed_date}
        self.params: list[ParamUse] = []
        self.missing: list[str] = []
        self.known = True  # False when the end cannot be counted from the facts and the law encoded
        self.period_last: date | None = None  # last day of the 90/150-day period (§ 7503-style move applied)
        self.at_least: date | None = None  # when the count (90 or 150) is not known: the 90-day last day
        self.end: date | None = None
        self.petition_late = False
        self.refused = False  # a late petition the Tax Court refused (``tax_court_late_petition_accepted`` false)
        # A late petition that a court may still accept (Culp): "third_circuit", "state_unknown", or None.
        self.tolling: str | None = None
        # No petition yet, and the notice prints a later last day to petition than the law's count (§ 6213(a), last
        # sentence): a petition by that day is timely and brings the bar back until the decision is final, but the
        # bar's own words end it with "such 90-day or 150-day period". The days after ``end`` through this day
        # depend on the reading (the person's — the bar ran while a timely petition could still be filed — first).
        self.printed_open: date | None = None
        # § 7485(a): a notice of appeal of the Tax Court's decision with no bond ends the bar on its day
        # (``appealed_unbonded``); with the bond not known, the days after it are not known (``appeal_open``)
        self.appealed_unbonded = False
        self.appeal_open: date | None = None
        self._count()

    def _period(self, pid: str) -> date | None:
        c = _counted(self.notice.mailed_date, pid, self.stays)
        self.params += c.params
        self.suspended = self.suspended or c.suspended
        return c.last

    def _count(self) -> None:
        n = self.notice
        abroad = n.addressed_outside_us
        if abroad is not None:
            self.facts[f"{self.sub}.addressed_outside_us"] = abroad
        last = self._period(ABROAD if abroad else HOME)
        if last is None and self.suspended:
            return  # § 6213(f): a bankruptcy stay still holds the period: the bar runs (known, no end yet)
        if last is None:
            self.known = False
            return
        if abroad is None:
            self.at_least, self.known = last, False
            self.missing.append(f"{self.sub}.addressed_outside_us")
        self.period_last = last
        printed = printed_day(n)
        if printed is not None:
            self.facts[f"{self.sub}.petition_last_day_printed"] = printed
        petition = n.tax_court_petition_date
        if petition is None:
            self.end = last
            if printed is not None and printed > last and abroad is not None:
                self.printed_open = printed
            return
        self.facts[f"{self.sub}.tax_court_petition_date"] = petition
        timely_by = max(last, printed or last)
        accepted = n.tax_court_late_petition_accepted
        if petition > timely_by and accepted is not True:
            if abroad is None:
                return  # a 150-day period might have made it timely: not known
            self.petition_late, self.end = True, last
            if accepted is False:  # the court refused the late petition: it changed nothing, wherever the person lives
                self.refused = True
                self.facts[f"{self.sub}.tax_court_late_petition_accepted"] = False
                return
            self._late(petition)
            return
        if petition > timely_by:  # the court accepted the late petition (Culp): it counts as a timely one
            self.facts[f"{self.sub}.tax_court_late_petition_accepted"] = True
        self.known = True
        self.missing = []
        if n.decision_final_date is not None:
            self.facts[f"{self.sub}.decision_final_date"] = n.decision_final_date
        self.end = n.decision_final_date
        self._appeal()

    def _appeal(self) -> None:
        """§ 7485(a): "the review under section 7483 shall not operate as a stay of assessment or collection of any
        portion of the amount of the deficiency determined by the Tax Court unless a notice of appeal in respect of
        such portion is duly filed by the taxpayer, and then only if the taxpayer ... on or before the time his notice
        of appeal is filed has filed with the Tax Court a bond". An appeal with no bond ends the bar on its day (the
        day itself still barred: the person's reading); the bond not known leaves the days after it unknown (the
        final decision, when known, ends them); a bonded appeal keeps the bar to the final decision."""
        n = self.notice
        appeal = n.appeal_date
        if appeal is None:
            return
        self.facts[f"{self.sub}.appeal_date"] = appeal
        bond = n.appeal_bond_filed
        if bond is not None:
            self.facts[f"{self.sub}.appeal_bond_filed"] = bond
        if bond is False:
            self.end, self.appealed_unbonded = appeal, True
        elif bond is None:
            self.appeal_open = appeal
            self.missing.append(f"{self.sub}.appeal_bond_filed")

    def _late(self, petition: date) -> None:
        """A late petition: settled (no bar) outside the Third Circuit; there it may be equitably tolled (Culp)."""
        self.facts["taxpayer.state"] = self.state
        if self.state is not None and self.state not in THIRD_CIRCUIT:
            return
        self.tolling = "third_circuit" if self.state is not None else "state_unknown"
        if self.state is None:
            self.missing.append("taxpayer.state")
        final = self.notice.decision_final_date
        if final is not None:
            self.facts[f"{self.sub}.decision_final_date"] = final

    def covers(self, day: date) -> bool | None:
        """Whether the bar ran on ``day`` (None when that cannot be told)."""
        if day < self.notice.mailed_date:
            return False
        if self.tolling is not None and self.end is not None and day > self.end:
            petition, final = self.notice.tax_court_petition_date, self.notice.decision_final_date
            if petition is None or day < petition or (final is not None and day > final):
                return False
            return None  # after a late petition a court may still accept (Culp): not known
        if self.printed_open is not None and self.end is not None and self.end < day <= self.printed_open:
            return None  # between the law's last day and the later printed one: depends on the reading
        if self.appeal_open is not None and day > self.appeal_open:
            final = self.notice.decision_final_date
            return False if final is not None and day > final else None  # after an appeal, bond not known
        if self.known:
            return self.end is None or day <= self.end
        if self.at_least is not None and day <= self.at_least:
            return True
        return None


def _status(w: _Window, ctx: Context) -> Finding:
    n = w.notice
    common: dict[str, Any] = {"subject": w.sub, "facts": w.facts, "params": w.params, "mailed": n.mailed_date}
    on = w.covers(ctx.as_of)
    if on is None and w.tolling is not None:
        key = "late_petition_tolling" if w.tolling == "third_circuit" else "late_petition_state_unknown"
        return DEFICIENCY_BAR.finding(
            UNKNOWN,
            key,
            effect=DEFICIENCY_BAR.effect,
            missing=w.missing,
            also_cites=LATE_CITES,
            end=w.end,
            petition=n.tax_court_petition_date,
            **common,
        )
    if on is None and w.appeal_open is not None:
        return DEFICIENCY_BAR.finding(
            UNKNOWN,
            "appeal_bond_unknown",
            effect=DEFICIENCY_BAR.effect,
            missing=w.missing,
            also_cites=APPEAL_CITES,
            appeal=w.appeal_open,
            petition=n.tax_court_petition_date,
            **common,
        )
    if on is None and w.printed_open is not None:
        return DEFICIENCY_BAR.finding(
            UNKNOWN,
            "printed_day_open",
            effect=DEFICIENCY_BAR.effect,
            also_cites=PRINTED_CITES,
            value=w.printed_open,
            end=w.end,
            printed=w.printed_open,
            **common,
        )
    if on is None:
        if w.period_last is None and w.at_least is None:
            return DEFICIENCY_BAR.finding(UNKNOWN, "law_unknown", **common)
        return DEFICIENCY_BAR.finding(UNKNOWN, "abroad_unknown", missing=w.missing, at_least=w.at_least, **common)
    if not on:
        late = w.petition_late and w.tolling is None
        # a late petition the Tax Court held until its decision became final (Culp): the bar ended then at the latest
        end = n.decision_final_date if w.tolling is not None and n.decision_final_date is not None else w.end
        if w.appealed_unbonded:
            return DEFICIENCY_BAR.finding(
                DOES_NOT_APPLY, "ended_appeal_no_bond", value=end, end=end, also_cites=APPEAL_CITES, **common
            )
        return DEFICIENCY_BAR.finding(
            DOES_NOT_APPLY,
            ("ended_late_petition_refused" if w.refused else "ended_late_petition") if late else "ended",
            value=end,
            end=end,
            also_cites=LATE_CITES if late else (),
            **common,
        )
    if n.tax_court_petition_date is not None and not w.petition_late:
        return DEFICIENCY_BAR.finding(APPLIES, "petition_pending", petition=n.tax_court_petition_date, **common)
    if w.suspended and w.known:
        # § 6213(f): the period ran longer (end known) or a bankruptcy stay still holds it (no end yet)
        if w.end is None:
            return DEFICIENCY_BAR.finding(APPLIES, "period_open_in_bankruptcy", also_cites=BANKRUPTCY_CITES, **common)
        return DEFICIENCY_BAR.finding(
            APPLIES, "period_open_bankruptcy", value=w.end, end=w.end, also_cites=BANKRUPTCY_CITES, **common
        )
    key = "period_open" if w.known else "period_open_at_least"
    return DEFICIENCY_BAR.finding(APPLIES, key, value=w.end, end=w.end, **common)


def _collects(levy: Levy, period_id: str) -> bool:
    """Whether the levy collects the period: it names it, or names none (it collects the case's periods)."""
    return not levy.tax_periods or period_id in levy.tax_periods


def _periods_of(case: Case, n: DeficiencyNotice) -> list[tuple[int, Any]]:
    return [(i, p) for i, p in enumerate(case.tax_periods) if not n.tax_periods or p.id in n.tax_periods]


def deficiency_levy_bar(case: Case, ctx: Context) -> list[Finding]:
    """§ 6213(a): the bar on levy (and assessment) for a deficiency, its levies and its early assessments."""
    out: list[Finding] = []
    stays = tax_court_stays(case) if case.proceedings.deficiency_notices else []
    for k, n in enumerate(case.proceedings.deficiency_notices):
        if n.mailed_date > ctx.as_of:
            continue  # mailed after the analysis date: nothing it barred is in the record yet
        w = _Window(n, f"proceedings.deficiency_notices[{k}]", case.taxpayer.state, stays)
        out.append(_status(w, ctx))
        for i, levy in enumerate(case.levies):
            if not overlaps(n.tax_periods, levy.tax_periods):
                continue
            sub = levy_subject(i)
            facts = {**w.facts, f"{sub}.served_date": levy.served_date}
            if levy.served_date is None:
                out.append(
                    DEFICIENCY_BAR.finding(
                        UNKNOWN, "levy_unknown", subject=sub, facts=facts, missing=[f"{sub}.served_date"]
                    )
                )
                continue
            during = w.covers(levy.served_date)
            if during is False:
                continue
            common: dict[str, Any] = {"subject": sub, "served": levy.served_date, "mailed": n.mailed_date}
            if during is None and w.tolling is not None:
                out.append(
                    DEFICIENCY_BAR.finding(
                        UNKNOWN,
                        "levy_late_petition",
                        effect=LEVY_IMPROPER,
                        facts=facts,
                        params=w.params,
                        missing=w.missing,
                        also_cites=LATE_CITES,
                        petition=n.tax_court_petition_date,
                        **common,
                    )
                )
            elif during is None and w.appeal_open is not None:
                out.append(
                    DEFICIENCY_BAR.finding(
                        UNKNOWN,
                        "levy_appeal_bond_unknown",
                        effect=LEVY_IMPROPER,
                        facts=facts,
                        params=w.params,
                        missing=w.missing,
                        also_cites=APPEAL_CITES,
                        appeal=w.appeal_open,
                        **common,
                    )
                )
            elif levy.jeopardy and (during or w.printed_open is not None):
                out.append(
                    DEFICIENCY_BAR.finding(
                        DOES_NOT_APPLY, "levy_jeopardy", facts={**facts, f"{sub}.jeopardy": True}, **common
                    )
                )
            elif during is None and w.printed_open is not None:
                out.append(
                    DEFICIENCY_BAR.finding(
                        UNKNOWN,
                        "levy_printed_day",
                        effect=LEVY_IMPROPER,
                        facts=facts,
                        params=w.params,
                        also_cites=PRINTED_CITES,
                        end=w.end,
                        printed=w.printed_open,
                        **common,
                    )
                )
            elif during is None:
                out.append(
                    DEFICIENCY_BAR.finding(
                        UNKNOWN,
                        "levy_abroad_unknown" if w.at_least is not None else "levy_law_unknown",
                        facts=facts,
                        params=w.params,
                        missing=w.missing,
                        **common,
                    )
                )
            else:
                out.append(
                    DEFICIENCY_BAR.finding(
                        APPLIES,
                        "levy_during",
                        effect=LEVY_IMPROPER,
                        facts=facts,
                        params=w.params,
                        **common,
                    )
                )
        for i, period in _periods_of(case, n):
            sub = f"tax_periods[{i}]"
            named = [(f"{sub}.assessment_date", period.assessment_date)] + [
                (f"{sub}.additional_assessment_dates[{j}]", d) for j, d in enumerate(period.additional_assessment_dates)
            ]
            early_named = [(path, d) for path, d in named if d is not None and w.covers(d) is True]
            if not early_named:
                continue
            early = [d for _, d in early_named]
            facts = {**w.facts, f"{sub}.id": period.id, **dict(early_named)}
            # § 6213(a) "Except as otherwise provided in section 6851, 6852, or 6861": a jeopardy levy collecting the
            # period shows the IRS treated its collection as in jeopardy, so the early assessment may be a § 6861
            # jeopardy assessment, which the bar does not reach — not known from the facts (the model records
            # jeopardy on levies only)
            jeopardy = [j for j, lv in enumerate(case.levies) if lv.jeopardy and _collects(lv, period.id)]
            facts.update({f"{levy_subject(j)}.jeopardy": True for j in jeopardy})
            out.append(
                DEFICIENCY_BAR.finding(
                    UNKNOWN if jeopardy else APPLIES,
                    "assessed_early_jeopardy" if jeopardy else "assessed_early",
                    effect=LEVY_IMPROPER,
                    subject=sub,
                    facts=facts,
                    params=w.params,
                    period=period.id,
                    assessed=min(early),
                    mailed=n.mailed_date,
                )
            )
    return out


# ---------------------------------------------------------------- the last day to petition the Tax Court

PETITION_DEADLINE = "tax_court.deficiency_petition"
_POSTMARK = message("count.postmark")


def deficiency_petition_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """``tax_court.deficiency_petition``: the last day to petition the Tax Court on each notice of deficiency not yet
    petitioned (§ 6213(a)): 90 days after the mailing, 150 if the notice is addressed to a person outside the United
    States; a Saturday, Sunday or DC legal holiday is not the last day; a bankruptcy stay suspends the count
    (§ 6213(f)(1): no date while the stay still runs); the last day printed on the notice counts when later
    (``printed_day``). Two readings, the safer day first (``date``) and the other kept (``alternative_date``): a
    printed day later than the law's; a printed day earlier than the law's (the law's day is still timely); and, when
    where the notice was addressed is not known, the 90-day day first and the 150-day day beside it. A notice
    petitioned after every reading's last day keeps its deadline, shown as passed (the day missed, for a statement
    asking the court to accept the late petition: Culp); one petitioned in time, or late and accepted by the court
    (``tax_court_late_petition_accepted``), shows none."""
    notices = case.proceedings.deficiency_notices
    stays = tax_court_stays(case) if notices else []
    out: list[Deadline] = []
    for k, n in enumerate(notices):
        if n.mailed_date > ctx.as_of:
            continue
        home = _counted(n.mailed_date, ABROAD if n.addressed_outside_us else HOME, stays)
        if home.last is None:
            continue  # a bankruptcy stay still holds the period, or the law for the date is not encoded
        cites = (*DEFICIENCY_BAR.cites, *(BANKRUPTCY_CITES if home.suspended else ()))
        text = _petition_count(n, home)
        shown, other, reason = home.last, None, None
        printed = printed_day(n)
        if printed is not None and printed != home.last:
            cites = (*cites, *PRINTED_CITES)
            early = printed < home.last
            side = "earlier" if early else "later"
            text.append(message(f"count.deficiency.printed_{side}", printed=printed, computed=home.last))
            shown, other = (printed, home.last) if early else (home.last, printed)
            reason = message(f"count.reading.deficiency_printed_{side}_reason")
        elif n.addressed_outside_us is None:
            abroad = _counted(n.mailed_date, ABROAD, stays)
            if abroad.last is not None and abroad.last > shown:
                other = abroad.last
                reason = message("count.reading.deficiency_abroad_reason", days=_days_of(abroad, ABROAD))
        petition = n.tax_court_petition_date
        if petition is not None and (petition <= max(shown, other or shown) or n.tax_court_late_petition_accepted):
            continue  # petitioned in time (by some reading), or late and accepted by the court: nothing left to file by
        out.append(
            hearing_windows.deadline(
                PETITION_DEADLINE,
                message(f"deadline.{PETITION_DEADLINE}.title"),
                shown,
                ctx.as_of,
                message(f"deadline.{PETITION_DEADLINE}.protects"),
                cites,
                [*text, _POSTMARK],
                f"proceedings.deficiency_notices[{k}]",
                alternative=other,
                alternative_reason=reason,
            )
        )
    return out


def _days_of(c: _Count, pid: str) -> int:
    return next(days(u) for u in c.params if u.id == pid)


def _petition_count(n: DeficiencyNotice, c: _Count) -> list[Message]:
    """How the period was counted: the days and why (inside or outside the United States, or not known), the plain
    count with the § 6213(a) weekend rule, or the days a bankruptcy kept from counting."""
    pid = ABROAD if n.addressed_outside_us else HOME
    where = {True: "abroad", False: "home", None: "home_unknown"}[n.addressed_outside_us]
    text = [message(f"count.deficiency.{where}", days=_days_of(c, pid))]
    if c.plain is not None:
        text += c.plain.count("deficiency_petition")
    else:
        tail = _days_of(c, BANKRUPTCY_TAIL)
        text.append(message("count.deficiency.bankruptcy", start=n.mailed_date, last=c.last, days=tail))
    return text
