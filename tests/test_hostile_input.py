"""Hostile input (issue 9): each kind named in the issue, thrown at the commands that read it.

Every case: exit code 2, one line naming the field (or "(file)") and the limit, no traceback, the value
given never echoed. Large inputs are generated in tmp_path, never committed. No test here is timed:
speed is measured in bench/ (bench_notice.py, bench_scale.py).
"""

from __future__ import annotations

import json
import os
import re
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from levynav.core.model import limits
from levynav.core.model.bounded import NOT_A_NUMBER_DATE, NOT_TRUE_OR_FALSE, Bounded
from levynav.core.model.case import Case
from tests.helpers import run_cli as run

EXAMPLES = Path(__file__).parent.parent / "examples"
DEMO = EXAMPLES / "bank-levy-hardship-21-day-hold.yaml"
AS_OF = ("--as-of", "2026-11-23")

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)


def refused(path: Path, *expected: str, secret: str | None = None) -> str:
    code, out, err = run("analyze", str(path), *AS_OF)
    assert code == 2, out + err
    assert "Traceback" not in out + err
    assert out == ""
    for text in expected:
        assert text in err, err
    if secret is not None:
        assert secret not in err
    return err


def case_file(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- bounded parsing


def test_billion_laughs_is_refused_by_its_expanded_size(tmp_path: Path) -> None:
    refused(case_file(tmp_path, LAUGHS + "taxpayer: {kind: individual}\n"), "MAX_EXPANDED_NODES")


def test_billion_laughs_inside_an_enum_field_is_refused(tmp_path: Path) -> None:
    text = LAUGHS.replace("a: &a", "x: &a") + "taxpayer: {kind: *i}\n"
    refused(case_file(tmp_path, text), "MAX_EXPANDED_NODES")


def test_more_aliases_than_the_limit_are_refused(tmp_path: Path) -> None:
    aliases = ", ".join(["*k"] * (limits.MAX_ALIASES + 1))
    refused(case_file(tmp_path, f"k: &k individual\nxs: [{aliases}]\ntaxpayer: {{kind: individual}}\n"), "MAX_ALIASES")


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    text = "taxpayer: {kind: individual}\nlevies:\n  - &lv {kind: bank, id: a}\n  - {<<: *lv, id: b}\n"
    code, _, err = run("analyze", str(case_file(tmp_path, text)), *AS_OF)
    assert code == 0, err


@pytest.mark.parametrize("depth", [limits.MAX_NESTING_DEPTH + 1, 5000])
def test_deep_lists_are_refused_without_recursion(tmp_path: Path, depth: int) -> None:
    text = "taxpayer: {kind: individual}\nlevies: " + "[" * depth + "]" * depth + "\n"
    refused(case_file(tmp_path, text), "MAX_NESTING_DEPTH")


@pytest.mark.parametrize("name", ["case.yaml", "case.json"])
def test_a_hundred_thousand_open_brackets_are_refused(tmp_path: Path, name: str) -> None:
    refused(case_file(tmp_path, "[" * 100_000, name), "MAX_NESTING_DEPTH")


def test_a_deep_block_yaml_is_refused(tmp_path: Path) -> None:
    text = "".join(" " * i + "- \n" for i in range(limits.MAX_NESTING_DEPTH + 5))
    refused(case_file(tmp_path, "taxpayer: {kind: individual}\nlevies:\n" + text), "MAX_NESTING_DEPTH")


@pytest.mark.parametrize("name", ["case.yaml", "case.json"])
def test_an_integer_of_4301_digits_is_refused(tmp_path: Path, name: str) -> None:
    digits = "7" * 4301
    text = (
        f'{{"taxpayer": {{"kind": "individual"}}, "circumstances": {{"household_size": {digits}}}}}'
        if name.endswith(".json")
        else f"taxpayer: {{kind: individual}}\ncircumstances: {{household_size: {digits}}}\n"
    )
    refused(case_file(tmp_path, text, name), "MAX_INTEGER_DIGITS", secret=digits[:40])


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to the disk
    refused(path, "MAX_CASE_FILE_BYTES")


def test_one_line_of_5_mb_is_refused_by_every_reader(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text("x" * (5 * 1024 * 1024), encoding="utf-8")
    for command in ("transcript", "notice"):
        code, out, err = run(command, str(path), *AS_OF)
        assert code == 2 and "MAX_LINE_CHARS" in err and "Traceback" not in out + err
    yaml_case = case_file(tmp_path, "taxpayer: {kind: individual, name: " + "x" * 1_500_000 + "}\n")
    refused(yaml_case, "MAX_LINE_CHARS")


def test_a_duplicate_key_is_refused_with_its_path(tmp_path: Path) -> None:
    refused(
        case_file(tmp_path, "taxpayer: {kind: individual}\nlevies: [{kind: bank, kind: wages}]\n"),
        "levies[0].kind: the key is given twice",
    )
    refused(
        case_file(tmp_path, '{"taxpayer": {"kind": "individual", "kind": "business"}}', "case.json"),
        "kind: the key is given twice",
    )


# ---------------------------------------------------------------- the model


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_dates_outside_the_plausible_range_are_field_errors(tmp_path: Path, day: str) -> None:
    text = f"taxpayer: {{kind: individual, birth_date: {day}}}\nlevies: [{{kind: bank, served_date: {day}}}]\n"
    err = refused(case_file(tmp_path, text), "levies[0].served_date: is outside the plausible range")
    assert "taxpayer.birth_date: is outside the plausible range" in err


def _input_models() -> list[type[Bounded]]:
    """Every model a case is made of (the case and the models its fields hold, at any depth)."""
    seen: list[type[Bounded]] = []
    todo: list[type[Bounded]] = [Case]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.append(model)
        for info in model.model_fields.values():
            todo += [t for t in _types_in(info.annotation) if isinstance(t, type) and issubclass(t, Bounded)]
    return seen


def _types_in(annotation: object) -> list[object]:
    args = typing.get_args(annotation)
    return [t for a in args for t in _types_in(a)] if args else [annotation]


def _fields_of(kind: type) -> list[tuple[type[Bounded], str]]:
    return [
        (model, name)
        for model in _input_models()
        for name, info in model.model_fields.items()
        if kind in _types_in(info.annotation) and bool not in _types_in(info.annotation)
    ]


NUMBER_FIELDS = _fields_of(int)
DATE_FIELDS = _fields_of(date)


def _field_errors(model: type[Bounded], name: str, value: object) -> list[str]:
    try:
        model.model_validate({name: value})
    except ValidationError as exc:
        return [str(e["msg"]) for e in exc.errors() if e["loc"][:1] == (name,)]
    return []


def test_the_model_walk_finds_the_number_and_date_fields() -> None:
    names = {f"{m.__name__}.{n}" for m, n in NUMBER_FIELDS + DATE_FIELDS}
    assert {"Circumstances.household_size", "Finances.member_ages", "Levy.served_date", "Case.schema_version"} <= names
    assert len(DATE_FIELDS) > 30, len(DATE_FIELDS)


@pytest.mark.parametrize(("model", "name"), NUMBER_FIELDS, ids=lambda v: getattr(v, "__name__", v))
def test_true_or_false_is_never_read_as_a_number(model: type[Bounded], name: str) -> None:
    """Pydantic reads true as 1: a Parquet boolean column or `household_size: true` was a household of one."""
    for value in (True, False):
        value_given = [value] if "list" in str(model.model_fields[name].annotation) else value
        assert any(NOT_TRUE_OR_FALSE in m for m in _field_errors(model, name, value_given)), (model, name)


@pytest.mark.parametrize(("model", "name"), DATE_FIELDS, ids=lambda v: getattr(v, "__name__", v))
def test_a_number_is_never_read_as_a_date(model: type[Bounded], name: str) -> None:
    """Pydantic reads 0 or "86400" as seconds since 1970: a number where a date belongs was a day in 1970."""
    listed = "list" in str(model.model_fields[name].annotation)
    for value in (0, 86400, 0.0, Decimal("86400"), "0", " 86400 ", "1.7e9", "-86400"):
        errors = _field_errors(model, name, [value] if listed else value)
        assert any(NOT_A_NUMBER_DATE in m for m in errors), (model, name, value, errors)
    assert _field_errors(model, name, ["2026-01-02"] if listed else "2026-01-02") == []


def test_money_written_minus_zero_is_zero_everywhere(tmp_path: Path) -> None:
    case = {
        "taxpayer": {"kind": "individual", "state": "OH"},
        "levies": [{"kind": "bank", "served_date": "2026-11-12", "amount": "-0", "amount_taken": "-0.00"}],
        "finances": {"housing": "-0", "income": [{"kind": "wages", "frequency": "monthly", "gross": "-0.0"}]},
    }
    path = case_file(tmp_path, json.dumps(case), "case.json")
    for command in ("analyze", "finances"):
        code, out, err = run(command, str(path), *AS_OF, "--format", "json")
        assert code == 0, err
        assert '"-0' not in out and "$-0" not in out
    code, out, _ = run("analyze", str(path), *AS_OF)
    assert code == 0 and "-0.00" not in out and "$-0" not in out


def test_a_refused_figure_is_not_echoed(tmp_path: Path) -> None:
    irs = {"monthly_income": 5432.10, "allowable_expenses": 1234.56, "monthly_disposable_income": 99}
    cases = {
        "finances: member_ages lists more people than household_size": {"household_size": 2, "member_ages": [7, 8, 43]},
        "finances.irs_determination: monthly_disposable_income is not monthly_income minus": {"irs_determination": irs},
        "finances.household_size: must be at least 1": {"household_size": -7},
    }
    for expected, finances in cases.items():
        path = case_file(tmp_path, json.dumps({"taxpayer": {"kind": "individual"}, "finances": finances}), "case.json")
        err = refused(path, expected)
        for figure in ("43", "5432", "1234", "99", "-7"):
            assert figure not in err.replace(str(path), ""), err


@pytest.mark.parametrize("code", ["\x00", "\x1b[2J", "\x07", "\x7f", "\x9b", "\u202e", "\u2066", "\u202a"])
def test_a_control_character_in_any_text_is_refused_by_field(tmp_path: Path, code: str) -> None:
    """NUL and ESC broke the calendar and drove the terminal; a right-to-left override showed the rest of a name
    reversed on a letter to the IRS. Each is refused by the field that holds it, the value not echoed."""
    data = {
        "taxpayer": {"kind": "individual", "name": f"Ana {code}Ruiz", "address": f"1 Main St{code}"},
        "levies": [{"kind": "bank", "holder": f"Bank{code}", "served_date": "2026-11-12"}],
    }
    path = case_file(tmp_path, json.dumps(data), "case.json")
    err = refused(path, "taxpayer.name: holds a control character", secret="Ruiz")
    assert "taxpayer.address: holds a control character" in err and "levies[0].holder: holds a control" in err
    assert code not in err


@pytest.mark.parametrize("written", ["١٠٠", "1٠5", "１００", "۳"])
def test_a_number_in_other_digits_is_refused_not_read(tmp_path: Path, written: str) -> None:
    """Python read "١٠٠" as 100 for an amount (pydantic refused it for a count), and "1٠5" — the Arabic-Indic zero
    looks like a point — as 105. A number given as text is written 0-9; other digits in a name or address are text."""
    data = {
        "taxpayer": {"kind": "individual", "address": f"Calle {written}"},
        "circumstances": {"household_size": written},
        "finances": {"housing": written},
    }
    err = refused(case_file(tmp_path, json.dumps(data), "case.json"), "finances.housing: a number must be written")
    assert "circumstances.household_size: a number must be written with the digits 0-9" in err
    assert "taxpayer.address" not in err


def test_tabs_line_breaks_and_direction_marks_are_text(tmp_path: Path) -> None:
    data = {"taxpayer": {"kind": "individual", "name": "\u200fرنا\u200e Ruiz", "address": "1 Main St\nApt 2\tRear"}}
    code, out, err = run("analyze", str(case_file(tmp_path, json.dumps(data), "case.json")), *AS_OF)
    assert code == 0 and out, err


@pytest.mark.parametrize("name", ["case.yaml", "case.json"])
def test_a_case_file_with_true_for_a_count_or_a_number_for_a_date_is_refused_by_field(
    tmp_path: Path, name: str
) -> None:
    data = {
        "taxpayer": {"kind": "individual", "birth_date": 0},
        "circumstances": {"household_size": True},
        "finances": {"member_ages": [40, False]},
        "levies": [{"kind": "bank", "served_date": "86400", "exemption_dependents": True}],
    }
    path = case_file(tmp_path, json.dumps(data), name)  # JSON is YAML too
    err = refused(path, "circumstances.household_size: must be a number, not true or false")
    for line in (
        "taxpayer.birth_date: must be a date written YYYY-MM-DD, not a number",
        "finances.member_ages[1]: must be a number, not true or false",
        "levies[0].served_date: must be a date written YYYY-MM-DD, not a number",
        "levies[0].exemption_dependents: must be a number, not true or false",
    ):
        assert line in err, err
    assert "1970" not in err


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_as_of_outside_the_plausible_range_is_refused(day: str) -> None:
    code, out, err = run("analyze", str(DEMO), "--as-of", day)
    assert code == 2 and "--as-of: is outside the plausible range" in err and out == ""


@pytest.mark.parametrize("day", ["1900-01-01", "2100-12-31"])
def test_every_example_analyses_at_the_ends_of_the_range(day: str) -> None:
    for example in sorted(EXAMPLES.glob("*.yaml")):
        code, out, err = run("analyze", str(example), "--as-of", day, "--format", "json")
        assert code == 0, f"{example.name}: {err}"
        assert "Traceback" not in out + err


def test_a_levy_before_the_parameters_is_a_note_not_a_traceback(tmp_path: Path) -> None:
    text = DEMO.read_text(encoding="utf-8")
    old = case_file(tmp_path, text.replace("2026-", "1950-").replace("2025-", "1949-"))
    code, out, err = run("analyze", str(old), "--as-of", "1950-12-01", "--format", "json")
    assert code == 0, err
    notes = [n for n in json.loads(out)["notes"] if n["kind"] == "law_coverage"]
    assert notes and notes[0]["message"]["key"] == "note.law_coverage"
    days = [a["value"] for a in notes[0]["message"]["args"]["dates"]["value"]]
    assert days and all("1949-01-01" <= d <= "1950-12-01" for d in days), days  # the case's own dates
    code, text, err = run("analyze", str(old), "--as-of", "1950-12-01")
    assert code == 0 and "outside the dates the law's figures here cover" in " ".join(text.split()), err


def test_a_birth_date_after_as_of_is_an_unknown_age_and_a_note(tmp_path: Path) -> None:
    text = re.sub(r"(\n  birth_date: )\S+", r"\g<1>2090-01-01", DEMO.read_text(encoding="utf-8"), count=1)
    assert "birth_date: 2090-01-01" in text
    code, out, err = run("analyze", str(case_file(tmp_path, text)), *AS_OF, "--format", "json")
    assert code == 0, err
    notes = [n for n in json.loads(out)["notes"] if n["kind"] == "birth_after_as_of"]
    assert notes and notes[0]["message"]["args"]["fields"]["value"] == [
        {"type": "field", "value": "taxpayer.birth_date"}  # a case field: the renderer says it in words
    ]
    code, shown, err = run("analyze", str(case_file(tmp_path, text)), *AS_OF, "--lang", "es")
    assert code == 0 and "Contribuyente — fecha de nacimiento" in " ".join(shown.split()), err


def test_household_size_of_a_billion_is_refused_with_the_limit(tmp_path: Path) -> None:
    text = "taxpayer: {kind: individual}\ncircumstances: {household_size: 1000000000}\n"
    refused(case_file(tmp_path, text), "circumstances.household_size", "30")
    text = "taxpayer: {kind: individual}\nfinances: {household_size: 1000000000}\n"
    refused(case_file(tmp_path, text), "finances.household_size", "30")


def test_a_household_list_past_the_limit_is_refused(tmp_path: Path) -> None:
    members = ", ".join(["{name: X}"] * (limits.MAX_HOUSEHOLD_SIZE + 1))
    refused(case_file(tmp_path, f"taxpayer: {{kind: individual}}\nhousehold: [{members}]\n"), "MAX_HOUSEHOLD_SIZE")


def test_a_list_past_the_limit_is_refused(tmp_path: Path) -> None:
    levies = ", ".join(["{kind: bank}"] * (limits.MAX_LIST_ITEMS + 1))
    refused(case_file(tmp_path, f"taxpayer: {{kind: individual}}\nlevies: [{levies}]\n"), "levies: has more than")


def test_dependents_of_99999999999_are_refused() -> None:
    code, out, err = run(
        "wage-exempt",
        "--year",
        "2024",
        "--filing-status",
        "single",
        "--dependents",
        "99999999999",
        "--pay-period",
        "weekly",
    )
    assert code == 2 and "--dependents" in err and "MAX_DEPENDENTS" in err and out == ""


def test_a_take_home_pay_that_is_not_a_number_is_refused_without_echo() -> None:
    for value in ("NaN", "Infinity", "1e999999", "sNaN"):
        code, out, err = run("wage-exempt", "--year", "2024", "--pay-period", "weekly", "--take-home-pay", value)
        assert code == 2 and "--take-home-pay" in err and "Traceback" not in out + err


def test_references_and_ids_are_checked_by_field_path(tmp_path: Path) -> None:
    text = (
        "taxpayer: {kind: individual, name: Dana Secret}\n"
        "tax_periods: [{id: p1}, {id: p1}]\n"
        "levies: [{id: a, kind: bank}, {id: a, kind: wages}]\n"
        "notices: [{id: n1, type: LT11}, {type: CP504}, {id: n1, type: CP504}]\n"
        "payments: [{date: 2024-01-01, amount: 5, tax_periods: [zz-secret]}]\n"
        "installment_agreements: [{status: entered, tax_periods: [zz-secret]}]\n"
        "proceedings: {wrongful_levy_claims: [{levy_id: nope, filed_date: 2024-01-01}]}\n"
    )
    err = refused(
        case_file(tmp_path, text),
        "tax_periods[1].id: another tax period has the same id",
        "levies[1].id: another levy has the same id",
        "notices[2].id: another notice has the same id",
        "payments[0].tax_periods[0]: names a tax period that is not in tax_periods",
        "installment_agreements[0].tax_periods[0]: names a tax period",
        "proceedings.wrongful_levy_claims[0].levy_id: names no levy of the case",
        secret="zz-secret",
    )
    assert "Dana" not in err


def test_a_wrongful_levy_claim_in_a_case_without_levies_is_refused(tmp_path: Path) -> None:
    text = "taxpayer: {kind: individual}\nproceedings: {wrongful_levy_claims: [{filed_date: 2024-01-01}]}\n"
    refused(case_file(tmp_path, text), "wrongful_levy_claims[0].levy_id: the claim names no levy")


def test_an_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    refused(case_file(tmp_path, "schema_version: 7\ntaxpayer: {kind: individual}\n"), "schema_version:")


# ---------------------------------------------------------------- files a case points to, files given to readers


def _special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo-xyz"
    os.mkfifo(fifo)
    return {"a device": Path("/dev/zero"), "a directory": tmp_path, "a FIFO": fifo}


def test_a_case_may_only_point_to_regular_files(tmp_path: Path) -> None:
    special = _special_files(tmp_path)
    names = ", ".join(str(p) for p in special.values())
    err = refused(case_file(tmp_path, f"taxpayer: {{kind: individual}}\ntranscripts: [{names}]\n"))
    for i, kind in enumerate(special):
        assert f"transcripts[{i}]: is {kind}" in err
    assert "/dev/zero" not in err and "fifo-xyz" not in err  # the field is named, not the file


def test_relative_transcript_paths_are_resolved_against_the_case_folder(tmp_path: Path) -> None:
    source = Path(__file__).parent / "data" / "transcripts" / "client_1040_2017.txt"
    folder = tmp_path / "client"
    folder.mkdir()
    (folder / "t.txt").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    case = case_file(folder, "taxpayer: {kind: individual}\ntranscripts: [t.txt]\n")
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)  # not the case's folder
        code, _, err = run("analyze", str(case), *AS_OF)
    finally:
        os.chdir(cwd)
    assert code == 0, err
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    refused(case_file(folder, "taxpayer: {kind: individual}\ntranscripts: [empty.txt]\n"), "transcripts[0]: is empty")


@pytest.mark.parametrize("command", ["transcript", "notice"])
def test_readers_refuse_devices_directories_and_fifos(tmp_path: Path, command: str) -> None:
    for kind, path in _special_files(tmp_path).items():
        code, out, err = run(command, str(path), *AS_OF)
        assert code == 2, kind
        assert f"is {kind}" in err and "Traceback" not in out + err


@pytest.mark.parametrize("command", ["transcript", "notice"])
def test_readers_agree_on_empty_binary_corrupt_and_textless_input(tmp_path: Path, command: str) -> None:
    from tests.test_notice_reader import make_pdf

    inputs = {
        "empty.txt": (b"", "is empty"),
        "blank.txt": (b"  \n\n  ", "is empty"),
        "binary.txt": (bytes(range(256)) * 40, "is not text (binary data)"),
        "random.bin": (os.urandom(4096).replace(b"\x00", b"\x01"), "is not text"),
        "corrupt.pdf": (b"%PDF-1.4\nthis is not really a pdf", "not a readable PDF"),
        "scan.pdf": (make_pdf([]), "no text layer"),
    }
    for name, (content, reason) in inputs.items():
        path = tmp_path / name
        path.write_bytes(content)
        code, out, err = run(command, str(path), *AS_OF)
        assert code == 2, f"{name}: {out}"
        assert reason in err, f"{name}: {err}"
        assert "Traceback" not in out + err


def test_a_notice_longer_than_a_notice_is_read_in_part_and_says_so(tmp_path: Path) -> None:
    sample = (EXAMPLES / "notices" / "lt11.txt").read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_text(sample * (limits.MAX_NOTICE_LINES // sample.count("\n") + 2), encoding="utf-8")
    code, out, err = run("notice", str(path), "--as-of", "2025-06-10")
    assert code == 0, err
    assert "LT11" in out and "MAX_NOTICE_LINES" in out


def test_a_case_file_that_is_not_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    refused(path, "(file)")
    path.write_bytes(b"taxpayer: {kind: individual}\x00\n")
    refused(path, "NUL")


# ---------------------------------------------------------------- text that looks like terminal markup


MARKUP = ["[/]", "[bold]x", "[link=https://example.invalid]y[/link]", "[red"]


@pytest.mark.parametrize("value", MARKUP)
def test_text_that_looks_like_terminal_markup_is_printed_as_given(tmp_path: Path, value: str) -> None:
    """A bank, a relative or a tax period named with square brackets: the text page prints the name as given
    (Rich would read ``[/]`` as a closing tag and raise, or ``[bold]`` as a style)."""
    text = (EXAMPLES / "wrongful-levy-relatives-account.yaml").read_text(encoding="utf-8")
    quoted = json.dumps(value)
    text = text.replace("holder: Lakeshore Example Bank,", f"holder: {quoted},")
    text = text.replace("third_party_name: Maria Testcase", f"third_party_name: {quoted}")
    text = text.replace('"1040-2021"', quoted)
    code, out, err = run("analyze", str(case_file(tmp_path, text)), "--as-of", "2026-11-01")
    assert code == 0, err
    assert "Traceback" not in out + err
    assert f"Levy served on {value} (bank account)" in out
    assert f"belongs to {value}, not to you" in out
    assert f"  {value}: " in out  # the tax period's collection statute line


# ---------------------------------------------------------------- every standards edition, not only the newest

STANDARDS = Path(__file__).parent.parent / "src" / "levynav" / "data" / "standards"
EDITION_DAYS = sorted(p.name for p in STANDARDS.iterdir() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.name))


def test_the_packaged_standards_have_editions() -> None:
    assert len(EDITION_DAYS) >= 2, EDITION_DAYS


@pytest.mark.parametrize("day", EDITION_DAYS)
def test_every_example_analyses_in_every_standards_edition(day: str) -> None:
    """An edition without some tables (their status ``missing``) made every case with finances a traceback while
    that edition was in force: the record's grade is now ``missing`` and the figure unknown."""
    for example in sorted(EXAMPLES.glob("*.yaml")):
        for fmt in ("json", "text"):
            code, out, err = run("analyze", str(example), "--as-of", day, "--format", fmt)
            assert code == 0, f"{example.name} {fmt}: {err[-500:]}"
            assert "Traceback" not in out + err


@pytest.mark.parametrize("day", ["1900-01-01", *EDITION_DAYS])
def test_a_county_given_by_name_only_is_read_in_every_edition(tmp_path: Path, day: str) -> None:
    """A county row without a FIPS code (an older edition's) is a county whose FIPS is unknown, not a traceback."""
    text = DEMO.read_text(encoding="utf-8").replace('county_fips: "39049"', "")
    assert "county_fips" not in text
    path = case_file(tmp_path, text)
    for command in ("analyze", "finances"):
        code, out, err = run(command, str(path), "--as-of", day, "--format", "json")
        assert code == 0, f"{command}: {err[-500:]}"
        assert "Traceback" not in out + err


def _date_fields_without_the_check(schema: typing.Any, path: str = "") -> list[str]:
    """The fields of ``schema`` (and of the models it holds) whose schema holds a date but not the date check."""
    out: list[str] = []
    if isinstance(schema, dict):
        if schema.get("type") == "model-fields":
            for name, field in schema["fields"].items():
                text = repr(field["schema"])
                if "'date'" in text and "_plausible_dates" not in text:
                    out.append(f"{path}.{name}")
                out += _date_fields_without_the_check(field["schema"], f"{path}.{name}")
            return out
        for key, value in schema.items():
            if key != "cls":
                out += _date_fields_without_the_check(value, path)
    elif isinstance(schema, list):
        for value in schema:
            out += _date_fields_without_the_check(value, path)
    return out


def test_every_field_that_may_hold_a_date_keeps_the_plausible_date_check() -> None:
    # the check is left out only where a field's value is never a date (bounded._date_check_where_needed)
    assert _date_fields_without_the_check(Case.__pydantic_core_schema__) == []
    period = {"id": "p", "additional_assessment_dates": ["1850-01-01"]}
    data = {"taxpayer": {"kind": "individual"}, "tax_periods": [period]}
    with pytest.raises(ValidationError, match=r"item \[0\] is outside the plausible range"):
        Case.model_validate(data)
