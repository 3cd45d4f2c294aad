"""An amount larger than a case can hold (MAX_AMOUNT, 999,999,999,999.99) in a transcript is not read as an amount:
thirty digits made `levynav transcript` a traceback (Babel's rounding past Decimal's 28 digits) and put the
model's raw error text, with the values and a web address, into the record. One limit for the case model, the
transcript reader and the notice reader (core/model/limits.py)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from levynav.core.model import limits
from levynav.core.model.money import Money
from levynav.explain import format as fmt
from levynav.intake import notice_fields
from levynav.intake.transcript_parse import parse_amount
from tests.helpers import run_cli

SAMPLE = Path(__file__).parent / "data" / "transcripts" / "client_1040_2017.txt"
THIRTY = "999,999,999,999,999,999,999,999,999,999.00"


def _hostile_transcript(tmp_path: Path) -> Path:
    text = SAMPLE.read_text().replace("8,083.18", THIRTY).replace("-$400.00", f"-${THIRTY}")
    path = tmp_path / "t.txt"
    path.write_text(text)
    return path


@pytest.mark.parametrize("fmt_", ["text", "json"])
def test_a_thirty_digit_amount_in_a_transcript_is_not_read(tmp_path: Path, fmt_: str) -> None:
    code, out, err = run_cli("transcript", str(_hostile_transcript(tmp_path)), "--format", fmt_)
    assert code == 0, err
    assert "Traceback" not in out + err
    assert "errors.pydantic.dev" not in out and "validation error" not in out
    if fmt_ == "json":
        record = json.loads(out)
        text = json.dumps(record)
        assert '"999999999999999999' not in text and '"-999999999999999999' not in text  # never read as a figure
        assert "E+" not in text  # no amount read and summed as a float-like figure


def test_the_limit_is_one_for_the_model_and_the_readers() -> None:
    assert Decimal("999999999999.99") == limits.MAX_AMOUNT
    assert notice_fields.MAX_AMOUNT is limits.MAX_AMOUNT
    assert parse_amount("$999,999,999,999.99") == limits.MAX_AMOUNT
    assert parse_amount("-$999,999,999,999.99") == -limits.MAX_AMOUNT
    assert parse_amount("$1,000,000,000,000.00") is None
    assert parse_amount(THIRTY) is None

    class Holder(BaseModel):
        amount: Money

    assert Holder(amount=limits.MAX_AMOUNT).amount == limits.MAX_AMOUNT
    with pytest.raises(ValidationError):
        Holder(amount=Decimal("1000000000000"))


def test_money_words_hold_any_figure() -> None:
    assert fmt.money(Decimal("-" + THIRTY.replace(",", "")), "en").startswith("\u2212$999,999")
    assert fmt.money(Decimal("1E+40"), "es").endswith(".00")


def test_facts_a_case_refuses_are_named_by_field_without_the_model_text() -> None:
    from levynav.intake.transcript import _reason

    class Holder(BaseModel):
        amount: Money

    with pytest.raises(ValidationError) as caught:
        Holder(amount=Decimal("-5"))
    reason = _reason(caught.value)
    assert reason.startswith("amount: ") and "pydantic" not in reason and "-5" not in reason, reason
