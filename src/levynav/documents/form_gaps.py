"""Why a box of an IRS form stays empty, as a typed record, and its words in the reader's language (issue 9).

A box the program cannot fill is a ``FormGap``: the box (the form's own English name for it), why it is empty
(``GapReason``), and the case facts that would fill it (value paths as the rest of the program names facts).
Every reader takes the record as it is — the list of what is missing, the worksheet's line, the packet's
"still missing" page, ``contents.json`` — and the words come from the catalog of the page's language
(``data/messages/<lang>/documents/gaps.yaml``). No sentence is ever parsed back into facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from levynav.explain import catalog, field_names
from levynav.explain.render import say


class GapReason(StrEnum):
    UNKNOWN = "unknown"  # facts the case lacks (``paths``)
    QUESTIONS = "questions"  # it depends on the open questions about a ground (a value path ``applies.*``)
    NEVER = "never"  # the program never fills it (a full SSN): ``never`` is the catalog key of the reason
    TOO_LONG = "too_long"  # the value does not fit the box: ``limit`` characters
    CANNOT_ENTER = "cannot_enter"  # the value cannot be written in the box's format (a phone not of 10 digits)
    LIST = "list"  # a whole list is unknown: ``paths`` is the list, ``count`` the boxes left empty


@dataclass(frozen=True)
class FormGap:
    box: str  # the box as the form names it (its label in the field map or worksheet)
    reason: GapReason
    paths: tuple[str, ...] = ()  # the facts that would fill it
    never: str = ""  # GapReason.NEVER: the key of the reason in the catalog's ``never`` section
    limit: int = 0  # GapReason.TOO_LONG: how many characters the box holds
    count: int = 0  # GapReason.LIST (or UNKNOWN, grouped by ``by_fact``): how many boxes stay empty
    form_id: str = ""  # the form ("433-F"), set when the form is built
    line: str = ""  # the worksheet line number, when the form is a worksheet
    field: str = ""  # the PDF's internal field name: for tests and debugging, never on a page

    def list_root(self) -> str | None:
        """The list a fact of this gap belongs to (``finances.assets.investments`` for
        ``finances.assets.investments[0].description``), when the gap is one box of an unknown list item."""
        if self.reason is not GapReason.UNKNOWN:
            return None
        for path in self.paths:
            match = re.fullmatch(r"([\w.]+)\[\d+\]\.\w+", path)
            if match:
                return match.group(1)
        return None


def by_fact(gaps: list[FormGap]) -> list[FormGap]:
    """Boxes of one form that the same unknown facts would fill, as one gap (``count`` boxes, the first one named):
    the "still missing" page lists a fact once per form, not once per box (a 433-A asks for income in 9 boxes)."""
    first: dict[tuple[str, tuple[str, ...]], int] = {}
    out: list[FormGap] = []
    for gap in gaps:
        key = (gap.form_id, gap.paths)
        if gap.reason is not GapReason.UNKNOWN:
            out.append(gap)
        elif key in first:
            n = first[key]
            out[n] = replace(out[n], count=max(out[n].count, 1) + 1)
        else:
            first[key] = len(out)
            out.append(gap)
    return out


def words(lang: str) -> dict[str, Any]:
    return catalog.document_texts(lang, "gaps")


def reason_words(gap: FormGap, lang: str, *, worksheet: bool = False) -> str:
    """Why the box is empty, in ``lang``. ``worksheet``: the words on the worksheet's own line (what to do)."""
    said = words(lang)["reasons"]
    facts = ", ".join(gap.paths)
    if gap.reason is GapReason.NEVER:
        return str(words(lang)["never"][gap.never])
    if gap.reason is GapReason.UNKNOWN:
        return say(said["by_hand_or_case" if worksheet else "needs"], lang, field=facts)
    if gap.reason is GapReason.QUESTIONS:
        return str(said["questions"])
    if gap.reason is GapReason.LIST:
        return say(said["list"], lang, count=gap.count)
    if gap.reason is GapReason.TOO_LONG:
        return say(said["too_long"], lang, count=gap.limit)
    return str(said["cannot_enter"])


def box_words(gap: FormGap, lang: str) -> str:
    """The box in words: the form's own (English) name, its worksheet line, or the list it belongs to."""
    if gap.reason is GapReason.LIST:
        named = "; ".join(field_names.words(p, lang) for p in gap.paths)  # the list in words, never its path
        return say(words(lang)["list_box"], lang, field=named)
    return say(words(lang)["line_box" if gap.line else "named_box"], lang, line=gap.line, box=gap.box)


def form_words(gap: FormGap, lang: str) -> str:
    return say(words(lang)["form"], lang, form=gap.form_id)


def row_words(gap: FormGap, lang: str) -> tuple[str, str]:
    """The gap as a row of the packet's "still missing" table: (what, case file field or form). The facts that
    would fill the box go in the field column, as for a letter's gap; the form names the box otherwise."""
    said = words(lang)
    unknown = gap.reason is GapReason.UNKNOWN
    reason = str(said["reasons"]["unknown_row"]) if unknown else reason_words(gap, lang)
    row = "row_many" if unknown and gap.count > 1 else "row"
    what = say(said[row], lang, form=form_words(gap, lang), box=box_words(gap, lang), reason=reason, count=gap.count)
    return _capital(what), ", ".join(gap.paths) if gap.paths else form_words(gap, lang)


def sentence(gap: FormGap, lang: str) -> str:
    """One line of a list of what is missing: "Box: why" (the form is named where the list is)."""
    return _capital(say(words(lang)["box"], lang, box=box_words(gap, lang), reason=reason_words(gap, lang)))


def _capital(text: str) -> str:
    """A line of a list starts with a capital, whatever word the catalog's template starts with."""
    return text[:1].upper() + text[1:]
