"""Economic hardship: § 6343(a)(1)(D), Treas. Reg. § 301.6343-1(b)(4), and Vinatieri.

"… (D) the Secretary has determined that such levy is creating an economic hardship due to the
financial condition of the taxpayer …" — § 6343(a)(1)(D). The regulation: satisfying the levy "would
cause an individual taxpayer to be unable to pay his or her reasonable basic living expenses"
(§ 301.6343-1(b)(4)(i)); the Tenth Circuit upheld that limit to individuals (Seminole, 2021).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from levynav.core.law.decedent import deceased
from levynav.core.law.deciding import informs
from levynav.core.law.levies_in_force import active_levies, kind_name, released_finding
from levynav.core.law.levy_facts import is_individual, levy_subject, paid_over
from levynav.core.law.notices import is_cdp_levy_notice
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    NOT_APPLICABLE,
    UNKNOWN,
    Context,
    Decided,
    Rule,
    Situation,
    once,
)
from levynav.core.model.analysis import Effect, Finding, LabelArg, Message, Outcome, ParamUse, SentencesArg, message
from levynav.core.model.case import Case, HearingKind, Levy, LevyKind
from levynav.core.model.construct import construct

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_LEVY_HEARING = HearingKind.LEVY
_BANK = LevyKind.BANK
_WAGES = LevyKind.WAGES

ECONOMIC_HARDSHIP = Rule(
    id="R6343-A4",
    title="The levy is causing you economic hardship",
    cites=("R6343-A4", "R6343-A4-ENTITY", "R6343-A4-IRSWEB"),
    effect=Effect.MUST_RELEASE,
    on_determination=True,
)
UNFILED_RETURNS_NO_BAR = Rule(
    id="R6343-V1",
    title="Unfiled tax returns do not block a hardship release",
    cites=("R6343-V1", "R6343-V1-CC"),
    effect=Effect.INFO,
)
HARDSHIP_MEASURE = Rule(
    id="R6343-A8",
    title="How the IRS measures hardship",
    cites=("R6343-A8",),
    effect=Effect.INFO,
)

DECEASED = Situation(ECONOMIC_HARDSHIP, ("DEC-HARDSHIP",))  # a taxpayer who has died (law/decedent.py)
HARDSHIP_PATH = "circumstances.economic_hardship"
# Levies that take what is there when served (Reg. § 301.6331-1(a)(1)); once paid over, nothing is left to release.
_ONE_TIME = {LevyKind.BANK, LevyKind.STATE_TAX_REFUND, LevyKind.DIGITAL_ASSETS}
DECIDED = {Outcome.APPLIES, Outcome.DOES_NOT_APPLY}


class HardshipView(NamedTuple):
    """Whether the case shows hardship, and on what basis: "computed" (finances), "stated", or "unknown". A named
    tuple: made about four times an analysis, where a frozen dataclass sets each field through
    ``object.__setattr__``."""

    outcome: Outcome
    basis: str
    decided: Decided | None


def hardship_view(case: Case, ctx: Context) -> HardshipView:
    """The calculation from the finances decides; the stated fact is the fallback; else unknown."""
    if ctx.hardship is not None and ctx.hardship.outcome in DECIDED:
        return HardshipView(ctx.hardship.outcome, "computed", ctx.hardship)
    stated = case.circumstances.economic_hardship
    if stated is not None:
        return HardshipView(APPLIES if stated else DOES_NOT_APPLY, "stated", ctx.hardship)
    return HardshipView(UNKNOWN, "unknown", ctx.hardship)


@once
def economic_hardship(case: Case, ctx: Context) -> list[Finding]:
    """§ 6343(a)(1)(D): release a levy that leaves an individual unable to pay reasonable basic living
    expenses. Businesses: NOT_APPLICABLE (reg (b)(4)(i); Seminole) — their route is CDP balancing.

    IRS web guidance says a wage levy causing hardship "must" be released and a bank levy "may" be;
    the statute makes no such distinction (reference § 7 item 11). Encoded: the statute.
    """
    return [_hardship(case, ctx, i, levy) for i, levy in enumerate(case.levies)]


def _kind_note(levy: Levy) -> SentencesArg:
    """The statute-versus-IRS-web-page note for bank and wage levies (reference § 7 item 11), or nothing."""
    key = {_BANK: "note_bank", _WAGES: "note_wages"}.get(levy.kind)
    return construct(SentencesArg, value=[message(f"{ECONOMIC_HARDSHIP.id}.{key}")] if key else [])


def _calc(d: Decided) -> Message | str:
    """The hardship arithmetic in words, from the calculation's typed figures (income, the levy's take, the
    allowable expenses): short of the expenses (``calc_yes``) or covering them (``calc_no``). A calculation
    without these figures is quoted as it explains itself."""
    f, rid = d.figures, ECONOMIC_HARDSHIP.id
    income = f.get("monthly_income")
    take = f.get("levy_take_per_month", f.get("levy_take_known_so_far"))
    allowable = f.get("allowable_living_expenses", f.get("allowable_living_expenses_at_least"))
    if not (isinstance(income, Decimal) and isinstance(take, Decimal) and isinstance(allowable, Decimal)):
        return d.explanation
    after = income - take
    if d.outcome is APPLIES:
        key = "calc_yes" if "allowable_living_expenses" in f else "calc_yes_at_least"
        shown = {"take": take, "after": after, "income": income, "allowable": allowable}
        return message(f"{rid}.{key}", **shown, shortfall=allowable - after)
    return message(f"{rid}.calc_no", take=take, after=after, income=income, allowable=allowable, room=after - allowable)


def _figures_used(figures: dict[str, Any]) -> SentencesArg:
    """``Figures used: …`` — each figure by its name (``label.hardship_figure``), or nothing when there are none."""
    rid = ECONOMIC_HARDSHIP.id
    shown = [
        message(f"{rid}.figure", name=construct(LabelArg, enum="hardship_figure", value=name), value=value)
        for name, value in figures.items()
    ]
    return construct(SentencesArg, value=[message(f"{rid}.figures_used", figures=shown)] if shown else [])


def _hardship(case: Case, ctx: Context, i: int, levy: Levy) -> Finding:
    rule, subject = ECONOMIC_HARDSHIP, levy_subject(i)
    done = released_finding(rule, i, levy, ctx)
    if done is not None:
        return done
    if not is_individual(case):
        return rule.finding(NOT_APPLICABLE, "business", subject=subject, facts={"taxpayer.kind": "business"})
    died = deceased(case, ctx.as_of)
    if died is not None:
        # the ground is an individual's inability to pay "his or her reasonable basic living expenses" (Reg.
        # § 301.6343-1(b)(4)(i)): a decedent has none, and the estate is not that individual (audit 2026-12-07, r4)
        dead: dict[str, Any] = {"taxpayer.date_of_death": died}
        return DECEASED.finding(
            NOT_APPLICABLE, "deceased", subject=subject, facts=dead, died=died, what=kind_name(levy)
        )
    if levy.kind in _ONE_TIME and paid_over(levy, ctx.as_of):
        # A one-time levy whose money was already paid over has nothing left for a release to free; the money can
        # come back only as a return (§ 6343(d)(2)(D): with the National Taxpayer Advocate's backing).
        facts = {f"{subject}.kind": levy.kind, f"{subject}.proceeds_sent": levy.proceeds_sent}
        return rule.finding(NOT_APPLICABLE, "paid_over", subject=subject, facts=facts, what=kind_name(levy))
    view = hardship_view(case, ctx)
    note = _kind_note(levy)
    what = kind_name(levy)
    if view.basis == "computed":
        assert view.decided is not None
        d = view.decided
        key = "computed_yes" if view.outcome is APPLIES else "computed_no"
        return rule.finding(
            view.outcome,
            key,
            subject=subject,
            params=d.parameters,
            value=dict(d.figures) or None,
            calc=_calc(d),
            figures=_figures_used(d.figures),
            note=note,
            what=what,
        )
    if view.basis == "stated":
        facts = {HARDSHIP_PATH: view.outcome is APPLIES}
        key = "stated_yes" if view.outcome is APPLIES else "stated_no"
        return rule.finding(view.outcome, key, subject=subject, facts=facts, note=note, what=what)
    missing = [HARDSHIP_PATH]
    params: tuple[ParamUse, ...] = ()
    if view.decided is not None:
        missing += [m for m in view.decided.missing if m not in missing]
        params = view.decided.parameters
    return rule.finding(
        UNKNOWN, "unknown", effect=rule.effect, subject=subject, missing=missing, params=params, what=what
    )


def _not_asked(rule: Rule, case: Case, ctx: Context) -> list[Finding] | None:
    """The findings of a rule that follows a hardship release when it is not asked: none without levies;
    NOT_APPLICABLE when every levy is released, for a business, or without hardship. None when it is asked."""
    if not case.levies:
        return []
    if not active_levies(case, ctx):
        return [rule.finding(NOT_APPLICABLE, "released")]
    if not is_individual(case):
        return [rule.finding(NOT_APPLICABLE, "business", facts={"taxpayer.kind": "business"})]
    died = deceased(case, ctx.as_of)
    if died is not None:
        return [rule.finding(NOT_APPLICABLE, "deceased", facts={"taxpayer.date_of_death": died}, died=died)]
    if hardship_view(case, ctx).outcome is DOES_NOT_APPLY:
        return [rule.finding(NOT_APPLICABLE, "no_hardship")]
    return None


@informs
def unfiled_returns_no_bar(case: Case, ctx: Context) -> list[Finding]:
    """Vinatieri v. Commissioner, 133 T.C. 392 (2009): sustaining a levy that creates economic hardship is
    an abuse of discretion even though the taxpayer has unfiled returns; § 6343(a)(1)(D) would require
    immediate release. Limits: hardship must be shown with financial information; no right to an
    installment agreement or "currently not collectible" status while returns are unfiled (interpretation).
    Open question: later Tax Court limits on Vinatieri and IRM changes (UNVERIFIED).
    """
    rule = UNFILED_RETURNS_NO_BAR
    if not case.levies and is_individual(case) and _levy_proposed(case):
        return [_proposed_levy(case, ctx)]
    skip = _not_asked(rule, case, ctx)
    if skip is not None:
        return skip
    view = hardship_view(case, ctx)
    unfiled = case.circumstances.unfiled_returns
    path = "circumstances.unfiled_returns"
    if unfiled is None:
        return [rule.finding(UNKNOWN, "unknown", missing=[path])]
    if not unfiled:
        return [rule.finding(DOES_NOT_APPLY, "all_filed", facts={path: False})]
    key = "applies" if view.outcome is APPLIES else "applies_if_hardship"
    return [rule.finding(APPLIES, key, facts={path: True})]


def _levy_proposed(case: Case) -> bool:
    """A levy is proposed: a final notice of intent to levy with hearing rights, or a levy hearing request."""
    return any(is_cdp_levy_notice(n.type) for n in case.notices) or any(
        r.kind is _LEVY_HEARING for r in case.proceedings.hearing_requests
    )


def _proposed_levy(case: Case, ctx: Context) -> Finding:
    """Vinatieri at the proposal stage: the case was a CDP review of a *proposed* levy. Appeals may not sustain a
    levy that would leave an individual unable to pay basic living expenses, since § 6343(a)(1)(D) would require
    its release at once — so hardship is raised in the hearing, before any levy."""
    rule = UNFILED_RETURNS_NO_BAR
    died = deceased(case, ctx.as_of)
    if died is not None:
        return rule.finding(NOT_APPLICABLE, "deceased", facts={"taxpayer.date_of_death": died}, died=died)
    view = hardship_view(case, ctx)
    if view.outcome is DOES_NOT_APPLY:
        return rule.finding(NOT_APPLICABLE, "no_hardship")
    key = "proposed_hardship" if view.outcome is APPLIES else "proposed_if_hardship"
    return rule.finding(APPLIES, key)


@informs
def hardship_measure(case: Case, ctx: Context) -> list[Finding]:
    """Treas. Reg. § 301.6343-1(b)(4): the IRS sets reasonable basic living expenses case by case and must
    consider the factors (A)–(F) the taxpayer supplies; an affluent or luxurious standard of living is not
    a "unique circumstance". Shown when hardship applies or is still unknown (individuals).
    """
    rule = HARDSHIP_MEASURE
    skip = _not_asked(rule, case, ctx)
    if skip is not None:
        return skip
    view = hardship_view(case, ctx)
    params = view.decided.parameters if view.decided is not None else ()
    return [rule.finding(APPLIES, "factors", params=params)]
