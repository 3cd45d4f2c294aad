"""Render a language-free Analysis in a language: every sentence a person reads is made here.

``render(analysis, lang) -> Rendered``: the same items as the record, each with its words. The text and HTML
views, the packet's taxpayer pages and the letters (always English) read this; nothing reads it to decide.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from levynav.core.model.ability_to_pay import AbilityToPay
from levynav.core.model.analysis import (
    Analysis,
    Arg,
    Citation,
    DateArg,
    Deadline,
    Effect,
    FieldArg,
    Finding,
    LabelArg,
    ListArg,
    Message,
    MessageArg,
    MoneyArg,
    NumberArg,
    Outcome,
    SentencesArg,
    Step,
    TextArg,
)
from levynav.core.model.case import NoticeType
from levynav.explain import catalog, field_names, format

PLACEHOLDER = re.compile(r"\{(\w+)(?::[^{}]*)?\}")


def label(enum: str, value: str, lang: str) -> str:
    if enum == "rule_lower":  # a rule named inside a sentence: its title, lower-case first
        return _lower_first(title(value, lang))
    labels = catalog.messages(lang).get("label") or {}
    got = (labels.get(enum) or {}).get(value)
    return str(got) if got is not None else value.replace("_", " ")


def ui(key: str, lang: str, **args: Any) -> str:
    """A page word or phrase (section headings, column names): ``ui.KEY``."""
    return fill(catalog.template(f"ui.{key}", lang), {k: _value(v, lang) for k, v in args.items()})


# a tax period's case-file id as the intake makes it: "1040-2021", "941-2025Q3", "1120-202406", "tax-2021-06"
_PERIOD_ID = re.compile(
    r"(?:(?P<form>[0-9][0-9A-Za-z]*(?:-[A-Za-z]{1,3})?|tax|TFRP)-)?(?P<year>(?:19|20)\d\d)"
    r"(?:-?Q(?P<quarter>[1-4])|-?(?P<month>0[1-9]|1[0-2]))?"
)


def period_name(value: str, lang: str) -> str:
    """A tax period named as a person reads it, from its case-file id: "1040-2021" is "Form 1040, 2021" /
    "Formulario 1040, 2021", "941-2025Q3" "Form 941, third quarter of 2025", "1120-202406" "Form 1120, period
    ending June 2024", a transcript's "tax-2021-06" "tax period ending June 2021". An id of another shape is a
    name the person gave the period in the case and is said as given."""
    m = _PERIOD_ID.fullmatch(value.strip())
    if m is None:
        return value
    form, year, quarter, month = m.group("form"), m.group("year"), m.group("quarter"), m.group("month")
    if form is None and (quarter or month):
        form = "tax"
    if form in _PENALTY:  # the trust fund recovery penalty (§ 6672), assessed by quarter: no form of its own
        when = ui(f"period_when_quarter_{quarter}", lang, year=TextArg(value=year)) if quarter else year
        return ui("period_penalty", lang, when=TextArg(value=when))
    if month is not None:
        when = format_month(int(year), int(month), lang)
        key = "period_tax_month" if form == "tax" else "period_month"
        return ui(key, lang, form=TextArg(value=form or ""), month=TextArg(value=when))
    if form is None:  # a bare year is read as it is ("2021")
        return value
    if form == "tax":
        return ui("period_tax_year", lang, year=TextArg(value=year))
    key = f"period_quarter_{quarter}" if quarter else "period_year"
    return ui(key, lang, form=TextArg(value=form), year=TextArg(value=year))


_PENALTY = frozenset({"TFRP"})


def format_month(year: int, month: int, lang: str) -> str:
    return format.month(dt.date(year, month, 1), lang)


def join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = catalog.template("ui.and", lang)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def say(template: str, lang: str, **args: Any) -> str:
    """A sentence from a template string (not a catalog key) in a language, its values formatted per locale."""
    return fill(template, {k: _value(v, lang) for k, v in args.items()})


def _value(a: Arg | Any, lang: str) -> Any:
    if isinstance(a, DateArg):
        return format.date(a.value, lang)
    if isinstance(a, MoneyArg):
        return format.money(a.value, lang)
    if isinstance(a, NumberArg):
        return format.Count(a.value, lang)
    if isinstance(a, LabelArg):  # a notice's type as a label is named as one given as text (with its forms)
        return notice_name(a.value, lang) if a.enum == "NoticeType" else label(a.enum, a.value, lang)
    if isinstance(a, MessageArg):
        return text(a.value, lang)
    if isinstance(a, ListArg):
        return join([str(_value(x, lang)) for x in a.value], lang)
    if isinstance(a, SentencesArg):
        return " ".join(text(m, lang) for m in a.value)
    if isinstance(a, TextArg):
        return notice_name(a.value, lang)
    if isinstance(a, FieldArg):
        return field_names.words(a.value, lang)
    if isinstance(a, dt.date):
        return format.date(a, lang)
    if isinstance(a, Decimal):
        return format.money(a, lang)
    if isinstance(a, int):
        return format.Count(a, lang)
    return notice_name(str(a), lang)


_NOTICE_TYPES = frozenset(t.value for t in NoticeType)


class NoticeName(str):
    """A value named inside a sentence: as it is with ``{notice}`` ("Carta 1058", "CP504"), or with its determiner
    with ``{notice:el}``, the language's words for that kind of notice (``notice_phrase`` in
    data/messages/<lang>/page.yaml): in Spanish a letter is "la Carta 1058", a CP or LT number "el aviso CP504". The
    catalog says it whole, so no sentence is rewritten once made."""

    forms: dict[str, str]

    def __new__(cls, said: str, forms: dict[str, str]) -> NoticeName:
        made = super().__new__(cls, said)
        made.forms = forms
        return made

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        form = self.forms.get(spec)
        if form is None:
            raise ValueError(f"no notice_phrase form {spec!r} for {str(self)!r}")
        return form.replace("{name}", str(self))


def notice_name(value: str, lang: str) -> NoticeName:
    """A notice's type named inside a sentence ("your {notice}") in a language: the IRS's own number (CP504, LT11)
    as printed, a letter in the language's word for it (``label.NoticeType``: "Letter 1058" is "Carta 1058" in
    Spanish, as the web's choices say). Any other value is named as it is. Either way with the language's forms
    with a determiner (``NoticeName``); a value the catalog does not class as a letter takes the forms of a notice.
    Nothing is kept by the value: every text a case gives (a county, a holder's name) passes here, and a long-lived
    server must not hold a person's words, nor grow with them (the forms are kept by language and kind)."""
    said = label("NoticeType", value, lang) if value in _NOTICE_TYPES and lang != "en" else value
    return NoticeName(said, _notice_forms(lang, _notice_kind(lang, value)))


def _notice_kind(lang: str, value: str) -> str:
    table = catalog.messages(lang).get("notice_phrase") or {}
    return str((table.get("kind") or {}).get(value, "notice"))


@functools.cache
def _notice_forms(lang: str, kind: str) -> dict[str, str]:
    table = catalog.messages(lang).get("notice_phrase") or {}
    return {str(k): str(v) for k, v in ((table.get("forms") or {}).get(kind) or {}).items()}


_PERIOD_ARGS = frozenset({"period", "periods", "running"})  # "running": the periods whose statute still runs


class PeriodNames(str):
    """Tax periods named inside a sentence: as they are with ``{period}`` ("Formulario 1040, 2021"), or each with
    its determiner with ``{period:del}`` ("del Formulario 1040, 2021 y del Formulario 1040, 2022"), the forms of
    ``notice_phrase`` for the kind of period (``period``: a form's period, which takes "el"; ``penalty``: the trust
    fund recovery penalty, "la multa …"; ``period_given``: a name the person gave, said without one). A Spanish
    sentence read "el plazo de cobro de Formulario 1040, 2021" with no article."""

    items: list[tuple[str, dict[str, str]]]

    def __new__(cls, items: list[tuple[str, dict[str, str]]], lang: str) -> PeriodNames:
        made = super().__new__(cls, join([said for said, _ in items], lang))
        made.items = items
        made.lang = lang
        return made

    lang: str

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        said = []
        for name, forms in self.items:
            form = forms.get(spec)
            if form is None:
                raise ValueError(f"no notice_phrase form {spec!r} for the period {name!r}")
            said.append(form.replace("{name}", name))
        return join(said, self.lang)


def _period_kind(value: str) -> str:
    m = _PERIOD_ID.fullmatch(value.strip())
    if m is None or not (m.group("form") or m.group("quarter") or m.group("month")):
        return "period_given"  # a name the person gave the period, or a bare year: said as given
    return "penalty" if m.group("form") in _PENALTY else "period"


def _period_item(value: str, lang: str) -> tuple[str, dict[str, str]]:
    return period_name(value, lang), _notice_forms(lang, _period_kind(value))


def _period_message(m: Message, lang: str) -> tuple[str, dict[str, str]]:
    """A period said with a fact of its own ("Formulario 1040, 2012 (el plazo de cobro venció el …)"): the sentence,
    with the determiners of its period."""
    period = m.args.get("period")
    kind = _period_kind(period.value) if isinstance(period, TextArg) else "period_given"
    return text(m, lang), _notice_forms(lang, kind)


def _arg_value(name: str, a: Arg | Any, lang: str) -> Any:
    """A message's value in a language; a tax period given as text (``{period}``, ``{periods}``) is named as a
    person reads it, never by its case-file id (a pay period is a label and is not touched), with the determiners
    of a tax period (``PeriodNames``)."""
    if name in _PERIOD_ARGS:
        if isinstance(a, TextArg):
            return PeriodNames([_period_item(a.value, lang)], lang)
        if isinstance(a, str):
            return PeriodNames([_period_item(a, lang)], lang)
        if isinstance(a, ListArg) and all(isinstance(x, TextArg) for x in a.value):
            return PeriodNames([_period_item(x.value, lang) for x in a.value if isinstance(x, TextArg)], lang)
        if isinstance(a, ListArg) and all(isinstance(x, MessageArg) for x in a.value):
            return PeriodNames([_period_message(x.value, lang) for x in a.value if isinstance(x, MessageArg)], lang)
        # any other value: as it is, and with the determiners of a name given as it is ("de …")
        return PeriodNames([(str(_value(a, lang)), _notice_forms(lang, "period_given"))], lang)
    return _value(a, lang)


class _Args(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


def fill(template: str, values: dict[str, Any]) -> str:
    return " ".join(string.Formatter().vformat(str(template).strip(), (), _Args(values)).split())


def text(msg: Message, lang: str, **extra: Any) -> str:
    """The sentence of a message reference in a language. A rule's message not yet translated gives the rule's
    title in that language and says the detailed explanation is in English (never English words mixed in)."""
    values = {k: _arg_value(k, v, lang) for k, v in msg.args.items()} | extra
    try:
        template = catalog.template(msg.key, lang)
    except catalog.MessageMissing:
        rule = msg.key.partition(".")[0]
        if lang == "en" or rule not in catalog.titles(lang):
            raise
        return fill(catalog.template("ui.explanation_pending", lang), {"title": title(rule, lang)})
    return fill(template, values)


# ---------------------------------------------------------------- the rendered view


@dataclass
class RFinding:
    rule: str
    title: str
    outcome: Outcome
    effect: Effect | None
    subject: str | None
    explanation: str
    citations: list[Citation]
    missing: list[str]
    value: Any
    condition: str | None
    status_note: str | None
    message_key: str | None
    record: Finding
    facts: list[Any] = field(default_factory=list)
    parameters: list[Any] = field(default_factory=list)
    deadline_ids: list[str] = field(default_factory=list)


@dataclass
class RDeadline:
    id: str
    title: str
    date: dt.date
    days_left: int
    protects: str
    computation: str
    subject: str | None
    passed: bool
    alternative_date: dt.date | None
    alternative_reason: str | None
    citations: list[Citation]
    still_open: bool = False


@dataclass
class RStep:
    order: int
    when: str
    title: str
    action: str
    why: str
    by_date: dt.date | None
    contact: str | None
    form: str | None
    have_ready: list[str]
    rules: list[str]
    forms: list[str]
    form_filed: bool


@dataclass
class RQuestion:
    path: str
    prompt: str
    decides: list[str]
    weight: int
    why: str | None = None  # why the value the case gives cannot be used (a county name that is two places)


@dataclass
class REvent:
    date: dt.date
    kind: str
    event: str
    note: str | None


@dataclass
class RResource:
    id: str
    name: str
    how: str
    why: str


@dataclass
class Rendered:
    lang: str
    as_of: dt.date
    version: str
    disclaimer: str
    summary: list[str]
    findings: list[RFinding]
    deadlines: list[RDeadline]
    plan: list[RStep]
    questions: list[RQuestion]
    history: list[REvent]
    resources: list[RResource]
    notes: list[str]
    finances: AbilityToPay | None
    record: Analysis
    collection_statute: list[Any] = field(default_factory=list)

    def ui(self, key: str, **args: Any) -> str:
        return ui(key, self.lang, **args)

    def words(self, key: str, **args: Any) -> str:
        """A sentence of any catalog section by its full key (``packet.attach_heading``)."""
        return say(catalog.template(key, self.lang), self.lang, **args)

    def date(self, value: dt.date) -> str:
        return format.date(value, self.lang)

    def money(self, value: Decimal) -> str:
        return format.money(value, self.lang)

    def label(self, enum: str, value: str) -> str:
        return label(enum, value, self.lang)


def title(rule: str, lang: str) -> str:
    if rule.startswith("finances."):
        return label("option", rule.removeprefix("finances."), lang)
    return catalog.titles(lang).get(rule) or catalog.titles("en").get(rule, rule)


def _unverified_note(f: Finding, lang: str) -> str | None:
    """What a finding rests on that is not verified against primary law, in words a person reads: a source by its
    citation ("Form 911 (Rev. 1-2022)"), a figure as a figure; never a citation or parameter id."""
    if not f.unverified:
        return None
    pending = set(f.unverified)
    sources = [c.cite for c in f.citations if c.id in pending]
    named = {c.id for c in f.citations}
    parts = []
    if sources:
        parts.append(text(Message(key="ui.unverified_note"), lang, sources="; ".join(dict.fromkeys(sources))))
    if pending - named:
        parts.append(text(Message(key="ui.unverified_figures"), lang))
    return " ".join(parts)


def finding(f: Finding, lang: str) -> RFinding:
    note = _unverified_note(f, lang)
    return RFinding(
        rule=f.rule,
        title=title(f.rule, lang),
        outcome=f.outcome,
        effect=f.effect,
        subject=f.subject,
        explanation=text(f.message, lang),
        citations=f.citations,
        missing=f.missing,
        value=f.value,
        condition=f.condition,
        status_note=note,
        message_key=f.message_key,
        record=f,
        facts=list(f.facts),
        parameters=list(f.parameters),
        deadline_ids=list(f.deadline_ids),
    )


def _deadline_words(msg: Message, d: Deadline, part: str, lang: str) -> str:
    """A deadline's title or protects: its own message, else (a language whose catalog lacks that message) the
    words kept under the deadline's id, ``deadline.ID.title`` / ``deadline.ID.protects``."""
    if catalog.has(msg.key, lang):
        return text(msg, lang)
    fallback = Message(key=f"deadline.{d.id}.{part}", args=msg.args)
    if catalog.has(fallback.key, lang):
        return text(fallback, lang)
    raise catalog.MessageMissing(f"no deadline {d.id} {part} ({msg.key}) in data/messages/{lang}")


def computation(d: Deadline, lang: str) -> str:
    """How the date was counted, its clauses joined; "" when a clause has no words in the language yet."""
    if not all(catalog.has(c.key, lang) for c in d.computation):
        return ""
    clauses = [text(c, lang) for c in d.computation]
    return "; ".join(c.rstrip(".") for c in clauses if c)


def deadline(d: Deadline, lang: str) -> RDeadline:
    """A deadline in a language: its title, what it protects and how it was counted, from message references."""
    heading = _deadline_words(d.title, d, "title", lang)
    protects = _deadline_words(d.protects, d, "protects", lang)
    why = None
    if d.alternative_reason is not None:
        reason = d.alternative_reason
        why = text(reason, lang) if catalog.has(reason.key, lang) else text(Message(key="ui.safer_date"), lang)
    return RDeadline(
        d.id,
        heading,
        d.date,
        d.days_left,
        protects,
        computation(d, lang),
        d.subject,
        d.passed,
        d.alternative_date,
        why,
        d.citations,
        d.still_open,
    )


def _plan_fields(msg: Message, lang: str) -> dict[str, Any]:
    """The words of a step's text: ``plan.RULE[.business][.variants.KEY]`` or ``finance.NAME``."""
    parts = msg.key.split(".")
    if parts[0] == "finance":
        return dict(catalog.finance_texts(lang)[parts[1]])
    texts = catalog.plan_texts(lang)
    if parts[1] not in texts:  # a step not yet translated: its rule's title and a pointer to the English plan
        return {"title": title(parts[1], lang), "action": catalog.template("ui.step_pending", lang), "pending": True}
    base = dict(texts[parts[1]])
    out = {k: v for k, v in base.items() if k not in {"variants", "business"}}
    if "business" in parts and isinstance(base.get("business"), dict):
        out |= base["business"]
    if "variants" in parts:
        out |= dict((base.get("variants") or {})[parts[parts.index("variants") + 1]])
    return out


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        norm = " ".join(item.split()).casefold()
        if norm not in seen:
            seen.add(norm)
            out.append(item)
    return out


def _have_ready(items: list[Any]) -> list[str]:
    """What to have ready, each thing once. An item with an id (``- levy_notice: The levy notice …`` in data/plan and
    its translation) is the same thing as every other item with that id when steps merge, whatever its words: the
    first step's words are kept. An item without an id is listed unless the very same words came before."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        thing, words = next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (None, item)
        words = " ".join(str(words).split())
        key = f"id:{thing}" if thing else words.casefold()
        if key not in seen and words.casefold() not in seen:
            seen.update((key, words.casefold()))
            out.append(words)
    return out


def step(s: Step, lang: str) -> RStep:
    words = _plan_fields(s.text, lang)
    values = {k: _arg_value(k, v, lang) for k, v in s.text.args.items()}
    if s.text.key.startswith("finance.") and "payment" not in values:
        values["payment"] = text(Message(key="ui.an_amount"), lang)
    if s.text.key.startswith("finance.") and "disposable" not in values:
        values["disposable"] = text(Message(key="ui.an_unknown_amount"), lang)

    def said(name: str) -> str | None:
        raw = words.get(name)
        return fill(str(raw), values) if isinstance(raw, str) else None

    action = said("action") or ""
    if s.about:
        action += " " + text(Message(key="ui.about"), lang, what=join([text(a, lang) for a in s.about], lang))
    for more in s.extra:
        action += " " + text(more, lang)
    have = list(words.get("have_ready") or [])
    for other in s.merged:
        have += list(_plan_fields(other, lang).get("have_ready") or [])
    contact = text(s.contact, lang) if s.contact else said("contact")
    form = said("form")
    if words.get("pending"):
        official = [f for f in s.forms if f[:1].isdigit()]
        form = text(Message(key="ui.forms"), lang, forms=", ".join(official)) if official else None
    return RStep(
        order=s.order,
        when=s.when,
        title=said("title") or "",
        action=action,
        why=" ".join(text(w, lang) for w in s.why),
        by_date=s.by_date,
        contact=contact,
        form=form,
        have_ready=_have_ready(have),
        rules=s.rules,
        forms=s.forms,
        form_filed=s.form_filed,
    )


def _pattern(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def question_prompt(path: str, lang: str) -> str:
    got = catalog.question_texts(lang).get(_pattern(path))
    if got is not None:
        return " ".join(str(got).split())
    return text(Message(key="ui.default_prompt"), lang, field=field_names.words(path, lang), path=path)


def summary_line(item: Any, a: Analysis, lang: str) -> str:
    if item.kind == "effect":
        titles = "; ".join(title(r, lang) for r in item.rules)
        return f"{label('Effect', item.effect.value, lang)}: {titles}"
    if item.kind == "ask":
        titles = "; ".join(_lower_first(title(r, lang)) for r in item.rules)
        return text(Message(key="summary.ask"), lang, grounds=titles)
    if item.kind == "next_deadline":
        d = next(d for d in a.deadlines if d.id == item.deadline and d.subject == item.subject)
        return text(
            Message(key="summary.next_deadline"),
            lang,
            title=deadline(d, lang).title,
            # the item's own day: a date passed but still open is headlined by the day it can still be met
            date=format.date(item.date, lang),
            days=format.Count(item.days_left, lang),
        )
    return text(Message(key="summary.none"), lang)


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def render(a: Analysis, lang: str = "en") -> Rendered:
    resources = [
        RResource(
            r.id,
            catalog.template(f"resource.{r.id}.name", lang),
            catalog.template(f"resource.{r.id}.how", lang),
            catalog.template(f"resource.{r.id}.why", lang),
        )
        for r in a.resources
    ]
    return Rendered(
        lang=lang,
        as_of=a.as_of,
        version=a.version,
        disclaimer=" ".join(catalog.template("ui.disclaimer", lang).split()),
        summary=[summary_line(i, a, lang) for i in a.summary],
        findings=[finding(f, lang) for f in a.findings],
        deadlines=[deadline(d, lang) for d in a.deadlines],
        plan=[step(s, lang) for s in a.plan],
        questions=[
            RQuestion(q.path, question_prompt(q.path, lang), q.decides, q.weight, text(q.why, lang) if q.why else None)
            for q in a.questions
        ],
        history=[
            REvent(e.date, e.kind, text(e.event, lang), text(e.note, lang) if e.note else None) for e in a.history
        ],
        resources=resources,
        notes=[text(n.message, lang) for n in a.notes],
        finances=a.finances,
        record=a,
        collection_statute=list(a.collection_statute),
    )


def english(a: Analysis | Rendered) -> Rendered:
    """The English view of a record (letters and forms go to the IRS, a bank or an employer in English)."""
    return a if isinstance(a, Rendered) else render(a, "en")
