"""A case field's path in words: ``levies[0].served_date`` → "Levy 1 — date served" / "Embargo 1 — fecha de
entrega". The words are in ``data/messages/<lang>/fields.yaml`` (``field.name`` by the model's path with ``[]`` for
a list's items, ``field.item`` for a list's numbered item, ``field.group`` for a part of the case said before its
facts). A person reads these; the raw path is for a practitioner (``said_with_path``) and the record.

A path is said as the nearest thing that holds the fact (a levy, a bank account, "Your situation") and the fact:
"Levy 1 — date served", "Bank account 2 — balance", "Taxpayer — date of birth". A name the case model does not
have (a misspelt field of a case file) is quoted as written, after the words of what holds it.
"""

from __future__ import annotations

import re
from typing import Any

from levynav.explain import catalog

SEGMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d*\])*)$")
INDEX = re.compile(r"\[(\d*)\]")


def _words(lang: str) -> dict[str, Any]:
    got = catalog.messages(lang).get("field")
    return got if isinstance(got, dict) else {}


def label(pattern: str, lang: str) -> str | None:
    """The words of one field by its model path (``levies[].served_date``), or None when there are none."""
    got = (_words(lang).get("name") or {}).get(pattern)
    return str(got) if got is not None else None


def _item(pattern: str, index: str, lang: str) -> str | None:
    forms = (_words(lang).get("item") or {}).get(pattern)
    if not isinstance(forms, dict):
        return None
    if index == "":
        return str(forms["each"])
    return str(forms["one"]).format(n=int(index) + 1)


def _upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def words(path: str, lang: str) -> str:
    """The path in words in the language. What is not a path of the case (``(case)``, ``(file)``, ``case``, a tax
    period id) is returned as it is: the callers say those in their own words."""
    by_hand = (_words(lang).get("by_hand") or {}).get(path) or (_words(lang).get("of_analysis") or {}).get(path)
    if by_hand is not None:  # a fact the papers need that the case never holds (a full SSN), or the analysis's own
        return str(by_hand)
    parsed = [SEGMENT.match(s) for s in path.split(".")]
    if not path or any(m is None for m in parsed):
        return path
    first = parsed[0]
    if first is None or label(first.group(1), lang) is None:  # not a path of the case ("case", a tax period id)
        return path
    fields = _words(lang)
    groups = fields.get("group") or {}
    holder: str | None = None  # the words of the nearest thing that holds the fact (a levy, "Taxpayer")
    said = ""
    pattern = ""
    for i, m in enumerate(parsed):
        assert m is not None
        name, indexes = m.group(1), INDEX.findall(m.group(2))
        pattern = f"{pattern}.{name}" if pattern else name
        known = label(pattern, lang)
        said = known if known is not None else f"“{name}”"  # not a field of the case: quoted as written
        if indexes:
            item = _item(pattern, indexes[0], lang)
            if item is None:  # an item of a plain list (a tax period named on a notice): "tax periods (item 2)"
                n = indexes[0]
                item = said if n == "" else str(fields.get("nth", "{what} ({n})")).format(what=said, n=int(n) + 1)
            pattern += "[]"
            said = item
        if i < len(parsed) - 1:
            if indexes:
                holder = said
            elif pattern in groups:
                holder = str(groups[pattern])
    if holder is None:
        return _upper_first(said)
    return f"{holder}{fields.get('joiner', ' — ')}{said}"


def said_with_path(path: str, lang: str) -> str:
    """The words, then the raw path in brackets for a practitioner (the CLI): "Levy 1 — date served
    [levies[0].served_date]"; the path alone when it has no words."""
    said = words(path, lang)
    return path if said == path else f"{said} [{path}]"


def words_of_list(paths: str, lang: str) -> str:
    """Paths written one after the other ("levies[0].amount_taken, levies[0].served_date", as the packet's
    table of what is missing holds them), each in words; "; " between them (a field's words may hold a comma)."""
    return "; ".join(words(p.strip(), lang) for p in paths.split(", "))
