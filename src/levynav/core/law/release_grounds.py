"""Release grounds of § 6343(a)(1)(B), (C), (E), (a)(2) and § 6343(e), one function per question.

"The Secretary shall release the levy upon all, or part of, the property or rights to property levied
upon and shall promptly notify the person upon whom such levy was made (if any) that such levy has
been released if — … (B) release of such levy will facilitate the collection of such liability,
(C) the taxpayer has entered into an agreement under section 6159 to satisfy such liability by means
of installment payments, unless such agreement provides otherwise, … (E) the fair market value of the
property exceeds such liability and release of the levy on a part of such property could be made
without hindering the collection of such liability." — § 6343(a)(1).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from levynav.core import params
from levynav.core.law.deciding import informs
from levynav.core.law.levies_in_force import kind_name, money, released_finding
from levynav.core.law.levy_facts import levy_periods, levy_subject
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    NOT_APPLICABLE,
    PARTIAL_RELEASE,
    UNKNOWN,
    Context,
    Rule,
    once,
)
from levynav.core.model.analysis import Effect, Finding, message
from levynav.core.model.case import AlternativeStatus, Case, InstallmentAgreement, Levy, LevyKind

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_WAGES = LevyKind.WAGES

FACILITATES_COLLECTION = Rule(
    id="R6343-A2",
    title="Releasing the levy would help the IRS collect",
    cites=("R6343-A2",),
    effect=Effect.MUST_RELEASE,
    on_determination=True,
)
INSTALLMENT_AGREEMENT = Rule(
    id="R6343-A3",
    title="You have entered into an installment agreement",
    cites=("R6343-A3",),
    effect=Effect.MUST_RELEASE,
)
VALUE_EXCEEDS_LIABILITY = Rule(
    id="R6343-A5",
    title="The levied property is worth more than the debt",
    cites=("R6343-A5",),
    effect=Effect.PARTIAL_RELEASE,
    # § 6343(a)(1)(E) asks two things: the value exceeds the liability, "and release of the levy on a part of such
    # property could be made without hindering the collection of such liability". The second is the IRS's judgment
    # (Reg. § 301.6343-1(a), (b): release "if the director determines" the condition exists): the value compared
    # here shows the ground; the release binds once the IRS agrees a part can go without hindering collection.
    on_determination=True,
)
ESSENTIAL_BUSINESS_PROPERTY = Rule(
    id="R6343-A6",
    title="Fast decision for property your business cannot run without",
    cites=("R6343-A6", "R6343-A9-REG"),
    effect=Effect.ROUTE_OPEN,
)
# The same rule where no decision timing is in play (not applicable / does not apply): no unverified cite.
WAGE_LEVY_NOT_COLLECTIBLE = Rule(
    id="R6343-E1",
    title="Wage levy while the IRS agrees the tax cannot be collected",
    cites=("R6343-E1",),
    effect=Effect.MUST_RELEASE,
)

# Levies that take money as it is paid: a "value exceeds the debt" comparison does not fit them.
PAYMENT_STREAMS = {LevyKind.WAGES, LevyKind.SOCIAL_SECURITY, LevyKind.FEDERAL_PAYMENT, LevyKind.STATE_TAX_REFUND}
# Levies that demand a fixed sum of money (Form 668-A on a bank account, a retirement account, receivables):
# they take no more than the amount in the notice of levy, so no part of "the property" is worth more than
# the liability — § 6343(a)(1)(E) fits property whose value can exceed the debt (a car, equipment, a house).
FIXED_SUM_KINDS = {LevyKind.BANK, LevyKind.RETIREMENT, LevyKind.ACCOUNTS_RECEIVABLE}
# § 6343(a)(2) speaks of "tangible personal property"; of the levy kinds only other property can be that.
TANGIBLE_KINDS = {LevyKind.OTHER_PROPERTY}
IN_EFFECT = {AlternativeStatus.ENTERED, AlternativeStatus.ACCEPTED}
PROPOSED = {AlternativeStatus.REQUESTED, AlternativeStatus.PENDING}


def _stated(rule: Rule, subject: str, path: str, stated: bool | None, no_rule: Rule | None = None) -> Finding:
    """A release ground that turns on one stated yes/no fact of the levy: unknown, applies, or does not
    apply (given by ``no_rule`` when the negative answer carries other citations)."""
    if stated is None:
        return rule.finding(UNKNOWN, "unknown", effect=rule.effect, subject=subject, missing=[path])
    if stated:
        return rule.finding(APPLIES, "applies", subject=subject, facts={path: True})
    return (no_rule or rule).finding(DOES_NOT_APPLY, "does_not_apply", subject=subject, facts={path: False})


@once
def facilitates_collection(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(a)(1)(B): release when releasing the levy will facilitate collection of the liability.

    The IRS decides whether release helps collection (a judgment call); once it so determines, release
    is mandatory. Open question: the text of 26 C.F.R. § 301.6343-1(b)(2) beyond its examples was not read.
    """
    out = []
    for i, levy in enumerate(case.levies):
        rule, subject = FACILITATES_COLLECTION, levy_subject(i)
        done = released_finding(rule, i, levy, ctx)
        path = f"{subject}.release_facilitates_collection"
        if done is not None:
            out.append(done)
        else:
            out.append(_stated(rule, subject, path, levy.release_facilitates_collection))
    return out


@once
def installment_agreement_entered(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(a)(1)(C): release once the taxpayer "has entered into an agreement under section 6159".

    Exceptions (flush language): the agreement provides that the levy stays; the IRS need not release
    if release "would jeopardize the secured creditor status" of the United States. A proposed agreement
    only bars new levies (§ 6331(k)(2), rule R6331-K2); return of money already taken is discretionary
    (§ 6343(d)(2)(B), rule R6343-D1).
    """
    return [_installment_agreement(case, ctx, i, levy) for i, levy in enumerate(case.levies)]


def _covers(ia: InstallmentAgreement, period_ids: set[str]) -> bool:
    """Whether the agreement may cover a period of the levy: it names one of them, or the periods on either side are
    not known (an agreement of unknown reach is weighed, never dropped)."""
    return not ia.tax_periods or not period_ids or bool(period_ids & set(ia.tax_periods))


def agreement_in_effect(ia: InstallmentAgreement, ctx: Context) -> bool:
    """Whether the taxpayer "has entered into" the agreement on the analysis date: entered or accepted, begun, and
    not terminated (§ 6343(a)(1)(C) and § 6343(d)(2)(B) use the same words; one reading for both)."""
    started = ia.status in IN_EFFECT and (ia.entered_date is None or ia.entered_date <= ctx.as_of)
    return started and (ia.terminated_date is None or ia.terminated_date > ctx.as_of)


def _not_yet_entered(ia: InstallmentAgreement, ctx: Context) -> bool:
    return ia.status in IN_EFFECT and ia.entered_date is not None and ia.entered_date > ctx.as_of


def _installment_agreement(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, subject = INSTALLMENT_AGREEMENT, levy_subject(i)
    done = released_finding(rule, i, levy, ctx)
    if done is not None:
        return done
    periods, paths = levy_periods(case, levy)
    period_ids = {p.id for p in periods} or set(levy.tax_periods)
    related = [(j, ia) for j, ia in enumerate(case.installment_agreements) if _covers(ia, period_ids)]
    if not related:
        return rule.finding(DOES_NOT_APPLY, "none", subject=subject)
    in_effect = [(j, ia) for j, ia in related if agreement_in_effect(ia, ctx)]
    if not in_effect:
        proposed = [(j, ia) for j, ia in related if ia.status in PROPOSED or _not_yet_entered(ia, ctx)]
        j, ia = proposed[0] if proposed else related[-1]
        key = "proposed" if proposed else "ended"
        seen = {f"installment_agreements[{j}].status": ia.status}
        return rule.finding(DOES_NOT_APPLY, key, subject=subject, facts=seen, status=ia.status)
    j, ia = in_effect[0]
    base = f"installment_agreements[{j}]"
    facts: dict[str, object] = {f"{base}.status": ia.status}
    if ia.entered_date is not None:
        facts[f"{base}.entered_date"] = ia.entered_date
    # Exceptions: each overrides the general rule (§ 6343(a)(1)(C) "unless such agreement provides otherwise", and the
    # flush language on secured-creditor status), whatever part of the levy the agreement reaches.
    if ia.agreement_keeps_levy:
        facts[f"{base}.agreement_keeps_levy"] = True
        return rule.finding(DOES_NOT_APPLY, "keeps_levy", subject=subject, facts=facts)
    if ia.release_jeopardizes_secured_creditor:
        facts[f"{base}.release_jeopardizes_secured_creditor"] = True
        return rule.finding(DOES_NOT_APPLY, "secured_creditor", subject=subject, facts=facts)
    if ia.agreement_keeps_levy is False:
        facts[f"{base}.agreement_keeps_levy"] = False
    # "such liability" is the liability the levy was made for (Reg. § 301.6343-1(b)(1)(i): "the liability for which
    # the levy was made"): the agreement must reach the levy's periods, so both lists must be known to say how far.
    missing: list[str] = []
    if not period_ids:
        missing += ["tax_periods"] + ([] if levy.tax_periods else [f"{subject}.tax_periods"])
    unknown_reach = [jj for jj, a in in_effect if not a.tax_periods]
    covered = {pid for _, a in in_effect for pid in a.tax_periods} & period_ids
    # a levied period the agreements leave out still counts unless it is known to be paid (balance zero): unpaid or
    # of unknown balance, the levy may go on collecting it
    paid = {p.id: path for p, path in zip(periods, paths, strict=True) if p.balance is not None and p.balance <= 0}
    left_out = sorted(period_ids - covered - set(paid))
    paid_out = sorted(set(paid) - covered)
    if (left_out or not period_ids) and unknown_reach:
        missing += [f"installment_agreements[{jj}].tax_periods" for jj in unknown_reach]
    if missing:
        return rule.finding(
            UNKNOWN,
            "periods_unknown",
            effect=rule.effect,
            subject=subject,
            facts=facts,
            missing=missing,
            what=kind_name(levy),
        )
    for jj, a in in_effect:
        if a.tax_periods:
            facts[f"installment_agreements[{jj}].tax_periods"] = ", ".join(a.tax_periods)
    facts.update({f"{paid[pid]}.balance": next(p.balance for p in periods if p.id == pid) for pid in paid_out})
    if left_out:
        # § 6343(a)(1): "release the levy upon all, or part of, the property" — the agreement satisfies the liability
        # of the periods it covers, so the levy must be released as far as it collects those; the others stay
        return rule.finding(
            APPLIES,
            "entered_part",
            effect=PARTIAL_RELEASE,
            subject=subject,
            facts=facts,
            periods=sorted(covered),  # lists: the renderer joins them per language
            running=left_out,
            what=kind_name(levy),
        )
    key = "entered_check_terms" if ia.agreement_keeps_levy is None else "entered"
    return rule.finding(APPLIES, key, subject=subject, facts=facts, what=kind_name(levy))


@informs
@once
def value_exceeds_liability(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(a)(1)(E): release the part of the property whose value exceeds the liability, when releasing that part
    "could be made without hindering the collection of such liability" — an IRS determination (condition
    "irs_determination" on the applying finding, as § 6343(a)(1)(B), (D)).

    Compared: fair market value of the levied property against the balance of the periods the levy
    collects plus, where known, the IRS's expenses of levy and sale (the regulation's example counts
    "the aggregate anticipated expenses of sale and seizure and the tax liabilities").
    """
    return [_value_exceeds(case, ctx, i, levy) for i, levy in enumerate(case.levies)]


def _value_exceeds(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, subject = VALUE_EXCEEDS_LIABILITY, levy_subject(i)
    done = released_finding(rule, i, levy, ctx)
    if done is not None:
        return done
    if levy.kind in PAYMENT_STREAMS:
        return rule.finding(NOT_APPLICABLE, "payment_stream", subject=subject, facts={f"{subject}.kind": levy.kind})
    if levy.kind in FIXED_SUM_KINDS:
        return rule.finding(
            NOT_APPLICABLE,
            "fixed_sum",
            subject=subject,
            facts={f"{subject}.kind": levy.kind},
            what=kind_name(levy),
        )
    periods, paths = levy_periods(case, levy)
    missing = [] if levy.property_value is not None else [f"{subject}.property_value"]
    if not periods:
        missing += ["tax_periods"] + ([] if levy.tax_periods else [f"{subject}.tax_periods"])
    missing += [f"{path}.balance" for p, path in zip(periods, paths, strict=True) if p.balance is None]
    if missing:
        return rule.finding(UNKNOWN, "unknown", effect=rule.effect, subject=subject, missing=missing)
    assert levy.property_value is not None
    balance = sum((p.balance or Decimal(0) for p in periods), Decimal(0))
    costs = levy.estimated_levy_costs
    facts: dict[str, object] = {f"{subject}.property_value": levy.property_value}
    facts.update({f"{path}.balance": p.balance for p, path in zip(periods, paths, strict=True)})
    if costs is not None:
        facts[f"{subject}.estimated_levy_costs"] = costs
    # Unknown costs are not zero: the debt alone is a lower bound of what is owed (§ 6343(a)(1)(E) counts
    # "the amount of the liability ... and the expenses of levy and sale"), which decides only a "no".
    owed = balance + costs if costs is not None else balance
    costs_note = message(f"{rule.id}.{'costs_known' if costs is not None else 'costs_unknown'}")
    worth, owed = money(levy.property_value), money(owed)
    shown: dict[str, Any] = {"worth": worth, "owed": owed, "costs_note": costs_note}
    if costs is None and worth > owed:
        return rule.finding(
            UNKNOWN,
            "costs_needed",
            effect=rule.effect,
            subject=subject,
            facts=facts,
            missing=[f"{subject}.estimated_levy_costs"],
            bound=worth - owed,
            **shown,
        )
    if worth > owed:
        excess = worth - owed
        return rule.finding(APPLIES, "applies", subject=subject, facts=facts, value=excess, excess=excess, **shown)
    return rule.finding(DOES_NOT_APPLY, "does_not_apply", subject=subject, facts=facts, **shown)


def essential_business_property(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(a)(2): "the Secretary shall provide for an expedited determination" of a release ground for
    tangible personal property essential to carrying on the taxpayer's trade or business, where the levy
    would prevent the taxpayer from carrying on that business.

    Open question: whether 26 C.F.R. § 301.6343-1(d) sets a response period (UNVERIFIED; no day count used).
    """
    out = []
    for i, levy in enumerate(case.levies):
        rule, subject = ESSENTIAL_BUSINESS_PROPERTY, levy_subject(i)
        done = released_finding(rule, i, levy, ctx)
        path = f"{subject}.essential_business_property"
        if done is not None:
            out.append(done)
        elif levy.kind not in TANGIBLE_KINDS:
            key = "not_tangible_flagged" if levy.essential_business_property else "not_tangible"
            out.append(rule.finding(NOT_APPLICABLE, key, subject=subject, what=kind_name(levy)))
        else:
            out.append(_stated(rule, subject, path, levy.essential_business_property))
    return out


@once
def wage_levy_not_collectible(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(e): "If a levy on salary or wages … has been made and the Secretary agrees with the taxpayer
    that such tax is not collectible, the Secretary shall release such levy as soon as practicable."

    Applies to levies imposed after December 31, 1999 (RRA 98 § 3432(b)); the date is the parameter
    ``release.cnc_wage_levy_release_in_force``, read on the levy's served date.
    """
    return [_wage_not_collectible(case, ctx, i, levy) for i, levy in enumerate(case.levies)]


def _wage_not_collectible(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, subject = WAGE_LEVY_NOT_COLLECTIBLE, levy_subject(i)
    if levy.kind is not _WAGES:
        return rule.finding(NOT_APPLICABLE, "not_wages", subject=subject, what=kind_name(levy))
    done = released_finding(rule, i, levy, ctx)
    if done is not None:
        return done
    agreed = case.circumstances.irs_agreed_not_collectible
    path = "circumstances.irs_agreed_not_collectible"
    if agreed is None:
        return rule.finding(UNKNOWN, "unknown_agreed", effect=rule.effect, subject=subject, missing=[path])
    if not agreed:
        return rule.finding(DOES_NOT_APPLY, "not_agreed", subject=subject, facts={path: False})
    facts: dict[str, object] = {path: True}
    pid = "release.cnc_wage_levy_release_in_force"
    start = min(v.start for v in params.all_params()[pid].values if v.value == 1)
    if levy.served_date is None:
        missing = [f"{subject}.served_date"]
        return rule.finding(
            UNKNOWN,
            "unknown_date",
            effect=rule.effect,
            subject=subject,
            facts=facts,
            missing=missing,
            start=start,
        )
    facts[f"{subject}.served_date"] = levy.served_date
    try:
        in_force = params.use(pid, on=levy.served_date)
    except params.MissingParameter:
        in_force = None
    if in_force is None or in_force.value != 1:
        return rule.finding(
            DOES_NOT_APPLY,
            "before_effective",
            subject=subject,
            facts=facts,
            params=[in_force] if in_force is not None else [],
            served=levy.served_date,
            start=start,
        )
    return rule.finding(APPLIES, "applies", subject=subject, facts=facts, params=[in_force])
