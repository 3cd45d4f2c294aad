"""The bankruptcy stay is temporary; the discharge decides the debt (seed question).

"the stay of any other act under subsection (a) of this section continues until the earliest of— (A) the
time the case is closed; (B) the time the case is dismissed; or (C) if the case is a case under chapter 7 of
this title concerning an individual or a case under chapter 9, 11, 12, or 13 of this title, the time a
discharge is granted or denied" (11 U.S.C. § 362(c)(2), as quoted in Zaklama v. Comm'r). Whether the tax
itself is gone depends on the discharge: taxes with priority under § 507(a)(8) (for example recent income
taxes) are excepted from discharge (§ 523(a)(1)(A), as described in In re Avila, 228 B.R. 63 (Bankr. D. Mass.
1999); reference RBK-2, secondary). §§ 727 and 1328 were not read.
The levy bar itself is RBK-362 (law/levy_stays.py); the CSED pause is the CSED engine's.

RBK-523: whether a chapter 7 discharge reached an income tax. § 523(a)(1)(A) excepts a tax "of the kind specified
in section 507(a)(8)", which gives priority to "a tax on or measured by income or gross receipts— (i) for a taxable
year ending on or before the date of the filing of the petition for which a return, if required, is last due,
including extensions, after three years before the date of the filing of the petition; (ii) assessed within 240
days ... before the date of the filing of the petition; or (iii) ... not assessed before, but assessable ...
after, the commencement of the case" (text as quoted in Woods v. Comm'r, T.C. Memo. 2006; Severo, 129 T.C. 160).
Only the firm answers are given: a tax inside one of those look-backs was not discharged (the tolling rules of
§ 507(a)(8) — an offer pending plus 30 days, an earlier bankruptcy's stay or a CDP hearing plus 90 days — only
lengthen the look-backs, so they cannot undo that answer). Otherwise the tax may have been discharged, but that
also depends on facts the case does not hold (§ 523(a)(1)(B): a return not filed, or filed late within two years
before the petition, and the circuits' split on late returns; § 523(a)(1)(C): fraud or evasion; the tolling), so
the answer is UNKNOWN. Chapter 11 and 13 discharges (§§ 1141(d), 1328) are not read here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from levynav.core.calc.dates import add_years
from levynav.core.law.deciding import informs
from levynav.core.law.pending_bar_windows import days, param
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, UNKNOWN, Context, Rule
from levynav.core.model.analysis import Effect, Finding, ParamUse
from levynav.core.model.case import Bankruptcy, Case, TaxKind, TaxPeriod

STAY_IS_TEMPORARY = Rule(
    id="RBK-2",
    title="The bankruptcy stay is temporary; the discharge decides whether the tax is gone",
    cites=("RBK-2", "RBK-362"),
    effect=Effect.INFO,
)


@informs
def stay_and_discharge(case: Case, ctx: Context) -> list[Finding]:
    """RBK-2: one finding per bankruptcy saying when its stay ends (or ended) and what the discharge decides."""
    out = []
    for k, b in enumerate(case.proceedings.bankruptcies):
        subject = f"proceedings.bankruptcies[{k}]"
        facts: dict[str, Any] = {f"{subject}.petition_date": b.petition_date}
        events = (
            (b.discharge_date, "discharged", "discharge_date"),
            (b.dismissal_date, "dismissed", "dismissal_date"),
            (b.closed_date, "closed", "closed_date"),
        )
        ended = [(d, key, name) for d, key, name in events if d is not None and d <= ctx.as_of]
        if not ended:
            rule = STAY_IS_TEMPORARY
            out.append(rule.finding(APPLIES, "open", subject=subject, facts=facts, filed=b.petition_date))
            continue
        when, key, name = min(ended)
        facts[f"{subject}.{name}"] = when
        rule = STAY_IS_TEMPORARY
        out.append(rule.finding(APPLIES, key, subject=subject, facts=facts, value=when, ended=when))
    return out


DISCHARGE = Rule(
    id="RBK-523",
    title="Whether your chapter 7 discharge wiped out this income tax",
    cites=("RBK-523",),
    effect=Effect.INFO,
)
LOOKBACK_YEARS = "bankruptcy.priority_return_lookback_years"
ASSESSED_DAYS = "bankruptcy.priority_assessment_days"
_FORM_1040_YEAR = re.compile(r"^1040\D*(\d{4})$")


def _calendar_year(p: TaxPeriod) -> int | None:
    """The year of an individual income tax return (form 1040, calendar year), read from the period's id."""
    m = _FORM_1040_YEAR.match(p.id.strip())
    return int(m.group(1)) if m else None


@informs
def tax_discharged(case: Case, ctx: Context) -> list[Finding]:
    """RBK-523: one finding per income-tax period and chapter 7 discharge (see the module docstring)."""
    out: list[Finding] = []
    for k, b in enumerate(case.proceedings.bankruptcies):
        if b.chapter != 7 or b.discharge_date is None or b.discharge_date > ctx.as_of:
            continue
        look, assessed = param(LOOKBACK_YEARS, b.petition_date), param(ASSESSED_DAYS, b.petition_date)
        if look is None or assessed is None:
            continue
        for i, p in enumerate(case.tax_periods):
            if p.tax_kind is not TaxKind.INCOME and _calendar_year(p) is None:
                continue  # § 507(a)(8)(A) is about income taxes
            out.append(_period(k, b, i, p, look, assessed))
    return out


def _period(k: int, b: Bankruptcy, i: int, p: TaxPeriod, look: ParamUse, assessed: ParamUse) -> Finding:
    bsub, sub = f"proceedings.bankruptcies[{k}]", f"tax_periods[{i}]"
    facts: dict[str, Any] = {
        f"{bsub}.petition_date": b.petition_date,
        f"{bsub}.discharge_date": b.discharge_date,
        f"{bsub}.chapter": b.chapter,
        f"{sub}.id": p.id,
        f"{sub}.assessment_date": p.assessment_date,
    }
    common: dict[str, Any] = {"subject": sub, "facts": facts, "params": [look, assessed], "period": p.id}
    filed = b.petition_date
    if p.assessment_date is not None and p.assessment_date > filed:
        return DISCHARGE.finding(DOES_NOT_APPLY, "assessed_after_petition", filed=filed, **common)
    if p.assessment_date is not None and p.assessment_date >= filed - timedelta(days=days(assessed)):
        return DISCHARGE.finding(
            DOES_NOT_APPLY, "assessed_within_240_days", filed=filed, assessed=p.assessment_date, **common
        )
    year = _calendar_year(p)
    if year is not None:
        due = date(year + 1, 4, 15)  # § 6072(a); an extension or a weekend only makes the last due date later
        if due > add_years(filed, -days(look)):
            return DISCHARGE.finding(DOES_NOT_APPLY, "return_due_within_3_years", filed=filed, due=due, **common)
    missing = [f"{sub}.assessment_date"] if p.assessment_date is None else []
    return DISCHARGE.finding(UNKNOWN, "may_be_discharged", missing=missing, filed=filed, **common)
