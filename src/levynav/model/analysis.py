"""What the core returns: findings, deadlines, the plan and the open questions.

This is the documented JSON contract of `levynav analyze --format json` (see docs/json-contract.md).
Field names here are stable; add fields, never rename them.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Outcome(StrEnum):
    """The four answers a rule can give (DESIGN §4: unknown is a value)."""

    APPLIES = "applies"
    DOES_NOT_APPLY = "does_not_apply"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"


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


class FactUse(BaseModel):
    """A fact of the case a rule read, by its path in the case (e.g. ``levies[0].served_date``)."""

    model_config = ConfigDict(frozen=True)

    path: str
    value: Any


class Finding(BaseModel):
    """The answer to one legal question, with everything needed to check it."""

    rule: str
    title: str
    outcome: Outcome
    effect: Effect | None = None
    subject: str | None = None  # what the finding is about, e.g. "levies[0]"; None = the whole case
    explanation: str
    citations: list[Citation]
    facts: list[FactUse] = Field(default_factory=list)
    parameters: list[ParamUse] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    value: Any = None  # an amount, a date or a figure the rule decided
    deadline_ids: list[str] = Field(default_factory=list)
    status_note: str | None = None  # shown when the rule rests on an unverified source
    # which situation of the rule this is (its message key, e.g. "after_rejection") and the values its
    # sentence was filled with; the plan picks a step's wording by the key, never by reading the sentence
    message_key: str | None = None
    message_args: dict[str, str] = Field(default_factory=dict)
    # "irs_determination": the effect holds once the IRS determines the ground exists (§ 6343(a)(1)(B), (D)):
    # the person can ask for it, and the IRS must act if it agrees. None: the effect holds on the facts.
    condition: str | None = None


class Deadline(BaseModel):
    id: str
    title: str
    date: date
    days_left: int
    protects: str
    citations: list[Citation]
    computation: str  # how the date was counted, in words
    subject: str | None = None
    passed: bool = False
    # Safer date first: when two readings of the period differ, ``date`` is the one that protects the person
    # (the earlier, for a deadline the person must meet) and the other is kept here with the reason.
    alternative_date: dt.date | None = None
    alternative_reason: str | None = None


class Step(BaseModel):
    """One step of the action plan."""

    order: int
    when: str  # "today" | "this_week" | "later"
    title: str
    action: str
    why: str
    by_date: date | None = None
    contact: str | None = None
    form: str | None = None
    have_ready: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)


class Question(BaseModel):
    """A missing fact that would decide one or more unknown findings."""

    path: str
    prompt: str
    decides: list[str]
    weight: int


class TimelineEvent(BaseModel):
    date: date
    event: str
    note: str | None = None


class Resource(BaseModel):
    id: str
    name: str
    how: str
    why: str


class StatuteDate(BaseModel):
    """The collection statute expiration date (CSED) of one tax period, as the rules used it."""

    period: str
    date: dt.date | None
    basis: str  # "computed" from assessments and suspensions, or "stated" in the case
    explanation: str
    alternative: dt.date | None = None  # the date under the other counting reading, when it differs


class Analysis(BaseModel):
    as_of: date
    version: str
    disclaimer: str
    summary: list[str]
    findings: list[Finding]
    deadlines: list[Deadline]
    plan: list[Step]
    questions: list[Question]
    history: list[TimelineEvent]
    resources: list[Resource]
    notes: list[str] = Field(default_factory=list)  # data-edition notes, unverified values used
    finances: dict[str, Any] | None = None  # filled by the ability-to-pay calculation
    collection_statute: list[StatuteDate] = Field(default_factory=list)
    # the law data the analysis used (lawdata.Law): each data set's edition (a digest of its files) and a digest
    # over them all, so a saved record says which parameters, citations and messages decided it
    law_editions: dict[str, str] = Field(default_factory=dict)
    law_digest: str | None = None

    def findings_for(self, rule: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]
