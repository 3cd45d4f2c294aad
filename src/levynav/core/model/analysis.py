"""What the core returns: findings, deadlines, the plan and the open questions.

This is the documented JSON contract of `levynav analyze --format json` (see docs/json-contract.md).
Field names here are stable; add fields, never rename them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import field
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass

from levynav.core.model.ability_to_pay import AbilityToPay
from levynav.core.model.message import Arg as Arg
from levynav.core.model.message import DateArg as DateArg
from levynav.core.model.message import FieldArg as FieldArg
from levynav.core.model.message import LabelArg as LabelArg
from levynav.core.model.message import Light, shell
from levynav.core.model.message import ListArg as ListArg
from levynav.core.model.message import Message as Message
from levynav.core.model.message import MessageArg as MessageArg
from levynav.core.model.message import MoneyArg as MoneyArg
from levynav.core.model.message import NumberArg as NumberArg
from levynav.core.model.message import SentencesArg as SentencesArg
from levynav.core.model.message import TextArg as TextArg
from levynav.core.model.message import arg as arg
from levynav.core.model.message import message as message
from levynav.core.model.outcome import Outcome as Outcome

_new = object.__new__

CONTRACT = "levynav.analysis/4"  # the JSON contract's name and major version (docs/json-contract.md)


class Effect(StrEnum):
    """What a finding means for the person, if it applies."""

    MUST_RELEASE = "must_release"
    MAY_RELEASE = "may_release"
    PARTIAL_RELEASE = "partial_release"
    MUST_RETURN = "must_return"
    MAY_RETURN = "may_return"
    NO_LEVY = "no_levy"  # a new levy is barred while this holds
    LEVY_IMPROPER = "levy_improper"  # the levy broke a rule; release/return grounds follow
    EXEMPT = "exempt"  # the property or income is exempt from levy
    ROUTE_OPEN = "route_open"  # an appeal or help route is available
    ROUTE_CLOSED = "route_closed"
    DEADLINE = "deadline"
    INFO = "info"  # context the person needs (how a levy works, what a rule does not do)


class Citation(BaseModel):
    """One entry of the citation registry (data/references/*.yaml), resolved for output."""

    model_config = ConfigDict(frozen=True)

    id: str
    cite: str
    source: str
    summary: str
    status: str  # "V" verified, "S" secondary only, "U" unverified


class ParamUse(BaseModel):
    """A dated parameter value as a rule used it."""

    model_config = ConfigDict(frozen=True)

    id: str
    value: Decimal | int | str | date | None
    unit: str
    effective_from: date | None
    source: str
    status: str
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FactUse(Light):
    """A fact of the case a rule read, by its path in the case (e.g. ``levies[0].served_date``)."""

    path: str
    value: Any


_FACT_USE = shell(FactUse)


def fact_use(path: str, value: Any) -> FactUse:
    """A ``FactUse`` (a light record, ADR 0014: ≈ 37 per example case) made without running ``__init__``: a shell
    with its slots, filled, then made a ``FactUse`` (``model/message.py``)."""
    built = _FACT_USE()  # called, not object.__new__: cheaper (model/message.py)
    built.path = path
    built.value = value
    built.__class__ = FactUse
    return built  # type: ignore[no-any-return]


_PLAIN = (str, int)  # a tuple, not ``str | int``: no union built per fact
_AS_IS = frozenset({str, int, bool, type(None)})  # facts shown as they are (the plain fast path)


def _shown(value: Any) -> Any:
    """A fact's value as the record shows it: a date in ISO form, money as text, an enumeration by its value."""
    shown = value.isoformat() if isinstance(value, date) else value
    if isinstance(shown, Decimal):
        shown = str(shown)
    if hasattr(shown, "value") and not isinstance(shown, _PLAIN):
        shown = shown.value  # enums
    return shown


def _show_as(kind: type) -> Callable[[Any], Any] | None:
    """How a fact of type ``kind`` is shown (None: as it is), the same as ``_shown`` gives for every value of that
    type: picked once per type (``_SHOW``). Only exact types with one answer per type are tabled (a ``date`` — not a
    ``datetime`` —, a ``Decimal``, an enumeration that is not a ``str`` or ``int``); any other type takes ``_shown``."""
    if kind in _AS_IS:
        return None
    if kind is date:
        return date.isoformat
    if kind is Decimal:
        return str
    if issubclass(kind, Enum):
        return _shown_member if not issubclass(kind, _PLAIN) else None
    return _shown


def _shown_member(value: Any) -> Any:
    return value._value_  # what ``.value`` returns, without the enum property's descriptor call


_SHOW: dict[type, Callable[[Any], Any] | None] = {}


def fact_uses(facts: dict[str, Any]) -> list[FactUse]:
    """The facts a rule read (path: value), as the record shows them: a FactUse each, in the rule's order."""
    show_as = _SHOW
    out = []
    for path, value in facts.items():
        kind = type(value)
        try:
            show = show_as[kind]
        except KeyError:
            show = show_as[kind] = _show_as(kind)
        # a FactUse as ``fact_use`` makes one (its shell filled, then made the record class), without a call a fact
        built = _FACT_USE()
        built.path = path
        built.value = value if show is None else show(value)
        built.__class__ = FactUse
        out.append(built)
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding(Light):
    """The answer to one legal question, with everything needed to check it."""

    rule: str
    outcome: Outcome
    effect: Effect | None = None
    subject: str | None = None  # what the finding is about, e.g. "levies[0]"; None = the whole case
    message: Message  # the explanation, by reference (key ``RULE-ID.situation``, typed values)
    citations: list[Citation]
    facts: list[FactUse] = field(default_factory=list)
    parameters: list[ParamUse] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    value: Any = None  # an amount, a date or a figure the rule decided
    deadline_ids: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)  # citation/parameter ids not verified against the law
    # which situation of the rule this is (its message key, e.g. "after_rejection"); the plan picks a step's
    # wording by the key, never by reading a sentence
    message_key: str | None = None
    # "irs_determination": the effect holds once the IRS determines the ground exists (§ 6343(a)(1)(B), (D)):
    # the person can ask for it, and the IRS must act if it agrees. None: the effect holds on the facts.
    condition: str | None = None


_FACTS_SLOT = Finding.__dict__["facts"]  # the slot pydantic's dataclass made for ``facts``


class _Facts:
    """``Finding.facts``: the slot, read through this descriptor. ``Rule.finding`` stores the facts as the rule gave
    them (a dict: path → value); the first read shows them as FactUse records (``fact_uses``) and keeps the list in
    the slot (a new list, set once made: a thread reading a shared finding at the same time sees the dict, and makes
    the same list, or the list). A screen writing flags never reads them (ADR 0016)."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        facts = _FACTS_SLOT.__get__(obj, owner)
        if type(facts) is dict:
            facts = fact_uses(facts)
            _FACTS_SLOT.__set__(obj, facts)
        return facts

    def __set__(self, obj: Any, value: Any) -> None:
        _FACTS_SLOT.__set__(obj, value)

    def __delete__(self, obj: Any) -> None:
        _FACTS_SLOT.__delete__(obj)


Finding.facts = _Facts()  # type: ignore[misc,assignment]  # the slot, read through ``_Facts``


class FindingShell(Light):
    """A plain object with ``Finding``'s slots, in the same order, without its frozen ``__setattr__``: the core
    (``Rule.finding``, ≈ 40 findings a case) fills one attribute by attribute, then makes it a ``Finding``
    (``built.__class__ = Finding``; the slots line up, so nothing is copied). About a third of the cost of setting
    fourteen frozen slots through ``object.__setattr__`` (ADR 0014). Never kept as a shell: the builder swaps the
    class before returning."""

    __slots__ = Finding.__slots__


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline(Light):
    """A date that matters. Its words are message references: ``title`` and ``protects`` (keys
    ``deadline.ID.title`` / ``deadline.ID.protects…``) and ``computation``, the clauses of how it was counted
    (keys ``count.*``, typed values: the dates, the day count from the parameter, the § 7503 roll-forward)."""

    id: str
    title: Message
    date: dt.date
    days_left: int
    protects: Message
    citations: list[Citation]
    computation: list[Message]  # how the date was counted, clause by clause
    subject: str | None = None
    passed: bool = False
    # Safer date first: when two readings of the period differ, ``date`` is the one that protects the person
    # (the earlier, for a deadline the person must meet) and the other is kept here with the reason.
    alternative_date: dt.date | None = None
    alternative_reason: Message | None = None
    # ``passed`` but the act may still be done: the other reading's date (``alternative_date``) is still ahead, or a
    # combat-zone service with no last day yet keeps the period from running out (§ 7508(a)). Shown with the dates
    # ahead, never folded among the passed ones.
    still_open: bool = False

    @property
    def open_until(self) -> dt.date | None:
        """The day the act can still be done by: ``date`` when it has not passed; the other reading's day when it has
        passed but is still open with one (a postponed CDP day); None when it has passed, or is open with no day to
        count (a combat-zone service not yet ended). Derived, not recorded."""
        if not self.passed:
            return self.date
        return self.alternative_date if self.still_open else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Step(Light):
    """One step of the action plan. ``text`` points to the step's words (``plan.RULE`` with a variant, or
    ``finance.OPTION``); ``why`` to the findings' explanations that call for it; ``about`` to what it concerns."""

    order: int
    when: str  # "today" | "this_week" | "later"
    text: Message
    why: list[Message] = field(default_factory=list)
    about: list[Message] = field(default_factory=list)
    extra: list[Message] = field(default_factory=list)  # further sentences of the action (finance steps)
    merged: list[Message] = field(default_factory=list)  # texts of steps merged into this one (their have-ready)
    by_date: date | None = None
    contact: Message | None = None  # ``contact.irs*`` with the notice's phone number; None = the step text's own
    forms: list[str] = field(default_factory=list)  # form ids the step sends ("12153", "433-F"), first = main
    form_filed: bool = False  # the form is one the person already sent (a copy, not a new filing)
    rules: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Question(Light):
    """A missing fact that would decide one or more unknown findings (its prompt is keyed by ``path``)."""

    path: str
    decides: list[str]
    weight: int
    # why the value the case gives for ``path`` cannot be used (e.g. ``finances.error.county_ambiguous``: a county
    # name that is two places, with both); None when the fact is simply not given
    why: Message | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEvent(Light):
    date: dt.date
    kind: str  # notice | levy_served | proceeds_sent | levy_released | agreement | offer | bankruptcy | hearing
    event: Message
    note: Message | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource(Light):
    id: str  # tas | litc | tbor: name, how to reach and why come from the catalog


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryItem(Light):
    """One headline: an effect with the rules that have it, or the next deadline, or "nothing found"."""

    kind: str  # effect | ask | next_deadline | none
    effect: Effect | None = None
    rules: list[str] = field(default_factory=list)
    deadline: str | None = None
    subject: str | None = None
    date: dt.date | None = None
    days_left: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Note(Light):
    """A note about the data behind the analysis; ``message`` says it."""

    kind: str  # unverified | csed_stated | finances | options
    message: Message


@dataclass(frozen=True, slots=True, kw_only=True)
class StatuteDate(Light):
    """The collection statute expiration date (CSED) of one tax period, as the rules used it."""

    period: str
    date: dt.date | None
    basis: str  # "computed" from assessments and suspensions, or "stated" in the case
    explanation: list[Message]  # the timeline, clause by clause (``statute.*``; contract 4)
    alternative: dt.date | None = None  # the date under the other counting reading, when it differs


class Analysis(BaseModel):
    contract: str = CONTRACT
    as_of: date
    version: str
    summary: list[SummaryItem]
    findings: list[Finding]
    deadlines: list[Deadline]
    plan: list[Step]
    questions: list[Question]
    history: list[TimelineEvent]
    resources: list[Resource]
    notes: list[Note] = Field(default_factory=list)  # data-edition notes, unverified values used
    finances: AbilityToPay | None = None  # the ability-to-pay calculation (model/ability_to_pay.py)
    collection_statute: list[StatuteDate] = Field(default_factory=list)
    # the law data the analysis used (lawdata.Law): each data set's edition (a digest of its files) and a digest
    # over them all, so a saved record says which parameters, citations and messages decided it
    law_editions: dict[str, str] = Field(default_factory=dict)
    law_digest: str | None = None

    def findings_for(self, rule: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]
