"""Property and fuzz tests: the transcript reader never raises, and amounts survive any printing style."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levynav.core.calc.csed import case_csed
from levynav.core.model.case import Case, Taxpayer, TaxpayerKind
from levynav.explain.transcript import problem as said
from levynav.intake.notices import read_notice_text
from levynav.intake.transcript import parse_amount, parse_transcripts
from levynav.intake.transcript_case import merge, transcript_facts

DATA = Path(__file__).parent / "data" / "transcripts"
LINES = (DATA / "tx4_1040_2021.txt").read_text(encoding="utf-8").splitlines() + (
    DATA / "client_1040_2018.txt"
).read_text(encoding="utf-8").splitlines()
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _whole_pipeline(text: str) -> None:
    found = parse_transcripts(text, "fuzz.txt")
    assert found, "the reader always returns at least one (possibly empty) transcript"
    for t in found:
        for tx in t.transactions:
            assert len(tx.code) == 3 and tx.code.isdigit()
            assert tx.amount is None or isinstance(tx.amount, Decimal)
        for p in t.problems:  # every problem the reader can report has its words in every language
            assert p.line is None or p.line >= 1
            assert said(p, "en") and said(p, "es")
    facts = transcript_facts(found)
    case = merge(Case(taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL)), facts)
    case_csed(case, date(2026, 1, 1), facts.codes)


@FAST
@given(st.text(max_size=2000))
def test_random_text_never_raises(text: str) -> None:
    _whole_pipeline(text)


@FAST
@given(st.lists(st.sampled_from(LINES), max_size=80), st.randoms(use_true_random=False))
def test_shuffled_and_repeated_transcript_lines_never_raise(lines: list[str], rnd: object) -> None:
    _whole_pipeline("\n".join(lines))


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(0, 25))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "dup", "cut", "garble", "insert", "join"]))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "dup":
            lines.insert(i, line)
        elif op == "cut" and line:
            lines[i] = line[: draw(st.integers(0, len(line)))]
        elif op == "garble" and line:
            j = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:j] + draw(st.text(min_size=1, max_size=3)) + line[j + 1 :]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=60)))
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [line + lines[i + 1]]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@FAST
@given(mutated())
def test_mutated_transcripts_never_raise(text: str) -> None:
    _whole_pipeline(text)


amounts = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2, allow_nan=False)


@FAST
@given(amounts, st.sampled_from(["dollar_minus", "minus_dollar", "paren", "trailing", "plain", "spaced"]))
def test_amounts_parse_in_every_printing_style(value: Decimal, style: str) -> None:
    body = f"{abs(value):,.2f}"
    neg = value < 0
    text = {
        "dollar_minus": ("-$" if neg else "$") + body,
        "minus_dollar": ("$-" if neg else "$") + body,
        "paren": f"(${body})" if neg else f"${body}",
        "trailing": body + ("-" if neg else ""),
        "plain": ("-" if neg else "") + body,
        "spaced": ("- $" if neg else "$") + body,
    }[style]
    assert parse_amount(text) == value


@FAST
@given(amounts)
def test_row_amounts_add_up_to_the_balance(value: Decimal) -> None:
    text = (
        "FORM NUMBER: 1040\nTAX PERIOD: Dec. 31, 2020\n"
        f"ACCOUNT BALANCE: {value + Decimal('100.00'):,.2f}\n** TRANSACTIONS **\n"
        "150   Tax return filed                20211705  05-10-2021   $100.00\n"
        f"670   Payment                         20212505  06-10-2021   {'-' if value < 0 else ''}${abs(value):,.2f}\n"
    )
    [t] = parse_transcripts(text, "x.txt")
    assert t.amount_total() == t.account_balance
    assert not any(p.what.key == "transcript.problem.sum_differs" for p in t.problems)


@pytest.mark.parametrize("control", ["\x08", "\x1b", "\x7f", "\u202e", "\x85"])
def test_a_control_character_in_a_transcript_reads_as_a_space(control: str) -> None:
    """Found by the mutation test: a backspace in the form column made a tax period id ('\\x08-2018') the case
    model refuses, and the reader raised. A document's control characters are blanked before it is read: the same
    facts as the clean text, and a case the model accepts."""
    clean = "\n".join(LINES)
    dirty = "\n".join(control + line for line in LINES)
    _whole_pipeline(dirty)
    got = merge(Case(taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL)), transcript_facts(parse_transcripts(dirty, "x")))
    want = merge(Case(taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL)), transcript_facts(parse_transcripts(clean, "x")))
    assert got.model_dump() == want.model_dump()


@pytest.mark.parametrize("control", ["\x08", "\u202e"])
def test_a_control_character_in_a_notice_reads_as_a_space(control: str) -> None:
    sample = next((DATA.parent.parent.parent / "examples" / "notices").glob("*.txt"))
    clean = sample.read_text(encoding="utf-8")
    dirty = "".join(control + line for line in clean.splitlines(keepends=True))
    assert read_notice_text(dirty, "x").model_dump() == read_notice_text(clean, "x").model_dump()
