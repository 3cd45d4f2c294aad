"""The CSED engine against the reference's worked cases CSED-T1 … T12 (reference §C, CSED-8) and edge cases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from levynav.core.calc.csed import PeriodCsed, base_date, case_csed
from levynav.core.calc.csed_types import LeapDay
from levynav.core.model.case import Case
from levynav.explain import csed_timeline as words
from levynav.explain.render import text

AS_OF = date(2026, 11, 22)
P = "1040-X"


def make(assessed: str, extra: list[str] | None = None, **facts: Any) -> Case:
    period: dict[str, Any] = {"id": P, "assessment_date": assessed}
    if extra:
        period["additional_assessment_dates"] = extra
    if "stated" in facts:
        period["irs_stated_csed"] = facts.pop("stated")
    others = [{"id": pid} for pid in facts.pop("other_periods", [])]  # periods a fact names besides P
    return Case.model_validate({"taxpayer": {"kind": "individual"}, "tax_periods": [period, *others], **facts})


def one(case: Case, as_of: date = AS_OF) -> PeriodCsed:
    return case_csed(case, as_of)[P]


def said(step: Any, lang: str = "en") -> str:
    """A timeline line as a person reads it."""
    return words.line(step, lang)


def keys(step: Any) -> list[str]:
    """The message keys of a timeline line: what, then its clauses."""
    return [step.what.key] + [m.key for m in step.detail]


def notes(result: PeriodCsed, lang: str = "en") -> list[str]:
    return words.notes(result, lang)


def test_t1_each_assessment_has_its_own_csed() -> None:
    rows = one(make("2016-05-23", ["2018-09-10"])).assessments
    assert [(r.assessed, r.date) for r in rows] == [
        (date(2016, 5, 23), date(2026, 5, 23)),
        (date(2018, 9, 10), date(2028, 9, 10)),
    ]
    assert all(r.suspended_days == 0 and not r.alternatives for r in rows)


def test_t2_timely_cdp_hearing_suspends_until_final() -> None:
    case = make(
        "2017-06-05",
        notices=[{"type": "LT11", "notice_date": "2021-02-08"}],
        proceedings={"hearing_requests": [{"request_date": "2021-03-01", "final_date": "2021-10-15"}]},
    )
    row = one(case).assessments[0]
    assert row.suspended_days == 228
    assert row.date == date(2028, 1, 19)
    assert row.alternatives["inclusive"] == date(2028, 1, 20)
    assert any("CSED-3.1" in s.cites for s in row.timeline)


def test_t3_rejected_offer_adds_thirty_days() -> None:
    case = make(
        "2015-04-13",
        offers=[{"status": "rejected", "pending_date": "2020-01-10", "rejected_date": "2020-08-20"}],
    )
    row = one(case).assessments[0]
    assert row.suspended_days == 253
    assert row.date == date(2025, 12, 22)
    assert row.alternatives["inclusive"] == date(2025, 12, 23)


def test_t4_overlapping_offer_and_cdp_count_once() -> None:
    case = make(
        "2014-11-17",
        notices=[{"type": "LT11", "notice_date": "2021-02-15"}],
        offers=[{"status": "rejected", "pending_date": "2021-01-04", "rejected_date": "2021-06-30"}],
        proceedings={"hearing_requests": [{"request_date": "2021-03-01", "final_date": "2021-05-31"}]},
    )
    row = one(case).assessments[0]
    assert row.suspended_days == 207
    assert row.date == date(2025, 6, 12)
    assert row.date != date(2025, 9, 11)  # the wrong, summed answer
    overlap = [s for s in row.timeline if s.what.key == "csed_timeline.overlap"]
    assert len(overlap) == 1 and overlap[0].days == 207
    assert "count once: 207 days" in said(overlap[0]) and "se cuentan una sola vez" in said(overlap[0], "es")


def test_t5_bankruptcy_plus_six_months() -> None:
    case = make(
        "2016-08-01",
        proceedings={"bankruptcies": [{"petition_date": "2019-02-01", "discharge_date": "2019-06-10", "chapter": 7}]},
    )
    row = one(case).assessments[0]
    assert row.suspended_days == 312
    assert row.date == date(2027, 6, 9)


def test_t6_rejected_installment_agreement_then_agreement_in_effect() -> None:
    case = make(
        "2018-04-16",
        installment_agreements=[
            {"status": "rejected", "requested_date": "2022-03-01", "rejected_date": "2022-04-15"},
            {"status": "entered", "requested_date": "2022-09-01", "entered_date": "2022-09-01"},
        ],
    )
    result = one(case)
    row = result.assessments[0]
    assert row.suspended_days == 75
    assert row.date == date(2028, 6, 30)
    assert any(n.key == "csed_timeline.note.no_effect" for n in result.notes)
    assert any("does not suspend" in n for n in notes(result))


def test_t7_cdp_ninety_day_floor() -> None:
    case = make(
        "2015-07-06",
        notices=[{"type": "LT11", "notice_date": "2025-04-14"}],
        proceedings={"hearing_requests": [{"request_date": "2025-05-01", "final_date": "2025-06-20"}]},
    )
    row = one(case, date(2025, 7, 1)).assessments[0]
    assert row.suspended_days == 50
    assert row.date == date(2025, 9, 18)
    assert row.alternatives["inclusive"] == date(2025, 9, 17)  # "plus 89 days" reading (CSED-5)
    (floor,) = [s for s in row.timeline if s.what.key == "csed_timeline.floor_days"]
    assert floor.what.args["days"].value == 90  # type: ignore[union-attr]
    assert "Minimum applies" in said(floor) and "September 18, 2025" in said(floor)


def test_t8_abroad_six_months_or_more() -> None:
    case = make(
        "2016-03-01",
        proceedings={"absences": [{"reason": "abroad", "start_date": "2019-01-15", "end_date": "2020-03-20"}]},
    )
    row = one(case).assessments[0]
    assert row.suspended_days == 430
    assert row.date == date(2027, 5, 5)
    assert not any(s.what.key.startswith("csed_timeline.floor") for s in row.timeline)


def test_t8_floor_six_months_after_return_triggers_when_close() -> None:
    case = make(
        "2010-08-01",
        proceedings={"absences": [{"reason": "abroad", "start_date": "2020-06-01", "end_date": "2020-12-10"}]},
    )
    row = one(case).assessments[0]
    # base 2020-08-01 + 192 days = 2021-02-09; six months after return = 2021-06-10 → floor applies
    assert row.suspended_days == 192
    assert row.date == date(2021, 6, 10)


def test_absence_shorter_than_six_months_suspends_nothing() -> None:
    case = make(
        "2016-03-01",
        proceedings={"absences": [{"reason": "abroad", "start_date": "2019-01-15", "end_date": "2019-06-20"}]},
    )
    result = one(case)
    assert result.assessments[0].date == date(2026, 3, 1)
    assert any("shorter than 6 continuous months" in n for n in notes(result))


def test_t9_innocent_spouse_claim() -> None:
    case = make(
        "2017-05-22",
        proceedings={
            "innocent_spouse_claims": [{"filed_date": "2022-02-01", "final_determination_date": "2022-11-01"}]
        },
    )
    row = one(case).assessments[0]
    assert row.suspended_days == 423
    assert row.date == date(2028, 7, 18)


def test_an_equitable_relief_request_before_2006_12_20_pauses_from_that_day_in_words_en_and_es() -> None:
    """IRM 25.15.8.6.1.2: a claim filed before 20 December 2006 asking only for § 6015(f) relief suspends the CSED
    from that day, not from its receipt; the relief not known is counted from filing and asked (audit 2026-12-07)."""
    from levynav.core.calc.csed_events import read_events

    claim = {"filed_date": "2005-06-01", "final_determination_date": "2007-03-01"}
    only_f = one(make("2004-06-01", proceedings={"innocent_spouse_claims": [{**claim, "relief": "f"}]}))
    step = next(s for s in only_f.assessments[0].timeline if s.event is not None)
    assert step.day == date(2006, 12, 20) and "csed_timeline.detail.f_request_from" in keys(step)
    assert "20 December 2006" in said(step) or "December 20, 2006" in said(step)
    assert "2006" in said(step, "es") and "alivio equitativo" in said(step, "es")
    unknown = make("2004-06-01", proceedings={"innocent_spouse_claims": [claim]})
    events = read_events(unknown, AS_OF)
    assert "proceedings.innocent_spouse_claims[0].relief" in events.missing
    assert events.suspensions[0].start == date(2005, 6, 1)  # the later CSED while the relief is not known
    shown = one(unknown)
    assert any("equitable relief only" in n for n in notes(shown))
    assert any("alivio equitativo" in n for n in notes(shown, "es"))
    ended = {**claim, "relief": "f", "final_determination_date": "2006-01-02"}
    over = make("2004-06-01", proceedings={"innocent_spouse_claims": [ended]})
    assert one(over).assessments[0].date == date(2014, 6, 1)
    assert [n.why.key for n in read_events(over, AS_OF).no_effect] == ["csed_timeline.why.f_request_ended_before"]


def test_an_innocent_spouse_claim_with_no_end_known_asks_the_day_that_would_end_it() -> None:
    """A claim counted to the as-of date ("at least"): the final determination is asked, or, after a Tax Court
    petition, the day the decision became final (§ 6015(e)(1)(B)); a TC 972 AC 065 gives neither (audit 2026-12-07)."""
    from levynav.core.calc.csed_events import read_events

    pending = make("2017-05-22", proceedings={"innocent_spouse_claims": [{"filed_date": "2022-02-01"}]})
    events = read_events(pending, AS_OF)
    assert events.missing == ("proceedings.innocent_spouse_claims[0].final_determination_date",)
    assert events.suspensions[0].open
    petitioned = {"filed_date": "2022-02-01", "tax_court_petition_date": "2022-09-01"}
    events = read_events(make("2017-05-22", proceedings={"innocent_spouse_claims": [petitioned]}), AS_OF)
    assert events.missing == ("proceedings.innocent_spouse_claims[0].decision_final_date",)
    decided = {"filed_date": "2022-02-01", "final_determination_date": "2022-11-01"}
    assert read_events(make("2017-05-22", proceedings={"innocent_spouse_claims": [decided]}), AS_OF).missing == ()


def test_a_rejection_with_no_start_known_counts_the_30_days_after_it_at_least_in_words_en_and_es() -> None:
    """§ 6331(k)(1)(B), (k)(2)(B), (k)(3): the levy is barred for the 30 days after a rejection whatever the request or
    processing day was; with that day unknown the 30 days are counted "at least" (they were not counted at all)."""
    ia = [{"status": "rejected", "rejected_date": "2023-03-01"}]
    offer = [{"status": "rejected", "rejected_date": "2023-03-01"}]
    for facts in ({"installment_agreements": ia}, {"offers": offer}):
        result = one(make("2016-06-01", **facts))
        row = result.assessments[0]
        assert (row.date, row.suspended_days, row.provisional) == (date(2026, 7, 1), 30, True)
        step = next(s for s in row.timeline if s.event is not None)
        assert "csed_timeline.detail.from_rejection_only" in keys(step)
        assert "counted from the rejection only" in said(step)
        assert "se cuenta solo desde el rechazo" in said(step, "es")
    shown = one(make("2016-06-01", offers=offer))
    assert any("30 days after its rejection are" in n for n in notes(shown))
    assert any("30 días siguientes a su rechazo" in n for n in notes(shown, "es"))


def test_t10_taxpayer_assistance_order_application() -> None:
    case = make(
        "2016-03-14",
        proceedings={"taxpayer_advocate_requests": [{"application_date": "2023-09-05", "decision_date": "2023-09-20"}]},
    )
    row = one(case).assessments[0]
    assert row.suspended_days == 15
    assert row.date == date(2026, 3, 29)


def test_t11_late_request_is_an_equivalent_hearing() -> None:
    case = make(
        "2017-06-05",
        notices=[{"type": "LT11", "notice_date": "2021-02-08"}],
        proceedings={"hearing_requests": [{"request_date": "2021-05-15", "final_date": "2021-10-15"}]},
    )
    result = one(case)
    assert result.assessments[0].date == date(2027, 6, 5)
    assert any("equivalent hearing" in n for n in notes(result))
    assert any("audiencia equivalente" in n for n in notes(result, "es"))


def test_t12_installment_agreement_in_effect_suspends_nothing() -> None:
    case = make(
        "2016-10-03",
        installment_agreements=[{"status": "entered", "requested_date": "2020-03-02", "entered_date": "2020-03-02"}],
    )
    assert one(case).assessments[0].date == date(2026, 10, 3)


def test_cdp_unused_tax_court_period_counts_kollman() -> None:
    case = make(
        "2017-06-05",
        notices=[{"type": "LT11", "notice_date": "2021-02-08"}],
        proceedings={"hearing_requests": [{"request_date": "2021-03-01", "determination_date": "2021-09-15"}]},
    )
    row = one(case).assessments[0]
    # final = 2021-09-15 + 30 = 2021-10-15 → same as T2
    assert row.date == date(2028, 1, 19)
    assert any("csed_timeline.detail.petition_time" in keys(s) for s in row.timeline)
    assert any("Kollman" in said(s) for s in row.timeline)


def test_cdp_late_tax_court_petition_counts_only_the_30_days_first() -> None:
    """Boechler: a petition after the 30 days may be tolled, but the reading that protects the person (the earlier
    CSED) counts the suspension only to the end of the 30 days, as if no petition were filed (Kollman)."""
    hearing = {"request_date": "2021-03-01", "determination_date": "2021-09-15"}
    late = {**hearing, "tax_court_petition_date": "2021-11-01"}
    timely = {**hearing, "tax_court_petition_date": "2021-10-12"}
    notices = [{"type": "LT11", "notice_date": "2021-02-08"}]
    none_row = one(make("2017-06-05", notices=notices, proceedings={"hearing_requests": [hearing]})).assessments[0]
    late_row = one(make("2017-06-05", notices=notices, proceedings={"hearing_requests": [late]})).assessments[0]
    timely_row = one(make("2017-06-05", notices=notices, proceedings={"hearing_requests": [timely]})).assessments[0]
    assert late_row.date == none_row.date == date(2028, 1, 19)
    assert any("csed_timeline.detail.late_petition" in keys(s) for s in late_row.timeline)
    assert any("Boechler" in said(s) for s in late_row.timeline)
    assert not any("csed_timeline.detail.late_petition" in keys(s) for s in timely_row.timeline)
    assert timely_row.date > late_row.date  # a timely petition without a final decision keeps the suspension open


def test_leap_day_assessment_shows_both_readings() -> None:
    assert base_date(date(2016, 2, 29)) == date(2026, 2, 28)
    assert base_date(date(2016, 2, 29), LeapDay.MAR_1) == date(2026, 3, 1)
    row = one(make("2016-02-29")).assessments[0]
    assert row.date == date(2026, 2, 28)
    assert row.alternatives["mar1"] == date(2026, 3, 1)
    assert row.timeline[1].what.key == "csed_timeline.base_leap"
    assert "29 February" in said(row.timeline[1]) and "29 de febrero" in said(row.timeline[1], "es")
    assert base_date(date(2020, 2, 29)) == date(2030, 2, 28)


def test_suspension_after_the_statute_ran_out_is_not_counted() -> None:
    case = make(
        "2010-01-04", offers=[{"status": "withdrawn", "pending_date": "2021-01-04", "withdrawn_date": "2021-03-01"}]
    )
    row = one(case).assessments[0]
    assert row.date == date(2020, 1, 4)
    (late,) = [s for s in row.timeline if not s.counted]
    assert late.what.key == "csed_timeline.not_counted" and late.what.args["ran_out"].value == date(2020, 1, 4)  # type: ignore[union-attr]


def test_suspension_before_assessment_counts_only_from_assessment() -> None:
    case = make(
        "2016-05-23",
        ["2020-06-01"],
        offers=[{"status": "withdrawn", "pending_date": "2020-05-01", "withdrawn_date": "2020-07-01"}],
    )
    rows = one(case).assessments
    assert rows[0].suspended_days == 61 and rows[0].date == date(2026, 7, 23)
    assert rows[1].suspended_days == 30 and rows[1].date == date(2030, 7, 1)


def test_open_suspension_is_provisional() -> None:
    case = make("2016-05-23", proceedings={"bankruptcies": [{"petition_date": "2026-01-05"}]})
    row = one(case, date(2026, 6, 1)).assessments[0]
    assert row.provisional
    # § 6503(h): the stay runs at least to the as-of date, and six months follow it in any case (issue 8 item 9).
    assert row.date == date(2026, 5, 23) + (date(2026, 12, 1) - date(2026, 1, 5))
    assert "at least" in said(row.timeline[-1]) and "por lo menos" in said(row.timeline[-1], "es")
    assert "csed_timeline.running" in keys(row.timeline[-1])


def test_stated_csed_difference_is_explained() -> None:
    case = make(
        "2016-08-01",
        stated="2026-08-01",
        proceedings={"bankruptcies": [{"petition_date": "2019-02-01", "discharge_date": "2019-06-10"}]},
    )
    result = one(case)
    assert result.stated == date(2026, 8, 1)
    first, why = result.stated_difference
    assert first.key == "csed_timeline.stated.differs_earlier" and first.args["days"].value == 312  # type: ignore[union-attr]
    english = words.stated_difference(result, "en") or ""
    assert "312 days earlier" in english and "bankruptcy" in english
    assert why.key == "csed_timeline.stated.without"  # the stated date is the computed one without the bankruptcy


def test_stated_csed_that_matches_is_not_flagged() -> None:
    assert one(make("2016-05-23", stated="2026-05-23")).stated_difference == ()


@pytest.mark.parametrize(
    ("periods", "expected"),
    [(["1040-X"], date(2026, 8, 31)), (["1040-OTHER"], date(2026, 5, 23))],
)
def test_suspension_scope_follows_tax_periods(periods: list[str], expected: date) -> None:
    case = make(
        "2016-05-23",
        offers=[
            {"status": "accepted", "pending_date": "2020-01-01", "accepted_date": "2020-04-10", "tax_periods": periods}
        ],
        other_periods=[p for p in periods if p != P],  # a case lists every period its facts name (issue 9)
    )
    assert one(case).assessments[0].date == expected


def test_wrongful_levy_extends_only_the_returned_amount() -> None:
    case = make(
        "2016-05-23",
        levies=[
            {"id": "b1", "kind": "bank", "served_date": "2020-01-10", "amount_taken": "1200.00", "tax_periods": [P]}
        ],
        proceedings={
            "wrongful_levy_claims": [{"levy_id": "b1", "filed_date": "2020-02-01", "returned_date": "2020-03-01"}]
        },
    )
    result = one(case)
    assert result.assessments[0].date == date(2026, 5, 23)
    assert any("$1,200.00 only" in n and "August 12, 2026" in n for n in notes(result))


def test_a_wrongful_levy_returned_before_the_laws_first_day_count_is_said_not_raised() -> None:
    """§ 6503(f)(1)'s 30 days have no value before 10 November 1988: the timeline's words say the claim's longer
    CSED is not computed (the analysis, which reads the dates only, never asks), and the period's dates stand."""
    case = make(
        "1991-05-20",
        levies=[
            {"id": "b1", "kind": "bank", "served_date": "1988-01-11", "amount_taken": "900.00", "tax_periods": [P]}
        ],
        proceedings={
            "wrongful_levy_claims": [
                {"levy_id": "b1", "filed_date": "1988-02-01", "returned_date": "1988-03-01"},
                {"levy_id": "b1", "filed_date": "1999-02-01", "returned_date": "2001-03-01"},  # counted as before
            ]
        },
    )
    result = one(case)
    assert result.assessments[0].date == date(2001, 5, 20)
    assert [n.key for n in result.notes] == [
        "csed_timeline.note.wrongful_levy_law_gap",
        "csed_timeline.note.wrongful_levy",
    ]
    assert notes(result)[0] == (
        "Wrongful levy (§ 6503(f)(1)), proceedings.wrongful_levy_claims[0]: the longer CSED for the amount returned on"
        " March 1, 1988 is not computed, as the number of days the law adds has no value in our data on that date"
        " (the CSEDs above leave it out)"
    )
    assert "$900.00 only" in notes(result)[1] and "April 1, 2011" in notes(result)[1]


def test_combat_zone_adds_time_plus_180_days() -> None:
    case = make(
        "2016-05-23",
        proceedings={"absences": [{"reason": "combat_zone", "start_date": "2020-01-01", "end_date": "2020-06-30"}]},
    )
    row = one(case).assessments[0]
    assert row.suspended_days == (date(2020, 12, 27) - date(2020, 1, 1)).days


def test_computed_csed_feeds_the_release_rule() -> None:
    from levynav.core.analyze import analyze

    # Assessed 2015-04-13; rejected offer adds 253 days → 2025-12-22 (T3). A levy served 2026-02-02 came too late.
    case = make(
        "2015-04-13",
        offers=[{"status": "rejected", "pending_date": "2020-01-10", "rejected_date": "2020-08-20"}],
        levies=[{"id": "bank-1", "kind": "bank", "served_date": "2026-02-02", "tax_periods": [P]}],
    )
    result = analyze(case, date(2026, 3, 1))
    [finding] = [f for f in result.findings if f.rule == "R6343-A1"]
    assert finding.outcome.value == "applies"
    assert "December 22, 2025" in text(finding.message, "en")  # the CSED, as the calculation states it
    [period] = finding.message.args["periods"].value  # type: ignore[attr-defined]
    assert date(2025, 12, 22) in [v.value for v in period.value.args.values()]


def test_timely_request_with_equivalent_box_checked_suspends_as_cdp_ruhaak() -> None:
    """Ruhaak v. Comm'r, 157 T.C. No. 9 (2021): a timely request is a CDP request whatever box is checked."""
    case = make(
        "2017-06-05",
        notices=[{"type": "LT11", "notice_date": "2021-02-08"}],
        proceedings={
            "hearing_requests": [
                {"request_date": "2021-03-01", "final_date": "2021-10-15", "equivalent_hearing_box_checked": True}
            ]
        },
    )
    row = one(case).assessments[0]
    assert row.suspended_days == 228
    assert row.date == date(2028, 1, 19)


def test_second_notice_for_the_same_period_gives_no_new_cdp_window() -> None:
    """§ 6330(a)(1) "only once for the taxable period"; Treas. Reg. § 301.6330-1(b)(2) Q&A-B2."""
    case = make(
        "2017-06-05",
        notices=[
            {"type": "LT11", "notice_date": "2021-02-08", "tax_periods": [P]},
            {"type": "Letter 1058", "notice_date": "2021-06-01", "tax_periods": [P]},
        ],
        proceedings={"hearing_requests": [{"request_date": "2021-06-15", "final_date": "2021-10-15"}]},
    )
    result = one(case)
    assert result.assessments[0].date == date(2027, 6, 5)
    assert any("equivalent hearing" in n for n in notes(result))


def _statute_events(case: Case, on: date) -> list[Any]:
    from levynav.core.analyze import analyze

    a = analyze(case, on)
    paused = [m for s in a.collection_statute for m in s.explanation if m.key == "statute.paused_by"]
    assert paused, "no suspension named in the collection statute"
    return [e for m in paused for e in m.args["events"].value]  # type: ignore[union-attr]


def test_the_bankruptcy_chapter_and_the_transcript_code_are_typed_values_rendered_in_each_language() -> None:
    """The chapter of a bankruptcy and the TC 520 of a transcript's legal action ride with the CSED event as
    numbers (not English words in a label); explain/ names them: "chapter 7" / "capítulo 7", "transaction code
    520" / "código de transacción 520"."""
    from levynav.core.model.message import MessageArg, message

    base = {
        "taxpayer": {"name": "Pat Example", "kind": "individual"},
        "tax_periods": [{"id": "1040-2020", "form": "1040", "period": "2020", "assessment_date": "2021-05-10"}],
    }
    filed = Case.model_validate(
        base | {"proceedings": {"bankruptcies": [{"petition_date": "2024-02-01", "chapter": 7}]}}
    )
    (event,) = _statute_events(filed, AS_OF)
    assert isinstance(event, MessageArg) and event.value.key == "statute.event_chapter"
    assert event.value.args["chapter"].value == 7  # type: ignore[union-attr]
    said = message("statute.paused_by", events=[event])
    assert "(chapter 7)" in text(said, "en") and "(capítulo 7)" in text(said, "es")
    assert "chapter" not in text(said, "es")
    read = Case.model_validate(
        base | {"proceedings": {"legal_actions": [{"start_date": "2024-02-01", "end_date": "2024-08-01"}]}}
    )
    (event,) = _statute_events(read, AS_OF)
    assert isinstance(event, MessageArg) and event.value.key == "statute.event_tc"
    assert event.value.args["tc"].value == 520  # type: ignore[union-attr]
    said = message("statute.paused_by", events=[event])
    assert "transaction code 520" in text(said, "en") and "código de transacción 520" in text(said, "es")


def test_an_additional_assessment_is_named_by_its_typed_kind_not_by_its_label() -> None:
    from levynav.core.analyze import analyze

    case = Case.model_validate(
        {
            "taxpayer": {"name": "Pat Example", "kind": "individual"},
            "tax_periods": [
                {
                    "id": "1040-2020",
                    "form": "1040",
                    "period": "2020",
                    "assessment_date": "2021-05-10",
                    "additional_assessment_dates": ["2022-03-14"],
                }
            ],
        }
    )
    computed = case_csed(case, AS_OF, {("1040-2020", date(2021, 5, 10)): (150,)})
    assert [a.original for a in computed["1040-2020"].assessments] == [True, False]
    assert [words.assessment(a, "es") for a in computed["1040-2020"].assessments] == ["TC 150", "Impuesto adicional"]
    kinds = [
        m.args["kind"].value.key  # type: ignore[union-attr]
        for s in analyze(case, AS_OF).collection_statute
        for m in s.explanation
        if "kind" in m.args
    ]
    assert kinds == ["statute.kind.original", "statute.kind.additional"]


# ---------------------------------------------------------------- the engine's records hold no words (issue 10)

EVERY_EVENT: dict[str, Any] = {
    "notices": [{"type": "LT11", "notice_date": "2021-02-08", "tax_periods": [P]}],
    "levies": [
        {"id": "b1", "kind": "bank", "served_date": "2020-01-10", "amount_taken": "1200.00", "tax_periods": [P]},
        {"id": "b2", "kind": "bank", "served_date": "2020-02-10", "tax_periods": [P]},
    ],
    "installment_agreements": [
        {
            "status": "rejected",
            "requested_date": "2019-03-01",
            "rejected_date": "2019-04-15",
            "appeal_date": "2019-05-01",
        },
        {
            "status": "rejected",
            "requested_date": "2019-06-01",
            "rejected_date": "2019-06-15",
            "appeal_date": "2019-12-01",
        },
        {
            "status": "rejected",
            "requested_date": "2019-07-01",
            "rejected_date": "2019-07-15",
            "appeal_date": "2019-07-20",
            "appeal_decided_date": "2019-09-01",
        },
        {
            "status": "rejected",
            "requested_date": "2019-08-01",
            "rejected_date": "2019-08-15",
            "appeal_date": "2019-08-20",
            "appeal_decided_date": "2019-08-25",
        },
        {
            "status": "terminated",
            "requested_date": "2020-01-01",
            "entered_date": "2020-02-01",
            "terminated_date": "2022-02-01",
        },
        {"status": "terminated", "entered_date": "2020-02-01"},
        {"status": "entered", "entered_date": "2021-02-01"},
        {"status": "pending"},
        {"status": "requested", "requested_date": "2026-10-01"},
    ],
    "offers": [
        {"status": "accepted", "submitted_date": "2018-01-02", "accepted_date": "2018-05-01"},
        {"status": "withdrawn", "pending_date": "2018-06-01", "withdrawn_date": "2018-07-01"},
        {
            "status": "rejected",
            "pending_date": "2018-08-01",
            "rejected_date": "2018-09-01",
            "appeal_date": "2018-09-15",
        },
        {"status": "returned"},
        {"status": "returned", "pending_date": "2018-10-01"},
    ],
    "circumstances": {"irs_agreed_not_collectible": True},
    "proceedings": {
        "bankruptcies": [
            {"petition_date": "2017-02-01", "chapter": 13, "dismissal_date": "2017-09-01"},
            {"petition_date": "2026-01-05", "chapter": 7},
        ],
        "hearing_requests": [
            {"request_date": "2021-03-01", "determination_date": "2021-09-15", "tax_court_petition_date": "2021-11-01"},
            {"request_date": "2021-05-15", "final_date": "2021-10-15"},
            {"request_date": "2026-11-01", "determination_date": "2026-11-10"},
        ],
        "legal_actions": [
            {"kind": "cdp", "start_date": "2022-01-03"},
            {"kind": "bankruptcy", "start_date": "2022-02-01", "end_date": "2022-04-01"},
            {"kind": "bankruptcy", "start_date": "2026-06-01"},
            {"closing_code": 72, "start_date": "2022-05-01", "end_date": "2022-06-01"},
            {"start_date": "2026-07-01"},
        ],
        "innocent_spouse_claims": [
            {"filed_date": "2019-01-02", "waiver_date": "2019-03-01"},
            {"filed_date": "2019-04-02", "decision_final_date": "2019-08-01", "tax_court_petition_date": "2019-06-01"},
            {"filed_date": "2019-09-02", "final_determination_date": "2019-10-01"},
            {"filed_date": "2026-09-02"},
        ],
        "taxpayer_advocate_requests": [
            {
                "application_date": "2020-03-02",
                "decision_date": "2020-03-20",
                "order_issued": True,
                "order_period_end": "2020-05-01",
            },
            {"application_date": "2026-10-02"},
        ],
        "absences": [
            {"reason": "combat_zone", "start_date": "2015-01-01", "end_date": "2015-09-01"},
            {"reason": "combat_zone", "start_date": "2026-05-01"},
            {"reason": "abroad", "start_date": "2016-01-15", "end_date": "2016-12-20"},
            {"reason": "abroad", "start_date": "2016-01-15", "end_date": "2016-03-20"},
            {"reason": "abroad", "start_date": "2025-01-15"},
            {"reason": "abroad", "start_date": "2026-10-15"},
            {"reason": "sabbatical", "start_date": "2016-01-15"},
        ],
        "audit_reconsiderations": [{"requested_date": "2021-01-04", "tax_periods": [P]}],
        "refund_suit_pending": True,
        "wrongful_levy_claims": [
            {"levy_id": "b1", "filed_date": "2020-02-01", "returned_date": "2020-03-01"},
            {"levy_id": "b2", "filed_date": "2020-03-01", "returned_date": "2020-04-01"},
        ],
    },
}


BANKRUPTCY_ONLY = {"bankruptcies": [{"petition_date": "2019-02-01", "discharge_date": "2019-06-10"}]}


def _every_case() -> list[tuple[str, Case]]:
    """Cases that reach every reader of the engine and every line of a timeline (a stated CSED both ways, a leap
    day, a suspension after the statute ran out, floors), and 60 generated ones."""
    import random

    from levynav.screen import generate

    out = [
        ("every event", make("2014-02-28", ["2016-02-29"], stated="2030-01-01", **EVERY_EVENT)),
        ("stated earlier", make("2016-08-01", stated="2026-08-01", proceedings=BANKRUPTCY_ONLY)),
        ("stated, nothing known", make("2016-08-01", stated="2026-07-01")),
        ("stated, other reading", make("2016-02-29", stated="2026-03-01")),
        (
            "ran out",
            make(
                "2004-01-05",
                offers=[{"status": "accepted", "pending_date": "2021-01-04", "accepted_date": "2021-03-01"}],
            ),
        ),
        (
            "wrongful levies",
            make(
                "2016-05-23",
                levies=EVERY_EVENT["levies"],
                proceedings={"wrongful_levy_claims": EVERY_EVENT["proceedings"]["wrongful_levy_claims"]},
            ),
        ),
        (
            "wrongful levy returned before the law's first day count",  # 1988-11-10: the claim's note says so
            make(
                "1991-05-20",
                levies=[{"id": "b1", "kind": "bank", "served_date": "1988-01-11", "amount_taken": "900.00"}],
                proceedings={
                    "wrongful_levy_claims": [
                        {"levy_id": "b1", "filed_date": "1988-02-01", "returned_date": "1988-03-01"}
                    ]
                },
            ),
        ),
        (
            "floor in days",
            make(
                "2015-07-06",
                notices=[{"type": "LT11", "notice_date": "2025-04-14"}],
                proceedings={"hearing_requests": [{"request_date": "2025-05-01", "final_date": "2025-06-20"}]},
            ),
        ),
        (
            "floor in months",
            make(
                "2010-08-01",
                proceedings={"absences": [{"reason": "abroad", "start_date": "2020-06-01", "end_date": "2020-12-10"}]},
            ),
        ),
    ]
    rng = random.Random(20261204)
    for n in range(60):
        data = generate.generate_case(rng)
        data.pop("id", None)
        out.append((f"generated {n}", Case.model_validate(data)))
    return out


def _texts(value: Any, where: str) -> list[tuple[str, str]]:
    """Every string in an engine record (dataclasses, messages, tuples, dicts), with where it is."""
    import dataclasses

    from levynav.core.model.message import Message, TextArg

    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, TextArg):
        return [(where, value.value)]
    if isinstance(value, Message):
        return [t for k, a in value.args.items() for t in _texts(a, f"{where}.{value.key}.{k}")]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in _texts(getattr(value, f.name), f"{where}.{f.name}")]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _texts(v, f"{where}[{k}]")]
    if isinstance(value, (list, tuple)):
        return [t for i, v in enumerate(value) for t in _texts(v, f"{where}[{i}]")]
    if hasattr(value, "value") and hasattr(value, "type"):  # a typed message value holding others
        return _texts(value.value, where)
    return []


def test_the_engine_records_hold_no_sentence_and_every_line_renders_in_english_and_spanish() -> None:
    """Walk every record the CSED engine makes (events read, each period's assessments, timelines, notes and
    comparison) over cases that reach every reader: a string is an id, a case path or what the case gives (an
    absence's reason, a notice's number), never English prose; and every line renders in both languages, the
    Spanish without an English word (the case's own values aside)."""
    import re

    from levynav.core.calc.csed_events import read_events
    from tests.test_explain import ENGLISH, STOP

    keys: set[str] = set()
    for name, case in _every_case():
        events = read_events(case, AS_OF)
        computed = case_csed(case, AS_OF, events=events)
        strings = _texts(events, "events") + _texts(computed, "cseds")
        for where, s in strings:
            found = [w.casefold() for w in re.findall(r"[A-Za-z]+", s)]
            assert sum(w in ENGLISH for w in found) < 2, f"{name}: {where} is English prose: {s!r}"
        given = {s for _, s in strings}
        for pc in computed.values():
            lines = [words.line(s, lang) for a in pc.assessments for s in a.timeline for lang in ("en", "es")]
            lines += [words.assessment(a, lang) for a in pc.assessments for lang in ("en", "es")]
            keys |= {m.key for a in pc.assessments for s in a.timeline for m in (s.what, *s.detail)}
            keys |= {n.key for n in pc.notes} | {m.key for m in pc.stated_difference}
            spanish = [words.line(s, "es") for a in pc.assessments for s in a.timeline] + notes(pc, "es")
            spanish += [words.stated_difference(pc, "es") or ""]
            for line in spanish:
                for s in sorted(given, key=len, reverse=True):
                    line = line.replace(s, " ")
                leaked = {w.casefold() for w in re.findall(r"[A-Za-z]+", line)} & STOP
                assert not leaked, f"{name}: English {sorted(leaked)} in {line!r}"
            assert all(lines), name
    for needed in (
        "csed_timeline.not_counted",
        "csed_timeline.overlap",
        "csed_timeline.floor_days",
        "csed_timeline.floor_months",
        "csed_timeline.end_later",
        "csed_timeline.base_leap",
        "csed_timeline.note.wrongful_levy",
        "csed_timeline.note.wrongful_levy_amount_unknown",
        "csed_timeline.note.wrongful_levy_law_gap",
        "csed_timeline.note.absence_reason_not_counted",
        "csed_timeline.note.legal_action_kind_unknown",
        "csed_timeline.stated.differs_earlier",
        "csed_timeline.stated.none_known",
        "csed_timeline.stated.other_reading",
    ):
        assert needed in keys, f"no case reaches {needed}: the test checks less than it says"


def test_the_analysis_reading_without_words_gives_the_same_dates_and_counted_events() -> None:
    """``case_csed(words=False)`` (what ``derive`` reads) leaves out only the words: every date, reading, count, the
    suspensions counted (the timeline's counted event lines) and whether a stated CSED differs are the same."""
    from levynav.core.calc.csed_events import read_events

    for name, case in _every_case():
        events = read_events(case, AS_OF)
        full = case_csed(case, AS_OF, events=events)
        bare = case_csed(case, AS_OF, events=events, words=False)
        assert full.keys() == bare.keys(), name
        for pid, pc in full.items():
            quiet = bare[pid]
            assert (quiet.stated, quiet.params, quiet.differs) == (pc.stated, pc.params, bool(pc.stated_difference))
            assert pc.differs == bool(pc.stated_difference), name
            assert quiet.date == pc.date and quiet.alternative == pc.alternative, name
            assert len(quiet.assessments) == len(pc.assessments), name
            for a, b in zip(pc.assessments, quiet.assessments, strict=True):
                shown = tuple(s.event for s in a.timeline if s.counted and s.event is not None)
                assert a.counted == shown == b.counted, name
                assert a.timeline and not b.timeline, name
                same = ("assessed", "base", "date", "suspended_days", "provisional", "alternatives", "original")
                assert [getattr(a, f) for f in same] == [getattr(b, f) for f in same], name
