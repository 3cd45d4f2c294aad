"""IRS account transcripts: read them (text or PDF text layer) and add what they say to a case.

This is the adapter layer: it reads files. The core (``analyze``, ``derive``) only sees the ``Case``
that ``case_with_transcripts`` returns.

- ``read_transcript_file(path)`` → transcripts read from one file (never raises).
- ``read_transcripts(paths)`` → a ``TranscriptIntake``: the transcripts, their facts, the problems.
- ``case_with_transcripts(case, base_dir)`` → the case with the facts of ``case.transcripts`` added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from levynav.core.model.case import Case, Taxpayer, TaxpayerKind
from levynav.core.model.message import Message, message
from levynav.intake.input_files import InputFileError
from levynav.intake.input_text import read_input_text, source_name
from levynav.intake.transcript_case import Event, Facts, merge, transcript_facts
from levynav.intake.transcript_parse import (
    Problem,
    Transaction,
    Transcript,
    parse_amount,
    parse_date,
    parse_transcripts,
    problem,
)

__all__ = [
    "Event",
    "Problem",
    "Transaction",
    "Transcript",
    "TranscriptIntake",
    "case_with_transcripts",
    "parse_amount",
    "parse_date",
    "parse_transcripts",
    "pdf_text",
    "read_transcript_file",
    "read_transcripts",
]


@dataclass
class TranscriptIntake:
    transcripts: list[Transcript]
    facts: Facts
    case: Case

    @property
    def problems(self) -> list[Message]:
        """What could not be read, or was inferred (``transcript.problem.*``; rendered by explain.transcript)."""
        return self.facts.problems


def pdf_text(path: Path) -> tuple[str, list[Problem]]:
    """The text layer of a PDF, page by page; problems instead of exceptions. Read as every PDF is
    (``input_text.pdf_pages``: within the transcript's size limit, in a process bounded in time and memory)."""
    from levynav.intake.input_files import read_input_file
    from levynav.intake.input_text import pdf_pages

    try:
        text, blank = pdf_pages(read_input_file(path, "MAX_TRANSCRIPT_FILE_BYTES"), str(path), True)
    except InputFileError as exc:
        return "", [problem(None, "pdf_unreadable", error=str(exc).rsplit(": ", 1)[-1])]
    return text, [problem(None, "page_no_text", page=page) for page in blank]


def read_transcript_file(path: str | Path, label: str | None = None, strict: bool = False) -> list[Transcript]:
    """The transcripts in one file. A file that cannot be read (missing, not a regular file, too large,
    empty, binary, a PDF without text) is a problem of the returned transcript, or with ``strict`` an
    ``InputFileError`` naming ``label`` (default: the path)."""
    p = Path(path)
    try:
        got = read_input_text(p, "MAX_TRANSCRIPT_FILE_BYTES", label, layout=True)
    except InputFileError as exc:
        if strict:
            raise
        t = Transcript(source_name(p))
        t.problems.append(problem(None, "input_file", reason=str(exc)))
        return [t]
    found = parse_transcripts(got.text, source_name(p))
    found[0].problems[:0] = [problem(None, "page_no_text", page=page) for page in got.blank_pages]
    return found


def read_transcripts(
    paths: Iterable[str | Path], case: Case | None = None, labels: list[str] | None = None
) -> TranscriptIntake:
    """Read several transcripts (periods) of one taxpayer and combine them into one case.

    With ``labels`` (one per path, e.g. ``transcripts[0]``) a file that cannot be read raises
    ``InputFileError`` naming its label; without, it becomes a problem of the intake."""
    paths = list(paths)
    _check_total_size(paths)
    if labels is not None:
        transcripts = [
            t for path, lab in zip(paths, labels, strict=True) for t in read_transcript_file(path, lab, True)
        ]
    else:
        transcripts = [t for path in paths for t in read_transcript_file(path)]
    _one_taxpayer(transcripts, case, dict(zip((source_name(p) for p in paths), labels or [], strict=False)))
    facts = transcript_facts(transcripts)
    base = case if case is not None else Case(taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL))
    try:
        merged = merge(base, facts)
    except ValueError as exc:  # facts that contradict the case: keep the case, report
        facts.problems.append(message("transcript.problem.not_added", reason=_reason(exc)))
        merged = base
    return TranscriptIntake(transcripts, facts, merged)


ANOTHER_TAXPAYER = (
    "the transcript is of another taxpayer than {other} (its taxpayer identification number ends differently); "
    "read one person's transcripts at a time"
)


def _one_taxpayer(transcripts: list[Transcript], case: Case | None, labels: dict[str, str]) -> None:
    """Refuse transcripts of more than one taxpayer, by the file of the first that is of another.

    Each transcript is of the taxpayers its identification numbers name (the last four digits, the only part it
    prints): its own, and on a joint return the spouse's too. It must share one with the case's
    ``taxpayer.tin_last4`` when the case gives it, and with every transcript read before it; one that names none is
    not checked (the reader cannot tell). Names are not compared (spelt and cut differently from year to year).
    """
    known: list[tuple[set[str], str]] = []
    if case is not None and case.taxpayer.tin_last4:
        known.append(({case.taxpayer.tin_last4}, "the case (taxpayer.tin_last4)"))
    for t in transcripts:
        numbers = {n for n in (t.tin_last4, t.spouse_tin_last4) if n}
        if not numbers:
            continue
        where = labels.get(t.source, t.source) + (f" (tax period {t.tax_period})" if t.tax_period else "")
        for before, named in known:
            if not numbers & before:
                raise InputFileError(f"{where}: " + ANOTHER_TAXPAYER.format(other=named))
        known.append((numbers, where))


def _check_total_size(paths: list[str | Path]) -> None:
    """Refuse, before reading any, transcripts larger together than MAX_TRANSCRIPTS_TOTAL_BYTES (a file named
    again counts again: it would be read again). What cannot be stat'ed is left to the reader to name."""
    import os
    import stat

    from levynav.core.model import limits

    total = 0
    for path in paths:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(st.st_mode):
            total += st.st_size
    if total > limits.MAX_TRANSCRIPTS_TOTAL_BYTES:
        raise InputFileError(
            f"transcripts: together larger than {limits.limit_text('MAX_TRANSCRIPTS_TOTAL_BYTES')} bytes "
            f"({len(paths)} files, {total:,} bytes)"
        )


def _reason(exc: ValueError) -> str:
    """Why the facts could not be added, by field: a model error's own text holds the values read (and a web address
    of the model's library), which belong on no page."""
    from pydantic import ValidationError

    from levynav.intake.field_names import field_path

    if isinstance(exc, ValidationError):
        lines = [f"{field_path(tuple(e['loc']))}: {str(e['msg']).removeprefix('Value error, ')}" for e in exc.errors()]
        return "; ".join(lines[:5]) + (f"; and {len(lines) - 5} more" if len(lines) > 5 else "")
    return str(exc)


def case_with_transcripts(case: Case, base_dir: str | Path) -> Case:
    """The case with the facts of the transcripts it points to (``case.transcripts``, relative to ``base_dir``)."""
    if not case.transcripts:
        return case
    paths = [p if Path(p).is_absolute() else Path(base_dir) / p for p in case.transcripts]
    return read_transcripts(paths, case).case
