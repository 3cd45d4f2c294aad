"""The release packet: one PDF a person can mail the same day, plus the separate files and a calendar.

Order of the PDF: cover page (what is in it, what goes where, by when, how), the letters (in a language other
than English, each followed by its reading copy in that language), the IRS forms and worksheets
(``levynav.documents.forms``, when installed), the documents to attach per ground, the "confirm the release"
page, the timeline, and everything that is still missing. The letters and forms are the same whatever the
language; every word of the taxpayer's pages comes from the catalogs (``packet_words``, ``data/messages``).
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from levynav.core.law import registry
from levynav.core.model.analysis import Analysis as Record
from levynav.core.model.analysis import Effect, Outcome, TextArg
from levynav.core.model.case import Case
from levynav.documents import calendar, form_gaps, letters, packet_words, timeline
from levynav.documents.form_gaps import FormGap
from levynav.documents.lettering import Letter, render
from levynav.documents.packet_folder import case_fingerprint, write_packet_folder
from levynav.documents.pdf import html_to_pdf, merge_pdfs, number_pages, page_count
from levynav.documents.reading_copy import banner_css, reading_copy_html
from levynav.explain import catalog
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import english
from levynav.explain.render import render as render_record


@dataclass
class Item:
    """One thing in the packet that goes to someone."""

    title: str
    kind: str  # a letter kind, or "official_pdf" / "worksheet" for forms
    send_to: str
    by: date | None
    by_what: str | None
    how: str
    pdf: bytes
    filename: str
    missing: list[tuple[str, str]] = field(default_factory=list)  # a letter's gaps: (what, case path)
    form_gaps: list[FormGap] = field(default_factory=list)  # a form's empty boxes (typed)
    letter: Letter | None = None  # the letter this item is (None for a form)
    form_id: str | None = None  # the form this item is (None for a letter)
    continued: int = 0  # a form's values on its continuation sheet, which is sent with it (0: no sheet)
    reading: bytes = b""  # the reading copy in the packet's language, after the letter (not sent; no file)


@dataclass
class Packet:
    pdf: bytes
    items: list[Item]
    ics: bytes
    svg: str
    missing: list[dict[str, str]]
    notes: list[str]
    left_out: list[LeftOut] = field(default_factory=list)
    cover_pages: int = 0  # pages before the first item (the cover) and after the last (checklists, timeline …)
    back_pages: int = 0
    fingerprint: str = ""  # SHA-256 of the case and date (packet_folder.case_fingerprint): no personal data
    lang: str = "en"

    def page_kinds(self) -> list[str]:
        """What each page of ``pdf`` is, in order: "cover", an item's kind (a letter kind, "official_pdf",
        "worksheet"), "reading" for a reading copy, "back" for the taxpayer's last pages."""
        kinds = ["cover"] * self.cover_pages
        for item in self.items:
            kinds += [item.kind] * page_count(item.pdf) + ["reading"] * (
                page_count(item.reading) if item.reading else 0
            )
        return kinds + ["back"] * self.back_pages


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _how(by: date | None, kind: str, lang: str = "en") -> str:
    return catalog.template(f"packet.{packet_words.how_key(by, kind)}", lang)


# A packet for a huge case (1,000 levies) holds this many letters of each kind and lists the rest by name,
# rather than hundreds of pages nobody can mail or read. Every letter of a kind has the same form; the
# person makes the others by running the packet for a case with those levies, or copies the first by hand.
MAX_LETTERS_PER_KIND = 5
MAX_MISSING_ROWS = 60  # the "What is still missing" page lists this many; contents.json holds them all


@dataclass
class LeftOut:
    """A letter the packet did not make because it holds MAX_LETTERS_PER_KIND of its kind already."""

    title: str
    about: str
    by: date | None
    letter_id: str = ""
    letter: Letter | None = field(default=None, repr=False, compare=False)


def bounded(all_letters: list[Letter]) -> tuple[list[Letter], list[LeftOut]]:
    """The first MAX_LETTERS_PER_KIND letters of each kind (in order), and the rest as a list."""
    kept: list[Letter] = []
    left: list[LeftOut] = []
    per_kind: dict[str, int] = {}
    for letter in all_letters:
        per_kind[letter.kind] = per_kind.get(letter.kind, 0) + 1
        if per_kind[letter.kind] <= MAX_LETTERS_PER_KIND:
            kept.append(letter)
        else:
            left.append(
                LeftOut(title=letter.title, about=letter.send_to, by=letter.by, letter_id=letter.id, letter=letter)
            )
    return kept, left


def _ranges(numbers: list[int]) -> str:
    """[6, 7, 8, 10] → "6–8, 10"."""
    out: list[str] = []
    for n in sorted(set(numbers)):
        if out and out[-1].split("–")[-1] == str(n - 1):
            out[-1] = out[-1].split("–")[0] + f"–{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def left_out_groups(left: list[LeftOut]) -> list[dict[str, Any]]:
    """The letters left out, one row per title: how many, for which levies (numbered as in the case, from 1)
    and the earliest date one of them is due."""
    groups: dict[str, list[LeftOut]] = {}
    for x in left:
        groups.setdefault(x.title, []).append(x)
    rows = []
    for title, xs in groups.items():
        levies = [x.letter.context["levy"]["index"] + 1 for x in xs if x.letter and x.letter.context.get("levy")]
        dates = [x.by for x in xs if x.by is not None]
        rows.append({"title": title, "count": len(xs), "levies": _ranges(levies), "by": min(dates, default=None)})
    return rows


def letter_items(case: Case, analysis: Analysis, chosen: list[Letter] | None = None) -> list[Item]:
    out = []
    for n, letter in enumerate(letters.letters_for(case, analysis) if chosen is None else chosen, start=1):
        out.append(
            Item(
                title=letter.title,
                kind=letter.kind,
                send_to=letter.send_to,
                by=letter.by,
                by_what=letter.by_what,
                how=_how(letter.by, letter.kind),
                pdf=html_to_pdf(letter.html),
                filename=f"letters/{n:02d}-{letter.id}.pdf",
                missing=[(g.what, g.path) for g in letter.missing],
                letter=letter,
            )
        )
    return out


def form_items(case: Case, analysis: Analysis) -> tuple[list[Item], list[str]]:
    """The filled IRS forms and worksheets, if the form module is installed (it is optional here), and the
    catalog keys of the notes that say what could not be made."""
    try:
        forms: Any = importlib.import_module("levynav.documents.forms")
    except ImportError:
        return [], ["packet.forms_not_made"]
    try:
        outputs = forms.forms_for(case, analysis)
    except Exception:  # a broken form must not stop the letters from going out; the page says it in plain words
        return [], ["packet.forms_not_made"]
    items = []
    for f in outputs:
        items.append(
            Item(
                title=str(f.title),
                kind=str(f.kind),
                send_to=str(f.send_to),
                by=None,
                by_what=None,
                how=_how(None, str(f.kind)),
                pdf=bytes(f.pdf),
                filename=f"forms/{_slug(str(f.form_id))}.pdf",
                form_gaps=list(f.missing),
                form_id=str(f.form_id),
                continued=int(f.continued),
            )
        )
    return items, []


def checklist_rows(analysis: Record | Analysis, lang: str = "en") -> list[dict[str, Any]]:
    """Documents to gather, per ground the analysis found (rules that APPLY and have a checklist entry), in
    ``lang``."""
    analysis = english(analysis)
    data = packet_words.checklist_words(lang)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for f in analysis.findings:
        if f.outcome is not Outcome.APPLIES or f.rule in seen or f.rule not in data:
            continue
        if f.effect in {Effect.INFO, Effect.ROUTE_CLOSED, None}:
            continue
        seen.add(f.rule)
        rows.append({"rule": f.rule, "ground": data[f.rule]["ground"], "items": data[f.rule]["items"]})
    return rows


def missing_rows(items: list[Item], analysis: Analysis) -> list[dict[str, str]]:
    """Each missing fact once, with the documents (by number on the cover page) that need it, in the words of
    the view's language."""
    where: dict[tuple[str, str], list[str]] = {}
    for n, item in enumerate(items, start=1):
        for what, path in item.missing:
            where.setdefault(packet_words.gap_words(what, path, analysis.lang), []).append(str(n))
        for gap in form_gaps.by_fact(item.form_gaps):
            where.setdefault(packet_words.form_gap_words(gap, analysis.lang), []).append(str(n))
    rows = [
        {"where": analysis.words("packet.where_document", count=len(ns), numbers=", ".join(ns)), "what": w, "path": p}
        for (w, p), ns in where.items()
    ]
    titles: dict[str, str] = {}
    for f in analysis.findings:
        titles.setdefault(f.rule, f.title)
    for q in analysis.questions:
        decides = list(dict.fromkeys(titles.get(rule, "") for rule in q.decides if titles.get(rule)))
        label = (
            analysis.words("packet.open_question_decides", titles="; ".join(decides))
            if decides
            else analysis.words("packet.open_question")
        )
        what = f"{q.prompt} {q.why}" if q.why else q.prompt  # a value given that cannot be used: why
        rows.append({"where": label, "what": what, "path": q.path, "q": "1"})
    return rows


def notes_in_words(note: str, analysis: Analysis) -> str:
    """A note of the analysis for the taxpayer's page: each rule id named by its finding's title."""
    titles: dict[str, str] = {}
    for f in analysis.findings:
        titles.setdefault(f.rule, f.title)
    if not titles:
        return note
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(r) for r in sorted(titles, key=len, reverse=True)) + r")(?![\w-])"
    )
    return pattern.sub(lambda m: f"“{titles[m.group(1)]}”", note)


def page_notes(record: Record, page: Analysis) -> list[str]:
    """The analysis's notes for the taxpayer's last page. A note that carries a calculation's own English
    sentence (finances, payment options) cannot be said in another language yet: there, such notes are
    counted in one sentence that says where to read them, never shown as English inside the page."""
    if page.lang == "en":
        return list(page.notes)
    kept = [said for n, said in zip(record.notes, page.notes, strict=True) if not _english_sentence(n)]
    if len(kept) < len(page.notes):
        kept.append(page.words("packet.notes_in_english", count=len(page.notes) - len(kept)))
    return kept


def _english_sentence(note: Any) -> bool:
    return any(isinstance(a, TextArg) and " " in a.value for a in note.message.args.values())


def confirm_context(case: Case, analysis: Analysis, items: list[Item]) -> dict[str, Any]:
    holds = {d.subject: d for d in analysis.deadlines if d.id == "bank.hold_ends" and not d.passed}
    levies = []
    for i, lv in enumerate(case.levies):
        if lv.released_date is None and any(it.filename.endswith(f"release-request-levies-{i}.pdf") for it in items):
            levies.append({"holder": lv.holder, "kind": lv.kind.value, "hold": holds.get(f"levies[{i}]")})
    cap = any(f.rule == "CAP-1" and f.outcome is Outcome.APPLIES for f in analysis.findings)
    return {"levies": levies, "cap": cap, "resources": analysis.resources}


def _page_css(lang: str) -> str:
    """The taxpayer's pages in another language number their own pages in it ("Página 1 de 3")."""
    if lang == "en":
        return ""
    words = catalog.template("packet.page_of", lang).replace('"', '\\"')
    content = '"' + words.replace("{n}", '" counter(page) "').replace("{total}", '" counter(pages) "') + '"'
    return f"@page {{ @bottom-right {{ content: {content} }} }}"


# The taxpayer's own pages (cover, checklists, timeline, still missing) carry only the packet's page number; a
# letter or worksheet keeps its own "Page x of y" as well, because it also travels alone.
ONE_PAGE_NUMBER = "@page { @bottom-right { content: none } }"


def cover_words(items: list[Item], case: Case, page: Analysis) -> list[dict[str, Any]]:
    """Each document's name, where it goes, by when and how, in the page's language (the cover's table)."""
    out = []
    for item in items:
        row = {"title": item.title, "send_to": item.send_to, "by_what": item.by_what, "how": item.how}
        if page.lang != "en":
            if item.letter is not None:
                due = item.letter.context.get("due")
                row |= {
                    "title": packet_words.letter_title(item.letter, page.lang),
                    "send_to": packet_words.letter_send_to(item.letter, page.lang),
                    "by_what": packet_words.deadline_words(due, page),
                }
            elif item.form_id is not None:
                row["title"], row["send_to"] = packet_words.form_words(item.form_id, case, page.lang)
            row["how"] = _how(item.by, item.kind, page.lang)
        out.append(row)
    return out


def build_packet(case: Case, record: Record, lang: str = "en") -> Packet:
    """The papers from a record: letters and forms in English (they go to the IRS, a bank or an employer)
    whatever ``lang``; the taxpayer's pages (cover, checklist, confirm-the-release, timeline, still missing) in
    ``lang``, and in a language other than English a reading copy of each letter right after it."""
    analysis = render_record(record, "en")
    kept, left_out = bounded(letters.letters_for(case, analysis))
    items = letter_items(case, analysis, kept)
    forms, note_keys = form_items(case, analysis)
    notes = [analysis.words(k) for k in note_keys]
    items += forms
    page = analysis if lang == "en" else render_record(record, lang)  # the taxpayer's pages
    css = _page_css(lang)
    if lang != "en":
        for item in items:
            if item.letter is not None:
                item.reading = html_to_pdf(reading_copy_html(item.letter, page), extra_css=css + banner_css(lang))
    svg = timeline.timeline_svg(case, page)
    missing = missing_rows(items, page)
    words = cover_words(items, case, page)
    left = left_out_groups(
        left_out
        if lang == "en"
        else [replace(x, title=packet_words.letter_title(x.letter, lang)) if x.letter else x for x in left_out]
    )
    ctx: dict[str, Any] = {
        "case": case,
        "analysis": page,
        "lang": lang,
        "as_of": analysis.as_of,
        "name": case.taxpayer.name,
        "items": items,
        "words": words,
        "upcoming": [d for d in page.deadlines if not d.passed or d.still_open],
        "passed": [d for d in page.deadlines if d.passed and not d.still_open],
        "mailing": registry.cite("CDP-7"),
        "checklist": checklist_rows(analysis, lang),
        "missing": missing,
        "gaps": [m for m in missing if "q" not in m],
        "open_questions": [m for m in missing if "q" in m],
        "notes": [notes_in_words(n, page) for n in [page.words(k) for k in note_keys] + page_notes(record, page)],
        "svg": svg,
        "disclaimer": page.disclaimer,
        "left_out": left,
        "left_out_count": len(left_out),
        "max_per_kind": MAX_LETTERS_PER_KIND,
        "max_rows": MAX_MISSING_ROWS,
        # a letter addressed to the IRS office on the person's notice (never an address of our own)
        "irs_letters": any(i.letter is not None and i.letter.context.get("irs") for i in items),
    }
    ctx.update(confirm_context(case, page, items))
    front = html_to_pdf(render("packet_cover.html.j2", **ctx), extra_css=css + ONE_PAGE_NUMBER)
    back = html_to_pdf(render("packet_back.html.j2", **ctx), extra_css=css + ONE_PAGE_NUMBER)
    parts = [front]
    for item in items:
        parts += [item.pdf, item.reading]
    pdf = number_pages(merge_pdfs([*parts, back]), catalog.template("packet.page_stamp", lang))
    return Packet(
        pdf=pdf,
        items=items,
        ics=calendar.deadlines_ics(page, case.taxpayer.name, lang),  # the taxpayer's calendar: their language
        svg=svg,
        missing=missing,
        notes=notes,
        left_out=left_out,
        cover_pages=page_count(front),
        back_pages=page_count(back),
        fingerprint=case_fingerprint(case.model_dump_json(), analysis.as_of.isoformat()),
        lang=lang,
    )


def packet_files(packet: Packet) -> dict[str, bytes]:
    """Every file of the packet folder, by its path in the folder: the PDFs, calendar, timeline, contents."""
    files: dict[str, bytes] = {"packet.pdf": packet.pdf}
    for item in packet.items:
        files[item.filename] = item.pdf
    files["deadlines.ics"] = packet.ics
    files["timeline.svg"] = packet.svg.encode("utf-8")
    contents = {
        "items": [
            {
                "title": i.title,
                "kind": i.kind,
                "file": i.filename,
                "send_to": i.send_to,
                "by": i.by.isoformat() if i.by else None,
                "how": i.how,
                "missing": [{"what": w, "path": p} for w, p in i.missing]
                + [
                    {
                        "what": form_gaps.sentence(g, "en"),
                        "path": form_gaps.row_words(g, "en")[1],
                        "form": g.form_id,
                        "box": g.box,
                        "line": g.line,
                        "reason": g.reason.value,
                        "facts": list(g.paths),
                    }
                    for g in i.form_gaps
                ],
            }
            for i in packet.items
        ],
        "missing": packet.missing,
        "notes": packet.notes,
        "left_out": [
            {"title": x.title, "send_to": x.about, "by": x.by.isoformat() if x.by else None} for x in packet.left_out
        ],
    }
    files["contents.json"] = json.dumps(contents, indent=2, ensure_ascii=False).encode("utf-8")
    return files


def write_packet(packet: Packet, out: Path, *, force: bool = False) -> list[Path]:
    """Write the packet folder `out` whole or not at all (``packet_folder``): packet.pdf, each letter and
    form, deadlines.ics, timeline.svg, contents.json and the manifest that marks it as ours."""
    return write_packet_folder(packet_files(packet), out, fingerprint=packet.fingerprint, force=force)
