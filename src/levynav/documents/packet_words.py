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
from levynav.documents import forms
from levynav.documents.lettering import Letter, checklist
from levynav.explain import catalog, format
from levynav.explain.render import RDeadline, say
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
        notice=notice.other_title or notice.type.value,
        notice_date=format.date(notice.notice_date, lang) if notice.notice_date else words["unknown_date"],
        notice_phone=notice.phone or words["unknown_phone"],
        notice_address=notice.address or words["unknown_address"],
    )


# ---------------------------------------------------------------- gaps


_FORM_GAP = re.compile(r"Form (?P<form>[^:,]+?)(?: line (?P<line>\S+))?[:,] (?P<box>.+?): (?P<reason>.+)$")


def _pattern(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def gap_words(what: str, path: str, lang: str) -> tuple[str, str]:
    """A missing fact (what, where) in ``lang``: a case field by its path, a form's box by why it is empty.
    The box keeps the IRS form's own (English) name, in quotation marks, as printed on the form."""
    if lang == "en":
        return what, path
    words = texts(lang, "gaps")
    if path.startswith("Form "):
        form = say(words["form"], lang, form=path.removeprefix("Form "))
        match = _FORM_GAP.match(what)
        if match is None:
            return str(words["other_field"]), form
        box = match["box"] if match["line"] is None else f"{match['line']} — {match['box']}"
        return say(words["box"], lang, form=form, box=box, reason=_reason(match["reason"], words, lang)), form
    field = (words.get("fields") or {}).get(_pattern(path))
    return str(field if field is not None else words["other_field"]), path


def _reason(reason: str, words: dict[str, Any], lang: str) -> str:
    said = words["reasons"]
    if reason.startswith("write"):
        return str(said["by_hand"])
    if "list each one" in reason:
        count = re.search(r"\((\d+) boxes", reason)
        return say(said["list"], lang, count=int(count.group(1)) if count else 0)
    if "open questions" in reason:
        return str(said["questions"])
    needs = re.search(r"needs ([\w.\[\]]+)\)", reason)
    if needs:
        return say(said["needs"], lang, field=needs.group(1))
    return str(said["other"])


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
