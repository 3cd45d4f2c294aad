"""The one runner for every scenario file (see tests/scenario_runner.py for the format)."""

from __future__ import annotations

from datetime import date as date_type
from decimal import Decimal, InvalidOperation
from typing import Any

import pytest

from levynav import analyze
from levynav.core.model.analysis import Analysis, Finding, ListArg, Message, MessageArg, SentencesArg
from levynav.explain.render import english
from levynav.intake.load import CaseError, case_from_data
from tests.scenario_runner import (
    CSED_KEYS,
    DEADLINE_KEYS,
    EXPECT_KEYS,
    EXPENSE_LINE_KEYS,
    FINDING_KEYS,
    OPTION_KEYS,
    PLAN_FIRST_KEYS,
    SUMMARY_KEYS,
    as_date,
    discover,
)

CASES = discover()


def _matches(f: Finding, want: dict[str, Any]) -> bool:
    if f.rule != want["rule"]:
        return False
    if "subject" in want and f.subject != want["subject"]:
        return False
    if "outcome" in want and f.outcome.value != want["outcome"]:
        return False
    if "effect" in want and (f.effect.value if f.effect else None) != want["effect"]:
        return False
    if "missing" in want and not set(want["missing"]) <= set(f.missing):
        return False
    if "not_missing" in want and set(want["not_missing"]) & set(f.missing):
        return False
    if "value" in want and not _same_value(f.value, want["value"]):
        return False
    if "condition" in want and f.condition != want["condition"]:
        return False
    if "message" in want and f.message_key != want["message"]:
        return False
    # a value as in ``says``: a nested message as a dict {key, ARG: value}, a list by its items
    return all(
        name in f.message.args and _arg_is(f.message.args[name], value)
        for name, value in (want.get("args") or {}).items()
    )


def _says(got: Message, want: dict[str, Any]) -> bool:
    """A message of the record against the scenario's ``{key, ARG: value}`` — words are the catalogs', so a
    scenario names the message and its values (a nested message as a dict, an enumeration label by its value)."""
    if got.key != want["key"]:
        return False
    return all(name in got.args and _arg_is(got.args[name], value) for name, value in want.items() if name != "key")


def _arg_is(got: Any, want: Any) -> bool:
    if isinstance(got, MessageArg):
        return isinstance(want, dict) and _says(got.value, want)
    if isinstance(got, ListArg):
        return isinstance(want, list) and all(any(_arg_is(g, w) for g in got.value) for w in want)
    if isinstance(got, SentencesArg):  # whole sentences: each wanted {key, ARG: value} is one of them; [] is none
        if not (isinstance(want, list) and all(isinstance(w, dict) for w in want)):
            return False
        return all(any(_says(g, w) for g in got.value) for w in want) and (bool(want) or not got.value)
    return _same_arg(got.value, want)


def _same_arg(got: Any, want: Any) -> bool:
    """A message value against the scenario's: dates as dates, amounts as numbers, the rest as text."""
    if isinstance(got, date_type):
        return got == as_date(want)
    return _same_value(got, want)


def _same_value(got: Any, want: Any) -> bool:
    """Amounts compare as numbers (1300 == 1300.00); anything else as text."""
    try:
        return Decimal(str(got)) == Decimal(str(want))
    except (InvalidOperation, ValueError):
        return str(got) == str(want)


def _tree(a: Analysis, rule: str) -> str:
    found = [f for f in a.findings if f.rule == rule]
    if not found:
        return f"no finding for {rule}"
    return "\n".join(
        f"  {f.subject}: {f.outcome.value} {f.effect} missing={f.missing} value={f.value} message={f.message_key}"
        for f in found
    )


@pytest.mark.parametrize(("name", "scenario"), CASES, ids=[c[0] for c in CASES])
def test_scenario(name: str, scenario: dict[str, Any]) -> None:
    if "error" in scenario:
        with pytest.raises(CaseError) as err:
            case_from_data(scenario["case"])
        assert any(scenario["error"] in p for p in err.value.problems), err.value.problems
        return
    case = case_from_data(scenario["case"])
    result = analyze(case, as_date(scenario["as_of"]))
    expect = scenario["expect"]
    assert set(expect) <= EXPECT_KEYS, f"unknown expect keys {set(expect) - EXPECT_KEYS}"
    for want in expect.get("findings", []):
        assert set(want) <= FINDING_KEYS, f"unknown finding keys {set(want) - FINDING_KEYS}"
        assert any(_matches(f, want) for f in result.findings), f"expected {want}\ngot:\n{_tree(result, want['rule'])}"
    for want in expect.get("deadlines", []):
        assert set(want) <= DEADLINE_KEYS, f"unknown deadline keys {set(want) - DEADLINE_KEYS}"
        got = [d for d in result.deadlines if d.id == want["id"]]
        if "subject" in want:
            got = [d for d in got if d.subject == want["subject"]]
        assert got, f"no deadline {want['id']}; have {[d.id for d in result.deadlines]}"
        if "date" in want:
            assert any(d.date == as_date(want["date"]) for d in got), f"{want}: got {[str(d.date) for d in got]}"
        if "days_left" in want:
            assert any(d.days_left == want["days_left"] for d in got), f"{want}: got {[d.days_left for d in got]}"
        if "passed" in want:
            assert any(d.passed == want["passed"] for d in got), f"{want}: got {[d.passed for d in got]}"
        if "says" in want:
            keys = [[m.key for m in d.computation] for d in got]
            assert any(want["says"] in k for k in keys), f"{want}: got {keys}"
        if "not_says" in want:
            keys = [[m.key for m in d.computation] for d in got]
            assert all(want["not_says"] not in k for k in keys), f"{want}: got {keys}"
        if "still_open" in want:
            assert any(d.still_open == want["still_open"] for d in got), f"{want}: got {[d.still_open for d in got]}"
        if "alternative_date" in want and want["alternative_date"] is None:  # null: no other date beside it
            assert any(d.alternative_date is None for d in got), f"{want}: got {[d.alternative_date for d in got]}"
        elif "alternative_date" in want:
            alt = as_date(want["alternative_date"])
            assert any(d.alternative_date == alt for d in got), f"{want}: got {[d.alternative_date for d in got]}"
    for rule in expect.get("no_findings", []):
        assert not result.findings_for(rule), f"{rule} should give no finding:\n{_tree(result, rule)}"
    for did in expect.get("no_deadlines", []):
        assert not [d for d in result.deadlines if d.id == did], f"deadline {did} should not be there"
    for form in expect.get("plan_forms", []):
        assert any(form in s.forms for s in result.plan), f"no plan step with form {form}"
    for want in expect.get("collection_statute", []):
        assert set(want) <= CSED_KEYS, f"unknown collection_statute keys {set(want) - CSED_KEYS}"
        got = [c for c in result.collection_statute if c.period == want["period"]]
        assert got, f"no CSED for {want['period']}"
        c = got[0]
        if "date" in want:
            assert c.date == as_date(want["date"]), f"{want}: got {c.date}"
        if "alternative" in want:
            alt = None if want["alternative"] is None else as_date(want["alternative"])
            assert c.alternative == alt, f"{want}: got {c.alternative}"
        if "says" in want:
            assert any(_says(m, want["says"]) for m in c.explanation), f"{want}: got {c.explanation}"
    for rule in expect.get("plan_rules", []):
        assert any(rule in s.rules for s in result.plan), f"no plan step for {rule}: {[s.rules for s in result.plan]}"
    for rule in expect.get("no_plan_rules", []):
        assert not any(rule in s.rules for s in result.plan), f"a plan step for {rule}:\n{_plan(result)}"
    for want in expect.get("summary", []):
        assert set(want) <= SUMMARY_KEYS, f"unknown summary keys {set(want) - SUMMARY_KEYS}"
        assert any(
            all(str(getattr(item, k)) == str(v) if k != "rules" else set(v) <= set(item.rules) for k, v in want.items())
            for item in result.summary
        ), f"{want} not in summary {result.summary}"
    if "plan_first_rule" in expect:
        first = result.plan[0].rules if result.plan else []
        assert expect["plan_first_rule"] in first, f"first step is for {first}: {[s.rules for s in result.plan]}"
    for path in expect.get("questions", []):
        assert any(q.path == path for q in result.questions), f"no question for {path}"
    for path in expect.get("no_questions", []):  # a fact answered (or not needed) is not asked
        assert all(q.path != path for q in result.questions), f"still asks {path}"
    if "plan_first" in expect:
        check_plan_first(result, expect["plan_first"])
    for want in expect.get("plan_steps", []):
        check_plan_step(result, want)
    if expect.get("plan_no_duplicates"):
        check_no_duplicates(result)
    for want in expect.get("options", []):
        _check_option(result, want)
    record = result.finances.model_dump(mode="json") if result.finances else {}  # the section as the JSON holds it
    lines = {ln["key"]: ln for ln in (record.get("expenses") or {}).get("lines", [])}
    for want in expect.get("expense_lines", []):
        assert set(want) <= EXPENSE_LINE_KEYS, f"unknown expense line keys {set(want) - EXPENSE_LINE_KEYS}"
        got = lines.get(want["key"])
        assert got is not None, f"no expense line {want['key']}; have {sorted(lines)}"
        if "allowed" in want:
            assert _same_value(got["allowed"], want["allowed"]), f"{want['key']}: {got}"
        assert set(want.get("missing", [])) <= set(got["missing"]), f"{want['key']}: {got['missing']}"
        if "says" in want:
            notes = [Message.model_validate(n) for n in got["notes"]]
            assert any(_says(n, want["says"]) for n in notes), f"{want['key']}: {got['notes']}"
    for key in expect.get("no_expense_lines", []):
        assert key not in lines, f"expense line {key} should not be there"


def _plan(a: Analysis) -> str:
    return "\n".join(f"  {s.order}. {s.text.key} rules={s.rules} forms={s.forms}" for s in a.plan)


def check_plan_first(result: Analysis, want: dict[str, Any]) -> None:
    assert set(want) <= PLAN_FIRST_KEYS, f"unknown plan_first keys {set(want) - PLAN_FIRST_KEYS}"
    assert result.plan, "the plan is empty"
    first = result.plan[0]
    if "rule" in want:
        assert want["rule"] in first.rules, f"first step should be {want['rule']}; plan:\n{_plan(result)}"
    if "form" in want:
        assert str(want["form"]) in first.forms, f"first step's forms lack {want['form']}:\n{_plan(result)}"
    if "text" in want:  # the situation the first step was made for, by its text key
        assert first.text.key == want["text"], f"first step's text is {first.text.key}:\n{_plan(result)}"
    if "by" in want:  # the day the first step is due by (null: no day)
        assert str(first.by_date) == str(want["by"]), f"first step due by {first.by_date}:\n{_plan(result)}"


def check_plan_step(result: Analysis, want: dict[str, Any]) -> None:
    """Some step of the plan is for ``rule``, made from the text ``text`` and due by ``by`` (null: no day)."""
    assert set(want) <= PLAN_FIRST_KEYS - {"form"}, f"unknown plan_steps keys {set(want) - PLAN_FIRST_KEYS}"
    assert any(
        ("rule" not in want or want["rule"] in s.rules)
        and ("text" not in want or s.text.key == want["text"])
        and ("by" not in want or str(s.by_date) == str(want["by"]))
        for s in result.plan
    ), f"no step {want}:\n{_plan(result)}"


def check_no_duplicates(result: Analysis) -> None:
    rules = [r for s in result.plan for r in s.rules]
    assert len(rules) == len(set(rules)), f"a rule in two steps:\n{_plan(result)}"
    view = english(result)  # the same words twice would read as the same step twice
    for attr in ("title", "action"):
        values = [getattr(s, attr) for s in view.plan]
        assert len(values) == len(set(values)), f"two steps with the same {attr}:\n{_plan(result)}"
    for s in view.plan:
        items = [" ".join(h.split()).casefold() for h in s.have_ready]
        assert len(items) == len(set(items)), f"step {s.order} lists an item twice: {s.have_ready}"


def _check_option(result: Analysis, want: dict[str, Any]) -> None:
    assert set(want) <= OPTION_KEYS, f"unknown option keys {set(want) - OPTION_KEYS}"
    section = (result.finances.model_dump(mode="json") if result.finances else {}).get("options") or {}
    assert section.get("available"), f"no payment options: {section.get('reason') or result.finances}"
    got = next((o for o in section["options"] if o["option"] == want["option"]), None)
    assert got is not None, f"no option {want['option']}"
    shown = f"{want['option']}: {got['eligibility']} missing={got['missing']} reasons={got['reasons']}"
    if "eligibility" in want:
        assert got["eligibility"] == want["eligibility"], shown
    if "missing" in want:
        assert set(want["missing"]) <= set(got["missing"]), shown
    if "monthly_payment" in want:
        assert _same_value(got["monthly_payment"], want["monthly_payment"]), f"{shown} payment={got['monthly_payment']}"
    for name, value in (want.get("figures") or {}).items():
        assert _same_value(got["figures"].get(name), value), f"{want['option']} {name}: {got['figures']}"
    if "says" in want:
        said = [*got["reasons"], *got["notes"], *([got["levy_note"]] if got["levy_note"] else [])]
        said_ = [Message.model_validate(m) for m in said]
        assert any(_says(m, want["says"]) for m in said_), f"{shown}\nnotes={got['notes']}"
