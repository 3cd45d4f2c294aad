"""`levynav transcript FILE...`: read IRS account transcripts and show the periods, the events, each
assessment's collection statute expiration date (CSED) with its timeline, and what could not be read.
An adapter: reading is in intake/transcript*.py, the dates in calc/csed*.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer

from levynav.cli.arguments import check_format, fail, parse_as_of, parse_lang
from levynav.core.calc.csed import PeriodCsed, case_csed
from levynav.core.law import registry
from levynav.core.model.message import LabelArg, Message, message
from levynav.explain import csed_timeline as csed_words
from levynav.explain import format
from levynav.explain import transcript as transcript_words
from levynav.explain.render import text
from levynav.intake.input_files import InputFileError
from levynav.intake.transcript import TranscriptIntake, read_transcripts
from levynav.intake.transcript_case import Event


def register(app: typer.Typer) -> None:
    """Add this module's commands to the CLI."""
    app.command("transcript")(transcript_command)


@dataclass(frozen=True)
class Report:
    """What the command shows: the transcripts read and the CSED of each period (typed; words are explain's)."""

    as_of: date
    intake: TranscriptIntake
    cseds: dict[str, PeriodCsed]

    @property
    def cited(self) -> list[str]:
        """The reference ids the timelines cite, in order of first use (the text view numbers them)."""
        ids = (c for pc in self.cseds.values() for a in pc.assessments for s in a.timeline for c in s.cites)
        return list(dict.fromkeys(ids))


def read(intake: TranscriptIntake, as_of: date) -> Report:
    return Report(as_of, intake, case_csed(intake.case, as_of, intake.facts.codes))


def report(intake: TranscriptIntake, as_of: date) -> dict[str, Any]:
    """Everything the command shows, as plain data (the JSON output): no sentence — every line of a timeline, a
    note and a comparison is a message reference ``{key, args}`` (docs/json-contract.md, "levynav transcript")."""
    r = read(intake, as_of)
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
        for e in _events(intake)
    ]
    return {
        "as_of": as_of.isoformat(),
        "periods": periods,
        "events": events,
        "cseds": [_period(pc) for pc in r.cseds.values()],
        "problems": [_m(p) for p in intake.problems],
        "citations": {i: registry.cite(i).model_dump() for i in sorted(r.cited)},
    }


def _events(intake: TranscriptIntake) -> list[Event]:
    return sorted(intake.facts.events, key=lambda x: (x.period_id, x.day or date.min, x.line))


def _m(m: Message) -> dict[str, Any]:
    out: dict[str, Any] = m.model_dump(mode="json")
    return out


def _period(pc: PeriodCsed) -> dict[str, Any]:
    rows = []
    for a in pc.assessments:
        steps = [
            {
                "date": s.day.isoformat(),
                "end": _d(s.end),
                "what": _m(s.what),
                "detail": [_m(m) for m in s.detail],
                "days": s.days,
                "counted": s.counted,
                "cites": list(s.cites),
            }
            for s in a.timeline
        ]
        rows.append(
            {
                "original": a.original,
                "codes": list(a.codes),
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
        "notes": [_m(n) for n in pc.notes],
        "stated": _d(pc.stated),
        "stated_difference": [_m(m) for m in pc.stated_difference],
    }


def _s(v: object) -> str | None:
    return None if v is None else str(v)


def _d(v: date | None) -> str | None:
    return None if v is None else v.isoformat()


def print_report(r: Report, lang: str) -> None:
    """The text view in ``lang``: the words are the catalogs' (``transcript.*``, ``csed_timeline.*``); a timeline
    line names its sources by number, listed under Sources with their citations (no internal id)."""
    echo = typer.echo

    def say(key: str, **args: Any) -> str:
        return text(message(f"transcript.{key}", **args), lang)

    unknown = say("unknown")
    echo(say("heading", day=r.as_of) + "\n")
    for t in r.intake.transcripts:
        echo(
            say(
                "period",
                id=t.period_id or say("not_read"),  # the key a case file names the period by: shown as it is
                form=t.form or unknown,
                tax_period=t.period_end or t.tax_period or unknown,
                source=t.source,
            )
        )
        echo(
            "  "
            + say(
                "balances",
                balance=_money(t.account_balance, unknown),
                interest=_money(t.accrued_interest, unknown),
                interest_as_of=t.accrued_interest_as_of or unknown,
                penalty=_money(t.accrued_penalty, unknown),
                penalty_as_of=t.accrued_penalty_as_of or unknown,
            )
        )
        echo("  " + say("transactions", count=len(t.transactions), total=t.amount_total()))
    echo("\n" + say("events"))
    for e in _events(r.intake):
        ac = f" AC {e.meaning.action_code}" if e.meaning.action_code else ""
        amount = format.money(e.amount, lang) if e.amount is not None else ""
        meaning = say(
            "event_status", meaning=transcript_words.meaning(e.code, e.meaning, lang), status=_status(e.meaning.status)
        )
        echo(
            f"  {e.period_id}  {_d(e.day) or '????-??-??'}  TC {e.code}{ac}  {amount:>12}  {meaning} — "
            f"{say('line', line=e.line)}: «{e.explanation}»"
        )
    echo("\n" + say("cseds"))
    numbers = {cid: n for n, cid in enumerate(r.cited, start=1)}
    for pc in r.cseds.values():
        last = pc.date
        later_all = max(
            [a.date for a in pc.assessments] + [d for a in pc.assessments for d in a.alternatives.values()],
            default=None,
        )
        if last is not None and later_all is not None and later_all != last:
            echo("\n  " + say("last_csed_later", period=pc.period_id, csed=last, later=later_all))
        else:
            echo("\n  " + say("last_csed", period=pc.period_id, csed=last if last is not None else unknown))
        for a in pc.assessments:
            # Safer date first (ADR 0002): the latest reading leads, the computed date beside it.
            latest = max([a.date, *a.alternatives.values()])
            name = csed_words.assessment(a, lang)
            csed = _at_least(a.date, a.provisional)
            if latest == a.date:
                echo("    " + say("assessment", assessment=name, assessed=a.assessed, csed=csed))
            else:
                later = _at_least(latest, a.provisional)
                echo("    " + say("assessment_later", assessment=name, assessed=a.assessed, later=later, csed=csed))
            for s in a.timeline:
                mark = "" if s.counted else say("not_counted") + " "
                refs = ", ".join(str(numbers[c]) for c in s.cites)
                echo(f"      {s.day.isoformat()}  {mark}{csed_words.line(s, lang)}  [{refs}]")
        differs = csed_words.stated_difference(pc, lang)
        if differs:
            echo(f"    ! {differs}")
        for said in csed_words.notes(pc, lang):
            echo("    " + say("note", note=said))
    if r.intake.problems:
        echo("\n" + say("problems"))
        for p in r.intake.problems:
            echo(f"  - {text(p, lang)}")
    echo("\n" + say("sources"))
    for cid, n in numbers.items():
        c = registry.cite(cid)
        echo(f"  {n}. " + say("source", cite=c.cite, status=_status(c.status)))
    echo("\n" + say("disclaimer"))


def _status(code: str) -> LabelArg:
    """A source's status (V, S, U) in words: label ``param_status``."""
    return LabelArg(enum="param_status", value=code)


def _money(v: Decimal | None, unknown: str) -> Decimal | str:
    return unknown if v is None else v


def _at_least(day: date, provisional: bool) -> date | Message:
    return message("transcript.at_least", day=day) if provisional else day


def transcript_command(
    files: Annotated[
        list[Path], typer.Argument(help="account transcripts: .txt (copied text) or .pdf with a text layer")
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date to compute on, YYYY-MM-DD (default: today)", show_default=False)
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    lang: Annotated[
        str | None, typer.Option("--lang", help="en or es (default: LEVYNAV_LANG, else en)", show_default=False)
    ] = None,
) -> None:
    """Read IRS account transcripts (one or more periods): periods, events, CSEDs with timelines, problems."""

    check_format(fmt)
    day = parse_as_of(as_of)
    language = parse_lang(lang)
    try:
        intake = read_transcripts(files, labels=[str(f) for f in files])
    except InputFileError as err:  # missing, not a regular file, too large, empty, binary, a PDF without text
        raise fail(str(err)) from None
    if fmt == "json":
        typer.echo(json.dumps(report(intake, day), indent=2))
    else:
        print_report(read(intake, day), language)
