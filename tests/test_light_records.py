"""The light record objects (ADR 0014, ``core/model/message.py``) are the contract's message references, only cheaper.

Inside the core, message references and their typed values are slotted, frozen dataclasses built without running
their constructor. What must not move: the JSON Schema of the record (compared with the pydantic-model form of
the contract, written out here as docs/json-contract.md describes it), the JSON (a record's messages dump to the
``{key, args}`` shape and validate back into equal objects), and what a builder makes (equal, type for type, to
what validation makes of the same values). Frozen is what makes sharing a value within a record safe.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from levynav.core.model.analysis import (
    Citation,
    Deadline,
    Effect,
    FactUse,
    Finding,
    FindingShell,
    Note,
    Outcome,
    ParamUse,
    Question,
    Resource,
    StatuteDate,
    Step,
    SummaryItem,
    TimelineEvent,
    fact_use,
)
from levynav.core.model.message import (
    ARG_TYPES,
    DateArg,
    FieldArg,
    LabelArg,
    ListArg,
    Message,
    MessageArg,
    MoneyArg,
    NumberArg,
    SentencesArg,
    TextArg,
    arg,
    field_arg,
    label_arg,
    message,
)

# -- the contract's shapes as pydantic models (how the record was declared before ADR 0014) ----------------------


class _DateArg(BaseModel):
    type: Literal["date"] = "date"
    value: date


class _MoneyArg(BaseModel):
    type: Literal["money"] = "money"
    value: Decimal


class _NumberArg(BaseModel):
    type: Literal["number"] = "number"
    value: int


class _TextArg(BaseModel):
    """Verbatim text that is not translated: a name, a form or notice number, a tax period, a phone number."""

    type: Literal["text"] = "text"
    value: str


class _FieldArg(BaseModel):
    """A field of the case by its path (``levies[0].served_date``): the renderer says it in words in the language
    ("Levy 1 — date served"), never as the path (``explain.field_names``)."""

    type: Literal["field"] = "field"
    value: str


class _LabelArg(BaseModel):
    """A value of an enumeration (a levy kind, an outcome …), rendered through the labels of the language."""

    type: Literal["label"] = "label"
    enum: str
    value: str


class _MessageArg(BaseModel):
    """A nested message (a clause the sentence quotes)."""

    type: Literal["message"] = "message"
    value: _Message


class _ListArg(BaseModel):
    """Several values, rendered as a list in the language ("a, b and c")."""

    type: Literal["list"] = "list"
    value: list[_Arg]


class _SentencesArg(BaseModel):
    """Whole sentences (nested messages), rendered one after the other; none renders as nothing."""

    type: Literal["sentences"] = "sentences"
    value: list[_Message]


_Arg = Annotated[
    _DateArg | _MoneyArg | _NumberArg | _TextArg | _FieldArg | _LabelArg | _MessageArg | _ListArg | _SentencesArg,
    Field(discriminator="type"),
]


class _Message(BaseModel):
    """A reference to words: a catalog key (``RULE-ID.situation``, ``plan.R6343-A1`` …) and its typed values.
    The record holds these; the renderers of ``levynav.explain`` turn them into sentences in a language."""

    key: str
    args: dict[str, _Arg] = Field(default_factory=dict)


_MessageArg.model_rebuild()
_ListArg.model_rebuild()
_SentencesArg.model_rebuild()


class _Holder(BaseModel):
    message: _Message
    messages: list[_Message]


class Holder(BaseModel):
    message: Message
    messages: list[Message]


def _unprefixed(schema: object) -> object:
    """The schema with the reference models' leading underscore taken off their names."""
    if isinstance(schema, dict):
        return {(k[1:] if isinstance(k, str) and k.startswith("_") else k): _unprefixed(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_unprefixed(v) for v in schema]
    if isinstance(schema, str):
        return schema.replace("/_", "/").removeprefix("_") if schema.startswith(("#/$defs/_", "_")) else schema
    return schema


@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_the_json_schema_is_the_contracts(mode: Literal["validation", "serialization"]) -> None:
    assert Holder.model_json_schema(mode=mode) == {
        **_unprefixed(_Holder.model_json_schema(mode=mode)),  # type: ignore[dict-item]
        "title": "Holder",
    }


def _sample() -> Message:
    inner = message("x.inner", when=date(2026, 1, 2))
    return message(
        "x.outer",
        day=date(2026, 3, 4),
        amount=Decimal("12.50"),
        count=3,
        flag=True,
        outcome=Outcome.APPLIES,
        effect=Effect.MUST_RELEASE,
        items=[1, "a", date(2026, 5, 6)],
        nested=inner,
        sentences=SentencesArg(value=[inner, message("x.other")]),
        label=label_arg("weekday", "monday"),
        text="Form 668-W",
        field=field_arg("levies[0].served_date"),
        nothing=None,
    )


def test_a_built_message_dumps_to_the_contracts_json_and_validates_back_type_for_type() -> None:
    built = _sample()
    adapter = TypeAdapter(Message)
    again = adapter.validate_json(adapter.dump_json(built))
    assert again == built and repr(again) == repr(built)
    assert adapter.dump_json(built) == _Message.model_validate(adapter.dump_python(built)).model_dump_json().encode()
    assert (
        Holder(message=built, messages=[built]).model_dump_json()
        == _Holder.model_validate(
            {"message": adapter.dump_python(built), "messages": [adapter.dump_python(built)]}
        ).model_dump_json()
    )


def test_builders_make_what_validation_makes() -> None:
    assert arg(date(2026, 1, 2)) == DateArg(value=date(2026, 1, 2))
    assert arg(Decimal("1.00")) == MoneyArg(value=Decimal("1.00"))
    assert arg(7) == NumberArg(value=7)
    assert arg(False) == LabelArg(enum="bool", value="no")
    assert arg(Outcome.UNKNOWN) == LabelArg(enum="Outcome", value="unknown")
    assert arg("x") == TextArg(value="x") and arg(None) == TextArg(value="")
    assert arg([1]) == ListArg(value=[NumberArg(value=1)])
    assert arg(message("k")) == MessageArg(value=Message(key="k"))
    assert label_arg("a", "b") == LabelArg(enum="a", value="b")
    assert field_arg("levies[0].kind") == FieldArg(value="levies[0].kind") and arg(FieldArg(value="x")) == FieldArg(
        value="x"
    )
    assert message("k", n=1) == Message(key="k", args={"n": {"type": "number", "value": 1}})  # type: ignore[dict-item]


def test_they_are_slotted_and_frozen() -> None:
    built = _sample()
    for obj in (built, *built.args.values()):
        assert not hasattr(obj, "__dict__"), type(obj).__name__
        field = dataclasses.fields(obj)[0].name  # type: ignore[arg-type]
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, field, None)
    assert {type(a) for a in built.args.values()} == set(ARG_TYPES)
    assert pickle.loads(pickle.dumps(built)) == built  # a record may cross processes (a pool, Dask)


def test_a_bad_shape_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match="key"):
        Message.model_validate({"args": {}})
    with pytest.raises(ValidationError, match=r"args\.n"):
        Message.model_validate({"key": "k", "args": {"n": {"type": "nope", "value": 1}}})
    with pytest.raises(ValidationError, match="value"):
        bad_date = {"key": "k", "args": {"d": {"type": "date", "value": "soon"}}}
        Holder.model_validate({"message": bad_date, "messages": []})


class _FactUse(BaseModel):
    """A fact of the case a rule read, by its path in the case (e.g. ``levies[0].served_date``)."""

    path: str
    value: Any


class _Facts(BaseModel):
    facts: list[_FactUse]


class Facts(BaseModel):
    facts: list[FactUse]


def test_a_fact_read_is_light_and_written_as_the_contract_says() -> None:
    built = fact_use("levies[0].served_date", date(2026, 1, 2))
    assert built == FactUse(path="levies[0].served_date", value=date(2026, 1, 2))
    assert not hasattr(built, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.value = None  # type: ignore[misc]
    record = Facts(facts=[built, fact_use("x", Decimal("1.50")), fact_use("y", None)])
    assert record.model_dump_json() == _Facts.model_validate(record.model_dump()).model_dump_json()
    assert Facts.model_validate_json(record.model_dump_json()).model_dump_json() == record.model_dump_json()
    assert _unprefixed(_Facts.model_json_schema()) == {**Facts.model_json_schema(), "title": "Facts"}


class _Finding(BaseModel):
    """The answer to one legal question, with everything needed to check it."""

    rule: str
    outcome: Outcome
    effect: Effect | None = None
    subject: str | None = None
    message: _Message
    citations: list[Citation]
    facts: list[_FactUse] = Field(default_factory=list)
    parameters: list[ParamUse] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    value: Any = None
    deadline_ids: list[str] = Field(default_factory=list)
    unverified: list[str] = Field(default_factory=list)
    message_key: str | None = None
    condition: str | None = None


class _Findings(BaseModel):
    findings: list[_Finding]


class Findings(BaseModel):
    findings: list[Finding]


def test_a_finding_is_light_and_written_as_the_contract_says() -> None:
    from levynav.core.law.release_grounds import INSTALLMENT_AGREEMENT as RULE

    built = RULE.finding(
        Outcome.APPLIES,
        "entered",
        subject="levies[0]",
        facts={"levies[0].served_date": date(2026, 1, 2), "levies[0].amount": Decimal("10.00")},
        missing=["notices"],
        value=Decimal("1.50"),
        deadline_ids=["d1"],
        when=date(2026, 1, 2),
    )
    assert type(built) is Finding and not hasattr(built, "__dict__")
    assert FindingShell.__slots__ == Finding.__slots__ == tuple(f.name for f in dataclasses.fields(Finding))
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.rule = "other"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(built)) == built
    again = TypeAdapter(Finding).validate_python(TypeAdapter(Finding).dump_python(built))
    assert again == built and repr(again) == repr(built)
    record = Findings(findings=[built])
    assert record.model_dump_json() == _Findings.model_validate(record.model_dump()).model_dump_json()
    assert Findings.model_validate_json(record.model_dump_json()).model_dump_json() == record.model_dump_json()
    for mode in ("validation", "serialization"):
        assert _unprefixed(_Findings.model_json_schema(mode=mode)) == {  # type: ignore[arg-type]
            **Findings.model_json_schema(mode=mode),  # type: ignore[arg-type]
            "title": "Findings",
        }
    with pytest.raises(ValidationError, match=r"findings\.0\.outcome"):
        Findings.model_validate({"findings": [{**TypeAdapter(Finding).dump_python(built), "outcome": "perhaps"}]})


def test_every_shell_has_the_slots_of_its_record_class() -> None:
    """A builder fills a shell and then sets ``__class__`` to the record class: CPython allows that only when the
    two lay out the same slots, and a slot out of order would put a value under another field's name."""
    from levynav.core.model import message as m

    shells = {name: value for name, value in vars(m).items() if isinstance(value, type) and name.startswith("_")}
    made = {
        cls: shell for shell in shells.values() for cls in m.LIGHT_RECORDS if shell.__name__ == f"{cls.__name__}Shell"
    }
    assert made, "no shells found"
    for cls, shell in made.items():
        assert shell.__slots__ == cls.__slots__ == tuple(f.name for f in dataclasses.fields(cls)), cls
    assert {cls.__name__ for cls in made} >= {"Message", "DateArg", "MoneyArg", "FieldArg", "ListArg", "LabelArg"}
    built = m.field_args(["levies[0].served_date"])
    assert type(built) is m.ListArg and type(built.value[0]) is m.FieldArg
    assert built.value[0].value == "levies[0].served_date" and built.value[0].type == "field"


# -- the plan, the deadlines and the other parts of the record (ADR 0014, decision 8) ------------------------------


class _Deadline(BaseModel):
    """A date that matters. Its words are message references: ``title`` and ``protects`` (keys
    ``deadline.ID.title`` / ``deadline.ID.protects…``) and ``computation``, the clauses of how it was counted
    (keys ``count.*``, typed values: the dates, the day count from the parameter, the § 7503 roll-forward)."""

    id: str
    title: _Message
    date: dt.date
    days_left: int
    protects: _Message
    citations: list[Citation]
    computation: list[_Message]
    subject: str | None = None
    passed: bool = False
    alternative_date: dt.date | None = None
    alternative_reason: _Message | None = None
    still_open: bool = False


class _Step(BaseModel):
    """One step of the action plan. ``text`` points to the step's words (``plan.RULE`` with a variant, or
    ``finance.OPTION``); ``why`` to the findings' explanations that call for it; ``about`` to what it concerns."""

    order: int
    when: str
    text: _Message
    why: list[_Message] = Field(default_factory=list)
    about: list[_Message] = Field(default_factory=list)
    extra: list[_Message] = Field(default_factory=list)
    merged: list[_Message] = Field(default_factory=list)
    by_date: dt.date | None = None
    contact: _Message | None = None
    forms: list[str] = Field(default_factory=list)
    form_filed: bool = False
    rules: list[str] = Field(default_factory=list)


class _Question(BaseModel):
    """A missing fact that would decide one or more unknown findings (its prompt is keyed by ``path``)."""

    path: str
    decides: list[str]
    weight: int
    why: _Message | None = None


class _TimelineEvent(BaseModel):
    date: dt.date
    kind: str
    event: _Message
    note: _Message | None = None


class _Resource(BaseModel):
    id: str


class _SummaryItem(BaseModel):
    """One headline: an effect with the rules that have it, or the next deadline, or "nothing found"."""

    kind: str
    effect: Effect | None = None
    rules: list[str] = Field(default_factory=list)
    deadline: str | None = None
    subject: str | None = None
    date: dt.date | None = None
    days_left: int | None = None


class _Note(BaseModel):
    """A note about the data behind the analysis; ``message`` says it."""

    kind: str
    message: _Message


class _StatuteDate(BaseModel):
    """The collection statute expiration date (CSED) of one tax period, as the rules used it."""

    period: str
    date: dt.date | None
    basis: str
    explanation: list[_Message]
    alternative: dt.date | None = None


class _Parts(BaseModel):
    summary: list[_SummaryItem]
    deadlines: list[_Deadline]
    plan: list[_Step]
    questions: list[_Question]
    history: list[_TimelineEvent]
    resources: list[_Resource]
    notes: list[_Note]
    collection_statute: list[_StatuteDate]


class Parts(BaseModel):
    summary: list[SummaryItem]
    deadlines: list[Deadline]
    plan: list[Step]
    questions: list[Question]
    history: list[TimelineEvent]
    resources: list[Resource]
    notes: list[Note]
    collection_statute: list[StatuteDate]


PART_CLASSES = (Deadline, Step, Question, TimelineEvent, Resource, SummaryItem, Note, StatuteDate)


@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_the_plan_and_deadlines_keep_the_contracts_json_schema(mode: Literal["validation", "serialization"]) -> None:
    assert _unprefixed(_Parts.model_json_schema(mode=mode)) == {**Parts.model_json_schema(mode=mode), "title": "Parts"}


def test_the_plan_and_deadlines_are_light_and_written_as_the_contract_says() -> None:
    from pathlib import Path

    from levynav.core.analyze import analyze
    from levynav.intake.load import load_case

    examples = Path(__file__).parent.parent / "examples"
    record = analyze(load_case(examples / "disaster-area-cdp-postponed.yaml"), date(2026, 11, 23))
    parts = {name: getattr(record, name) for name in Parts.model_fields}
    assert all(parts[name] for name in ("summary", "deadlines", "plan", "questions", "history", "resources"))
    for items in parts.values():
        for item in items:
            assert type(item) in PART_CLASSES and not hasattr(item, "__dict__"), type(item).__name__
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(item, dataclasses.fields(item)[0].name, None)
            assert pickle.loads(pickle.dumps(item)) == item
    built = Parts(**parts)
    assert built.model_dump_json() == _Parts.model_validate(built.model_dump()).model_dump_json()
    again = Parts.model_validate_json(built.model_dump_json())
    assert again == built and repr(again) == repr(built)
