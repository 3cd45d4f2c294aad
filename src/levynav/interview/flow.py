"""``next_questions(case, as_of, law)``: what the rules still need, most decisive first, with how to ask it.

The Analysis of the partial case names the missing facts (its ``questions``, ranked by weight); the table in
questions.yaml adds the section of the roadmap and the fields of a new list item, and the Case model gives the
input type. The web layer asks the first one that is not skipped; it holds no branching of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from levynav.core.analyze import analyze
from levynav.core.lawdata import Law
from levynav.core.model.analysis import Analysis
from levynav.core.model.case import Case
from levynav.explain.render import question_prompt
from levynav.interview.fields import FieldKind, annotation, kind_of, pattern

TABLE = Path(__file__).with_name("questions.yaml")


@cache
def table() -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(TABLE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return data


def section_of(path: str) -> str:
    pat = pattern(path).replace("[]", "")
    best, section = -1, "how"
    for prefix, sec in table()["section_of"].items():
        if (pat == prefix or pat.startswith(prefix + ".")) and len(prefix) > best:
            best, section = len(prefix), sec
    return str(section)


@dataclass(frozen=True)
class ItemField:
    name: str
    kind: FieldKind
    required: bool


@dataclass(frozen=True)
class InterviewQuestion:
    """One question: the Case field path it fills, its section, how to ask it, and the rules it decides."""

    path: str
    section: str
    kind: FieldKind
    prompt: str  # the analysis's wording (English today; explain/ renders it per language)
    decides: tuple[str, ...] = ()
    item_fields: tuple[ItemField, ...] = field(default=())


def item_fields(path: str) -> tuple[ItemField, ...]:
    names = table()["items"].get(pattern(path).replace("[]", ""), [])
    kind = kind_of(path)
    assert kind.item is not None
    return tuple(ItemField(n, kind_of(n, kind.item), i == 0) for i, n in enumerate(names))


def _question(path: str, prompt: str, decides: tuple[str, ...]) -> InterviewQuestion | None:
    try:
        kind = kind_of(path)
    except KeyError:
        return None  # a path the interview cannot ask as one field; the result page lists it
    items = item_fields(path) if kind.kind == "add_item" else ()
    if kind.kind == "add_item" and not items:
        return None
    return InterviewQuestion(path, section_of(path), kind, prompt, decides, items)


def _askable(path: str) -> list[str]:
    """A missing fact as fields a page can ask: the path itself, or, when the rules name a whole section
    (``finances``, ``finances.assets``), the section's own fields in the Case model's order."""
    try:
        kind_of(path)
        return [path]
    except KeyError:
        pass
    try:
        tp = annotation(path, Case)
    except KeyError:
        return [path]
    if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return [path]
    return [f"{path}.{name}" for name in tp.model_fields]


def next_questions(
    case: Case, as_of: date, law: Law | None = None, *, analysis: Analysis | None = None
) -> list[InterviewQuestion]:
    """The facts the rules still need for this case, seed questions first, then most decisive first.

    ``law``: the Law bundle to analyze under (None: the one the adapter installed).
    """
    result = analysis if analysis is not None else analyze(case, as_of, law)
    out: list[InterviewQuestion] = []
    seen: set[str] = set()
    data = case.model_dump()
    for path in table()["seed"]:
        if not data.get(path):
            q = _question(path, question_prompt(path, "en"), ())
            if q is not None:
                out.append(q)
                seen.add(path)
    for rq in result.questions:
        if rq.path in seen:
            continue
        for path in _askable(rq.path):
            if path in seen:
                continue
            q = _question(path, question_prompt(path, "en"), tuple(rq.decides))
            if q is not None:
                out.append(q)
                seen.add(path)
    order = {name: i for i, name in enumerate(table()["sections"])}
    return sorted(out, key=lambda q: order.get(q.section, len(order)))  # stable: most decisive first in a section


def start_case(taxpayer_kind: str) -> Case:
    """The case an interview starts from (questions.yaml ``start``), for an individual or a business."""
    data: dict[str, Any] = {"taxpayer": {"kind": taxpayer_kind}}
    data.update(table().get("start", {}).get(taxpayer_kind, {}))
    return Case.model_validate(data)
