"""Levies on federal payments and bank accounts: § 6331(h) (FPLP), the Low Income Filter, § 6332(c).

- § 6331(h)(1): a continuous levy on "specified payments" (Social Security title II included) takes up
  to 15% of each payment, notwithstanding § 6334; § 6331(h)(3): 100% for payments to federal vendors
  and Medicare providers. The § 6343 release grounds apply to it as to any levy (reference R6331-H1).
- The Low Income Filter is IRS policy, not law; its threshold (about 250% of poverty) is UNVERIFIED.
  Someone levied despite low income should ask for a hardship release (R6343-A4).
- § 6332(c): a bank surrenders the deposits "only after 21 days after service of levy" — the window to
  get a release before the money moves; once it has been paid over, the remedy is a return (§ 6343(d),
  or § 6343(b) for another owner), still possible within 2 years (reference § 7 item 5).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core import lawdata, params
from levynav.core.calc.dates import last_day_after
from levynav.core.calc.low_income_test import income_limit
from levynav.core.law import registry
from levynav.core.law.deciding import informs
from levynav.core.law.levy_facts import benefit_levy_method, is_individual, levy_subject, paid_over, payment_scheduled
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, INFO, NOT_APPLICABLE, UNKNOWN, Context, Rule, RuleFunc
from levynav.core.model.analysis import Deadline, Effect, Finding, Message, ParamUse, SentencesArg, message
from levynav.core.model.case import Case, ExemptCategory, Levy, LevyKind, LevyMethod
from levynav.core.model.construct import construct

FPLP = Rule(
    id="R6331-H1",
    title="Federal Payment Levy Program: a set share of each federal payment",
    cites=("R6331-H1",),
    effect=Effect.INFO,
)
LOW_INCOME_FILTER = Rule(
    id="R6331-H2",
    title="The IRS's low-income screen for Social Security levies (policy, not law)",
    cites=("R6331-H2",),
    effect=Effect.INFO,
)
BANK_HOLD = Rule(
    id="R6332-C1",
    title="The bank must hold levied money for 21 days before sending it to the IRS",
    cites=("R6332-C1",),
    effect=Effect.ROUTE_OPEN,
)


_E = ExemptCategory
# § 6334(f): "Any payment described in subparagraph (B) or (C) of section 6331(h)(2) shall not be exempt from levy if
# the Secretary approves the levy thereon under section 6331(h)". (B): the payments of § 6334(a)(4), (7), (9), (11);
# (C): "any annuity or pension payment under the Railroad Retirement Act or benefit under the Railroad Unemployment
# Insurance Act" — the railroad part of (a)(6), not its Medal of Honor pension or chapter 73 annuities (reference
# R6331-H1). SSI (title XVI, in (a)(11)) is decided by its own rule R6334-SSI.
FPLP_REACHABLE = frozenset(
    {_E.UNEMPLOYMENT, _E.WORKERS_COMPENSATION, _E.MINIMUM_WAGE_EXEMPTION, _E.PUBLIC_ASSISTANCE, _E.RAILROAD}
)
# (a)(6) without saying which payment: reachable by the program if railroad, not if a Medal of Honor pension or a
# chapter 73 annuity — asked when the program made the levy.
A6_WHICH_UNKNOWN = _E.RAILROAD_MILITARY_ANNUITIES
FPLP_KINDS = frozenset({LevyKind.FEDERAL_PAYMENT, LevyKind.SOCIAL_SECURITY})
_FPLP_METHOD = LevyMethod.FPLP


# § 6334(a) payments exempt in full (not up to an amount): (4), (6), (7), (10), (11), (12).
WHOLLY_EXEMPT_PAYMENTS = frozenset(
    {
        _E.UNEMPLOYMENT,
        _E.RAILROAD_MILITARY_ANNUITIES,
        _E.RAILROAD,
        _E.MILITARY_ANNUITIES,
        _E.WORKERS_COMPENSATION,
        _E.SERVICE_CONNECTED_DISABILITY,
        _E.PUBLIC_ASSISTANCE,
        _E.SSI,
        _E.JOB_TRAINING,
    }
)


def payment_exempt(case: Case, levy: Levy) -> bool | None:
    """Whether the statute leaves a levy on a Social Security or federal payment nothing of it to take.

    True: a payment § 6334(a) exempts in full, reached by a notice of levy (§ 6331(a), "except such property as is
    exempt under section 6334"), or by the § 6331(h) program when § 6334(f) does not reach it (the Medal of Honor
    pension and chapter 73 annuities of (a)(6)). False: no such category, a company's levy, or a program levy on a
    § 6331(h)(2)(B)/(C) payment (SSI included: the statute allows the share, IRS policy is said by R6334-SSI).
    None: the method is not known, or an (a)(6) payment not said which under a program levy."""
    cat = levy.exempt_category
    if levy.kind not in FPLP_KINDS or cat not in WHOLLY_EXEMPT_PAYMENTS or not is_individual(case):
        return False
    method, _ = benefit_levy_method(case, levy)
    if method is None:
        return None
    if method is not _FPLP_METHOD:
        return True
    if cat is A6_WHICH_UNKNOWN:
        return None
    return not (cat in FPLP_REACHABLE or cat is _E.SSI)


# § 6334(a) payments to an individual — benefits, annuities, pay: none is a payment "due to a vendor of property, goods,
# or services sold or leased to the Federal Government" or "due to a Medicare provider or supplier" (§ 6331(h)(3)), so
# a levied payment the case says is one of them is at the 15% rate whatever else the person sells or supplies.
PERSONAL_PAYMENTS = frozenset(
    {
        _E.UNEMPLOYMENT,
        _E.RAILROAD_MILITARY_ANNUITIES,
        _E.RAILROAD,
        _E.MILITARY_ANNUITIES,
        _E.WORKERS_COMPENSATION,
        _E.CHILD_SUPPORT_JUDGMENT,
        _E.MINIMUM_WAGE_EXEMPTION,
        _E.SERVICE_CONNECTED_DISABILITY,
        _E.PUBLIC_ASSISTANCE,
        _E.SSI,
        _E.JOB_TRAINING,
    }
)


def vendor_rate_possible(levy: Levy) -> bool:
    """Whether the § 6331(h)(3) 100% rate can reach this levy: a federal payment not stated to be a personal one."""
    return levy.kind is LevyKind.FEDERAL_PAYMENT and levy.exempt_category not in PERSONAL_PAYMENTS


@informs
def federal_payment_levy(case: Case, ctx: Context) -> list[Finding]:
    """§ 6331(h): the share of each payment the continuous levy may take."""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        if levy.kind in (LevyKind.SOCIAL_SECURITY, LevyKind.FEDERAL_PAYMENT):
            out.append(_fplp(case, ctx, i, levy))
    return out


def _fplp(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = FPLP, levy_subject(i)
    on = levy.served_date or ctx.as_of
    try:
        general = params.use("fplp.levy_percent", on=on)
    except params.MissingParameter:
        return rule.finding(UNKNOWN, "before_program", subject=s, missing=[f"{s}.served_date"])
    method, inferred = benefit_levy_method(case, levy)
    mfacts: dict[str, object] = {f"{s}.method": method}
    tp = case.taxpayer
    vendor_possible = vendor_rate_possible(levy)
    facts: dict[str, object]
    if vendor_possible:
        facts = {
            **mfacts,
            "taxpayer.federal_contractor": tp.federal_contractor,
            "taxpayer.medicare_provider": tp.medicare_provider,
        }
        # Payments to a federal vendor or Medicare provider: up to 100% whichever way the levy was made.
        special = _special_rate(tp.federal_contractor, tp.medicare_provider, on)
        if special is not None:
            key, rate = special
            return rule.finding(
                APPLIES, key, subject=s, facts=facts, params=[general, rate], value=rate.value, pct=rate.value
            )
    else:  # a benefit, annuity or pay the case names (PERSONAL_PAYMENTS), or Social Security
        facts = {**mfacts, f"{s}.exempt_category": levy.exempt_category} if levy.exempt_category else dict(mfacts)
    if method is None:
        missing = [f"{s}.method"]
        if vendor_possible:
            missing += [p for p, v in facts.items() if v is None and p.startswith("taxpayer.")]
        return rule.finding(
            UNKNOWN,
            "method_unknown",
            subject=s,
            facts=mfacts,
            params=[general],
            missing=missing,
            pct=general.value,
        )
    if payment_exempt(case, levy):
        # § 6334(a) exempts the payment in full from this levy (a notice of levy, or the program on a payment § 6334(f)
        # does not reach): it may take none of it, whatever share the program takes of other payments
        what = message(f"R6334-A.cat_{levy.exempt_category}")
        return rule.finding(APPLIES, "exempt_payment", subject=s, facts=facts, value=0, what=what)
    if method is LevyMethod.MANUAL:
        return rule.finding(APPLIES, "manual", subject=s, facts=mfacts)
    seen = construct(SentencesArg, value=[message(f"{rule.id}.from_notice")] if inferred else [])
    if levy.kind is LevyKind.SOCIAL_SECURITY:
        return rule.finding(
            APPLIES,
            "social_security",
            subject=s,
            facts=mfacts,
            params=[general],
            value=general.value,
            pct=general.value,
            seen=seen,
        )
    if vendor_possible and (tp.federal_contractor is None or tp.medicare_provider is None):
        missing = [p for p, v in facts.items() if v is None and p.startswith("taxpayer.")]
        return rule.finding(UNKNOWN, "payee_unknown", subject=s, params=[general], missing=missing, pct=general.value)
    return rule.finding(
        APPLIES,
        "federal_payment",
        subject=s,
        facts=facts,
        params=[general],
        value=general.value,
        pct=general.value,
    )


def _special_rate(contractor: bool | None, medicare: bool | None, on: date) -> tuple[str, ParamUse] | None:
    for flag, pid, key in (
        (contractor, "fplp.vendor_levy_percent", "vendor"),
        (medicare, "fplp.medicare_levy_percent", "medicare"),
    ):
        if flag:
            try:
                return key, params.use(pid, on=on)
            except params.MissingParameter:
                return None
    return None


@informs
def low_income_filter(case: Case, ctx: Context) -> list[Finding]:
    """IRS policy: low-income Social Security recipients are screened out of the FPLP (UNVERIFIED threshold)."""
    out: list[Finding] = []
    if not is_individual(case):
        return out
    for i, levy in enumerate(case.levies):
        if levy.kind is not LevyKind.SOCIAL_SECURITY:
            continue
        s = levy_subject(i)
        try:
            pct = params.use("fplp.low_income_filter_percent", on=levy.served_date or ctx.as_of)
        except params.MissingParameter:
            pct = None
        unfiled = case.circumstances.unfiled_returns
        if benefit_levy_method(case, levy)[0] is LevyMethod.MANUAL:
            out.append(LOW_INCOME_FILTER.finding(NOT_APPLICABLE, "manual", subject=s))
            continue
        if not unfiled and pct is not None:
            measured = _income_test(case, ctx, s, levy, pct)
            if measured is not None:
                out.append(measured)
                continue
        key = "unfiled" if unfiled else "filter"
        out.append(
            LOW_INCOME_FILTER.finding(
                APPLIES,
                key,
                subject=s,
                facts={"circumstances.unfiled_returns": unfiled},
                params=[pct] if pct else [],
                pct=pct.value if pct else message(f"{LOW_INCOME_FILTER.id}.pct_unknown"),
            )
        )
    return out


def _income_test(case: Case, ctx: Context, s: str, levy: Levy, pct: ParamUse) -> Finding | None:
    """The screen measured, when household income, size and state are known and the 250% table is in force.

    The threshold percent is an UNVERIFIED parameter (its status travels with the finding); the dollar limit is
    250% of the HHS guideline as printed in Form 656 (the same multiple), so it is used only when they agree."""
    c, tp = case.circumstances, case.taxpayer
    if c.household_income_annual is None or c.household_size is None or tp.state is None or pct.value != 250:
        return None
    found = income_limit(c.household_size, tp.state, levy.served_date or ctx.as_of)
    if found is None:
        return None
    limit, row = found
    income = Decimal(c.household_income_annual)
    facts = {
        "circumstances.household_income_annual": income,
        "circumstances.household_size": c.household_size,
        "taxpayer.state": tp.state,
        "circumstances.unfiled_returns": c.unfiled_returns,
    }
    below = income <= limit
    return LOW_INCOME_FILTER.finding(
        APPLIES if below else DOES_NOT_APPLY,
        "below" if below else "above",
        effect=INFO,
        subject=s,
        facts=facts,
        params=[pct],
        value=limit,
        pct=pct.value,
        income=income,
        limit=limit,
        size=c.household_size,
        year=row.guideline_year,
    )


def bank_hold_period(levy: Levy) -> tuple[date, ParamUse] | None:
    """The last day of the § 6332(c) hold (served date + 21 days, the raw day) and the parameter used."""
    if levy.served_date is None:
        return None
    days = params.use("bank_levy.hold_days", on=levy.served_date)
    if not isinstance(days.value, int):
        return None
    # The hold is not a deadline for an act of the taxpayer, so § 7503 does not move it: the raw day.
    return last_day_after(levy.served_date, days.value).raw, days


def bank_hold(case: Case, ctx: Context) -> list[Finding]:
    """§ 6332(c): the 21-day hold on a bank levy, and what changes once the bank has paid over."""
    return [_bank(ctx, i, levy) for i, levy in enumerate(case.levies) if levy.kind is LevyKind.BANK]


def _bank(ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = BANK_HOLD, levy_subject(i)
    if levy.released_date is not None and levy.released_date <= ctx.as_of:
        return rule.finding(NOT_APPLICABLE, "released", subject=s, released=levy.released_date)
    hold = bank_hold_period(levy)
    if hold is None:
        return rule.finding(UNKNOWN, "no_date", subject=s, missing=[f"{s}.served_date"])
    end, days = hold
    facts: dict[str, object] = {f"{s}.served_date": levy.served_date, f"{s}.proceeds_sent": levy.proceeds_sent}
    if levy.proceeds_sent_date is not None:
        facts[f"{s}.proceeds_sent_date"] = levy.proceeds_sent_date
    if paid_over(levy, ctx.as_of):
        sent = levy.proceeds_sent_date or message(f"{rule.id}.sent_date_unknown")
        return rule.finding(DOES_NOT_APPLY, "paid_over", effect=INFO, subject=s, facts=facts, params=[days], sent=sent)
    # A payment date after the analysis date is not yet a fact: the money is still at the bank, to go on that day
    # (and never before the hold ends, § 6332(c) "only after 21 days"), so a release can still keep it.
    scheduled = payment_scheduled(levy, ctx.as_of)
    shown: dict[str, Any] = {"sent": scheduled} if scheduled is not None else {}
    if end >= ctx.as_of:
        return rule.finding(
            APPLIES,
            "holding_scheduled" if scheduled is not None else "holding",
            subject=s,
            facts=facts,
            params=[days],
            value=end,
            deadline_ids=["bank.hold_ends"],
            end=end,
            days=days.value,
            **shown,
        )
    if scheduled is not None:
        return rule.finding(APPLIES, "not_yet_sent_scheduled", subject=s, facts=facts, params=[days], end=end, **shown)
    if levy.proceeds_sent is False:
        return rule.finding(APPLIES, "not_yet_sent", subject=s, facts=facts, params=[days], end=end)
    return rule.finding(DOES_NOT_APPLY, "hold_over", effect=INFO, subject=s, facts=facts, params=[days], end=end)


def bank_hold_ends(case: Case, ctx: Context) -> list[Deadline]:
    """Deadline ``bank.hold_ends``: the last day the bank must hold the money (served date + 21 days)."""
    out: list[Deadline] = []
    for i, levy in enumerate(case.levies):
        if levy.kind is not _BANK or paid_over(levy, ctx.as_of):
            continue  # a payment date after the analysis date is scheduled, not paid: the hold still shows
        hold = bank_hold_period(levy)
        if hold is None:
            continue
        end, days = hold
        assert levy.served_date is not None
        out.append(
            construct(
                Deadline,
                id="bank.hold_ends",
                title=_HOLD_TITLE,
                date=end,
                days_left=(end - ctx.as_of).days,
                protects=_HOLD_PROTECTS,
                citations=registry.cites(BANK_HOLD.cites),
                computation=[_hold_count(levy.served_date, days.value, end)],
                subject=levy_subject(i),
                passed=end < ctx.as_of,
            )
        )
    return out


# The hold deadline's words: its title and what it protects are the same for every levy, its count follows from the
# served date and the law (kept per Law bundle and date). Shared message records, never changed.
_BANK = LevyKind.BANK
_HOLD_TITLE = message(f"{BANK_HOLD.id}.deadline_title")
_HOLD_PROTECTS = message(f"{BANK_HOLD.id}.deadline_protects")


def _hold_count(served: date, days: object, end: date) -> Message:
    known: dict[date, Message] = lawdata.kept("exemptions_payments.hold_count")
    said = known.get(served)
    if said is None:
        said = known[served] = message(f"{BANK_HOLD.id}.deadline_computation", served=served, days=days, end=end)
    return said


RULES: list[RuleFunc] = [federal_payment_levy, low_income_filter, bank_hold]
