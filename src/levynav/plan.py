"""From findings and deadlines to what the person does: the plan, the open questions, the history.

Wording comes from ``data/plan/*.yaml`` (one step per rule id) and ``data/questions/*.yaml`` (one
prompt per fact path); this module only chooses, orders and dates.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from levynav import datafiles
from levynav.law.rule import Context, humanize
from levynav.model.analysis import Deadline, Effect, Finding, Outcome, Question, Resource, Step, TimelineEvent
from levynav.model.case import Case, Owner, TaxpayerKind

IRS_PHONE = "IRS: 1-800-829-1040 (individuals) or 1-800-829-4933 (businesses), or the number on your notice"
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


@functools.cache
def step_texts() -> dict[str, Any]:
    return datafiles.merged_mapping("plan")


@functools.cache
def question_texts() -> dict[str, Any]:
    return datafiles.merged_mapping("questions")


def _contact(case: Case) -> str:
    phones = [n.phone for n in case.notices if n.phone]
    if phones:
        return f"IRS at {phones[-1]} (the number on your notice); or 1-800-829-1040"
    if case.taxpayer.kind.value == "business":
        return "IRS: 1-800-829-4933 (businesses), or the number on your notice"
    return IRS_PHONE


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
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class _Draft:
    """A step before ordering, with what the ordering reads (tier, weight, route)."""

    def __init__(self, step: Step, tier: str, weight: int, route: tuple[str, str] | None, declared: bool) -> None:
        self.step, self.tier, self.weight, self.route = step, tier, weight, route
        self.declared = declared  # the plan file says which steps are one (``route``): one explanation is kept


def steps(case: Case, findings: list[Finding], deadlines: list[Deadline], ctx: Context) -> list[Step]:
    texts = step_texts()
    open_deadlines = [d for d in deadlines if not d.passed]
    # by id and subject: linear in the number of levies, not quadratic (issue 9, 1,000 levies)
    open_by_id: dict[tuple[str, str | None], list[Deadline]] = defaultdict(list)
    for d in open_deadlines:
        open_by_id[(d.id, d.subject)].append(d)
        open_by_id[(d.id, "*")].append(d)
    chosen: dict[str, list[Finding]] = {}
    for f in findings:
        if f.outcome is not Outcome.APPLIES or f.effect not in ACTION_EFFECTS or f.rule not in texts:
            continue
        chosen.setdefault(f.rule, []).append(f)
    drafts: list[_Draft] = []
    for rule, group in chosen.items():
        t, lead = step_text(for_taxpayer(texts[rule], case), group)
        dated = [d for g in group for i in g.deadline_ids for d in _subject_deadlines(open_by_id, i, g.subject)]
        by = min((d.date for d in dated), default=None)
        about = _about(case, group)
        step = Step(
            order=0,
            when=_when(t.get("when", "this_week"), by, ctx.as_of),
            title=t["title"],
            action=t["action"].strip() + about,
            why=lead.explanation,
            by_date=by,
            contact=_contact(case) if t.get("contact") == "irs" else t.get("contact"),
            form=t.get("form"),
            have_ready=_unique(t.get("have_ready", [])),
            rules=[rule],
        )
        weight = max((EFFECT_WEIGHT.get(g.effect, 0) for g in group if g.effect), default=0)
        tier = t.get("tier") or min((EFFECT_TIER.get(g.effect, "help") for g in group if g.effect), key=TIERS.index)
        drafts.append(_Draft(step, tier, weight, _route_key(step, t.get("route")), bool(t.get("route"))))
    drafts += [_Draft(s, "pay", 0, _route_key(s, None), False) for s in _finance_steps(case, ctx)]
    tiers = _tier_order(case, ctx)
    drafts.sort(key=lambda d: (tiers.index(d.tier), RANK[d.step.when], -d.weight, d.step.by_date or date.max))
    merged = _merge_same_route(drafts)
    return [s.model_copy(update={"order": i + 1, "when": w}) for i, (s, w) in enumerate(_monotone_when(merged))]


SUBJECT = re.compile(r"^(?:proceedings\.)?(\w+)\[(\d+)\]$")


def _about(case: Case, group: list[Finding]) -> str:
    """What the step is about, in words (the levy on the named bank, the LT11 of a date); never a fact path."""
    words: list[str] = []
    for subject in sorted({g.subject for g in group if g.subject}):
        said = _subject_words(case, subject)
        if said and said not in words:
            words.append(said)
    return f" (about {' and '.join(words)})" if words else ""


def _subject_words(case: Case, subject: str) -> str | None:
    match = SUBJECT.match(subject)
    if not match:
        return None
    kind, i = match.group(1), int(match.group(2))
    if kind == "levies" and i < len(case.levies):
        lv = case.levies[i]
        if lv.holder:
            return f"the levy on {lv.holder}"
        return f"the levy ({KIND_WORDS.get(lv.kind.value, lv.kind.value)})"
    if kind == "notices" and i < len(case.notices):
        n = case.notices[i]
        when = n.notice_date or n.mailing_date
        return f"the {n.type.value} notice" + (f" of {humanize(when)}" if when else "")
    fixed = {
        "installment_agreements": "your installment agreement request",
        "offers": "your offer in compromise",
        "bankruptcies": "your bankruptcy case",
        "hearing_requests": "your hearing request",
        "innocent_spouse_claims": "your innocent-spouse claim",
    }
    return fixed.get(kind)


def step_text(text: dict[str, Any], group: list[Finding]) -> tuple[dict[str, Any], Finding]:
    """The step's wording for the situation found: the first ``variants`` entry (in file order) whose key is
    the message key of one of the findings, filled with that finding's values; else the plain step."""
    for key, variant in (text.get("variants") or {}).items():
        lead = next((f for f in group if f.message_key == key), None)
        if lead is None:
            continue
        merged = {k: v for k, v in text.items() if k != "variants"} | dict(variant)
        args = lead.message_args
        for name in ("title", "action", "form"):
            if isinstance(merged.get(name), str):
                merged[name] = PLACEHOLDER.sub(lambda m: args[m.group(1)], merged[name])  # noqa: B023
        return merged, lead
    return text, group[0]


def _unique(items: list[str]) -> list[str]:
    """Each 'have ready' item once (the same words, whatever their case or spacing)."""
    seen: set[str] = set()
    out = []
    for item in items:
        norm = " ".join(item.split()).casefold()
        if norm not in seen:
            seen.add(norm)
            out.append(item)
    return out


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
    third_party = bool(case.levies) and all(lv.owner is Owner.THIRD_PARTY for lv in case.levies)
    if paid or bankrupt or third_party:
        return ("stop", "pay", "ask", "help", "hearing", "later")
    return TIERS


def _monotone_when(ordered: list[Step]) -> list[tuple[Step, str]]:
    """A step is at least as urgent as any step after it (if step 3 is for today, steps 1 and 2 are too)."""
    out: list[tuple[Step, str]] = []
    urgent = "later"
    for s in reversed(ordered):
        urgent = min(urgent, s.when, key=RANK.__getitem__)
        out.append((s, urgent))
    return list(reversed(out))


PAYMENT_PLANS = ("guaranteed_installment_agreement", "simple_payment_plan", "non_streamlined_installment_agreement")


def for_taxpayer(text: dict[str, Any], case: Case) -> dict[str, Any]:
    """A step's text for this taxpayer: a business gets the step's ``business`` wording where it has one (no
    "rent, food, medicine" for a company)."""
    variant = text.get("business") if case.taxpayer.kind is TaxpayerKind.BUSINESS else None
    return {**text, **variant} if isinstance(variant, dict) else text


def _finance_steps(case: Case, ctx: Context) -> list[Step]:
    """A payment-plan or not-collectible step when the ability-to-pay figures support one."""
    options = (ctx.finances or {}).get("options") or {}
    if not options.get("available") or case.installment_agreements:
        return []
    by_name = {o["option"]: o for o in options["options"]}
    disposable = (ctx.finances or {}).get("disposable_income")
    texts = datafiles.load_yaml("finance_steps.yaml")
    trust_fund = by_name.get("in_business_trust_fund_express")
    if trust_fund and trust_fund["eligibility"] == "eligible":  # no financial statement needed (IRM 5.14.7.4)
        return [_finance_step(case, texts["in_business_trust_fund_express"], trust_fund, disposable)]
    cnc = by_name.get("currently_not_collectible")
    if cnc and cnc["eligibility"] == "eligible":
        return [_finance_step(case, texts["currently_not_collectible"], cnc, disposable)]
    room = Decimal(disposable) if disposable is not None else None
    for wanted in ("eligible", "unknown"):  # eligible first; within each, the order of PAYMENT_PLANS
        for name in PAYMENT_PLANS:
            option = by_name.get(name)
            if not option or option["eligibility"] != wanted or not option["monthly_payment"]:
                continue
            if room is not None and Decimal(option["monthly_payment"]) <= room:
                offer = by_name.get("offer_in_compromise")
                owed = Decimal(options["balance"])
                return [_finance_step(case, texts["payment_plan"], option, disposable, offer, owed)]
    return []


def _finance_step(
    case: Case,
    text: dict[str, Any],
    option: dict[str, Any],
    disposable: str | None,
    offer: dict[str, Any] | None = None,
    owed: Decimal | None = None,
) -> Step:
    values = {
        "option": option["title"].lower(),
        "payment": _money(Decimal(option["monthly_payment"])) if option.get("monthly_payment") else "an amount",
        "disposable": _money(Decimal(disposable)) if disposable is not None else "an unknown amount",
    }
    reasons = "; ".join(option["reasons"][:2])
    extra = ""
    if (option.get("figures") or {}).get("partial_payment") == "yes":
        extra += (
            " At this amount the debt would not be paid before the collection statute date: it would be a "
            "partial-payment agreement, which the IRS reviews at least every two years."
        )
    lowest = ((offer or {}).get("figures") or {}).get("minimum_offer_lump_sum")
    if offer and offer["eligibility"] != "not_eligible" and lowest and owed and Decimal(lowest) < owed:
        bound = (offer.get("figures") or {}).get("equity_is_a_lower_bound") == "yes"
        about = "at least" if bound else "about"
        extra += (
            f" An offer in compromise may settle the debt for less: by the IRS's own arithmetic the lowest "
            f"offer would be {about} ${Decimal(lowest):,.2f} paid within five months (Form 656 and Form 433-A (OIC))"
            + ("; the value of some assets is not known yet." if bound else ".")
        )
    return Step(
        order=0,
        when=text["when"],
        title=text["title"],
        action=" ".join(text["action"].split()).format(**values) + extra,
        why=reasons or "The IRS's own figures for your household support this.",
        contact=_contact(case),
        form=text["form"],
        have_ready=list(text["have_ready"]),
        rules=[f"finances.{option['option']}"],
    )


def _money(amount: Decimal) -> str:
    """$1,234.50, and a shortfall as -$465.40 (never "$-465.40")."""
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"


def _route_key(step: Step, route: str | None) -> tuple[str, str] | None:
    """Two steps that take the same route are one step: the plan file's ``route`` when given (e.g. the release
    call for an installment agreement), else the form they send to the same place (two reasons for Form 911)."""
    if route:
        return (route, "")
    match = re.search(r"Form (\w[\w-]*)", step.form or "")
    return (match.group(1), step.contact or "") if match else None


def _merge_same_route(ordered: list[_Draft]) -> list[Step]:
    merged: list[Step] = []
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
        merged[index[key]] = kept.model_copy(
            update={
                "why": kept.why if step.why == kept.why or draft.declared else f"{kept.why} {step.why}",
                "rules": kept.rules + [r for r in step.rules if r not in kept.rules],
                "have_ready": _unique(kept.have_ready + step.have_ready),
                "by_date": min(dates) if dates else None,
                "when": min(kept.when, step.when, key=RANK.__getitem__),
            }
        )
    return merged


def _subject_deadlines(
    by_id: dict[tuple[str, str | None], list[Deadline]], deadline_id: str, subject: str | None
) -> list[Deadline]:
    """The open deadlines with that id on the finding's subject (``_same_subject``), found by index."""
    if subject is None:
        return by_id.get((deadline_id, "*"), [])
    return by_id.get((deadline_id, None), []) + by_id.get((deadline_id, subject), [])


def _same_subject(deadline: Deadline, finding: Finding) -> bool:
    """A deadline belongs to a finding's step when it is about the same levy or notice (or about the case)."""
    return deadline.subject is None or finding.subject is None or deadline.subject == finding.subject


def _pattern(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def questions(findings: list[Finding]) -> list[Question]:
    decides: dict[str, set[str]] = defaultdict(set)
    weight: dict[str, int] = defaultdict(int)
    for f in findings:
        if f.outcome is not Outcome.UNKNOWN:
            continue
        importance = EFFECT_WEIGHT.get(f.effect, 3) if f.effect else 3
        for path in f.missing:
            decides[path].add(f.rule)
            weight[path] += importance
    texts = question_texts()
    out = [
        Question(
            path=path,
            prompt=texts.get(_pattern(path), _default_prompt(path)),
            decides=sorted(decides[path]),
            weight=weight[path],
        )
        for path in decides
    ]
    out.sort(key=lambda q: (-q.weight, q.path))
    return out


def _default_prompt(path: str) -> str:
    last = _pattern(path).split(".")[-1].replace("[]", "").replace("_", " ")
    return f"What is the {last}? ({path})"


def history(case: Case) -> list[TimelineEvent]:
    events: list[TimelineEvent] = []
    for n in case.notices:
        when = n.mailing_date or n.notice_date
        if when is not None:
            note = f"mailed {n.mailing_date.isoformat()}" if n.mailing_date and n.notice_date else None
            events.append(TimelineEvent(date=n.notice_date or when, event=f"Notice {n.type.value}", note=note))
    for lv in case.levies:
        if lv.served_date:
            served = TimelineEvent(
                date=lv.served_date,
                event=f"Levy served{_on(lv.holder)} ({KIND_WORDS.get(lv.kind.value, lv.kind.value)})",
                note=_since_notices(case, lv.served_date),
            )
            events.append(served)
        if lv.proceeds_sent_date:
            events.append(
                TimelineEvent(date=lv.proceeds_sent_date, event=f"Levied money sent to the IRS{_by(lv.holder)}")
            )
        if lv.released_date:
            events.append(TimelineEvent(date=lv.released_date, event=f"Levy released{_on(lv.holder)}"))
    for ia in case.installment_agreements:
        for name in ("requested_date", "entered_date", "rejected_date", "terminated_date"):
            d = getattr(ia, name)
            if d:
                events.append(TimelineEvent(date=d, event=f"Installment agreement {name.removesuffix('_date')}"))
    for o in case.offers:
        for name in ("submitted_date", "pending_date", "rejected_date", "accepted_date", "withdrawn_date"):
            d = getattr(o, name)
            if d:
                events.append(TimelineEvent(date=d, event=f"Offer in compromise {name.removesuffix('_date')}"))
    for b in case.proceedings.bankruptcies:
        events.append(TimelineEvent(date=b.petition_date, event="Bankruptcy petition filed"))
    for h in case.proceedings.hearing_requests:
        events.append(TimelineEvent(date=h.request_date, event=f"Hearing requested ({h.kind.value})"))
    events.sort(key=lambda e: e.date)
    return events


KIND_WORDS = {
    "bank": "bank account",
    "wages": "wages",
    "social_security": "Social Security",
    "federal_payment": "federal payment",
    "retirement": "retirement account",
    "accounts_receivable": "accounts receivable",
    "state_tax_refund": "state tax refund",
    "other_property": "property",
    "digital_assets": "digital assets",
}


def _on(holder: str | None) -> str:
    return f" on {holder}" if holder else ""


def _by(holder: str | None) -> str:
    return f" by {holder}" if holder else ""


def _since_notices(case: Case, served: date) -> str | None:
    """How long after the last notices the levy came (the timing that decides premature-levy questions)."""
    parts = []
    for n in sorted(case.notices, key=lambda n: n.mailing_date or n.notice_date or date.min):
        sent = n.mailing_date or n.notice_date
        if sent is not None and sent <= served and n.type.value not in {"668-A", "668-W"}:
            parts.append(f"{(served - sent).days} days after the {n.type.value}")
    return "; ".join(parts[-2:]) if parts else "no earlier notice is recorded"


def resources(case: Case, findings: list[Finding]) -> list[Resource]:
    out = [
        Resource(
            id="tas",
            name="Taxpayer Advocate Service",
            how="Call 1-877-777-4778 or send Form 911 to your local TAS office; free",
            why="TAS can step in when a levy causes hardship or the IRS does not respond.",
        ),
        Resource(
            id="litc",
            name="Low Income Taxpayer Clinics",
            how="IRS Publication 4134 lists clinics; free or nominal fee",
            why="Clinics represent people with income at or below 250% of the poverty level.",
        ),
        Resource(
            id="tbor",
            name="Taxpayer Bill of Rights",
            how="IRS Publication 1",
            why="You have the right to challenge the IRS's position, to appeal, and to finality.",
        ),
    ]
    if case.taxpayer.kind.value == "business":
        out = [r for r in out if r.id != "litc"]
    return out


# A ground that binds the IRS only once it determines the ground exists (Finding.condition "irs_determination"):
# the headline says what the person can ask for and what the IRS must do if it agrees.
CONDITIONED_HEADLINE = {
    Effect.MUST_RELEASE: "You can ask for release — the IRS must release the levy once it agrees that: ",
}


def summary(findings: list[Finding], deadlines: list[Deadline]) -> list[str]:
    lines = []
    applies = [f for f in findings if f.outcome is Outcome.APPLIES and f.effect in ACTION_EFFECTS]
    for effect in (
        Effect.MUST_RELEASE,
        Effect.NO_LEVY,
        Effect.LEVY_IMPROPER,
        Effect.MUST_RETURN,
        Effect.MAY_RELEASE,
    ):
        hits = sorted({f.title for f in applies if f.effect is effect and f.condition is None})
        if hits:
            lines.append(f"{effect.value.replace('_', ' ').capitalize()}: " + "; ".join(hits))
        asked = sorted({f.title for f in applies if f.effect is effect and f.condition == "irs_determination"})
        if asked and effect in CONDITIONED_HEADLINE:
            lines.append(CONDITIONED_HEADLINE[effect] + "; ".join(t[:1].lower() + t[1:] for t in asked))
    upcoming = [d for d in deadlines if not d.passed]
    if upcoming:
        d = upcoming[0]
        lines.append(f"Next deadline: {d.title} — {d.date.isoformat()} ({d.days_left} days left)")
    if not lines:
        lines.append("No release ground was found on the facts given; see the open questions.")
    return lines


def notes(findings: list[Finding], ctx: Context) -> list[str]:
    out = []
    unverified = sorted({f.rule for f in findings if f.status_note})
    if unverified:
        out.append("These findings rest in part on sources not verified against primary law: " + ", ".join(unverified))
    stated = sorted(c.period_id for c in ctx.csed.values() if c.basis == "stated")
    if stated:
        out.append(
            "Collection statute dates taken as stated in the case, not computed (no assessment date given): "
            + ", ".join(stated)
        )
    out += [f"Finances: {n}" for n in (ctx.finances or {}).get("notes", [])]
    out += [f"Payment options: {n}" for n in ((ctx.finances or {}).get("options") or {}).get("notes", [])]
    return out
