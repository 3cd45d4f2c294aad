"""Low-level text reading for IRS notices: lines, dates, amounts, phone numbers, OCR look-alikes.

Everything here is tolerant: a function returns what it found (possibly nothing) and never raises on
odd input. Dates that look like dates but do not exist (02/30/2025) are returned with ``value=None``
so the caller can report them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from levynav.core.model import limits

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NAME_MDY = re.compile(
    rf"(?<![a-z]){_MONTH}\.?\s{{0,8}}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s{{0,8}},?\s{{0,8}}(?P<year>\d{{4}})(?!\d)",
    re.I,
)
_NAME_DMY = re.compile(
    rf"(?<![\d.])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s{{1,8}}{_MONTH}\.?,?\s{{1,8}}(?P<year>\d{{4}})(?!\d)", re.I
)
_ISO = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d{2})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?![\d/])")
_NUMERIC = re.compile(
    r"(?<![\d/.,$-])(?P<month>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<day>\d{1,2})\s?(?P=sep)\s?(?P<year>\d{4}|\d{2})(?![\d/])"
)

_AMOUNT = re.compile(
    r"(?P<open>\()?(?P<minus>-)?\s?(?P<dollar>\$)?\s?"
    r"(?P<num>\d{1,3}(?:,\s?\d{3})+(?:\.\d{2})?(?!\d)|\d{1,12}\.\d{2}(?!\d)|(?(dollar)\d{1,12}(?![\d,.])|(?!)))"
    r"(?P<close>\))?(?P<trail>-(?!\s?\$?\d)|\s?CR\b)?"
)

_PHONE = re.compile(r"(?<![\d-])(?P<one>1[\s.-]?)?\(?(?P<a>\d{3})\)?[\s.-]{0,2}(?P<b>\d{3})[\s.-](?P<c>\d{4})(?![\d-])")

_OCR_TOKEN = re.compile(r"(?<![A-Za-z])[0-9OoIlSB|][0-9OoIlSB|,./-]*(?![A-Za-z])")
_OCR_MAP = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8"})
_LOOKALIKE = {"0": "[0Oo]", "1": "[1lI|]", "5": "[5S]", "8": "[8B]"}
_FUZZY_LETTER = {"i": "[i1l|]", "o": "[o0]", "l": "[l1I|]"}

_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")  # a line without a digit holds no date, amount or phone number: skipped at once
# A digit other than 0-9 (full-width "４", Arabic-Indic "٠": the patterns' \d matches them, and int() reads them): a
# value written with one is never read (the Arabic-Indic zero looks like a point: "1٠5.00" was read as 105.00); the
# reader names its line (``other_digit_lines``), as a case file refuses such a number.


def other_digits(text: str) -> bool:
    """Whether ``text`` holds a decimal digit other than 0-9."""
    return not text.isascii() and any(c.isdigit() for c in text if not c.isascii())


def other_digit_lines(lines: list[str]) -> list[int]:
    """The 1-based numbers of the lines holding a digit other than 0-9."""
    return [n for n, line in enumerate(lines, start=1) if other_digits(line)]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2009": " "})


def split_lines(text: str) -> list[str]:
    """Lines of the notice, cleaned of control characters; page breaks become line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\x0c", "\n")
    out = []
    for line in text.split("\n"):
        line = line.translate(_DASHES).translate(_QUOTES).replace("\t", "    ")
        out.append(_CONTROL.sub("", line).rstrip())
    return out


def fix_ocr_digits(line: str) -> str:
    """Within number-like tokens (two or more real digits), read O as 0, l/I/| as 1, S as 5, B as 8."""

    def repl(match: re.Match[str]) -> str:
        token = match.group(0)
        digits = sum(ch.isdigit() for ch in token)
        letters = sum(ch in "OoIlSB|" for ch in token)
        if digits >= 2 and letters and digits >= letters:
            return token.translate(_OCR_MAP)
        return token

    return _OCR_TOKEN.sub(repl, line)


def fold(text: str) -> str:
    """Lower case with every run of whitespace made one space (for matching titles across lines)."""
    return _SPACES.sub(" ", text.lower()).strip()


# A letter printed right after the digits of a notice number ("CP504B") that ``fix_ocr_digits`` reads as a digit
# (B as 8): the number's pattern accepts both, or a CP504B would be read as "CP5048" and not recognised.
# The digit form only right after the digits (no space: "CP504 8/12/2025" is CP504 and a date), the letter after a
# space too ("CP504 B").
_LETTER_AFTER_DIGIT = {"O": "0", "I": "1", "L": "1", "S": "5", "B": "8"}


def code_regex(code: str) -> re.Pattern[str]:
    """A notice number such as "CP504" or "Letter 1058", tolerant of spacing and OCR look-alikes."""
    body = ""
    gap = False
    after_digit = False
    for ch in code:
        if ch in " -":
            gap = True
            continue
        sep = r"[\s.\-]{0,8}" if gap else r"[\s.\-]{0,2}"
        if body and after_digit and not gap and ch.upper() in _LETTER_AFTER_DIGIT:
            body += f"(?:{sep}{re.escape(ch)}|{_LETTER_AFTER_DIGIT[ch.upper()]}(?![/.\\-]\\d))"
        else:
            body += (sep if body else "") + _LOOKALIKE.get(ch, re.escape(ch))
        after_digit = ch.isdigit()
        gap = False
    return re.compile(r"(?<![0-9A-Za-z])" + body + r"(?![0-9A-Za-z])", re.I)


def label_regex(words: str) -> str:
    """A label such as "notice date" as a regex: any spacing between words, OCR look-alikes of i, o, l."""
    out = []
    for word in words.split():
        out.append("".join(_FUZZY_LETTER.get(ch, re.escape(ch)) for ch in word.lower()))
    return r"\s*".join(out)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    raw: str
    value: date | None  # None: looks like a date but is not a real one


def _year(raw: str) -> int:
    year = int(raw)
    return 2000 + year if len(raw) == 2 else year


def _make(year: int, month: int, day: int) -> date | None:
    """The date, or None when it is not a real one or lies outside EARLIEST_DATE..LATEST_DATE."""
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value if limits.EARLIEST_DATE <= value <= limits.LATEST_DATE else None


def find_dates(line: str) -> list[FoundDate]:
    """Every date in a line, in order: "May 5, 2025", "5 May 2025", "05/05/2025", "2025-05-05", "5/5/25"."""
    if _DIGIT.search(line) is None:
        return []
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for pattern in (_NAME_MDY, _NAME_DMY):
        for m in pattern.finditer(line):
            if free(m.start(), m.end()) and other_digits(m.group(0)):  # not read, and not read in part either
                taken.append((m.start(), m.end()))
            elif free(m.start(), m.end()):
                month = MONTHS[m.group("mon").lower()[:3]]
                value = _make(int(m.group("year")), month, int(m.group("day")))
                found.append(FoundDate(m.start(), m.end(), m.group(0), value))
                taken.append((m.start(), m.end()))
    for m in _ISO.finditer(line):
        if free(m.start(), m.end()) and other_digits(m.group(0)):
            taken.append((m.start(), m.end()))
        elif free(m.start(), m.end()):
            value = _make(int(m.group("year")), int(m.group("month")), int(m.group("day")))
            found.append(FoundDate(m.start(), m.end(), m.group(0), value))
            taken.append((m.start(), m.end()))
    for m in _NUMERIC.finditer(line):
        if free(m.start(), m.end()) and other_digits(m.group(0)):
            taken.append((m.start(), m.end()))
        elif free(m.start(), m.end()):
            value = _make(_year(m.group("year")), int(m.group("month")), int(m.group("day")))
            found.append(FoundDate(m.start(), m.end(), m.group(0), value))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def mask(line: str, spans: list[tuple[int, int]]) -> str:
    """The line with the given spans blanked out (so that a date is not also read as an amount)."""
    chars = list(line)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


@dataclass(frozen=True)
class FoundAmount:
    start: int
    end: int
    raw: str
    value: Decimal


def find_amounts(line: str) -> list[FoundAmount]:
    """Money amounts: "$12,345.67", "12,345.67", "(1,234.00)", "-50.00", "$500". Dates are skipped."""
    if _DIGIT.search(line) is None:
        return []
    spans = [(d.start, d.end) for d in find_dates(line)]
    spans += [(p.start(), p.end()) for p in _PHONE.finditer(line)]
    text = mask(line, spans)
    out: list[FoundAmount] = []
    for m in _AMOUNT.finditer(text):
        num = m.group("num")
        start = m.start("num")
        if start > 0 and text[start - 1] in "0123456789.," and not m.group("dollar"):
            continue
        if other_digits(num) or (start > 0 and other_digits(text[start - 1])):  # "1٠5.00": never 105.00 nor 5.00
            continue
        digits = re.sub(r"[\s,]", "", num)
        try:
            value = Decimal(digits)
        except InvalidOperation:
            continue
        negative = bool(m.group("minus") or m.group("trail") or (m.group("open") and m.group("close")))
        out.append(FoundAmount(m.start(), m.end(), m.group(0).strip(), -value if negative else value))
    return out


@dataclass(frozen=True)
class FoundPhone:
    start: int
    end: int
    number: str


def find_phones(line: str) -> list[FoundPhone]:
    """US phone numbers, written back as 800-829-0000 (1-800-… when the 1 is printed)."""
    out = []
    for m in _PHONE.finditer(line):
        if other_digits(m.group(0)):
            continue
        number = f"{m.group('a')}-{m.group('b')}-{m.group('c')}"
        if m.group("one"):
            number = "1-" + number
        out.append(FoundPhone(m.start(), m.end(), number))
    return out
