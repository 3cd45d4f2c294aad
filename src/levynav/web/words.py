"""The one seam between the web pages and words: ``t(key, lang)`` for page chrome (messages/{en,es}.yaml) and
``render_analysis(analysis, lang)`` for what the analysis says, rendered from the language-free record by
``levynav.explain`` in the page's language (the same words as ``levynav render --lang``).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from levynav.core.model.ability_to_pay import AbilityToPay, Eligibility
from levynav.core.model.analysis import Analysis, Effect, Outcome
from levynav.core.plan import EFFECT_WEIGHT
from levynav.explain import catalog as explain_catalog
from levynav.explain import field_names, official_text
from levynav.explain.render import RFinding, label, period_name, render
from levynav.intake.case_problems import CaseProblem
from levynav.interview.fields import kind_of

LANGS = ("en", "es")
LOCALES = {"en": "en_US", "es": "es_US"}
MESSAGES = Path(__file__).with_name("messages")


@cache
def catalog(lang: str) -> dict[str, str]:
    data: dict[str, str] = yaml.load((MESSAGES / f"{lang}.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return data


def t(key: str, lang: str, **args: object) -> str:
    text = catalog(lang).get(key) or catalog("en").get(key) or key
    return text.format(**args) if args else text


def state_name(code: str, lang: str) -> str:
    """A state by its name in the language ("Ohio", "Nueva York"); a code the catalog does not name, as it is. The
    names are the explain catalogs' (``label.state``), which the analysis's own words say too."""
    return (
        label("state", code, lang)
        if code in (explain_catalog.messages("en").get("label") or {}).get("state", {})
        else code
    )


# Choices whose words the explain/ catalogs already hold (one wording for one thing): the § 6334(a) categories.
SHARED_CHOICES = ("R6334-A.cat_{value}",)


def choice_label(value: str, lang: str) -> str:
    key = f"choice_{value}"
    if key in catalog("en"):
        return t(key, lang)
    for pattern in SHARED_CHOICES:
        shared = pattern.format(value=value)
        if explain_catalog.has(shared, lang):
            return " ".join(explain_catalog.template(shared, lang).split())
    return value.replace("_", " ")


def field_label(name: str, lang: str, path: str | None = None) -> str:
    """A form field's label; one the page catalog lacks is said by the case field's words (``path``, e.g.
    ``levies[0].release_facilitates_collection``) in the language, never by its name."""
    key = f"field_{name}"
    if key in catalog("en"):
        return t(key, lang)
    known = field_names.label(field_names.INDEX.sub("[]", path), lang) if path else None
    return known[:1].upper() + known[1:] if known else name.replace("_", " ")


def path_words(path: str, lang: str) -> str:
    """A case field's path as a person reads it: ``levies[0].served_date`` -> "Levy 1 — date served" ("Embargo 1 —
    fecha de entrega"): the one place the pages (the fix page, the question page's errors) name a field, by
    ``explain.field_names`` (data/messages/{en,es}/fields.yaml). The case as a whole has the pages' own words."""
    if path == "(case)":
        return t("field_whole_case", lang)
    return field_names.words(path, lang)


def problem_text(problem: CaseProblem, lang: str) -> str:
    """What is wrong with one field of a stored case, in ``lang``: the problem's message key with its arguments in
    words (a field it names by its label, a date as the language writes it, a number with its grouping)."""
    args: dict[str, object] = {}
    for name, value in problem.args.items():
        if isinstance(value, str) and value in problem.names:
            args[name] = path_words(value, lang)
        elif isinstance(value, date):
            args[name] = day(value, lang)
        elif isinstance(value, int):
            args[name] = format_decimal(value, locale=LOCALES[lang])
        else:
            args[name] = str(value)
    return t(problem.key, lang, **args)


def negotiate(accept_language: str | None) -> str:
    """The first language of Accept-Language we have, else English."""
    ranked: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        ranked.append((weight, tag.split("-")[0].lower()))
    for _, lang in sorted(ranked, key=lambda r: -r[0]):
        if lang in LANGS:
            return lang
    return "en"


def day(value: date | None, lang: str) -> str:
    return "" if value is None else format_date(value, format="long", locale=LOCALES[lang])


def money(value: object, lang: str) -> str:
    if value is None:
        return "—"
    try:
        return format_currency(Decimal(str(value)), "USD", locale=LOCALES[lang])
    except InvalidOperation:
        return str(value)


def _figure(value: object, unit: str, lang: str) -> str:
    """A figure as a person reads it: money as money, a count of days or months with its unit in words."""
    if unit in ("usd", "dollars_per_year"):
        amount = money(value, lang)
        return amount if unit == "usd" else f"{amount} {label('unit', unit, lang)}"
    if isinstance(value, date):
        return day(value, lang)
    words = label("unit", unit, lang)
    return f"{value} {words}".strip() if words != "%" else f"{value} %"


def _why(f: RFinding, lang: str) -> dict[str, Any]:
    return {
        # the official text of what a citation names; where the registry read it (``source``) stays in the record
        "citations": [
            {"cite": c.cite, "links": official_text.links_for(c.cite, c.source, lang), "status": c.status}
            for c in f.citations
        ],
        "facts": [
            {"path": u.path, "label": fact_label(u.path, lang), "value": fact_value(u.value, u.path, lang)}
            for u in f.facts
        ],
        "figures": [
            {"value": _figure(p.value, p.unit, lang), "links": official_text.links_for(p.source, p.source, lang)}
            for p in f.parameters
        ],
    }


def _finding(f: RFinding, lang: str) -> dict[str, Any]:
    effect = f.effect.value if f.effect else ""
    return {"title": f.title, "explanation": f.explanation, "effect": effect, **_why(f, lang)}


def render_analysis(record: Analysis, lang: str) -> dict[str, Any]:
    """Everything a page shows of an analysis, as plain values for the templates."""
    analysis = render(record, lang)
    applies = [f for f in analysis.findings if f.outcome is Outcome.APPLIES and f.effect in EFFECT_WEIGHT]
    # the reasons the levy must or may end (release, return, a bar, an exemption), strongest first; an open route (an
    # appeal, help, a payment plan) is not a reason: it goes to the help section after the plan
    grounds = sorted(
        (f for f in applies if f.effect is not Effect.ROUTE_OPEN),
        key=lambda f: -EFFECT_WEIGHT.get(f.effect, 0) if f.effect else 0,
    )
    routes = [f for f in applies if f.effect is Effect.ROUTE_OPEN]
    deadlines = [
        {
            "id": d.id,
            "title": d.title,
            "date": day(d.date, lang),
            "iso": d.date.isoformat(),
            "days_left": d.days_left,
            "passed": d.passed and not d.still_open,  # a date passed but still open is listed with the live ones
            "still_open": d.still_open,
            "protects": d.protects,
            "computation": d.computation,
            "other": day(d.alternative_date, lang) if d.alternative_date else None,
            "citations": [c.cite for c in d.citations],
        }
        for d in analysis.deadlines
    ]
    plan = [
        {
            "order": s.order,
            "when": s.when,
            "title": s.title,
            "action": s.action,
            "why": s.why,
            "by": day(s.by_date, lang) if s.by_date else None,
            "contact": s.contact,
            "form": s.form,
            # a list item begins with a capital, as a sentence does (some catalog items are written in lower case)
            "have_ready": [h[:1].upper() + h[1:] for h in s.have_ready],
        }
        for s in analysis.plan
    ]
    # on the page, what to do today is written out in full (or, when nothing is for today, the first step); a later
    # step shows its title and date, its detail (what to say, whom to contact, what to have ready) one tap away
    today = [s for s in plan if s["when"] == "today"]
    for i, s in enumerate(plan):
        s["in_full"] = s["when"] == "today" or (not today and i == 0)
    fin = analysis.finances
    options = payment_options(fin, lang, asked_for(record))
    ability = None
    if fin is not None and fin.edition is not None:
        totals = (fin.income.total if fin.income else None, fin.expenses.total if fin.expenses else None)
        if all(v is None for v in (*totals, fin.disposable_income)):  # nothing known: say so, never a row of dashes
            ability = t("result_ability_unknown", lang)
        else:
            unknown = t("result_not_known", lang)
            income, expenses, left = (
                money(v, lang) if v is not None else unknown for v in (*totals, fin.disposable_income)
            )
            ability = t("result_ability", lang, income=income, expenses=expenses, left=left)
    return {
        "lang": lang,
        "summary": list(analysis.summary),
        "grounds": [_finding(f, lang) for f in grounds],
        "routes": [_finding(f, lang) for f in routes],
        "deadlines": deadlines,
        "plan": plan,
        "today": today,
        "options": options,
        "ability": ability,
        # a value the case gives that cannot be used says why beside its question (a county name that is two places)
        "questions": [f"{q.prompt} {q.why}" if q.why else q.prompt for q in analysis.questions[:10]],
        "history": [{"date": day(e.date, lang), "event": e.event, "note": e.note} for e in analysis.history],
        "resources": [{"name": r.name, "how": r.how, "why": r.why} for r in analysis.resources],
        "notes": list(analysis.notes),
        "disclaimer": analysis.disclaimer,
    }


def fact_label(path: str, lang: str) -> str:
    """A fact named in the page's words ("Levy 1 — date served"), not by its field path (explain.field_names)."""
    return field_names.words(path, lang)


def fact_value(value: Any, path: str, lang: str) -> str:
    """A fact the rules read, as the person gave it in their language: "Yes"/"Sí" (never Python's True), a choice in
    words ("Wages (pay from a job)", never ``wages``), a date and an amount as the language writes them."""
    if value is None:
        return t("result_not_known", lang)
    if isinstance(value, bool):
        return t("answer_yes" if value else "answer_no", lang)
    if isinstance(value, list | tuple):
        return "; ".join(fact_value(v, path, lang) for v in value)
    if re.search(r"tax_periods(\[\d*\])?$", path) and isinstance(value, str):  # periods named, not by their ids
        return "; ".join(period_name(v, lang) for v in value.split(", ") if v)
    if isinstance(value, date):
        return day(value, lang)
    try:
        kind = kind_of(field_names.INDEX.sub("[0]", path)).kind
    except (KeyError, TypeError, ValueError):
        kind = ""
    if kind == "date" and isinstance(value, str):
        try:
            return day(date.fromisoformat(value), lang)
        except ValueError:
            return value
    if kind == "money" or isinstance(value, Decimal):
        return money(value, lang)
    if kind == "choice" or f"choice_{value}" in catalog("en"):
        return choice_label(str(getattr(value, "value", value)), lang)
    return str(value)


def asked_for(record: Analysis) -> dict[str, int]:
    """The way to pay a step of the plan asks the IRS for (its option id → the step's number): a step whose words are
    a finance step's (``finance.*``), not one a finance step was merged into (whose words are another request)."""
    out: dict[str, int] = {}
    for s in record.plan:
        if s.text.key.startswith("finance."):
            for rule in s.rules:
                if rule.startswith("finances."):
                    out.setdefault(rule.removeprefix("finances."), s.order)
    return out


def payment_options(
    finances: AbilityToPay | None, lang: str, asked: dict[str, int] | None = None
) -> list[dict[str, Any]]:
    """The ways to pay side by side, in ``lang``: the one place the pages read the finances section's options (its
    option ids, eligibility, monthly payment and levy effect). First the one the plan asks the IRS for (``asked``:
    option id → step number), then the ones the person qualifies for, so the first way shown is one the IRS would
    accept; then those not known yet, then those they do not qualify for (each group in the analysis's order)."""
    asked = asked or {}
    out = []
    for o in finances.options.options if finances is not None and finances.options is not None else []:
        if o.eligibility is Eligibility.NOT_APPLICABLE:
            continue
        name = label("option", o.option.value, lang)
        out.append(
            {
                "title": name[:1].upper() + name[1:],
                "qualifies": o.eligibility.value,
                "eligibility": t(f"eligibility_{o.eligibility.value}", lang),
                "monthly": money(o.monthly_payment, lang),
                "levy_effect": t(f"levy_effect_{o.levy_effect.value}", lang),
                "step": asked.get(o.option.value),
            }
        )
    return sorted(out, key=lambda o: (o["step"] is None, SHOWN_FIRST.index(Eligibility(o["qualifies"]))))


SHOWN_FIRST = (Eligibility.ELIGIBLE, Eligibility.UNKNOWN, Eligibility.NOT_ELIGIBLE)
