"""The bank-hold step (R6332-C1) names the release grounds to ask for. A business cannot get a release for economic
hardship: 26 U.S.C. § 6343(a)(1)(D) as read in Treas. Reg. § 301.6343-1(b)(4) is for "an individual taxpayer" (the
R6343-A4 finding is not applicable to a business). The step told a company to ask for a release on "hardship"; a
business now gets the grounds a business has (paid, a payment plan, a release that helps collection,
§ 6343(a)(1)(A)-(C)), and a sole proprietor, an individual, keeps the plain step (review10, case 9)."""

from __future__ import annotations

from datetime import date

import pytest

from levynav.core.analyze import analyze
from levynav.explain.render import render
from levynav.intake.load import case_from_data


def _case(kind: str) -> dict[str, object]:
    return {
        "taxpayer": {"kind": kind},
        "tax_periods": [{"id": "941-2025Q1", "form": "941", "tax_kind": "employment", "balance": 23900}],
        "levies": [{"kind": "bank", "served_date": "2026-12-01", "owner": "taxpayer", "tax_periods": ["941-2025Q1"]}],
        "circumstances": {"economic_hardship": True},
    }


@pytest.mark.parametrize(("kind", "key"), [("business", "plan.R6332-C1.business"), ("individual", "plan.R6332-C1")])
def test_the_bank_hold_step_names_the_grounds_of_the_taxpayer(kind: str, key: str) -> None:
    analysis = analyze(case_from_data(_case(kind)), date(2026, 12, 7))
    steps = [s for s in analysis.plan if "R6332-C1" in s.rules]
    assert len(steps) == 1
    assert steps[0].text.key == key
    words = {lang: render(analysis, lang) for lang in ("en", "es")}
    english = " ".join(s.action for s in words["en"].plan if "R6332-C1" in s.rules)
    spanish = " ".join(s.action for s in words["es"].plan if "R6332-C1" in s.rules)
    assert ("for individuals only" in english) is (kind == "business")
    assert ("hardship, a payment plan" in english) is (kind == "individual")
    assert ("solo para personas físicas" in spanish) is (kind == "business")
