"""The levy-notice reader (intake/notices.py) on the composed samples in examples/notices, on damaged
and noisy text, on a PDF made here, and under hypothesis fuzzing: it never raises on text."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levynav.core.model.analysis import Message
from levynav.core.model.case import Case, LevyKind, NoticeType, Taxpayer, TaxpayerKind, TaxPeriod
from levynav.explain.render import text as explain_text
from levynav.intake.notice_clocks import notice_deadlines
from levynav.intake.notices import NoticeFileError, NoticeReading, read_notice_file, read_notice_text

SAMPLES = Path(__file__).resolve().parent.parent / "examples" / "notices"

# file, type, notice date, printed reply-by date, amount due, phone, {period id: balance}
EXPECTED: list[tuple[str, NoticeType, date, date | None, str, str, dict[str, str | None]]] = [
    ("lt11.txt", NoticeType.LT11, date(2025, 6, 2), date(2025, 7, 2), "7482.19", "1-800-555-0142",
     {"1040-2021": "7482.19"}),
    ("letter_1058.txt", NoticeType.LETTER_1058, date(2025, 6, 4), date(2025, 7, 7), "24318.88", "555-555-0107",
     {"941-2024Q1": "12560.45", "941-2024Q2": "10642.10", "940-2023": "1116.33"}),
    ("cp504.txt", NoticeType.CP504, date(2025, 5, 5), date(2025, 6, 4), "12345.67", "800-555-0123",
     {"1040-2022": "12345.67"}),
    ("cp90.txt", NoticeType.CP90, date(2025, 3, 17), date(2025, 4, 17), "3914.50", "1-800-555-0161",
     {"1040-2019": "1702.25", "1040-2020": "2212.25"}),
    ("cp297.txt", NoticeType.CP297, date(2025, 3, 3), date(2025, 4, 2), "48220.00", "1-800-555-0176",
     {"941-2023Q3": "48220.00"}),
    ("cp297a.txt", NoticeType.CP297A, date(2025, 2, 10), None, "102775.31", "1-800-555-0188",
     {"941-2022Q4": "102775.31"}),
    ("cp297c.txt", NoticeType.CP297C, date(2025, 2, 10), None, "102775.31", "1-800-555-0188",
     {"1120-2022": "102775.31"}),
    ("cp91.txt", NoticeType.CP91, date(2025, 4, 7), date(2025, 5, 7), "2640.08", "1-800-555-0134",
     {"1040-2018": "2640.08"}),
    ("cp298.txt", NoticeType.CP298, date(2025, 4, 14), date(2025, 5, 14), "5118.90", "1-800-555-0135",
     {"1040-2017": "5118.90"}),
    ("cp92.txt", NoticeType.CP92, date(2025, 9, 8), None, "1276.44", "1-800-555-0152",
     {"1040-2020": "1276.44"}),
    ("letter_3172.txt", NoticeType.LETTER_3172, date(2025, 7, 3), date(2025, 8, 7), "11282.92", "1-800-555-0111",
     {"1040-2021": "6905.12", "1040-2022": "4377.80"}),
    ("form_668a.txt", NoticeType.FORM_668A, date(2025, 8, 11), None, "7622.84", "555-555-0190",
     {"1040-2021": "7622.84"}),
    ("form_668w.txt", NoticeType.FORM_668W, date(2025, 9, 8), None, "15232.08", "1-800-555-0147",
     {"1040-2022": "13090.31", "1040-2023": "2141.77"}),
]  # fmt: skip


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def messages(reading: NoticeReading) -> list[str]:
    return [f"{p.field}: {p.message}" for p in reading.problems]


@pytest.mark.parametrize(("name", "kind", "ndate", "rdate", "due", "phone", "periods"), EXPECTED)
def test_each_sample_is_recognised_and_read(
    name: str, kind: NoticeType, ndate: date, rdate: date | None, due: str, phone: str, periods: dict[str, str]
) -> None:
    reading = read_notice_file(SAMPLES / name)
    assert reading.type is kind
    assert reading.notice_date is not None and reading.notice_date.value == ndate
    assert (reading.response_date.value if reading.response_date else None) == rdate
    assert reading.amount_due is not None and reading.amount_due.amount == Decimal(due)
    assert reading.phone is not None and reading.phone.number == phone
    assert {p.id: str(p.balance) for p in reading.tax_periods} == periods
    assert not [m for m in messages(reading) if not m.startswith("type:")], messages(reading)
    notice = reading.to_notice()
    assert notice.type is kind and notice.notice_date == ndate and notice.amount_due == Decimal(due)
    assert notice.tax_periods == list(periods)


def test_the_sample_list_covers_every_sample_file() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.txt")) == sorted(e[0] for e in EXPECTED)
    for path in SAMPLES.glob("*.txt"):
        assert "SAMPLE" in path.read_text(encoding="utf-8").splitlines()[0]


def test_the_notice_number_decides_between_notices_that_share_a_title() -> None:
    lt11 = read_notice_text(sample("lt11.txt"))
    assert lt11.type is NoticeType.LT11 and "Letter 1058" in lt11.candidates
    assert not [p for p in lt11.problems if p.field == "type"]


def test_a_title_without_a_notice_number_is_read_but_the_tie_is_reported() -> None:
    text = "FINAL NOTICE - NOTICE OF INTENT TO LEVY AND NOTICE OF YOUR RIGHT TO A HEARING\nNotice date: 06/02/2025\n"
    reading = read_notice_text(text)
    assert reading.type is NoticeType.LT11
    found = " | ".join(messages(reading))
    assert "LT11 and Letter 1058 equally" in found
    assert "notice number was not found" in found


def test_cp297_with_a_spaced_suffix_is_cp297a() -> None:
    reading = read_notice_text("Notice   CP297 A\nNotice date  2025-02-10\n")
    assert reading.type is NoticeType.CP297A


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Notice date   May 5, 2025", date(2025, 5, 5)),
        ("Notice date: 05/05/2025", date(2025, 5, 5)),
        ("Notice date 2025-05-05", date(2025, 5, 5)),
        ("NOTICE DATE 5 May 2025", date(2025, 5, 5)),
        ("Notice Date:May 05,2025", date(2025, 5, 5)),
        ("Date of this notice: Sept. 5, 2025", date(2025, 9, 5)),
        ("Date of this letter    12/1/2024", date(2024, 12, 1)),
        ("Not1ce  date      May 5, 2O25", date(2025, 5, 5)),
        ("Notice date\n   June 30, 2025", date(2025, 6, 30)),
    ],
)
def test_notice_date_variants(line: str, expected: date) -> None:
    reading = read_notice_text(f"Notice CP504\n{line}\n")
    assert reading.type is NoticeType.CP504
    assert reading.notice_date is not None and reading.notice_date.value == expected


def test_ocr_look_alikes_in_the_notice_number_and_amounts() -> None:
    text = "Notice     CP5O4\nNotice date   May 5, 2O25\nAmount due immediately:  $12,3O4.S6\n"
    reading = read_notice_text(text)
    assert reading.type is NoticeType.CP504
    assert reading.amount_due is not None and reading.amount_due.amount == Decimal("12304.56")


def test_thousands_separators_and_credits() -> None:
    text = "Letter 1058\nTotal Amount Due:   $1,234,567.89\nCredit applied (250.00)\n"
    reading = read_notice_text(text)
    assert reading.amount_due is not None and reading.amount_due.amount == Decimal("1234567.89")
    assert {a.amount for a in reading.amounts} == {Decimal("1234567.89")}  # the credit is not an amount owed


def test_a_damaged_notice_reports_what_could_not_be_read_with_line_numbers() -> None:
    lines = sample("cp504.txt").splitlines()
    damaged = []
    for line in lines:
        if "Notice date" in line and "Page 2" not in line:
            line = line.replace("May 5, 2025", "02/30/2025")  # not a real date
        if "Page 2 of 5" in line:
            continue  # the page header that repeats the notice date is torn off
        if "Amount due immediately" in line or "To contact us" in line:
            continue
        damaged.append(line)
    reading = read_notice_text("\n".join(damaged))
    assert reading.type is NoticeType.CP504
    assert reading.notice_date is None and reading.amount_due is None and reading.phone is None
    by_field = {p.field: p for p in reading.problems}
    bad_date = next(p for p in reading.problems if "not a real one" in p.message)
    assert bad_date.field == "notice_date" and bad_date.line == 5 and "'02/30/2025'" in bad_date.message
    assert by_field["amount_due"].message == "could not read the amount due"
    assert by_field["phone"].message == "could not read the IRS phone number"
    assert reading.tax_periods and reading.tax_periods[0].id == "1040-2022"  # what was readable is kept


def test_a_form_that_is_not_printed_is_reported_and_the_period_kept() -> None:
    reading = read_notice_text("Notice LT11\nTax year 2021\nNotice date June 2, 2025\n")
    assert [p.id for p in reading.tax_periods] == ["2021"]
    assert any(
        p.field == "tax_periods" and p.line == 2 and "form is not printed" in p.message for p in reading.problems
    )


def test_conflicting_notice_dates_keep_the_first_and_report_the_other() -> None:
    reading = read_notice_text("Notice CP504\nNotice date May 5, 2025\n\nNotice CP504  Notice date May 6, 2025\n")
    assert reading.notice_date is not None and reading.notice_date.value == date(2025, 5, 5)
    assert any(p.line == 4 and "kept line 2" in p.message for p in reading.problems)


def test_unrecognised_text() -> None:
    reading = read_notice_text("Dear customer, your library book is overdue.\n")
    assert reading.type is None
    assert messages(reading) == ["type: not recognised as one of the notices levynav reads"]
    assert reading.to_notice().type is NoticeType.OTHER
    assert reading.to_levy() is None


def test_notice_of_levy_gives_a_levy_of_the_case() -> None:
    bank = read_notice_file(SAMPLES / "form_668a.txt")
    assert bank.levy is not None and bank.levy.served_on == "FIRST SAMPLE SAVINGS BANK"
    assert bank.levy.served_on_address[0] == "ATTN: LEVY PROCESSING"
    levy = bank.to_levy()
    assert levy is not None
    assert (levy.kind, levy.amount, levy.holder, levy.tax_periods) == (
        LevyKind.BANK, Decimal("7622.84"), "FIRST SAMPLE SAVINGS BANK", ["1040-2021"],
    )  # fmt: skip
    assert levy.served_date is None  # the form shows when it was issued, not when it was served
    wages = read_notice_file(SAMPLES / "form_668w.txt").to_levy()
    assert wages is not None and wages.kind is LevyKind.WAGES and wages.holder == "SAMPLE WIDGET MANUFACTURING CORP"


def test_a_668a_served_on_someone_else_is_other_property_and_says_so() -> None:
    text = sample("form_668a.txt").replace("FIRST SAMPLE SAVINGS BANK", "ACME SAMPLE CONSULTING LLC")
    reading = read_notice_text(text)
    assert reading.levy is not None and reading.levy.kind is LevyKind.OTHER_PROPERTY
    assert any(p.field == "levy_kind" for p in reading.problems)


def test_the_notice_joins_a_case_with_its_periods() -> None:
    case = Case(
        taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL),
        tax_periods=[TaxPeriod(id="1040-2022", balance=Decimal("13000"))],
    )
    joined = read_notice_file(SAMPLES / "form_668w.txt").add_to(case)
    assert [p.id for p in joined.tax_periods] == ["1040-2022", "1040-2023"]
    assert joined.tax_periods[0].balance == Decimal("13000")  # the case's own figure is kept
    assert joined.notices[0].type is NoticeType.FORM_668W and joined.notices[0].notice_date == date(2025, 9, 8)
    assert joined.levies[0].kind is LevyKind.WAGES and joined.levies[0].tax_periods == ["1040-2022", "1040-2023"]
    assert case.notices == []  # the original case is not changed


# ---------------------------------------------------------------- deadlines the notices start


def _deadline_dates(name: str, as_of: date = date(2025, 6, 10)) -> dict[str, date]:
    notice = read_notice_file(SAMPLES / name).to_notice()
    found, _, notes = notice_deadlines(notice, as_of)
    assert not notes
    return {d.id: d.date for d in found}


def test_lt11_starts_the_cdp_and_equivalent_hearing_periods() -> None:
    # reference appeals-alternatives-csed §0 worked dates: notice 2025-06-02 -> 2025-07-02; EH 2026-06-02
    got = _deadline_dates("lt11.txt")
    assert sorted(got.values()) == [date(2025, 7, 2), date(2025, 7, 2), date(2026, 6, 2)]
    assert got["notice.earliest_levy"] == date(2025, 7, 2)


def test_letter_1058_cdp_day_rolls_over_independence_day() -> None:
    got = _deadline_dates("letter_1058.txt")
    assert date(2025, 7, 7) in got.values()  # day 30 is Fri 2025-07-04, a holiday
    assert got["notice.earliest_levy"] == date(2025, 7, 4)  # a limit on the IRS: not rolled


def test_cp90_cdp_day_rolls_over_dc_emancipation_day() -> None:
    got = _deadline_dates("cp90.txt")
    assert date(2025, 4, 17) in got.values()  # day 30 is Wed 2025-04-16, DC Emancipation Day


def test_cp504_starts_only_the_earliest_levy_date() -> None:
    assert _deadline_dates("cp504.txt") == {"notice.earliest_levy": date(2025, 6, 4)}


def test_letter_3172_uses_the_lien_filing_date_and_the_printed_date() -> None:
    reading = read_notice_file(SAMPLES / "letter_3172.txt")
    assert reading.lien_filed_date is not None and reading.lien_filed_date.value == date(2025, 6, 30)
    got = _deadline_dates("letter_3172.txt")
    assert sorted(got.values()) == [date(2025, 8, 7), date(2026, 7, 8)]  # reference worked dates


def test_cp91_shows_the_printed_reply_by_date_and_668a_starts_none() -> None:
    assert _deadline_dates("cp91.txt") == {"notice.printed_reply_by": date(2025, 5, 7)}
    assert _deadline_dates("form_668a.txt") == {}


def test_no_notice_date_no_deadline_but_a_note() -> None:
    notice = read_notice_text("Notice LT11\nTax year 2021\n").to_notice()
    found, _, notes = notice_deadlines(notice, date(2025, 6, 10))
    assert found == []
    assert notes == [
        Message(key="notice_reading.hearing_date_unread"),
        Message(key="notice_reading.earliest_levy_date_unread"),
    ]
    assert "notice date could not be read" in explain_text(notes[0], "en")


# ---------------------------------------------------------------- PDF


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the lines in Courier, built by hand (no PDF library needed)."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = ["BT", "/F1 8 Tf", "10 TL", "24 820 Td"] + [f"({esc(line)}) Tj T*" for line in lines] + ["ET"]
    stream = "\n".join(content).encode("latin-1", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    pdf = tmp_path / "lt11.pdf"
    pdf.write_bytes(make_pdf(sample("lt11.txt").splitlines()))
    reading = read_notice_file(pdf)
    assert reading.type is NoticeType.LT11
    assert reading.notice_date is not None and reading.notice_date.value == date(2025, 6, 2)
    assert reading.amount_due is not None and reading.amount_due.amount == Decimal("7482.19")
    assert [p.id for p in reading.tax_periods] == ["1040-2021"]
    assert reading.source == str(pdf)


def test_pdf_without_text_and_broken_pdf_are_file_errors(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    empty = tmp_path / "scan.pdf"
    empty.write_bytes(make_pdf([]))
    with pytest.raises(NoticeFileError, match="no text layer"):
        read_notice_file(empty)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(NoticeFileError, match="not a readable PDF"):
        read_notice_file(broken)


def test_missing_file_and_folder_are_file_errors(tmp_path: Path) -> None:
    with pytest.raises(NoticeFileError, match="no such file"):
        read_notice_file(tmp_path / "nope.txt")
    with pytest.raises(NoticeFileError, match="not a file"):
        read_notice_file(tmp_path)


def test_bytes_that_are_not_utf8_are_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(sample("cp504.txt").replace("PLACEHOLDER", "PLAC\u00c9HOLDER").encode("latin-1"))
    reading = read_notice_file(path)
    assert reading.type is NoticeType.CP504
    assert any(p.field == "file" for p in reading.problems)


# ---------------------------------------------------------------- fuzz and property tests

SAMPLE_TEXTS = [sample(e[0]) for e in EXPECTED]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _exercise(reading: NoticeReading) -> Any:
    """Everything a caller does with a reading must work on any reading."""
    reading.to_notice()
    reading.to_levy()
    reading.to_tax_periods()
    reading.add_to(Case(taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL)))
    return reading.model_dump(mode="json")


@FUZZ
@given(st.text(max_size=2000))
def test_random_text_never_raises(text: str) -> None:
    _exercise(read_notice_text(text))


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            ["Notice", "CP504", "LT11", "Letter 1058", "668-A", "TO:", "DATE:", "Amount due", "$1,234.56",
             "(12.00)", "Tax year", "2021", "12/31/2021", "Notice date", "May 5, 2025", "02/30/2025", "13/45/2025",
             "1-800-555-0142", "Form 941", "06/30/2024", "\n", "  ", "\t", "99999999999999999.99", "Sept.", ":",
             "Last date to request a hearing", "filed a notice of federal tax lien on", "0", "-", "\u2013", "\f"]
        ),
        max_size=80,
    )
)  # fmt: skip
def test_notice_words_in_random_order_never_raise(words: list[str]) -> None:
    _exercise(read_notice_text(" ".join(words)))


@FUZZ
@given(st.sampled_from(range(len(SAMPLE_TEXTS))), st.randoms(use_true_random=False), st.integers(1, 40))
def test_mutated_samples_never_raise(index: int, rnd: random.Random, edits: int) -> None:
    chars = list(SAMPLE_TEXTS[index])
    for _ in range(edits):
        pos = rnd.randrange(len(chars))
        action = rnd.randrange(4)
        if action == 0:
            del chars[pos]
        elif action == 1:
            chars.insert(pos, rnd.choice("0O1lI5S8B$,./-()\n\t \x00\ufffd"))
        elif action == 2:
            chars[pos] = chr(rnd.randrange(32, 0x2FFF))
        else:
            chars[pos:pos] = chars[rnd.randrange(len(chars)) :][:30]
    _exercise(read_notice_text("".join(chars)))


@FUZZ
@given(st.sampled_from(range(len(SAMPLE_TEXTS))), st.randoms(use_true_random=False))
def test_type_and_dates_are_stable_under_whitespace_noise(index: int, rnd: random.Random) -> None:
    original = read_notice_text(SAMPLE_TEXTS[index])
    out_lines = []
    for line in SAMPLE_TEXTS[index].splitlines():
        words = line.split(" ")
        noisy = words[0]
        for word in words[1:]:
            noisy += rnd.choice([" ", "  ", "\t", "   ", " \t "]) + word
        out_lines.append(rnd.choice(["", " ", "\t"]) + noisy + rnd.choice(["", "  ", "\t"]))
        if rnd.random() < 0.2:
            out_lines.append(rnd.choice(["", "   ", "\t"]))
    noisy_text = rnd.choice(["\n", "\r\n"]).join(out_lines)
    reading = read_notice_text(noisy_text)
    assert reading.type is original.type
    assert reading.notice_date == original.notice_date or (
        reading.notice_date is not None
        and original.notice_date is not None
        and reading.notice_date.value == original.notice_date.value
    )
    assert [p.id for p in reading.tax_periods] == [p.id for p in original.tax_periods]
    assert (reading.amount_due.amount if reading.amount_due else None) == (
        original.amount_due.amount if original.amount_due else None
    )
