"""Tax Court review of a CDP Notice of Determination: § 6330(d)(1), "within 30 days of a determination
under this section". An equivalent hearing's Decision Letter generally cannot be reviewed (EH-2). The
30 days are not jurisdictional and may be equitably tolled (Boechler, P.C. v. Comm'r, 596 U.S. 199 (2022);
citation not re-read, D6 [U]) — the deadline is still shown as firm.
"""

from __future__ import annotations

from datetime import date

from levynav.calc import dates
from levynav.law import appeals_windows
from levynav.law.appeals_windows import request_for
from levynav.law.findings_util import days_after, open_or_closed
from levynav.law.rule import Context, Rule
from levynav.model.analysis import Deadline, Effect, Finding, Outcome, ParamUse
from levynav.model.case import Case, HearingRequest

TAX_COURT = Rule(
    id="CDP-15",
    title="Tax Court review of the CDP Notice of Determination (30 days)",
    cites=("CDP-15", "CDP-8", "D6"),
    effect=Effect.ROUTE_OPEN,
)


def _hearing_type(case: Case, j: int, req: HearingRequest) -> str | None:
    """'cdp' or 'eh' for a hearing request, from the notice it answers; None if it cannot be told."""
    if req.equivalent_hearing_box_checked:
        return "eh"
    for w in appeals_windows.windows(case):
        found = request_for(case, w)
        if found is not None and found[0] == j and w.cdp_last is not None:
            return "cdp" if req.request_date <= w.cdp_last else "eh"
    return "cdp" if req.equivalent_hearing_box_checked is False else None


def tax_court_review(case: Case, ctx: Context) -> list[Finding]:
    """§ 6330(d)(1): petition the Tax Court "within 30 days of a determination under this section"."""
    out = []
    for j, req in enumerate(case.proceedings.hearing_requests):
        if req.determination_date is None:
            continue
        subject = f"proceedings.hearing_requests[{j}]"
        facts: dict[str, object] = {f"{subject}.determination_date": req.determination_date}
        kind = _hearing_type(case, j, req)
        if kind is None:
            missing = [f"{subject}.equivalent_hearing_box_checked"]
            out.append(
                TAX_COURT.finding(Outcome.UNKNOWN, "type_unknown", subject=subject, facts=facts, missing=missing)
            )
            continue
        if kind == "eh":
            out.append(TAX_COURT.finding(Outcome.NOT_APPLICABLE, "decision_letter", subject=subject, facts=facts))
            continue
        petition = _petition_last_day(req.determination_date)
        if petition is None:
            continue
        last, use = petition
        if req.tax_court_petition_date is not None:
            facts[f"{subject}.tax_court_petition_date"] = req.tax_court_petition_date
            out.append(
                TAX_COURT.finding(
                    Outcome.APPLIES,
                    "petitioned",
                    effect=Effect.INFO,
                    subject=subject,
                    facts=facts,
                    params=[use],
                    petition_date=req.tax_court_petition_date,
                )
            )
            continue
        out.append(
            open_or_closed(
                TAX_COURT,
                ctx.as_of,
                last.last,
                "tax_court.cdp_petition",
                open_vars={"determination_date": req.determination_date},
                subject=subject,
                facts=facts,
                params=[use],
                last_day=last.last,
            )
        )
    return out


def _petition_last_day(determination: date) -> tuple[dates.LastDay, ParamUse] | None:
    return days_after("tax_court.cdp_petition_days", determination)


def tax_court_deadlines(case: Case, ctx: Context) -> list[Deadline]:
    out = []
    for j, req in enumerate(case.proceedings.hearing_requests):
        if req.determination_date is None or req.tax_court_petition_date is not None:
            continue
        if _hearing_type(case, j, req) != "cdp":
            continue
        petition = _petition_last_day(req.determination_date)
        if petition is None:
            continue
        last, _ = petition
        out.append(
            appeals_windows.deadline(
                "tax_court.cdp_petition",
                "Last day to petition the Tax Court about the CDP Notice of Determination",
                last.last,
                ctx.as_of,
                "Tax Court review; the levy stop and the collection statute pause continue while the case is pending",
                TAX_COURT.cites,
                last.describe("Tax Court petition")
                + "; the 30 days may be equitably tolled (Boechler) — do not rely on it",
                f"proceedings.hearing_requests[{j}]",
            )
        )
    return out
