"""YAML and JSON parsed within bounds, before any value is built.

``parse_yaml`` first walks the parser's events (libyaml's C parser when present; no recursion, no
values built) and stops at the first of: nesting deeper than MAX_NESTING_DEPTH, more than
MAX_ALIASES aliases, more than MAX_EXPANDED_NODES values once aliases are expanded (the "billion
laughs" bomb), a whole number longer than MAX_INTEGER_DIGITS, a mapping key given twice, a
mapping key that is not plain text. Only a document that passes is built, with the safe loader
and no implicit dates (a bad date is then reported by the model, by field).

A number with a fraction or an exponent (``100.10000000000000001``, ``1.5e3``) is read as the exact ``Decimal`` it
writes, in YAML and JSON alike, never through a binary float: a float would round it silently (that amount became
$100.10, while ``100.105`` was refused as having more than two decimal places), so the model's own checks see what
was written. Such a number of more than MAX_INTEGER_DIGITS digits, or with an exponent past them, is refused.

A whole number is read as the decimal digits it writes. YAML 1.1, which the safe loader follows, reads ``01150`` as
the octal 616, ``0x47e`` and ``0b101`` as hexadecimal and binary, and ``19:10`` as the base-60 1150 (a float
``1:30.5`` too): a housing cost of 01150 became $616 without a word. Such a plain scalar is kept as the text it is
(``_yaml_int``), so the model reads ``01150`` as 1150 where it wants a number, keeps ``04013`` whole where it wants
text (a county FIPS code), and refuses ``0x47e`` or ``19:10`` by its field.

``parse_json`` checks the nesting depth with one linear pass over the brackets outside strings
and bounds whole numbers while decoding; duplicate keys are refused the same way.

Every refusal is a ``BoundsError`` whose message starts with the field path (or "(file)") and
names the limit; no value from the file is echoed.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from levynav.core.model import limits
from levynav.intake.field_names import field_path, key_text

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CaseYamlLoader(_BaseLoader):  # type: ignore[misc]
    """Safe YAML (C loader when available) without implicit dates: dates stay text for the model; a number with a
    fraction or an exponent is its exact Decimal (``exact_number``)."""


CaseYamlLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class BoundsError(ValueError):
    """Input past a limit or ambiguous (a duplicate key); ``problem`` is one "path: problem" line."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class DuplicateKeyError(BoundsError):
    """A key given twice in one JSON object (``no_duplicate_keys``); ``loads_unique`` names it by its whole path."""


_FLOAT = "tag:yaml.org,2002:float"


def exact_number(text: str) -> Decimal:
    """A number written with a fraction or an exponent, as the exact Decimal it writes (``parse_float`` of JSON).

    Past MAX_INTEGER_DIGITS digits, or with an exponent reaching past them (``1e400``), it is a ``BoundsError``: such a
    figure is no amount or count of a case, and a whole number built from it would be too long to print."""
    value = Decimal(text)
    if value.is_finite():
        digits = len(value.as_tuple().digits)
        if digits > limits.MAX_INTEGER_DIGITS or abs(value.adjusted()) > limits.MAX_INTEGER_DIGITS:
            raise BoundsError(f"(file): a number longer than {limits.limit_text('MAX_INTEGER_DIGITS')} digits")
    return value


def _yaml_float(loader: Any, node: Any) -> Any:
    """A YAML float as ``exact_number`` reads it; ``.inf`` and ``.nan`` as the safe loader builds them (not finite:
    the model refuses them); the base-60 ``1:30.5`` as its text (see the module doc: it is not 90.5)."""
    text = str(node.value).replace("_", "")
    if ":" in text:
        return str(node.value)
    if "inf" not in text.lower() and "nan" not in text.lower():
        try:
            return exact_number(text)
        except InvalidOperation:
            pass  # not a number Decimal reads ("1.2.3"): the safe loader's own refusal below
    return yaml.SafeLoader.construct_yaml_float(loader, node)


CaseYamlLoader.add_constructor(_FLOAT, _yaml_float)

_INT = "tag:yaml.org,2002:int"
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _yaml_int(loader: Any, node: Any) -> Any:
    """A YAML whole number written in decimal digits (``1_000`` too) as that number; one YAML 1.1 reads in another
    base (``017``, ``0o17``, ``0x1F``, ``0b101``, ``1:30``) as the text it is (see the module doc)."""
    text = str(node.value)
    if _DECIMAL_INT.fullmatch(text.replace("_", "")) is None:
        return text
    return yaml.SafeLoader.construct_yaml_int(loader, node)


CaseYamlLoader.add_constructor(_INT, _yaml_int)


class _KeyResolver(yaml.resolver.Resolver):
    """What the case loader reads a plain scalar as (the same implicit types: no dates)."""


_KeyResolver.yaml_implicit_resolvers = CaseYamlLoader.yaml_implicit_resolvers
_KEYS = _KeyResolver()
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
KEY_NOT_TEXT = "a mapping key must be text (YAML reads this one as a number, true/false or nothing; put it in quotes)"


def _key_is_text(event: Any) -> bool:
    """A scalar key the loader builds as text: quoted, tagged !!str, or plain and not read as another type (a
    number, true/false or null: ``1:``, ``yes:``, ``~:``); the merge key ``<<`` is the loader's own."""
    if event.tag not in (None, "!"):
        return bool(event.tag == _STR)
    if not event.implicit[0]:
        return True
    return _KEYS.resolve(yaml.ScalarNode, event.value, (True, False)) in (_STR, _MERGE)  # type: ignore[no-untyped-call]


_INT_LIKE: re.Pattern[str] = next(  # the safe loader's own pattern for a plain scalar that is a whole number
    regexp for tag, regexp in yaml.SafeLoader.yaml_implicit_resolvers["1"] if tag == "tag:yaml.org,2002:int"
)


def _join(path: list[str]) -> str:
    out = ""
    for part in path:
        out += part if part.startswith("[") else ("." if out else "") + part
    return out or "(file)"


def _at(event: Any) -> str:
    mark = getattr(event, "start_mark", None)
    return f" (line {mark.line + 1})" if mark is not None else ""


def _key_text(key: str) -> str:
    return key_text(key)


class _Frame:
    __slots__ = ("anchor", "index", "is_map", "key", "keys", "start")

    def __init__(self, is_map: bool, anchor: str | None, start: int) -> None:
        self.is_map = is_map
        self.anchor = anchor
        self.start = start
        self.index = 0  # sequence: next item index; mapping: 0 = expecting a key, 1 = expecting a value
        self.key: str | None = None
        self.keys: set[str] = set()


def check_yaml_events(text: str) -> None:
    """Raise ``BoundsError`` at the first limit the document passes (see the module doc)."""
    stack: list[_Frame] = []
    sizes: dict[str, int] = {}
    aliases = 0
    nodes = 0

    def path() -> str:
        parts: list[str] = []
        for f in stack:
            if f.is_map:
                if f.key is not None and f.index == 1:
                    parts.append(_key_text(f.key))
            else:
                parts.append(f"[{f.index}]")
        return _join(parts)

    def node_done() -> None:
        """A value (or key) of the innermost collection is complete."""
        if not stack:
            return
        top = stack[-1]
        if top.is_map:
            if top.index == 1:
                top.index, top.key = 0, None
            else:
                top.index = 1
        else:
            top.index += 1

    def check_key(event: Any, scalar: str | None) -> None:
        if not stack or not stack[-1].is_map or stack[-1].index != 0:
            return
        top = stack[-1]
        if scalar is None:
            raise BoundsError(f"{path()}: a mapping key must be plain text{_at(event)}")
        if not _key_is_text(event):
            top.key, top.index = scalar, 1
            raise BoundsError(f"{path()}: {KEY_NOT_TEXT}{_at(event)}")
        if scalar in top.keys and scalar != "<<":
            top.key = scalar
            top.index = 1
            raise BoundsError(f"{path()}: the key is given twice in the same mapping{_at(event)}")
        top.keys.add(scalar)
        top.key = scalar

    try:
        for event in yaml.parse(text, Loader=CaseYamlLoader):
            if isinstance(event, yaml.ScalarEvent):
                check_key(event, event.value)
                nodes += 1
                value = event.value
                if event.implicit[0] and len(value) > limits.MAX_INTEGER_DIGITS and _INT_LIKE.match(value) is not None:
                    raise BoundsError(
                        f"{path()}: a number longer than {limits.limit_text('MAX_INTEGER_DIGITS')} digits{_at(event)}"
                    )
                if event.anchor is not None:
                    sizes[event.anchor] = 1
                node_done()
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                check_key(event, None)
                nodes += 1
                if len(stack) >= limits.MAX_NESTING_DEPTH:
                    raise BoundsError(
                        f"{path()}: lists and mappings nested deeper than "
                        f"{limits.limit_text('MAX_NESTING_DEPTH')}{_at(event)}"
                    )
                stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), event.anchor, nodes))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                frame = stack.pop()
                if frame.anchor is not None:
                    sizes[frame.anchor] = nodes - frame.start + 1
                node_done()
            elif isinstance(event, yaml.AliasEvent):
                check_key(event, None)
                aliases += 1
                if aliases > limits.MAX_ALIASES:
                    raise BoundsError(
                        f"{path()}: more than {limits.limit_text('MAX_ALIASES')} aliases (*name) in the file"
                        f"{_at(event)}"
                    )
                nodes += sizes.get(event.anchor or "", 1)
                node_done()
            else:
                continue
            if nodes > limits.MAX_EXPANDED_NODES:
                raise BoundsError(
                    f"{path()}: more than {limits.limit_text('MAX_EXPANDED_NODES')} values once the aliases "
                    f"are expanded{_at(event)}"
                )
    except yaml.YAMLError as exc:
        raise BoundsError(_yaml_problem(exc)) from None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    line = f" at line {mark.line + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or "cannot be parsed"
    if "nesting depth" in problem:  # libyaml's own limit, above ours: say ours
        return f"(file): lists and mappings nested deeper than {limits.limit_text('MAX_NESTING_DEPTH')}{line}"
    return f"(file): not valid YAML{line}: {problem}"


def parse_yaml(text: str) -> Any:
    """The document as Python values, once it passes ``check_yaml_events``."""
    check_yaml_events(text)
    try:
        return yaml.load(text, Loader=CaseYamlLoader)
    except yaml.YAMLError as exc:
        raise BoundsError(_yaml_problem(exc)) from None
    except BoundsError:
        raise
    except (ValueError, TypeError, RecursionError, OverflowError) as exc:  # a value the constructor refuses
        raise BoundsError(f"(file): a value cannot be read ({exc.__class__.__name__})") from None


def check_depth(value: Any) -> None:
    """Nesting deeper than MAX_NESTING_DEPTH in parsed values, found without recursion."""
    todo: list[tuple[Any, int]] = [(value, 0)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, (dict, list)):
            if depth >= limits.MAX_NESTING_DEPTH:
                raise BoundsError(
                    f"(file): lists and mappings nested deeper than {limits.limit_text('MAX_NESTING_DEPTH')}"
                )
            children = item.values() if isinstance(item, dict) else item
            todo.extend((child, depth + 1) for child in children)


def _bounded_int(raw: str) -> int:
    if len(raw.lstrip("-")) > limits.MAX_INTEGER_DIGITS:
        raise BoundsError(f"(file): a number longer than {limits.limit_text('MAX_INTEGER_DIGITS')} digits")
    return int(raw)


KEY_TWICE = "the key is given twice in the same mapping"


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict (``object_pairs_hook``); ``BoundsError`` naming a key given twice in it."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(f"{_key_text(key)}: {KEY_TWICE}")
            seen.add(key)
    return out


class _Twice(dict[str, Any]):
    """A JSON object that holds a key twice: which key, and how many objects were complete before it."""

    twice: str = ""
    at: int = 0


def loads_unique(text: str | bytes, **kwargs: Any) -> Any:
    """``json.loads`` refusing a key given twice in one object, named by its whole path (``levies[1].kind``).

    The hook sees one object at a time, not where it is; so when it finds a key twice, the text is read once more,
    this time marking such objects instead of refusing them, and the first one completed is found in the value (a
    walk without recursion) with its path. A document without a key twice is read once.
    """
    kwargs.setdefault("parse_float", exact_number)
    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys, **kwargs)
    except DuplicateKeyError as err:
        found = _first_twice(text, kwargs)
        raise DuplicateKeyError(f"{found}: {KEY_TWICE}" if found else err.problem) from None


def _first_twice(text: str | bytes, kwargs: dict[str, Any]) -> str | None:
    count = iter(range(1 << 62))

    def mark(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) == len(pairs):
            return out
        marked = _Twice(out)
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                marked.twice = key
                break
            seen.add(key)
        marked.at = next(count)
        return marked

    try:
        value = json.loads(text, object_pairs_hook=mark, **kwargs)
    except (ValueError, RecursionError):
        return None
    best: tuple[int, tuple[int | str, ...]] | None = None
    todo: list[tuple[Any, tuple[int | str, ...]]] = [(value, ())]
    while todo:
        item, loc = todo.pop()
        if isinstance(item, dict):
            if isinstance(item, _Twice) and (best is None or item.at < best[0]):
                best = (item.at, (*loc, item.twice))
            todo.extend((v, (*loc, k)) for k, v in item.items())
        elif isinstance(item, list):
            todo.extend((v, (*loc, i)) for i, v in enumerate(item))
    return field_path(best[1]) if best else None


def parse_json(text: str) -> Any:
    try:
        value = loads_unique(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise BoundsError(f"(file): not valid JSON at line {exc.lineno}: {exc.msg}") from None
    except BoundsError:
        raise
    except RecursionError:
        raise BoundsError(
            f"(file): lists and mappings nested deeper than {limits.limit_text('MAX_NESTING_DEPTH')}"
        ) from None
    except (ValueError, OverflowError) as exc:
        raise BoundsError(f"(file): a value cannot be read ({exc.__class__.__name__})") from None
    check_depth(value)
    return value
