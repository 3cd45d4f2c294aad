"""Which IRS notice a text is: signatures from ``data/notices/types.yaml``, scored on the text.

A notice number printed in the header block (the first lines) is the strongest sign; the same number
further down (page headers, footers, the tear-off stub) and the notice's title add to it. When two
types score the same — LT11 and Letter 1058 share their title, so do CP90 and CP297 — the reader
keeps the first and reports the tie.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from levynav.core.model.case import NoticeType
from levynav.intake.notice_text import code_regex, fold
from levynav.lawbook import datafiles

HEADER_LINES = 12  # non-empty lines counted as the header block
_HEADER_WEIGHT = 10
_BODY_WEIGHT = 4
_BODY_CAP = 3
_TITLE_WEIGHT = 3


@dataclass(frozen=True)
class Signature:
    type: NoticeType
    name: str
    codes: tuple[re.Pattern[str], ...]
    titles: tuple[re.Pattern[str], ...]
    hearing: str
    expects: tuple[str, ...]
    clocks: tuple[str, ...]
    cites: tuple[str, ...]


@functools.cache
def signatures() -> tuple[Signature, ...]:
    out = []
    for entry in datafiles.load_yaml("notices/types.yaml"):
        out.append(
            Signature(
                type=NoticeType(entry["type"]),
                name=entry["name"],
                codes=tuple(code_regex(c) for c in entry["codes"]),
                titles=tuple(re.compile(t) for t in entry["titles"]),
                hearing=entry["hearing"],
                expects=tuple(entry["expects"]),
                clocks=tuple(entry["clocks"]),
                cites=tuple(entry["cites"]),
            )
        )
    return tuple(out)


def signature(kind: NoticeType) -> Signature | None:
    for sig in signatures():
        if sig.type is kind:
            return sig
    return None


@dataclass(frozen=True)
class Candidate:
    signature: Signature
    score: int
    first_line: int | None  # 1-based line of the first notice number found; None if only the title
    code_lines: tuple[int, ...]
    titles: int


@functools.cache
def _any_code() -> re.Pattern[str]:
    """Every notice number of every signature in one pattern (a line that fails it names none)."""
    before, after = "(?<![0-9A-Za-z])", "(?![0-9A-Za-z])"
    bodies = []
    for sig in signatures():
        for p in sig.codes:
            body = p.pattern
            if body.startswith(before) and body.endswith(after):  # one look-around for all: a faster scan
                body = body[len(before) : -len(after)]
            bodies.append(f"(?:{body})")
    return re.compile(before + "(?:" + "|".join(bodies) + ")" + after, re.I)


def _code_hits(lines: list[str]) -> dict[NoticeType, list[int]]:
    """Lines on which each type's number appears; a match inside a longer match of another type is dropped
    (so "CP297 A" counts for CP297A, not CP297)."""
    hits: dict[NoticeType, list[int]] = {}
    any_code = _any_code()
    for number, line in enumerate(lines, start=1):
        if any_code.search(line) is None:  # most lines name no notice: one search instead of one per pattern
            continue
        spans: list[tuple[int, int, NoticeType]] = []
        for sig in signatures():
            for pattern in sig.codes:
                spans.extend((m.start(), m.end(), sig.type) for m in pattern.finditer(line))
        for start, end, kind in spans:
            inside_longer = any(
                other is not kind and s <= start and end <= e and (e - s) > (end - start) for s, e, other in spans
            )
            if not inside_longer and number not in hits.setdefault(kind, []):
                hits[kind].append(number)
    return hits


def recognise(lines: list[str]) -> list[Candidate]:
    """Candidate types, best first (highest score, then the earliest number in the text)."""
    header_end = 0
    seen = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            seen += 1
            header_end = number
            if seen >= HEADER_LINES:
                break
    folded = fold("\n".join(lines))
    hits = _code_hits(lines)
    out = []
    for sig in signatures():
        code_lines = hits.get(sig.type, [])
        header = [n for n in code_lines if n <= header_end]
        body = [n for n in code_lines if n > header_end]
        titles = sum(1 for t in sig.titles if t.search(folded))
        score = _HEADER_WEIGHT * min(len(header), 1) + _BODY_WEIGHT * min(len(body), _BODY_CAP)
        score += _TITLE_WEIGHT * titles
        if score:
            first = min(code_lines) if code_lines else None
            out.append(Candidate(sig, score, first, tuple(code_lines), titles))
    order = {sig.type: i for i, sig in enumerate(signatures())}
    return sorted(
        out, key=lambda c: (-c.score, c.first_line if c.first_line is not None else 10**9, order[c.signature.type])
    )
