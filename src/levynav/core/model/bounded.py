"""The base of every input model: limits and readings that hold for every field, whatever its name.

- a list has at most MAX_LIST_ITEMS items (checked before its items are validated);
- a text has at most MAX_TEXT_CHARS characters and no control character (NUL, ESC, a text-direction override);
- a number given as text is written with the digits 0-9 (not Arabic-Indic or full-width digits);
- a date lies between EARLIEST_DATE and LATEST_DATE (a plausible range; the analysis says when a
  date inside it falls outside what the rules' parameters cover);
- a number (a count, an age, an amount) is not given as true or false: pydantic would read ``true`` as 1,
  so a Parquet boolean column or ``household_size: true`` would become a household of one;
- a date is not given as a number: pydantic would read ``0`` or ``"86400"`` as seconds since 1970, so a
  number where a date belongs would become a day in 1970. A date is text ``YYYY-MM-DD`` (or a date).

A new field gets these checks without a line of its own: the last two are put in front of every whole
number and date in the model's schema when pydantic builds it (``__get_pydantic_core_schema__``),
so they cost nothing on the other fields. Messages name the limit, never the value.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, GetCoreSchemaHandler, field_validator
from pydantic_core import SchemaValidator, core_schema

from levynav.core.model import limits
from levynav.core.model.money import to_cents

NOT_TRUE_OR_FALSE = "must be a number, not true or false"
NOT_A_NUMBER_DATE = "must be a date written YYYY-MM-DD, not a number"
# a number as text: ``\d+(?:\.\d*)?`` is ``\d+\.?\d*`` without its two ways of splitting a run of digits, which a date
# ("2024-07-28": fullmatch fails at the dash) made the matcher try one by one (7 dates a case; twice the time)
_NUMBER_TEXT = re.compile(r"\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*")


# Codes that are not text: C0 controls but tab, line and page breaks (NUL, ESC: a terminal's commands, a calendar or PDF
# broken), DEL and C1 controls, and the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)
# that would show the rest of a name or address reversed on a letter to the IRS. The marks U+200E/U+200F stay allowed.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CONTROL_CHARACTERS = _CONTROL  # what a case's text may not hold; readers of documents blank them (intake/input_text)
CONTROL_CHARACTER = "holds a control character (a terminal, text-direction or NUL code); remove it"
# A number written in other digits (Arabic-Indic, full-width): Python reads "١٠٠" as 100 for an amount but pydantic
# refuses it for a count, and "1٠5" (the Arabic-Indic zero looks like a point) would be 105. Written 0-9 or refused.
_OTHER_DIGITS = re.compile(r"\s*[-+$]?[\d.,\s]*\d[\d.,\s]*")
ASCII_DIGITS = "a number must be written with the digits 0-9"
# A full taxpayer identification number in a text of the case (a name, an address, a note): an SSN or ITIN written
# 123-45-6789 or 123 45 6789, an EIN 12-3456789. levynav keeps only the last four digits (taxpayer.tin_last4) and
# prints a text on pages, letters, calendars and tables: a full number must never reach one. Phone numbers (3-3-4),
# ZIP+4 codes, dates and period ids are not of this form; an EIN's form counts only as a word of its own (an id such
# as gen-21-0000001 is not one).
FULL_TINS = re.compile(r"(?<!\d)\d{3}([- ])\d{2}\1\d{4}(?!\d)|(?<![\w-])\d{2}-\d{7}(?![\w-])")
FULL_TIN = (
    "holds what looks like a full SSN, ITIN or EIN; levynav keeps only its last four digits (taxpayer.tin_last4): "
    "remove it"
)


def check_date(value: date) -> date:
    if not limits.EARLIEST_DATE <= value <= limits.LATEST_DATE:
        raise ValueError(f"is outside the plausible range {limits.date_range_text()}")
    return value


def _no_true_or_false(value: Any) -> Any:
    if value is True or value is False:
        raise ValueError(NOT_TRUE_OR_FALSE)
    return value


def _no_number_for_date(value: Any) -> Any:
    if isinstance(value, str):
        if _NUMBER_TEXT.fullmatch(value) is not None:
            raise ValueError(NOT_A_NUMBER_DATE)
    elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        raise ValueError(NOT_A_NUMBER_DATE)
    return value


# pydantic itself refuses true/false for a Decimal (money); a float field would need the int guard
_GUARDS = {"int": _no_true_or_false, "float": _no_true_or_false, "date": _no_number_for_date}
_GUARD_FUNCTIONS = frozenset(_GUARDS.values())
_INNER = ("schema", "items_schema")  # the keys under which a schema wraps the schema of its value


def _guarded(schema: Any, model: type) -> Any:
    """``schema`` with a guard in front of each of its number and date leaves (nested models guard themselves)."""
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if kind in _GUARDS:
        return core_schema.no_info_before_validator_function(_GUARDS[kind], schema)
    if kind == "model" and schema.get("cls") is not model:
        return schema  # another model: its own schema carries its guards
    if kind == "function-before" and schema.get("function", {}).get("function") in _GUARD_FUNCTIONS:
        return schema  # guarded already
    if kind == "definitions":
        return {**schema, "schema": _guarded(schema["schema"], model)}
    if kind == "model-fields":
        fields = {
            name: {**f, "schema": _guarded(_date_check_where_needed(f["schema"]), model)}
            for name, f in schema["fields"].items()
        }
        return {**schema, "fields": fields}
    if kind == "union":
        return {**schema, "choices": [_guarded(c, model) for c in schema["choices"]]}
    changed = {key: _guarded(schema[key], model) for key in _INNER if key in schema}
    return {**schema, **changed} if changed else schema


# The value types a field's schema may give that are never a date nor a list holding one (so ``_plausible_dates``
# returns them as they are): text, numbers, flags, enumerations, models, None.
_NEVER_A_DATE = frozenset({"str", "int", "bool", "float", "decimal", "enum", "model", "none", "literal"})


def _may_give_date(schema: Any) -> bool:
    """Whether a value validated by ``schema`` may be a date, or a list holding one (True when not sure)."""
    kind = schema.get("type")
    if kind in _NEVER_A_DATE:
        return False
    if kind in ("nullable", "default", "function-before"):  # the value the inner schema gives, or None
        return _may_give_date(schema["schema"])
    if kind == "list":
        return "items_schema" not in schema or _may_give_date(schema["items_schema"])
    if kind == "function-after" and (schema["schema"].get("type") == "model" or _function(schema) is to_cents):
        return _may_give_date(schema["schema"])  # a model's own checks return the model; ``to_cents`` a Decimal
    return True


def _function(schema: Any) -> Any:
    fn = schema.get("function", {}).get("function")
    return getattr(fn, "__func__", fn)  # a validator declared as a classmethod is bound to its model


def _date_check_where_needed(schema: Any) -> Any:
    """A field's schema without its ``_plausible_dates`` check when the field's value is never a date (a text, a
    number, a list of models …): the check would return every such value as it is, and was one call from the
    validator into Python per field given (half of a case's 300). A field that may hold a date keeps it."""
    kind = schema.get("type")
    if kind == "default" or (kind in ("function-after", "function-before") and _function(schema) is not _PLAUSIBLE):
        inner = _date_check_where_needed(schema["schema"])
        return schema if inner is schema["schema"] else {**schema, "schema": inner}
    if kind == "function-after" and not _may_give_date(schema["schema"]):
        return schema["schema"]
    return schema


class Bounded(BaseModel):
    @classmethod
    def __get_pydantic_core_schema__(cls, source: type[BaseModel], handler: GetCoreSchemaHandler) -> Any:
        return _guarded(handler(source), cls)

    @field_validator("*", mode="before")
    @classmethod
    def _bounded_size(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)) and len(value) > limits.MAX_LIST_ITEMS:
            raise ValueError(f"has more than {limits.limit_text('MAX_LIST_ITEMS')} items")
        if isinstance(value, str):
            if len(value) > limits.MAX_TEXT_CHARS:
                raise ValueError(f"is longer than {limits.limit_text('MAX_TEXT_CHARS')} characters")
            if not value.isprintable() and _CONTROL.search(value) is not None:  # printable: no control (fast)
                raise ValueError(CONTROL_CHARACTER)
            if not value.isascii() and _OTHER_DIGITS.fullmatch(value) is not None:
                raise ValueError(ASCII_DIGITS)
            if FULL_TINS.search(value) is not None:
                raise ValueError(FULL_TIN)
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _plausible_dates(cls, value: Any) -> Any:
        if isinstance(value, date):
            check_date(value)
        elif isinstance(value, list) and value and isinstance(value[0], date):
            for i, item in enumerate(value):
                if isinstance(item, date) and not limits.EARLIEST_DATE <= item <= limits.LATEST_DATE:
                    raise ValueError(f"item [{i}] is outside the plausible range {limits.date_range_text()}")
        return value


_PLAUSIBLE = Bounded.__dict__["_plausible_dates"].__func__  # the date check, as ``_date_check_where_needed`` finds it


_BOUNDED_SIZE = Bounded.__dict__["_bounded_size"].__func__  # the size check, as ``lean_validator`` finds it
# The value types that refuse every text or list ``_bounded_size`` would refuse, whatever its length or characters:
# a flag, an enumeration member, a nested model (a mapping), a literal; a date behind its number guard (a text that is
# not a date YYYY-MM-DD is refused by the date's own parser, and a full SSN, a control code or other digits are not one)
_REFUSES_WHAT_SIZE_REFUSES = frozenset({"bool", "enum", "model", "literal"})


def _size_check_redundant(schema: Any) -> bool:
    while schema.get("type") == "nullable":
        schema = schema["schema"]
    kind = schema.get("type")
    if kind == "function-before" and _function(schema) is _no_number_for_date:
        return True
    return kind in _REFUSES_WHAT_SIZE_REFUSES


def _lean(schema: Any) -> Any:
    """``schema`` without the field checks its own types make redundant (``lean_validator``)."""
    if isinstance(schema, list):
        return [_lean(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if kind == "function-before" and _function(schema) is _BOUNDED_SIZE and _size_check_redundant(schema["schema"]):
        return _lean(schema["schema"])
    if kind == "function-after" and _function(schema) is _PLAUSIBLE and not _may_give_date(schema["schema"]):
        return _lean(schema["schema"])
    return {key: _lean(value) for key, value in schema.items()}


def lean_validator(model: type[BaseModel]) -> None:
    """Remake ``model``'s validator from its complete schema without the field checks its types make redundant.

    Every field of a ``Bounded`` model is size-checked in Python before pydantic reads it (``_bounded_size``), and a
    field that may hold a date is range-checked after (``_plausible_dates``): one call from the validator into Python
    each. For a flag, an enumeration, a date or a nested model the size check refuses nothing the type itself would
    not refuse, and for a value that is never a date the range check returns it as it is. ``_date_check_where_needed``
    takes the range check off such fields while a model's schema is built, but there an enumeration or a model used
    twice is only a reference, not yet its type; on the complete schema of the top model both checks are taken off
    wherever they are redundant (a third of a screened case's calls into Python while it is validated; the same
    values accepted and refused, by a test that gives every field of generated cases the hostile values)."""
    model.__pydantic_validator__ = SchemaValidator(_lean(model.__pydantic_core_schema__))
