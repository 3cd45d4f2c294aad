"""Relief from joint liability (innocent spouse), 26 U.S.C. § 6015, as a route out of a levy.

"Any election under this subsection shall be made not later than the date which is 2 years after the
date the Secretary has begun collection activities with respect to the individual making the election."
— § 6015(b)(1)(E), (c)(3)(B). Equitable relief under (f) may be asked for unpaid tax any time before
the collection statute ends (§ 6015(f)(2)). No levy on the requesting spouse while the claim is pending
and for 90 days after the final determination (§ 6015(e)(1)(B); the levy bar itself is a rule of
``law/discretionary.py``). The joint account is "mirrored" so the IRS can keep collecting from the other
spouse (IS-5).

Open question: what counts as the start of "collection activities" (Reg. § 1.6015-5(b)(2)(ii), [U]) —
the date is taken as a fact of the case.
"""

from __future__ import annotations

from datetime import date

from levynav.core.calc import dates
from levynav.core.calc.hearing_windows import deadline, param_use
from levynav.core.law.levy_facts import is_individual
from levynav.core.law.route_windows import days_after, months_after, open_or_closed
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    INFO,
    NOT_APPLICABLE,
    ROUTE_CLOSED,
    ROUTE_OPEN,
    UNKNOWN,
    Context,
    Rule,
)
from levynav.core.model.analysis import Deadline, Effect, Finding, ParamUse, message
from levynav.core.model.case import Case, FilingStatus

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_MARRIED_FILING_JOINTLY = FilingStatus.MARRIED_FILING_JOINTLY

ELECTION = Rule(
    id="IS-1",
    title="Innocent spouse relief under § 6015(b) or (c) (2 years from collection against you)",
    cites=("IS-1", "IS-2", "IS-3", "IS-5"),
    effect=Effect.ROUTE_OPEN,
)
EQUITABLE = Rule(
    id="D17",
    title="Equitable innocent spouse relief under § 6015(f) (until the collection statute ends)",
    cites=("D17", "IS-1", "IS-2", "IS-3"),
    effect=Effect.ROUTE_OPEN,
)
LATE_PETITION_CITES = ("IS-4-LATE",)  # the § 6015(e)(1)(A) deadline is jurisdictional (Frutiger; Rubel)
TAX_COURT = Rule(
    id="IS-4",
    title="Tax Court review of an innocent spouse determination (90 days)",
    cites=("IS-4", "IS-2"),
    effect=Effect.ROUTE_OPEN,
)


def _joint(case: Case) -> tuple[bool | None, dict[str, object], list[str]]:
    """Whether any period is a joint return, the facts read, and what is missing."""
    facts: dict[str, object] = {}
    status = case.taxpayer.filing_status
    if status is not None:
        facts["taxpayer.filing_status"] = status
    joint = [i for i, p in enumerate(case.tax_periods) if p.joint_return]
    for i in joint:
        facts[f"tax_periods[{i}].joint_return"] = True
    if joint or status is _MARRIED_FILING_JOINTLY:
        return True, facts, []
    unknown = [f"tax_periods[{i}].joint_return" for i, p in enumerate(case.tax_periods) if p.joint_return is None]
    if unknown and status is None:
        return None, facts, unknown
    if not case.tax_periods and status is None:
        return None, facts, ["taxpayer.filing_status"]
    return False, facts, []


def _route_effect(case: Case, facts: dict[str, object]) -> Effect:
    """Relief from joint liability is a step of the plan only when the person says the tax is the spouse's doing.

    Otherwise it stays in the findings as information: the route exists for every joint filer.
    """
    responsible = case.circumstances.spouse_responsible
    if responsible is not None:
        facts["circumstances.spouse_responsible"] = responsible
    return ROUTE_OPEN if responsible else INFO


def _election_last_day(began: date) -> tuple[dates.LastDay, ParamUse] | None:
    return months_after("is.election_months", began)


def innocent_spouse_election(case: Case, ctx: Context) -> list[Finding]:
    """IS-1: the 2-year window for relief under § 6015(b) or (c)."""
    if not is_individual(case):
        return []
    joint, facts, missing = _joint(case)
    if joint is None:
        return [ELECTION.finding(UNKNOWN, "joint_unknown", effect=ROUTE_OPEN, facts=facts, missing=missing)]
    if not joint:
        return [ELECTION.finding(NOT_APPLICABLE, "not_joint", facts=facts)]
    claims = case.proceedings.innocent_spouse_claims
    if claims:
        facts["proceedings.innocent_spouse_claims[0].filed_date"] = claims[0].filed_date
        return [ELECTION.finding(APPLIES, "claimed", effect=INFO, facts=facts, filed=claims[0].filed_date)]
    began = case.circumstances.collection_began_against_spouse_date
    path = "circumstances.collection_began_against_spouse_date"
    if began is None:
        return [ELECTION.finding(UNKNOWN, "began_unknown", effect=ROUTE_OPEN, facts=facts, missing=[path])]
    facts[path] = began
    window = _election_last_day(began)
    if window is None:
        return []
    last, use = window
    params = [use]
    if ctx.as_of <= last.last:
        return [
            ELECTION.finding(
                APPLIES,
                "open",
                effect=_route_effect(case, facts),
                facts=facts,
                params=params,
                value=last.last,
                deadline_ids=["is.election"],
                began=began,
                last_day=last.last,
            )
        ]
    return [
        ELECTION.finding(
            DOES_NOT_APPLY,
            "closed",
            effect=ROUTE_CLOSED,
            facts=facts,
            params=params,
            value=last.last,
            began=began,
            last_day=last.last,
        )
    ]


def equitable_relief(case: Case, ctx: Context) -> list[Finding]:
    """D17: § 6015(f) relief for unpaid tax may be asked for until the collection statute ends."""
    if not is_individual(case):
        return []
    joint, facts, _ = _joint(case)
    if not joint or case.proceedings.innocent_spouse_claims:
        return []
    periods = [(i, p) for i, p in enumerate(case.tax_periods) if p.joint_return or p.joint_return is None]
    csed = {i: ctx.csed[p.id].date for i, p in periods if p.id in ctx.csed and ctx.csed[p.id].date is not None}
    for i, d in csed.items():
        facts[f"tax_periods[{i}].csed"] = d
    open_dates = [d for d in csed.values() if d is not None and d >= ctx.as_of]
    if periods and csed and not open_dates and len(csed) == len(periods):
        return [EQUITABLE.finding(DOES_NOT_APPLY, "closed", effect=ROUTE_CLOSED, facts=facts)]
    began = case.circumstances.collection_began_against_spouse_date
    election = _election_last_day(began) if began else None
    if election is not None and ctx.as_of <= election[0].last:
        return [EQUITABLE.finding(APPLIES, "also_available", effect=INFO, facts=facts)]
    until = max(open_dates) if open_dates else None
    key = "open" if until else "open_csed_unknown"
    return [EQUITABLE.finding(APPLIES, key, effect=_route_effect(case, facts), facts=facts, value=until, until=until)]


def innocent_spouse_tax_court(case: Case, ctx: Context) -> list[Finding]:
    """IS-4: petition within 90 days after the final determination is mailed, or after 6 months without one."""
    out = []
    for j, claim in enumerate(case.proceedings.innocent_spouse_claims):
        subject = f"proceedings.innocent_spouse_claims[{j}]"
        facts: dict[str, object] = {f"{subject}.filed_date": claim.filed_date}
        if claim.tax_court_petition_date is not None:
            facts[f"{subject}.tax_court_petition_date"] = claim.tax_court_petition_date
            last = _petition_last_day(claim.final_determination_date) if claim.final_determination_date else None
            if last is not None and claim.tax_court_petition_date > last[0].last:
                # after the 90th day as § 7503 moves it: the Tax Court holds the deadline jurisdictional, not open to
                # equitable tolling (Frutiger v. Comm'r, 162 T.C. No. 5 (2024); Rubel v. Comm'r (3d Cir. 2017)). Its
                # ruling on the petition, when known, decides (``late_ruling``): accepted, a timely petition (the
                # court may hold a petition late by the count timely, e.g. a determination not mailed to the last
                # known address, Ewing v. Comm'r, 122 T.C. 32 (2004)); refused, the route closed by the ruling
                facts[f"{subject}.final_determination_date"] = claim.final_determination_date
                accepted = claim.tax_court_late_petition_accepted
                if accepted is not None:
                    facts[f"{subject}.tax_court_late_petition_accepted"] = accepted
                key = (
                    "petitioned_late"
                    if accepted is None
                    else f"petitioned_late_{'accepted' if accepted else 'refused'}"
                )
                out.append(
                    TAX_COURT.finding(
                        APPLIES if accepted else DOES_NOT_APPLY,
                        key,
                        effect=INFO if accepted else ROUTE_CLOSED,
                        subject=subject,
                        facts=facts,
                        params=[last[1]],
                        also_cites=LATE_PETITION_CITES,
                        petition=claim.tax_court_petition_date,
                        last_day=last[0].last,
                    )
                )
                continue
            out.append(TAX_COURT.finding(APPLIES, "petitioned", effect=INFO, subject=subject, facts=facts))
            continue
        if claim.final_determination_date is None:
            use = param_use("is.no_determination_months", claim.filed_date)
            if use is None or not isinstance(use.value, int):
                continue
            from_day = dates.add_months(claim.filed_date, use.value)
            key, outcome = ("no_determination_open", APPLIES) if ctx.as_of >= from_day else ("pending", NOT_APPLICABLE)
            out.append(TAX_COURT.finding(outcome, key, subject=subject, facts=facts, params=[use], from_day=from_day))
            continue
        facts[f"{subject}.final_determination_date"] = claim.final_determination_date
        last = _petition_last_day(claim.final_determination_date)
        if last is None:
            continue
        counted, use = last
        out.append(
            open_or_closed(
                TAX_COURT,
                ctx.as_of,
                counted.last,
                "is.tax_court_petition",
                subject=subject,
                facts=facts,
                params=[use],
                last_day=counted.last,
            )
        )
    return out


def _petition_last_day(determination: date) -> tuple[dates.LastDay, ParamUse] | None:
    return days_after("is.tax_court_petition_days", determination)


def spouse_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """is.election (2 years) and is.tax_court_petition (90 days)."""
    out = []
    joint, _, _ = _joint(case)
    began = case.circumstances.collection_began_against_spouse_date
    if is_individual(case) and joint and began is not None and not case.proceedings.innocent_spouse_claims:
        window = _election_last_day(began)
        if window is not None:
            last = window[0]
            out.append(
                deadline(
                    "is.election",
                    message("deadline.is.election.title"),
                    last.last,
                    ctx.as_of,
                    message("deadline.is.election.protects"),
                    ELECTION.cites,
                    last.count("is_election"),
                )
            )
    for j, claim in enumerate(case.proceedings.innocent_spouse_claims):
        if claim.final_determination_date is None or claim.tax_court_petition_date is not None:
            continue
        petition = _petition_last_day(claim.final_determination_date)
        if petition is None:
            continue
        counted = petition[0]
        out.append(
            deadline(
                "is.tax_court_petition",
                message("deadline.is.tax_court_petition.title"),
                counted.last,
                ctx.as_of,
                message("deadline.is.tax_court_petition.protects"),
                TAX_COURT.cites,
                counted.count("is_tax_court_petition"),
                f"proceedings.innocent_spouse_claims[{j}]",
            )
        )
    return out
