"""The words of the packet's taxpayer pages in the reader's language: what each document is called, where it
goes and how (on the cover), the documents to gather per ground, and what is still missing.

English keeps the words the letters and forms already carry (``data/documents``); another language takes them
from ``data/messages/<lang>/documents/`` (catalog.document_texts). The letters and forms themselves are never
touched: they go to the IRS, a bank or an employer in English whatever the language.
"""

from __future__ import annotations

import re
from typing import Any

from levynav.core.model.case import Case
from levynav.documents import form_gaps, forms
from levynav.documents.form_gaps import FormGap
from levynav.documents.lettering import Letter, checklist
from levynav.explain import catalog, format
from levynav.explain.render import RDeadline, notice_name, say
from levynav.explain.render import Rendered as Analysis


def texts(lang: str, name: str) -> dict[str, Any]:
    return catalog.document_texts(lang, name)


def how_key(by: Any, kind: str) -> str:
    """How a document is sent, as a catalog key (``packet.how_*``)."""
    if kind == "holder_letter":
        return "how_holder"
    if kind in {"release_request", "tas_cover"}:
        return "how_call_first"
    if kind == "official_pdf":
        return "how_with_letter"
    if kind == "worksheet":
        return "how_copy_form"
    if by is not None:
        return "how_certified"
    return "how_mail"


# ---------------------------------------------------------------- letters


def letter_key(letter: Letter) -> str:
    """The letter's entry in ``letters.yaml``: its kind, or the equivalent-hearing variant of a hearing cover."""
    if letter.kind == "hearing_cover" and letter.context.get("equivalent"):
        return "hearing_cover_equivalent"
    return letter.kind


def holder_name(letter: Letter, lang: str) -> str:
    levy = letter.context.get("levy") or {}
    if levy.get("holder_known"):
        return str(levy["holder"])
    return str(texts(lang, "letters")["send_to"]["holder_unknown"])


def letter_title(letter: Letter, lang: str) -> str:
    words = texts(lang, "letters")
    return say(words["title"][letter_key(letter)], lang, holder=holder_name(letter, lang))


def letter_send_to(letter: Letter, lang: str) -> str:
    words = texts(lang, "letters")["send_to"]
    phone = (letter.context.get("irs") or {}).get("phone") or words["phone_unknown"]
    return say(words[letter.kind], lang, holder=holder_name(letter, lang), phone=phone)


def deadline_words(due: RDeadline | None, page: Analysis) -> str | None:
    """A letter's deadline in the page's words: the same deadline (id and subject) of the rendered view."""
    if due is None:
        return None
    for d in page.deadlines:
        if d.id == due.id and d.subject == due.subject and d.date == due.date:
            return d.title
    return None


# ---------------------------------------------------------------- forms


def form_words(form_id: str, case: Case, lang: str) -> tuple[str, str]:
    """A form's name and where it goes, in ``lang``: the same notice facts the English ``forms.send_to`` uses."""
    words = texts(lang, "forms")
    entry = (words.get("forms") or {}).get(form_id)
    if entry is None:
        raise catalog.MessageMissing(f"no form {form_id} in data/messages/{lang}/documents/forms.yaml")
    text = " ".join(str(entry["text"]).split())
    if "{" not in text:
        return str(entry["title"]), text
    _, english = forms.load_catalog()
    notice = forms.notice_for(case, [str(t) for t in (english[form_id].get("send_to") or {}).get("notices") or []])
    if notice is None:
        return str(entry["title"]), " ".join(str(entry.get("fallback", text)).split())
    return str(entry["title"]), text.format(
        notice=notice.other_title or notice_name(notice.type.value, lang),
        notice_date=format.date(notice.notice_date, lang) if notice.notice_date else words["unknown_date"],
        notice_phone=notice.phone or words["unknown_phone"],
        notice_address=notice.address or words["unknown_address"],
    )


# ---------------------------------------------------------------- gaps


def _pattern(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def gap_words(what: str, path: str, lang: str) -> tuple[str, str]:
    """A fact a letter is missing (what, where) in ``lang``: a case field by its path."""
    if lang == "en":
        return what, path
    words = texts(lang, "gaps")
    field = (words.get("fields") or {}).get(_pattern(path))
    return str(field if field is not None else words["other_field"]), path


def form_gap_words(gap: FormGap, lang: str) -> tuple[str, str]:
    """A form's empty box (what, where) in ``lang``, from its typed record: the box keeps the IRS form's own
    (English) name, as printed on the form."""
    return form_gaps.row_words(gap, lang)


# ---------------------------------------------------------------- checklist


def checklist_words(lang: str) -> dict[str, Any]:
    """Rule id → {ground, items, enclose}: English ``data/documents/checklist.yaml`` or the language's copy."""
    return checklist() if lang == "en" else texts(lang, "checklist")


def enclosures(rules: list[str], lang: str, extra: list[str]) -> list[str]:
    """The papers a letter encloses, in ``lang`` (the same list as ``lettering.enclosures``)."""
    data = checklist_words(lang)
    items = list(extra)
    for rule in rules:
        entry = data.get(rule, {})
        for item in entry.get("enclose") or entry.get("items", []):
            if item not in items:
                items.append(item)
    return items
