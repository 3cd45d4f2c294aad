"""The plan starts with the strongest open route (issue 8, "The plan"), and its scripts never put a false
statement in the person's mouth (item 7). Per example: the first step a practitioner would pick, and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from levynav import analyze, load_case
from levynav.core.model.analysis import Analysis
from levynav.explain.render import english
from levynav.intake.load import case_from_data

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = date(2026, 11, 23)

FIRST = {
    "balance-paid-in-full.yaml": ("R6343-A1", "paid in full: the IRS must release (§ 6343(a)(1)(A)); no hearing first"),
    "bank-levy-hardship-21-day-hold.yaml": ("R6343-A4", "hardship release asked before the bank's hold ends"),
    "bankruptcy-before-levy.yaml": ("RBK-362", "the automatic stay stops the levy; a hearing does not come first"),
    "business-bank-levy.yaml": ("R6343-A2", "no hardship release for a business: show release helps collection"),
    # the wage levy keeps taking pay and hardship is not yet known: the hardship release is asked of Collection at any
    # time (§ 6343(a)(1)(D)); the equivalent hearing does not stop the levy, and CAP is the appeal if Collection refuses
    "cdp-request-on-day-31.yaml": ("R6343-A4", "ask Collection for a hardship release while the wage levy runs"),
    "disaster-area-cdp-postponed.yaml": ("PP-7508A", "the ordinary CDP date passed; disaster relief reopens it"),
    "expensive-county-wage-levy-finances.yaml": ("R6343-A4", "the IRS's own standards show the levy causes hardship"),
    "family-above-the-standards.yaml": ("finances.simple_payment_plan", "the finances show a plan the IRS accepts"),
    "levy-after-collection-statute.yaml": ("R6343-A1", "the collection statute ran out: release is mandatory"),
    "offer-pending-levy-before.yaml": ("R6331-K1", "the pending offer bars new levies (§ 6331(k)(1))"),
    "premature-levy-no-cdp-notice.yaml": ("R6330-A1", "no final notice with hearing rights: the levy was premature"),
    "retiree-social-security-finances.yaml": ("finances.simple_payment_plan", "the finances show an affordable plan"),
    "self-employed-vehicle-loan-bank-levy.yaml": ("R6343-A4", "hardship release inside the bank's hold"),
    # the benefit levy takes part of every payment and hardship is not yet known: the hardship release is asked now,
    # not after the equivalent hearing months away (§ 6343(a)(1)(D); the hearing does not stop the levy)
    "social-security-federal-payment-levy.yaml": ("R6343-A4", "ask now for a hardship release of the benefit levy"),
    "wage-levy-installment-agreement-entered.yaml": ("R6343-A3", "agreement entered: the IRS must release the levy"),
    "wrongful-levy-relatives-account.yaml": ("R6343-B2", "the owner's wrongful-levy claim; her money, her remedy"),
}


def _run(name: str) -> Analysis:
    return analyze(load_case(EXAMPLES / name), AS_OF)


def test_every_example_has_a_first_step_pinned() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(FIRST)


@pytest.mark.parametrize("name", sorted(FIRST))
def test_example_first_step(name: str) -> None:
    rule, why = FIRST[name]
    plan = english(_run(name)).plan
    assert plan and rule in plan[0].rules, f"{name}: want {rule} first ({why}); got {[s.rules for s in plan]}"
    rules = [r for s in plan for r in s.rules]
    assert len(rules) == len(set(rules)), f"{name}: a rule in two steps"
    for s in plan:
        items = [" ".join(h.split()).casefold() for h in s.have_ready]
        assert len(items) == len(set(items)), f"{name}: step {s.order} lists an item twice"
    whens = [s.when for s in plan]
    order = ["today", "this_week", "later"]
    assert whens == sorted(whens, key=order.index), f"{name}: a later step is more urgent than an earlier one"


def _case(status: str, **dates: str) -> dict[str, object]:
    ia = {"status": status, "pending_date": "2026-06-01", "tax_periods": ["1040-2022"], **dates}
    return {
        "taxpayer": {"kind": "individual", "filing_status": "single"},
        "tax_periods": [{"id": "1040-2022", "form": "1040", "period": "2022", "assessment_date": "2023-05-29"}],
        "installment_agreements": [ia],
    }


PAUSE = "collection period is paused"
SITUATIONS = {
    "pending": (_case("pending"), True),
    "in effect": (_case("entered", entered_date="2026-07-01"), False),
    "rejected, inside 30 days": (_case("rejected", rejected_date="2026-11-13"), True),
    "terminated, inside 30 days": (_case("terminated", entered_date="2026-07-01", terminated_date="2026-11-10"), True),
    "rejected and appealed": (_case("rejected", rejected_date="2026-11-01", appeal_date="2026-11-15"), True),
}


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_payment_plan_script_is_true_in_each_situation(situation: str) -> None:
    """After a rejection or termination the person has no payment plan, and the script never says so; the
    collection statute's pause (§ 6331(k)(3)(B): not while an agreement is in effect) is stated once."""
    data, paused = SITUATIONS[situation]
    a = analyze(case_from_data(data), AS_OF)
    steps = [s for s in english(a).plan if "R6331-K2" in s.rules]
    assert len(steps) == 1, [s.rules for s in a.plan]
    text = f"{steps[0].title} {steps[0].action} {steps[0].why}"
    if situation.startswith(("rejected", "terminated")):
        for false in ("I have a payment plan", "I have an installment agreement", "in effect since"):
            assert false not in text, f"{situation}: says {false!r}"
    assert text.count(PAUSE) == (1 if paused else 0), f"{situation}: the pause said {text.count(PAUSE)} times"
    if not paused:
        assert text.count("keeps running") == 1, f"{situation}: say once that the statute keeps running"
