"""The CSED engine's timeline in a language (``core/calc/csed*.py``): each line's clauses joined with "; ", the
notes of a period and why a stated CSED differs. Words: ``csed_timeline.*`` in data/messages/<lang>/."""

from __future__ import annotations

from collections.abc import Iterable

from levynav.core.calc.csed import assessment_name
from levynav.core.calc.csed_types import AssessmentCsed, PeriodCsed, Step
from levynav.core.model.message import Message
from levynav.explain.render import text


def clauses(messages: Iterable[Message], lang: str) -> str:
    """Clauses of one line, joined with "; ", the first letter upper-case (a line may open with a label)."""
    said = "; ".join(text(m, lang) for m in messages)
    return said[:1].upper() + said[1:]


def line(step: Step, lang: str) -> str:
    return clauses((step.what, *step.detail), lang)


def assessment(a: AssessmentCsed, lang: str) -> str:
    """The assessment's name: the transcript's codes (TC 150 …) or its kind (tax, additional tax)."""
    return text(assessment_name(a.codes, a.original), lang)


def notes(pc: PeriodCsed, lang: str) -> list[str]:
    return [text(n, lang) for n in pc.notes]


def stated_difference(pc: PeriodCsed, lang: str) -> str | None:
    return " ".join(text(m, lang) for m in pc.stated_difference) or None
