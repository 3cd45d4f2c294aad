"""Shared pieces of the letters: gaps, formatting, the Jinja environment, parties and reading the analysis.

No legal logic lives here: a letter is made when the analysis found a finding that APPLIES for its route,
and it names only those findings. A fact the letter needs and the case lacks is shown as a red
"missing" mark in the text and listed in a box at the top of the letter — never a blank that looks filled.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from levynav.core.model.analysis import Analysis as Record
from levynav.core.model.analysis import Effect, Outcome
from levynav.core.model.case import Case, Levy, RepresentativeCapacity
from levynav.explain import field_names
from levynav.explain.render import RDeadline as Deadline
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import RFinding as Finding
from levynav.explain.render import english, period_name
from levynav.explain.render import text as message_text
from levynav.lawbook import datafiles

# Findings with these effects are reasons to release a levy (the release request names them).
RELEASE_EFFECTS = {
    Effect.MUST_RELEASE,
    Effect.MAY_RELEASE,
    Effect.PARTIAL_RELEASE,
    Effect.LEVY_IMPROPER,
    Effect.NO_LEVY,
    Effect.EXEMPT,
}
RETURN_EFFECTS = {Effect.MUST_RETURN, Effect.MAY_RETURN}
WRONGFUL_RULES = {"R6343-B1", "R6343-B2"}
HEARING_RULES = {"CDP-5", "CDP-4", "EH-1"}
TAS_RULES = {"R7811-1", "TAS-1"}
LEVY_KIND = {
    "bank": "bank account levy",
    "wages": "wage levy",
    "social_security": "Social Security levy",
    "federal_payment": "federal payment levy",
    "retirement": "retirement account levy",
    "accounts_receivable": "levy on money owed to you",
    "state_tax_refund": "state tax refund levy",
    "other_property": "levy on property",
    "digital_assets": "digital asset levy",
}


# What a levy takes, as the letter to the bank, employer or agency holding it names it ("IRS levy on my …"), and
# what it asks that holder to do once the release comes. Pay and benefits are paid out again and again (a continuing
# levy, 26 U.S.C. § 6331(e), (h)); the rest is held or paid once.
HOLDER_THING = {
    "bank": "account",
    "wages": "pay",
    "social_security": "benefits",
    "federal_payment": "federal payments",
    "retirement": "retirement account",
    "accounts_receivable": "payments you owe me",
    "state_tax_refund": "state tax refund",
    "other_property": "property you hold for me",
    "digital_assets": "digital assets you hold for me",
}
# Levies on property that is not money: § 6343(b) returns the property itself, or the money the sale brought.
PROPERTY_KINDS = {"other_property", "digital_assets"}
# Where a written wrongful-levy claim goes (26 C.F.R. § 301.6343-2(b); Pub. 4528; Pub. 4235): written in by hand.
ADVISORY_OFFICE = "advisory_office.address (Publication 4235)"


@dataclass(frozen=True)
class Gap:
    """A fact a document needs that the case does not give."""

    path: str
    what: str


@dataclass
class Letter:
    id: str
    kind: str
    title: str
    send_to: str
    by: date | None
    by_what: str | None
    certified: bool
    rules: list[str]
    html: str
    missing: list[Gap] = field(default_factory=list)
    # what the letter was rendered from (its template's context): the Spanish reading copy says the same
    context: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


class GapMark(Markup):
    """The red mark a letter shows where a fact is missing: typed, so a reader (the reading copy) knows it for
    what it is without reading its HTML."""


class Facts:
    """Collects the gaps while a letter's facts are read from the case."""

    def __init__(self) -> None:
        self.missing: list[Gap] = []

    def need(self, value: Any, what: str, path: str) -> Any:
        if value is None or (isinstance(value, str | list) and not value):
            if Gap(path, what) not in self.missing:
                self.missing.append(Gap(path, what))
            return GapMark('<span class="gap">[missing: {}]</span>').format(what)
        return value

    def hand(self, what: str, path: str) -> Markup:
        """A value the person writes in by hand (the program never stores it, e.g. a full SSN)."""
        if Gap(path, what) not in self.missing:
            self.missing.append(Gap(path, what))
        return GapMark('<span class="gap">[write in: {}]</span>').format(what)


# ---------------------------------------------------------------- formatting


def money(value: Any) -> str:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if amount < 0:
        return f"\u2212${-amount:,.2f}"  # a minus sign before the dollar sign: −$465.40, never $-465.40
    return f"${amount:,.2f}"


def longdate(value: Any) -> str:
    if isinstance(value, date):
        return f"{value:%B} {value.day}, {value.year}"
    return str(value)


def long_dates(text: Any) -> str:
    """Every ISO date (2026-12-03) in a sentence written long (December 3, 2026): one date format per page."""

    def one(match: re.Match[str]) -> str:
        try:
            return longdate(date.fromisoformat(match.group(0)))
        except ValueError:
            return match.group(0)

    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", one, str(text))


def lines(value: Any) -> Markup:
    """A multi-line address (newlines or ", " separated as typed) as HTML lines."""
    if isinstance(value, Markup):
        return value
    parts = [p.strip() for p in re.split(r"\n|;", str(value)) if p.strip()]
    return Markup("<br>").join(parts)


# A leaf that says nothing alone ("Kind: bank") is named with what it belongs to ("Levy kind: bank").
_GENERIC_LEAVES = {"kind", "type", "date", "amount", "id", "name", "status", "method"}
_ITEM_NAMES = {
    "levies": "levy",
    "notices": "notice",
    "tax_periods": "tax period",
    "installment_agreements": "installment agreement",
    "offers": "offer",
    "bankruptcies": "bankruptcy",
    "hearing_requests": "hearing request",
    "payments": "payment",
    "vehicles": "vehicle",
    "income": "income",
}


def fact_label(path: str) -> str:
    """``levies[0].served_date`` → ``Served date``; ``circumstances.economic_hardship`` → ``Economic hardship``;
    ``levies[0].kind`` → ``Levy kind``; ``notices[1].type`` → ``Notice type``."""
    parts = re.sub(r"\[\d*\]", "", path).split(".")
    label = " ".join(_ACRONYMS.get(word, word) for word in parts[-1].split("_"))
    if parts[-1] in _GENERIC_LEAVES and len(parts) > 1 and parts[-2] in _ITEM_NAMES:
        label = f"{_ITEM_NAMES[parts[-2]]} {label}"
    return label[:1].upper() + label[1:]


# the words of a field name that are written in capitals (``cdp_levy_notice_on_transcript`` → CDP levy notice …)
_ACRONYMS = {w.lower(): w for w in ("IRS", "CDP", "CAP", "CSED", "SSN", "EIN", "TIN", "ITIN", "TAS", "OIC", "CAF")}


def full_stop(text: Any) -> str:
    """A sentence set between two others ends with its full stop (a computation's words may not)."""
    said = (text if isinstance(text, str) else str(text)).rstrip()  # a Markup (a gap mark) stays Markup
    return said if not said or said[-1] in ".!?" else said + "."


def cite_parts(citations: Any) -> list[str]:
    """A finding's authorities, each once, in order: a citation of the registry may join several ("11 U.S.C.
    § 362(a), (k); 26 U.S.C. § 7433(e)") and two of them may share one, which a letter names once. Split at "; "
    outside brackets and quotes only, so a parenthetical keeps its own semicolons."""
    out: list[str] = []
    for c in citations:
        text = str(getattr(c, "cite", c))
        depth, quoted, start = 0, False, 0
        parts: list[str] = []
        for k, ch in enumerate(text):
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth = max(0, depth - 1)
            elif ch == '"':
                quoted = not quoted
            elif ch in "\u201c\u201d":  # curly quotes open and close
                quoted = ch == "\u201c"
            elif ch == ";" and depth == 0 and not quoted:
                parts.append(text[start:k])
                start = k + 1
        parts.append(text[start:])
        for part in (p.strip() for p in parts):
            if part and part not in out:
                out.append(part)
    return out


def fact_value(value: Any, path: str = "") -> str:
    """A fact's value in a letter's words; the tax periods a fact lists are named as the IRS reads them
    ("Form 1040, 2021"), not by the case file's ids."""
    if path.endswith("tax_periods") and isinstance(value, (list, str)):  # a record holds the list joined: "a, b"
        named = value.split(", ") if isinstance(value, str) else [str(v) for v in value]
        return ", ".join(period_name(v, "en") for v in named if v) or "none"
    if value is None:
        return "not known"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return longdate(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return longdate(date.fromisoformat(value))
    if isinstance(value, list):
        return ", ".join(fact_value(v) for v in value) or "none"
    return str(value).replace("_", " ")


def field_path(value: object) -> str:
    """A case-file field path that wraps between its parts, never inside a word: a zero-width space after each
    dot and underscore and before each bracket (``finances.assets.real_estate[0].loan_balance``)."""
    return str(value).replace(".", ".\u200b").replace("[", "\u200b[").replace("_", "_\u200b")


def say(msg: Any) -> str:
    """A message reference of the record (an expense line's label …) in the letters' language, English."""
    return message_text(msg, "en")


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("levynav.documents", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = money
    env.filters["longdate"] = longdate
    env.filters["lines"] = lines
    env.filters["fact_label"] = fact_label
    env.filters["full_stop"] = full_stop
    env.filters["fact_value"] = fact_value
    env.filters["cite_parts"] = cite_parts
    env.filters["heading"] = ground_heading
    env.filters["long_dates"] = long_dates
    env.filters["field_path"] = field_path
    env.filters["field_words"] = field_names.words_of_list  # a case field in the page's words (never its path)
    env.filters["say"] = say
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@functools.cache
def ground_headings() -> dict[str, str]:
    """Rule id → the formal heading of that ground in a letter (``data/documents/grounds.yaml``)."""
    data: dict[str, str] = datafiles.load_yaml("documents/grounds.yaml")
    return data


def ground_heading(finding: Finding) -> str:
    """The heading of a ground in an outgoing letter: formal words, never the taxpayer-facing title."""
    heading = ground_headings().get(finding.rule)
    if heading is None:
        cites = "; ".join(c.cite for c in finding.citations)
        return f"Ground under {cites}" if cites else "Ground"
    return heading


@functools.cache
def checklist() -> dict[str, Any]:
    data: dict[str, Any] = datafiles.load_yaml("documents/checklist.yaml")
    return data


# ---------------------------------------------------------------- reading the analysis


def applying(analysis: Record | Analysis) -> list[Finding]:
    analysis = english(analysis)
    return [f for f in analysis.findings if f.outcome is Outcome.APPLIES]


def levy_index(subject: str | None) -> int | None:
    match = re.fullmatch(r"levies\[(\d+)\]", subject or "")
    return int(match.group(1)) if match else None


def grounds_for_levy(analysis: Analysis, i: int, effects: set[Effect]) -> list[Finding]:
    """Applying findings with one of `effects` that concern levies[i].

    A finding about the levy itself wins over a case-level finding of the same rule: if the rule said
    something specific about this levy (e.g. "the offer does not reach a levy made before it"), a general
    finding of that rule (about the offer) is not a ground for this levy.
    """
    subject = f"levies[{i}]"
    specific = {f.rule for f in analysis.findings if f.subject == subject}
    out = []
    for f in applying(analysis):
        if f.effect not in effects:
            continue
        if f.subject == subject or (levy_index(f.subject) is None and f.rule not in specific):
            out.append(f)
    return out


def deadline_for(analysis: Analysis, findings: list[Finding], subject: str | None = None) -> Deadline | None:
    """The earliest deadline, not yet passed, that the findings point to (for `subject` or the whole case)."""
    ids = {i for f in findings for i in f.deadline_ids}
    subjects = {f.subject for f in findings} | {subject, None}
    hits = [d for d in analysis.deadlines if d.id in ids and not d.passed and d.subject in subjects]
    return min(hits, key=lambda d: d.date, default=None)


def deadline_by_id(analysis: Analysis, did: str, subject: str | None) -> Deadline | None:
    hits = [d for d in analysis.deadlines if d.id == did and d.subject == subject and not d.passed]
    return hits[0] if hits else None


def enclosures(rules: list[str], extra: list[str] | None = None) -> list[str]:
    items = list(extra or [])
    for rule in rules:
        entry = checklist().get(rule, {})
        for item in entry.get("enclose") or entry.get("items", []):
            if item not in items:
                items.append(item)
    return items


# ---------------------------------------------------------------- parties


def sender(case: Case, facts: Facts) -> dict[str, Any]:
    """Who signs: the representative under a Form 2848 if the case names one, otherwise the taxpayer."""
    tp = case.taxpayer
    rep = case.representative
    taxpayer = {
        "name": facts.need(tp.name, "your name", "taxpayer.name"),
        "address": facts.need(tp.address, "your mailing address", "taxpayer.address"),
        "phone": facts.need(tp.phone, "your phone number", "taxpayer.phone"),
        "tin": (
            Markup("{} ({})").format(
                f"ending in {tp.tin_last4}", facts.hand("your full SSN or EIN", "taxpayer.tin (full number)")
            )
            if tp.tin_last4
            else facts.hand("your full SSN or EIN", "taxpayer.tin (full number)")
        ),
        "business": tp.kind.value == "business",
    }
    if tp.date_of_death is not None:
        return _fiduciary_sender(case, facts, taxpayer, tp.date_of_death)
    if rep is None or not rep.name:
        return {
            "rep": None,
            "taxpayer": taxpayer,
            "signer": taxpayer["name"],
            "address": taxpayer["address"],
            "phone": taxpayer["phone"],
        }
    if rep.form_2848_on_file is True:
        poa = "A Form 2848 power of attorney for me is on file with the IRS."
    elif rep.form_2848_on_file is False:
        poa = "My signed Form 2848 power of attorney is enclosed."
    else:
        poa = facts.need(None, "whether your Form 2848 is on file with the IRS", "representative.form_2848_on_file")
    representative = {
        "fiduciary": False,
        "name": rep.name,
        "caf": facts.need(rep.caf_number, "the representative's CAF number", "representative.caf_number"),
        "address": facts.need(rep.address, "the representative's address", "representative.address"),
        "phone": facts.need(rep.phone, "the representative's phone", "representative.phone"),
        "poa": poa,
    }
    return {
        "rep": representative,
        "taxpayer": taxpayer,
        "signer": rep.name,
        "address": representative["address"],
        "phone": representative["phone"],
    }


def _fiduciary_sender(case: Case, facts: Facts, taxpayer: dict[str, Any], died: date) -> dict[str, Any]:
    """Who signs for a taxpayer who has died: the fiduciary (executor or administrator), who "shall assume the powers,
    rights, duties, and privileges" of the decedent once the IRS has notice (26 U.S.C. § 6903(a); DEC-1). A power of
    attorney the decedent signed is not that authority, so without a fiduciary named the signer is asked for."""
    rep = case.representative
    fid = rep if rep is not None and rep.capacity is RepresentativeCapacity.FIDUCIARY else None
    name = facts.need(
        fid.name if fid is not None else None,
        "the name of the executor or administrator who signs for the estate",
        "representative.name",
    )
    if fid is not None and fid.form_56_filed is True:
        notice = "My Form 56, Notice Concerning Fiduciary Relationship, is on file with the IRS."
    else:
        notice = (
            "My Form 56, Notice Concerning Fiduciary Relationship, and a copy of the court's letters appointing me "
            "are enclosed."
        )
    fiduciary = {
        "name": name,
        "fiduciary": True,
        "died": died,
        "notice": notice,
        "form_56_on_file": fid is not None and fid.form_56_filed is True,  # the reading copy says the same in its words
        "address": facts.need(
            fid.address if fid else None, "the executor's or administrator's address", "representative.address"
        ),
        "phone": facts.need(
            fid.phone if fid else None, "the executor's or administrator's phone", "representative.phone"
        ),
    }
    return {
        "rep": fiduciary,
        "taxpayer": taxpayer,
        "signer": name,
        "role": Markup("personal representative (executor or administrator) of the Estate of {}, deceased").format(
            taxpayer["name"]
        ),
        "address": fiduciary["address"],
        "phone": fiduciary["phone"],
    }


def irs_office(case: Case, facts: Facts, periods: list[str] | None = None) -> dict[str, Any]:
    """The IRS office to write to: the address (and phone) printed on the latest notice about these periods."""
    notices = [n for n in case.notices if not periods or not n.tax_periods or set(n.tax_periods) & set(periods)]
    dated = sorted(notices, key=lambda n: n.mailing_date or n.notice_date or date.min)
    with_address = [n for n in dated if n.address]
    phones = [n.phone for n in dated if n.phone]
    address = with_address[-1].address if with_address else None
    return {
        "address": facts.need(
            address, "the IRS address printed on your levy notice or latest IRS notice", "notices[].address"
        ),
        "phone": phones[-1] if phones else None,
    }


def levy_facts(case: Case, i: int, facts: Facts) -> dict[str, Any]:
    lv: Levy = case.levies[i]
    p = f"levies[{i}]"
    return {
        "subject": p,
        "index": i,
        "id": lv.id,
        "kind": LEVY_KIND.get(lv.kind.value, lv.kind.value),
        "is_bank": lv.kind.value == "bank",
        # what the levy took is money (a deposit, pay, a payment due), not a thing to be given back as it is
        "is_money": lv.kind.value not in PROPERTY_KINDS,
        "thing": HOLDER_THING.get(lv.kind.value, "property"),
        "is_pay": lv.kind.value in {"wages", "social_security", "federal_payment"},
        "holder": facts.need(lv.holder, "the name of the bank, employer or agency that got the levy", f"{p}.holder"),
        "holder_known": bool(lv.holder),
        "served": facts.need(lv.served_date, "the date the levy was served", f"{p}.served_date"),
        "amount": lv.amount,
        "taken": lv.amount_taken,
        "monthly": lv.monthly_amount,
        "periods": ", ".join(periods_label(case, lv.tax_periods)) or None,
        "proceeds_sent": lv.proceeds_sent,
        "proceeds_sent_date": lv.proceeds_sent_date,
        "description": lv.property_description,
        "levy": lv,
    }


def periods_label(case: Case, ids: list[str]) -> list[str]:
    by_id = {p.id: p for p in case.tax_periods}
    out = []
    for pid in ids or [p.id for p in case.tax_periods]:
        p = by_id.get(pid)
        out.append(f"Form {p.form}, {p.period}" if p and p.form and p.period else pid)
    return out


def common(case: Case, analysis: Analysis, facts: Facts, periods: list[str] | None = None) -> dict[str, Any]:
    return {
        "as_of": analysis.as_of,
        "who": sender(case, facts),
        "irs": irs_office(case, facts, periods),
        "periods": ", ".join(periods_label(case, periods or [])),
        "disclaimer": analysis.disclaimer,
    }
