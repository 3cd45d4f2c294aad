"""The plan step for the § 6213(a) bar (R6213-A1) fits the situation found: at the notice stage (no levy) it is about
petitioning the Tax Court — not "release the levy and return what was taken" to someone who has no levy; with a
petition pending it says the bar lasts until the decision is final; an assessment made while the bar ran gets a
request to abate it. English and Spanish."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from levynav.core.analyze import analyze
from levynav.explain.render import english, render
from levynav.intake.load import case_from_data

AS_OF = date(2026, 12, 3)


def _case(notice: dict[str, Any], assessed: str | None = None, levy: bool = False) -> dict[str, Any]:
    period: dict[str, Any] = {"id": "2022-1040"}
    if assessed:
        period["assessment_date"] = assessed
    data: dict[str, Any] = {
        "taxpayer": {"kind": "individual", "state": "CA"},
        "tax_periods": [period],
        "proceedings": {"deficiency_notices": [{**notice, "tax_periods": ["2022-1040"]}]},
    }
    if levy:
        data["levies"] = [{"kind": "bank", "served_date": "2026-11-20", "tax_periods": ["2022-1040"]}]
    return data


CASES = {
    # the Tax Court period runs, nothing assessed, no levy: the plain step (petition by the printed day)
    "notice_stage": (_case({"mailed_date": "2026-10-02"}), None),
    "petition_pending": (
        _case({"mailed_date": "2026-08-02", "tax_court_petition_date": "2026-09-01"}),
        "petition_pending",
    ),
    "assessed_early": (_case({"mailed_date": "2026-10-02"}, assessed="2026-10-20"), "assessed_early"),
    "levy_during": (_case({"mailed_date": "2026-10-02"}, levy=True), "levy_during"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_step_fits_the_situation(name: str) -> None:
    data, variant = CASES[name]
    analysis = analyze(case_from_data(data), AS_OF)
    steps = [s for s in analysis.plan if "R6213-A1" in s.rules]
    assert len(steps) == 1
    key = steps[0].text.key
    if variant is None:
        assert ".variants." not in key
    else:
        assert key.endswith(f".variants.{variant}")
    en = next(s for s in english(analysis).plan if "R6213-A1" in s.rules)
    es = next(s for s in render(analysis, "es").plan if "R6213-A1" in s.rules)
    for words in (en.title, en.action, es.title, es.action):
        assert "{" not in words and "}" not in words
    if name == "notice_stage":
        # no levy in the case: the step is about the petition, and does not open by asking to release a levy
        assert "petition" in en.title and not en.action.startswith("Call the IRS number on the levy notice")
        assert "Tribunal Tributario" in es.title
    if name == "petition_pending":
        assert "September 1, 2026" in en.action and "1 de septiembre de 2026" in es.action
    if name == "assessed_early":
        assert "abate" in en.action and "October 20, 2026" in en.action
        assert "anulen" in es.action and "20 de octubre de 2026" in es.action
    if name == "levy_during":
        assert "November 20, 2026" in en.action
