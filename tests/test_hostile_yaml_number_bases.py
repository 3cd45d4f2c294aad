"""A whole number in a YAML case is the decimal it writes, never a number in another base.

YAML 1.1, which the safe loader follows, read ``housing: 01150`` as the octal 616 (the person's $1,150 rent became
$616 in the finances without a word), ``0x47e`` and ``0b101`` as hexadecimal and binary, ``19:10`` as the base-60
1150 and ``1:30.5`` as 90.5. Such a scalar is now the text it is: the model reads ``01150`` as 1150 where it wants
an amount or a count, keeps ``04013`` whole where it wants text, and refuses the other bases by their field.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levynav.intake.bounded_parse import parse_yaml
from levynav.intake.load import CaseError, load_case

CASE = """taxpayer: {{kind: individual, county_fips: {fips}}}
circumstances: {{household_size: {size}}}
levies:
  - {{kind: bank, served_date: 2026-02-10, amount: {amount}}}
"""


@pytest.mark.parametrize(
    ("written", "read"),
    [("01150", Decimal(1150)), ("0_750", Decimal(750)), ("1_150", Decimal(1150)), ("00", Decimal(0))],
)
def test_an_amount_with_a_leading_zero_is_the_decimal_it_writes(tmp_path: Path, written: str, read: Decimal) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(fips='"04013"', size=2, amount=written), encoding="utf-8")
    assert load_case(path).levies[0].amount == read


def test_a_code_with_a_leading_zero_is_kept_whole_and_a_count_is_decimal(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(fips="04013", size="010", amount=1), encoding="utf-8")
    case = load_case(path)
    assert case.taxpayer.county_fips == "04013"  # was the octal 2059, refused as not five digits
    assert case.circumstances.household_size == 10  # was 8


@pytest.mark.parametrize("written", ["0x47e", "0X47E", "0b101", "0o17", "19:10", "1:30.5", "-0x1", "+19:10:00"])
def test_an_amount_in_another_base_is_refused_by_its_field(tmp_path: Path, written: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(fips='"04013"', size=2, amount=written), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(path)
    assert [p.split(": ")[0] for p in caught.value.problems] == ["levies[0].amount"]


@settings(deadline=None, max_examples=200)
@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**12).map(lambda n: "0" + format(n, "o")),
        st.integers(min_value=0, max_value=10**12).map(lambda n: "0x" + format(n, "x")),
        st.integers(min_value=0, max_value=2**27).map(lambda n: "0b" + format(n, "b")),  # within 30 digits
        st.tuples(st.integers(1, 59), st.integers(0, 59)).map(lambda t: f"{t[0]}:{t[1]:02d}"),
        st.integers(min_value=-(10**12), max_value=10**12).map(str),
    ),
    st.booleans(),
)
def test_a_plain_whole_number_is_never_read_in_another_base(written: str, as_key_value: bool) -> None:
    document = f"a: {written}" if as_key_value else f"- {written}"
    parsed = parse_yaml(document)
    value = parsed["a"] if as_key_value else parsed[0]
    digits = written.lstrip("+-")
    if digits.isdigit() and (digits == "0" or not digits.startswith("0")):
        assert value == int(written)
    else:
        assert value == written  # the text it is: the model reads it or refuses it by its field
        if digits.isdigit():
            assert Decimal(value) == Decimal(int(digits, 10)) * (-1 if written.startswith("-") else 1)
