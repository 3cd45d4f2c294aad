"""Hostile input, round 2: a notice whose dates, amounts or years are written in digits other than 0-9.

A case file refuses a number written in other digits (docs/input-limits.md: "1٠5" — the Arabic-Indic zero looks like
a decimal point — was read as 105). The notice reader read them as if they were 0-9: "$４８,２２０.００" as $48,220.00,
"April ٢, ٢٠٢٥" as a deadline, "1٠5.00" as $105.00 where a person sees 1.5. Such a value is now not read, and the
reading says which line to check on the paper.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levynav.intake.notices import read_notice_text

ROOT = Path(__file__).resolve().parents[1]
CP297 = (ROOT / "examples" / "notices" / "cp297.txt").read_text()
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FEW = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def _other_digit_problems(reading: object) -> list[object]:
    return [p for p in reading.problems if "digits other than 0-9" in p.message]  # type: ignore[attr-defined]


def test_the_sample_is_read_with_ascii_digits() -> None:
    reading = read_notice_text(CP297)
    assert reading.notice_date is not None and reading.response_date is not None and reading.amount_due is not None
    assert not _other_digit_problems(reading)


@pytest.mark.parametrize("table", [FULL_WIDTH, ARABIC_INDIC], ids=["full_width", "arabic_indic"])
@pytest.mark.parametrize(
    ("written", "field"),
    [
        ("March 3, 2025", "notice_date"),
        ("April 2, 2025", "response_date"),
        ("$48,220.00", "amount_due"),
    ],
)
def test_a_value_in_other_digits_is_not_read_and_its_line_is_named(
    table: dict[int, str], written: str, field: str
) -> None:
    text = CP297.replace(written, written.translate(table))
    reading = read_notice_text(text)
    assert getattr(reading, field) is None, getattr(reading, field)
    found = _other_digit_problems(reading)
    assert found and found[0].line is not None, reading.problems  # type: ignore[attr-defined]


def test_one_other_digit_inside_an_amount_is_not_read_as_a_longer_number() -> None:
    text = CP297.replace("Amount due: $48,220.00", "Amount due: $1٠5.00")
    reading = read_notice_text(text)
    assert reading.amount_due is None or reading.amount_due.amount != 105, reading.amount_due
    assert _other_digit_problems(reading)


def test_a_tax_year_in_other_digits_is_not_read() -> None:
    text = CP297.replace("09/30/2023", "09/30/20２３")
    reading = read_notice_text(text)
    assert not any("2023" in p for p in (reading.tax_periods or [])), reading.tax_periods


@FEW
@given(
    positions=st.lists(st.integers(min_value=0, max_value=len(CP297) - 1), min_size=1, max_size=5),
    table=st.sampled_from([FULL_WIDTH, ARABIC_INDIC]),
)
def test_any_digit_made_another_digit_is_never_read_as_0_to_9(positions: list[int], table: dict[int, str]) -> None:
    chars = list(CP297)
    changed = False
    for i in positions:
        if chars[i].isascii() and chars[i].isdigit():
            chars[i] = chars[i].translate(table)
            changed = True
    reading = read_notice_text("".join(chars))
    if changed:
        assert _other_digit_problems(reading)
    for value in (reading.notice_date, reading.response_date, reading.amount_due):
        if value is not None:
            assert value.raw.isascii() or not any(c.isdigit() and not c.isascii() for c in value.raw), value


# ---------------------------------------------------------------- the transcript reader: the same rule

TRANSCRIPT = (ROOT / "tests" / "data" / "transcripts" / "client_1040_2017.txt").read_text()


@pytest.mark.parametrize("table", [FULL_WIDTH, ARABIC_INDIC], ids=["full_width", "arabic_indic"])
@pytest.mark.parametrize(
    ("written", "missing"),
    [("03-06-2023", "row_no_date"), ("$12,400.00", "row_no_amount"), ("cc 70", None)],
)
def test_a_transcript_value_in_other_digits_is_not_read(
    table: dict[int, str], written: str, missing: str | None
) -> None:
    """ "03-0٦-2023" on a TC 520 row was read as March 6, 2023 (a legal action pausing the collection statute) and
    "$1٢,400.00" as $12,400.00; each is now a row whose date or amount is not read, named by its line."""
    from levynav.intake.transcript_parse import parse_transcripts

    if written not in TRANSCRIPT:
        text = TRANSCRIPT.replace("Bankruptcy or other legal action filed", "Legal action filed cc 70", 1)
    else:
        text = TRANSCRIPT
    other = written[:-1] + written[-1].translate(table)  # one digit, the last, another digit
    (plain,) = parse_transcripts(text, "t.txt")
    (odd,) = parse_transcripts(text.replace(written, other, 1), "t.txt")
    if missing is None:
        assert [t.closing_code for t in odd.transactions].count(70) < [
            t.closing_code for t in plain.transactions
        ].count(70)
        return
    line = next(n for n, raw in enumerate(text.splitlines(), start=1) if written in raw and len(raw.split()) > 3)
    said = [p.what.key for p in odd.problems if p.line == line]
    assert any(
        k.startswith(f"transcript.problem.{missing}") or k == "transcript.problem.row_no_date_amount" for k in said
    )
    values = [(t.date, t.amount) for t in odd.transactions]
    assert values != [(t.date, t.amount) for t in plain.transactions]
