"""Scenario files: facts in, findings/deadlines/figures out.

Each ``tests/scenarios/<area>/*.yaml`` holds a list of scenarios::

    - name: A sentence stating the legal point.
      as_of: 2025-06-01
      case: {...}                      # a Case, as in a case file
      expect:
        findings:                      # each must match at least one finding
          - {rule: R6343-A1, subject: "levies[0]", outcome: applies, effect: must_release}
          - {rule: R6343-A4, outcome: unknown, missing: ["circumstances.economic_hardship"]}
          - {rule: R6343-A5, outcome: applies, message: partial, args: {amount: "10000.00"}}  # situation, values
        deadlines:                     # each must match a deadline (id, date, optional subject/days_left)
          - {id: cdp.request, date: 2025-07-02}
        no_findings: [R6343-A3]        # rules that must produce no finding at all
        no_deadlines: [bank.hold]
        plan_first: {rule: R6343-A1}    # the plan's first step: one of its rules is this (and/or form: its form id)
        plan_forms: ["433-F"]           # form ids some plan step sends
        summary: [{kind: ask, effect: must_release, rules: [R6343-A4]}]   # headline items (kind, effect, rule ids)
        plan_no_duplicates: true        # no rule, title or action twice; each have-ready item once per step
      error: "levies[0].proceeds_sent_date"   # instead of expect: loading must fail naming this

      expect:
        options:                       # payment options (Analysis.finances.options), each matched by name
          - {option: offer_in_compromise, eligibility: eligible, missing: [...], figures: {net_realizable_equity: 0},
             monthly_payment: "416.67", says: {key: reason.rcp_at_least, lump: 1164}}   # a reason, note or levy note
        expense_lines:                 # allowable-expense lines (Analysis.finances.expenses), matched by key
          - {key: "vehicle_ownership[1]", allowed: 450, missing: [...],
             says: {key: finances.expense_note.vehicles_limited, names: ["old sedan"]}}   # one of its notes
        no_expense_lines: ["vehicle_ownership[0]"]

A sentences argument (a note) is a list of messages by key; ``[]`` asks that it hold none.
Only the keys given are compared; ``missing`` must be a subset of the finding's missing list;
``value`` is compared as a string. ``collection_statute`` items ({period, date, alternative, says}) must match a
CSED of the analysis; ``says`` is a message by key with some of its values (a nested message as a mapping, a list
by its items, an enumeration label by its value); ``plan_rules`` lists rule ids that must each have a plan step,
``no_plan_rules`` rule ids that must have none.
Expectations are language-free: rule, outcome, effect, message key and typed values, dates, ids —
never an English phrase (the words are the renderers', ``levynav.explain``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

SCENARIOS = Path(__file__).parent / "scenarios"
TOP_KEYS = {"name", "as_of", "case", "expect", "error", "notes"}
EXPECT_KEYS = {
    *("findings", "deadlines", "no_findings", "no_deadlines", "plan_forms", "questions", "no_questions", "options"),
    *("expense_lines", "no_expense_lines"),
}
EXPENSE_LINE_KEYS = {"key", "allowed", "missing", "says"}  # says: a message of its notes, {key, ARG: value}
OPTION_KEYS = {
    "option",
    "eligibility",
    "missing",
    "figures",
    "monthly_payment",
    "says",
}  # says: reasons/notes/levy note
EXPECT_KEYS |= {"plan_first", "plan_no_duplicates"}
PLAN_FIRST_KEYS = {"rule", "form", "by"}
PLAN_FIRST_KEYS |= {"text"}  # the first step's text key (``plan.RULE[.variants.KEY]``): the situation it was made for
EXPECT_KEYS |= {"no_plan_rules"}  # rule ids that must have no plan step
EXPECT_KEYS |= {"collection_statute", "plan_rules", "summary"}  # CSED dates, plan steps by rule, headline items
FINDING_KEYS = {"rule", "subject", "outcome", "effect", "missing", "value", "message", "args"}
FINDING_KEYS |= {"condition"}  # "irs_determination" or null
FINDING_KEYS |= {"not_missing"}  # paths the finding must NOT ask for (a question that has no use there)
CSED_KEYS = {"period", "date", "alternative", "says"}  # says: a clause of the timeline, {key, ARG: value}
SUMMARY_KEYS = {"kind", "effect", "rules", "deadline", "subject"}  # a headline item: kind, effect and rule ids
DEADLINE_KEYS = {"id", "date", "subject", "days_left", "passed", "alternative_date", "still_open"}
DEADLINE_KEYS |= {"says", "not_says"}  # a clause key the deadline's computation holds (or must not hold)
EXPECT_KEYS |= {"plan_first_rule"}
EXPECT_KEYS |= {"plan_steps"}  # steps that must each be in the plan: {rule, text, by} as plan_first (any step)


def discover() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for file in sorted(SCENARIOS.rglob("*.yaml")):
        items = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        for i, item in enumerate(items):
            unknown = set(item) - TOP_KEYS
            if unknown:
                raise ValueError(f"{file}: scenario {i} has unknown keys {sorted(unknown)}")
            out.append((f"{file.relative_to(SCENARIOS)}::{i}::{item['name'][:60]}", item))
    return out


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
