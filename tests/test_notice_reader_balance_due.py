"""audit 2026-12-07, round 2, notices (law14): the reader recognises the balance-due notices (CP14, CP501, CP503)
and the business notice of intent to levy (CP504B) by their notice number, and keeps a text without a number
unrecognised. What each means in law is quoted in data/notices/types.yaml and docs/law-notes.md:

- irs.gov "Understanding your CP14 notice": "We sent you this notice because you owe money on unpaid taxes" (the
  notice and demand of § 6303(a)); CP501/CP503 are the first and second reminders ("This notice is your second
  reminder that you still owe a balance on one of your tax accounts", CP503 page).
- irs.gov "Understanding your CP504B notice": "We're providing you with this notice of intent to levy as required by
  Internal Revenue Code section 6331(d)"; the Collection Due Process notice comes later.
"""

from __future__ import annotations

from datetime import date

import pytest

from levynav.core.model.case import NoticeType
from levynav.intake.notice_clocks import notice_deadlines
from levynav.intake.notices import read_notice_text

BODY = (
    "Notice date   June 2, 2025\n"
    "Tax period    December 31, 2023\n"
    "Form          1040\n"
    "To contact us 1-800-555-0142\n"
    "\n"
    "Amount due: $2,418.55\n"
)


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Notice CP14", NoticeType.CP14),
        ("Notice     CP 501", NoticeType.CP501),
        ("Notice CP5O3", NoticeType.CP503),  # an OCR look-alike of 0 in the number
        ("Notice CP504B", NoticeType.CP504B),
        ("Notice CP504 B", NoticeType.CP504B),  # the letter apart: the longer number counts, not CP504
    ],
)
def test_the_notice_number_in_the_header_names_the_notice(header: str, kind: NoticeType) -> None:
    reading = read_notice_text(f"{header}\n{BODY}")
    assert reading.type is kind
    assert reading.notice_date is not None and reading.notice_date.value == date(2025, 6, 2)
    assert reading.to_notice().type is kind
    assert not [p for p in reading.problems if p.field == "type"]


def test_the_balance_due_notices_carry_no_hearing_and_cp504b_is_a_notice_of_intent() -> None:
    assert read_notice_text(f"Notice CP14\n{BODY}").hearing == "none"
    assert read_notice_text(f"Notice CP503\n{BODY}").hearing == "none"
    assert read_notice_text(f"Notice CP504B\n{BODY}").hearing == "intent"


def test_cp504b_is_read_with_its_title_as_cp504b_not_cp504() -> None:
    text = f"Notice CP504B\n{BODY}Notice of intent to seize (levy) your property or rights to property\n"
    reading = read_notice_text(text)
    assert reading.type is NoticeType.CP504B
    assert "CP504" in reading.candidates  # the shared title, not the number
    assert not [p for p in reading.problems if p.field == "type"]


def test_cp504b_starts_the_earliest_levy_day_and_no_hearing_period() -> None:
    reading = read_notice_text(f"Notice CP504B\n{BODY}")
    deadlines, _, _ = notice_deadlines(reading.to_notice(), date(2025, 6, 10))
    assert [(d.id, d.date) for d in deadlines] == [("notice.earliest_levy", date(2025, 7, 2))]


def test_the_balance_due_notices_start_no_deadline() -> None:
    for header in ("Notice CP14", "Notice CP501", "Notice CP503"):
        deadlines, _, _ = notice_deadlines(read_notice_text(f"{header}\n{BODY}").to_notice(), date(2025, 6, 10))
        assert deadlines == []


@pytest.mark.parametrize(
    "text",
    [
        "Reminder: you have a balance due\n" + BODY,  # the words of a reminder, no number
        "We have not received your payment. This is your second reminder.\n" + BODY,
        "Notice of intent to levy (business)\n" + BODY,  # not the printed title, no number
        "Notice CP140\n" + BODY,  # a longer number is not a CP14
        "Notice CP5010\n" + BODY,
    ],
)
def test_loose_words_or_another_number_leave_the_notice_unrecognised(text: str) -> None:
    reading = read_notice_text(text)
    assert reading.type is None
    assert reading.to_notice().type is NoticeType.OTHER


def test_a_cp14_named_in_the_body_of_an_lt11_does_not_change_the_reading() -> None:
    text = (
        "Notice LT11\n"
        + BODY
        + "\n" * 14
        + "We sent you a bill (CP14) and reminders (CP501, CP503).\n"
        + "Final notice - notice of intent to levy and notice of your right to a hearing\n"
    )
    reading = read_notice_text(text)
    assert reading.type is NoticeType.LT11
    assert reading.hearing == "pre_levy"


def test_what_each_notice_is_in_law() -> None:
    from levynav.core.law import notices

    cp504b = NoticeType.CP504B
    assert notices.is_intent_to_levy_notice(cp504b)  # § 6331(d)
    assert not notices.is_cdp_levy_notice(cp504b) and not notices.is_post_levy_cdp_notice(cp504b)
    assert notices.is_payment_demand(cp504b) and not notices.is_notice_and_demand(cp504b)
    assert notices.is_notice_and_demand(NoticeType.CP14)  # § 6303(a)
    for reminder in (NoticeType.CP501, NoticeType.CP503):
        assert notices.is_payment_demand(reminder) and not notices.is_intent_to_levy_notice(reminder)
