"""Help outside the appeal routes: the Taxpayer Advocate Service, Low Income Taxpayer Clinics, audit
reconsideration, innocent spouse relief (``law/appeals_spouse.py``), and a pointer to the release rules.

- TAS takes a case that meets any one of nine criteria (IRM 13.1.7.3); "significant hardship" for a
  Taxpayer Assistance Order includes "an immediate threat of adverse action" and "irreparable injury"
  (§ 7811(a)(2)). A TAO may require the IRS "to release property of the taxpayer levied upon" (§ 7811(b)).
- A qualified clinic represents taxpayers "whose incomes do not exceed 250 percent of the poverty level"
  in controversies generally not over the § 7463 amount (§ 7526(b)(1)(B)).
- Audit reconsideration (Pub 3598) reopens an unpaid assessment from an audit or an IRS-prepared return.

Decision (LITC, business taxpayers): the clinic income test compares a household's income with the
poverty guideline for its size, so it can be applied only to an individual. For a business the rule
gives ``not_applicable`` and tells the owner to ask a clinic directly (clinics decide eligibility,
LITC-1); an owner personally liable (sole proprietor, trust fund recovery penalty) is entered as an
individual case.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core import lawdata, params
from levynav.core.calc.income import to_cents
from levynav.core.law import appeals_spouse
from levynav.core.law.appeals_spouse import ELECTION as ELECTION
from levynav.core.law.appeals_spouse import EQUITABLE as EQUITABLE
from levynav.core.law.deciding import informs
from levynav.core.law.levy_facts import is_individual
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    INFO,
    NOT_APPLICABLE,
    ROUTE_CLOSED,
    ROUTE_OPEN,
    UNKNOWN,
    Context,
    DeadlineFunc,
    Rule,
    RuleFunc,
)
from levynav.core.model.analysis import Effect, Finding, LabelArg, Message, ParamUse, message
from levynav.core.model.case import Case
from levynav.core.model.construct import construct

TAS = Rule(
    id="TAS-1",
    title="Taxpayer Advocate Service (free)",
    cites=("TAS-1", "TAS-2", "TAS-3", "TAS-4", "TAS-5", "TAS-6"),
    effect=Effect.ROUTE_OPEN,
)
LITC = Rule(
    id="LITC-1",
    title="Low Income Taxpayer Clinic (free or nominal fee)",
    cites=("LITC-1", "LITC-2"),
    effect=Effect.ROUTE_OPEN,
)
AUDIT_RECON = Rule(
    id="AR-1",
    title="Audit reconsideration (dispute a tax from an audit or an IRS-prepared return)",
    cites=("AR-1", "AR-2", "AR-3", "D24"),
    effect=Effect.ROUTE_OPEN,
)
SPOUSE_TAX_COURT = appeals_spouse.TAX_COURT  # re-exported so the catalog reaches every rule
RELEASE_POINTER = Rule(
    id="LR-1",
    title="You can also ask the IRS to release the levy directly",
    cites=("LR-1", "LR-2", "LR-3", "LR-4"),
    effect=Effect.INFO,
)

# TAS acceptance criteria (IRM 13.1.7.3) 3–9 and the circumstance that states each; 1 and 2 are in code.
TAS_FLAGS = (
    (3, "significant_costs_without_relief"),
    (4, "irreparable_injury"),
    (5, "irs_delay_over_30_days"),
    (6, "no_response_by_promised_date"),
    (7, "irs_system_failure"),
    (8, "rights_impaired"),
    (9, "public_policy_issue"),
)


_HARDSHIP_PATH = "circumstances.economic_hardship"


def _hardship(case: Case, ctx: Context) -> tuple[bool | None, bool]:
    """Economic harm (criterion 1), and whether the answer is the person's stated fact (recorded as a fact) rather than
    the hardship calculation from the finances (recorded by R6343-A4 with its figures). Met when the person says the
    levy leaves them unable to pay basic living expenses or when the calculation shows it; not met when neither
    shows it and one of them says no; unknown when neither is known. Either one showing harm is enough: the
    calculation that makes the hardship release apply cannot leave the Advocate's economic-harm criterion unmet
    because the person said otherwise earlier, and TAS decides harm on what the person tells it."""
    stated = case.circumstances.economic_hardship
    computed = ctx.hardship.outcome if ctx.hardship is not None else None
    if stated:
        return True, True
    if computed is APPLIES:
        return True, False
    if stated is False:
        return False, True
    if computed is DOES_NOT_APPLY:
        return False, False
    return None, False


def taxpayer_advocate(case: Case, ctx: Context) -> list[Finding]:
    """TAS-1: any one of the nine Form 911 acceptance criteria. An active levy causing economic harm
    meets criterion 1 (economic harm) and criterion 2 (adverse action is already under way)."""
    c = case.circumstances
    requests = case.proceedings.taxpayer_advocate_requests
    if requests:
        applied = requests[0].application_date
        path = "proceedings.taxpayer_advocate_requests[0].application_date"
        return [TAS.finding(APPLIES, "requested", effect=INFO, facts={path: applied}, applied=applied)]
    facts: dict[str, object] = {}
    missing: list[str] = []
    met: list[int] = []
    hardship, stated = _hardship(case, ctx)
    active = [i for i, lv in enumerate(case.levies) if lv.released_date is None or lv.released_date > ctx.as_of]
    if hardship is None:
        missing.append(_HARDSHIP_PATH)
    else:
        if stated:
            facts[_HARDSHIP_PATH] = hardship
        if hardship:
            met.append(1)
    threat = c.immediate_threat_of_adverse_action
    if threat is not None:
        facts["circumstances.immediate_threat_of_adverse_action"] = threat
    if threat or (hardship and active):
        met.append(2)
        facts.update({f"levies[{i}].kind": case.levies[i].kind for i in active})
    elif threat is None:
        missing.append("circumstances.immediate_threat_of_adverse_action")
    for number, name in TAS_FLAGS:
        value = getattr(c, name)
        if value is None:
            missing.append(f"circumstances.{name}")
            continue
        facts[f"circumstances.{name}"] = value
        if value:
            met.append(number)
    if met:
        listed = [message(f"{TAS.id}.criterion_{n}") for n in met]
        return [TAS.finding(APPLIES, "meets", facts=facts, value=met, criteria=listed)]
    if missing:
        return [TAS.finding(UNKNOWN, "unknown", effect=ROUTE_OPEN, facts=facts, missing=missing)]
    return [TAS.finding(DOES_NOT_APPLY, "none_met", facts=facts)]


def _ceiling(area: str, size: int, on: date) -> tuple[Decimal, list[ParamUse]] | None:
    """250% of the HHS poverty guideline for a household of ``size`` (LITC-2); None if a figure is missing."""
    uses = [params.use("litc.poverty_percent", on), params.use(f"litc.poverty_guideline_first_person_{area}", on)]
    if size > 1:
        uses.append(params.use(f"litc.poverty_guideline_additional_person_{area}", on))
    values = [u.value for u in uses]
    if any(not isinstance(v, int | Decimal) for v in values):
        return None
    percent, first = Decimal(str(values[0])), Decimal(str(values[1]))
    extra = Decimal(str(values[2])) * (size - 1) if size > 1 else Decimal(0)
    return (first + extra) * percent / 100, uses


def _household(case: Case, ctx: Context) -> tuple[Decimal | None, str, int | None, str]:
    """Yearly household income and household size: as stated, or else from the finances weighed (the monthly gross
    to the cent × 12, as the finances section shows it; the household size the allowances were taken for). Read from
    the picture, not the section: a screen's decision does not build the section (ADR 0017)."""
    c = case.circumstances
    picture = ctx.picture
    income: Decimal | None = c.household_income_annual
    income_path = "circumstances.household_income_annual"
    if income is None and picture is not None and not picture.income.missing:
        gross = to_cents(picture.income.gross_total)
        if gross is not None:
            income, income_path = gross * 12, "finances.income"  # monthly gross × 12
    size: int | None = c.household_size
    size_path = "circumstances.household_size"
    if size is None and picture is not None and picture.expenses.household.size:
        size, size_path = picture.expenses.household.size, "finances.household_size"
    return income, income_path, size, size_path


def _figure_status(use: ParamUse, area: str) -> Message:
    """How sure one poverty-guideline figure is (``LITC-1.figure_status``). Said once per Law bundle, figure value and
    area: the words depend only on the bundle's parameter record (made once per bundle and value, ``params.use``),
    and a message is immutable, so every analysis can hold the same one."""
    said: dict[tuple[int, str], tuple[ParamUse, Message]] = lawdata.derived("help.figure_status", lambda law: {})
    hit = said.get((id(use), area))  # by identity: the bundle keeps the record alive, so its id is not reused
    if hit is None or hit[0] is not use:
        words = message(
            f"{LITC.id}.figure_status",
            figure=construct(LabelArg, enum="litc_figure", value=use.id.rsplit(".", 1)[-1].removesuffix(f"_{area}")),
            status=construct(LabelArg, enum="param_status", value=use.status),
        )
        hit = said[(id(use), area)] = (use, words)
    return hit[1]


def low_income_clinic(case: Case, ctx: Context) -> list[Finding]:
    """LITC-1/LITC-2: household income at or below 250% of the poverty guideline; dispute up to $50,000."""
    if not is_individual(case):
        return [LITC.finding(NOT_APPLICABLE, "business", facts={"taxpayer.kind": case.taxpayer.kind})]
    c = case.circumstances
    income, income_path, size, size_path = _household(case, ctx)
    missing = [
        path
        for path, value in (
            (income_path, income),
            (size_path, size),
            ("taxpayer.state", case.taxpayer.state),
        )
        if value is None
    ]
    if missing:
        return [LITC.finding(UNKNOWN, "unknown", effect=ROUTE_OPEN, missing=missing)]
    assert income is not None and size is not None and case.taxpayer.state
    area = {"AK": "ak", "HI": "hi"}.get(case.taxpayer.state, "48")
    try:
        got = _ceiling(area, size, ctx.as_of)
    except params.MissingParameter:
        got = None
    facts: dict[str, object] = {income_path: income, size_path: size, "taxpayer.state": case.taxpayer.state}
    if got is None:
        return [LITC.finding(UNKNOWN, "no_figures", facts=facts)]
    ceiling, uses = got
    statuses = [_figure_status(u, area) for u in uses]
    common: dict[str, Any] = {
        "income": income,
        "ceiling": ceiling,
        "size": size,
        "statuses": statuses,
    }
    if any(u.status == "U" for u in uses):
        return [LITC.finding(UNKNOWN, "unverified", facts=facts, params=uses, value=ceiling, **common)]
    if income > ceiling:
        return [LITC.finding(DOES_NOT_APPLY, "over_income", facts=facts, params=uses, value=ceiling, **common)]
    limit = params.use("litc.amount_in_dispute_max_usd", ctx.as_of)
    uses.append(limit)
    key = "eligible"
    if c.amount_in_dispute is not None:
        facts["circumstances.amount_in_dispute"] = c.amount_in_dispute
        if isinstance(limit.value, int | Decimal) and c.amount_in_dispute > limit.value:
            key = "eligible_amount_high"
    return [
        LITC.finding(APPLIES, key, facts=facts, params=uses, value=ceiling, limit=Decimal(str(limit.value)), **common)
    ]


def audit_reconsideration(case: Case, ctx: Context) -> list[Finding]:
    """AR-1..AR-3, D24: reopen an unpaid audit/IRS-prepared assessment; if paid, a refund claim instead."""
    c = case.circumstances
    base = "circumstances."
    if c.disputes_liability is None:
        return [AUDIT_RECON.finding(UNKNOWN, "unknown", effect=ROUTE_OPEN, missing=[base + "disputes_liability"])]
    facts: dict[str, object] = {base + "disputes_liability": c.disputes_liability}
    if not c.disputes_liability:
        return [AUDIT_RECON.finding(NOT_APPLICABLE, "no_dispute", facts=facts)]
    recons = case.proceedings.audit_reconsiderations
    barred = [i for i, r in enumerate(recons) if r.closing_agreement_or_compromise]
    if barred:
        facts[f"proceedings.audit_reconsiderations[{barred[0]}].closing_agreement_or_compromise"] = True
        return [AUDIT_RECON.finding(DOES_NOT_APPLY, "barred", effect=ROUTE_CLOSED, facts=facts)]
    paid = c.liability_paid or any(r.liability_paid for r in recons)
    if paid:
        facts[base + "liability_paid"] = True
        return [AUDIT_RECON.finding(DOES_NOT_APPLY, "paid", effect=INFO, facts=facts)]
    source = c.liability_from_audit_or_sfr
    if source is None:
        source = next(
            (r.assessment_from_audit_or_sfr for r in recons if r.assessment_from_audit_or_sfr is not None), None
        )
    if source is None:
        return [
            AUDIT_RECON.finding(
                UNKNOWN,
                "source_unknown",
                effect=ROUTE_OPEN,
                facts=facts,
                missing=[base + "liability_from_audit_or_sfr"],
            )
        ]
    facts[base + "liability_from_audit_or_sfr"] = source
    if not source:
        return [AUDIT_RECON.finding(NOT_APPLICABLE, "not_audit", facts=facts)]
    requested = [r for r in recons if r.requested_date is not None]
    if requested:
        return [
            AUDIT_RECON.finding(APPLIES, "requested", effect=INFO, facts=facts, requested=requested[0].requested_date)
        ]
    return [AUDIT_RECON.finding(APPLIES, "open", facts=facts)]


@informs
def release_pointer(case: Case, ctx: Context) -> list[Finding]:
    """LR-1..LR-4 (summary only): the release and return grounds are decided by the release rules."""
    active = [i for i, lv in enumerate(case.levies) if lv.released_date is None or lv.released_date > ctx.as_of]
    if not active:
        return []
    return [
        RELEASE_POINTER.finding(APPLIES, "pointer", facts={f"levies[{i}].kind": case.levies[i].kind for i in active})
    ]


RULES: list[RuleFunc] = [
    taxpayer_advocate,
    low_income_clinic,
    audit_reconsideration,
    appeals_spouse.innocent_spouse_election,
    appeals_spouse.equitable_relief,
    appeals_spouse.innocent_spouse_tax_court,
    release_pointer,
]
DEADLINES: list[DeadlineFunc] = [appeals_spouse.spouse_deadlines]
