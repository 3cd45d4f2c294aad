"""§ 7485(a): what an appeal of the Tax Court's decision without a bond no longer bars (Burke v. Comm'r, T.C. Memo.
2009-282; Schroeder v. Comm'r, T.C. Memo. 2005): a levy served after the notice of appeal, and an assessment
recorded then, draw no finding of the § 6213(a) ban (the scenario format cannot say "no finding for this subject")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from levynav import analyze
from levynav.intake.load import case_from_data

AS_OF = date(2026, 6, 1)


def _case(bond: bool | None) -> dict[str, Any]:
    notice: dict[str, Any] = {
        "mailed_date": "2023-03-01",
        "tax_periods": ["1040-2021"],
        "addressed_outside_us": False,
        "tax_court_petition_date": "2023-05-15",
        "appeal_date": "2025-11-03",
    }
    if bond is not None:
        notice["appeal_bond_filed"] = bond
    return {
        "taxpayer": {"kind": "individual"},
        "tax_periods": [{"id": "1040-2021", "tax_kind": "income", "assessment_date": "2025-12-15"}],
        "levies": [{"kind": "bank", "served_date": "2026-02-02", "tax_periods": ["1040-2021"]}],
        "proceedings": {"deficiency_notices": [notice]},
    }


def _ban(bond: bool | None) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for f in analyze(case_from_data(_case(bond)), AS_OF).findings:
        if f.rule == "R6213-A1":
            out.setdefault(f.subject, []).append(f.message_key)
    return out


def test_an_unbonded_appeal_leaves_the_later_levy_and_assessment_unbarred() -> None:
    ban = _ban(False)
    assert ban == {"proceedings.deficiency_notices[0]": ["ended_appeal_no_bond"]}


@pytest.mark.parametrize(("bond", "levy"), [(None, "levy_appeal_bond_unknown"), (True, "levy_during")])
def test_a_bonded_or_unknown_appeal_still_speaks_of_the_later_levy(bond: bool | None, levy: str) -> None:
    ban = _ban(bond)
    assert ban["levies[0]"] == [levy]
