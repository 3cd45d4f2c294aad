"""A reading copy of an outgoing letter in the reader's language, placed right after the English letter.

The letter that goes to the IRS, a bank or an employer stays in English; the reading copy says the same things
in the reader's language so that the person knows what they sign, and every page of it says not to send it.
It is rendered from the same context as the letter (``Letter.context``) through ``templates/reading/<kind>``,
with every word from ``data/messages/<lang>/documents/letters.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from markupsafe import Markup, escape

from levynav.core.model.ability_to_pay import ExpenseLine
from levynav.documents import packet_words
from levynav.documents.lettering import GapMark, Letter, render
from levynav.explain import format
from levynav.explain.render import RDeadline, say, title
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import text as message_text

# the letter's own extra enclosures (letters.py), by kind, as keys of letters.yaml "enclose"
EXTRA_ENCLOSED = {"release_request": ["levy_notice"]}


def _css_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def banner_css(lang: str) -> str:
    """The "reading copy — do not send it" line at the top of every page of the copy."""
    banner = _css_text(packet_words.texts(lang, "letters")["reading"]["banner"])
    return (
        f'@page {{ @top-center {{ content: "{banner}"; font-size: 9.5pt; font-weight: bold; color: #b00020;'
        " border-bottom: 1.5pt solid #b00020; padding-bottom: 2pt } }"
    )


def _lookup(words: dict[str, Any], key: str) -> str:
    node: Any = words
    for part in key.split("."):
        node = node[part]
    return str(node)


def context(letter: Letter, page: Analysis) -> dict[str, Any]:
    """The letter's own context plus the helpers its reading copy needs, all in ``page.lang``."""
    lang = page.lang
    words = packet_words.texts(lang, "letters")

    def t(key: str, **args: Any) -> Markup:
        """A sentence of letters.yaml; a value that is already HTML (a gap mark) is kept, anything else escaped."""
        values = {k: a if isinstance(a, Markup | int) else escape(str(a)) for k, a in args.items()}
        return Markup(say(str(escape(_lookup(words, key))), lang, **values))

    def per(text: Any) -> str:
        """Tax periods as the letter names them ("Form 1040, 2022"), with the form named in the language."""
        return re.sub(r"\bForm\b", str(words["reading"]["form"]), str(text))

    def v(value: Any) -> Any:
        """A value of the letter; a gap (the letter's red "[missing: …]") becomes the reading copy's own mark."""
        if isinstance(value, GapMark):
            return Markup('<span class="gap">{}</span>').format(words["reading"]["missing_value"])
        return value

    def d(value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            value = dt.date.fromisoformat(value)
        return format.date(value, lang) if isinstance(value, dt.date) else v(value)

    def m(value: Any) -> str:
        try:
            return format.money(Decimal(str(value)), lang)
        except (InvalidOperation, ValueError):
            return str(v(value))

    def kind(levy: dict[str, Any]) -> str:
        return str(words["levy_kind"].get(levy["levy"].kind.value, levy["kind"]))

    def due_title(due: RDeadline | None) -> str:
        return packet_words.deadline_words(due, page) or ""

    def expense(line: ExpenseLine) -> str:
        return message_text(line.label, lang)

    ctx = dict(letter.context)
    if ctx.get("periods"):
        ctx["periods"] = per(ctx["periods"])
    levy = ctx.get("levy")
    if levy:  # which thing the levy takes, as the holder letter names it: an account, pay, benefits or other
        kind_value = levy["levy"].kind.value
        ctx["what"] = {"bank": "bank", "wages": "pay", "social_security": "benefits"}.get(kind_value, "other")
        ctx["thing"] = str(words["holder_thing"].get(kind_value, words["holder_thing"]["other_property"]))
    notice = ctx.get("notice")
    if notice is not None:
        name = notice.other_title or notice.type.value
        ctx["about"] = (
            t("reading.hearing_cover.about_notice_date", notice=name, date=format.date(notice.notice_date, lang))
            if notice.notice_date
            else t("reading.hearing_cover.about_notice", notice=name)
        )
    else:
        ctx["about"] = ""
    extra = [words["enclose"][k] for k in EXTRA_ENCLOSED.get(letter.kind, [])]
    ctx.update(
        lang=lang,
        t=t,
        v=v,
        per=per,
        d=d,
        m=m,
        kind_of=kind,
        due_title=due_title,
        expense=expense,
        rule_title=lambda rule: title(rule, lang),
        heading=t("reading.heading", title=packet_words.letter_title(letter, lang)),
        # the same papers as the letter: none when the letter encloses none (the letter to a bank or employer)
        enclosed_es=(
            packet_words.enclosures([*letter.rules, *(f.rule for f in ctx.get("improper") or [])], lang, extra)
            if ctx.get("enclosed")
            else []
        ),
    )
    return ctx


def reading_copy_html(letter: Letter, page: Analysis) -> str:
    return render(f"reading/{letter.kind}.html.j2", **context(letter, page))
