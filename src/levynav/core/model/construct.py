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
import keyword
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from levynav.core.model.message import Light, shell

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
    record (``model/message.py``: a frozen dataclass, ADR 0014) is made by its class's builder (``builder``)."""
    build = _BUILDERS.get(cls)
    if build is not None:
        try:
            return build(**values)  # type: ignore[no-any-return]
        except TypeError:
            _refuse(cls, values)
            raise
    shape = _SHAPES.get(cls)  # type: ignore[arg-type]
    if shape is None:
        if not issubclass(cls, BaseModel):
            _BUILDERS[cls] = builder(cls)
            return construct(cls, **values)
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


# -- light records (ADR 0014) -------------------------------------------------------------------------------------

_BUILDERS: dict[type, Callable[..., Any]] = {}


def builder(cls: type[M]) -> Callable[..., M]:
    """The builder of the light record class ``cls`` (a frozen, slotted pydantic dataclass): a function taking its
    fields as keyword arguments, with the class's defaults, that fills a shell (``message.shell``: the same slots,
    no frozen ``__setattr__``) one slot store per field and gives it the class (ADR 0014, decision 7). Written out
    for the class's fields once, as the standard library's ``dataclasses`` writes a class's ``__init__``: a loop
    over the fields calling ``setattr`` took twice as long, and ``object.__setattr__`` per field (what a frozen
    dataclass's own ``__init__`` does, after validating) five times. A default factory is called per record.

    Also for a plain frozen, slotted dataclass of the core's calculations (calc/csed_types.py: one made for every
    period of every analysis), whose own ``__init__`` pays the same ``object.__setattr__`` per field: its shell is
    a plain class with its slots."""
    namespace: dict[str, Any] = {"_shell": _shell_of(cls), "_cls": cls, "_MISSING": _NO_DEFAULT}
    params: list[str] = []
    stores: list[str] = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        name = f.name
        if not name.isidentifier() or keyword.iskeyword(name):  # never: a declared field is a name
            raise TypeError(f"{cls.__name__} has a field {name!r} that is not a name")
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{name}"] = f.default
            params.append(f"{name}=_default_{name}")
            stores.append(f"built.{name} = {name}")
        elif f.default_factory is not dataclasses.MISSING:
            namespace[f"_factory_{name}"] = f.default_factory
            params.append(f"{name}=_MISSING")
            stores.append(f"built.{name} = _factory_{name}() if {name} is _MISSING else {name}")
        else:
            params.append(name)
            stores.append(f"built.{name} = {name}")
    # the shell called, not ``object.__new__(shell)``: the call goes straight to the type's slots (model/message.py)
    lines = [f"def build(*, {', '.join(params)}):", "    built = _shell()"]
    lines += [f"    {store}" for store in stores]
    lines += ["    built.__class__ = _cls", "    return built"]
    exec("\n".join(lines), namespace)  # the source is made above from the class's own field names
    build: Callable[..., M] = namespace["build"]
    build.__qualname__ = f"{cls.__name__}.build"
    return build


def _shell_of(cls: type) -> type:
    """What ``builder`` fills: a light record's shell (``message.shell``), or for a plain frozen, slotted dataclass
    a plain class with the same slots (``__class__`` may only be set between classes of the same layout)."""
    if issubclass(cls, Light):
        return shell(cls)  # type: ignore[no-any-return]
    if cls.__bases__ != (object,) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is neither a light record nor a plain slotted dataclass")
    return type(f"{cls.__name__}Shell", (), {"__slots__": cls.__dict__["__slots__"]})


def _refuse(cls: type, values: dict[str, Any]) -> None:
    """The TypeError a builder's call raised, said as ``construct`` says it (the field by name)."""
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {unknown[0]!r}")
    for f in dataclasses.fields(cls):
        if f.name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise TypeError(f"{cls.__name__} needs the field {f.name!r}")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def replace(built: M, /, **changes: Any) -> M:
    """A copy of the light record ``built`` with ``changes``, made by its builder: ``dataclasses.replace`` without
    validating again the values the record already holds (its ``__init__`` would). Only the changed fields are
    new; the others are the same objects (a light record is frozen, so sharing them is safe)."""
    cls = type(built)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    values = {name: getattr(built, name) for name in names}
    values.update(changes)
    return construct(cls, **values)
