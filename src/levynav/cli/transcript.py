"""`levynav transcript FILE...`: read IRS account transcripts and show the periods, the events, each
assessment's collection statute expiration date (CSED) with its timeline, and what could not be read.
An adapter: reading is in intake/transcript*.py, the dates in calc/csed*.py."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from levynav.cli.arguments import check_format, fail, parse_as_of
from levynav.core.calc.csed import PeriodCsed, case_csed
from levynav.core.law import registry
from levynav.intake.input_files import InputFileError
from levynav.intake.transcript import TranscriptIntake, read_transcripts

DISCLAIMER = (
    "This is a reading of your transcripts by a program, not legal advice. The IRS does not print the CSED on an "
    "account transcript; these dates are computed from the assessments and the events shown. Check them against "
    "the IRS's own figures (a practitioner can ask for them) before relying on them."
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("transcript")(transcript_command)


def report(intake: TranscriptIntake, as_of: date) -> dict[str, Any]:
    """Everything the command shows, as plain data (the JSON output)."""
    cseds = case_csed(intake.case, as_of, intake.facts.labels)
    cited: set[str] = set()
    periods = []
    for t in intake.transcripts:
        periods.append(
            {
                "source": t.source,
                "period_id": t.period_id,
                "form": t.form,
                "tax_period": t.tax_period,
                "account_balance": _s(t.account_balance),
                "accrued_interest": _s(t.accrued_interest),
                "accrued_interest_as_of": _d(t.accrued_interest_as_of),
                "accrued_penalty": _s(t.accrued_penalty),
                "accrued_penalty_as_of": _d(t.accrued_penalty_as_of),
                "balance_plus_accruals": _s(t.balance_plus_accruals),
                "request_date": _d(t.request_date),
                "response_date": _d(t.response_date),
                "transactions": len(t.transactions),
                "transactions_total": _s(t.amount_total()),
            }
        )
    events = [
        {
            "period_id": e.period_id,
            "line": e.line,
            "code": e.code,
            "date": _d(e.day),
            "amount": _s(e.amount),
            "explanation": e.explanation,
            "event": e.meaning.event,
            "meaning": e.meaning.meaning,
            "action_code": e.meaning.action_code,
            "legal_action_kind": e.meaning.kind,
            "status": e.meaning.status,
            "csed_effect": e.meaning.csed,
            "note": e.meaning.note,
        }
        for e in sorted(intake.facts.events, key=lambda x: (x.period_id, x.day or date.min, x.line))
    ]
    out_cseds = [_period(pc, cited) for pc in cseds.values()]
    return {
        "as_of": as_of.isoformat(),
        "periods": periods,
        "events": events,
        "cseds": out_cseds,
        "problems": intake.problems,
        "citations": {i: registry.cite(i).model_dump() for i in sorted(cited)},
        "disclaimer": DISCLAIMER,
    }


def _period(pc: PeriodCsed, cited: set[str]) -> dict[str, Any]:
    rows = []
    for a in pc.assessments:
        steps = []
        for s in a.timeline:
            cited.update(s.cites)
            steps.append(
                {
                    "date": s.day.isoformat(),
                    "end": _d(s.end),
                    "what": s.what,
                    "days": s.days,
                    "counted": s.counted,
                    "cites": list(s.cites),
                }
            )
        rows.append(
            {
                "assessment": a.label,
                "assessed": a.assessed.isoformat(),
                "base": a.base.isoformat(),
                "csed": a.date.isoformat(),
                "provisional": a.provisional,
                "suspended_days": a.suspended_days,
                "alternatives": {k: v.isoformat() for k, v in a.alternatives.items()},
                "timeline": steps,
            }
        )
    return {
        "period_id": pc.period_id,
        "csed": _d(pc.date),
        "assessments": rows,
        "notes": list(pc.notes),
        "stated": _d(pc.stated),
        "stated_difference": pc.stated_difference,
    }


def _s(v: object) -> str | None:
    return None if v is None else str(v)


def _d(v: date | None) -> str | None:
    return None if v is None else v.isoformat()


def print_report(data: dict[str, Any]) -> None:
    echo = typer.echo
    echo(f"Account transcripts read on {data['as_of']}\n")
    for p in data["periods"]:
        echo(
            f"Period {p['period_id'] or '(not read)'} — form {p['form'] or '?'}, tax period {p['tax_period'] or '?'} "
            f"({p['source']})"
        )
        echo(
            f"  Account balance {p['account_balance'] or '?'}; accrued interest {p['accrued_interest'] or '?'} "
            f"as of {p['accrued_interest_as_of'] or '?'}; accrued penalty {p['accrued_penalty'] or '?'} "
            f"as of {p['accrued_penalty_as_of'] or '?'}"
        )
        echo(f"  {p['transactions']} transactions, adding up to {p['transactions_total']}")
    echo("\nEvents")
    for e in data["events"]:
        ac = f" AC {e['action_code']}" if e["action_code"] else ""
        kind = f" [{e['legal_action_kind']}]" if e["legal_action_kind"] else ""
        echo(
            f"  {e['period_id']}  {e['date'] or '????-??-??'}  TC {e['code']}{ac}{kind}  {e['amount'] or '':>12}  "
            f"{e['meaning']} (status {e['status']}) — line {e['line']}: {e['explanation']}"
        )
    echo("\nCollection statute expiration dates (CSED)")
    for pc in data["cseds"]:
        latest_all = max([pc["csed"] or "", *(v for a in pc["assessments"] for v in a["alternatives"].values())])
        later_words = f" ({latest_all} under the later reading)" if latest_all != (pc["csed"] or "") else ""
        echo(f"\n  {pc['period_id']}: the last CSED of the period is {pc['csed']}{later_words}")
        for a in pc["assessments"]:
            # Safer date first (ADR 0002): the latest reading leads, the computed date beside it.
            latest = max([a["csed"], *a["alternatives"].values()])
            shown = (
                a["csed"]
                if latest == a["csed"]
                else f"{latest} under the later reading (or {a['csed']} counted the other way)"
            )
            echo(
                f"    {a['assessment']} assessed {a['assessed']} → CSED "
                f"{'at least ' if a['provisional'] else ''}{shown}"
            )
            for s in a["timeline"]:
                mark = "" if s["counted"] else "(not counted) "
                echo(f"      {s['date']}  {mark}{s['what']}  [{', '.join(s['cites'])}]")
        if pc["stated_difference"]:
            echo(f"    ! {pc['stated_difference']}")
        for n in pc["notes"]:
            echo(f"    note: {n}")
    if data["problems"]:
        echo("\nWhat could not be read, or was inferred")
        for p in data["problems"]:
            echo(f"  - {p}")
    echo("\nSources")
    for cid, c in data["citations"].items():
        echo(f"  {cid}: {c['cite']} [{c['status']}]")
    echo(f"\n{data['disclaimer']}")


def transcript_command(
    files: Annotated[
        list[Path], typer.Argument(help="account transcripts: .txt (copied text) or .pdf with a text layer")
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date to compute on, YYYY-MM-DD (default: today)", show_default=False)
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Read IRS account transcripts (one or more periods): periods, events, CSEDs with timelines, problems."""

    check_format(fmt)
    day = parse_as_of(as_of)
    try:
        intake = read_transcripts(files, labels=[str(f) for f in files])
    except InputFileError as err:  # missing, not a regular file, too large, empty, binary, a PDF without text
        raise fail(str(err)) from None
    data = report(intake, day)
    if fmt == "json":
        typer.echo(json.dumps(data, indent=2))
    else:
        print_report(data)
