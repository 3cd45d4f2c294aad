"""A bar on levy found before any levy (an open bankruptcy stay, a pending innocent-spouse claim): the plan step says
what the bar means and what to say if a levy comes — it does not ask the person to "release the levy" they do not
have, nor title itself "stop the levy". With a levy made during the bar, the levy's own step asks for its release."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from levynav.core.analyze import analyze
from levynav.explain.render import english, render
from levynav.intake.load import case_from_data

AS_OF = date(2026, 12, 3)
PERIOD = [{"id": "2022-1040", "assessment_date": "2023-05-15"}]
BANKRUPTCY = {"bankruptcies": [{"petition_date": "2026-11-02", "chapter": 13}]}
SPOUSE = {"innocent_spouse_claims": [{"filed_date": "2026-10-01", "relief": "b", "tax_periods": ["2022-1040"]}]}
LEVY = [{"kind": "bank", "served_date": "2026-11-20", "tax_periods": ["2022-1040"]}]


def _case(proceedings: dict[str, Any], levies: list[dict[str, Any]]) -> Any:
    data = {
        "taxpayer": {"kind": "individual", "filing_status": "married_filing_jointly"},
        "tax_periods": PERIOD,
        "proceedings": proceedings,
        "levies": levies,
    }
    return case_from_data(data)


@pytest.mark.parametrize(
    ("rule", "proceedings", "variant", "asks"),
    [
        ("RBK-362", BANKRUPTCY, "open", ("release any levy", "liberen todo embargo")),
        ("R6015-E1", SPOUSE, "pending", ("If a levy for them comes", "Si llega un embargo")),
    ],
)
def test_bar_before_any_levy(rule: str, proceedings: dict[str, Any], variant: str, asks: tuple[str, str]) -> None:
    analysis = analyze(_case(proceedings, []), AS_OF)
    steps = [s for s in analysis.plan if rule in s.rules]
    assert len(steps) == 1
    assert steps[0].text.key.endswith(f".variants.{variant}")
    en = next(s for s in english(analysis).plan if rule in s.rules)
    es = next(s for s in render(analysis, "es").plan if rule in s.rules)
    assert "the levy" not in en.title and "el embargo" not in es.title
    # a release is asked for any levy that comes (or came), not for "the levy" the person does not have
    assert asks[0] in en.action and asks[1] in es.action
    assert not en.action.startswith("Call the IRS number on the levy notice")
    for words in (en.title, en.action, es.title, es.action):
        assert "{" not in words


@pytest.mark.parametrize(
    ("rule", "proceedings", "asks"),
    [("RBK-362", BANKRUPTCY, "release any levy"), ("R6015-E1", SPOUSE, "Please release the levy")],
)
def test_levy_during_the_bar_asks_its_release(rule: str, proceedings: dict[str, Any], asks: str) -> None:
    analysis = analyze(_case(proceedings, LEVY), AS_OF)
    steps = [s for s in analysis.plan if rule in s.rules]
    assert len(steps) == 1
    en = next(s for s in english(analysis).plan if rule in s.rules)
    assert asks in en.action
