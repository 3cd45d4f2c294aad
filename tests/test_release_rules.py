"""Unit tests of the mandatory-release rules that scenario files cannot reach (a computed hardship in the
context) and of the release data files (messages, citations, plan steps, questions, parameters)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from levynav.core import params
from levynav.core.law import registry, release
from levynav.core.law.release_grounds import wage_levy_not_collectible
from levynav.core.law.release_hardship import economic_hardship, hardship_measure, unfiled_returns_no_bar
from levynav.core.law.rule import Context, Decided
from levynav.core.model.analysis import Effect, Outcome, ParamUse
from levynav.core.model.case import Case
from levynav.core.plan import ACTION_EFFECTS
from levynav.explain.render import text
from levynav.lawbook import datafiles

AS_OF = date(2026, 3, 1)
LAW = Path(release.__file__).parent
SCENARIOS = Path(__file__).parent / "scenarios" / "release"
STANDARD = ParamUse(
    id="test.standard", value=Decimal("2900"), unit="usd", effective_from=date(2025, 4, 21), source="test", status="V"
)


def _case(kind: str = "individual", levy: str = "wages", **circumstances: object) -> Case:
    return Case.model_validate(
        {
            "taxpayer": {"kind": kind},
            "levies": [{"kind": levy, "served_date": date(2026, 2, 1)}],
            "circumstances": circumstances,
        }
    )


def _computed(outcome: Outcome, missing: tuple[str, ...] = ()) -> Decided:
    return Decided(
        outcome=outcome,
        explanation="Your income after the levy is below the allowable living expenses.",
        figures={"monthly_income": Decimal("2100"), "allowable_expenses": Decimal("2900")},
        missing=missing,
        parameters=(STANDARD,),
    )


def test_computed_hardship_applies_and_shows_the_figures() -> None:
    ctx = Context(as_of=AS_OF, hardship=_computed(Outcome.APPLIES))
    (f,) = economic_hardship(_case(), ctx)
    assert f.outcome is Outcome.APPLIES
    assert f.effect is Effect.MUST_RELEASE
    assert "monthly income: $2,100.00" in text(f.message, "en")
    assert "allowable expenses: $2,900.00" in text(f.message, "en")
    assert "below the allowable living expenses" in text(f.message, "en")
    assert [p.id for p in f.parameters] == ["test.standard"]


def test_computed_no_hardship_wins_over_a_stated_hardship() -> None:
    ctx = Context(as_of=AS_OF, hardship=_computed(Outcome.DOES_NOT_APPLY))
    (f,) = economic_hardship(_case(economic_hardship=True), ctx)
    assert f.outcome is Outcome.DOES_NOT_APPLY
    assert "special circumstances" in text(f.message, "en")
    assert unfiled_returns_no_bar(_case(economic_hardship=True, unfiled_returns=True), ctx)[0].outcome is (
        Outcome.NOT_APPLICABLE
    )


def test_undecided_calculation_falls_back_to_the_stated_fact() -> None:
    ctx = Context(as_of=AS_OF, hardship=_computed(Outcome.UNKNOWN, missing=("finances.income",)))
    (f,) = economic_hardship(_case(economic_hardship=True), ctx)
    assert f.outcome is Outcome.APPLIES
    assert f.facts[0].path == "circumstances.economic_hardship"


def test_undecided_calculation_and_no_stated_fact_asks_for_both() -> None:
    ctx = Context(as_of=AS_OF, hardship=_computed(Outcome.UNKNOWN, missing=("finances.income",)))
    (f,) = economic_hardship(_case(), ctx)
    assert f.outcome is Outcome.UNKNOWN
    assert f.missing == ["circumstances.economic_hardship", "finances.income"]
    assert hardship_measure(_case(), ctx)[0].outcome is Outcome.APPLIES


def test_business_is_not_applicable_even_with_computed_hardship() -> None:
    ctx = Context(as_of=AS_OF, hardship=_computed(Outcome.APPLIES))
    (f,) = economic_hardship(_case(kind="business", levy="bank"), ctx)
    assert f.outcome is Outcome.NOT_APPLICABLE
    assert "Seminole" in text(f.message, "en")
    assert {c.id for c in f.citations} >= {"R6343-A4", "R6343-A4-ENTITY"}


@pytest.mark.parametrize(
    ("served", "outcome"),
    [
        (date(1998, 7, 21), Outcome.DOES_NOT_APPLY),  # before the parameter has any value
        (date(1999, 12, 31), Outcome.DOES_NOT_APPLY),  # last day not covered
        (date(2000, 1, 1), Outcome.APPLIES),  # first day covered
    ],
)
def test_wage_levy_not_collectible_effective_date(served: date, outcome: Outcome) -> None:
    case = Case.model_validate(
        {
            "taxpayer": {"kind": "individual"},
            "levies": [{"kind": "wages", "served_date": served}],
            "circumstances": {"irs_agreed_not_collectible": True},
        }
    )
    (f,) = wage_levy_not_collectible(case, Context(as_of=AS_OF))
    assert f.outcome is outcome
    if outcome is Outcome.APPLIES:
        assert f.parameters[0].effective_from == date(2000, 1, 1)
    else:
        assert "January 1, 2000" in text(f.message, "en")


def test_effective_date_parameter_values() -> None:
    pid = "release.cnc_wage_levy_release_in_force"
    assert params.use(pid, on=date(1999, 12, 31)).value == 0
    assert params.use(pid, on=date(2000, 1, 1)).value == 1
    with pytest.raises(params.MissingParameter):
        params.use(pid, on=date(1998, 7, 21))


def _rule_constants() -> dict[str, tuple[str, ...]]:
    """Rule id -> citation ids, read from the Rule constants of the release modules."""
    from levynav.core.law import release_grounds, release_hardship, release_info

    out: dict[str, tuple[str, ...]] = {}
    for module in (release, release_grounds, release_hardship, release_info):
        for value in vars(module).values():
            if value.__class__.__name__ == "Rule":
                out[value.id] = out.get(value.id, ()) + tuple(value.cites)
    return out


def test_every_rule_citation_is_in_the_registry() -> None:
    for rule_id, cites in _rule_constants().items():
        assert cites, rule_id
        for cite in cites:
            assert registry.cite(cite).status in {"V", "S", "U"}, (rule_id, cite)


def test_every_rule_renders_on_every_scenario_case_and_context() -> None:
    """Each finding renders its message (a missing key raises) whatever the hardship context is."""
    contexts = [Context(AS_OF)] + [Context(AS_OF, hardship=_computed(o)) for o in Outcome]
    rendered = 0
    for file in SCENARIOS.glob("*.yaml"):
        for item in yaml.safe_load(file.read_text(encoding="utf-8")):
            if "case" not in item or "error" in item:
                continue
            case = Case.model_validate(item["case"])
            for ctx in contexts:
                for rule in release.RULES:
                    rendered += sum(1 for f in rule(case, ctx) if text(f.message, "en"))
    assert rendered > 500


def test_every_rule_is_tested_by_a_scenario_in_every_outcome_it_can_give() -> None:
    seen: dict[str, set[str]] = {}
    for file in SCENARIOS.glob("*.yaml"):
        for item in yaml.safe_load(file.read_text(encoding="utf-8")):
            for want in item.get("expect", {}).get("findings", []):
                seen.setdefault(want["rule"], set()).add(want.get("outcome", ""))
    for rule_id in _rule_constants():
        assert rule_id in seen, f"{rule_id} has no scenario"
        assert "not_applicable" in seen[rule_id] or rule_id == "R6343-A1", rule_id
        assert "applies" in seen[rule_id], rule_id


def test_action_rules_have_plan_steps_and_info_rules_do_not_need_them() -> None:
    steps = datafiles.merged_mapping("plan")
    for rule_id in _rule_constants():
        effect = next(
            r.effect for m in _modules() for r in vars(m).values() if r.__class__.__name__ == "Rule" and r.id == rule_id
        )
        if effect in ACTION_EFFECTS:
            step = steps[rule_id]
            assert step["title"] and step["action"] and step["have_ready"], rule_id
    hardship = steps["R6343-A4"]
    assert "433-F" in hardship["form"] and "668-D" in hardship["action"]


def _modules() -> tuple[object, ...]:
    from levynav.core.law import release_grounds, release_hardship, release_info

    return (release, release_grounds, release_hardship, release_info)


def test_missing_paths_of_release_rules_have_prompts() -> None:
    questions = datafiles.merged_mapping("questions")
    shared = {"levies[].served_date", "tax_periods[].balance", "tax_periods[].csed"}  # asked by other modules too
    case = Case.model_validate({"taxpayer": {"kind": "individual"}, "levies": [{"kind": "other_property"}]})
    paths = {
        re.sub(r"\[\d+\]", "[]", p) for rule in release.RULES for f in rule(case, Context(AS_OF)) for p in f.missing
    }
    assert paths, "expected unknowns"
    assert paths - shared <= set(questions), paths - shared - set(questions)


def test_no_day_count_for_the_release_decision_is_encoded() -> None:
    text = (LAW / "release_info.py").read_text(encoding="utf-8") + (LAW / "release_grounds.py").read_text(
        encoding="utf-8"
    )
    assert not re.search(r"\b\d+\s*(business\s+)?days?\b", text)


def test_release_modules_stay_small() -> None:
    for path in LAW.glob("release*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, path.name
