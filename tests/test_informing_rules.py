"""The rule functions marked ``@informs`` (core/law/deciding.py; docs/adr/0017-informing-rules.md).

A screen's decision leaves them out, so a mark must be right: the full analysis checks every marked function's answer
and stops when one decides something; the flags read only what ``decides`` calls deciding.
"""

from __future__ import annotations

from datetime import date

import pytest

from levynav.core.analyze import _covered
from levynav.core.law import catalog, deciding
from levynav.core.law.release import PAID_OR_EXPIRED
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, UNKNOWN, Context
from levynav.core.model.analysis import Effect
from levynav.intake.load import case_from_data
from levynav.screen import flags


def test_the_flags_read_only_deciding_effects_and_rules() -> None:
    # every effect a flag lists by rule id, and every rule a three-valued flag reads, is deciding: a screen's decision
    # (deciding_only) keeps each finding a flag can read
    listed = {name for name, _ in flags.ID_FLAGS}
    assert listed == {name for name, kind in flags.FLAG_COLUMNS if kind == "ids"}  # every list flag is one of them
    assert {effect for _, effect in flags.ID_FLAGS} <= deciding.DECIDING_EFFECTS
    assert set(flags._THREE_VALUED) <= deciding.DECIDING_RULES
    assert {effect for _, effect in flags._THREE_VALUED.values() if effect is not None} <= deciding.DECIDING_EFFECTS


def test_marked_functions_are_rule_functions_and_deadlines_are_never_left_out() -> None:
    assert catalog.INFORMING  # some are marked
    assert set(catalog.RULES) >= catalog.INFORMING
    assert set(catalog.DECIDING) | catalog.INFORMING == set(catalog.RULES)
    assert not catalog.INFORMING & set(catalog.DEADLINES)
    # the functions whose findings a flag reads by rule id are never marked
    names = {fn.__name__ for fn in catalog.INFORMING}
    assert not names & {"premature_levy", "economic_hardship", "paid_or_statute_expired", "bankruptcy_stay"}


def test_what_decides() -> None:
    released = PAID_OR_EXPIRED.finding(APPLIES, "paid", effect=Effect.MUST_RELEASE)
    assert deciding.decides(released)
    assert deciding.decides(PAID_OR_EXPIRED.finding(UNKNOWN, "paid", effect=Effect.MUST_RELEASE))
    assert not deciding.decides(PAID_OR_EXPIRED.finding(DOES_NOT_APPLY, "paid"))
    assert not deciding.decides(PAID_OR_EXPIRED.finding(APPLIES, "paid", effect=Effect.INFO))


def test_a_marked_function_that_decides_stops_the_full_analysis() -> None:
    case = case_from_data({"taxpayer": {"kind": "individual", "state": "OH"}})

    def wrongly_marked(case: object, ctx: object) -> list[object]:
        return [PAID_OR_EXPIRED.finding(APPLIES, "paid", effect=Effect.MUST_RELEASE)]

    def rightly_marked(case: object, ctx: object) -> list[object]:
        return [PAID_OR_EXPIRED.finding(APPLIES, "paid", effect=Effect.INFO)]

    ctx = Context(as_of=date(2026, 11, 23))
    with pytest.raises(deciding.InformingRuleDecided, match=r"wrongly_marked.*R6343-A1"):
        _covered([wrongly_marked], case, ctx, [], frozenset({wrongly_marked}))
    assert len(_covered([rightly_marked], case, ctx, [], frozenset({rightly_marked}))) == 1
    # unmarked, the same answer is taken as it is
    assert len(_covered([wrongly_marked], case, ctx, [])) == 1


def test_the_test_suite_checks_the_marks() -> None:
    # tests/conftest.py turns the check on: every full analysis of every test checks the marked functions' answers
    assert deciding.CHECK_MARKS
