"""The records the core builds without re-validating them (model/construct.py) are what validation would build.

``analyze`` makes its messages, findings and the Analysis itself from values it has already typed, skipping
pydantic's validation (a quarter of the analysis's cost). This holds the shortcut honest: for every example,
every scenario and a few hundred generated cases, the record validated again from its own Python dump is equal
to it field for field, down to each value's type (``repr``: an ``Outcome`` is not a ``str``, a ``Decimal`` not an
``int``, a list not a tuple), and its JSON is the same.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel, Field, TypeAdapter

from levynav.core.analyze import analyze
from levynav.core.model.analysis import Analysis, Deadline, Finding, LabelArg, Message, SummaryItem, message
from levynav.core.model.case import Case
from levynav.core.model.construct import construct, replace
from levynav.core.model.outcome import Outcome
from levynav.intake.load import case_from_data, load_case
from levynav.screen import generate
from tests.scenario_runner import as_date, discover

AS_OF = date(2026, 11, 23)
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
GENERATED = 300


def _fields_in_order(value: object) -> None:
    """Every record object holds its fields in declared order (the order its JSON is written in)."""
    if isinstance(value, BaseModel):
        assert list(value.__dict__) == list(type(value).model_fields), type(value).__name__
        for item in value.__dict__.values():
            _fields_in_order(item)
    elif dataclasses.is_dataclass(value):  # a light record (ADR 0014): every field set (a slot left empty raises)
        for f in dataclasses.fields(value):
            _fields_in_order(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for item in value:
            _fields_in_order(item)
    elif isinstance(value, dict):
        for item in value.values():
            _fields_in_order(item)


def _same_when_validated(record: Analysis) -> None:
    _fields_in_order(record)
    again = Analysis.model_validate(record.model_dump())
    assert repr(again) == repr(record)
    assert again == record
    assert Analysis.model_validate_json(record.model_dump_json()).model_dump_json() == record.model_dump_json()


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_records_validate_into_themselves(path: Path) -> None:
    _same_when_validated(analyze(load_case(path), AS_OF))


def test_scenario_records_validate_into_themselves() -> None:
    checked = 0
    for _name, scenario in discover():
        if "error" in scenario:
            continue
        _same_when_validated(analyze(case_from_data(scenario["case"]), as_date(scenario["as_of"])))
        checked += 1
    assert checked > 100


def test_generated_records_validate_into_themselves() -> None:
    rng = random.Random(20261203)
    for _ in range(GENERATED):
        data = generate.generate_case(rng)
        data.pop("id", None)
        _same_when_validated(analyze(Case.model_validate(data), AS_OF))


class _Headline(BaseModel):  # a pydantic model record, as ``Analysis`` is
    kind: str
    effect: str | None = None
    rules: list[str] = Field(default_factory=list)
    deadline: str | None = None


def test_construct_fills_defaults_in_field_order_and_refuses_unknown_or_missing_fields() -> None:
    built = construct(_Headline, kind="none")
    assert built == _Headline(kind="none")
    assert list(built.__dict__) == list(_Headline.model_fields)
    assert built.model_fields_set == {"kind"}
    assert built.rules == [] and built.rules is not construct(_Headline, kind="none").rules  # a fresh default
    with pytest.raises(TypeError, match="no field"):
        construct(_Headline, kind="none", words="hello")
    with pytest.raises(TypeError, match="needs the field"):
        construct(_Headline, rules=[])
    # a light record (ADR 0014): the same, its slots filled by the class's builder
    assert construct(Message, key="x.y") == Message(key="x.y")
    assert construct(Message, key="x.y").args is not construct(Message, key="x.y").args
    assert repr(construct(LabelArg, enum="e", value="v")) == repr(LabelArg(enum="e", value="v"))
    with pytest.raises(TypeError, match="no field"):
        construct(Message, key="x.y", words="hello")
    with pytest.raises(TypeError, match="needs the field"):
        construct(Message, args={})
    item = construct(SummaryItem, kind="none")
    assert type(item) is SummaryItem and repr(item) == repr(SummaryItem(kind="none"))
    assert item.rules == [] and item.rules is not construct(SummaryItem, kind="none").rules
    with pytest.raises(TypeError, match="no field 'words'"):
        construct(SummaryItem, kind="none", words="hello")
    with pytest.raises(TypeError, match="needs the field 'kind'"):
        construct(SummaryItem, rules=[])


def test_replace_copies_a_light_record_with_changes_sharing_the_rest() -> None:
    title = message("deadline.x.title")
    built = construct(
        Deadline,
        id="x",
        title=title,
        date=date(2026, 1, 2),
        days_left=3,
        protects=message("deadline.x.protects"),
        citations=[],
        computation=[],
    )
    later = replace(built, date=date(2026, 2, 3), alternative_date=date(2026, 1, 2))
    assert type(later) is Deadline and later.title is title
    assert later == dataclasses.replace(built, date=date(2026, 2, 3), alternative_date=date(2026, 1, 2))
    assert built.date == date(2026, 1, 2) and built.alternative_date is None  # the original is unchanged
    with pytest.raises(TypeError, match="no field 'when'"):
        replace(built, when=date(2026, 2, 3))


def test_message_values_are_typed_as_validation_types_them() -> None:
    built = message("k.s", when=date(2026, 1, 2), n=3, flag=True, outcome=Outcome.APPLIES, items=[1, "a"], nested=None)
    adapter = TypeAdapter(Message)
    assert repr(adapter.validate_python(adapter.dump_python(built))) == repr(built)


def test_a_finding_with_an_untyped_outcome_is_refused() -> None:
    from levynav.core.law.release_grounds import INSTALLMENT_AGREEMENT as RULE

    with pytest.raises(TypeError, match="outcome"):
        RULE.finding("applies", "entered")  # type: ignore[arg-type]
    assert isinstance(RULE.finding(Outcome.APPLIES, "entered"), Finding)
