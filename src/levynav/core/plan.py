"""From findings and deadlines to what the person does: the plan, the open questions, the history.

Behaviour (when, tier, route, form ids) comes from ``data/plan/*.yaml`` (one step per rule id); this module
only chooses, orders and dates. It writes no words: a step refers to its text (``plan.RULE`` with the
variant chosen), to the findings that call for it and to what it is about; ``levynav.explain`` renders them.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from levynav.core import lawdata
from levynav.core.law.levy_facts import paid_over
from levynav.core.law.rule import Context
from levynav.core.model.ability_to_pay import Eligibility, OptionResult
from levynav.core.model.analysis import (
    Deadline,
    Effect,
    Finding,
    Message,
    Note,
    Outcome,
    Question,
    Resource,
    Step,
    SummaryItem,
    TimelineEvent,
    message,
)
from levynav.core.model.case import Case, Owner, TaxpayerKind
from levynav.core.model.construct import builder
from levynav.core.model.message import message_of, shell

FORM_ID = re.compile(r"\bForm (\w[\w-]*)")
ACTION_EFFECTS = {
    Effect.MUST_RELEASE,
    Effect.MAY_RELEASE,
    Effect.PARTIAL_RELEASE,
    Effect.MUST_RETURN,
    Effect.MAY_RETURN,
    Effect.NO_LEVY,
    Effect.LEVY_IMPROPER,
    Effect.EXEMPT,
    Effect.ROUTE_OPEN,
}
RANK = {"today": 0, "this_week": 1, "later": 2}
EFFECT_WEIGHT = {
    Effect.MUST_RELEASE: 10,
    Effect.MUST_RETURN: 8,
    Effect.NO_LEVY: 8,
    Effect.LEVY_IMPROPER: 7,
    Effect.PARTIAL_RELEASE: 6,
    Effect.EXEMPT: 6,
    Effect.MAY_RELEASE: 5,
    Effect.MAY_RETURN: 4,
    Effect.ROUTE_OPEN: 4,
}


def _contact(case: Case) -> Message:
    for n in reversed(case.notices):  # the phone number of the last notice that gives one
        if n.phone:
            return _words(lawdata.kept("plan.words"), "contact.irs_notice", "phone", n.phone)
    if case.taxpayer.kind is _BUSINESS:
        return message("contact.irs_business")
    return message("contact.irs")


def _when(base: str, by: date | None, as_of: date) -> str:
    if by is not None:
        left = (by - as_of).days
        if left <= 3:
            return "today"
        if left <= 10:
            return "this_week"
    return base


# The plan's ranking, strongest open route first (issue 8, "The plan"). Each step has a tier: from its
# plan file (``tier:``), else from the strongest effect of its findings. Within a tier: urgency, then the
# effect's weight, then the earliest date. New rules slot in by data: give their step a ``tier`` when the
# effect alone does not place it.
#   stop    - the law stops or undoes the levy now: must release, no levy (a pending offer/agreement, a
#             timely hearing, the bankruptcy stay), a levy that broke the rules, exempt property, the
#             owner's wrongful-levy claim, the bank's hold
#   pay     - the payment option the finances show the IRS would accept (agreement, not collectible)
#   ask     - grounds the IRS may grant (discretionary release or return, partial release)
#   hearing - hearings and appeals whose window is open
#   help    - help routes (Taxpayer Advocate, clinics, the Collection Appeals Program)
#   later   - after the above fails, or later in time (suits, re-contributions, bank-fee claims)
TIERS = ("stop", "pay", "ask", "hearing", "help", "later")
TIER_INDEX = {tier: i for i, tier in enumerate(TIERS)}
EFFECT_TIER = {
    Effect.MUST_RELEASE: "stop",
    Effect.MUST_RETURN: "stop",
    Effect.NO_LEVY: "stop",
    Effect.LEVY_IMPROPER: "stop",
    Effect.EXEMPT: "stop",
    Effect.PARTIAL_RELEASE: "ask",
    Effect.MAY_RELEASE: "ask",
    Effect.MAY_RETURN: "ask",
    Effect.ROUTE_OPEN: "help",
}

# The records this module makes, built by their light classes' builders (ADR 0014: a shell filled slot by slot, no
# validation of values already typed; ``model/construct.builder``). Keyword arguments as the class's fields.
# A step is drafted as a shell of ``Step`` (``message.shell``: its slots, no frozen ``__setattr__``), merged in place
# and made the ``Step`` when numbered (``steps``): no dict of its fields, no builder call with a dozen of them.
_STEP = shell(Step)
_message = builder(Message)
_question = builder(Question)
_event = builder(TimelineEvent)
_resource = builder(Resource)
_summary_item = builder(SummaryItem)
_note = builder(Note)
# An enumeration's member read from its class (``Outcome.APPLIES``) is a slow attribute lookup in Python 3.11 (about
# thirty times a local name's); the loops over every finding compare against these instead.
_APPLIES = Outcome.APPLIES
_UNKNOWN = Outcome.UNKNOWN
_ROUTE_CLOSED = Effect.ROUTE_CLOSED
_MUST_RELEASE = Effect.MUST_RELEASE
# A finding that, applying without a condition, already requires the levy it is about to be released: the release is
# due (§ 6343(a)(1)), the levy is barred (a stay, § 6331(k), § 6330(e)) or was not lawfully made; an UNKNOWN ground
# that could only release the same levy adds no step (``steps``).
_FREES = frozenset({Effect.MUST_RELEASE, Effect.NO_LEVY, Effect.LEVY_IMPROPER})
_BUSINESS = TaxpayerKind.BUSINESS
_THIRD_PARTY = Owner.THIRD_PARTY


class _Draft:
    """A step before ordering and merging: ``step``, a ``Step`` shell (``_STEP``) with every field but ``order``
    (merging adds to its lists in place), with what the ordering reads (``rank``: tier, urgency, weight, date) and the
    route. The shell becomes the ``Step``, numbered, at the end (``steps``): nothing is copied to renumber or merge
    it."""

    __slots__ = ("declared", "rank", "route", "step")

    def __init__(
        self, step: Any, rank: tuple[int, int, int, date], route: tuple[str, str] | None, declared: bool
    ) -> None:
        self.step, self.rank, self.route = step, rank, route
        self.declared = declared  # the plan file says which steps are one (``route``): one explanation is kept


class _Text:
    """What ``steps`` reads of a step's plan text in one situation (the plain step, or a ``variants`` entry merged over
    it), read once per Law bundle (``_plan_index``) instead of from the text's dict for every step of every analysis.
    ``key``: the text's catalog key; ``forms``: its form ids (``forms``, else the ids named in ``form``)."""

    __slots__ = (
        "by_deadline",
        "form_filed",
        "forms",
        "irs",
        "key",
        "message",
        "official",
        "recipient",
        "route",
        "tier",
        "when",
    )

    def __init__(self, text: dict[str, Any], key: str) -> None:
        self.key = key
        self.when: str = text.get("when", "this_week")
        forms = text.get("forms")
        self.forms = tuple(forms) if isinstance(forms, list) else tuple(FORM_ID.findall(str(text.get("form") or "")))
        by_deadline = text.get("forms_by_deadline")
        self.by_deadline: dict[str, Any] | None = by_deadline if isinstance(by_deadline, dict) else None
        self.recipient = text.get("contact")
        self.irs = self.recipient == "irs"
        self.form_filed = bool(text.get("form_filed"))
        self.tier: str | None = text.get("tier") or None
        self.route: str | None = text.get("route") or None
        self.official = _official(self.forms)
        # the step's text when it has no values (the plain step): one message per Law bundle, shared (it is frozen)
        self.message = message_of(key, {})


class _RuleText:
    """A rule's step texts for one kind of taxpayer (``for_taxpayer``): the plain text and the ``variants``, in file
    order (``_situation`` picks the first whose key is a message key of the findings), also by key."""

    __slots__ = ("by_key", "plain", "variants")

    def __init__(self, plain: _Text, variants: list[tuple[str, _Text]]) -> None:
        self.plain, self.variants, self.by_key = plain, variants, dict(variants)


class _PlanIndex:
    """The plan texts of a Law bundle as ``steps`` reads them: by (rule, business taxpayer), and for each rule the
    situations whose UNKNOWN finding still calls for the step (``on_unknown``, read from the plain text's variants)."""

    __slots__ = ("on_unknown", "texts")

    def __init__(self, texts: dict[str, Any]) -> None:
        self.texts: dict[tuple[str, bool], _RuleText] = {}
        self.on_unknown: dict[str, frozenset[str]] = {}
        for rule, text in texts.items():
            variants = text.get("variants") or {}
            self.on_unknown[rule] = frozenset(k for k, v in variants.items() if (v or {}).get("on_unknown"))
            for business in (False, True):
                self.texts[(rule, business)] = _rule_text(for_taxpayer(text, business), rule, business)


def _rule_text(text: dict[str, Any], rule: str, business: bool) -> _RuleText:
    """A rule's texts for a taxpayer: the plain step (``plan.RULE``, ``plan.RULE.business`` when the text has a
    ``business`` wording) and each variant's fields merged over the plain text's (``….variants.KEY``)."""
    base = f"plan.{rule}" + (".business" if business and isinstance(text.get("business"), dict) else "")
    variants = text.get("variants") or {}
    plain = {k: v for k, v in text.items() if k != "variants"}
    merged = [(key, _Text(plain | dict(variant), f"{base}.variants.{key}")) for key, variant in variants.items()]
    return _RuleText(_Text(text, base), merged)


def _plan_index() -> _PlanIndex:
    return lawdata.derived("plan.index", lambda law: _PlanIndex(law.tables["plan"]))


def steps(case: Case, findings: list[Finding], deadlines: list[Deadline], ctx: Context) -> list[Step]:
    index = _plan_index()
    on_unknown = index.on_unknown
    # one pass over the findings: those that apply (a step each rule), and the unknown ones that may still call for one
    chosen: dict[str, list[Finding]] = {}
    unknown: list[Finding] = []
    freed: set[str] = set()  # the levies whose release is already due without a condition (``_FREES``)
    for f in findings:
        outcome = f.outcome
        if outcome is _APPLIES:
            if f.effect in ACTION_EFFECTS and f.rule in on_unknown:
                chosen.setdefault(f.rule, []).append(f)
            if f.effect in _FREES and f.condition is None and f.subject:
                freed.add(f.subject)
        elif outcome is _UNKNOWN and f.effect in ACTION_EFFECTS and f.rule in on_unknown:
            unknown.append(f)
    # An UNKNOWN finding where two readings of the law differ, or a fact is not yet known, still gives a step, when the
    # rule's plan text has a situation for it marked ``on_unknown`` (and no situation of the same rule already
    # applies) — but not one that could only free a levy (``MUST_RELEASE``) whose release another ground already
    # requires without a condition: the person asks once, on the ground shown (audit 2026-12-07, round 6).
    if unknown:
        applied = set(chosen)
        for f in unknown:
            if f.rule in applied or f.message_key not in on_unknown[f.rule]:
                continue
            if f.effect is _MUST_RELEASE and f.subject in freed:
                continue
            chosen.setdefault(f.rule, []).append(f)
    finance = _finance_steps(case, ctx)
    if not chosen and not finance:
        return []
    tiers = _tier_order(case, ctx)
    contact: list[Message] = []  # the IRS contact, made once (a light record is frozen: steps may share it)
    drafts: list[_Draft] = []
    if chosen:
        business = case.taxpayer.kind is _BUSINESS
        said: dict[str, Message | None] = {}  # what a subject is, said once for the steps about it (shared, frozen)
        # by id and subject: linear in the number of levies, not quadratic (issue 9, 1,000 levies)
        open_by_id: dict[tuple[str, str | None], list[Deadline]] = defaultdict(list)
        as_of = ctx.as_of
        for d in deadlines:
            # a deadline whose ordinary date passed but whose other reading has not (a date postponed by §§ 7508,
            # 7508A) is still open: its step is due by that other date (``open_until``), not by a later step's
            if d.open_until is not None:
                open_by_id[(d.id, d.subject)].append(d)
                open_by_id[(d.id, "*")].append(d)
        texts_of = index.texts
        for rule, group in chosen.items():
            texts = texts_of[(rule, business)]
            t, lead = _situation(texts, group)
            by: date | None = None  # the earliest open deadline of the findings
            for g in group:
                for did in g.deadline_ids:
                    for d in _subject_deadlines(open_by_id, did, g.subject):
                        day = d.open_until
                        if day is not None and (by is None or day < by):
                            by = day
            forms = t.forms if t.by_deadline is None else _reopened_forms(t.by_deadline, group, deadlines, as_of)
            if t.irs and not contact:
                contact.append(_contact(case))
            when = _when(t.when, by, as_of)
            step_contact = contact[0] if t.irs else None
            step = _STEP()  # every field but ``order`` (numbered at the end)
            step.when = when
            # a variant's text has the lead finding's values; the plain step's has none (made once, ``_Text``)
            step.text = t.message if t is texts.plain else _message(key=t.key, args=lead.message.args)
            step.why = [lead.message]
            step.about = _about(case, group, said)
            step.extra = []
            step.merged = []
            step.by_date = by
            step.contact = step_contact
            step.forms = [*forms]
            step.form_filed = t.form_filed
            step.rules = [rule]
            # the findings' strongest effect: its weight, and its tier (the first, by TIERS)
            weight, strongest = 0, None
            for g in group:
                if g.effect:
                    weight = max(weight, EFFECT_WEIGHT.get(g.effect, 0))
                    tier_of = EFFECT_TIER.get(g.effect, "help")
                    if strongest is None or TIER_INDEX[tier_of] < TIER_INDEX[strongest]:
                        strongest = tier_of
            tier = t.tier or strongest
            official = t.official if t.by_deadline is None else _official(forms)
            route = _route_key(t.route, official, step_contact, t.recipient)
            rank = (tiers.index(tier), RANK[when], -weight, by or date.max)
            drafts.append(_Draft(step, rank, route, t.route is not None))
    for step in finance:
        step.contact = contact[0] if contact else _contact(case)
        rank = (tiers.index("pay"), RANK[step.when], 0, date.max)
        drafts.append(_Draft(step, rank, _route_key(None, _official(step.forms), step.contact, "irs"), False))
    if len(drafts) > 1:
        drafts.sort(key=_rank)
    merged = _merge_same_route(drafts)
    # a step is at least as urgent as any step after it (if step 3 is for today, steps 1 and 2 are)
    urgent = "later"
    for step in reversed(merged):
        when = step.when
        if RANK[when] < RANK[urgent]:
            urgent = when
        step.when = urgent
    for i, step in enumerate(merged, 1):
        step.order = i
        step.__class__ = Step  # the shell's slots are the Step's: nothing is copied
    return merged


def _rank(draft: _Draft) -> tuple[int, int, int, date]:
    return draft.rank


def _situation(texts: _RuleText, group: list[Finding]) -> tuple[_Text, Finding]:
    """The step's text for the situation found: the first ``variants`` entry (in file order) whose key is the message
    key of one of the findings, led by the first such finding (its values fill the text); else the plain step."""
    if not texts.variants:
        return texts.plain, group[0]
    if len(group) == 1:  # one finding: its own situation, if the text has one
        lead = group[0]
        return texts.by_key.get(lead.message_key) or texts.plain, lead  # type: ignore[arg-type]
    first: dict[str | None, Finding] = {}  # the first finding of each situation
    for f in group:
        first.setdefault(f.message_key, f)
    for key, text in texts.variants:
        lead = first.get(key)  # type: ignore[assignment]
        if lead is not None:
            return text, lead
    return texts.plain, group[0]


OPEN_ENDED = frozenset({("PP-7508", "still_serving_passed")})  # (rule, situation)


def _reopened_forms(
    by_deadline: dict[str, Any], group: list[Finding], deadlines: list[Deadline], as_of: date
) -> list[str]:
    """The form ids of the routes a postponement reopened (PP-7508A, PP-7508 ``reopens``): for each of the findings'
    deadlines whose ordinary date has passed and whose postponed date (``alternative_date``) has not, the ids its
    plan text maps the deadline to (``forms_by_deadline``: the paper the ordinary step for that route sends)."""
    ids = {i for g in group for i in g.deadline_ids}
    # a combat-zone service with no last day yet (PP-7508 ``still_serving_passed``): the passed deadlines it names have
    # not run out while the person serves, though no postponed date can be counted yet
    open_ended = any((g.rule, g.message_key) in OPEN_ENDED for g in group)
    out: list[str] = []
    for d in deadlines:
        reopened = d.passed and (
            (d.alternative_date is not None and d.alternative_date >= as_of)
            or (open_ended and d.alternative_date is None)
        )
        if d.id in ids and reopened:
            out += [str(f) for f in by_deadline.get(d.id) or [] if str(f) not in out]
    return out


SUBJECT = re.compile(r"^(?:proceedings\.)?(\w+)\[(\d+)\]$")


def _about(case: Case, group: list[Finding], said: dict[str, Message | None]) -> list[Message]:
    """What the step is about (the levy on the named bank, the LT11 of a date); never a fact path. ``said``: the
    words of each subject already said in this plan (steps about the same levy share them: a message is frozen)."""
    if len(group) == 1:  # most steps: one finding, about one thing or the whole case
        subject = group[0].subject
        if not subject:
            return []
        words = said[subject] if subject in said else said.setdefault(subject, _subject_words(case, subject))
        return [] if words is None else [words]
    out: list[Message] = []
    subjects = {g.subject for g in group if g.subject}
    for subject in sorted(subjects) if len(subjects) > 1 else subjects:
        words = said[subject] if subject in said else said.setdefault(subject, _subject_words(case, subject))
        if words is not None and words not in out:
            out.append(words)
    return out


def _subject_words(case: Case, subject: str) -> Message | None:
    match = SUBJECT.match(subject)
    if not match:
        return None
    kind, i = match.group(1), int(match.group(2))
    known = lawdata.kept("plan.words")  # the words of a levy or notice, once per Law bundle and values (shared)
    if kind == "levies" and i < len(case.levies):
        lv = case.levies[i]
        if lv.holder:
            return _words(known, "subject.levy_on", "holder", lv.holder)
        return _words(known, "subject.levy_kind", "kind", lv.kind)
    if kind == "notices" and i < len(case.notices):
        n = case.notices[i]
        when = n.notice_date or n.mailing_date
        if when:
            return _words(known, "subject.notice_of", "notice", n.type._value_, date=when)
        return _words(known, "subject.notice", "notice", n.type._value_)
    if kind in {"installment_agreements", "offers", "bankruptcies", "hearing_requests", "innocent_spouse_claims"}:
        return message(f"subject.{kind}")
    return None


def _tier_order(case: Case, ctx: Context) -> tuple[str, ...]:
    """Hearings come after the help routes when a hearing cannot be the person's route: the balance is paid,
    a bankruptcy stay is open (the stay, not a hearing, stops collection), or every levied account belongs to
    someone else (the owner's remedy is a wrongful-levy claim, not the taxpayer's hearing)."""
    paid = case.circumstances.liability_paid is True
    bankrupt = any(
        b.petition_date <= ctx.as_of
        and not any(d is not None and d <= ctx.as_of for d in (b.discharge_date, b.dismissal_date, b.closed_date))
        for b in case.proceedings.bankruptcies
    )
    third_party = bool(case.levies) and all(lv.owner is _THIRD_PARTY for lv in case.levies)
    if paid or bankrupt or third_party:
        return ("stop", "pay", "ask", "help", "hearing", "later")
    return TIERS


PAYMENT_PLANS = ("guaranteed_installment_agreement", "simple_payment_plan", "non_streamlined_installment_agreement")


def for_taxpayer(text: dict[str, Any], business: bool) -> dict[str, Any]:
    """A step's text for a taxpayer: a business gets the step's ``business`` wording where it has one (no
    "rent, food, medicine" for a company)."""
    variant = text.get("business") if business else None
    return {**text, **variant} if isinstance(variant, dict) else text


def _finance_steps(case: Case, ctx: Context) -> list[Any]:
    """A payment-plan or not-collectible step (a ``Step`` shell, drafted as ``steps`` drafts one) when the
    ability-to-pay figures support one (``steps`` gives it the IRS contact)."""
    options = ctx.finances.options if ctx.finances is not None else None
    if options is None or not options.available or case.installment_agreements:
        return []
    by_name: dict[str, OptionResult] = {o.option: o for o in options.options}  # an ``Option`` is its name (StrEnum)
    disposable = ctx.finances.disposable_income if ctx.finances is not None else None
    texts = lawdata.table("finance_steps.yaml")
    trust_fund = by_name.get("in_business_trust_fund_express")
    if trust_fund and trust_fund.eligibility is Eligibility.ELIGIBLE:  # no financial statement needed (IRM 5.14.7.4)
        return [_finance_step(case, texts["in_business_trust_fund_express"], trust_fund, disposable)]
    cnc = by_name.get("currently_not_collectible")
    if cnc and cnc.eligibility is Eligibility.ELIGIBLE:
        return [_finance_step(case, texts["currently_not_collectible"], cnc, disposable)]
    for wanted in (Eligibility.ELIGIBLE, Eligibility.UNKNOWN):  # eligible first; within each, PAYMENT_PLANS order
        for name in PAYMENT_PLANS:
            option = by_name.get(name)
            if not option or option.eligibility is not wanted or not option.monthly_payment:
                continue
            if disposable is not None and option.monthly_payment <= disposable:
                offer = by_name.get("offer_in_compromise")
                payment_plan = texts["payment_plan"]
                return [_finance_step(case, payment_plan, option, disposable, offer, options.balance)]
    return []


def _finance_step(
    case: Case,
    text: dict[str, Any],
    option: OptionResult,
    disposable: Decimal | None,
    offer: OptionResult | None = None,
    owed: Decimal | None = None,
) -> Any:
    name = option.option.value
    key = next(k for k, v in lawdata.table("finance_steps.yaml").items() if v is text)
    values: dict[str, Any] = {
        "option": message(f"label.option.{name}"),
        "payment": option.monthly_payment if option.monthly_payment else None,
        "disposable": disposable,
    }
    extra: list[Message] = []
    years = option.figures.get("review_interval_years")  # § 6159(d), the parameter the option weighed
    if option.figures.get("partial_payment") is True and isinstance(years, int):
        extra.append(message("finance.partial_payment", years=years))
    lowest = offer.figures.get("minimum_offer_lump_sum") if offer else None
    if offer and offer.eligibility is not Eligibility.NOT_ELIGIBLE and lowest and owed and Decimal(str(lowest)) < owed:
        bound = offer.figures.get("equity_is_a_lower_bound") is True
        extra.append(message("finance.offer_at_least" if bound else "finance.offer_about", amount=Decimal(str(lowest))))
    step = _STEP()  # every field but ``order``, as ``steps`` drafts a step
    step.when = text["when"]
    step.text = message(f"finance.{key}", **{k: v for k, v in values.items() if v is not None})
    step.why = [message("finance.why", option=values["option"])]
    step.about = []
    step.extra = extra
    step.merged = []
    step.by_date = None
    step.contact = None  # the IRS contact (``steps``)
    step.forms = FORM_ID.findall(str(text.get("form") or ""))
    step.form_filed = False
    step.rules = [f"finances.{name}"]
    return step


def _route_key(
    route: str | None, official: str | None, contact: Message | None, recipient: Any = None
) -> tuple[str, str] | None:
    """Two steps that take the same route are one step: the plan file's ``route`` when given (e.g. the release
    call for an installment agreement), else the form they send (``official``) to the same recipient (two reasons
    for Form 911). Ids only: the form id and the contact's key."""
    if route:
        return (route, "")
    if official is None:
        return None
    return (official, contact.key if contact else str(recipient or ""))


def _official(forms: Any) -> str | None:
    """The first IRS form number of a step's forms (not a letter or a claim)."""
    return next((f for f in forms if f[:1].isdigit()), None)


def _merge_same_route(ordered: list[_Draft]) -> list[Any]:
    """The steps (shells), a step that takes the route of an earlier one merged into it (its fields changed in
    place: each draft's lists are its own)."""
    merged: list[Any] = []
    index: dict[tuple[str, str], int] = {}
    for draft in ordered:
        step, key = draft.step, draft.route
        if key is None or key not in index:
            if key is not None:
                index[key] = len(merged)
            merged.append(step)
            continue
        kept = merged[index[key]]
        dates = [d for d in (kept.by_date, step.by_date) if d is not None]
        if not draft.declared:
            kept.why += [w for w in step.why if w not in kept.why]
        kept.rules += [r for r in step.rules if r not in kept.rules]
        kept.merged += [step.text, *step.merged]
        kept.by_date = min(dates) if dates else None
        kept.when = min(kept.when, step.when, key=RANK.__getitem__)
    return merged


def _subject_deadlines(
    by_id: dict[tuple[str, str | None], list[Deadline]], deadline_id: str, subject: str | None
) -> list[Deadline]:
    """The open deadlines with that id that belong to a finding's step, found by index: a deadline is the step's when it
    is about the same levy or notice, or about the case, or the finding is about the case (``"*"``: every one)."""
    if subject is None:
        return by_id.get((deadline_id, "*"), [])
    return by_id.get((deadline_id, None), []) + by_id.get((deadline_id, subject), [])


def questions(findings: list[Finding], problems: dict[str, Message] | None = None) -> list[Question]:
    """The missing facts of the unknown findings, the most weighty first: a fact's weight is the sum of the weights of
    the effects it would decide (3 for a finding without an action effect). A closed route that names a missing fact
    (one that would reopen it, e.g. a timely request not yet known) is asked too. A fact the case gives but that
    cannot be used as given (``problems``: a county name that is two places) is asked with why."""
    weights: dict[str, int] = {}  # path -> its weight
    decides: dict[str, list[str]] = {}  # path -> the rules it decides (each once; most paths decide one)
    for f in findings:
        if f.outcome is not _UNKNOWN and f.effect is not _ROUTE_CLOSED:
            continue
        missing = f.missing
        if not missing:
            continue
        effect = f.effect
        importance = EFFECT_WEIGHT.get(effect, 3) if effect else 3
        rule = f.rule
        for path in missing:
            rules = decides.get(path)
            if rules is None:
                weights[path] = importance
                decides[path] = [rule]
            else:
                weights[path] += importance
                if rule not in rules:
                    rules.append(rule)
    # A question is the same for the same path, weight and rules, and the same few recur from case to case (about
    # two hundred over a thousand generated cases): made once per Law bundle and values, and shared (a question is
    # frozen), as ``lawdata.kept`` keeps values (bounded).
    known = lawdata.kept("plan.questions")
    # heaviest first, then by path: the paths sorted, then stably by weight (``reverse`` keeps ties in path order).
    # Two sorts of plain strings and of ints take the interpreter's fast comparisons; (-weight, path) pairs did not.
    out: list[Question] = []
    for path in sorted(sorted(weights), key=weights.__getitem__, reverse=True):
        rules = decides[path]
        if len(rules) > 1:
            rules.sort()  # this call's own list
        weight = weights[path]
        why = problems.get(path) if problems else None
        if why is not None:  # rare, and its words are the case's own: made for this case, not kept
            out.append(_question(path=path, decides=rules, weight=weight, why=why))
            continue
        key = (path, weight, *rules)
        question = known.get(key)
        if question is None:
            question = known[key] = _question(path=path, decides=rules, weight=weight)
        out.append(question)
    return out


def history(case: Case, as_of: date) -> list[TimelineEvent]:
    """The case's dated events, oldest first. A payment date after ``as_of`` is said as scheduled, not as sent: it is
    not yet a fact (``levy_facts.paid_over``)."""
    events: list[TimelineEvent] = []
    # The events' words depend on a few values each (a notice's type, a mailing date, a levy's holder and kind): said
    # once per Law bundle and value, and shared (a message is frozen), as ``lawdata.kept`` keeps values (bounded).
    known = lawdata.kept("plan.history")
    for n in case.notices:
        mailed, dated = n.mailing_date, n.notice_date
        if mailed is not None or dated is not None:
            note = _words(known, "history.mailed", "date", mailed) if mailed and dated else None
            what = _words(known, "history.notice", "notice", n.type._value_)
            events.append(_event(date=dated or mailed, kind="notice", event=what, note=note))
    notices = _sent_notices(case) if case.levies else []
    for lv in case.levies:
        holder = lv.holder
        if lv.served_date:
            event = (
                _words(known, "history.levy_served_on", "holder", holder, kind=lv.kind)
                if holder
                else _words(known, "history.levy_served", "kind", lv.kind)
            )
            since = _since_notices(known, notices, lv.served_date)
            events.append(_event(date=lv.served_date, kind="levy_served", event=event, note=since))
        if lv.proceeds_sent_date:
            key = "history.proceeds_sent" if paid_over(lv, as_of) else "history.proceeds_scheduled"
            sent = _words(known, f"{key}_by", "holder", holder) if holder else message(key)
            events.append(_event(date=lv.proceeds_sent_date, kind="proceeds_sent", event=sent))
        if lv.released_date:
            freed = (
                _words(known, "history.levy_released_on", "holder", holder)
                if holder
                else message("history.levy_released")
            )
            events.append(_event(date=lv.released_date, kind="levy_released", event=freed))
    for ia in case.installment_agreements:
        for name, key in _AGREEMENT_DATES:
            d = getattr(ia, name)
            if d:
                events.append(_event(date=d, kind="agreement", event=message(key)))
    for o in case.offers:
        for name, key in _OFFER_DATES:
            d = getattr(o, name)
            if d:
                events.append(_event(date=d, kind="offer", event=message(key)))
    for b in case.proceedings.bankruptcies:
        events.append(_event(date=b.petition_date, kind="bankruptcy", event=message("history.bankruptcy")))
    for h in case.proceedings.hearing_requests:
        what = _words(known, "history.hearing", "hearing", h.kind)
        events.append(_event(date=h.request_date, kind="hearing", event=what))
    events.sort(key=_DATE_OF)
    return events


# an event's date field and its message key, for the records whose dates are events
_AGREEMENT_DATES = tuple(
    (name, f"history.agreement_{name.removesuffix('_date')}")
    for name in ("requested_date", "entered_date", "rejected_date", "terminated_date", "withdrawn_date")
)
_OFFER_DATES = tuple(
    (name, f"history.offer_{name.removesuffix('_date')}")
    for name in ("submitted_date", "pending_date", "rejected_date", "accepted_date", "returned_date", "withdrawn_date")
)
_DATE_OF = operator.attrgetter("date")


def _words(known: dict[Any, Any], key: str, name: str, value: Any, **more: Any) -> Message:
    """``message(key, name=value, **more)``, made once per Law bundle and values (``known``: ``lawdata.kept``)."""
    wanted = (key, value, *more.values())
    hit = known.get(wanted)
    if hit is None:
        hit = known[wanted] = message(key, **{name: value}, **more)
    return hit


def _sent_notices(case: Case) -> list[tuple[date, str]]:
    """The notices a levy's timing is told against (not the levy forms), as (date sent, type), earliest first: read
    once per history, not again for each levy."""
    sent = [(n.mailing_date or n.notice_date, n.type._value_) for n in case.notices]
    dated = [(day, kind) for day, kind in sent if day is not None and kind not in {"668-A", "668-W"}]
    return sorted(dated, key=_first)


def _first(pair: tuple[date, str]) -> date:
    return pair[0]


def _since_notices(known: dict[Any, Any], sent: list[tuple[date, str]], served: date) -> Message:
    """How long after the last notices (``_sent_notices``) the levy came (the timing that decides premature-levy
    questions); made once per Law bundle and the two last notices' (days, type) (``known``: ``lawdata.kept``)."""
    # the notices sent on or before the service date are a prefix of ``sent`` (earliest first): found by bisection,
    # not a pass over every notice for every levy
    end = bisect.bisect_right(sent, served, key=_first)
    if not end:
        return message("history.no_notice_before")
    before = [((served - day).days, kind) for day, kind in sent[max(0, end - 2) : end]]
    # the last two notices are said; the earlier ones are not worded at all
    last = ("history.since", *before[-2:])
    hit = known.get(last)
    if hit is None:
        parts = [message("history.days_after", days=days, notice=notice) for days, notice in before[-2:]]
        hit = known[last] = message("history.since", parts=parts)
    return hit


def resources(case: Case, findings: list[Finding]) -> list[Resource]:
    if case.taxpayer.kind is _BUSINESS:  # no low-income clinic for a company
        return [_TAS, _TBOR]
    return [_TAS, _LITC, _TBOR]


# a resource is its id (its words come from the catalog): the same frozen record in every analysis
_TAS, _LITC, _TBOR = (_resource(id=i) for i in ("tas", "litc", "tbor"))


SUMMARY_EFFECTS = (Effect.MUST_RELEASE, Effect.NO_LEVY, Effect.LEVY_IMPROPER, Effect.MUST_RETURN, Effect.MAY_RELEASE)
# A ground that binds the IRS only once it determines the ground exists (Finding.condition "irs_determination"):
# the headline says what the person can ask for and what the IRS must do if it agrees ("ask").
CONDITIONED_HEADLINE = {Effect.MUST_RELEASE}


def summary(findings: list[Finding], deadlines: list[Deadline]) -> list[SummaryItem]:
    lines: list[SummaryItem] = []
    plain: dict[Effect, set[str]] = {}  # the rules that apply with each headline effect, as found
    asked: dict[Effect, set[str]] = {}  # ... once the IRS determines the ground exists ("irs_determination")
    for f in findings:
        if f.outcome is _APPLIES and f.effect in ACTION_EFFECTS:
            if f.condition is None:
                plain.setdefault(f.effect, set()).add(f.rule)
            elif f.condition == "irs_determination":
                asked.setdefault(f.effect, set()).add(f.rule)
    for effect in SUMMARY_EFFECTS:
        if effect in plain:
            lines.append(_summary_item(kind="effect", effect=effect, rules=sorted(plain[effect])))
        if effect in asked and effect in CONDITIONED_HEADLINE:
            lines.append(_summary_item(kind="ask", effect=effect, rules=sorted(asked[effect])))
    # the nearest day a deadline can still be met (``open_until``): a date passed but still open counts by its
    # postponed day; among equal days, the first in the deadlines' order
    upcoming = [(day, d) for d in deadlines if (day := d.open_until) is not None]
    if upcoming:
        day, d = min(upcoming, key=lambda u: u[0])
        left = d.days_left + (day - d.date).days  # days_left is counted to ``date``
        lines.append(_summary_item(kind="next_deadline", deadline=d.id, subject=d.subject, date=day, days_left=left))
    if not lines:
        lines.append(_summary_item(kind="none"))
    return lines


def notes(findings: list[Finding], ctx: Context) -> list[Note]:
    out = []
    # a note of rule or period ids is the same for the same ids: made once per Law bundle and ids, and shared (a
    # note is frozen), as ``lawdata.kept`` keeps values (bounded)
    known = lawdata.kept("plan.notes")
    unverified = tuple(sorted({f.rule for f in findings if f.unverified}))
    if unverified:
        note = known.get(("unverified", unverified))
        if note is None:
            said = message("note.unverified", rules=list(unverified))
            note = known[("unverified", unverified)] = _note(kind="unverified", message=said)
        out.append(note)
    stated = tuple(sorted(c.period_id for c in ctx.csed.values() if c.basis == "stated"))
    if stated:
        note = known.get(("csed_stated", stated))
        if note is None:
            said = message("note.csed_stated", periods=list(stated))
            note = known[("csed_stated", stated)] = _note(kind="csed_stated", message=said)
        out.append(note)
    # the ability-to-pay calculation's own notes (message references, ``finances.*``), each as the note's clause
    fin = ctx.finances
    out += [_note(kind="finances", message=message("note.finances", text=n)) for n in (fin.notes if fin else [])]
    options = fin.options.notes if fin is not None and fin.options is not None else []
    out += [_note(kind="options", message=message("note.options", text=n)) for n in options]
    return out
