"""Tax Court review of a CDP Notice of Determination: § 6330(d)(1), "within 30 days of a determination
under this section". An equivalent hearing's Decision Letter generally cannot be reviewed (EH-2). The
30 days are not jurisdictional and may be equitably tolled (Boechler, P.C. v. Comm'r, 596 U.S. 199 (2022); D6).
The deadline is still shown as firm. Once it has passed, though, the route is not a settled "closed": a late
petition, filed or still to be filed, is UNKNOWN (the court decides whether to toll), with a step. When the facts give
the court's ruling on a late petition (``tax_court_late_petition_accepted``): refused, the route is closed
(``petitioned_late_refused``, DOES_NOT_APPLY); accepted, the petition counts as timely (``petitioned_late_accepted``,
INFO, no date left to file by; the levy stop and the collection statute pause read it the same way).

Nothing left to collect (reference CDP-15-ZUCH): the Tax Court "lacks jurisdiction under § 6330 to resolve disputes
between a taxpayer and the IRS when the IRS is no longer pursuing a levy" (Commissioner v. Zuch, 605 U.S. ___ (2025),
as its summaries quote it); "this Court lacks jurisdiction in this collection review proceeding to determine an
overpayment or to order a refund or credit of taxes" (Greene-Thapedi v. Comm'r, 126 T.C. 1 (2006)). When the tax is
paid (``circumstances.liability_paid``) or every period of the hearing shows no balance, the petition is UNKNOWN
(the IRS may still say something is owed) with the words of the refund route; the 30-day date stays shown.
"""

from __future__ import annotations

from datetime import date

from levynav.core.calc import cdp_petition, hearing_windows
from levynav.core.calc.repeat_filing_stay import stayed_on
from levynav.core.law import cdp_request
from levynav.core.law.route_windows import open_or_closed
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
from levynav.core.model.case import Case, HearingKind, HearingRequest, TaxPeriod

TAX_COURT = Rule(
    id="CDP-15",
    title="Tax Court review of the CDP Notice of Determination (30 days)",
    cites=("CDP-15", "CDP-8", "D6", "CDP-16"),
    effect=Effect.ROUTE_OPEN,
)

# Pension Protection Act of 2006, Pub. L. 109-280, § 855(b), 120 Stat. 1019: the Tax Court's jurisdiction
# over every CDP determination applies "to determinations made after the date which is 60 days after the
# date of the enactment" (enacted 2006-08-17). Before, § 6330(d)(1)(B) (112 Stat. 749) sent an appeal to a
# district court "if the Tax Court does not have jurisdiction of the underlying tax liability".
TAX_COURT_FOR_ALL_TAXES_FROM = date(2006, 10, 17)


def _hearing_type(case: Case, j: int, req: HearingRequest) -> str | None:
    """'cdp' or 'eh' for a hearing request — the one answer of ``cdp_request`` (Ruhaak: the box does not decide)."""
    kind = cdp_request.request_kind(case, j).cdp
    return None if kind is None else ("cdp" if kind else "eh")


def tax_court_review(case: Case, ctx: Context) -> list[Finding]:
    """§ 6330(d)(1): petition the Tax Court "within 30 days of a determination under this section"."""
    out = []
    for j, req in enumerate(case.proceedings.hearing_requests):
        if req.determination_date is None:
            continue
        subject = f"proceedings.hearing_requests[{j}]"
        facts: dict[str, object] = {f"{subject}.determination_date": req.determination_date}
        kind = _hearing_type(case, j, req)
        rk = cdp_request.request_kind(case, j)
        if kind is None and (rk.not_given or rk.before_assessment or rk.assessment_unknown):
            # a request after a notice that started no 30 days (CDP-17), after the days of a notice given before the
            # tax was assessed (NC-ASSESSED), or of one whose tax's assessment date is not known (asked): a Notice of
            # Determination can be petitioned as any; a Decision Letter cannot (Kennedy v. Comm'r, 116 T.C. 255
            # (2001)) — which Appeals sent decides it, and the 30 days are shown (the reading that protects the person)
            why = "not_given" if rk.not_given else "before_assessment" if rk.before_assessment else "unknown_assessment"
            cites = cdp_request.NOT_GIVEN_CITES if rk.not_given else ("NC-ASSESSED",)
            asked = list(rk.missing) if rk.assessment_unknown else []
            petition = _petition(req)
            if petition is None:
                out.append(
                    TAX_COURT.finding(
                        UNKNOWN, f"type_{why}_no_date", subject=subject, facts=facts, also_cites=cites, missing=asked
                    )
                )
                continue
            last, use = petition.window, petition.use
            out.append(
                TAX_COURT.finding(
                    UNKNOWN,
                    f"type_{why}",
                    effect=ROUTE_OPEN,
                    subject=subject,
                    facts=facts,
                    also_cites=cites,
                    missing=asked,
                    params=[use],
                    # the plan step (``plan.CDP-15.variants.type_*``) is due by the petition's day while it is open
                    deadline_ids=("tax_court.cdp_petition",),
                    determination_date=req.determination_date,
                    last_day=last.last,
                )
            )
            continue
        if kind is None:
            out.append(
                TAX_COURT.finding(UNKNOWN, "type_unknown", subject=subject, facts=facts, missing=list(rk.missing))
            )
            continue
        if kind == "eh":
            out.append(TAX_COURT.finding(NOT_APPLICABLE, "decision_letter", subject=subject, facts=facts))
            continue
        petition = _petition(req)
        if petition is None:
            continue
        last, use = petition.window, petition.use
        stayed = stayed_on(case, req.determination_date) if req.final_date is None else None
        if stayed is not None:
            out.append(_void_in_stay(case, stayed, subject, facts, req, use, last.last))
            continue
        paid = _nothing_to_collect(case, req)
        if paid is not None:
            out.append(_nothing_left(subject, facts | paid, req, use, last.last))
            continue
        if petition.status in (cdp_petition.ACCEPTED, cdp_petition.REFUSED):
            # the court has ruled on the late petition: refused, the route is closed; accepted, a timely petition
            accepted = petition.status == cdp_petition.ACCEPTED
            facts[f"{subject}.tax_court_petition_date"] = req.tax_court_petition_date
            facts[f"{subject}.tax_court_late_petition_accepted"] = accepted
            out.append(
                TAX_COURT.finding(
                    APPLIES if accepted else DOES_NOT_APPLY,
                    "petitioned_late_accepted" if accepted else "petitioned_late_refused",
                    effect=INFO if accepted else ROUTE_CLOSED,
                    subject=subject,
                    facts=facts,
                    params=[use],
                    petition_date=req.tax_court_petition_date,
                    last_day=last.last,
                )
            )
            continue
        if petition.status == cdp_petition.LATE:
            facts[f"{subject}.tax_court_petition_date"] = req.tax_court_petition_date
            out.append(
                TAX_COURT.finding(
                    UNKNOWN,
                    "petitioned_late",
                    effect=ROUTE_OPEN,
                    subject=subject,
                    facts=facts,
                    params=[use],
                    petition_date=req.tax_court_petition_date,
                    last_day=last.last,
                )
            )
            continue
        if petition.status == cdp_petition.TIMELY:
            facts[f"{subject}.tax_court_petition_date"] = req.tax_court_petition_date
            out.append(
                TAX_COURT.finding(
                    APPLIES,
                    "petitioned",
                    effect=INFO,
                    subject=subject,
                    facts=facts,
                    params=[use],
                    petition_date=req.tax_court_petition_date,
                )
            )
            continue
        if ctx.as_of > last.last:
            out.append(
                TAX_COURT.finding(
                    UNKNOWN,
                    "late_tolling",
                    effect=ROUTE_OPEN,
                    subject=subject,
                    facts=facts,
                    params=[use],
                    value=last.last,
                    last_day=last.last,
                )
            )
            continue
        out.append(
            open_or_closed(
                TAX_COURT,
                ctx.as_of,
                last.last,
                "tax_court.cdp_petition",
                open_key="open" if req.determination_date >= TAX_COURT_FOR_ALL_TAXES_FROM else "open_before_2006",
                open_vars={"determination_date": req.determination_date},
                subject=subject,
                facts=facts,
                params=[use],
                last_day=last.last,
            )
        )
    return out


def _void_in_stay(
    case: Case, k: int, subject: str, facts: dict[str, object], req: HearingRequest, use: ParamUse, last_day: date
) -> Finding:
    """CDP-15 for a determination issued while the bankruptcy's automatic stay was in effect (reference
    CDP-15-SMITH): "The notices of determination underlying the petitions were issued to petitioner in violation of
    the automatic stay imposed under 11 U.S.C. sec. 362(a)(1) (2000), and, therefore, the Court lacks jurisdiction"
    (Smith v. Comm'r, 124 T.C. 36 (2005)). The hearing is still to be decided: Appeals owes a determination after the
    stay, and its 30 days are the ones that count. UNKNOWN, the route open: whether the stay reached this tax (one
    for a period after the bankruptcy began is not stayed against the person) is not known here, so the 30-day date
    of this determination stays shown (ADR 0004)."""
    b = case.proceedings.bankruptcies[k]
    sub = f"proceedings.bankruptcies[{k}]"
    ends = {n: getattr(b, n) for n in ("discharge_date", "dismissal_date", "closed_date")}
    facts = facts | {f"{sub}.petition_date": b.petition_date} | {f"{sub}.{n}": d for n, d in ends.items()}
    if req.tax_court_petition_date is not None:
        facts[f"{subject}.tax_court_petition_date"] = req.tax_court_petition_date
    return TAX_COURT.finding(
        UNKNOWN,
        "void_stay_petitioned" if req.tax_court_petition_date is not None else "void_stay",
        effect=ROUTE_OPEN,
        subject=subject,
        facts=facts,
        params=[use],
        also_cites=("CDP-15-SMITH",),
        determination_date=req.determination_date,
        filed=b.petition_date,
        last_day=last_day,
    )


def _nothing_left(
    subject: str, facts: dict[str, object], req: HearingRequest, use: ParamUse, last_day: date
) -> Finding:
    """CDP-15 when nothing is left to collect: UNKNOWN, the refund route said (Zuch; Greene-Thapedi)."""
    if req.tax_court_petition_date is None:
        return TAX_COURT.finding(
            UNKNOWN,
            "nothing_to_collect",
            effect=ROUTE_OPEN,
            subject=subject,
            facts=facts,
            params=[use],
            also_cites=("CDP-15-ZUCH",),
            last_day=last_day,
        )
    facts[f"{subject}.tax_court_petition_date"] = req.tax_court_petition_date
    return TAX_COURT.finding(
        UNKNOWN,
        "nothing_to_collect_petitioned",
        effect=ROUTE_OPEN,
        subject=subject,
        facts=facts,
        params=[use],
        also_cites=("CDP-15-ZUCH",),
        petition_date=req.tax_court_petition_date,
    )


def _nothing_to_collect(case: Case, req: HearingRequest) -> dict[str, object] | None:
    """The facts that say nothing is left to collect for the hearing's tax, or None.

    Paid, as the person says (``circumstances.liability_paid``, as the release rule R6343-A1 reads it), or a zero
    balance on every period of the hearing (the request's periods; with none named, every period of the case) —
    Zuch's and Greene-Thapedi's facts, where offsets had brought the balance to zero. An unknown balance is not
    zero: then nothing is said. A levy hearing only: both cases were about a proposed levy (§ 6330); a lien hearing
    (§ 6320) on a paid tax was not in the sources read, so its route is left as it was."""
    if req.kind is not HearingKind.LEVY:
        return None
    if case.circumstances.liability_paid:
        return {"circumstances.liability_paid": True}
    named = set(req.tax_periods)
    periods: list[tuple[int, TaxPeriod]] = [
        (k, p) for k, p in enumerate(case.tax_periods) if not named or p.id in named
    ]
    if not periods or (named and len(periods) < len(named)):
        return None
    if not all(p.balance is not None and p.balance == 0 for _, p in periods):
        return None
    return {f"tax_periods[{k}].balance": p.balance for k, p in periods}


def _petition(req: HearingRequest) -> cdp_petition.CdpPetition | None:
    """The 30 days after the request's determination and how its petition stands (``calc.cdp_petition``: the one
    answer the levy stop and the collection statute read too)."""
    assert req.determination_date is not None
    return cdp_petition.cdp_petition(
        req.determination_date, req.tax_court_petition_date, req.tax_court_late_petition_accepted
    )


def tax_court_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    """tax_court.cdp_petition for each determination not petitioned in time: still to file by, or passed — also
    when a petition came after it (the court is asked to toll; the day missed is shown, Boechler)."""
    out = []
    for j, req in enumerate(case.proceedings.hearing_requests):
        if req.determination_date is None:
            continue
        # a request after a notice that started no 30 days, or after the days of a notice given before the tax was
        # assessed (or maybe so: the assessment date unknown), may be a CDP request: its 30 days are shown (ADR 0004)
        rk = cdp_request.request_kind(case, j)
        if _hearing_type(case, j, req) != "cdp" and not (rk.not_given or rk.before_assessment or rk.assessment_unknown):
            continue
        petition = _petition(req)
        if petition is None:
            continue
        last = petition.window
        if petition.counts:
            continue  # petitioned in time, or late and accepted by the court: nothing is left to file by
        out.append(
            hearing_windows.deadline(
                "tax_court.cdp_petition",
                message("deadline.tax_court.cdp_petition.title"),
                last.last,
                ctx.as_of,
                message("deadline.tax_court.cdp_petition.protects"),
                TAX_COURT.cites,
                [*last.count("tax_court_petition"), message("count.boechler")],
                f"proceedings.hearing_requests[{j}]",
            )
        )
    return out
