"""What a levy reaches and what it takes from each payment.

- R6331-B1: "a levy extends only to property possessed and obligations which exist at the time of the levy"
  (26 C.F.R. § 301.6331-1(a)(1)); a bank levy takes the balance when it is served, later deposits only by a new
  levy. A levy on salary or wages is continuing (§ 6331(e); § 301.6331-1(b)(1)), and "obligations exist when the
  liability of the obligor is fixed and determinable although the right to receive payment thereof may be deferred"
  — a levy on a fixed and determinable right (a pension, a benefit paid every month) reaches the later payments.
  § 6331(b): "Except as otherwise provided in subsection (e), a levy shall extend only to property possessed and
  obligations existing at the time thereof." A levy on a federal payment through the Federal Payment Levy Program is
  continuing by statute (§ 6331(h)(1), reference R6331-H1), whether or not the later payments were fixed.
- R6334-D2: the share of each paycheck or benefit payment the levy takes: take-home pay minus the Publication 1494
  amount (§ 6334(a)(9), (d)); 15% of each payment through the Federal Payment Levy Program (§ 6331(h)); a manual
  levy on a benefit, the whole payment minus the same exempt amount.
  With a returned statement the amount includes the additional standard deductions for age 65 and blindness
  (26 C.F.R. § 301.6334-3(b)(1)(i); R63-F1: §§ 63(f), 151(b)): the taxpayer's, and the spouse's on a joint return or,
  on a separate return, when the spouse had no gross income and is no one's dependent. An unknown fact adds
  nothing but is named in ``missing``: the amount shown is the least protected, and the words say it may be more.
- R6334-D3: without the signed statement of dependents and filing status the payer must use married filing
  separately with no dependents (26 C.F.R. § 301.6334-4(a); § 6334(d)(4)); Notice 1439 (the Form 668-W
  instructions) asks the taxpayer to return it within 3 work days after the employer receives the levy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core import lawdata, params
from levynav.core.calc import wage_exemption as we
from levynav.core.calc.dates import add_business_days
from levynav.core.law import registry
from levynav.core.law.deciding import informs
from levynav.core.law.exemptions_payments import payment_exempt, vendor_rate_possible
from levynav.core.law.levies_in_force import is_released
from levynav.core.law.levy_facts import benefit_levy_method, levy_subject
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, INFO, UNKNOWN, Context, DeadlineFunc, Rule, RuleFunc
from levynav.core.model.analysis import Deadline, Effect, Finding, LabelArg, Message, ParamUse, message
from levynav.core.model.case import Case, FilingStatus, Levy, LevyKind, LevyMethod
from levynav.core.model.construct import construct

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_BANK = LevyKind.BANK
_FEDERAL_PAYMENT = LevyKind.FEDERAL_PAYMENT
_SOCIAL_SECURITY = LevyKind.SOCIAL_SECURITY
_WAGES = LevyKind.WAGES
_FPLP = LevyMethod.FPLP
_MANUAL = LevyMethod.MANUAL
_JOINT = FilingStatus.MARRIED_FILING_JOINTLY
_SEPARATE = FilingStatus.MARRIED_FILING_SEPARATELY

REACH = Rule(
    id="R6331-B1",
    title="A one-time levy takes only what is there when it is served",
    cites=("R6331-B1",),
    effect=Effect.INFO,
)
TAKES = Rule(
    id="R6334-D2",
    title="What the levy takes from each payment",
    cites=("R6334-D2", "R6334-D1", "R6334-G1", "R6331-H1"),
    effect=Effect.INFO,
)
STATEMENT = Rule(
    id="R6334-D3",
    title="Give the payer your statement of dependents and filing status",
    cites=("R6334-D3",),
    effect=Effect.EXEMPT,
)

_ONE_TIME = {LevyKind.BANK, LevyKind.STATE_TAX_REFUND, LevyKind.DIGITAL_ASSETS}
AGED_YEARS = 65  # 26 U.S.C. § 63(f)(1): the additional standard deduction for one "who has attained age 65"
AGED_BLIND_CITES = ("R63-F1",)  # §§ 63(f), 151(b): whose age and blindness count
_PAY_KINDS = {LevyKind.WAGES, LevyKind.SOCIAL_SECURITY, LevyKind.FEDERAL_PAYMENT}
_FPLP_CITES = ("R6331-H1",)  # § 6331(h)(1): a levy through the program is continuous until released


@dataclass(frozen=True)
class FixedRight:
    """Whether a levy made in time keeps reaching payments after the collection statute runs out.

    Reg. § 301.6343-1(b)(1)(ii): a continuing levy on wages (§ 6331(e)) ends at the CSED; a levy on a fixed and
    determinable right to payment that includes payments after the CSED does not. One answer for R6331-B1,
    R6343-A1 and R6401-1. ``key``: ``not_fixed`` (wages, a one-time levy, or stated not fixed), ``fixed_unknown``
    (ask ``future_payments_fixed``), ``method_unknown`` (a benefit levy: ask ``method``), ``fplp`` (the automated
    program: whether it stops at the CSED is not confirmed in the IRM), ``fixed`` (a manual levy on a benefit, or
    a stated fixed right: it survives).
    """

    key: str
    facts: dict[str, object]
    missing: list[str]

    @property
    def survives(self) -> bool | None:
        return {"not_fixed": False, "fixed": True}.get(self.key)


def fixed_right(case: Case, levy: Levy, subject: str) -> FixedRight:
    """The one reading of "fixed and determinable right" used by every rule (see FixedRight)."""
    if levy.kind is _WAGES or levy.kind in _ONE_TIME:
        return FixedRight("not_fixed", {f"{subject}.kind": levy.kind}, [])
    facts: dict[str, object] = {f"{subject}.kind": levy.kind}
    # Monthly Social Security benefits are a fixed and determinable right by their nature; other payments are
    # as the case states them.
    fixed = True if levy.kind is _SOCIAL_SECURITY else levy.future_payments_fixed
    if levy.kind is not _SOCIAL_SECURITY:
        facts[f"{subject}.future_payments_fixed"] = levy.future_payments_fixed
    if fixed is None:
        return FixedRight("fixed_unknown", facts, [f"{subject}.future_payments_fixed"])
    if not fixed:
        return FixedRight("not_fixed", facts, [])
    if levy.kind in (_SOCIAL_SECURITY, _FEDERAL_PAYMENT):
        method, _ = benefit_levy_method(case, levy)
        facts[f"{subject}.method"] = method
        if method is None:
            return FixedRight("method_unknown", facts, [f"{subject}.method"])
        if method is _FPLP:
            return FixedRight("fplp", facts, [])
    return FixedRight("fixed", facts, [])


@informs
def levy_reach(case: Case, ctx: Context) -> list[Finding]:
    """R6331-B1, per levy: one-time (what is there when served) or continuing (later payments too)."""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        s, rule = levy_subject(i), REACH
        if levy.kind is _BANK:
            out.append(rule.finding(APPLIES, "bank", subject=s, facts={f"{s}.kind": levy.kind}))
        elif levy.kind in _ONE_TIME:
            out.append(rule.finding(APPLIES, "one_time", subject=s, facts={f"{s}.kind": levy.kind}))
        elif levy.kind is _WAGES:
            out.append(rule.finding(DOES_NOT_APPLY, "wages", effect=INFO, subject=s))
        elif levy.kind is _SOCIAL_SECURITY:
            out.append(rule.finding(DOES_NOT_APPLY, "benefit", effect=INFO, subject=s))
        elif levy.kind is _FEDERAL_PAYMENT:
            out.append(_federal_payment_reach(case, s, levy))
        else:
            fixed = levy.future_payments_fixed
            facts = {f"{s}.future_payments_fixed": fixed}
            if fixed is None:
                out.append(
                    rule.finding(UNKNOWN, "unknown", subject=s, facts=facts, missing=[f"{s}.future_payments_fixed"])
                )
            elif fixed:
                out.append(rule.finding(DOES_NOT_APPLY, "fixed", effect=INFO, subject=s, facts=facts))
            else:
                out.append(rule.finding(APPLIES, "one_time", subject=s, facts=facts))
    return out


def _federal_payment_reach(case: Case, s: str, levy: Levy) -> Finding:
    """R6331-B1 for a levy on a federal payment. Through the Federal Payment Levy Program it is continuing by statute,
    whatever the payment: "the effect of a levy on specified payments to or received by a taxpayer shall be
    continuous from the date such levy is first made until such levy is released" (§ 6331(h)(1); Notice 98-62: "a
    continuous levy of up to 15 percent"; 100% for vendors, § 6331(h)(3)). A notice of levy served on the agency
    is a § 6331(a) levy, which reaches only obligations existing when it is served — later payments only where the
    right to them was fixed and determinable then (Reg. § 301.6331-1(a)(1); Chief Counsel Advice GL-110149-05: only
    the FPLP makes § 6331(h) continuous levies). With the method unknown, a right stated fixed is reached either way;
    otherwise the method is asked (and the fixed right, when unknown): the levy may be continuing."""
    rule = REACH
    method, _ = benefit_levy_method(case, levy)
    fixed = levy.future_payments_fixed
    facts: dict[str, object] = {f"{s}.kind": levy.kind, f"{s}.method": method}
    if method is _FPLP:
        return rule.finding(DOES_NOT_APPLY, "fplp", effect=INFO, subject=s, also_cites=_FPLP_CITES, facts=facts)
    facts[f"{s}.future_payments_fixed"] = fixed
    if fixed:
        return rule.finding(DOES_NOT_APPLY, "fixed", effect=INFO, subject=s, facts=facts)
    if method is None:
        missing = [f"{s}.method"] + ([f"{s}.future_payments_fixed"] if fixed is None else [])
        return rule.finding(UNKNOWN, "method_unknown", subject=s, also_cites=_FPLP_CITES, facts=facts, missing=missing)
    if fixed is None:
        return rule.finding(UNKNOWN, "unknown", subject=s, facts=facts, missing=[f"{s}.future_payments_fixed"])
    return rule.finding(APPLIES, "one_time", subject=s, facts=facts)


def _year(levy: Levy, ctx: Context) -> int:
    """Reg. 301.6334-4(a): the amounts "allowed the taxpayer ... in the taxable year in which the levy is served"."""
    return (levy.served_date or ctx.as_of).year


def _statement(case: Case, s: str, levy: Levy) -> tuple[FilingStatus | None, int | None, list[str], bool]:
    """(filing status, dependents, missing, default) for the Pub 1494 amount; default = no statement on file."""
    if levy.exemption_statement_returned:
        missing = [p for p, v in (("taxpayer.filing_status", case.taxpayer.filing_status),) if v is None]
        missing += [f"{s}.exemption_dependents"] if levy.exemption_dependents is None else []
        return case.taxpayer.filing_status, levy.exemption_dependents, missing, False
    return None, None, [], True


@dataclass(frozen=True)
class AgedBlind:
    """The additional standard deductions for age 65 and blindness a returned statement brings (26 C.F.R.
    301.6334-3(b)(1)(i): "the standard deduction (including additional standard deductions on account of age or
    blindness)"; 26 U.S.C. § 63(c)(3), (f)). ``counted``: the additions the known facts give; ``missing``: the
    unknown facts, each of which could add one more (the amount shown is then the least the statement protects);
    ``facts``: the known facts used."""

    counted: int
    missing: tuple[str, ...]
    facts: dict[str, object]


def _person(born: date | None, blind: bool | None, who: str, latest: date) -> tuple[int, list[str], dict[str, object]]:
    """One person's two additions: age 65 "before the close of [the] taxable year" (§ 63(f)(1); a person attains 65
    the day before the 65th birthday, so born on or before ``latest``) and blindness "at the close of the taxable
    year" (§ 63(f)(2)); a stated ``blind`` is read for the levy's year."""
    counted = 0
    missing: list[str] = []
    facts: dict[str, object] = {}
    for path, value, adds in (
        (f"taxpayer.{who}birth_date", born, born is not None and born <= latest),
        (f"taxpayer.{who}blind", blind, blind is True),
    ):
        if value is None:
            missing.append(path)
        else:
            facts[path] = value
            counted += adds
    return counted, missing, facts


def _aged_blind(case: Case, year: int) -> AgedBlind:
    """The taxpayer's own additions always; the spouse's on a joint return (both spouses are taxpayers), and on a
    separate return only "if ... an additional exemption is allowable to the taxpayer for such spouse under section
    151(b)" (§ 63(f)(1)(B), (2)(B)): the spouse had no gross income for the year and is not another taxpayer's
    dependent (§ 151(b); the zero exemption amount does not change what is allowable, § 151(d)(5)(B)). Single, head
    of household and surviving spouse: the taxpayer's own only (§ 63(g): marital status under § 7703). The year is
    the taxable year in which the levy is served (``_year``)."""
    tp = case.taxpayer
    latest = date(year - AGED_YEARS + 1, 1, 1)
    counted, missing, facts = _person(tp.birth_date, tp.blind, "", latest)
    status = tp.filing_status
    if status is _JOINT or status is _SEPARATE:
        s_counted, s_missing, s_facts = _person(tp.spouse_birth_date, tp.spouse_blind, "spouse_", latest)
        allowable = True if status is _JOINT else tp.spouse_exemption_allowable
        if allowable is not None and status is _SEPARATE:
            facts["taxpayer.spouse_exemption_allowable"] = allowable
        if allowable:
            counted, missing, facts = counted + s_counted, missing + s_missing, facts | s_facts
        elif allowable is None and (s_counted or s_missing):
            missing += ["taxpayer.spouse_exemption_allowable", *s_missing]
            facts |= s_facts
    return AgedBlind(counted, tuple(missing), facts)


def _aged_blind_words(aged: AgedBlind | None) -> Message:
    """The sentence on the additions for age 65 and blindness: none counted without a statement (the payer adds
    them only from it); otherwise how many were counted, and whether an unknown fact could add more."""
    if aged is None:
        return message(f"{TAKES.id}.aged_blind_default")
    if aged.missing and aged.counted:
        return message(f"{TAKES.id}.aged_blind_may_be_more_counted", count=aged.counted)
    if aged.missing:
        return message(f"{TAKES.id}.aged_blind_may_be_more")
    if aged.counted:
        return message(f"{TAKES.id}.aged_blind_counted", count=aged.counted)
    return message(f"{TAKES.id}.aged_blind_none")


def _params(result: we.WageExemption) -> list[ParamUse]:
    return [_param(result.year, v) for v in result.inputs]


def _param(year: int, v: we.InputValue) -> ParamUse:
    """A Pub 1494 amount as a parameter record, validated once per Law bundle and table value (the amounts come from
    the bundle's tables; a ParamUse is frozen and shared, as ``params.use`` shares its records), not per analysis."""
    made: dict[tuple[Any, ...], ParamUse] = lawdata.derived("levy_reach.pub1494_params", lambda law: {})
    key = (year, v.name, str(v.value), v.source, v.status)  # the value as written too: 1.0 and 1.00 are two records
    use = made.get(key)
    if use is None:
        use = made[key] = ParamUse(
            id=f"pub1494.{year}.{v.name.value}",
            value=v.value,
            unit="dollars_per_year",
            effective_from=date(year, 1, 1),
            source=v.source,
            status=v.status.value if v.status.value in {"V", "S"} else "U",
        )
    return use


def _exempt(
    case: Case, ctx: Context, s: str, levy: Levy, period: str
) -> tuple[we.WageExemption | None, AgedBlind | None, Finding | None]:
    """The Pub 1494 amount, with the additions for age and blindness it counts (None: no statement, none counted)."""
    status, deps, missing, _ = _statement(case, s, levy)
    if missing:
        return None, None, TAKES.finding(UNKNOWN, "statement_facts", subject=s, missing=missing)
    year = _year(levy, ctx)
    aged = _aged_blind(case, year) if status is not None else None
    try:
        counted = aged.counted if aged is not None else 0
        return we.exempt_amount(year, period, status, deps, additional_conditions=counted), aged, None
    except we.MissingInput as err:  # a yearly amount with no source: named, nothing estimated
        why = message(f"{TAKES.id}.why_input_missing", year=err.year, inputs=list(err.inputs))
        return None, None, TAKES.finding(UNKNOWN, "table_missing", subject=s, reason=why)
    except we.YearNotCovered as err:
        why = message(f"{TAKES.id}.why_year_not_covered", year=err.year, first=err.first, last=err.last)
        return None, None, TAKES.finding(UNKNOWN, "table_missing", subject=s, reason=why)
    except we.WageExemptionError:  # an input the table cannot take (not reachable from a validated case)
        why = message(f"{TAKES.id}.why_refused")
        return None, None, TAKES.finding(UNKNOWN, "table_missing", subject=s, reason=why)


@informs
def what_the_levy_takes(case: Case, ctx: Context) -> list[Finding]:
    """R6334-D2, per wage or benefit levy: the amount taken from each payment (a typed Decimal value)."""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        if levy.kind not in _PAY_KINDS or is_released(levy, ctx):
            continue
        s = levy_subject(i)
        out.append(_wages(case, ctx, s, levy) if levy.kind is _WAGES else _benefit(case, ctx, s, levy))
    return out


def _who(result: we.WageExemption) -> Message:
    if result.statement_default_applied:
        return message(f"{TAKES.id}.who_default")
    return message(f"{TAKES.id}.who_statement", status=result.filing_status, dependents=result.dependents)


def _wages(case: Case, ctx: Context, s: str, levy: Levy) -> Finding:
    rule = TAKES
    missing = [f"{s}.{n}" for n in ("take_home_pay", "pay_period") if getattr(levy, n) is None]
    if missing:
        return rule.finding(UNKNOWN, "wages_unknown", subject=s, missing=missing)
    assert levy.take_home_pay is not None and levy.pay_period is not None
    result, aged, problem = _exempt(case, ctx, s, levy, levy.pay_period)
    if problem is not None or result is None:
        assert problem is not None
        return problem
    pay = Decimal(levy.take_home_pay)
    taken = max(Decimal("0.00"), pay - result.exempt_amount)
    facts: dict[str, object] = {
        f"{s}.take_home_pay": pay,
        f"{s}.pay_period": levy.pay_period,
        f"{s}.exemption_statement_returned": levy.exemption_statement_returned,
    }
    if aged is not None:
        facts |= aged.facts
    return rule.finding(
        APPLIES,
        "wages",
        subject=s,
        also_cites=AGED_BLIND_CITES if aged is not None else (),
        facts=facts,
        params=_params(result),
        missing=aged.missing if aged is not None else (),
        aged_blind=_aged_blind_words(aged),
        value=taken,
        pay=pay,
        exempt=result.exempt_amount,
        taken=taken,
        period=construct(LabelArg, enum="pay_period", value=levy.pay_period or ""),
        year=result.year,
        who=_who(result),
    )


def _benefit(case: Case, ctx: Context, s: str, levy: Levy) -> Finding:
    rule = TAKES
    method, _ = benefit_levy_method(case, levy)
    missing = [f"{s}.benefit_amount"] if levy.benefit_amount is None else []
    missing += [f"{s}.method"] if method is None else []
    if missing:
        return rule.finding(UNKNOWN, "benefit_unknown", subject=s, missing=missing)
    assert levy.benefit_amount is not None
    amount = Decimal(levy.benefit_amount)
    facts: dict[str, object] = {f"{s}.benefit_amount": amount, f"{s}.method": method}
    exempt = payment_exempt(case, levy)
    if exempt is not False:
        # a payment § 6334(a) exempts in full is not "the whole payment minus the Pub 1494 amount" nor 15% of it
        facts[f"{s}.exempt_category"] = levy.exempt_category
        what = message(f"R6334-A.cat_{levy.exempt_category}")
        if exempt is None:
            return rule.finding(
                UNKNOWN, "a6_which_unknown", subject=s, facts=facts, missing=[f"{s}.exempt_category"], what=what
            )
        zero = Decimal("0.00")
        return rule.finding(APPLIES, "exempt_payment", subject=s, facts=facts, value=zero, amount=amount, what=what)
    if method is _FPLP:
        try:
            pct = params.use(_rate_id(case, levy), on=levy.served_date or ctx.as_of)
        except params.MissingParameter:
            return rule.finding(UNKNOWN, "before_program", subject=s, missing=[f"{s}.served_date"])
        assert isinstance(pct.value, int | Decimal)
        taken = (amount * Decimal(pct.value) / 100).quantize(Decimal("0.01"))
        return rule.finding(
            APPLIES,
            "fplp",
            subject=s,
            facts=facts,
            params=[pct],
            value=taken,
            amount=amount,
            pct=pct.value,
            taken=taken,
        )
    period = levy.pay_period or ("monthly" if levy.kind is _SOCIAL_SECURITY else None)
    if period is None:
        return rule.finding(UNKNOWN, "benefit_unknown", subject=s, facts=facts, missing=[f"{s}.pay_period"])
    result, aged, problem = _exempt(case, ctx, s, levy, period)
    if problem is not None or result is None:
        assert problem is not None
        return problem
    taken = max(Decimal("0.00"), amount - result.exempt_amount)
    return rule.finding(
        APPLIES,
        "manual",
        subject=s,
        also_cites=AGED_BLIND_CITES if aged is not None else (),
        facts=facts | aged.facts if aged is not None else facts,
        params=_params(result),
        missing=aged.missing if aged is not None else (),
        aged_blind=_aged_blind_words(aged),
        value=taken,
        amount=amount,
        exempt=result.exempt_amount,
        taken=taken,
        period=construct(LabelArg, enum="pay_period", value=period),
        year=result.year,
        who=_who(result),
    )


def _rate_id(case: Case, levy: Levy) -> str:
    """§ 6331(h)(3): 100% of payments to federal vendors and Medicare providers; 15% otherwise (a benefit, annuity or
    pay the case names is not a vendor's or provider's payment)."""
    if vendor_rate_possible(levy) and case.taxpayer.federal_contractor:
        return "fplp.vendor_levy_percent"
    if vendor_rate_possible(levy) and case.taxpayer.medicare_provider:
        return "fplp.medicare_levy_percent"
    return "fplp.levy_percent"


@informs
def exemption_statement(case: Case, ctx: Context) -> list[Finding]:
    """R6334-D3, per wage levy (and manual benefit levy): is the statement of dependents and filing status on file?"""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        if is_released(levy, ctx) or not _needs_statement(case, levy):
            continue
        s, rule = levy_subject(i), STATEMENT
        facts = {f"{s}.exemption_statement_returned": levy.exemption_statement_returned}
        if levy.exemption_statement_returned:
            out.append(rule.finding(DOES_NOT_APPLY, "returned", effect=INFO, subject=s, facts=facts))
        elif levy.exemption_statement_returned is False:
            due = _statement_due(levy)
            out.append(
                rule.finding(
                    APPLIES,
                    "not_returned" if due is None or due >= ctx.as_of else "not_returned_late",
                    subject=s,
                    facts=facts,
                    deadline_ids=["wage_levy.statement"] if due is not None else [],
                    due=due or message(f"{rule.id}.due_unknown"),
                )
            )
        else:
            out.append(
                rule.finding(UNKNOWN, "unknown", subject=s, facts=facts, missing=[f"{s}.exemption_statement_returned"])
            )
    return out


def _needs_statement(case: Case, levy: Levy) -> bool:
    if levy.kind is _WAGES:
        return True
    if levy.kind in (_SOCIAL_SECURITY, _FEDERAL_PAYMENT):
        return benefit_levy_method(case, levy)[0] is _MANUAL
    return False


def _statement_due(levy: Levy) -> date | None:
    """Notice 1439: return the statement "within 3 work days after you [the employer] receive this levy".

    The day the employer received the levy is read as the served date (unknown otherwise)."""
    if levy.served_date is None:
        return None
    days = params.number("wage_levy.statement_work_days", levy.served_date)
    return add_business_days(levy.served_date, days)


def statement_deadline(case: Case, ctx: Context) -> list[Deadline]:
    out: list[Deadline] = []
    for i, levy in enumerate(case.levies):
        if levy.exemption_statement_returned is not False or is_released(levy, ctx) or not _needs_statement(case, levy):
            continue
        due = _statement_due(levy)
        if due is None:
            continue
        assert levy.served_date is not None
        days = params.number("wage_levy.statement_work_days", levy.served_date)
        out.append(
            construct(
                Deadline,
                id="wage_levy.statement",
                title=message(f"{STATEMENT.id}.deadline_title"),
                date=due,
                days_left=(due - ctx.as_of).days,
                protects=message(f"{STATEMENT.id}.deadline_protects"),
                citations=registry.cites(STATEMENT.cites),
                computation=[
                    message(f"{STATEMENT.id}.deadline_computation", served=levy.served_date, days=days, end=due)
                ],
                subject=levy_subject(i),
                passed=due < ctx.as_of,
            )
        )
    return out


RULE_RECORDS: tuple[Rule, ...] = (REACH, TAKES, STATEMENT)
RULES: list[RuleFunc] = [levy_reach, what_the_levy_takes, exemption_statement]
DEADLINES: list[DeadlineFunc] = [statement_deadline]
