"""Property exempt from levy: 26 U.S.C. § 6334 (and the FPLP and bank-hold rules in exemptions_payments.py).

"There shall be exempt from levy — (1) … wearing apparel and school books …, (13) … (A) If the amount
of the levy does not exceed $5,000 — (i) any real property used as a residence by the taxpayer …"
— § 6334(a). "Notwithstanding any other law of the United States …, no property or rights to property
shall be exempt from levy other than the property specifically made exempt by subsection (a)."
— § 6334(c).

A levy on exempt property is not in accordance with law: it must be released, and what it took may be
returned under § 6343(d)(2)(A) (reference R6334-E1, R6343-D1). The yearly dollar amounts of (a)(2),
(a)(3) and the wage exempt amount of (a)(9) are decided by the finances work; here only whether the
category is exempt at all.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from levynav.core import params
from levynav.core.law.deciding import informs
from levynav.core.law.exemptions_payments import (
    A6_WHICH_UNKNOWN,
    BANK_HOLD,
    FPLP,
    FPLP_KINDS,
    FPLP_REACHABLE,
    LOW_INCOME_FILTER,
    WHOLLY_EXEMPT_PAYMENTS,
    bank_hold_ends,
)
from levynav.core.law.exemptions_payments import RULES as PAYMENT_RULES
from levynav.core.law.levy_facts import benefit_levy_method, is_individual, levy_subject
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    INFO,
    NOT_APPLICABLE,
    UNKNOWN,
    Context,
    DeadlineFunc,
    Rule,
    RuleFunc,
)
from levynav.core.model.analysis import Effect, Finding, Message, ParamUse, message
from levynav.core.model.case import Case, ExemptCategory, Levy, LevyKind, LevyMethod

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_BANK = LevyKind.BANK
_SOCIAL_SECURITY = LevyKind.SOCIAL_SECURITY
_FPLP = LevyMethod.FPLP

C = ExemptCategory
RESIDENCES = {C.RESIDENCE_SMALL_DEFICIENCY, C.PRINCIPAL_RESIDENCE}
APPROVAL = {C.PRINCIPAL_RESIDENCE, C.BUSINESS_PROPERTY}
OWN_RULE = RESIDENCES | APPROVAL | {C.SSI}  # decided by R6334-A13, R6334-E1, R6334-SSI
INDIVIDUAL_ONLY = set(C) - {C.UNDELIVERED_MAIL, C.NONE}
# Reg. § 301.6334-2(b): the (a)(9) exemption covers only pay payable after the levy on the payor.
WAGES_PAID_CITES = ("R6334-2B",)
PARTLY = {C.HOUSEHOLD_GOODS, C.TOOLS_OF_TRADE, C.CHILD_SUPPORT_JUDGMENT, C.MINIMUM_WAGE_EXEMPTION}


def _fplp_reaches(case: Case, levy: Levy) -> bool | None:
    """Whether the levy is one the § 6331(h) program made, so (h)(2)(B) payments lose their § 6334(a) exemption.

    § 6334(f): such a payment "shall not be exempt from levy if the Secretary approves the levy thereon under
    section 6331(h)" — the automated Federal Payment Levy Program. A manual notice of levy served on the paying
    agency is an ordinary § 6331(a) levy "except such property as is exempt under section 6334", so the exemption
    holds (reference R6331-H1; § 6334(f) and § 6331(h)(2) read in the U.S. Code text, audit 2026-12-07 round 2).
    None: the method is not known (stated, or shown by a CP90/CP297/CP91/CP298).
    """
    if levy.kind not in FPLP_KINDS:
        return False
    method, _ = benefit_levy_method(case, levy)
    return None if method is None else method is _FPLP


ENUMERATED = Rule(
    id="R6334-A",
    title="The levy reached property or income the law protects (26 U.S.C. § 6334(a))",
    cites=("R6334-A",),
    effect=Effect.EXEMPT,
)
SMALL_LEVY_HOME = Rule(
    id="R6334-A13",
    title="A home cannot be taken for a small levy (26 U.S.C. § 6334(a)(13)(A))",
    cites=("R6334-A13",),
    effect=Effect.EXEMPT,
)
APPROVALS = Rule(
    id="R6334-E1",
    title="A home needs a judge's written approval; business assets need a manager's",
    cites=("R6334-E1",),
    effect=Effect.LEVY_IMPROPER,
)
NOTHING_ELSE = Rule(
    id="R6334-C1",
    title="Only the federal list protects property from an IRS levy",
    cites=("R6334-C1",),
    effect=Effect.INFO,
)
SSI = Rule(
    id="R6334-SSI",
    title="SSI (Supplemental Security Income) is protected from IRS levy",
    cites=("R6334-SSI", "R6334-A"),
    effect=Effect.EXEMPT,
)


def _small_levy(levy: Levy, ctx: Context) -> tuple[bool | None, ParamUse]:
    cap = params.use("exempt.residence_small_levy_usd", on=levy.served_date or ctx.as_of)
    if levy.amount is None or not isinstance(cap.value, int | Decimal):
        return None, cap
    return levy.amount <= cap.value, cap


def levy_on_protected_property(case: Case, levy: Levy, ctx: Context) -> bool | None:
    """Whether the levy reached property § 6334 protects without the approval the law requires.

    True: improper (ground (A) of § 6343(d)(2) for a return); False: not protected (or approved);
    None: not known, or only partly protected (amounts decided elsewhere).
    """
    cat = levy.exempt_category
    if cat is None:
        return None
    if cat is C.NONE:  # the person said the levy took none of the protected kinds
        return False
    if cat is C.SSI:
        return True
    if not is_individual(case) and cat in RESIDENCES:
        return _business_home_protected(levy, ctx)
    if not is_individual(case) and cat in INDIVIDUAL_ONLY:
        return False
    if cat in RESIDENCES:
        small, _ = _small_levy(levy, ctx)
        if small:
            return True
        if cat is C.PRINCIPAL_RESIDENCE:
            return None if levy.court_approval is None else not levy.court_approval
        return small
    if cat is C.BUSINESS_PROPERTY:
        if levy.jeopardy or levy.supervisor_approval or levy.business_property_rented:
            return False
        return None if levy.supervisor_approval is None else True
    if (cat in FPLP_REACHABLE or cat is A6_WHICH_UNKNOWN) and levy.kind in FPLP_KINDS:
        reach = _fplp_reaches(case, levy)
        if reach is None:
            return None
        if reach:
            return None if cat is A6_WHICH_UNKNOWN else False
    if cat is C.MINIMUM_WAGE_EXEMPTION and levy.kind is _BANK:
        return False  # wages already paid into the account: not exempt (Reg. § 301.6334-2(b))
    if cat in PARTLY:
        return None
    return True


@informs
def enumerated_exemptions(case: Case, ctx: Context) -> list[Finding]:
    """§ 6334(a)(1)–(12): one finding per levy whose category is not decided by a narrower rule."""
    out = []
    for i, levy in enumerate(case.levies):
        if levy.exempt_category in OWN_RULE:
            continue
        out.append(_enumerated(case, ctx, i, levy))
    return out


def _enumerated(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = ENUMERATED, levy_subject(i)
    cat = levy.exempt_category
    if cat is None:
        return rule.finding(UNKNOWN, "unknown", subject=s, missing=[f"{s}.exempt_category"])
    facts: dict[str, Any] = {f"{s}.exempt_category": cat, f"{s}.kind": levy.kind}
    if cat is C.NONE:  # answered "none of these": known, not asked again
        return rule.finding(DOES_NOT_APPLY, "none", effect=INFO, subject=s, facts=facts)
    what = message(f"{rule.id}.cat_{cat.value}")
    if not is_individual(case) and cat in INDIVIDUAL_ONLY:
        return rule.finding(DOES_NOT_APPLY, "individual_only", subject=s, facts=facts, what=what)
    if cat is C.MINIMUM_WAGE_EXEMPTION and levy.kind is _BANK:
        # Reg. § 301.6334-2(b): only pay "payable to the taxpayer after the levy is made on the payor" is exempt;
        # wages already paid into a bank account are not (the regulation's own example is a bank levy).
        return rule.finding(
            DOES_NOT_APPLY,
            "wage_deposited",
            effect=INFO,
            subject=s,
            facts=facts,
            also_cites=WAGES_PAID_CITES,
            what=what,
        )
    reach = _fplp_reaches(case, levy) if cat in FPLP_REACHABLE or cat is A6_WHICH_UNKNOWN else False
    if reach is not False:
        # the program can (or may) reach the payment: its percentage, and which of the facts is still open — the kind
        # of (a)(6) payment (a railroad payment it reaches, a military annuity it does not) or the levy's method
        pct = params.use("fplp.levy_percent", on=levy.served_date or ctx.as_of)
        facts[f"{s}.method"] = _FPLP if reach else None
        if reach is None:
            outcome, key, effect, missing = UNKNOWN, "fplp_method_unknown", None, [f"{s}.method"]
        elif cat is A6_WHICH_UNKNOWN:
            outcome, key, effect, missing = UNKNOWN, "a6_which_unknown", None, [f"{s}.exempt_category"]
        else:
            outcome, key, effect, missing = DOES_NOT_APPLY, "fplp_reachable", INFO, []
        return rule.finding(
            outcome,
            key,
            effect=effect,
            subject=s,
            facts=facts,
            missing=missing,
            params=[pct],
            what=what,
            pct=pct.value,
        )
    if levy.kind is _BANK and cat in WHOLLY_EXEMPT_PAYMENTS:
        # § 6334(a)(4), (6), (7), (10), (11) exempt an "amount payable": whether the exemption follows the money into a
        # bank account is not settled (the IRS says it does not); the protective reading is shown, the doubt said
        return rule.finding(APPLIES, "exempt_deposits", subject=s, facts=facts, what=what, taken=_taken_text(levy))
    key = {
        C.HOUSEHOLD_GOODS: "capped",
        C.TOOLS_OF_TRADE: "capped",
        C.CHILD_SUPPORT_JUDGMENT: "child_support",
        C.MINIMUM_WAGE_EXEMPTION: "wage_amount",
    }.get(cat, "exempt")
    return rule.finding(APPLIES, key, subject=s, facts=facts, what=what, taken=_taken_text(levy))


def _taken_text(levy: Levy) -> Message:
    if levy.proceeds_sent or (levy.amount_taken is not None and levy.amount_taken > 0):
        return message(f"{ENUMERATED.id}.taken_return")
    return message(f"{ENUMERATED.id}.taken_release")


def _release_property() -> Message:
    return message(f"{ENUMERATED.id}.release_property")


@informs
def small_levy_residence(case: Case, ctx: Context) -> list[Finding]:
    """§ 6334(a)(13)(A): a residence is exempt when the AMOUNT OF THE LEVY is $5,000 or less."""
    return [_small(case, ctx, i, lv) for i, lv in enumerate(case.levies) if lv.exempt_category in RESIDENCES]


def _business_home_protected(levy: Levy, ctx: Context) -> bool | None:
    """§ 6334(a)(13)(A)(ii) for a taxpayer that is not an individual: its real property used by an individual as a
    residence is exempt from a levy of $5,000 or less unless the property is rented; None while either is unknown."""
    small, _ = _small_levy(levy, ctx)
    if not small:
        return small
    return None if levy.residence_rented is None else not levy.residence_rented


def _small(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = SMALL_LEVY_HOME, levy_subject(i)
    small, cap = _small_levy(levy, ctx)
    facts: dict[str, Any] = {f"{s}.exempt_category": levy.exempt_category, f"{s}.amount": levy.amount}
    if small is None:
        return rule.finding(UNKNOWN, "amount_unknown", subject=s, params=[cap], missing=[f"{s}.amount"], cap=cap.value)
    variables: dict[str, Any] = {"amount": levy.amount, "cap": Decimal(str(cap.value)), "release": _release_property()}
    if not is_individual(case) and small:
        # § 6334(a)(13)(A): "(i) any real property used as a residence by the taxpayer; or (ii) any real property of
        # the taxpayer (other than real property which is rented) used by any other individual as a residence". A
        # company does not reside, so (i) cannot reach it; (ii) is not limited to individual taxpayers (unlike
        # (B)(ii), "of an individual taxpayer"): a company's home used by its owner or another individual is exempt
        # from a small levy unless the property is rented — asked, not assumed.
        if levy.residence_rented is None:
            return rule.finding(
                UNKNOWN,
                "business_rented_unknown",
                subject=s,
                facts=facts,
                params=[cap],
                missing=[f"{s}.residence_rented"],
                cap=variables["cap"],
            )
        facts[f"{s}.residence_rented"] = levy.residence_rented
        if levy.residence_rented:
            return rule.finding(DOES_NOT_APPLY, "business_rented", subject=s, facts=facts, params=[cap], **variables)
        return rule.finding(
            APPLIES, "business_small", subject=s, facts=facts, params=[cap], value=levy.amount, **variables
        )
    if small:
        return rule.finding(APPLIES, "small", subject=s, facts=facts, params=[cap], value=levy.amount, **variables)
    key = "over_principal" if levy.exempt_category is C.PRINCIPAL_RESIDENCE and is_individual(case) else "over"
    return rule.finding(DOES_NOT_APPLY, key, subject=s, facts=facts, params=[cap], **variables)


def approvals(case: Case, ctx: Context) -> list[Finding]:
    """§ 6334(a)(13)(B), (e): written court approval (principal residence), written approval (business assets)."""
    return [_approval(case, ctx, i, lv) for i, lv in enumerate(case.levies) if lv.exempt_category in APPROVAL]


def _approval(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = APPROVALS, levy_subject(i)
    taken = _release_property()
    if levy.exempt_category is C.PRINCIPAL_RESIDENCE:
        facts = {f"{s}.court_approval": levy.court_approval}
        if levy.court_approval is None:
            return rule.finding(UNKNOWN, "home_unknown", subject=s, missing=[f"{s}.court_approval"])
        if levy.court_approval:
            return rule.finding(DOES_NOT_APPLY, "home_approved", subject=s, facts=facts)
        return rule.finding(APPLIES, "home_no_approval", subject=s, facts=facts, release=taken)
    if not is_individual(case):
        return rule.finding(NOT_APPLICABLE, "business_entity", subject=s)
    # § 6334(a)(13)(B)(ii): "tangible personal property or real property (other than real property which is rented)
    # used in the trade or business of an individual taxpayer" — rented-out real estate is left out. Not known: the
    # protection is shown (most business property is equipment, vehicles or the place the business uses) and the fact
    # is asked.
    rented = f"{s}.business_property_rented"
    if levy.business_property_rented:
        return rule.finding(DOES_NOT_APPLY, "business_rented", subject=s, facts={rented: True})
    ask = [rented] if levy.business_property_rented is None else []
    facts = {f"{s}.supervisor_approval": levy.supervisor_approval, f"{s}.jeopardy": levy.jeopardy}
    if levy.business_property_rented is False:
        facts[rented] = False
    if levy.jeopardy:
        return rule.finding(DOES_NOT_APPLY, "business_jeopardy", subject=s, facts=facts)
    if levy.supervisor_approval is None:
        return rule.finding(UNKNOWN, "business_unknown", subject=s, missing=[f"{s}.supervisor_approval", *ask])
    if levy.supervisor_approval:
        return rule.finding(DOES_NOT_APPLY, "business_approved", subject=s, facts=facts)
    return rule.finding(APPLIES, "business_no_approval", subject=s, facts=facts, missing=ask, release=taken)


NOTHING_ELSE_KEYS = {
    LevyKind.SOCIAL_SECURITY: "social_security",
    LevyKind.WAGES: "wages",
    LevyKind.BANK: "bank",
    LevyKind.OTHER_PROPERTY: "property",
}


@informs
def no_other_exemptions(case: Case, ctx: Context) -> list[Finding]:
    """§ 6334(c): state exemptions (homestead, wage limits) do not apply; Social Security is leviable."""
    out = []
    for i, levy in enumerate(case.levies):
        key = NOTHING_ELSE_KEYS.get(levy.kind)
        named = levy.exempt_category not in (None, C.NONE)  # a protected kind named: its own finding says it
        if key is None or (named and levy.kind is not _SOCIAL_SECURITY):
            continue
        s = levy_subject(i)
        out.append(
            NOTHING_ELSE.finding(
                APPLIES, key, subject=s, facts={f"{s}.kind": levy.kind}, state=case.taxpayer.state or ""
            )
        )
    return out


@informs
def ssi(case: Case, ctx: Context) -> list[Finding]:
    """§ 6334(a)(11)(A): SSI is exempt from an ordinary levy. § 6331(h)(2)(B) and § 6334(f) would let the automated
    program take up to 15% of it, but the IRS says it does not levy SSI that way (IRM 5.11.6, reference R6334-SSI):
    such a levy goes against the IRS's own procedures (§ 6343(d)(2)(A)), not against § 6334."""
    out = []
    for i, levy in enumerate(case.levies):
        if levy.exempt_category is not C.SSI:
            continue
        s = levy_subject(i)
        facts: dict[str, Any] = {f"{s}.exempt_category": levy.exempt_category, f"{s}.kind": levy.kind}
        if levy.kind not in FPLP_KINDS:
            key = "deposits" if levy.kind is _BANK else "other"
            out.append(SSI.finding(APPLIES, key, subject=s, facts=facts))
            continue
        method, _ = benefit_levy_method(case, levy)
        facts[f"{s}.method"] = method
        if method is LevyMethod.MANUAL:
            # a notice of levy served on the paying agency is a § 6331(a) levy, "except such property as is exempt
            # under section 6334": § 6334(f) does not reach it
            out.append(SSI.finding(APPLIES, "agency", subject=s, facts=facts))
            continue
        pct = params.use("fplp.levy_percent", on=levy.served_date or ctx.as_of)
        out.append(SSI.finding(APPLIES, "fplp", subject=s, facts=facts, params=[pct], pct=pct.value))
    return out


RULES: list[RuleFunc] = [
    enumerated_exemptions,
    small_levy_residence,
    approvals,
    no_other_exemptions,
    ssi,
    *PAYMENT_RULES,
]
DEADLINES: list[DeadlineFunc] = [bank_hold_ends]
# The rules of the split-out module, reachable from this catalog module.
PAYMENT_RULE_RECORDS = (FPLP, LOW_INCOME_FILTER, BANK_HOLD)
