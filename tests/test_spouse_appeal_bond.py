"""§ 6015(e)(1)(B)(i) ("Rules similar to the rules of sec. 7485 shall apply"); Reg. § 1.6015-7(c)(1): a levy served
after an appeal of the Tax Court's decision on an innocent-spouse claim without a bond draws no finding of the
innocent-spouse bar (the scenario format cannot say "no finding for this subject")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from levynav import analyze
from levynav.intake.load import case_from_data

AS_OF = date(2026, 4, 1)


def _case(bond: bool | None) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "filed_date": "2024-05-01",
        "final_determination_date": "2025-03-03",
        "tax_court_petition_date": "2025-05-20",
        "appeal_date": "2026-02-10",
    }
    if bond is not None:
        claim["appeal_bond_filed"] = bond
    return {
        "taxpayer": {"kind": "individual"},
        "tax_periods": [{"id": "1040-2021", "joint_return": True}],
        "levies": [{"kind": "bank", "served_date": "2026-03-02"}],
        "proceedings": {"innocent_spouse_claims": [claim]},
    }


def _bar(bond: bool | None) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for f in analyze(case_from_data(_case(bond)), AS_OF).findings:
        if f.rule == "R6015-E1":
            out.setdefault(f.subject, []).append(f.message_key)
    return out


def test_an_unbonded_appeal_leaves_the_later_levy_unbarred() -> None:
    assert _bar(False) == {"proceedings.innocent_spouse_claims[0]": ["ended_appeal_no_bond"]}


@pytest.mark.parametrize(("bond", "levy"), [(None, "levy_appeal_bond_unknown"), (True, "levy_during")])
def test_a_bonded_or_unknown_appeal_still_speaks_of_the_later_levy(bond: bool | None, levy: str) -> None:
    assert _bar(bond)["levies[0]"] == [levy]
