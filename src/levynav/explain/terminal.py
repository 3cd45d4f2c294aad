"""Text rendering of an Analysis and the rule catalog for people (Rich)."""

from __future__ import annotations

from decimal import Decimal
from types import ModuleType
from typing import Any

from rich.console import Console
from rich.markup import escape as e
from rich.panel import Panel
from rich.table import Table

from levynav.core.law import registry
from levynav.core.law.rule import Rule
from levynav.core.model.ability_to_pay import AbilityToPay, Eligibility, OptionResult, Options
from levynav.core.model.analysis import Analysis, Citation, Outcome
from levynav.explain import field_names, official_text
from levynav.explain.render import Rendered, RFinding, period_name, render, text

OUTCOME_STYLE = {
    Outcome.APPLIES: "bold green",
    Outcome.DOES_NOT_APPLY: "dim",
    Outcome.NOT_APPLICABLE: "dim",
    Outcome.UNKNOWN: "yellow",
}


def console() -> Console:
    out = Console(highlight=False, soft_wrap=False, width=100)
    out.size = (100, out.size.height)  # asked once: Rich would look the terminal's height up again on every print
    return out


def _finding(r: Rendered, f: RFinding) -> str:
    head = f"[{OUTCOME_STYLE[f.outcome]}]{e(r.ui('outcome_' + f.outcome.value))}[/]  [bold]{e(f.rule)}[/] {e(f.title)}"
    if f.subject:
        head += f"  [dim]({e(field_names.words(f.subject, r.lang))})[/]"
    if f.effect and f.outcome is Outcome.APPLIES:
        head += f"  → {e(r.label('Effect', f.effect.value))}"
        if f.condition == "irs_determination":
            head += " " + e(r.ui("once_agreed"))
    lines = [head, f"    {e(f.explanation)}"]
    lines.append("    [dim]" + e(r.ui("law", cites="; ".join(c.cite for c in f.citations))) + "[/]")
    if f.missing:
        lines.append(
            f"    [yellow]{e(r.ui('needed'))}[/] " + e("; ".join(field_names.words(m, r.lang) for m in f.missing))
        )
    if f.status_note:
        lines.append(f"    [magenta]{e(r.ui('note'))}[/] {e(f.status_note)}")
    return "\n".join(lines)


def print_analysis(a: Analysis | Rendered, lang: str = "en") -> None:
    r = a if isinstance(a, Rendered) else render(a, lang)
    out = console()
    out.print(Panel("[bold]" + e(r.ui("title", date=r.date(r.as_of))) + "[/]", expand=False))
    for line in r.summary:
        out.print(f"• {e(line)}")
    if r.deadlines:
        out.print(f"\n[bold]{e(r.ui('deadlines'))}[/]")
        table = Table(show_header=True, header_style="bold")
        for col in ("col_date", "col_days_left", "col_deadline", "col_protects"):
            table.add_column(e(r.ui(col)))
        for d in r.deadlines:
            left = e(r.ui("still_open" if d.still_open else "passed")) if d.passed else str(d.days_left)
            when = e(r.date(d.date))
            if d.alternative_date is not None:
                when += "\n" + e(r.ui("other_reading", date=r.date(d.alternative_date)))
            table.add_row(when, left, e(d.title), e(d.protects))
        out.print(table)
    if r.plan:
        out.print(f"\n[bold]{e(r.ui('what_to_do'))}[/]")
        for s in r.plan:
            by = " — " + e(r.ui("by", date=r.date(s.by_date))) if s.by_date else ""
            out.print(f"{s.order}. [bold]{e(r.ui('when_' + s.when))}[/]: {e(s.title)}{by}")
            out.print(f"   {e(s.action)}")
            if s.form:
                out.print("   " + e(r.ui("form", form=s.form)))
            if s.contact:
                out.print("   " + e(r.ui("contact", contact=s.contact)))
            if s.have_ready:
                out.print("   " + e(r.ui("have_ready", items="; ".join(s.have_ready))))
            out.print("   [dim]" + e(r.ui("why", why=s.why)) + "[/]")
    if r.collection_statute:
        out.print(f"\n[bold]{e(r.ui('collection_statute'))}[/] {e(r.ui('collection_statute_note'))}")
        for c in r.collection_statute:
            # Safer date first (a date after which the IRS may no longer act): the later reading, the other beside it.
            day, other = e(r.date(c.date)) if c.date else e(r.ui("unknown")), ""
            if c.date and c.alternative:
                later, earlier = max(c.date, c.alternative), min(c.date, c.alternative)
                day = e(r.date(later))
                other = " " + e(r.ui("csed_other", date=r.date(earlier)))
            basis = e(r.words(f"packet.basis_{c.basis}"))
            timeline = e("; ".join(text(m, r.lang) for m in c.explanation))
            out.print(f"  {e(period_name(c.period, r.lang))}: {day}{other} — {basis}: {timeline}")
    if r.finances is not None and r.finances.error is None:
        _print_finances(out, r, r.finances)
    shown = [f for f in r.findings if f.outcome in (Outcome.APPLIES, Outcome.UNKNOWN)]
    if shown:
        out.print(f"\n[bold]{e(r.ui('findings'))}[/] {e(r.ui('findings_note'))}")
        for f in shown:
            out.print(_finding(r, f))
    if r.questions:
        out.print(f"\n[bold]{e(r.ui('questions'))}[/] {e(r.ui('questions_note'))}")
        for q in r.questions[:10]:
            out.print(f"- {e(q.prompt)}  [dim]({e(q.path)})[/]")
            if q.why:  # the case gives a value that cannot be used: what is wrong with it
                out.print(f"  {e(q.why)}")
    if r.history:
        out.print(f"\n[bold]{e(r.ui('history'))}[/]")
        for ev in r.history:
            note = f" — {e(ev.note)}" if ev.note else ""
            out.print(f"  {e(r.date(ev.date))}  {e(ev.event)}{note}")
    if r.resources:
        out.print(f"\n[bold]{e(r.ui('help'))}[/]")
        for res in r.resources:
            out.print(f"- {e(res.name)}: {e(res.how)}. {e(res.why)}")
    for note in (
        r.notes
        if r.lang == "en"
        else [n for n, k in zip(r.notes, r.record.notes, strict=True) if k.kind in {"unverified", "csed_stated"}]
    ):
        out.print(f"\n[magenta]{e(r.ui('note'))}[/] {e(note)}")
    out.print(f"\n[dim]{e(r.disclaimer)}[/]")


def _money(r: Rendered, raw: object) -> str:
    return r.ui("unknown") if raw is None else r.money(Decimal(str(raw)))


def _print_finances(out: Console, r: Rendered, fin: AbilityToPay) -> None:
    """The ability-to-pay summary and the payment options, in the reader's language (``ui.fin_*``)."""
    if fin.edition is None:  # a business without household finances: its payment options only
        _print_options(out, r, fin.options)
        return
    effective = fin.edition.effective_date
    edition = e(r.ui("fin_edition", date=r.date(effective) if effective else r.ui("unknown")))
    out.print(f"\n[bold]{e(r.ui('fin_heading'))}[/] {edition}")
    out.print("  " + e(r.ui("fin_income", amount=_money(r, fin.income.total if fin.income else None))))
    out.print("  " + e(r.ui("fin_expenses", amount=_money(r, fin.expenses.total if fin.expenses else None))))
    out.print("  " + e(r.ui("fin_left", amount=_money(r, fin.disposable_income))))
    _print_options(out, r, fin.options)
    out.print(f"  [dim]{e(r.ui('fin_line_by_line'))}[/]")


def _print_options(out: Console, r: Rendered, options: Options | None) -> None:
    if options is not None and options.available:
        out.print(f"\n[bold]{e(r.ui('fin_options'))}[/]")
        table = Table(show_header=True, header_style="bold")
        for col in ("fin_col_option", "fin_col_qualify", "fin_col_monthly", "fin_col_levy"):
            table.add_column(e(r.ui(col)))
        for o in options.options:
            if o.eligibility is Eligibility.NOT_APPLICABLE:
                continue
            name = e(r.label("option", o.option.value))
            table.add_row(
                name[:1].upper() + name[1:],
                e(r.label("Eligibility", o.eligibility.value)),
                e(_money(r, o.monthly_payment)),
                e(r.label("LevyEffect", o.levy_effect.value)),
            )
        out.print(table)
        for o in options.options:
            _print_equity(out, r, o)


def _print_equity(out: Console, r: Rendered, option: OptionResult) -> None:
    """The offer's equity asset by asset: market value, quick-sale value, loan, equity (Form 433-A (OIC) Section 3)."""
    if not option.table:
        return
    figures = option.figures
    bound = " " + e(r.ui("fin_equity_at_least")) if figures.get("equity_is_a_lower_bound") is True else ""
    out.print("  " + e(r.ui("fin_equity_heading", pct=str(figures.get("quick_sale_pct", "?")))) + bound + ":")
    for row in option.table:
        values = {k: _money(r, row[k]) for k in ("market_value", "quick_sale_value", "loan_balance", "equity")}
        out.print("    " + e(r.ui("fin_equity_row", what=row["description"] or row["line"], **values)))
    if "irs_reasonable_collection_potential" in figures:
        irs, yours = figures["irs_reasonable_collection_potential"], figures.get("minimum_offer_lump_sum")
        out.print("  " + e(r.ui("fin_equity_irs", irs=_money(r, irs), yours=_money(r, yours))))


def rule_rows(modules: tuple[ModuleType, ...]) -> list[dict[str, Any]]:
    rows = []
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, Rule):
                cites = registry.cites(value.cites)
                rows.append(
                    {
                        "rule": value.id,
                        "title": value.title,
                        "module": module.__name__.rsplit(".", 1)[-1],
                        "citations": [c.cite for c in cites],
                        "status": cites[0].status if cites else "U",
                    }
                )
    return sorted(rows, key=lambda r: r["rule"])


def rules_markdown(rows: list[dict[str, Any]]) -> str:
    """docs/rules.md: the coverage list, generated (``levynav rules --format markdown``)."""
    status = {"V": "verified", "S": "secondary only", "U": "UNVERIFIED"}
    lines = [
        "# Rules covered",
        "",
        "Generated by `levynav rules --format markdown`; a test fails when this file is out of date.",
        "Status of the rule's own reference entry: verified against a primary source, secondary sources only,",
        "or UNVERIFIED (shown to the user with every finding that rests on it). `levynav explain RULE` shows one.",
        "",
        "| rule | title | module | law | status |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        law = "; ".join(r["citations"]).replace("|", "/")
        lines.append(f"| {r['rule']} | {r['title']} | {r['module']} | {law} | {status.get(r['status'], r['status'])} |")
    return "\n".join(lines) + "\n"


def print_rules(rows: list[dict[str, Any]]) -> None:
    table = Table(show_header=True, header_style="bold")
    for col in ("rule", "title", "law", "status"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["rule"], r["title"], "; ".join(r["citations"]), r["status"])
    console().print(table)
    console().print("[dim]Status: V verified against a primary source, S secondary only, U unverified.[/]")


def print_citation(c: Citation) -> None:
    out = console()
    out.print(f"[bold]{c.id}[/] — {c.summary}")
    out.print(f"Law: {c.cite}")
    for link in official_text.links_for(c.cite, c.source, "en"):
        out.print(f"Official text: {link['label']} — {link['url']}", markup=False, soft_wrap=True)
    out.print(f"Read at: {c.source}", markup=False, soft_wrap=True)
    status = {"V": "verified against a primary source", "S": "secondary sources only", "U": "UNVERIFIED"}
    out.print(f"Status: {status.get(c.status, c.status)}")
