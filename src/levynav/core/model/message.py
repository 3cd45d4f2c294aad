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
)

_new = object.__new__
_set = object.__setattr__


def _made(cls: type[BaseModel], data: dict[str, Any]) -> Any:
    """``construct.record`` inlined for the few builders called for every message value (every field given)."""
    built = _new(cls)
    _set(built, "__dict__", data)
    _set(built, "__pydantic_fields_set__", set(data))
    _set(built, "__pydantic_extra__", None)
    _set(built, "__pydantic_private__", None)
    return built


def _as_is(value: Any) -> Any:
    return value


def _message_arg(value: Any) -> Any:
    return _made(MessageArg, {"type": "message", "value": value})


def _bool_arg(value: Any) -> Any:
    return _made(LabelArg, {"type": "label", "enum": "bool", "value": "yes" if value else "no"})


def _date_arg(value: Any) -> Any:
    return _made(DateArg, {"type": "date", "value": value})


def _money_arg(value: Any) -> Any:
    return _made(MoneyArg, {"type": "money", "value": value})


def _number_arg(value: Any) -> Any:
    return _made(NumberArg, {"type": "number", "value": value})


def _label_arg(value: Any) -> Any:
    return _made(LabelArg, {"type": "label", "enum": type(value).__name__, "value": value.value})


def _list_arg(value: Any) -> Any:
    return _made(ListArg, {"type": "list", "value": [arg(v) for v in value]})


def _text_arg(value: Any) -> Any:
    return _made(TextArg, {"type": "text", "value": "" if value is None else str(value)})


def _builder(kind: type) -> Any:
    """The builder for values of type ``kind``: the first of these tests that an instance passes (the order
    matters: a bool is an int, a StrEnum a str). A value's branch depends only on its type, so it is picked once
    per type and kept (``_BUILDERS``)."""
    if issubclass(kind, _ARG_TYPES):
        return _as_is
    if issubclass(kind, Message):
        return _message_arg
    if issubclass(kind, bool):
        return _bool_arg
    if issubclass(kind, dt.date):
        return _date_arg
    if issubclass(kind, Decimal):
        return _money_arg
    if issubclass(kind, int):
        return _number_arg
    if issubclass(kind, StrEnum):
        return _label_arg
    if issubclass(kind, (list, tuple)):
        return _list_arg
    return _text_arg


_BUILDERS: dict[type, Any] = {}


def arg(value: Any) -> Arg:
    """A typed message value: a date, money (``Decimal``), a count, an enumeration label, a nested message,
    a list, or verbatim text. The model is picked by the value's type (once per type, a table), so it is built
    without validating it again (``construct``)."""
    kind = type(value)
    build = _BUILDERS.get(kind)
    if build is None:
        build = _BUILDERS[kind] = _builder(kind)
    return build(value)  # type: ignore[no-any-return]


def message(key: str, **args: Any) -> Message:
    if not args:
        return _made(Message, {"key": key, "args": {}})  # type: ignore[no-any-return]
    builders = _BUILDERS
    values: dict[str, Any] = {}
    for name, value in args.items():
        build = builders.get(type(value))
        if build is None:
            build = builders[type(value)] = _builder(type(value))
        values[name] = build(value)
    return _made(Message, {"key": key, "args": values})  # type: ignore[no-any-return]
