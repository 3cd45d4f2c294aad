"""Unit tests of the exemption helpers and of the data behind the return and exemption rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from levynav.core import params
from levynav.core.law import exemptions, registry, return_property
from levynav.core.law.rule import Context
from levynav.core.model.analysis import Outcome
from levynav.core.model.case import Case
from levynav.lawbook import datafiles

AS_OF = date(2026, 3, 1)


def _case(taxpayer_kind: str = "individual", **levy: Any) -> Case:
    return Case.model_validate({"taxpayer": {"kind": taxpayer_kind}, "levies": [{"kind": "other_property", **levy}]})


@pytest.mark.parametrize(
    ("levy", "expected"),
    [
        ({"exempt_category": "a13a_residence_small_levy", "amount": Decimal("4800")}, True),
        ({"exempt_category": "a13a_residence_small_levy", "amount": Decimal("5000")}, True),
        ({"exempt_category": "a13a_residence_small_levy", "amount": Decimal("5000.01")}, False),
        ({"exempt_category": "a13a_residence_small_levy"}, None),
        ({"exempt_category": "a13b_principal_residence", "amount": Decimal("9000"), "court_approval": False}, True),
        ({"exempt_category": "a13b_principal_residence", "amount": Decimal("9000"), "court_approval": True}, False),
        ({"exempt_category": "a13b_principal_residence", "amount": Decimal("4000"), "court_approval": True}, True),
        ({"exempt_category": "a13b_business_property", "supervisor_approval": False}, True),
        ({"exempt_category": "a13b_business_property", "supervisor_approval": False, "jeopardy": True}, False),
        # § 6334(a)(13)(B)(ii): "other than real property which is rented"
        (
            {
                "exempt_category": "a13b_business_property",
                "supervisor_approval": False,
                "business_property_rented": True,
            },
            False,
        ),
        ({"exempt_category": "a11_ssi", "kind": "federal_payment"}, True),
        # § 6334(f): only a levy under § 6331(h) (the automated program) takes away the exemption
        ({"exempt_category": "a4_unemployment", "kind": "federal_payment", "method": "fplp"}, False),
        ({"exempt_category": "a4_unemployment", "kind": "federal_payment", "method": "manual"}, True),
        ({"exempt_category": "a4_unemployment", "kind": "federal_payment"}, None),
        ({"exempt_category": "a4_unemployment", "kind": "bank"}, True),
        # § 6331(h)(2)(C): railroad annuities and benefits are reachable by the program; the rest of (a)(6) is not
        ({"exempt_category": "a6_railroad", "kind": "federal_payment", "method": "fplp"}, False),
        ({"exempt_category": "a6_railroad", "kind": "federal_payment", "method": "manual"}, True),
        ({"exempt_category": "a6_military_annuities", "kind": "federal_payment", "method": "fplp"}, True),
        ({"exempt_category": "a6_railroad_military_annuities", "kind": "federal_payment", "method": "fplp"}, None),
        ({"exempt_category": "a6_railroad_military_annuities", "kind": "federal_payment", "method": "manual"}, True),
        ({"exempt_category": "a11_ssi", "kind": "social_security", "method": "fplp"}, True),
        ({"exempt_category": "a3_tools_of_trade"}, None),
        ({}, None),
    ],
)
def test_levy_on_protected_property(levy: dict[str, Any], expected: bool | None) -> None:
    case = _case(**levy)
    assert exemptions.levy_on_protected_property(case, case.levies[0], Context(as_of=AS_OF)) is expected


def test_business_taxpayer_cannot_use_individual_exemptions() -> None:
    case = _case("business", exempt_category="a3_tools_of_trade")
    assert exemptions.levy_on_protected_property(case, case.levies[0], Context(as_of=AS_OF)) is False


def test_residence_threshold_is_not_indexed() -> None:
    p = params.all_params()["exempt.residence_small_levy_usd"]
    assert [v.value for v in p.values] == [5000]
    assert params.use("exempt.residence_small_levy_usd", on=AS_OF).status == "V"


def test_small_levy_keys_on_the_levy_amount_not_the_balance() -> None:
    case = Case.model_validate(
        {
            "taxpayer": {"kind": "individual"},
            "tax_periods": [{"id": "1040-2020", "balance": 90000}],
            "levies": [{"kind": "other_property", "exempt_category": "a13a_residence_small_levy", "amount": 4800}],
        }
    )
    [finding] = exemptions.small_levy_residence(case, Context(as_of=AS_OF))
    assert finding.outcome is Outcome.APPLIES
    assert finding.parameters[0].id == "exempt.residence_small_levy_usd"


def test_every_parameter_has_a_source_and_status() -> None:
    mine = [
        p
        for p in params.all_params().values()
        if p.id.split(".")[0] in {"return", "wrongful_levy", "bank_charges", "exempt", "fplp", "bank_levy"}
    ]
    assert len(mine) >= 15
    for p in mine:
        assert p.cites, p.id
        for c in p.cites:
            registry.cite(c)
        for v in p.values:
            assert v.source and v.status in {"V", "S", "U"}, p.id


def test_unverified_items_are_marked_u() -> None:
    assert registry.cite("R6331-H2").status == "U"
    assert params.use("fplp.low_income_filter_percent", on=AS_OF).status == "U"
    assert "Bipartisan Budget Act" in registry.cite("R6343-F1").cite


def test_plan_steps_exist_for_every_rule_with_an_action_effect() -> None:
    steps = datafiles.merged_mapping("plan")
    for rid in ("R6343-B2", "R6343-D1", "R7426-1", "RF8546-1", "R6343-F1"):
        assert steps[rid]["have_ready"], rid
    for rid in ("R6334-A", "R6334-A13", "R6334-E1", "R6334-SSI", "R6332-C1"):
        assert steps[rid]["action"], rid
    assert "certified mail" in steps["R6343-B2"]["action"]


def test_module_exports() -> None:
    # + joint account (RJA-1), refund of an overpayment (R6401-1), retirement account (RRET-1); refund deadline
    assert len(return_property.RULES) == 10 and len(return_property.DEADLINES) == 5
    assert len(exemptions.RULES) == 8 and len(exemptions.DEADLINES) == 1
