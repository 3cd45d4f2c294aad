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

from levynav.intake.transcript_case import Event, Facts, merge, transcript_facts
from levynav.intake.transcript_parse import (
    Problem,
    Transaction,
    Transcript,
    parse_amount,
    parse_date,
    parse_transcripts,
)
from levynav.model.case import Case, Taxpayer, TaxpayerKind

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
    def problems(self) -> list[str]:
        return self.facts.problems


def pdf_text(path: Path) -> tuple[str, list[Problem]]:
    """The text layer of a PDF, page by page (pdfplumber); problems instead of exceptions."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - pdfplumber is a dependency
        return "", [Problem(None, "reading PDFs needs the pdfplumber package")]
    pages: list[str] = []
    problems: list[Problem] = []
    try:
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages, start=1):
                text = page.extract_text(layout=True) or ""
                if not text.strip():
                    problems.append(Problem(None, f"page {i} has no text layer (a scan?); it was not read"))
                pages.append(text)
    except Exception as exc:  # a damaged PDF must not crash the reader
        problems.append(Problem(None, f"the PDF could not be opened ({exc.__class__.__name__})"))
    return "\n".join(pages), problems


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_transcript_file(path: str | Path) -> list[Transcript]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        t = Transcript(str(p))
        t.problems.append(Problem(None, f"the file could not be read ({exc.__class__.__name__})"))
        return [t]
    extra: list[Problem] = []
    if raw.startswith(b"%PDF") or p.suffix.lower() == ".pdf":
        text, extra = pdf_text(p)
    else:
        text = _decode(raw)
    found = parse_transcripts(text, str(p))
    found[0].problems[:0] = extra
    return found


def read_transcripts(paths: Iterable[str | Path], case: Case | None = None) -> TranscriptIntake:
    """Read several transcripts (periods) of one taxpayer and combine them into one case."""
    transcripts = [t for path in paths for t in read_transcript_file(path)]
    facts = transcript_facts(transcripts)
    base = case if case is not None else Case(taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL))
    try:
        merged = merge(base, facts)
    except ValueError as exc:  # facts that contradict the case: keep the case, report
        facts.problems.append(f"the transcript facts could not be added to the case: {exc}")
        merged = base
    return TranscriptIntake(transcripts, facts, merged)


def case_with_transcripts(case: Case, base_dir: str | Path) -> Case:
    """The case with the facts of the transcripts it points to (``case.transcripts``, relative to ``base_dir``)."""
    if not case.transcripts:
        return case
    paths = [p if Path(p).is_absolute() else Path(base_dir) / p for p in case.transcripts]
    return read_transcripts(paths, case).case
