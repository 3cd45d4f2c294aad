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

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_new = object.__new__
_set = object.__setattr__
_NO_DEFAULT = object()
# per model class: its fields in declared order, each with its default (or _NO_DEFAULT) and default factory
_SHAPES: dict[type[BaseModel], tuple[tuple[tuple[str, Any, Any], ...], frozenset[str]]] = {}


def _shape(cls: type[BaseModel]) -> tuple[tuple[tuple[str, Any, Any], ...], frozenset[str]]:
    fields: list[tuple[str, Any, Any]] = []
    for name, info in cls.model_fields.items():
        if info.default_factory is not None:
            fields.append((name, _NO_DEFAULT, info.default_factory))
        elif info.is_required():
            fields.append((name, _NO_DEFAULT, None))
        else:
            fields.append((name, info.default, None))
    shape = (tuple(fields), frozenset(cls.model_fields))
    _SHAPES[cls] = shape
    return shape


def construct(cls: type[M], /, **values: Any) -> M:
    """A ``cls`` record holding ``values`` as given (no validation, no copy), the other fields at their defaults.
    A missing required field or an unknown name is a TypeError, as with the class's own constructor."""
    fields, names = _SHAPES.get(cls) or _shape(cls)
    if not names.issuperset(values):
        raise TypeError(f"{cls.__name__} has no field {sorted(set(values) - names)[0]!r}")
    data: dict[str, Any] = {}
    for name, default, factory in fields:
        if name in values:
            data[name] = values[name]
        elif factory is not None:
            data[name] = factory()
        elif default is _NO_DEFAULT:
            raise TypeError(f"{cls.__name__} needs the field {name!r}")
        else:
            data[name] = default
    return record(cls, data, set(values))


def record(cls: type[M], data: dict[str, Any], given: set[str] | None = None) -> M:
    """A ``cls`` record whose ``data`` already holds every field, in declared order (the few builders called for
    every message value use this directly; ``construct`` for the others). ``given``: the fields the caller set."""
    built = _new(cls)
    _set(built, "__dict__", data)
    _set(built, "__pydantic_fields_set__", set(data) if given is None else given)
    _set(built, "__pydantic_extra__", None)
    _set(built, "__pydantic_private__", None)
    return built
