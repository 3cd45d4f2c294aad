"""Collection alternatives side by side: limits at their edges, fees, low income, CNC and the offer arithmetic."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levynav.core import params
from levynav.core.calc import low_income_test
from levynav.core.calc.alternatives import AlternativesFacts, collection_alternatives, months_until
from levynav.core.calc.dates import add_months
from levynav.core.calc.levy_amounts import bank_hold_end, exempt_property_amounts, federal_payment_levy_amount
from levynav.core.calc.offer_equity import Asset, EquityInputs, Vehicle, net_realizable_equity, offer_figures
from levynav.core.calc.option_terms import Eligibility, LevyEffect, Option, Params
from levynav.core.law import registry
from levynav.core.model.ability_to_pay import FeeMethod
from levynav.core.model.case import TaxpayerKind

AS_OF = date(2026, 3, 2)
BASE = AlternativesFacts(
    taxpayer_kind=TaxpayerKind.INDIVIDUAL,
    balance=D("18000"),
    as_of=AS_OF,
    assessed_tax=D("9000"),
    monthly_disposable_income=D("300"),
    csed=date(2032, 4, 15),
    household_size=3,
    state="OH",
    adjusted_gross_income=D("70000"),
    all_returns_filed=True,
    estimated_payments_current=True,
    in_open_bankruptcy=False,
    prior_five_years_compliant=True,
    unable_to_pay_in_full=True,
    income_tax_only=True,
    equity=EquityInputs(),
)


def run(**changes: object) -> dict[Option, object]:
    result = collection_alternatives(dataclasses.replace(BASE, **changes))  # type: ignore[arg-type]
    return {o.option: o for o in result.options}


def eligibility(option: Option, **changes: object) -> Eligibility:
    return run(**changes)[option].eligibility  # type: ignore[attr-defined, no-any-return]


# ---------------------------------------------------------------- offer in compromise arithmetic (Form 433-A (OIC))


def test_rcp_example_with_bank_vehicle_and_furniture() -> None:
    p = Params(AS_OF)
    inputs = EquityInputs(
        cash_and_bank=D("2500"),
        vehicles=(Vehicle(D("12000"), D("4000")),),
        valuables_and_furniture=(Asset(D("15000")),),
    )
    equity = net_realizable_equity(inputs, p)
    assert equity.lines["1 cash and bank"] == D("1500")  # 2,500 - 1,000
    assert equity.lines["6 vehicles"] == D("2150")  # 12,000 x .8 - 4,000 - 3,450
    assert equity.lines["7 furniture, personal effects, valuables"] == D("290")  # 15,000 x .8 - 11,710
    assert equity.box_a == D("3940")
    figs = offer_figures(inputs, D("300"), p)
    assert figs.minimum_offer_lump_sum == D("3940") + 300 * 12
    assert figs.minimum_offer_periodic == D("3940") + 300 * 24


def test_second_vehicle_allowance_only_for_a_joint_offer() -> None:
    p = Params(AS_OF)
    cars = (Vehicle(D("20000"), D("5000")), Vehicle(D("10000"), D("0")))
    single = net_realizable_equity(EquityInputs(vehicles=cars), p)
    joint = net_realizable_equity(EquityInputs(vehicles=cars, joint_offer=True), p)
    # equities 11,000 and 8,000; the $3,450 comes off the larger one, and off the second only when joint
    assert single.lines["6 vehicles"] == D("11000") - 3450 + D("8000")
    assert joint.lines["6 vehicles"] == D("11000") - 3450 + D("8000") - 3450


def test_real_estate_retirement_investments_and_negative_lines() -> None:
    p = Params(AS_OF)
    inputs = EquityInputs(
        cash_and_bank=D("400"),  # below the $1,000 allowance: 0, not negative
        real_estate=(Asset(D("300000"), D("200000")), Asset(D("100000"), D("95000"))),  # 40,000 and 0 (negative)
        retirement_accounts=(Asset(D("50000"), D("0")),),  # 40,000
        investments=(Asset(D("10000"), D("2500")),),  # at market value: 7,500
        life_insurance=(Asset(D("3000"), D("1000")),),  # 2,000
        vehicles=(Vehicle(D("30000"), D("0"), leased=True),),  # leased: 0
    )
    equity = net_realizable_equity(inputs, p)
    assert equity.lines["1 cash and bank"] == 0
    assert equity.lines["5 real estate"] == D("40000")
    assert equity.lines["3 retirement"] == D("40000")
    assert equity.lines["2 investments"] == D("7500")
    assert equity.lines["4 life insurance"] == D("2000")
    assert equity.lines["6 vehicles"] == 0
    assert equity.box_a == D("89500")


def test_negative_disposable_income_counts_as_zero_future_income() -> None:
    figs = offer_figures(EquityInputs(), D("-250"), Params(AS_OF))
    assert figs.future_income_lump_sum == 0
    assert figs.minimum_offer_lump_sum == 0


def test_offer_not_worth_making_when_rcp_reaches_the_balance() -> None:
    rich = EquityInputs(cash_and_bank=D("30000"))
    offer = run(equity=rich)[Option.OFFER_IN_COMPROMISE]
    assert offer.eligibility is Eligibility.NOT_ELIGIBLE  # type: ignore[attr-defined]
    assert [m.key for m in offer.why] == ["reason.offer_not_less_yours"]  # type: ignore[attr-defined]


def test_offer_fee_and_initial_payment_without_low_income() -> None:
    offer = run(equity=EquityInputs(cash_and_bank=D("6000")))[Option.OFFER_IN_COMPROMISE]
    assert offer.eligibility is Eligibility.ELIGIBLE  # type: ignore[attr-defined]
    assert offer.fees[0].amount == D("205")  # type: ignore[attr-defined]
    lump = D("5000") + 300 * 12
    assert offer.figures["minimum_offer_lump_sum"] == lump  # type: ignore[attr-defined]
    assert offer.figures["initial_payment_lump_sum"] == lump * D("0.2")  # type: ignore[attr-defined]
    periodic = D("5000") + 300 * 24
    assert offer.figures["first_periodic_payment"] == (periodic / 24).quantize(D("0.01"), rounding="ROUND_CEILING")  # type: ignore[attr-defined]
    assert offer.levy_effect is LevyEffect.NO_RELEASE_REQUIRED  # type: ignore[attr-defined]


def test_low_income_offer_pays_no_fee_and_nothing_up_front() -> None:
    offer = run(adjusted_gross_income=D("40000"))[Option.OFFER_IN_COMPROMISE]
    assert offer.figures["initial_payment_lump_sum"] == 0  # type: ignore[attr-defined]
    assert [m.key for m in offer.fees[0].notes] == ["finances.fee.no_fee_low_income"]  # type: ignore[attr-defined]


def test_offer_unknown_without_finances() -> None:
    offer = run(monthly_disposable_income=None, equity=None)[Option.OFFER_IN_COMPROMISE]
    assert offer.eligibility is Eligibility.UNKNOWN  # type: ignore[attr-defined]
    assert {"finances", "finances.assets"} <= set(offer.missing)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- low-income test (Form 656 (Rev. 4-2025) table)


@pytest.mark.parametrize(
    ("size", "state", "agi", "qualifies"),
    [
        (1, "OH", D("37650"), True),  # exactly 250% (48 states)
        (1, "OH", D("37651"), False),
        (4, "AK", D("97500"), True),
        (4, "HI", D("89701"), False),
        (10, "OH", D("131800") + 2 * 13450, True),  # 8 persons + 2 x the additional amount
    ],
)
def test_low_income_edges(size: int, state: str, agi: D, qualifies: bool) -> None:
    result = low_income_test.low_income_test(size, state, agi, None, AS_OF)
    assert result.qualifies is qualifies
    assert result.status == "V"


def test_low_income_by_monthly_gross_income_times_twelve() -> None:
    result = low_income_test.low_income_test(2, "OH", None, D("4200"), AS_OF)
    assert result.qualifies is True  # 50,400 <= 51,100
    assert result.basis is not None and result.basis.key == "finances.low_income.basis.gross_monthly_x12"


def test_low_income_unknown_without_income_or_before_the_table() -> None:
    assert low_income_test.low_income_test(2, "OH", None, None, AS_OF).qualifies is None
    assert low_income_test.low_income_test(2, "OH", D("1000"), None, date(2024, 6, 1)).qualifies is None


# ---------------------------------------------------------------- installment agreements at their limits


@pytest.mark.parametrize(
    ("tax", "expected"), [(D("10000"), Eligibility.ELIGIBLE), (D("10000.01"), Eligibility.NOT_ELIGIBLE)]
)
def test_guaranteed_agreement_edge_at_10000(tax: D, expected: Eligibility) -> None:
    assert eligibility(Option.GUARANTEED_IA, assessed_tax=tax) is expected


def test_guaranteed_agreement_needs_five_clean_years_and_pays_in_36_months() -> None:
    assert eligibility(Option.GUARANTEED_IA, prior_five_years_compliant=False) is Eligibility.NOT_ELIGIBLE
    assert eligibility(Option.GUARANTEED_IA, prior_five_years_compliant=None) is Eligibility.UNKNOWN
    ia = run()[Option.GUARANTEED_IA]
    assert ia.months_to_pay == 36  # type: ignore[attr-defined]
    assert ia.monthly_payment == D("500.00")  # type: ignore[attr-defined]
    assert eligibility(Option.GUARANTEED_IA, taxpayer_kind=TaxpayerKind.BUSINESS) is Eligibility.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("balance", "expected"), [(D("50000"), Eligibility.ELIGIBLE), (D("50000.01"), Eligibility.NOT_ELIGIBLE)]
)
def test_simple_payment_plan_edge_at_50000(balance: D, expected: Eligibility) -> None:
    assert eligibility(Option.SIMPLE_PAYMENT_PLAN, balance=balance) is expected


def test_simple_payment_plan_runs_to_the_csed_and_shows_the_72_month_figure() -> None:
    plan = run()[Option.SIMPLE_PAYMENT_PLAN]
    months = months_until(AS_OF, date(2032, 4, 15))
    assert months == 73
    assert plan.months_to_pay == months  # type: ignore[attr-defined]
    assert plan.monthly_payment == (D("18000") / 73).quantize(D("0.01"), rounding="ROUND_CEILING")  # type: ignore[attr-defined]
    assert plan.figures["monthly_payment_within_72_months"] == D("250.00")  # type: ignore[attr-defined]
    assert plan.levy_effect is LevyEffect.MUST_RELEASE_UNLESS_AGREEMENT_SAYS_OTHERWISE  # type: ignore[attr-defined]


def test_simple_payment_plan_without_csed_leaves_the_payment_unknown() -> None:
    plan = run(csed=None)[Option.SIMPLE_PAYMENT_PLAN]
    assert plan.monthly_payment is None  # type: ignore[attr-defined]
    assert "tax_periods[].assessment_date" in plan.missing  # type: ignore[attr-defined]


def test_direct_debit_note_above_25000() -> None:
    key = "finances.option_note.direct_debit_above"
    assert any(n.key == key for n in run(balance=D("25000.01"))[Option.SIMPLE_PAYMENT_PLAN].notes)  # type: ignore[attr-defined]
    assert not any(n.key == key for n in run(balance=D("25000"))[Option.SIMPLE_PAYMENT_PLAN].notes)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("balance", "expected"), [(D("25000"), Eligibility.ELIGIBLE), (D("25000.01"), Eligibility.NOT_ELIGIBLE)]
)
def test_in_business_trust_fund_edge_at_25000(balance: D, expected: Eligibility) -> None:
    business = {
        "taxpayer_kind": TaxpayerKind.BUSINESS,
        "in_business": True,
        "trust_fund_taxes": True,
        "federal_deposits_current": True,
    }
    assert eligibility(Option.IN_BUSINESS_TRUST_FUND, balance=balance, **business) is expected
    assert eligibility(Option.SIMPLE_PAYMENT_PLAN, balance=balance, **business) is expected
    ibtf = run(balance=balance, **business)[Option.IN_BUSINESS_TRUST_FUND]
    assert ibtf.months_to_pay == 24  # type: ignore[attr-defined]


def test_business_without_trust_fund_taxes_has_the_50000_limit() -> None:
    facts = {"taxpayer_kind": TaxpayerKind.BUSINESS, "in_business": True, "trust_fund_taxes": False}
    assert eligibility(Option.SIMPLE_PAYMENT_PLAN, balance=D("50000"), **facts) is Eligibility.ELIGIBLE
    assert eligibility(Option.IN_BUSINESS_TRUST_FUND, balance=D("20000"), **facts) is Eligibility.NOT_ELIGIBLE


@pytest.mark.parametrize(
    ("balance", "expected"), [(D("99999.99"), Eligibility.ELIGIBLE), (D("100000"), Eligibility.NOT_ELIGIBLE)]
)
def test_short_term_plan_edge_under_100000(balance: D, expected: Eligibility) -> None:
    plan = run(balance=balance)[Option.SHORT_TERM_PLAN]
    assert plan.eligibility is expected  # type: ignore[attr-defined]
    assert plan.pay_by == date(2026, 8, 29)  # type: ignore[attr-defined]  # 180 days after 2026-03-02
    assert plan.fees[0].amount == 0  # type: ignore[attr-defined]


def test_non_streamlined_above_50000_pays_disposable_income_and_flags_partial_payment() -> None:
    ia = run(balance=D("80000"), monthly_disposable_income=D("500"))[Option.NON_STREAMLINED_IA]
    assert ia.eligibility is Eligibility.ELIGIBLE  # type: ignore[attr-defined]
    assert ia.monthly_payment == D("500")  # type: ignore[attr-defined]
    assert ia.months_to_pay == 160  # type: ignore[attr-defined]
    assert ia.figures["partial_payment"] is True  # type: ignore[attr-defined]
    # § 6159(d): reviewed at least once every 2 years — the cited parameter's value, carried to the note
    assert ia.figures["review_interval_years"] == 2  # type: ignore[attr-defined]
    review = params.use("alt.partial_payment_ia.review_interval_years", AS_OF)
    assert review.value == 2 and review.status == "V" and "IA-1" in params.all_params()[review.id].cites
    note = next(n for n in ia.notes if n.key == "finances.option_note.partial_payment")  # type: ignore[attr-defined]
    assert note.args["years"].value == 2  # type: ignore[union-attr]
    assert run()[Option.NON_STREAMLINED_IA].eligibility is Eligibility.NOT_APPLICABLE  # type: ignore[attr-defined]


def test_fees_missing_values_say_so_and_low_income_waives_direct_debit() -> None:
    fees = run(adjusted_gross_income=D("40000"))[Option.SIMPLE_PAYMENT_PLAN].fees  # type: ignore[attr-defined]
    by_method = {f.method: f for f in fees}
    assert by_method[FeeMethod.ONLINE_DIRECT_DEBIT].amount == D("22")
    assert by_method[FeeMethod.ONLINE_DIRECT_DEBIT].low_income_amount == 0
    assert [m.key for m in by_method[FeeMethod.ONLINE_DIRECT_DEBIT].notes] == ["finances.fee.low_income_waived"]
    phone = by_method[FeeMethod.OTHER_OTHER]
    assert phone.amount is None and phone.missing
    assert [m.key for m in phone.notes] == ["finances.fee.value_missing", "finances.fee.low_income_reimbursed"]
    result = collection_alternatives(BASE)
    assert {u.id for u in result.missing_values} == {
        "alt.ia_fee.other_direct_debit",
        "alt.ia_fee.other_non_direct_debit",
    }
    assert "alt.ia_fee.online_direct_debit" in {u.id for u in result.unverified}


def test_2017_fee_schedule_applies_to_an_earlier_date() -> None:
    options = run(as_of=date(2023, 1, 5), csed=date(2030, 1, 1))
    fees = options[Option.SIMPLE_PAYMENT_PLAN].fees  # type: ignore[attr-defined]
    assert [f.amount for f in fees] == [D("31"), D("130"), D("107"), D("225")]
    # the Form 433-A (OIC) figures are recorded from the Rev. 4-2025 form only: the offer says what is missing
    offer = options[Option.OFFER_IN_COMPROMISE]
    assert offer.eligibility is Eligibility.UNKNOWN  # type: ignore[attr-defined]
    assert any("alt.oic." in m for m in offer.missing_values)  # type: ignore[attr-defined]
    # the id travels typed on the exception: every missing value is a defined parameter id, not a message
    assert set(offer.missing_values) <= set(params.all_params())  # type: ignore[attr-defined]


def test_missing_parameter_carries_its_id_and_date() -> None:
    with pytest.raises(params.MissingParameter) as caught:
        params.use("cdp.request_window_days", date(1990, 1, 1))
    assert (caught.value.pid, caught.value.on) == ("cdp.request_window_days", date(1990, 1, 1))


# ---------------------------------------------------------------- currently not collectible


@pytest.mark.parametrize(
    ("mdi", "expected"),
    [
        (D("0"), Eligibility.ELIGIBLE),
        (D("-120"), Eligibility.ELIGIBLE),
        (D("0.01"), Eligibility.NOT_ELIGIBLE),
        (None, Eligibility.UNKNOWN),
    ],
)
def test_currently_not_collectible_when_nothing_is_left(mdi: D | None, expected: Eligibility) -> None:
    cnc = run(monthly_disposable_income=mdi)[Option.CURRENTLY_NOT_COLLECTIBLE]
    assert cnc.eligibility is expected  # type: ignore[attr-defined]
    assert cnc.levy_effect is LevyEffect.MUST_RELEASE_WAGE_LEVY  # type: ignore[attr-defined]
    assert any(n.key == "finances.option_note.debt_stays" for n in cnc.notes)  # type: ignore[attr-defined]


def test_business_cnc_not_applicable() -> None:
    assert (
        eligibility(Option.CURRENTLY_NOT_COLLECTIBLE, taxpayer_kind=TaxpayerKind.BUSINESS) is Eligibility.NOT_APPLICABLE
    )


# ---------------------------------------------------------------- citations, bad input, small helpers


def test_every_citation_is_in_the_registry() -> None:
    for option in collection_alternatives(BASE).options:
        assert option.citations
        for cid in option.citations:
            assert registry.cite(cid).status in {"V", "S", "U"}


def test_bad_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        collection_alternatives(dataclasses.replace(BASE, balance=D("-1")))
    with pytest.raises(ValueError, match="household size"):
        collection_alternatives(dataclasses.replace(BASE, household_size=0))
    with pytest.raises(ValueError, match="negative"):
        net_realizable_equity(EquityInputs(vehicles=(Vehicle(D("-5")),)), Params(AS_OF))


def test_federal_payment_levy_takes_15_percent() -> None:
    levy = federal_payment_levy_amount(D("1843.00"), AS_OF)
    assert levy.levy_amount == D("276.45")
    assert levy.kept == D("1566.55")
    assert levy.param.status == "V"


def test_bank_hold_ends_21_days_after_service_without_weekend_roll() -> None:
    hold = bank_hold_end(date(2026, 11, 2))
    assert hold.ends == date(2026, 11, 23)
    assert bank_hold_end(date(2026, 11, 7)).ends == date(2026, 11, 28)  # a Saturday stays a Saturday


def test_exempt_property_amounts_have_status_and_missing_years() -> None:
    y2025 = exempt_property_amounts(date(2025, 6, 1))
    assert y2025.household_goods.value == 11710 and y2025.household_goods.status == "S"
    assert y2025.tools_of_trade.value == 5860 and y2025.tools_of_trade.status == "U"
    y2024 = exempt_property_amounts(date(2024, 6, 1))
    assert y2024.household_goods.value is None
    assert y2024.missing == ("exempt_property.6334a2 (2024)", "exempt_property.6334a3 (2024)")
    assert exempt_property_amounts(date(2026, 6, 1)).household_goods.value == 11980


# § 6334(g)(1): the amounts are set "for any calendar year", so the levy date's year chooses them; a year with no
# figure entered is unknown, never the year before's (Rev. Proc. 2025-32, which sets 2026, is not stored: the 2026
# figures stay unverified). The 1998 base amounts apply to levies after 1998-07-22 (RRA 98 § 3431).
@pytest.mark.parametrize(
    ("levied", "goods", "tools"),
    [
        (date(1998, 7, 22), 6250, 3125),
        (date(1998, 12, 31), 6250, 3125),
        (date(1999, 1, 1), None, None),
        (date(2007, 12, 31), 7720, 3860),
        (date(2008, 1, 1), None, None),
        (date(2024, 12, 31), None, None),
        (date(2025, 1, 1), 11710, 5860),
        (date(2025, 12, 31), 11710, 5860),
        (date(2026, 1, 1), 11980, 5990),
        (date(2026, 12, 31), 11980, 5990),
        (date(2027, 1, 1), None, None),
        (date(2031, 3, 4), None, None),
    ],
)
def test_exempt_property_amounts_at_each_year_boundary(levied: date, goods: int | None, tools: int | None) -> None:
    amounts = exempt_property_amounts(levied)
    assert (amounts.household_goods.value, amounts.tools_of_trade.value) == (goods, tools)
    assert amounts.year == levied.year
    if goods is None:
        assert amounts.household_goods.status == "missing"
        assert f"exempt_property.6334a2 ({levied.year})" in amounts.missing


def test_exempt_property_amounts_before_the_first_entry_are_not_guessed() -> None:
    with pytest.raises(params.MissingParameter):
        exempt_property_amounts(date(1998, 7, 21))


def test_a_yearly_amount_never_carries_into_a_later_year() -> None:
    """Every ``per_calendar_year`` parameter: the day after the last entry's year has no value."""
    yearly = [p for p in params.all_params().values() if p.per_calendar_year]
    assert {p.id for p in yearly} >= {"exempt_property.6334a2", "exempt_property.6334a3"}
    for p in yearly:
        last = p.values[-1].start.year
        assert params.use(p.id, date(last, 12, 31)).value == p.values[-1].value
        after = params.use(p.id, date(last + 1, 1, 1))
        assert after.value is None and after.status == "missing", p.id


# ---------------------------------------------------------------- every option decidable from complete facts


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {
            "taxpayer_kind": TaxpayerKind.BUSINESS,
            "balance": D("20000"),
            "in_business": True,
            "trust_fund_taxes": True,
            "federal_deposits_current": True,
        },
    ],
    ids=["individual", "business"],
)
def test_every_option_is_decided_from_complete_facts(changes: dict[str, object]) -> None:
    options = run(**changes)
    undecided = {o: r.eligibility for o, r in options.items() if r.eligibility is Eligibility.UNKNOWN}  # type: ignore[attr-defined]
    assert not undecided, undecided


def test_an_unknown_asset_makes_the_equity_a_lower_bound_never_zero() -> None:
    inputs = EquityInputs(cash_and_bank=D("3000"), missing=("finances.assets.real_estate[0].loan_balance",))
    offer = run(equity=inputs, balance=D("60000"))[Option.OFFER_IN_COMPROMISE]
    assert offer.eligibility is Eligibility.UNKNOWN  # type: ignore[attr-defined]
    assert "finances.assets.real_estate[0].loan_balance" in offer.missing  # type: ignore[attr-defined]
    assert offer.figures["equity_is_a_lower_bound"] is True  # type: ignore[attr-defined]
    # the same bound decides when it already reaches the balance
    assert run(equity=inputs, balance=D("3000"))[Option.OFFER_IN_COMPROMISE].eligibility is Eligibility.NOT_ELIGIBLE  # type: ignore[attr-defined]


@given(st.dates(date(2000, 1, 1), date(2040, 12, 31)), st.integers(-60, 6000))
def test_months_until_counts_every_payment_date_on_or_before_the_end(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    months = months_until(start, end)
    # the definition: month ``months`` is on or before the end, month ``months + 1`` is after it
    assert months >= 0
    assert months == 0 or add_months(start, months) <= end
    assert add_months(start, months + 1) > end


# ---------------------------------------------------------------- figures kept per period of the Law bundle


def _fresh_bundle() -> object:
    from levynav import lawbook

    return dataclasses.replace(lawbook.packaged(), index={})  # the same law, nothing looked up yet


def test_a_figure_kept_from_another_date_is_the_figure_in_force_on_each_date() -> None:
    """``Params`` keeps each value for the period between two dates on which some parameter changes: looked up
    first on the day before a change, it still gives the new value from the day of the change."""
    from levynav.core import lawdata

    pid = "alt.ia_fee.online_other"  # 149, then 130 from 2022-08-25, then 69 from 2024-07-01
    change = date(2024, 7, 1)
    with lawdata.using(_fresh_bundle()):  # type: ignore[arg-type]
        for day in (change - timedelta(days=1), change, change + timedelta(days=1), date(2022, 8, 25)):
            assert Params(day).use(pid) == params.use(pid, day)
        assert Params(change - timedelta(days=1)).amount(pid) == D(130)
        assert Params(change).amount(pid) == D(69)


def test_fee_lines_kept_from_another_date_list_their_figures_in_the_same_order() -> None:
    """The fee lines of a long-term agreement are worked out once per period; an analysis that reuses them still
    lists the figures it used (unverified values, each option's parameters) in the order a fresh one does."""
    from levynav.core import lawdata

    first, second = date(2026, 3, 2), date(2026, 5, 11)  # no parameter changes between them

    def summary(day: date) -> list[object]:
        result = collection_alternatives(dataclasses.replace(BASE, as_of=day))
        return [
            [u.id for u in result.unverified],
            [u.id for u in result.missing_values],
            [
                (o.option, [u.id for u in o.params], [(f.method, f.amount, f.notes) for f in o.fees])
                for o in result.options
            ],
        ]

    with lawdata.using(_fresh_bundle()):  # type: ignore[arg-type]
        cold = summary(second)
    with lawdata.using(_fresh_bundle()):  # type: ignore[arg-type]
        summary(first)
        warm = summary(second)
    assert warm == cold
    assert any(fees for _, _, fees in cold[2])  # fee lines were weighed


def test_agreement_fee_relief_tests_adjusted_gross_income_only() -> None:
    """26 U.S.C. § 6159(f)(2): the installment-agreement fee is waived or reimbursed on adjusted gross income alone;
    household gross monthly income x 12 qualifies the offer (Form 656 Section 1) but not the agreement's fee."""
    low_monthly = {"adjusted_gross_income": D("70000"), "gross_monthly_income": D("3000")}
    options = run(**low_monthly)
    keys = [m.key for f in options[Option.SIMPLE_PAYMENT_PLAN].fees for m in f.notes]  # type: ignore[attr-defined]
    assert not [k for k in keys if k.startswith("finances.fee.low_income")]
    offer = options[Option.OFFER_IN_COMPROMISE]
    assert [m.key for m in offer.fees[0].notes] == ["finances.fee.no_fee_low_income"]  # type: ignore[attr-defined]
    unknown_agi = run(adjusted_gross_income=None, gross_monthly_income=D("3000"))
    keys = [m.key for f in unknown_agi[Option.GUARANTEED_IA].fees for m in f.notes]  # type: ignore[attr-defined]
    assert not [k for k in keys if k.startswith("finances.fee.low_income")]
    both_low = run(adjusted_gross_income=D("40000"), gross_monthly_income=D("3000"))
    keys = [m.key for f in both_low[Option.SIMPLE_PAYMENT_PLAN].fees for m in f.notes]  # type: ignore[attr-defined]
    assert "finances.fee.low_income_waived" in keys
