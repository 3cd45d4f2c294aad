"""YAML and JSON parsed within bounds, before any value is built.

``parse_yaml`` first walks the parser's events (libyaml's C parser when present; no recursion, no
values built) and stops at the first of: nesting deeper than MAX_NESTING_DEPTH, more than
MAX_ALIASES aliases, more than MAX_EXPANDED_NODES values once aliases are expanded (the "billion
laughs" bomb), a whole number longer than MAX_INTEGER_DIGITS, a mapping key given twice, a
mapping key that is not plain text. Only a document that passes is built, with the safe loader
and no implicit dates (a bad date is then reported by the model, by field).

``parse_json`` checks the nesting depth with one linear pass over the brackets outside strings
and bounds whole numbers while decoding; duplicate keys are refused the same way.

Every refusal is a ``BoundsError`` whose message starts with the field path (or "(file)") and
names the limit; no value from the file is echoed.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from levynav.core.model import limits
from levynav.intake.field_names import key_text

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CaseYamlLoader(_BaseLoader):  # type: ignore[misc]
    """Safe YAML (C loader when available) without implicit dates: dates stay text for the model."""


CaseYamlLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class BoundsError(ValueError):
    """Input past a limit or ambiguous (a duplicate key); ``problem`` is one "path: problem" line."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


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


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict (``object_pairs_hook``); ``BoundsError`` naming a key given twice in it."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise BoundsError(f"{_key_text(key)}: the key is given twice in the same mapping")
            seen.add(key)
    return out


def parse_json(text: str) -> Any:
    try:
        value = json.loads(text, parse_int=_bounded_int, object_pairs_hook=no_duplicate_keys)
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
