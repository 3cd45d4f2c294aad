"""Message references: a catalog key and its typed values (``{key, args}``). The record holds these (findings,
deadlines, steps, the finances and the collection statute); the renderers of ``levynav.explain`` turn them into
sentences in a language (docs/json-contract.md, "Message").

They are the most numerous objects of a record (≈ 125 messages and ≈ 115 values per example case), so they are
light (ADR 0014): slotted, frozen dataclasses, made without a ``__dict__`` and without running ``__init__`` when
the core builds them (``message``/``arg``). Pydantic knows them as dataclasses: a record holding them validates
them from the contract's dict shape and writes them back to the same JSON, and the JSON Schema is the one the
pydantic models had (tests/test_light_records.py). Frozen: a value made once can be shared within a record (and a
message without values across records, ``message``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter
from pydantic.dataclasses import dataclass

from levynav.core import lawdata

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(cls: type) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


class Light:
    """What a face may still ask of these as of the pydantic models they were: validating one from its dict shape
    and writing it back (through pydantic, the same schema a record holding them uses). No per-object cost."""

    __slots__ = ()

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        return _adapter(cls).validate_python(data)

    def model_dump(self, *, mode: Literal["json", "python"] = "python") -> Any:
        return _adapter(type(self)).dump_python(self, mode=mode)

    def model_dump_json(self) -> str:
        return _adapter(type(self)).dump_json(self).decode()


@dataclass(frozen=True, slots=True, kw_only=True)
class DateArg(Light):
    type: Literal["date"] = "date"
    value: date


@dataclass(frozen=True, slots=True, kw_only=True)
class MoneyArg(Light):
    type: Literal["money"] = "money"
    value: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberArg(Light):
    type: Literal["number"] = "number"
    value: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TextArg(Light):
    """Verbatim text that is not translated: a name, a form or notice number, a tax period, a phone number."""

    type: Literal["text"] = "text"
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldArg(Light):
    """A field of the case by its path (``levies[0].served_date``): the renderer says it in words in the language
    ("Levy 1 — date served"), never as the path (``explain.field_names``)."""

    type: Literal["field"] = "field"
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelArg(Light):
    """A value of an enumeration (a levy kind, an outcome …), rendered through the labels of the language."""

    type: Literal["label"] = "label"
    enum: str
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageArg(Light):
    """A nested message (a clause the sentence quotes)."""

    type: Literal["message"] = "message"
    value: Message


@dataclass(frozen=True, slots=True, kw_only=True)
class ListArg(Light):
    """Several values, rendered as a list in the language ("a, b and c")."""

    type: Literal["list"] = "list"
    value: list[Arg]


@dataclass(frozen=True, slots=True, kw_only=True)
class SentencesArg(Light):
    """Whole sentences (nested messages), rendered one after the other; none renders as nothing."""

    type: Literal["sentences"] = "sentences"
    value: list[Message]


Arg = Annotated[
    DateArg | MoneyArg | NumberArg | TextArg | FieldArg | LabelArg | MessageArg | ListArg | SentencesArg,
    Field(discriminator="type"),
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Message(Light):
    """A reference to words: a catalog key (``RULE-ID.situation``, ``plan.R6343-A1`` …) and its typed values.
    The record holds these; the renderers of ``levynav.explain`` turn them into sentences in a language."""

    key: str
    args: dict[str, Arg] = field(default_factory=dict)


ARG_TYPES = (
    DateArg,
    MoneyArg,
    NumberArg,
    TextArg,
    FieldArg,
    LabelArg,
    MessageArg,
    ListArg,
    SentencesArg,
)

LIGHT_RECORDS = (Message, *ARG_TYPES)  # the light record classes (model/construct.py builds them too)

# Built without ``__init__`` (a frozen dataclass's ``__init__`` goes through ``object.__setattr__`` field by field,
# and checks nothing the builders do not already know): a shell — a plain class with the same slots in the same
# order, and no frozen ``__setattr__`` — is filled attribute by attribute, then made the record class by
# ``built.__class__ = cls`` (the slots line up, so nothing is copied). A slot store is one bytecode; each
# ``object.__setattr__(built, name, value)`` call it replaces cost about as much as building a small object.
# The shell is made by calling it (``_MESSAGE()``: it has no ``__init__`` of its own), not by
# ``object.__new__(shell)``: the call goes straight to the type's slots, where ``object.__new__`` from Python goes
# through its argument-checking wrapper (≈ 700 fewer machine instructions an object, measured with callgrind).


def shell(cls: type) -> Any:
    """A plain class with the slots of the light record class ``cls`` (same names, same order): what its builder
    fills before it sets ``__class__`` to ``cls``. Never handed out as a shell."""
    return type(f"{cls.__name__}Shell", (Light,), {"__slots__": cls.__slots__})  # type: ignore[attr-defined]


_MESSAGE = shell(Message)
_DATE = shell(DateArg)
_MONEY = shell(MoneyArg)
_NUMBER = shell(NumberArg)
_TEXT = shell(TextArg)
_LABEL = shell(LabelArg)
_MESSAGE_ARG = shell(MessageArg)
_LIST = shell(ListArg)
_FIELD = shell(FieldArg)


def _as_is(value: Any) -> Any:
    return value


def _message_arg(value: Any) -> Any:
    built = _MESSAGE_ARG()
    built.type = "message"
    built.value = value
    built.__class__ = MessageArg
    return built


def _bool_arg(value: Any) -> Any:
    return label_arg("bool", "yes" if value else "no")


def _date_arg(value: Any) -> Any:
    built = _DATE()
    built.type = "date"
    built.value = value
    built.__class__ = DateArg
    return built


def _money_arg(value: Any) -> Any:
    built = _MONEY()
    built.type = "money"
    built.value = value
    built.__class__ = MoneyArg
    return built


def _number_arg(value: Any) -> Any:
    built = _NUMBER()
    built.type = "number"
    built.value = value
    built.__class__ = NumberArg
    return built


def _label_arg(value: Any) -> Any:
    built = _LABEL()  # ``label_arg(type(value).__name__, value.value)``, without the second call
    built.type = "label"
    built.enum = type(value).__name__
    built.value = value._value_  # ``.value`` without the enum property's descriptor call
    built.__class__ = LabelArg
    return built


def _list_arg(value: Any) -> Any:
    built = _LIST()
    built.type = "list"
    built.value = [arg(v) for v in value]
    built.__class__ = ListArg
    return built


def _text_arg(value: Any) -> Any:
    built = _TEXT()
    built.type = "text"
    built.value = "" if value is None else str(value)
    built.__class__ = TextArg
    return built


def label_arg(enum: str, value: str) -> LabelArg:
    """A label value (``LabelArg(enum=…, value=…)``), built as ``arg`` builds one."""
    built = _LABEL()
    built.type = "label"
    built.enum = enum
    built.value = value
    built.__class__ = LabelArg
    return built  # type: ignore[no-any-return]


def field_arg(path: str) -> FieldArg:
    """A case field named in a sentence, by its path (``FieldArg``); the renderer says it in words."""
    built = _FIELD()
    built.type = "field"
    built.value = path
    built.__class__ = FieldArg
    return built  # type: ignore[no-any-return]


def field_args(paths: Any) -> ListArg:
    """Several case fields named in a sentence, listed in the language ("a, b and c")."""
    built = _LIST()
    built.type = "list"
    built.value = [field_arg(p) for p in paths]
    built.__class__ = ListArg
    return built  # type: ignore[no-any-return]


def _builder(kind: type) -> Any:
    """The builder for values of type ``kind``: the first of these tests that an instance passes (the order
    matters: a bool is an int, a StrEnum a str). A value's branch depends only on its type, so it is picked once
    per type and kept (``_BUILDERS``)."""
    if issubclass(kind, ARG_TYPES):
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
    a list, or verbatim text. The class is picked by the value's type (once per type, a table)."""
    kind = type(value)
    build = _BUILDERS.get(kind)
    if build is None:
        build = _BUILDERS[kind] = _builder(kind)
    return build(value)  # type: ignore[no-any-return]


# the messages without values said under the Law bundle of the running analysis: [bundle, {key: message}]
_SAID: list[Any] = [None, {}]


def message(key: str, **args: Any) -> Message:
    """A message reference. One without values (≈ 20 an analysis: a deadline's title, a counting clause) is immutable
    and the same wherever it is said, so it is made once per key and Law bundle, as ``lawdata.kept`` keeps values,
    and every record holds it; outside an analysis a fresh one (no bundle is loaded for it)."""
    if args:
        return message_of(key, args)  # the keyword dict is this call's own
    law = lawdata.running()
    if law is None:
        return message_of(key, args)
    memo = _SAID
    if memo[0] is not law:
        memo[0], memo[1] = law, {}
    hit = memo[1].get(key)
    if hit is None:
        hit = memo[1][key] = message_of(key, args)
    return hit  # type: ignore[no-any-return]


def message_of(key: str, args: dict[str, Any]) -> Message:
    """``message(key, **args)`` for a dict of values the caller made for it (``Rule.finding``'s keyword values): the
    dict becomes the message's, so it is not copied. Never pass a dict anyone else holds.

    The values are typed when the message's ``args`` are first read (``_Args``: by a renderer, the record's JSON, a
    comparison), not here: a screen that writes only flags never reads them (ADR 0016, option 1)."""
    built = _MESSAGE()
    built.key = key
    if args:
        args[_PENDING] = None  # typed on first read (``_Args.__get__``)
    built.args = args
    built.__class__ = Message
    return built  # type: ignore[no-any-return]


# A message's values as given, waiting to be typed: the key ``_PENDING`` in its ``args`` dict marks it. Not a string,
# so no value's name can be it; never seen outside this module (``Message.args`` types the values and drops it).
_PENDING: Any = object()
_ARGS_SLOT = Message.__dict__["args"]  # the slot pydantic's dataclass made for ``args``
_slot_get = _ARGS_SLOT.__get__
_slot_set = _ARGS_SLOT.__set__


class _Args:
    """``Message.args``: the slot, read through this descriptor, which types the values of a message made by
    ``message_of`` the first time they are read. The typed dict is a new one, set in the slot once made, so another
    thread reading the same (shared) message sees either the pending dict (and types it too, the same way) or the
    typed one, never a half-typed dict."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        args = _slot_get(obj, owner)
        if _PENDING not in args:
            return args
        builders = _BUILDERS
        typed = {}
        for name, value in args.items():
            if name is _PENDING:
                continue
            build = builders.get(type(value))
            if build is None:
                build = builders[type(value)] = _builder(type(value))
            typed[name] = build(value)
        _slot_set(obj, typed)
        return typed

    def __set__(self, obj: Any, value: Any) -> None:
        _slot_set(obj, value)

    def __delete__(self, obj: Any) -> None:
        _ARGS_SLOT.__delete__(obj)


Message.args = _Args()  # type: ignore[misc,assignment]  # the slot, read through ``_Args``
