"""Read the text of an IRS account transcript (reference §D.4, TX-1 and TX-2).

The reader never raises on bad input: it returns what it read and a list of problems, each with the
line number. Lines it cannot place are kept in the problem list, never dropped silently. Several
transcripts in one text (one per tax period) are split where a new ``TAX PERIOD`` appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from levynav.core.model import limits
from levynav.core.model.message import Message, message
from levynav.intake.input_text import document_text

MONTHS = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}

# Digits are 0-9 only in a date, an amount, a code of a row's text or a TIN: Python's \d and int() also read full-width
# and Arabic-Indic digits ("03-0٦-2023" was March 6, 2023; "$1٢,400.00" was $12,400.00), which a case file refuses; such
# a value is not read, and its row says so (row_no_date, row_no_amount).
_AMOUNT = r"\(?\s*[-–−]?\s*\$?\s*[-–−]?(?:[0-9]{1,3}(?:[,.][0-9]{3})+|[0-9]+)[.,][0-9]{2}\s*\)?\s*-?"
AMOUNT_RE = re.compile(rf"^(?:{_AMOUNT})$")
DATE_NUM = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$")
DATE_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
DATE_WORDS = re.compile(r"([A-Za-z]{3,9})\.?\s+([0-9]{1,2}),?\s+([0-9]{4})(?![0-9])")
CYCLE_RE = re.compile(r"^\d{8}$")
CODE_RE = re.compile(r"^\s*(\d{3})(?=\s|$)\s*(.*)$")
CODE_LIKE = re.compile(r"^\s*[0-9OIlSB]{3}\s+[A-Za-z]")
DLN_RE = re.compile(r"\b\d{5}-\d{3}-\d{5}-\d\b")
NOTICE_RE = re.compile(r"^\s*(?:CP|LT|Letter)\s*\d+[A-Z]?\s*$", re.I)
CC_RE = re.compile(r"\b(?:cc|closing code)\s*[:#]?\s*([0-9]{1,2})\b", re.I)
AC_RE = re.compile(r"\b(?:ac|action code)\s*[:#]?\s*([0-9]{3})\b", re.I)

TABLE_START = re.compile(r"^(\*+\s*transactions\s*\*+|code\s+explanation of transaction\b.*)$", re.I)
BOILERPLATE = [
    re.compile(p, re.I)
    for p in (
        r"^this product contains sensitive taxpayer data$",
        r"^account transcript$",
        r"^-*\s*any minus sign shown below signifies a credit amount\s*-*$",
        r"^\*+\s*(information from the return or as adjusted|transactions)\s*\*+$",
        r"^page\s+\d+\s*(of\s+\d+)?$",
        r"^code\s+explanation of transaction\s+cycle\s+date\s+amount$",
        r"^\(?this is not a payoff amount\)?:?$",
        r"^account balance plus accruals$",
    )
]


@dataclass
class Problem:
    """What could not be read, at a line of the file (or of the whole file): a message reference
    ``transcript.problem.*`` that ``levynav.explain.transcript`` renders."""

    line: int | None
    what: Message


def problem(line: int | None, name: str, **args: object) -> Problem:
    return Problem(line, message(f"transcript.problem.{name}", **args))


@dataclass
class Transaction:
    code: str
    explanation: str
    cycle: str | None
    date: date | None
    amount: Decimal | None
    line: int
    extra: list[str] = field(default_factory=list)  # continuation lines other than wrapped explanation
    dln: str | None = None
    closing_code: int | None = None
    action_code: str | None = None

    @property
    def text(self) -> str:
        return " ".join([self.explanation, *self.extra])


@dataclass
class Transcript:
    source: str
    form: str | None = None
    tax_period: str | None = None
    period_end: date | None = None
    tin_last4: str | None = None
    spouse_tin_last4: str | None = None  # a joint return's transcript is of both spouses
    request_date: date | None = None
    response_date: date | None = None
    tracking_number: str | None = None
    account_balance: Decimal | None = None
    accrued_interest: Decimal | None = None
    accrued_interest_as_of: date | None = None
    accrued_penalty: Decimal | None = None
    accrued_penalty_as_of: date | None = None
    balance_plus_accruals: Decimal | None = None
    return_received: date | None = None
    processing_date: date | None = None
    transactions: list[Transaction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    first_line: int = 1
    in_table: bool = False  # the "** TRANSACTIONS **" line or the column header was seen

    @property
    def period_id(self) -> str | None:
        if self.period_end is None:
            return None
        form = self.form or "tax"
        if self.period_end.month == 12:
            return f"{form}-{self.period_end.year}"
        return f"{form}-{self.period_end.isoformat()[:7]}"

    def amount_total(self) -> Decimal:
        return sum((t.amount for t in self.transactions if t.amount is not None), Decimal("0"))


def parse_amount(raw: str) -> Decimal | None:
    """``$1,234.56``, ``-$1,234.56``, ``($1,234.56)``, ``1,234.56-``, ``− 12.00`` → Decimal; None if not an amount."""
    s = raw.strip().replace("–", "-").replace("−", "-")
    if not s or not AMOUNT_RE.match(s):
        return None
    negative = (s.startswith("(") and s.endswith(")")) or "-" in s
    digits = re.sub(r"[()$\s-]", "", s)
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+,[0-9]{2}", digits):  # European 1.234,56
        digits = digits.replace(".", "").replace(",", ".")
    digits = digits.replace(",", "")
    if digits.count(".") > 1 or not digits or digits == ".":
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    if value > limits.MAX_AMOUNT:  # thirty digits are a misread or an attack, not an amount a case can hold
        return None
    return -value if negative else value


def parse_date(raw: str) -> date | None:
    """``05-09-2022``, ``05/09/2022``, ``2022-05-09``, ``May 09, 2022``, ``Dec. 31, 2021``; None if not a date."""
    found = _parse_date(raw.strip())
    return found if found is not None and limits.EARLIEST_DATE <= found <= limits.LATEST_DATE else None


def _parse_date(s: str) -> date | None:
    try:
        if m := DATE_NUM.match(s):
            return date(int(m[3]), int(m[1]), int(m[2]))
        if m := DATE_ISO.match(s):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := DATE_WORDS.search(s):
            month = MONTHS.get(m[1][:3].lower())
            return date(int(m[3]), month, int(m[2])) if month else None
    except ValueError:
        return None
    return None


_HEADER: list[tuple[str, re.Pattern[str]]] = [
    ("form", re.compile(r"^form number:\s*(\S+)", re.I)),
    ("tax_period", re.compile(r"^tax period(?: ending)?:\s*(.+)$", re.I)),
    ("tin", re.compile(r"^taxpayer identification number:\s*\S*?([0-9]{4})\s*$", re.I)),
    ("spouse_tin", re.compile(r"^spouse taxpayer identification number:\s*\S*?([0-9]{4})\s*$", re.I)),
    ("request_date", re.compile(r"^request date:\s*(.+)$", re.I)),
    ("response_date", re.compile(r"^response date:\s*(.+)$", re.I)),
    ("tracking", re.compile(r"^tracking number:\s*(\d+)", re.I)),
    ("balance", re.compile(r"^account balance:\s*(.+)$", re.I)),
    ("interest", re.compile(r"^accrued interest:\s*(\S+)(?:\s+as of:?\s*(.+))?$", re.I)),
    ("penalty", re.compile(r"^accrued penalty:\s*(\S+)(?:\s+as of:?\s*(.+))?$", re.I)),
    ("plus", re.compile(r"^\(?this is not a payoff amount\)?:\s*(\S+)$", re.I)),
    ("received", re.compile(r"^return due date or return received date(?:\s*\(whichever is later\))?:?\s+(.+)$", re.I)),
    ("processing", re.compile(r"^processing date\s+(.+)$", re.I)),
]


def _header(t: Transcript, key: str, m: re.Match[str], n: int) -> None:
    def money(v: str) -> Decimal | None:
        out = parse_amount(v)
        if out is None:
            t.problems.append(problem(n, "amount_unreadable", raw=v.strip()))
        return out

    def day(v: str) -> date | None:
        out = parse_date(v)
        if out is None:
            t.problems.append(problem(n, "date_unreadable", raw=v.strip()))
        return out

    if key == "form":
        t.form = m[1]
    elif key == "tax_period":
        t.tax_period, t.period_end = m[1].strip(), day(m[1])
    elif key == "tin":
        t.tin_last4 = m[1]
    elif key == "spouse_tin":
        t.spouse_tin_last4 = m[1]
    elif key == "request_date":
        t.request_date = day(m[1])
    elif key == "response_date":
        t.response_date = day(m[1])
    elif key == "tracking":
        t.tracking_number = m[1]
    elif key == "balance":
        t.account_balance = money(m[1])
    elif key in {"interest", "penalty"}:
        amount, as_of = money(m[1]), day(m[2]) if m[2] else None
        if key == "interest":
            t.accrued_interest, t.accrued_interest_as_of = amount, as_of
        else:
            t.accrued_penalty, t.accrued_penalty_as_of = amount, as_of
    elif key == "plus":
        t.balance_plus_accruals = money(m[1])
    elif key == "received":
        t.return_received = day(m[1])
    elif key == "processing":
        t.processing_date = day(m[1])


def _row(code: str, rest: str, n: int, problems: list[Problem]) -> Transaction:
    """Split the columns after the code from the right: amount, date, cycle; the rest is the explanation."""
    tokens = rest.split()
    amount: Decimal | None = None
    day: date | None = None
    cycle: str | None = None
    if tokens and (a := parse_amount(tokens[-1])) is not None and not DATE_NUM.match(tokens[-1]):
        amount = a
        tokens.pop()
        if tokens and tokens[-1] in {"-", "$", "-$", "("}:  # "- $500.00" split by a space
            amount = -abs(amount) if "-" in tokens[-1] or "(" in tokens[-1] else amount
            tokens.pop()
    if (
        tokens
        and (d := parse_date(tokens[-1])) is not None
        and (DATE_NUM.match(tokens[-1]) or DATE_ISO.match(tokens[-1]))
    ):
        day = d
        tokens.pop()
    if tokens and CYCLE_RE.match(tokens[-1]):
        cycle = tokens.pop()
    explanation = " ".join(tokens)
    missing = [name for name, v in (("date", day), ("amount", amount)) if v is None]
    if missing:
        problems.append(problem(n, "row_no_" + "_".join(missing), code=code, raw=rest.strip()))
    return Transaction(code, explanation, cycle, day, amount, n)


def _continuation(prev: Transaction, raw: str, n: int, problems: list[Problem]) -> bool:
    """Attach a line without a code to the previous row; False if it does not look like one."""
    s = raw.strip()
    if m := DLN_RE.search(s):
        prev.dln = m[0]
        prev.extra.append(s)
        return True
    if NOTICE_RE.match(s):
        prev.extra.append(s)
        return True
    tokens = s.split()
    dates = [parse_date(x) for x in tokens if DATE_NUM.match(x)]
    amounts = [parse_amount(x) for x in tokens if parse_amount(x) is not None and not DATE_NUM.match(x)]
    if (dates and prev.date is None) or (amounts and prev.amount is None):
        if prev.date is None and dates:
            prev.date = dates[0]
        if prev.amount is None and amounts:
            prev.amount = amounts[-1]
        words = [x for x in tokens if not DATE_NUM.match(x) and parse_amount(x) is None and not CYCLE_RE.match(x)]
        if words:
            prev.explanation = f"{prev.explanation} {' '.join(words)}".strip()
        problems.append(problem(n, "joined_next_line", code=prev.code, joined=prev.line))
        return True
    if CC_RE.search(s) or AC_RE.search(s) or (raw[:1].isspace() and re.search(r"[A-Za-z]{2}", s)):
        if prev.extra:
            prev.extra.append(s)
        else:
            prev.explanation = f"{prev.explanation} {s}".strip()
        return True
    return False


def _codes_from_text(t: Transaction) -> None:
    text = t.text
    if t.closing_code is None and (m := CC_RE.search(text)):
        t.closing_code = int(m[1])
    if t.action_code is None and (m := AC_RE.search(text)):
        t.action_code = m[1]


def parse_transcripts(text: str, source: str = "transcript") -> list[Transcript]:
    """Every transcript in ``text`` (split where a new tax period begins)."""
    out: list[Transcript] = [Transcript(source)]
    text = document_text(text)
    for n, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        try:
            _line(out, raw, n, source)
        except Exception as exc:  # a reader must never crash; report and go on
            out[-1].problems.append(problem(n, "line_unreadable", error=exc.__class__.__name__))
    result = _merge_pages([t for t in out if t.transactions or t.period_end or t.form or t.account_balance is not None])
    if not result:
        out[0].problems.append(problem(None, "no_transcript"))
        return out[:1]
    for t in result:
        for tx in t.transactions:
            _codes_from_text(tx)
        _check(t)
    return result


def _line(out: list[Transcript], raw: str, n: int, source: str) -> None:
    t = out[-1]
    s = raw.strip().replace("\t", "  ")
    if not s:
        return
    for key, rx in _HEADER:
        if m := rx.match(s):
            if t.transactions:  # a header after the table: a new page or the next period's transcript
                out.append(Transcript(source, first_line=n))
                t = out[-1]
            _header(t, key, m, n)
            return
    if TABLE_START.match(s):
        t.in_table = True
        return
    if any(rx.match(s) for rx in BOILERPLATE):
        return
    if m := CODE_RE.match(raw.replace("\t", "  ")):
        found: list[Problem] = []
        row = _row(m[1], m[2], n, found)
        if t.in_table or (row.date is not None and row.amount is not None):
            t.transactions.append(row)
            t.problems.extend(found)
        return  # before the table, a line starting with three digits is an address or a figure
    if t.transactions and _continuation(t.transactions[-1], raw, n, t.problems):
        return
    if CODE_LIKE.match(s):
        t.problems.append(problem(n, "code_not_three_digits", raw=s))
    elif t.transactions or t.in_table:
        t.problems.append(problem(n, "not_understood", raw=s))


def _merge_pages(parts: list[Transcript]) -> list[Transcript]:
    """Join a part that repeats the previous period's header (a new page) to that transcript."""
    out: list[Transcript] = []
    for t in parts:
        prev = out[-1] if out else None
        same = (
            prev is not None
            and (t.period_end is None or t.period_end == prev.period_end)
            and (t.form is None or prev.form is None or t.form == prev.form)
        )
        if prev is None or not same:
            out.append(t)
            continue
        prev.transactions.extend(t.transactions)
        prev.problems.extend(t.problems)
        for name in (
            "form",
            "tax_period",
            "period_end",
            "tin_last4",
            "spouse_tin_last4",
            "request_date",
            "response_date",
            "tracking_number",
            "account_balance",
            "accrued_interest",
            "accrued_interest_as_of",
            "accrued_penalty",
            "accrued_penalty_as_of",
            "balance_plus_accruals",
            "return_received",
            "processing_date",
        ):
            if getattr(prev, name) is None:
                setattr(prev, name, getattr(t, name))
    return out


def _check(t: Transcript) -> None:
    if t.period_end is None:
        t.problems.append(problem(t.first_line, "no_tax_period"))
    if t.form is None:
        t.problems.append(problem(t.first_line, "no_form"))
    if t.account_balance is not None and t.transactions:
        total = t.amount_total()
        if total != t.account_balance:
            t.problems.append(problem(None, "sum_differs", total=total, balance=t.account_balance))
