"""Records the core builds from values it has already typed: made without running pydantic's validation again.

Validation stays at the boundaries — the ``Case`` a person gives, the JSON record ``levynav render`` reads — where
values come from outside. Inside an analysis the core builds about four hundred record objects per case (messages
and their typed values, findings, the facts they read), each from values that are already the right Python type
(``message``/``arg`` pick the model by ``isinstance``; a finding's outcome is an ``Outcome`` …). Validating those
again, nested lists and unions included, was about a quarter of the analysis. ``construct`` fills the fields in
their declared order (so the JSON is the same), the defaults (a fresh list for each ``default_factory``), and
records which fields were given, as pydantic's own constructor does.

The type checks move to where they can be made once: mypy on the callers' signatures, and a test
(tests/test_record_construct.py) that every example's and many generated cases' records validate back into
themselves (``Analysis.model_validate(record.model_dump()) == record``).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M")

_new = object.__new__
_set = object.__setattr__
_NO_DEFAULT = object()


class _Shape:
    """What ``construct`` needs of a model class, worked out once: every field in declared order with its default
    (a placeholder for a required field or one with a default factory), the factories, the required fields."""

    __slots__ = ("defaults", "factories", "required", "size")

    def __init__(self, cls: type[BaseModel]) -> None:
        self.defaults: dict[str, Any] = {}
        self.factories: list[tuple[str, Any]] = []
        self.required: list[str] = []
        for name, info in cls.model_fields.items():
            if info.default_factory is not None:
                self.factories.append((name, info.default_factory))
                self.defaults[name] = _NO_DEFAULT
            elif info.is_required():
                self.required.append(name)
                self.defaults[name] = _NO_DEFAULT
            else:
                self.defaults[name] = info.default
        self.size = len(self.defaults)


_SHAPES: dict[type[BaseModel], _Shape] = {}


def construct(cls: type[M], /, **values: Any) -> M:
    """A ``cls`` record holding ``values`` as given (no validation, no copy), the other fields at their defaults.
    A missing required field or an unknown name is a TypeError, as with the class's own constructor. A light
    record (``model/message.py``: a frozen dataclass, ADR 0014) is made the same way, its slots set directly."""
    shape = _SHAPES.get(cls)  # type: ignore[arg-type]
    if shape is None:
        if not issubclass(cls, BaseModel):
            return _light(cls, values)  # type: ignore[no-any-return]
        shape = _SHAPES[cls] = _Shape(cls)
    data = shape.defaults.copy()  # every field, in declared order; ``update`` keeps a known key where it is
    data.update(values)
    if len(data) != shape.size:
        raise TypeError(f"{cls.__name__} has no field {sorted(set(data) - set(shape.defaults))[0]!r}")
    for name in shape.required:
        if name not in values:
            raise TypeError(f"{cls.__name__} needs the field {name!r}")
    for name, factory in shape.factories:
        if name not in values:
            data[name] = factory()
    return record(cls, data, set(values))


def record(cls: type[M], data: dict[str, Any], given: set[str] | None = None) -> M:  # cls: a pydantic model
    """A ``cls`` record whose ``data`` already holds every field, in declared order (the few builders called for
    every message value use this directly; ``construct`` for the others). ``given``: the fields the caller set."""
    built = _new(cls)
    _set(built, "__dict__", data)
    _set(built, "__pydantic_fields_set__", set(data) if given is None else given)
    _set(built, "__pydantic_extra__", None)
    _set(built, "__pydantic_private__", None)
    return built


_LIGHT_SHAPES: dict[type, tuple[frozenset[str], tuple[tuple[str, Any, Any], ...]]] = {}


def _light(cls: Any, values: dict[str, Any]) -> Any:
    """A light record (a frozen, slotted dataclass: ADR 0014) holding ``values`` as given, the rest at defaults."""
    shape = _LIGHT_SHAPES.get(cls)
    if shape is None:
        fields = tuple((f.name, f.default, f.default_factory) for f in dataclasses.fields(cls))
        shape = _LIGHT_SHAPES[cls] = (frozenset(name for name, _, _ in fields), fields)
    names, fields = shape
    if not names.issuperset(values):
        raise TypeError(f"{cls.__name__} has no field {sorted(set(values) - names)[0]!r}")
    built = _new(cls)
    for name, default, factory in fields:
        if name in values:
            _set(built, name, values[name])
        elif default is not dataclasses.MISSING:
            _set(built, name, default)
        elif factory is not dataclasses.MISSING:
            _set(built, name, factory())  # type: ignore[operator]
        else:
            raise TypeError(f"{cls.__name__} needs the field {name!r}")
    return built
