"""Transcript scenarios: account transcript text in, CSED dates and reading problems out.

Each ``tests/transcript_scenarios/*.yaml`` holds a list of scenarios::

    - name: A sentence stating the legal point, with its source.
      as_of: 2026-12-01
      transcript: |                  # the rows after the header; a text without "TAX PERIOD" gets HEADER before it
        520   Bankruptcy petition cc 61   20191705  02-01-2019   $0.00
      expect:
        cseds: [{period: 1040-2015, assessed: 2016-05-09, date: 2027-03-08, provisional: false, days: 303}]
        problems: [{key: start_again, line: 7, args: {day: 2019-02-01}}]   # transcript.problem.<key>, values by subset
        no_problems: [cdp_inferred]
        legal_actions: [{kind: bankruptcy, closing_code: 61, end_date: 2019-06-01}]   # each a subset of one record
        offers: [...]                  # likewise
        installment_agreements: [...]  # likewise

Expectations are language-free (message keys and typed values), and the dates are worked out by hand in each
scenario's comment from the primary source it names, so a wrong engine cannot agree with itself.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from levynav.core.calc.csed import case_csed
from levynav.core.model.case import Case, Taxpayer, TaxpayerKind
from levynav.core.model.message import Message
from levynav.intake.transcript_case import merge, transcript_facts
from levynav.intake.transcript_parse import parse_transcripts

FILES = Path(__file__).parent / "transcript_scenarios"
HEADER = """FORM NUMBER:  1040
TAX PERIOD:   Dec. 31, 2015
** TRANSACTIONS **
CODE  EXPLANATION OF TRANSACTION                 CYCLE     DATE         AMOUNT
150   Tax return filed                           20161705  05-09-2016   $8,950.00
"""
TOP = {"name", "as_of", "transcript", "expect"}
EXPECT = {"cseds", "problems", "no_problems", "legal_actions", "offers", "installment_agreements"}


def _discover() -> list[Any]:
    out = []
    for file in sorted(FILES.glob("*.yaml")):
        for i, item in enumerate(yaml.safe_load(file.read_text(encoding="utf-8")) or []):
            assert set(item) <= TOP and set(item["expect"]) <= EXPECT, f"{file.name} #{i}: unknown keys"
            out.append(pytest.param(item, id=f"{file.stem}::{i}::{item['name'][:50]}"))
    return out


def _plain(value: Any) -> Any:
    """A message argument as the scenario writes it: a date, a number or a text."""
    inner = getattr(value, "value", value)
    if isinstance(inner, Message):
        return inner.key
    return inner


def _problems(messages: list[Message]) -> list[tuple[str, int | None, dict[str, Any]]]:
    out = []
    for m in messages:
        line = m.args.get("line")
        what = m.args["what"].value  # type: ignore[union-attr]
        assert isinstance(what, Message)
        out.append(
            (
                what.key.removeprefix("transcript.problem."),
                None if line is None else int(_plain(line)),
                {k: _plain(v) for k, v in what.args.items()},
            )
        )
    return out


def _subset(want: dict[str, Any], got: dict[str, Any]) -> bool:
    return all(str(got.get(k)) == str(v) for k, v in want.items())


@pytest.mark.parametrize("item", _discover())
def test_transcript_scenario(item: dict[str, Any]) -> None:
    text = item["transcript"]
    if "TAX PERIOD" not in text:
        text = HEADER + text
    as_of = item["as_of"] if isinstance(item["as_of"], date) else date.fromisoformat(item["as_of"])
    facts = transcript_facts(parse_transcripts(text))  # the Law bundle: installed for every test (conftest)
    case = merge(Case(taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL)), facts)
    cseds = case_csed(case, as_of, facts.codes)
    expect = item["expect"]
    problems = _problems(facts.problems)
    for want in expect.get("cseds", []):
        rows = [a for a in cseds[want["period"]].assessments if a.assessed == want["assessed"]]
        assert rows, f"no assessment of {want['assessed']} in {want['period']}"
        a = rows[0]
        if "date" in want:
            assert a.date == want["date"], (a.date, [(s.source, s.start, s.end) for s in a.counted])
        if "provisional" in want:
            assert a.provisional is want["provisional"]
        if "days" in want:
            assert a.suspended_days == want["days"]
    for want in expect.get("problems", []):
        assert any(
            key == want["key"]
            and ("line" not in want or line == want["line"])
            and all(str(args.get(k)) == str(v) for k, v in want.get("args", {}).items())
            for key, line, args in problems
        ), (want, problems)
    for key in expect.get("no_problems", []):
        assert key not in {k for k, _, _ in problems}, problems
    for name in ("legal_actions", "offers", "installment_agreements"):
        got = [dict(x) for x in getattr(facts, name)]
        if name in expect and not expect[name]:
            assert got == [], got
        for want in expect.get(name, []):
            assert any(_subset(want, g) for g in got), (want, got)
