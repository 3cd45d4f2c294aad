"""Read an IRS collection notice (pasted text, a .txt file, or a PDF's text layer) into facts of a case.

Recognises CP14, CP501, CP503, CP504, CP504B, LT11, Letter 1058, CP90, CP297, CP297A, CP297C, CP91, CP298, CP92,
Letter 3172, Form 668-A and Form 668-W (signatures in ``data/notices/types.yaml``) and reads the notice date, the
tax periods (form and period), the amounts and the amount due, the reply-by date, the IRS phone number and, on a
notice of levy, the person served and the amount of the levy.

The reader never raises on the text: it returns a ``NoticeReading`` with what it read, each value with
its line, and a list of problems (what it could not read, with line numbers). Only the file layer can
fail (``NoticeFileError``: no such file, a PDF with no text layer).

The layouts the patterns were written against are composed by levynav (examples/notices); real
notices change with each revision. A reading is a draft of the facts for the person to check.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from levynav.core.model import limits
from levynav.core.model.case import Case, Levy, LevyKind, Notice, NoticeType, TaxPeriod
from levynav.intake import notice_fields as fields
from levynav.intake.input_text import document_text
from levynav.intake.notice_text import fix_ocr_digits, other_digit_lines, split_lines
from levynav.intake.notice_types import Candidate, recognise

BANK_WORDS = ("bank", "credit union", "savings", "trust company", "bancorp", "financial", "n.a.", "federal credit")
RETIREMENT_WORDS = ("retirement", "pension", "annuity", "401(k)", "ira ")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReadProblem(_Frozen):
    line: int | None = Field(description="1-based line of the text; None when it concerns the whole notice")
    field: str
    message: str


class ReadDate(_Frozen):
    value: date
    line: int
    raw: str


class ReadAmount(_Frozen):
    label: str
    amount: Decimal
    line: int
    raw: str


class ReadPhone(_Frozen):
    number: str
    line: int


class ReadPeriod(_Frozen):
    id: str = Field(description="id in the Case convention: '1040-2021', '941-2024Q2', or '2021' without a form")
    form: str | None
    period: str
    period_end: date | None
    balance: Decimal | None
    line: int


class ReadTin(_Frozen):
    last4: str = Field(description="the last four digits of an identification number printed on the notice")
    line: int


class ReadLevy(_Frozen):
    served_on: str | None
    served_on_address: list[str]
    served_on_line: int | None
    amount: Decimal | None
    kind: LevyKind
    kind_basis: str


class NoticeReading(_Frozen):
    """What the reader found in one notice."""

    source: str
    type: NoticeType | None
    type_name: str | None
    type_line: int | None
    candidates: list[str] = Field(description="other types the text also fits, best first")
    hearing: str | None = Field(description="pre_levy, post_levy, lien, intent, levy or none")
    notice_date: ReadDate | None
    response_date: ReadDate | None
    lien_filed_date: ReadDate | None = Field(description="Letter 3172: the date the lien was filed, if printed")
    phone: ReadPhone | None
    amount_due: ReadAmount | None
    amounts: list[ReadAmount]
    tax_periods: list[ReadPeriod]
    levy: ReadLevy | None
    tins: list[ReadTin] = Field(
        default_factory=list, description="the identification numbers printed (last four digits), in their order"
    )
    problems: list[ReadProblem]
    line_count: int

    def to_notice(self) -> Notice:
        """The notice as a fact of the Case (type ``other`` when the type could not be told)."""
        return Notice(
            type=self.type or NoticeType.OTHER,
            notice_date=self.notice_date.value if self.notice_date else None,
            tax_periods=[p.id for p in self.tax_periods],
            amount_due=self.amount_due.amount if self.amount_due else None,
            response_date=self.response_date.value if self.response_date else None,
            phone=self.phone.number if self.phone else None,
            nftl_filed_date=self.lien_filed_date.value if self.lien_filed_date else None,
            other_title=None if self.type else "unrecognised notice",
        )

    def to_levy(self) -> Levy | None:
        """For a Form 668-A or 668-W, the levy it makes. The served date is not on the form: it stays unknown."""
        if self.levy is None:
            return None
        return Levy(
            kind=self.levy.kind,
            amount=self.levy.amount,
            tax_periods=[p.id for p in self.tax_periods],
            holder=self.levy.served_on,
        )

    def to_tax_periods(self) -> list[TaxPeriod]:
        return [TaxPeriod(id=p.id, form=p.form, period=p.period, balance=p.balance) for p in self.tax_periods]

    def add_to(self, case: Case) -> Case:
        """A copy of ``case`` with this notice (and its levy and any tax periods it names) added."""
        data = case.model_dump(mode="python")
        known = {p["id"] for p in data["tax_periods"]}
        for period in self.to_tax_periods():
            if period.id not in known:
                data["tax_periods"].append(period.model_dump(mode="python"))
                known.add(period.id)
        data["notices"].append(self.to_notice().model_dump(mode="python"))
        levy = self.to_levy()
        if levy is not None:
            data["levies"].append(levy.model_dump(mode="python"))
        return Case.model_validate(data)


class NoticeFileError(Exception):
    """The file cannot be read at all (missing, a folder, a PDF without a text layer)."""


# ---------------------------------------------------------------- reading


def _period_id(form: str | None, year: int | None, end: date | None) -> tuple[str, str]:
    if end is None:
        period = str(year)
    elif fields.is_quarterly(form) and end.month in (3, 6, 9, 12):
        period = f"{end.year}Q{end.month // 3}"
    elif end.month == 12:
        period = str(end.year)
    else:
        period = f"{end.year}{end.month:02d}"
    return (f"{form}-{period}" if form else period), period


def _periods(found: list[fields.FoundPeriod], problems: list[fields.Problem]) -> list[ReadPeriod]:
    out: dict[str, ReadPeriod] = {}
    for f in found:
        pid, period = _period_id(f.form, f.year, f.period_end)
        if pid in out:
            if out[pid].balance is None and f.balance is not None:
                out[pid] = out[pid].model_copy(update={"balance": f.balance})
            continue
        out[pid] = ReadPeriod(
            id=pid, form=f.form, period=period, period_end=f.period_end, balance=f.balance, line=f.line
        )
    # a bare year also printed with its form ("2021" and "1040-2021") is the same period
    with_form = {p.period for p in out.values() if p.form}
    kept = [p for p in out.values() if p.form or p.period not in with_form]
    for p in kept:
        if p.form is None:
            problems.append(fields.Problem(p.line, "tax_periods", f"tax period {p.period}: the form is not printed"))
    return kept


def _levy(kind: NoticeType, lines: list[str], due: ReadAmount | None, problems: list[fields.Problem]) -> ReadLevy:
    found = fields.holder(lines)
    name = found.name if found else None
    lowered = f" {name.lower()} " if name else ""
    if any(w in lowered for w in RETIREMENT_WORDS):
        levy_kind, basis = LevyKind.RETIREMENT, "the levy is served on a retirement plan or pension payer"
    elif kind is NoticeType.FORM_668W:
        levy_kind, basis = LevyKind.WAGES, "Form 668-W is a levy on wages, salary and other income"
    elif any(w in lowered for w in BANK_WORDS):
        levy_kind, basis = LevyKind.BANK, "Form 668-A served on a bank or credit union"
    else:
        levy_kind, basis = LevyKind.OTHER_PROPERTY, "Form 668-A served on someone not recognised as a bank"
        problems.append(
            fields.Problem(
                found.line if found else None,
                "levy_kind",
                "could not tell what the levy reaches (bank account, receivable, other); recorded as other property",
            )
        )
    return ReadLevy(
        served_on=name,
        served_on_address=found.address if found else [],
        served_on_line=found.line if found else None,
        amount=due.amount if due else None,
        kind=levy_kind,
        kind_basis=basis,
    )


# How much a notice type keeps for the person, for a tie between two readings of the same text: a CDP notice
# (§ 6330(a), (f); § 6320) before a § 6331(d) notice without hearing rights, before anything else. Reading a
# hearing notice as a notice without one would hide the 30 days to ask for the hearing (§ 6330(a)(3)(B)).
_HEARING_RANK = {"pre_levy": 3, "post_levy": 3, "lien": 3, "intent": 2, "levy": 1, "none": 1}
_HEARING_NOTICES = frozenset({"pre_levy", "post_levy", "lien"})


def _protective_first(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with, among those of the best score, the one that keeps a hearing right first (the order
    is otherwise kept: a stable sort)."""
    if len(candidates) < 2:
        return candidates
    top = candidates[0].score
    tied = [c for c in candidates if c.score == top]
    rest = [c for c in candidates if c.score != top]
    return sorted(tied, key=lambda c: -_HEARING_RANK.get(c.signature.hearing, 0)) + rest


_MISSING = {
    "notice_date": "the notice date",
    "response_date": "the reply-by date printed on the notice",
    "tax_periods": "the tax periods",
    "amount_due": "the amount due",
    "phone": "the IRS phone number",
    "levy_served_on": "who the levy was served on (the TO: block)",
}


def read_notice_text(text: str, source: str = "text") -> NoticeReading:
    """Read a notice from its text. Never raises on the content.

    A notice is a few pages: only its first MAX_NOTICE_LINES lines are read (a problem says so when
    there are more), so that the time to read is bounded whatever the size of the text.
    """
    head = document_text(text).split("\n", limits.MAX_NOTICE_LINES)
    raw_lines = split_lines("\n".join(head[: limits.MAX_NOTICE_LINES]))
    truncated = len(head) > limits.MAX_NOTICE_LINES or len(raw_lines) > limits.MAX_NOTICE_LINES
    raw_lines = raw_lines[: limits.MAX_NOTICE_LINES]
    wide = [n for n, line in enumerate(raw_lines, start=1) if len(line) > limits.MAX_NOTICE_LINE_CHARS]
    for n in wide:
        raw_lines[n - 1] = raw_lines[n - 1][: limits.MAX_NOTICE_LINE_CHARS]
    lines = [fix_ocr_digits(line) for line in raw_lines]
    problems: list[fields.Problem] = []
    if truncated:
        more = "the text is longer than a notice"
        problems.append(
            fields.Problem(
                None,
                "file",
                f"{more}: only the first {limits.limit_text('MAX_NOTICE_LINES')} lines were read",
            )
        )
    if wide:
        problems.append(
            fields.Problem(
                wide[0],
                "file",
                f"{len(wide)} line(s) longer than {limits.limit_text('MAX_NOTICE_LINE_CHARS')} characters"
                " were read only up to that length",
            )
        )
    other_digits = other_digit_lines(lines)
    if other_digits:
        problems.append(
            fields.Problem(
                other_digits[0],
                "file",
                f"{len(other_digits)} line(s) hold digits other than 0-9 (full-width, Arabic-Indic, …): their dates,"
                " amounts and phone numbers were not read — check them on the paper",
            )
        )
    candidates = _protective_first(recognise(lines))
    sig = candidates[0].signature if candidates else None
    if not candidates:
        problems.append(fields.Problem(None, "type", "not recognised as one of the notices levynav reads"))
    else:
        best = candidates[0]
        ties = [c for c in candidates[1:] if c.score == best.score]
        if ties:
            why = (
                " (the reading that keeps a hearing right)"
                if any(_HEARING_RANK[c.signature.hearing] < _HEARING_RANK[best.signature.hearing] for c in ties)
                else ""
            )
            problems.append(
                fields.Problem(
                    best.first_line,
                    "type",
                    f"the text fits {best.signature.type.value} and {', '.join(c.signature.type.value for c in ties)}"
                    f" equally; read as {best.signature.type.value}{why} — check the notice number on the paper",
                )
            )
        for other in candidates[1:]:
            if other.score != best.score and other.code_lines:
                problems.append(
                    fields.Problem(
                        other.code_lines[0],
                        "type",
                        f"the text also names {other.signature.type.value}; read as {best.signature.type.value}"
                        " — check the notice number on the paper",
                    )
                )
        if best.first_line is None:
            problems.append(fields.Problem(None, "type", "the notice number was not found; recognised by its title"))

    ndate = fields.notice_date(lines, problems)
    rdate = fields.response_date(lines, problems, hearing=sig is not None and sig.hearing in _HEARING_NOTICES)
    lien = fields.lien_filed_date(lines, problems) if sig is not None and sig.hearing == "lien" else None
    skip = {d.line for d in (ndate, rdate, lien) if d is not None}
    periods = _periods(fields.tax_periods(lines, skip, problems), problems)
    due_found = fields.amount_due(lines, problems)
    due = (
        ReadAmount(label=due_found.label, amount=due_found.value, line=due_found.line, raw=due_found.raw)
        if due_found
        else None
    )
    phone_found = fields.phone(lines)
    levy = None
    if sig is not None and sig.hearing == "levy":
        levy = _levy(sig.type, lines, due, problems)

    read = {
        "notice_date": ndate,
        "response_date": rdate,
        "tax_periods": periods or None,
        "amount_due": due,
        "phone": phone_found,
        "levy_served_on": levy.served_on if levy else None,
    }
    if sig is not None:
        for name in sig.expects:
            if read.get(name) is None:
                problems.append(fields.Problem(None, name, f"could not read {_MISSING[name]}"))

    return NoticeReading(
        source=source,
        type=sig.type if sig else None,
        type_name=sig.name if sig else None,
        type_line=candidates[0].first_line if candidates else None,
        candidates=[c.signature.type.value for c in candidates[1:]],
        hearing=sig.hearing if sig else None,
        notice_date=ReadDate(value=ndate.value, line=ndate.line, raw=ndate.raw) if ndate else None,
        response_date=ReadDate(value=rdate.value, line=rdate.line, raw=rdate.raw) if rdate else None,
        lien_filed_date=ReadDate(value=lien.value, line=lien.line, raw=lien.raw) if lien else None,
        phone=ReadPhone(number=phone_found.raw, line=phone_found.line) if phone_found else None,
        amount_due=due,
        amounts=[ReadAmount(label=a.label, amount=a.value, line=a.line, raw=a.raw) for a in fields.all_amounts(lines)],
        tax_periods=periods,
        levy=levy,
        tins=[ReadTin(last4=t.last4, line=t.line) for t in fields.tin_last4(lines)],
        problems=[ReadProblem(line=p.line, field=p.field, message=p.message) for p in problems],
        line_count=len(raw_lines),
    )


def read_notice_file(path: Path) -> NoticeReading:
    """Read a notice from a .txt file (any other extension is read as text too) or a .pdf file.

    The file is read like every document input (``input_text``): a regular file within
    MAX_NOTICE_FILE_BYTES, not empty, not binary, a PDF with a text layer.
    """
    from levynav.intake.input_files import InputFileError, read_input_file
    from levynav.intake.input_text import read_input_text, source_name
    from levynav.intake.ocr import IMAGE_SUFFIXES, OcrError, image_text, is_image

    try:
        data = read_input_file(path, "MAX_NOTICE_FILE_BYTES")
        if path.suffix.lower() in IMAGE_SUFFIXES or is_image(data[:16]):  # a photo or scan: Tesseract OCR
            try:
                return read_notice_text(image_text(data), source=source_name(path))
            except OcrError as err:
                raise NoticeFileError(f"{path}: {err}") from None
        got = read_input_text(path, "MAX_NOTICE_FILE_BYTES", fallback="utf-8")
    except InputFileError as err:
        raise NoticeFileError(str(err)) from None
    reading = read_notice_text(got.text, source=source_name(path))
    if got.replaced:
        bad = ReadProblem(line=None, field="file", message="some bytes are not UTF-8 text and were replaced")
        reading = reading.model_copy(update={"problems": [*reading.problems, bad]})
    return reading
