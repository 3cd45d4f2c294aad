"""A saved analysis record said in full before anything is printed, or refused with the path of what cannot be said.

``levynav render`` reads a record from a file, and a file may have been edited by hand or made by something
else. The Analysis model checks the record's shape; its words are checked by saying them: the whole page is
made in memory first, so a message key no catalog holds or a value a sentence needs and is not given is one
line naming the message's path, and nothing is half-written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from levynav.core.model.analysis import Analysis, Message
from levynav.explain import catalog
from levynav.explain.render import PLACEHOLDER

# What saying a record that levynav did not write can raise (a bug of levynav's own raises anything else).
UNSAYABLE = (catalog.MessageMissing, KeyError, IndexError, ValueError, TypeError, ArithmeticError)


class UnsayableRecord(ValueError):
    """``path: problem`` of the first part of a saved record that cannot be said."""


def page(record: Analysis, lang: str, fmt: str) -> str:
    """The whole page of a record (``text`` or ``html``) in a language, made in memory."""
    try:
        if fmt == "html":
            from levynav.explain.html import analysis_html

            return analysis_html(record, lang)
        from levynav.explain import terminal

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            terminal.print_analysis(record, lang)
        return buffer.getvalue()
    except UNSAYABLE as err:
        raise UnsayableRecord(_where(record, err)) from None


def _messages(value: Any, path: str) -> Iterator[tuple[str, Message]]:
    if isinstance(value, Message):
        yield path, value
        for name, arg in value.args.items():
            yield from _messages(arg, f"{path}.args.{name}")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _messages(getattr(value, name), f"{path}.{name}" if path else name)
    elif dataclasses.is_dataclass(value):  # a light record (ADR 0014): a finding, a fact, a message's value
        for f in dataclasses.fields(value):
            yield from _messages(getattr(value, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _messages(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _messages(item, f"{path}.{key}" if path else str(key))


def _words(key: str) -> Any:
    """The catalog entry of a key in English (a sentence, or the fields of a plan step), None when none."""
    return _sentence(key) or _step(key)


def _step(key: str) -> Any:
    head, _, rest = key.partition(".")
    if head in {"plan", "finance"}:  # a step's text: ``plan.RULE[.business][.variants.KEY]`` or ``finance.NAME``
        parts = rest.split(".")
        texts = catalog.plan_texts("en") if head == "plan" else catalog.finance_texts("en")
        words = texts.get(parts[0])
        if not isinstance(words, dict):
            return None
        if "variants" in parts:
            i = parts.index("variants") + 1
            variant = (words.get("variants") or {}).get(parts[i]) if i < len(parts) else None
            return words | variant if isinstance(variant, dict) else None
        return words
    return None


def _sentence(key: str) -> Any:
    head, _, rest = key.partition(".")
    node: Any = catalog.messages("en")
    node = node.get(head) if isinstance(node, dict) else None
    parts = rest.split(".") if rest else []
    while parts and isinstance(node, dict):
        n = next((n for n in range(len(parts), 0, -1) if ".".join(parts[:n]) in node), 0)
        if not n:
            return None
        node, parts = node[".".join(parts[:n])], parts[n:]
    return None if parts else node


def _placeholders(words: Any) -> set[str]:
    if isinstance(words, str):
        return set(PLACEHOLDER.findall(words))
    if isinstance(words, dict):
        return set().union(*(_placeholders(w) for w in words.values())) if words else set()
    if isinstance(words, list):
        return set().union(*(_placeholders(w) for w in words)) if words else set()
    return set()


def _where(record: Analysis, err: Exception) -> str:
    """The path of the message that could not be said, and why (the value itself is never echoed)."""
    missing = err.args[0] if isinstance(err, KeyError) and not isinstance(err, catalog.MessageMissing) else None
    for path, msg in _messages(record, ""):
        words = _words(msg.key)
        if words is None:
            return f"{path}.key: no words for this message key (not a record levynav wrote)"
        if isinstance(missing, str) and missing in _placeholders(words) and missing not in msg.args:
            return f"{path}.args: the value {missing!r} its sentence needs is not given"
    return "(record): a value levynav cannot say (not a record levynav wrote)"
