"""Levy bars and premature levies: points the scenario files cannot express (law/discretionary*.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from levynav.core import params
from levynav.core.law import discretionary, registry
from levynav.core.law.discretionary_alternatives import installment_agreement_pending, offer_in_compromise_pending
from levynav.core.law.discretionary_cdp import cdp_hearing_pending, premature_levy
from levynav.core.law.levy_stays import bankruptcy_stay, digital_assets, innocent_spouse_claim_pending
from levynav.core.law.rule import Context, messages
from levynav.core.model.analysis import Effect, Finding, Outcome
from levynav.core.model.case import Case
from levynav.explain.render import text
from levynav.lawbook import datafiles

AS_OF = date(2025, 7, 1)
RULE_IDS = {
    "R6331-K1", "R6331-K2", "R6330-E1", "R6330-E2", "R6330-A1", "R6330-F1",
    "R6331-F1", "R6331-I1", "R6015-E1", "R6015-E1-L", "RBK-362", "RBK-362-V", "R7811-1", "RDA-1",
    "R6213-A1",
}  # fmt: skip
ACTION_RULES = RULE_IDS - {"R6330-E2", "RDA-1"}


def _case(**data: Any) -> Case:
    return Case.model_validate({"taxpayer": {"kind": "individual"}, **data})


def _for(findings: list[Finding], subject: str) -> list[Finding]:
    return [f for f in findings if f.subject == subject]


def test_every_rule_has_a_registry_entry_messages_and_a_plan_step() -> None:
    reg = registry.registry()
    msgs = messages()
    plan = datafiles.merged_mapping("plan")
    for rid in RULE_IDS:
        assert rid in reg, rid
        assert rid in msgs, rid
    for rid in ACTION_RULES:
        step = plan[rid]
        assert step["title"] and step["action"] and step["have_ready"], rid


def test_unverified_points_are_registered_as_unverified() -> None:
    assert registry.cite("R6015-E1-CONT").status == "U"
    assert registry.cite("RBK-362-LIMITS").status == "U"


def test_module_exports_rules_and_deadlines() -> None:
    # + R7122-F1 (deemed acceptance), R6672-W1 (trust fund penalty warning), R6213-A1 (deficiency bar),
    # R6331-J1 (investigation of the status of property to be sold, § 6331(j); audit 2026-12-07, round 3)
    assert len(discretionary.RULES) == 15
    assert discretionary.DEADLINES


@pytest.mark.parametrize(
    ("pid", "value"),
    [
        ("discretionary.notice_and_demand_days", 10),
        ("discretionary.intent_to_levy_days", 30),
        ("discretionary.cdp_notice_days", 30),
        ("discretionary.offer_rejection_bar_days", 30),
        ("discretionary.ia_rejection_bar_days", 30),
        ("discretionary.ia_termination_bar_days", 30),
        ("discretionary.innocent_spouse_bar_days", 90),
    ],
)
def test_day_counts_are_dated_parameters_with_sources(pid: str, value: int) -> None:
    use = params.use(pid, AS_OF)
    assert use.value == value
    assert use.source and use.status in {"V", "S"}


def test_law_before_the_encoded_start_is_not_guessed() -> None:
    with pytest.raises(params.MissingParameter):
        params.use("discretionary.intent_to_levy_days", date(1990, 1, 1))
    case = _case(
        notices=[{"type": "CP14", "notice_date": "1989-01-03"}, {"type": "CP504", "notice_date": "1989-06-01"}],
        levies=[{"kind": "bank", "served_date": "1989-06-15"}],
    )
    (f,) = premature_levy(case, Context(as_of=AS_OF))
    assert f.outcome is Outcome.UNKNOWN


def test_offer_for_other_periods_does_not_reach_the_levy() -> None:
    case = _case(
        tax_periods=[{"id": "2020"}, {"id": "2022"}],
        offers=[{"status": "pending", "pending_date": "2025-04-01", "tax_periods": ["2020"]}],
        levies=[{"kind": "bank", "served_date": "2025-05-10", "tax_periods": ["2022"]}],
    )
    found = offer_in_compromise_pending(case, Context(as_of=AS_OF))
    assert [f.subject for f in found] == ["offers[0]"]


def test_a_levy_during_any_offer_is_improper_even_if_before_another() -> None:
    case = _case(
        offers=[
            {
                "status": "withdrawn",
                "pending_date": "2025-01-02",
                "withdrawn_date": "2025-03-01",
                "tax_periods": ["2024"],
            },
            {"status": "pending", "pending_date": "2025-05-01", "tax_periods": ["2024"]},
        ],
        levies=[{"kind": "wages", "served_date": "2025-02-10", "tax_periods": ["2024"]}],
    )
    (levy,) = _for(offer_in_compromise_pending(case, Context(as_of=AS_OF)), "levies[0]")
    assert levy.outcome is Outcome.APPLIES and levy.effect is Effect.LEVY_IMPROPER


def test_bar_findings_carry_the_parameter_and_the_facts() -> None:
    case = _case(
        installment_agreements=[{"status": "rejected", "pending_date": "2025-01-15", "rejected_date": "2025-06-20"}]
    )
    (f,) = installment_agreement_pending(case, Context(as_of=AS_OF))
    assert f.outcome is Outcome.APPLIES and f.value == date(2025, 7, 20)
    assert [p.id for p in f.parameters] == ["discretionary.ia_rejection_bar_days"]
    assert {u.path for u in f.facts} >= {"installment_agreements[0].rejected_date", "installment_agreements[0].status"}


def test_a_period_without_its_own_cdp_notice_makes_the_levy_premature() -> None:
    # Corrected in issue 8: the transcript showing no CDP levy notice (TC 971 AC 069) decides it, not the list.
    case = _case(
        tax_periods=[{"id": "2020"}, {"id": "2021", "cdp_levy_notice_on_transcript": False}],
        notices=[
            {"type": "CP14", "notice_date": "2024-01-08"},
            {"type": "LT11", "notice_date": "2025-01-06", "tax_periods": ["2020"]},
        ],
        levies=[{"kind": "bank", "served_date": "2025-06-02", "tax_periods": ["2020", "2021"]}],
    )
    (f,) = premature_levy(case, Context(as_of=AS_OF))
    assert f.outcome is Outcome.APPLIES and f.effect is Effect.LEVY_IMPROPER
    assert "transcript for 2021 shows no final notice of your right to a hearing" in text(f.message, "en")


def test_a_notice_missing_from_the_list_is_not_a_notice_never_sent() -> None:
    """§ 6330(a)(2)(C); Treas. Reg. § 301.6320-1(a)(2) Q&A-A11: receipt is not required, so ask the transcript."""
    case = _case(
        tax_periods=[{"id": "2020"}, {"id": "2021"}],
        notices=[
            {"type": "CP14", "notice_date": "2024-01-08"},
            {"type": "LT11", "notice_date": "2025-01-06", "tax_periods": ["2020"]},
        ],
        levies=[{"kind": "bank", "served_date": "2025-06-02", "tax_periods": ["2020", "2021"]}],
    )
    (f,) = premature_levy(case, Context(as_of=AS_OF))
    assert f.outcome is Outcome.UNKNOWN
    assert "tax_periods[1].cdp_levy_notice_on_transcript" in f.missing


def test_without_any_notices_the_premature_check_asks_for_them() -> None:
    case = _case(levies=[{"kind": "bank", "served_date": "2025-06-02"}])
    (f,) = premature_levy(case, Context(as_of=AS_OF))
    assert f.outcome is Outcome.UNKNOWN and f.missing == ["notices"]


def test_a_cp504_stands_for_notice_and_demand_when_no_cp14_is_known() -> None:
    case = _case(
        notices=[{"type": "CP504", "notice_date": "2025-02-03"}, {"type": "CP90", "notice_date": "2025-04-01"}],
        levies=[{"kind": "social_security", "served_date": "2025-06-02"}],
    )
    (f,) = premature_levy(case, Context(as_of=AS_OF))
    assert f.outcome is Outcome.DOES_NOT_APPLY
    assert "counted the bill's days from the CP504" in text(f.message, "en")  # one plain word for § 6303 (round 9)


def test_stay_covers_only_levies_for_the_hearing_periods() -> None:
    case = _case(
        tax_periods=[{"id": "2020"}, {"id": "2021"}],
        notices=[{"type": "LT11", "notice_date": "2025-06-02", "tax_periods": ["2020"]}],
        proceedings={"hearing_requests": [{"request_date": "2025-06-10", "tax_periods": ["2020"]}]},
        levies=[
            {"kind": "bank", "served_date": "2025-06-20", "tax_periods": ["2021"]},
            {"kind": "wages", "served_date": "2025-06-20", "tax_periods": ["2020"]},
        ],
    )
    found = cdp_hearing_pending(case, Context(as_of=AS_OF))
    assert not _for(found, "levies[0]")
    (during,) = _for(found, "levies[1]")
    assert during.effect is Effect.LEVY_IMPROPER


def test_innocent_spouse_tax_court_case_keeps_the_bar_until_the_decision_is_final() -> None:
    case = _case(
        proceedings={
            "innocent_spouse_claims": [
                {
                    "filed_date": "2024-09-01",
                    "final_determination_date": "2025-01-10",
                    "tax_court_petition_date": "2025-03-01",
                }
            ]
        },
        levies=[{"kind": "bank", "served_date": "2025-06-01"}],
    )
    found = innocent_spouse_claim_pending(case, Context(as_of=AS_OF))
    (claim,) = _for(found, "proceedings.innocent_spouse_claims[0]")
    assert claim.outcome is Outcome.APPLIES and claim.value is None
    (levy,) = _for(found, "levies[0]")
    assert levy.effect is Effect.LEVY_IMPROPER


def test_bankruptcy_stay_rests_in_part_on_unverified_limits() -> None:
    case = _case(proceedings={"bankruptcies": [{"petition_date": "2025-04-01"}]})
    (f,) = bankruptcy_stay(case, Context(as_of=AS_OF))
    assert "RBK-362-LIMITS" in f.unverified


def test_a_released_pre_petition_levy_needs_no_release() -> None:
    case = _case(
        proceedings={"bankruptcies": [{"petition_date": "2025-04-01"}]},
        levies=[{"kind": "wages", "served_date": "2025-01-10", "released_date": "2025-03-01"}],
    )
    assert not _for(bankruptcy_stay(case, Context(as_of=AS_OF)), "levies[0]")


def test_digital_assets_note_only_for_digital_asset_levies() -> None:
    case = _case(
        levies=[{"kind": "bank", "served_date": "2025-05-01"}, {"kind": "digital_assets", "served_date": "2025-05-01"}]
    )
    assert [f.subject for f in digital_assets(case, Context(as_of=AS_OF))] == ["levies[1]"]
