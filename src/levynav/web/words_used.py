"""The words of the law and of the IRS's papers a person cannot be expected to know (levy, CDP hearing, equivalent
hearing, the collection period, LT11, CP504, …), explained in plain words at the end of each page they appear on, in
the page's language. Only what a person reads: the papers to the IRS keep the formal terms. Which terms a page holds
is read from its text (presentation only: no decision reads it); the terms, their patterns and their explanations
live in the page catalogs (web/messages/{en,es}.yaml, ``words_<id>``)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

from levynav.web import words

# Each term's id; the catalogs hold words_<id>_term, words_<id> (the explanation) and words_<id>_match.
TERMS = (
    "levy",
    "cdp",
    "equivalent",
    "appeals",
    "cap",
    "csed",
    "tax_court",
    "tas",
    "lt11",
    "cp504",
    "fplp",
    "levy_forms",
    "form_12153",
)
TAG = re.compile(r"<[^>]+>")
HIDDEN = re.compile(r"<(script|style|select)\b.*?</\1>", re.S)  # a choice list's options are not the page's words


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    meaning: str


@cache
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(words.t(f"words_{name}_match", lang))) for name in TERMS)


def used_in(page: str, lang: str) -> list[Term]:
    """The terms the page's HTML uses, in the order they first appear, each with its plain explanation."""
    text = html.unescape(TAG.sub(" ", HIDDEN.sub(" ", page))).replace(words.t("site_name", lang), " ")  # not a levy
    found = []
    for name, pattern in _patterns(lang):
        first = pattern.search(text)
        if first is not None:
            found.append((first.start(), name))
    return [Term(n, words.t(f"words_{n}_term", lang), words.t(f"words_{n}", lang)) for _, n in sorted(found)]
