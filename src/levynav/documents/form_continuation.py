"""The continuation sheet of an official form: each value too long for its box at any readable size
(``form_fit``), written whole, by the box's own name and page; the box itself says which item holds it.

The sheet goes to the IRS with the form, so its words are the formal English of the documents catalog
(``messages/en/documents/gaps.yaml``, ``continuation``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from levynav.explain import catalog
from levynav.explain.render import say

if TYPE_CHECKING:
    from levynav.documents.form_fit import Box
    from levynav.documents.forms_fill import Continued

SHEET_LANG = "en"  # papers to the IRS are in English, whatever the person's language


def _words() -> dict[str, Any]:
    return dict(catalog.document_texts(SHEET_LANG, "gaps")["continuation"])


def see_sheet(item: int, box: Box, size_for: Callable[[str, Box], float | None]) -> tuple[str, float]:
    """What the box says instead of its value — the first of the catalog's references that fits it — and its size
    (the last reference, the shortest, at the smallest size when none fits: the sheet still holds the value)."""
    choices: Sequence[str] = [say(str(t), SHEET_LANG, item=item) for t in _words()["see"]]
    for text in choices:
        size = size_for(text, box)
        if size is not None:
            return text, size
    from levynav.documents.form_fit import MIN_FONT_SIZE

    return choices[-1], MIN_FONT_SIZE


def sheet_pdf(form_id: str, continued: list[Continued]) -> bytes:
    """The continuation sheet: a title, one sentence saying what it is, and each item with its value whole."""
    from levynav.documents.pdf import html_to_pdf

    words = _words()
    items = "".join(
        f"<h2>{escape(say(str(words['item']), SHEET_LANG, item=c.item, box=c.box, page=c.page))}</h2>"
        f'<p class="value">{escape(c.value).replace(chr(10), "<br>")}</p>'
        for c in continued
    )
    title = escape(say(str(words["title"]), SHEET_LANG, form=form_id))
    intro = escape(say(str(words["intro"]), SHEET_LANG, form=form_id))
    html = f'<!doctype html><html lang="en"><body><h1>{title}</h1><p>{intro}</p>{items}</body></html>'
    return html_to_pdf(html, extra_css="p.value { overflow-wrap: anywhere; white-space: pre-wrap; }")
