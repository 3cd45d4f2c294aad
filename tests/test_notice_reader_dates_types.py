"""audit 2026-12-07, notices (law10): what the reader takes from a notice's text — the hearing request date printed
on a hearing notice, a text naming two notice types or none, an impossible date — and what `levynav notice` then
shows. Notice text in, reading and dates out; the law is quoted in docs/law-notes.md ("audit 2026-12-07, notices").

- § 6330(a)(3)(B): the notice states "the right of the person to request a hearing during the 30-day period"; the
  period runs from the mailing (Weiss v. Comm'r, 147 T.C. 179 (2016)). A notice that prints an earlier last day is
  followed first (acting by it loses nothing); the law's day is kept beside it.
- A text that fits a hearing notice and a notice without hearing rights equally is read as the hearing notice:
  reading an LT11 as a CP504 would hide the 30 days to ask for the hearing (§ 6330(a)(3)(B), (b)(1)).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from levynav.core.model.case import NoticeType
from levynav.intake.notice_clocks import notice_deadlines
from levynav.intake.notices import read_notice_text
from tests.test_cli_notice import run

SAMPLES = Path(__file__).resolve().parent.parent / "examples" / "notices"
LT11 = (SAMPLES / "lt11.txt").read_text(encoding="utf-8")
HEARING_LINE = "hearing with the IRS Independent Office of Appeals by July 2, 2025, using Form 12153."


def _fields(text: str) -> dict[str, list[str]]:
    reading = read_notice_text(text)
    out: dict[str, list[str]] = {}
    for p in reading.problems:
        out.setdefault(p.field, []).append(p.message)
    return out


def test_the_lt11_sample_has_its_hearing_line_as_expected() -> None:
    assert HEARING_LINE in LT11  # the edits below rely on it


def test_a_printed_hearing_request_date_is_read_before_a_pay_by_date() -> None:
    text = LT11.replace(HEARING_LINE, "hearing. Last date to request a hearing: June 20, 2025.")
    reading = read_notice_text(text)
    assert reading.type is NoticeType.LT11
    assert reading.response_date is not None and reading.response_date.value == date(2025, 6, 20)
    said = _fields(text)["response_date"]
    assert any("'July 2, 2025' differs from the hearing request date" in m for m in said)


def test_the_earlier_printed_hearing_date_is_the_date_shown_first_with_the_law_s_date_beside_it() -> None:
    reading = read_notice_text(LT11.replace(HEARING_LINE, "hearing. Last date to request a hearing: June 20, 2025."))
    found, _, _ = notice_deadlines(reading.to_notice(), date(2025, 6, 10))
    cdp = next(d for d in found if d.id == "cdp.request")
    assert cdp.date == date(2025, 6, 20)
    assert cdp.alternative_date == date(2025, 7, 2)
    keys = [m.key for m in cdp.computation]
    assert "count.levy_printed_earlier" in keys


def test_a_later_printed_hearing_date_does_not_move_the_law_s_date() -> None:
    reading = read_notice_text(LT11.replace(HEARING_LINE, "hearing. Last date to request a hearing: July 14, 2025."))
    assert reading.response_date is not None and reading.response_date.value == date(2025, 7, 14)
    found, _, _ = notice_deadlines(reading.to_notice(), date(2025, 6, 10))
    cdp = next(d for d in found if d.id == "cdp.request")
    assert cdp.date == date(2025, 7, 2) and cdp.alternative_date is None
    assert "count.levy_printed_later" in [m.key for m in cdp.computation]


def test_a_notice_without_hearing_rights_keeps_its_first_reply_by_date() -> None:
    text = (SAMPLES / "cp504.txt").read_text(encoding="utf-8")
    reading = read_notice_text(text)
    assert reading.type is NoticeType.CP504
    assert reading.response_date is not None and reading.response_date.value == date(2025, 6, 4)


def test_a_tie_between_a_hearing_notice_and_a_cp504_is_read_as_the_hearing_notice() -> None:
    # the header names CP504, the title and the page footer name LT11: equal scores
    text = LT11.replace("Notice                  LT11", "Notice                  CP504")
    reading = read_notice_text(text)
    assert reading.type is NoticeType.LT11
    assert reading.hearing == "pre_levy"
    said = _fields(text)["type"]
    assert any("fits LT11 and CP504 equally" in m and "keeps a hearing right" in m for m in said)
    found, _, _ = notice_deadlines(reading.to_notice(), date(2025, 6, 10))
    assert "cdp.request" in [d.id for d in found]


def test_a_tie_between_two_hearing_notices_keeps_the_first_and_says_so() -> None:
    reading = read_notice_text("Notice of intent to levy and notice of your right to a hearing\n")
    assert reading.type is NoticeType.LT11
    said = [p.message for p in reading.problems if p.field == "type"]
    assert any("LT11 and Letter 1058 equally" in m and "keeps a hearing right" not in m for m in said)


def test_a_text_naming_a_second_notice_number_says_so_with_its_line() -> None:
    text = LT11.replace("Please respond immediately.", "Please respond immediately. We sent you a CP504 earlier.")
    reading = read_notice_text(text)
    assert reading.type is NoticeType.LT11
    named = [p for p in reading.problems if p.field == "type" and "also names CP504" in p.message]
    assert len(named) == 1 and named[0].line == 17


def test_a_text_naming_no_notice_is_a_type_problem_and_no_dates() -> None:
    text = LT11.replace("LT11", "").replace("intent to levy and notice of your right to a hearing", "a letter")
    reading = read_notice_text(text)
    assert reading.type is None
    assert _fields(text)["type"] == ["not recognised as one of the notices levynav reads"]
    found, _, _ = notice_deadlines(reading.to_notice(), date(2025, 6, 10))
    assert found == []


def test_an_impossible_notice_date_names_the_field_and_counts_nothing() -> None:
    text = LT11.replace("Notice date             June 2, 2025", "Notice date             February 30, 2025")
    reading = read_notice_text(text)
    said = _fields(text)["notice_date"]
    assert any("'February 30, 2025' looks like a date but is not a real one" in m for m in said)
    assert reading.notice_date is not None and reading.notice_date.line == 41  # the footer's date, a later line
    # with every printed notice date impossible the date is unknown and the hearing date is not counted
    worse = text.replace("Notice date June 2, 2025", "Notice date June 31, 2025")
    worse_reading = read_notice_text(worse)
    assert worse_reading.notice_date is None
    assert "could not read the notice date" in _fields(worse)["notice_date"]
    _, _, notes = notice_deadlines(worse_reading.to_notice(), date(2025, 6, 10))
    assert "notice_reading.hearing_date_unread" in [n.key for n in notes]


def test_cp297a_and_cp297c_are_told_apart_by_their_numbers() -> None:
    for name, kind in (("cp297a.txt", NoticeType.CP297A), ("cp297c.txt", NoticeType.CP297C)):
        reading = read_notice_text((SAMPLES / name).read_text(encoding="utf-8"))
        assert reading.type is kind and reading.hearing == "post_levy"
        found, _, _ = notice_deadlines(reading.to_notice(), date(2025, 2, 20))
        assert {d.id for d in found} >= {"cdp.request", "eh.request"}
        assert "notice.earliest_levy" not in {d.id for d in found}


def test_the_notice_command_names_the_field_of_each_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(LT11.replace("Notice                  LT11", "Notice                  CP504"), encoding="utf-8")
    code, out, _ = run("notice", str(path), "--as-of", "2025-06-10")
    assert code == 0
    assert "[field: notice type]" in out
    assert "Last day to mail Form 12153 for a CDP hearing (LT11)" in out
