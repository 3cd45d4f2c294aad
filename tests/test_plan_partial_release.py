"""A release for only some of a levy's periods (§ 6343(a)(1) "all, or part of") gets a plan step that asks for that
part and says the levy may go on for the others — not the plain step's "release the levy"."""

from __future__ import annotations

from datetime import date

import pytest

from levynav.core.analyze import analyze
from levynav.core.model.analysis import Effect
from levynav.explain.render import english
from levynav.intake.load import case_from_data


def _case(levy_kind: str, levy_served: str, first_csed: str) -> dict[str, object]:
    return {
        "taxpayer": {"kind": "individual"},
        "tax_periods": [
            {"id": "1040-2012", "balance": 3000, "csed": first_csed},
            {"id": "1040-2019", "balance": 5000, "csed": "2031-05-01"},
        ],
        "levies": [{"kind": levy_kind, "served_date": levy_served, "tax_periods": ["1040-2012", "1040-2019"]}],
    }


@pytest.mark.parametrize(
    ("kind", "served", "csed", "key"),
    [
        ("bank", "2026-01-06", "2025-10-15", "expired_before_levy_part"),
        ("wages", "2025-06-01", "2026-01-15", "expired_since_part"),
    ],
)
def test_partial_release_step_asks_for_the_part(kind: str, served: str, csed: str, key: str) -> None:
    analysis = analyze(case_from_data(_case(kind, served, csed)), date(2026, 3, 1))
    ground = [f for f in analysis.findings if f.rule == "R6343-A1" and f.effect is Effect.PARTIAL_RELEASE]
    assert [f.message_key for f in ground] == [key]
    steps = [s for s in analysis.plan if "R6343-A1" in s.rules]
    assert len(steps) == 1
    assert steps[0].text.key.endswith(f".variants.{key}")
    words = next(s for s in english(analysis).plan if "R6343-A1" in s.rules)
    # the period the levy may go on collecting is named, as a person says it to the IRS (round 8: was its id)
    assert "Form 1040, 2019" in words.action and "1040-2019" not in words.action
    assert "as far as it collects those years" in words.action
