"""Message references: a catalog key and its typed values (``{key, args}``). The record holds these (findings,
deadlines, steps, the finances and the collection statute); the renderers of ``levynav.explain`` turn them into
sentences in a language (docs/json-contract.md, "Message")."""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from levynav.core.model.construct import record


class DateArg(BaseModel):
    type: Literal["date"] = "date"
    value: date


class MoneyArg(BaseModel):
    type: Literal["money"] = "money"
    value: Decimal


class NumberArg(BaseModel):
    type: Literal["number"] = "number"
    value: int


class TextArg(BaseModel):
    """Verbatim text that is not translated: a name, a form or notice number, a tax period, a phone number."""

    type: Literal["text"] = "text"
    value: str


class LabelArg(BaseModel):
    """A value of an enumeration (a levy kind, an outcome …), rendered through the labels of the language."""

    type: Literal["label"] = "label"
    enum: str
    value: str


class MessageArg(BaseModel):
    """A nested message (a clause the sentence quotes)."""

    type: Literal["message"] = "message"
    value: Message


class ListArg(BaseModel):
    """Several values, rendered as a list in the language ("a, b and c")."""

    type: Literal["list"] = "list"
    value: list[Arg]


class SentencesArg(BaseModel):
    """Whole sentences (nested messages), rendered one after the other; none renders as nothing."""

    type: Literal["sentences"] = "sentences"
    value: list[Message]


Arg = Annotated[
    DateArg | MoneyArg | NumberArg | TextArg | LabelArg | MessageArg | ListArg | SentencesArg,
    Field(discriminator="type"),
]


class Message(BaseModel):
    """A reference to words: a catalog key (``RULE-ID.situation``, ``plan.R6343-A1`` …) and its typed values.
    The record holds these; the renderers of ``levynav.explain`` turn them into sentences in a language."""

    key: str
    args: dict[str, Arg] = Field(default_factory=dict)


MessageArg.model_rebuild()
ListArg.model_rebuild()
SentencesArg.model_rebuild()


_ARG_TYPES = (
    DateArg,
    MoneyArg,
    NumberArg,
    TextArg,
    LabelArg,
    MessageArg,
    ListArg,
    SentencesArg,
)  # a tuple: isinstance is faster


def arg(value: Any) -> Arg:
    """A typed message value: a date, money (``Decimal``), a count, an enumeration label, a nested message,
    a list, or verbatim text. The model is picked by the value's type, so it is built without validating it
    again (``construct``)."""
    if isinstance(value, _ARG_TYPES):
        return value
    if isinstance(value, Message):
        return record(MessageArg, {"type": "message", "value": value})
    if isinstance(value, bool):
        return record(LabelArg, {"type": "label", "enum": "bool", "value": "yes" if value else "no"})
    if isinstance(value, dt.date):
        return record(DateArg, {"type": "date", "value": value})
    if isinstance(value, Decimal):
        return record(MoneyArg, {"type": "money", "value": value})
    if isinstance(value, int):
        return record(NumberArg, {"type": "number", "value": value})
    if isinstance(value, StrEnum):
        return record(LabelArg, {"type": "label", "enum": type(value).__name__, "value": value.value})
    if isinstance(value, (list, tuple)):
        return record(ListArg, {"type": "list", "value": [arg(v) for v in value]})
    return record(TextArg, {"type": "text", "value": "" if value is None else str(value)})


def message(key: str, **args: Any) -> Message:
    return record(Message, {"key": key, "args": {k: arg(v) for k, v in args.items()} if args else {}})
