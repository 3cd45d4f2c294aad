"""Wrongful levy on someone else's property: § 6343(b) return, the written claim, the § 7426 suit.

"If the Secretary determines that property has been wrongfully levied upon, it shall be lawful for
the Secretary to return — (1) the specific property levied upon, (2) an amount of money equal to the
amount of money levied upon, or (3) an amount of money equal to the amount of money received by the
United States from a sale of such property." — 26 U.S.C. § 6343(b).

Only a person other than the taxpayer may use these routes (Pub 4528; § 7426(a)(1)). The taxpayer's
own property is handled under § 6343(d) (rule R6343-D1, law/return_property.py). A joint owner is a
person other than the taxpayer for the part of the property that is theirs.
"""

from __future__ import annotations

from typing import Any

from levynav.core.law.levy_facts import levy_subject
from levynav.core.law.return_periods import (
    MONEY_KINDS,
    claims_for,
    count_period,
    owner,
    return_period,
    suit_period,
)
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    INFO,
    NOT_APPLICABLE,
    ROUTE_CLOSED,
    UNKNOWN,
    Context,
    Rule,
    RuleFunc,
)
from levynav.core.model.analysis import Effect, Finding, Message, message
from levynav.core.model.case import Case, Levy, Owner, WrongfulLevyClaim

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_TAXPAYER = Owner.TAXPAYER

OTHERS = {Owner.THIRD_PARTY, Owner.JOINT}

WRONGFUL_LEVY = Rule(
    id="R6343-B1",
    title="Someone else's money or property was levied for your tax (wrongful levy)",
    cites=("R6343-B1", "RDAY-1"),
    effect=Effect.MAY_RETURN,
)
CLAIM = Rule(
    id="R6343-B2",
    title="The written wrongful-levy claim (Publication 4528)",
    cites=("R6343-B2", "CAP-5"),
    effect=Effect.ROUTE_OPEN,
)
SUIT = Rule(
    id="R7426-1",
    title="Wrongful-levy lawsuit by the owner (26 U.S.C. § 7426)",
    cites=("R7426-1", "RDAY-1"),
    effect=Effect.ROUTE_OPEN,
)


def _owner_name(levy: Levy) -> str | Message:
    if levy.third_party_name:
        return levy.third_party_name
    return message(f"{WRONGFUL_LEVY.id}.owner_default")


def wrongful_levy(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(b): who may claim, and whether the 2-year (or old 9-month) period is still open."""
    return [_wrongful(case, ctx, i, levy) for i, levy in enumerate(case.levies)]


def _wrongful(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = WRONGFUL_LEVY, levy_subject(i)
    facts: dict[str, object] = {f"{s}.owner": levy.owner, f"{s}.kind": levy.kind}
    who_owns = owner(levy)
    if who_owns is None:
        return rule.finding(UNKNOWN, "owner_unknown", subject=s, missing=[f"{s}.owner"])
    if who_owns is _TAXPAYER:
        return rule.finding(DOES_NOT_APPLY, "own_property", subject=s, facts=facts)
    claims = claims_for(case, i, levy)
    returned = [c for _, c in claims if c.returned_date is not None]
    if returned:
        return rule.finding(NOT_APPLICABLE, "returned", subject=s, facts=facts, returned=returned[0].returned_date)
    who = message(f"{rule.id}.who_{who_owns.value}", owner=_owner_name(levy))
    period = return_period(levy)
    if period is None:
        return rule.finding(APPLIES, "no_date", subject=s, facts=facts, missing=[f"{s}.served_date"], who=who)
    facts[f"{s}.served_date"] = levy.served_date
    # a letter that is not a proper § 6343(b) request (written, to the office Pub 4528 names, with the items of Reg.
    # § 301.6343-2(b)) is not "a request" that keeps the period for money open: Amwest Surety Ins. Co. v. United
    # States, 28 F.3d 690 (7th Cir. 1994), read for § 6532(c)(2)'s "request ... pursuant to section 6343(b)", the same
    # request (reference R7426-1). Unknown whether proper: counted, as before (the request rule R6343-B2 asks).
    claims = [(path, c) for path, c in claims if c.proper_request is not False]
    timely = [c for _, c in claims if c.filed_date <= period.last.last]
    # filed after the safer last day but by the anniversary: in time under that reading only, so not known
    on_later = [c for _, c in claims if period.last.last < c.filed_date <= period.latest]
    common: dict[str, Any] = {
        "subject": s,
        "facts": facts,
        "params": [period.param],
        "value": period.last.last,
        "deadline_ids": ["return.request"],
    }
    if on_later and not timely:
        first = min(on_later, key=lambda c: c.filed_date)
        return rule.finding(
            UNKNOWN,
            "claimed_later_reading",
            effect=rule.effect,
            who=who,
            filed=first.filed_date,
            deadline=period.last.last,
            later=period.latest,
            **common,
        )
    if ctx.as_of > period.latest and not timely:
        if levy.kind in MONEY_KINDS:
            return rule.finding(DOES_NOT_APPLY, "too_late", effect=ROUTE_CLOSED, deadline=period.last.last, **common)
        return rule.finding(APPLIES, "property_only", who=who, deadline=period.last.last, **common)
    if timely:
        first = timely[0]
        if first.disallowance_date is not None:
            return rule.finding(
                APPLIES,
                "disallowed",
                who=who,
                filed=first.filed_date,
                disallowed=first.disallowance_date,
                **common,
            )
        return rule.finding(APPLIES, "claimed", who=who, filed=first.filed_date, **common)
    note = period.reading_messages(ctx.as_of)
    return rule.finding(
        APPLIES, "open", who=who, deadline=period.last.last, why=period.reason.said(), note=note, **common
    )


def wrongful_levy_claim(case: Case, ctx: Context) -> list[Finding]:
    """Reg. § 301.6343-2(b) and Pub 4528: how the owner asks, for each levy on someone else's property."""
    return [_claim(case, ctx, i, levy) for i, levy in enumerate(case.levies) if levy.owner in OTHERS]


def _claim(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = CLAIM, levy_subject(i)
    facts: dict[str, object] = {f"{s}.owner": levy.owner}
    claims = claims_for(case, i, levy)
    period = return_period(levy)
    if claims:
        path, claim = claims[0]
        facts[f"{path}.filed_date"] = claim.filed_date
        facts[f"{path}.proper_request"] = claim.proper_request
        if claim.proper_request is False:
            if period is not None and ctx.as_of > period.latest:
                return rule.finding(DOES_NOT_APPLY, "improper_too_late", effect=ROUTE_CLOSED, subject=s, facts=facts)
            return rule.finding(
                APPLIES,
                "improper",
                subject=s,
                facts=facts,
                deadline_ids=["return.request"],
                deadline=period.last.last if period else message(f"{rule.id}.deadline_unknown"),
            )
        return rule.finding(APPLIES, "filed", effect=INFO, subject=s, facts=facts, filed=claim.filed_date)
    if period is None:
        return rule.finding(APPLIES, "how_no_date", subject=s, facts=facts, missing=[f"{s}.served_date"])
    facts[f"{s}.served_date"] = levy.served_date
    if ctx.as_of > period.latest and levy.kind in MONEY_KINDS:
        return rule.finding(
            DOES_NOT_APPLY,
            "too_late",
            effect=ROUTE_CLOSED,
            subject=s,
            facts=facts,
            params=[period.param],
            deadline=period.last.last,
        )
    return rule.finding(
        APPLIES,
        "how",
        subject=s,
        facts=facts,
        params=[period.param],
        value=period.last.last,
        deadline_ids=["return.request"],
        deadline=period.last.last,
    )


def wrongful_levy_suit(case: Case, ctx: Context) -> list[Finding]:
    """§ 7426(a)(1) and § 6532(c): the owner's suit, and its deadline with the shorter-of extension."""
    return [_suit(case, ctx, i, levy) for i, levy in enumerate(case.levies) if levy.owner in OTHERS]


def _suit(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, s = SUIT, levy_subject(i)
    if levy.served_date is None:
        return rule.finding(UNKNOWN, "no_date", subject=s, missing=[f"{s}.served_date"])
    claims = claims_for(case, i, levy)
    sp = suit_period(levy.served_date, claims)
    if sp is None:
        return rule.finding(UNKNOWN, "no_period", subject=s, missing=[f"{s}.served_date"])
    facts: dict[str, object] = {f"{s}.owner": levy.owner, f"{s}.served_date": levy.served_date}
    claim = _claim_at(case, sp.claim_path)
    if claim is not None and sp.claim_path is not None:
        facts[f"{sp.claim_path}.filed_date"] = claim.filed_date
        facts[f"{sp.claim_path}.disallowance_date"] = claim.disallowance_date
        facts[f"{sp.claim_path}.proper_request"] = claim.proper_request
    common: dict[str, Any] = {"subject": s, "facts": facts, "params": sp.params, "deadline_ids": ["wrongful_levy.suit"]}
    pending = sp.if_proper is not None and sp.date < ctx.as_of <= sp.if_proper
    if pending and sp.claim_path is not None and sp.later_reading:
        # the request was filed after the safer last day, by the anniversary: it extends the period only if the
        # anniversary reading holds (and, when not known, only if it was a proper request)
        assert claim is not None
        missing = [f"{sp.claim_path}.proper_request"] if claim.proper_request is None else []
        return rule.finding(
            UNKNOWN,
            "depends_on_reading",
            missing=missing,
            value=sp.if_proper,
            base=sp.date,
            extended=sp.if_proper,
            filed=claim.filed_date,
            **common,
        )
    if pending and sp.claim_path is not None:
        return rule.finding(
            UNKNOWN,
            "depends_on_claim",
            missing=[f"{sp.claim_path}.proper_request"],
            value=sp.if_proper,
            base=sp.date,
            extended=sp.if_proper,
            **common,
        )
    if ctx.as_of > sp.latest:
        return rule.finding(DOES_NOT_APPLY, "too_late", effect=ROUTE_CLOSED, value=sp.date, deadline=sp.date, **common)
    key = "open_if_proper" if sp.if_proper is not None else "open"
    if sp.alternative is not None and sp.date < ctx.as_of <= sp.alternative:
        return rule.finding(
            APPLIES,
            "open_later_reading",
            value=sp.alternative,
            deadline=sp.date,
            later=sp.alternative,
            **common,
        )
    extended: dict[str, Any] = {"extended": sp.if_proper} if sp.if_proper else {}
    return rule.finding(
        APPLIES,
        key,
        value=sp.date,
        deadline=sp.date,
        **common,
        **extended,
    )


def _claim_at(case: Case, path: str | None) -> WrongfulLevyClaim | None:
    if path is None:
        return None
    index = int(path.rsplit("[", 1)[1].rstrip("]"))
    return case.proceedings.wrongful_levy_claims[index]


def period_count(levy: Levy) -> list[Message] | None:
    """How the return period of a levy was counted, as message references (for deadlines)."""
    period = return_period(levy)
    return count_period(period, "return_request") if period else None


RULES: list[RuleFunc] = [wrongful_levy, wrongful_levy_claim, wrongful_levy_suit]
