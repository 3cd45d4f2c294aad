"""A mapping key a problem is about is named by its whole path (audit 2026-12-07, round 2).

Two kinds of key were named by something else than their place in the file: a YAML key that YAML reads as a number,
true/false or null (``yes:``, ``1:``, ``~:``) was named ``taxpayer[1]`` or ``None`` (like a list item, or nothing),
and a key given twice in a JSON object was named by the key alone (``kind``), wherever it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

NESTED_DUP = '{"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank"}, {"kind": "bank", "kind": "wages"}]}'


def _refused(path: Path) -> str:
    code, out, err = run_cli("analyze", str(path), "--as-of", "2026-11-23")
    assert code == 2 and out == "" and "Traceback" not in err, err
    return err


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("taxpayer: {kind: individual, yes: 1}\n", "taxpayer.yes: a mapping key must be text"),
        ("taxpayer: {kind: individual}\n1: 2\n", "'1': a mapping key must be text"),
        ("taxpayer: {kind: individual}\n~: 2\n", "'~': a mapping key must be text"),
        (
            "taxpayer: {kind: individual}\nlevies: [{kind: bank, 2.5: x}]\n",
            "levies[0].'2.5': a mapping key must be text",
        ),
        ("taxpayer: {kind: individual, !!int 7: x}\n", "taxpayer.'7': a mapping key must be text"),
    ],
)
def test_a_yaml_key_read_as_a_number_true_false_or_null_is_named_by_its_path(
    tmp_path: Path, text: str, named: str
) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    err = _refused(path)
    assert named in err
    assert "Keys should be strings" not in err and "None:" not in err


def test_quoted_yaml_keys_are_text(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("taxpayer: {kind: individual, 'yes': 1}\n", encoding="utf-8")
    err = _refused(path)
    assert "taxpayer.yes: is not a known field" in err


def test_a_key_twice_in_a_json_object_is_named_by_its_path(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(NESTED_DUP, encoding="utf-8")
    assert "levies[1].kind: the key is given twice" in _refused(path)


def test_a_key_twice_in_a_jsonl_line_or_case_json_is_named_by_its_path(tmp_path: Path) -> None:
    import polars as pl

    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(NESTED_DUP + "\n", encoding="utf-8")
    code, _, err = run_cli("screen", str(jsonl), "--out", str(tmp_path / "a.csv"), "--as-of", "2026-11-23")
    assert code == 0, err
    assert pl.read_csv(tmp_path / "a.errors.csv")["field"].to_list() == ["levies[1].kind"]
    table = tmp_path / "in.csv"
    pl.DataFrame(
        {
            "case_id": ["x"],
            "taxpayer_kind": ["individual"],
            "case_json": [NESTED_DUP.replace('"taxpayer": {"kind": "individual"}, ', "")],
        }
    ).write_csv(table)
    code, _, err = run_cli("screen", str(table), "--out", str(tmp_path / "b.csv"), "--as-of", "2026-11-23")
    assert code == 0, err
    assert pl.read_csv(tmp_path / "b.errors.csv")["field"].to_list() == ["case_json.levies[1].kind"]


def test_the_first_key_twice_is_named_when_there_are_several(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    data = '{"taxpayer": {"kind": "individual", "name": "a", "name": "b"}, "levies": [{"id": "x", "id": "y"}]}'
    path.write_text(data, encoding="utf-8")
    assert "taxpayer.name: the key is given twice" in _refused(path)
    json.loads(data)  # valid JSON otherwise
