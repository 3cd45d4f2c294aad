"""``decide`` is ``analyze`` without the plan: a screen without ``--with-record`` reads the flags from it.

The record ``analyze`` builds holds the decision's very findings, deadlines, statute dates and finances, so the
flags must be the same whichever is read; this checks it on every example and on generated cases at several dates,
and that a screen with the record writes the same flags as one without.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from levynav.core.analyze import analyze, decide
from levynav.core.law.deciding import decides
from levynav.core.model.case import Case
from levynav.intake.load import case_from_data, load_case
from levynav.screen import generate, run
from levynav.screen.flags import FLAG_COLUMNS, decision_flags, flags

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
DATES = (date(2024, 3, 1), date(2026, 11, 23), date(2031, 7, 4))


def _cases() -> list[Case]:
    cases = [load_case(p) for p in EXAMPLES]
    rng = random.Random(6343)
    while len(cases) < len(EXAMPLES) + 150:
        data = generate.generate_case(rng)
        data.pop("id", None)
        try:
            case = case_from_data(data)
        except ValueError:
            continue
        if not case.transcripts:
            cases.append(case)
    return cases


@pytest.mark.parametrize("as_of", DATES)
def test_the_decision_gives_the_flags_and_the_decided_parts_of_the_record(as_of: date) -> None:
    applying = households = 0
    for case in _cases():
        whole = analyze(case, as_of)
        decided = decide(case, as_of)
        assert decision_flags(decided).as_row() == flags(whole).as_row()
        assert decided.findings == whole.findings
        assert decided.deadlines == whole.deadlines
        assert decided.finances == whole.finances
        assert decided.statute_dates == [s.date for s in whole.collection_statute]
        applying += bool(decision_flags(decided).must_release or decision_flags(decided).may_release)
        # the screen's decision, without the rule functions marked @informs: the same flags, every deciding finding
        # of the full decision in the same order, and the same deadlines, finances and statute dates
        screened = decide(case, as_of, deciding_only=True)
        assert decision_flags(screened).as_row() == flags(whole).as_row()
        assert [f for f in screened.findings if decides(f)] == [f for f in whole.findings if decides(f)]
        assert len(screened.findings) < len(whole.findings)
        assert screened.deadlines == whole.deadlines
        # a household's finances: the section is not built (the flags read the picture and the options weighed);
        # otherwise (an error, a business's plans without finances, no finances) the same section or none
        if screened.ctx.picture is not None:
            assert screened.finances is None and whole.finances is not None and whole.finances.error is None
            households += 1
        else:
            assert screened.finances == whole.finances
        assert screened.statute_dates == decided.statute_dates
    assert applying > 10  # the cases reach the release grounds: the comparison is not over empty flags
    assert households > 10  # and households' finances: the disposable income and options are compared


def test_a_screen_with_the_record_writes_the_same_flags_as_one_without(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    generate.write_cases(source, 120, seed=7503, malformed_rate=0.05)
    plain = run.screen_file(source, tmp_path / "plain.parquet", run.Options(date(2026, 11, 23)))
    whole = run.screen_file(source, tmp_path / "whole.parquet", run.Options(date(2026, 11, 23), with_record=True))
    names = ["case_id", "status", *(n for n, _ in FLAG_COLUMNS)]
    a, b = pl.read_parquet(plain.table).select(names), pl.read_parquet(whole.table).select(names)
    assert a.height == 120 and a.filter(pl.col("status") == "ok").height > 100
    assert a.equals(b)
