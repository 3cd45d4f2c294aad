"""`levynav notice FILE`: read an IRS notice and show what it says, the deadlines it starts and what
could not be read. An adapter: reading is in intake/notices.py, the dates in intake/notice_clocks.py."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from levynav.cli.arguments import check_format, fail, parse_as_of
from levynav.core.law.rule import humanize
from levynav.core.model.analysis import Deadline, Message, ParamUse
from levynav.explain.render import deadline as explain_deadline
from levynav.explain.render import text as explain_text

if TYPE_CHECKING:
    from levynav.intake.notices import NoticeReading

DISCLAIMER = (
    "This is a reading of your notice by a program, not legal advice. Check every value against the paper notice."
)


_FIELD_WORDS = {
    "type": "notice type",
    "notice_date": "notice date",
    "response_date": "reply-by date",
    "lien_filed_date": "lien filing date",
    "tax_periods": "tax periods",
    "amount_due": "amount due",
    "phone": "IRS phone",
    "levy_served_on": "served on",
    "levy_kind": "what the levy reaches",
    "file": "file",
}
"""The field a reading problem is about, named on its line (the JSON output gives the field's id)."""


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("notice")(notice_command)


def notice_command(
    file: Annotated[
        Path, typer.Argument(help="the notice: a .txt file (pasted text), a .pdf, or a photo or scan (read with OCR)")
    ],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date to count days left from, YYYY-MM-DD (default: today)", show_default=False),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Read an IRS collection notice (CP14, CP501, CP503, CP504, CP504B, LT11, Letter 1058, CP90, CP297, CP297A,
    CP297C, CP91, CP298, CP92, Letter 3172, 668-A, 668-W)."""
    from levynav.intake.notice_clocks import notice_deadlines
    from levynav.intake.notices import NoticeFileError, read_notice_file

    check_format(fmt)
    day = parse_as_of(as_of)
    try:
        reading = read_notice_file(file)
    except NoticeFileError as err:
        raise fail(str(err)) from None
    try:
        notice = reading.to_notice()
        reading.to_levy()
    except ValueError as err:  # a value read that the model refuses (pydantic's error is a ValueError)
        raise fail(f"{file}: what was read is not a usable notice ({err.__class__.__name__})") from None
    if fmt == "json":
        typer.echo(json.dumps(notice_report(reading, day), indent=2))
        return
    deadlines, used, notes = notice_deadlines(notice, day)
    for line in render_text(reading, deadlines, used, notes, day):
        typer.echo(line)


def notice_report(reading: NoticeReading, day: date) -> dict[str, Any]:
    """What was read from a notice, as JSON (the CLI's --format json and the web API's /intake/notice)."""
    from levynav.intake.notice_clocks import notice_deadlines

    notice = reading.to_notice()
    deadlines, used, notes = notice_deadlines(notice, day)
    levy = reading.to_levy()
    return {
        "as_of": day.isoformat(),
        "reading": reading.model_dump(mode="json"),
        "notice": notice.model_dump(mode="json", exclude_none=True),
        "levy": levy.model_dump(mode="json", exclude_none=True) if levy else None,
        "deadlines": [d.model_dump(mode="json") for d in deadlines],
        "parameters": [p.model_dump(mode="json") for p in used],
        "notes": [n.model_dump(mode="json") for n in notes],
        "disclaimer": DISCLAIMER,
    }


def _at(line: int | None) -> str:
    return f" (line {line})" if line else ""


def render_text(
    reading: Any, deadlines: list[Deadline], used: list[ParamUse], notes: list[Message], day: date
) -> list[str]:
    out: list[str] = []
    if reading.type is None:
        out.append(f"{reading.source}: not recognised as an IRS notice levynav reads")
    else:
        out.append(f"{reading.source}: {reading.type.value} — {reading.type_name}{_at(reading.type_line)}")
    out.append("")
    out.append("What was read")
    rows: list[tuple[str, str]] = []
    if reading.notice_date:
        rows.append(("Notice date", humanize(reading.notice_date.value) + _at(reading.notice_date.line)))
    if reading.response_date:
        rows.append(("Reply-by date printed", humanize(reading.response_date.value) + _at(reading.response_date.line)))
    if reading.lien_filed_date:
        rows.append(("Lien filed", humanize(reading.lien_filed_date.value) + _at(reading.lien_filed_date.line)))
    if reading.amount_due:
        rows.append(("Amount due", humanize(reading.amount_due.amount) + _at(reading.amount_due.line)))
    for t in reading.tins:
        rows.append(("Taxpayer number", f"ending in {t.last4}{_at(t.line)}"))
    if reading.phone:
        rows.append(("IRS phone on the notice", reading.phone.number + _at(reading.phone.line)))
    for p in reading.tax_periods:
        balance = f", {humanize(p.balance)}" if p.balance is not None else ""
        rows.append(("Tax period", f"{p.id}{balance}{_at(p.line)}"))
    if reading.levy:
        lv = reading.levy
        rows.append(("Levy served on", (lv.served_on or "(not read)") + _at(lv.served_on_line)))
        rows.append(("Levy amount", humanize(lv.amount) if lv.amount is not None else "(not read)"))
        rows.append(("Levy kind", f"{lv.kind.value} ({lv.kind_basis})"))
    if not rows:
        rows.append(("(nothing)", "no date, amount, period or phone number could be read"))
    width = max(len(k) for k, _ in rows)
    out.extend(f"  {k.ljust(width)}  {v}" for k, v in rows)
    out.append("")
    out.append(f"Deadlines this notice starts (days left counted from {humanize(day)})")
    if not deadlines:
        out.append("  none computed")
    for record in deadlines:
        d = explain_deadline(record, "en")
        left = ("passed, still open" if d.still_open else "passed") if d.passed else f"{d.days_left} day(s) left"
        out.append(f"  - {humanize(d.date)} ({left}): {d.title}")
        out.append(f"      {d.protects}")
        out.append(f"      How counted: {d.computation}")
        out.append("      Law: " + "; ".join(f"{c.cite} [{c.status}]" for c in d.citations))
    for note in notes:
        out.append(f"  ! {explain_text(note, 'en')}")
    if any(d.id != "notice.printed_reply_by" for d in deadlines):
        out.append(
            "  Counted from the date printed on the notice. If it was mailed later (look at the envelope's"
            " postmark), the count runs from the mailing date; add it as mailing_date in your case file."
        )
    if used:
        out.append(
            "  Day counts used: " + "; ".join(f"{p.id} = {p.value} {p.unit} ({p.source}) [{p.status}]" for p in used)
        )
    out.append("")
    out.append("Could not read")
    if not reading.problems:
        out.append("  nothing: every expected field was found")
    for problem in reading.problems:
        where = f"line {problem.line}" if problem.line else "notice"
        named = _FIELD_WORDS.get(problem.field, problem.field.replace("_", " "))
        out.append(f"  - {where}: {problem.message} [field: {named}]")
    out.append("")
    out.append(DISCLAIMER)
    return out
