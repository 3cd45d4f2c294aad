"""The input type of a Case field path, read from the Case model (so a path that is not a real field fails)."""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from levynav.core.model.case import Case

INDEX = re.compile(r"\[\d+\]")


def pattern(path: str) -> str:
    """``levies[0].served_date`` -> ``levies[].served_date``."""
    return INDEX.sub("[]", path)


@dataclass(frozen=True)
class FieldKind:
    kind: str  # date | yes_no | money | number | choice | text | text_list | add_item
    choices: tuple[str, ...] = ()
    item: type[BaseModel] | None = None  # add_item: the model of one new item
    form: str | None = None  # text: the case model's pattern the answer must match (a state's two letters)

    @property
    def digits_only(self) -> bool:
        """A text answer made of digits only (a county code, the last four digits of a number): a phone shows its
        number keypad for it."""
        return self.form is not None and DIGITS_ONLY.match(self.form) is not None


# A text field whose pattern is a list of words ("^(daily|weekly|monthly)$") is a choice among them: a person asked
# "how often are you paid?" could not know to type "biweekly", and "every two weeks" was refused.
ALTERNATIVES = re.compile(r"^\^\(([A-Za-z0-9_]+(?:\|[A-Za-z0-9_]+)+)\)\$$")
DIGITS_ONLY = re.compile(r"^\^(?:\\d(?:\{\d+(?:,\d*)?\}|[+*?])?)+\$$")


def _text_pattern(path: str, root: type[BaseModel]) -> str | None:
    """The ``pattern`` constraint of the string field at ``path`` (pydantic keeps it in the field's metadata)."""
    model: Any = root
    segments = pattern(path).split(".")
    for segment in segments[:-1]:
        name = segment.removesuffix("[]")
        tp = _unwrap(model.model_fields[name].annotation)
        model = _unwrap(get_args(tp)[0]) if get_origin(tp) is list else tp
    info = model.model_fields[segments[-1].removesuffix("[]")]
    for meta in info.metadata:
        found = getattr(meta, "pattern", None)
        if isinstance(found, str):
            return found
    return None


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def annotation(path: str, root: type[BaseModel] = Case) -> Any:
    """The (unwrapped) type at a field path; KeyError when the path is not a field of the model."""
    tp: Any = root
    for segment in pattern(path).split("."):
        name, listed = (segment[:-2], True) if segment.endswith("[]") else (segment, False)
        if not (isinstance(tp, type) and issubclass(tp, BaseModel)) or name not in tp.model_fields:
            raise KeyError(path)
        tp = _unwrap(tp.model_fields[name].annotation)
        if listed:
            if get_origin(tp) is not list:
                raise KeyError(path)
            tp = _unwrap(get_args(tp)[0])
    return tp


def kind_of(path: str, root: type[BaseModel] = Case) -> FieldKind:
    tp = annotation(path, root)
    if get_origin(tp) is list:
        inner = _unwrap(get_args(tp)[0])
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return FieldKind("add_item", item=inner)
        return FieldKind("text_list")
    if tp is bool:
        return FieldKind("yes_no")
    if tp is date:
        return FieldKind("date")
    if tp is Decimal:
        return FieldKind("money")
    if tp is int:
        return FieldKind("number")
    if isinstance(tp, type) and issubclass(tp, Enum):
        return FieldKind("choice", choices=tuple(str(m.value) for m in tp))
    if tp is str:
        form = _text_pattern(path, root)
        words = ALTERNATIVES.match(form or "")
        if words is not None:
            return FieldKind("choice", choices=tuple(words.group(1).split("|")))
        return FieldKind("text", form=form)
    raise KeyError(path)
