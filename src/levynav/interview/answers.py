"""An answer typed into the interview, parsed by the field's input type and put into the case at its path.

The whole case is validated again, so an answer that contradicts another fact is refused with the field path.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import ValidationError

from levynav.core.model import limits
from levynav.core.model.bounded import FULL_TINS
from levynav.core.model.case import Case, DatesOutOfOrder
from levynav.intake.case_problems import _problem
from levynav.intake.written_amounts import AmountTextError, written_amount
from levynav.interview.fields import FieldKind, kind_of

_MONEY_ERRORS = {
    "not_amount": "error_money",
    "negative": "error_money",
    "cents": "error_money_cents",
    "too_large": "error_money_large",  # the case model's own ceiling, said with the figure
}

SEGMENT = re.compile(r"^([a-z_][a-z0-9_]*)(?:\[(\d+)\])?$")  # a name may hold digits: irs_delay_over_30_days


class AnswerError(ValueError):
    """Problems with an answer: (field, message key) pairs; the message key is rendered by the web layer."""

    def __init__(self, problems: list[tuple[str, str]], invalid: ValidationError | None = None) -> None:
        self.problems = problems
        self.invalid = invalid  # the case model's refusal of the case with the answer in (web: problems in words)
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems))


def parse_value(kind: FieldKind, raw: str) -> Any:
    """The typed value of one answer; ValueError(message key) when it cannot be read. Empty -> None."""
    text = raw.strip()
    if not text:
        return None
    if kind.kind == "date":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError("error_date") from None
    if kind.kind == "yes_no":
        if text not in ("yes", "no"):
            raise ValueError("error_choice")
        return text == "yes"
    if kind.kind == "money":
        try:  # "1,50" and "12.345" are refused, never read as 150 or rounded to 12.34 (intake/written_amounts.py)
            return str(written_amount(text))
        except AmountTextError as err:
            raise ValueError(_MONEY_ERRORS[err.reason]) from None
    if kind.kind == "number":
        if not (text.isascii() and text.isdigit()) or len(text) > 6:  # "²" and "٣" are digits to isdigit()
            raise ValueError("error_number")
        return int(text)
    if kind.kind == "choice":
        if text not in kind.choices:
            raise ValueError("error_choice")
        return text
    if FULL_TINS.search(text) is not None:
        # refused here, before the answer joins anything: the fix page stores a case still to correct as it is, so a
        # full SSN typed there was saved whole in the database until the case model refused it again
        raise ValueError("problem_full_tin")
    if kind.kind == "text_list":
        parts = [part.strip() for part in text.split(",") if part.strip()]
        if len(parts) > limits.MAX_LIST_ITEMS:  # refused, never cut: a cut answer would be stored as if complete
            raise ValueError("error_list_long")
        return parts
    if len(text) > limits.MAX_TEXT_CHARS:
        raise ValueError("error_text_long")
    if kind.form is not None and re.fullmatch(kind.form, text) is None:
        # a form the case model requires (two capital letters, five digits): "oh" is the state OH; anything else
        # is said as not written the way the question asks, never as "does not fit the other facts"
        if re.fullmatch(kind.form, text.upper()) is None:
            raise ValueError("error_format")
        return text.upper()
    return text


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = data
    for i, part in enumerate(parts):
        m = SEGMENT.match(part)
        if m is None:
            raise KeyError(path)
        name, index = m.group(1), m.group(2)
        last = i == len(parts) - 1
        if index is None:
            if last:
                node[name] = value
            else:
                if node.get(name) is None:
                    node[name] = {}
                node = node[name]
        else:
            items = node.get(name)
            if not isinstance(items, list) or int(index) >= len(items):
                raise KeyError(path)
            if last:
                items[int(index)] = value
            else:
                node = items[int(index)]


def _get_list(data: dict[str, Any], path: str) -> list[Any]:
    node: Any = data
    parts = path.split(".")
    for i, part in enumerate(parts):
        m = SEGMENT.match(part)
        if m is None:
            raise KeyError(path)
        name, index = m.group(1), m.group(2)
        if node.get(name) is None:
            node[name] = [] if (i == len(parts) - 1 and index is None) else {}
        node = node[name]
        if index is not None:
            node = node[int(index)]
    if not isinstance(node, list):
        raise KeyError(path)
    return node


def _validate(data: dict[str, Any]) -> Case:
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise AnswerError([_answer_problem(e) for e in exc.errors()]) from None


def _answer_problem(err: Any) -> tuple[str, str]:
    """(field, message key) of a case the answer made impossible. Two dates out of order name both fields
    (``error_order:EARLIER:LATER``, full paths) for the page to say in the person's words."""
    line = _problem(err)
    path, _, detail = line.partition(": ")
    error = (err.get("ctx") or {}).get("error")
    if isinstance(error, DatesOutOfOrder):
        base = "" if path == "(case)" else f"{path}."
        return path, f"error_order:{base}{error.earlier}:{base}{error.later}"
    return path, "error_case:" + detail


def apply_answer(case: Case, path: str, form: dict[str, str]) -> Case:
    """The case with the answer put in. ``form`` holds ``value`` (one field) or ``item.<name>`` (a new item)."""
    kind = kind_of(path)
    data = case.model_dump(mode="json", exclude_none=True)
    if kind.kind == "add_item":
        from levynav.interview.flow import item_fields

        item: dict[str, Any] = {}
        problems: list[tuple[str, str]] = []
        for f in item_fields(path):
            try:
                value = parse_value(f.kind, form.get(f"item.{f.name}", ""))
            except ValueError as err:
                problems.append((f"item.{f.name}", str(err)))
                continue
            if value is None and f.required:
                problems.append((f"item.{f.name}", "error_required"))
            elif value is not None:
                item[f.name] = value
        if problems:
            raise AnswerError(problems)
        _get_list(data, path).append(item)
        return _validated(data)
    try:
        value = parse_value(kind, form.get("value", ""))
    except ValueError as err:
        raise AnswerError([("value", str(err))]) from None
    if value is None:
        raise AnswerError([("value", "error_required")])
    try:
        _set(data, path, value)
    except KeyError:
        raise AnswerError([("value", "error_path")]) from None
    return _validated(data)


def value_at(case: Case, path: str) -> Any:
    """The current answer at a path (for the review page), or None."""
    node: Any = case.model_dump(mode="json", exclude_none=True)
    for part in path.split("."):
        m = SEGMENT.match(part)
        if m is None or not isinstance(node, dict):
            return None
        node = node.get(m.group(1))
        if m.group(2) is not None:
            if not isinstance(node, list) or int(m.group(2)) >= len(node):
                return None
            node = node[int(m.group(2))]
    return node


def _validated(data: dict[str, Any]) -> Case:
    """``_validate``, with the case model's refusal kept on the error (``AnswerError.invalid``) for a page to say each
    problem in the person's words (web/case_problems.py)."""
    try:
        return _validate(data)
    except AnswerError as err:
        try:
            Case.model_validate(data)
        except ValidationError as exc:
            err.invalid = exc
        raise
