"""The values kept on a Law bundle per key (``lawdata.kept``) stay bounded: keys made of a case's dates are as many
as an inventory's dates, and a screening worker's memory must stay flat in the number of cases (issue 12). A dict
that reaches ``KEPT_LIMIT`` is emptied and fills again; the answers are the same as with every value kept."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from levynav import lawbook
from levynav.cli.arguments import analysis_json
from levynav.core import lawdata
from levynav.core.analyze import analyze
from levynav.core.model.case import Case
from levynav.intake.load import case_from_data
from levynav.screen import generate

AS_OF = date(2026, 11, 23)


def test_a_kept_dict_never_holds_more_than_the_limit_and_keeps_the_newest_value() -> None:
    kept = lawdata.Kept()
    for n in range(lawdata.KEPT_LIMIT * 3 + 7):
        kept[n] = str(n)
        assert len(kept) <= lawdata.KEPT_LIMIT
        assert kept[n] == str(n)


def _records(law: lawdata.Law, cases: list[Case]) -> list[str]:
    return [analysis_json(analyze(case, AS_OF, law)) for case in cases]


def test_screening_many_cases_keeps_every_kept_dict_within_the_limit_and_the_answers_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Generated cases (their notices, levies and payments on many dates) under a tiny limit: every ``kept`` dict of
    the bundle stays within it, and the records are those of a bundle that kept every value."""
    cases = []
    for _case_id, data in generate.cases(150, seed=20261206):
        assert isinstance(data, dict)
        cases.append(case_from_data(data))
    packaged = lawbook.packaged()
    roomy = dataclasses.replace(packaged, index={})
    expected = _records(roomy, cases)
    grown = [name for name, value in roomy.index.items() if isinstance(value, lawdata.Kept) and len(value) > 8]
    assert grown, "the generated cases fill at least one kept dict past the small limit used below"

    monkeypatch.setattr(lawdata, "KEPT_LIMIT", 8)
    tight = dataclasses.replace(packaged, index={})
    assert _records(tight, cases) == expected
    sizes = {name: len(value) for name, value in tight.index.items() if isinstance(value, lawdata.Kept)}
    assert sizes and max(sizes.values()) <= 8, sizes


def test_the_findings_a_rule_shares_stay_within_their_limit_and_the_answers_unchanged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rule shares its plain findings (no values, facts only flags or enumeration members) across analyses; the
    store holds a case's levy indexes, so it is bounded like ``kept``: under a tiny limit every rule's store stays
    within it, and the records equal those made with the stores roomy."""
    from levynav.core.law import catalog, rule

    rules = [v for m in catalog.MODULES for v in vars(m).values() if isinstance(v, rule.Rule)]
    cases = [case_from_data(data) for _case_id, data in generate.cases(150, seed=20261207)]
    packaged = lawbook.packaged()
    expected = _records(dataclasses.replace(packaged, index={}), cases)
    shared = [len(r._cited[3]) for r in rules if r._cited is not None]
    assert shared and max(shared) > 4, "the generated cases share more findings per rule than the small limit below"

    monkeypatch.setattr(rule, "_SHARED_LIMIT", 4)
    tight = dataclasses.replace(packaged, index={})
    assert _records(tight, cases) == expected
    sizes = [len(r._cited[3]) for r in rules if r._cited is not None and r._cited[0] is tight]
    assert sizes and max(sizes) <= 4, sizes


def test_a_finding_given_its_missing_fields_as_an_iterator_keeps_them() -> None:
    """The shared-finding key reads the missing fields once: an iterator is not spent before the record is made."""
    from levynav.core.law.appeals import LIABILITY
    from levynav.core.law.rule import UNKNOWN

    with lawdata.using(lawbook.packaged()):
        made = LIABILITY.finding(UNKNOWN, "unknown", missing=iter(["periods[0].disputes_liability"]))
        again = LIABILITY.finding(UNKNOWN, "unknown", missing=iter(["periods[0].disputes_liability"]))
    assert made.missing == ["periods[0].disputes_liability"] and again is made
