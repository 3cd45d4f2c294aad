"""Field finders for IRS notices: labelled dates, amount due, phone, tax periods, the levy's addressee.

Each finder reads the cleaned lines (``notice_text.split_lines`` then ``fix_ocr_digits``) and returns
what it found with the 1-based line number, plus problems for what it saw but could not use. The
labels are those of the layouts levynav composed (examples/notices) and their common variants.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from levynav.core.model.limits import MAX_AMOUNT  # the Case model's money limit
from levynav.intake.notice_text import FoundDate, find_amounts, find_dates, find_phones, label_regex
from levynav.lawbook import datafiles

NOTICE_DATE_LABELS = [
    "notice date", "date of this notice", "date of notice", "date of this letter", "letter date",
    "notice dated", "date of levy", "date issued",
]  # fmt: skip
WEAK_DATE_LABELS = ["date"]  # "DATE:" at the start of a line (Form 668-A/668-W)
HEARING_LABELS = [
    "last date to request a hearing", "last day to request a hearing", "last date to request a cdp hearing",
    "last date to request a collection due process hearing", "request a hearing by",
    "request a collection due process hearing by", "request a cdp hearing by",
]  # fmt: skip
RESPONSE_LABELS = [
    "last date to request a hearing", "last day to request a hearing", "last date to request a cdp hearing",
    "last date to request a collection due process hearing", "request a hearing by",
    "request a collection due process hearing by", "request a cdp hearing by", "respond by", "reply by",
    "response due", "response date", "reply date", "pay by", "payment due", "amount due by", "due date",
    "please respond by", "contact us by", "call us by", "pay the amount due by",
]  # fmt: skip
LIEN_FILED_LABELS = [
    "filed a notice of federal tax lien on", "filed the notice of federal tax lien on", "lien filing date",
    "date lien filed", "date the lien was filed", "nftl filed", "date nftl filed", "lien filed on",
]  # fmt: skip
AMOUNT_DUE_LABELS = [
    "total amount due", "amount due immediately", "total amount you owe", "amount you owe", "amount due",
    "balance due", "total balance due", "total due", "pay this amount", "you owe",
]  # fmt: skip
PHONE_GOOD = re.compile(r"phone|call|telephone|contact|\btel\b", re.I)
PHONE_BAD = re.compile(r"advocate|\bTAS\b|\bTTY\b|\bTDD\b|\bfax\b|hearing impaired", re.I)


def _pattern(labels: list[str]) -> re.Pattern[str]:
    body = "|".join(label_regex(lab) for lab in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{body})(?![a-z])", re.I)


NOTICE_DATE = _pattern(NOTICE_DATE_LABELS)
WEAK_DATE = re.compile(r"^\s*date\s*[:.]", re.I)
RESPONSE = _pattern(RESPONSE_LABELS)
HEARING_BY = _pattern(HEARING_LABELS)
AMOUNT_DUE = _pattern(AMOUNT_DUE_LABELS)
LIEN_FILED = _pattern(LIEN_FILED_LABELS)
TAX_PERIOD = re.compile(r"(?<![a-z])tax\s*(?:year|period)\(?s?\)?(?:\s*end(?:ed|ing))?\s*[:\-]?", re.I)
TO_LABEL = re.compile(r"^\s*to\s*:\s*", re.I)
BLOCK_END = re.compile(
    r"name and address of taxpayer|identifying number|this (?:is not|isn't) a bill|kind of tax|reply to|"
    r"telephone number|taxpayer\(?s?\)?\s*:",
    re.I,
)
OTHER_LABEL = re.compile(
    r"notice\s*date|date\s*of|respond|reply|pay\s*by|due|social\s*security|taxpayer\s*id|employer\s*id|"
    r"page\s*\d|phone|call|contact|amount",
    re.I,
)
YEAR = re.compile(r"(?<![\d/.,$-])((?:19|20)\d{2})(?![\d/.,-]\d)")


@dataclass
class Problem:
    line: int | None
    field: str
    message: str


@dataclass
class Found:
    """A value with the line it was read from."""

    line: int
    raw: str


@dataclass
class FoundDay(Found):
    value: date


@dataclass
class FoundMoney(Found):
    label: str
    value: Decimal


@dataclass
class FoundPeriod(Found):
    form: str | None
    year: int | None
    period_end: date | None
    balance: Decimal | None = None


@dataclass
class FoundHolder(Found):
    name: str
    address: list[str] = field(default_factory=list)


def _next_lines(lines: list[str], index: int, count: int = 2) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for j in range(index + 1, len(lines)):
        if lines[j].strip():
            out.append((j, lines[j]))
            if len(out) >= count:
                break
    return out


def _date_after(lines: list[str], index: int, start: int, fld: str, problems: list[Problem]) -> FoundDay | None:
    """The first date on the line after ``start``, else on the next line if that line begins with one."""
    candidates: list[tuple[int, FoundDate]] = [(index, d) for d in find_dates(lines[index]) if d.start >= start]
    if not candidates:
        for j, text in _next_lines(lines, index, 1):
            dates = find_dates(text)
            if dates and not text[: dates[0].start].strip(" :.-|"):
                candidates = [(j, dates[0])]
    for j, found in candidates[:1]:
        if found.value is None:
            problems.append(Problem(j + 1, fld, f"{found.raw!r} looks like a date but is not a real one"))
            return None
        return FoundDay(j + 1, found.raw, found.value)
    return None


def labelled_date(lines: list[str], pattern: re.Pattern[str], fld: str, problems: list[Problem]) -> FoundDay | None:
    """The date after the first matching label; a second, different date under the same label is reported."""
    first: FoundDay | None = None
    for i, line in enumerate(lines):
        for m in pattern.finditer(line):
            got = _date_after(lines, i, m.end(), fld, problems)
            if got is None:
                continue
            if first is None:
                first = got
            elif got.value != first.value:
                problems.append(
                    Problem(got.line, fld, f"another {fld.replace('_', ' ')} {got.raw!r}; kept line {first.line}")
                )
            break
    return first


def notice_date(lines: list[str], problems: list[Problem]) -> FoundDay | None:
    found = labelled_date(lines, NOTICE_DATE, "notice_date", problems)
    if found is None:
        found = labelled_date(lines, WEAK_DATE, "notice_date", problems)
    return found


def response_date(lines: list[str], problems: list[Problem], hearing: bool = False) -> FoundDay | None:
    """The reply-by date printed on the notice. On a hearing notice (``hearing``) the last day printed for a hearing
    request comes first: a pay-by date printed elsewhere on it is not the hearing date (§ 6330(a)(3)(B),
    § 6320(a)(3)(B)); a pay-by date that differs from it is reported."""
    if not hearing:
        return labelled_date(lines, RESPONSE, "response_date", problems)
    seen: list[Problem] = []
    found = labelled_date(lines, HEARING_BY, "response_date", seen)
    if found is None:
        return labelled_date(lines, RESPONSE, "response_date", problems)
    problems.extend(seen)
    other = labelled_date(lines, RESPONSE, "response_date", [])
    if other is not None and other.value != found.value:
        problems.append(
            Problem(
                other.line,
                "response_date",
                f"a reply-by date {other.raw!r} differs from the hearing request date printed on line {found.line};"
                " kept the hearing request date",
            )
        )
    return found


def lien_filed_date(lines: list[str], problems: list[Problem]) -> FoundDay | None:
    return labelled_date(lines, LIEN_FILED, "lien_filed_date", problems)


def _usable(amount: Decimal, line: int, fld: str, problems: list[Problem]) -> bool:
    if amount < 0:
        problems.append(Problem(line, fld, f"the amount {amount} is negative (a credit?) and was not used"))
        return False
    if amount > MAX_AMOUNT:
        problems.append(Problem(line, fld, f"the amount {amount} is too large to be real and was not used"))
        return False
    return True


LABEL_CHARS = 120
"""How far before an amount its label is looked for."""


def _label_before(line: str, start: int) -> str:
    """The words before an amount on its line (at most LABEL_CHARS of them: the work stays linear)."""
    label = re.sub(r"[.\s:|$_-]+$", "", line[max(0, start - LABEL_CHARS) : start]).strip(" .:|-")
    return re.sub(r"\s{2,}", " ", label)


def amount_due(lines: list[str], problems: list[Problem]) -> FoundMoney | None:
    for i, line in enumerate(lines):
        for m in AMOUNT_DUE.finditer(line):
            amounts = [a for a in find_amounts(line) if a.start >= m.end()]
            where = i
            if not amounts:
                for j, text in _next_lines(lines, i, 2):
                    found = find_amounts(text)
                    if found and not text[: found[0].start].strip(" :.|"):
                        amounts, where = found, j
                        break
            if amounts and _usable(amounts[0].value, where + 1, "amount_due", problems):
                return FoundMoney(where + 1, amounts[0].raw, m.group(0).strip(), amounts[0].value)
    return None


def all_amounts(lines: list[str]) -> list[FoundMoney]:
    out = []
    for i, line in enumerate(lines):
        for a in find_amounts(line):
            if Decimal(0) <= a.value <= MAX_AMOUNT:
                out.append(FoundMoney(i + 1, a.raw, _label_before(line, a.start) or "(no label)", a.value))
    return out


def phone(lines: list[str]) -> Found | None:
    best: tuple[int, Found] | None = None
    for i, line in enumerate(lines):
        if PHONE_BAD.search(line):
            continue
        for p in find_phones(line):
            score = 2 if PHONE_GOOD.search(line) else 1
            if best is None or score > best[0]:
                best = (score, Found(i + 1, p.number))
    return best[1] if best else None


@functools.cache
def _forms() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    data = datafiles.load_yaml("notices/forms.yaml")
    names = [*data["annual"], *data["quarterly"], *data["aliases"]]
    body = "|".join(re.escape(n).replace(r"\-", r"-?") for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:form\s*)?({body})(?![\w-])", re.I)
    canon = {n.replace("-", "").upper(): n for n in [*data["annual"], *data["quarterly"]]}
    canon.update({k.upper(): v for k, v in data["aliases"].items()})
    return pattern, canon, frozenset(data["quarterly"])


def _form_name(raw: str) -> str:
    _, canon, _ = _forms()
    key = raw.replace("-", "").upper()
    return canon.get(key, raw.upper())


def is_quarterly(form: str | None) -> bool:
    return form is not None and form in _forms()[2]


def tax_periods(lines: list[str], skip: set[int], problems: list[Problem]) -> list[FoundPeriod]:
    """Table rows (form, period-end date, amounts) and "Tax year(s) 2021" / "Tax period ending …" lines.

    ``skip`` holds 1-based lines already used for the notice or reply-by date.
    """
    pattern, _, _ = _forms()
    out: list[FoundPeriod] = []
    lone_form: str | None = None
    for i, line in enumerate(lines):
        number = i + 1
        form_match = pattern.search(line)
        label = TAX_PERIOD.search(line)
        if form_match and not label and number not in skip:
            dates = [d for d in find_dates(line) if d.start > form_match.end()]
            if dates:
                if dates[0].value is None:
                    problems.append(Problem(number, "tax_periods", f"{dates[0].raw!r} is not a real period-end date"))
                    continue
                amounts = [a.value for a in find_amounts(line) if a.start > dates[0].end and a.value >= 0]
                balance = amounts[-1] if amounts and amounts[-1] <= MAX_AMOUNT else None
                row_form = _form_name(form_match.group(1))
                out.append(FoundPeriod(number, line.strip(), row_form, dates[0].value.year, dates[0].value, balance))
                continue
            if lone_form is None and re.search(r"(?:tax\s*)?form\s*(?:number)?\s*:?", line, re.I):
                lone_form = _form_name(form_match.group(1))
        if label:
            rest = line[label.end() :]
            cut = OTHER_LABEL.search(rest)
            rest = rest[: cut.start()] if cut else rest
            form: str | None = _form_name(form_match.group(1)) if form_match else None
            dates = find_dates(rest)
            if dates:
                for d in dates:
                    if d.value is None:
                        problems.append(Problem(number, "tax_periods", f"{d.raw!r} is not a real period-end date"))
                    else:
                        out.append(FoundPeriod(number, line.strip(), form, d.value.year, d.value))
                continue
            spans = [(m.start(1), m.group(1)) for m in YEAR.finditer(rest)]
            for _, year in spans:
                out.append(FoundPeriod(number, line.strip(), form, int(year), None))
    if lone_form is not None:
        for p in out:
            if p.form is None:
                p.form = lone_form
    return out


# The taxpayer's identification number as a notice prints it: its label, then the number masked but for its last four
# digits (an SSN or ITIN "XXX-XX-1234", an EIN "XX-XXX1234"; the text is masked before reading, so a full number
# printed is read the same way). The IRS prints only the last four; they are all the product keeps.
TIN_LABEL = re.compile(
    r"social\s*security\s*(?:number|no\.?)|taxpayer\s*id(?:entification)?(?:\s*(?:number|no\.?))?|"
    r"employer\s*id(?:entification)?(?:\s*(?:number|no\.?))?|identifying\s*number\(?s?\)?|\bSSN\b|\bEIN\b|\bTIN\b",
    re.I,
)
TIN_NUMBER = re.compile(r"(?<![\w-])(?:[X*\d]{3}-[X*\d]{2}-|[X*\d]{2}-[X*\d]{3})(\d{4})(?![\w-])", re.I)


@dataclass
class FoundTin(Found):
    last4: str


def tin_last4(lines: list[str]) -> list[FoundTin]:
    """Every identification number printed after its label (on its line or the next), by its last four digits: a
    notice of a joint liability may print both spouses'."""
    out: list[FoundTin] = []
    for i, line in enumerate(lines):
        label = TIN_LABEL.search(line)
        if label is None:
            continue
        after = [(i, line[label.end() :]), *_next_lines(lines, i, 1)]
        for index, text in after:
            found = TIN_NUMBER.search(text)
            if found is not None:
                if all(f.last4 != found.group(1) for f in out):
                    out.append(FoundTin(index + 1, found.group(0), found.group(1)))
                break
    return out


def holder(lines: list[str]) -> FoundHolder | None:
    """The person served with a notice of levy: the "TO:" block (name on the first line, then address)."""
    for i, line in enumerate(lines):
        m = TO_LABEL.match(line)
        if not m:
            continue
        block: list[tuple[int, str]] = []
        rest = line[m.end() :].strip()
        if rest:
            block.append((i, rest))
        for j in range(i + 1, min(i + 6, len(lines))):
            text = lines[j].strip()
            if not text:
                if block:
                    break
                continue
            if BLOCK_END.search(text):
                break
            block.append((j, text))
        if block:
            first_line, name = block[0]
            return FoundHolder(first_line + 1, name, name, [t for _, t in block[1:4]])
    return None
