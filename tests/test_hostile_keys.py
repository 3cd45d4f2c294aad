"""A key of a case file that is not a plain name — empty, a tab, a control character, a right-to-left override,
accented text, a very long key — is named quoted and escaped to ASCII in the one-line problem (found by
tests/fuzz/drive_commands.py: the empty key printed as `taxpayer.:`, and the override and NUL went raw to the
terminal). YAML and JSON cases, a duplicate key, and `screen`'s error rows alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.helpers import run_cli

ODD_KEYS = {
    "": "taxpayer.'': is not a known field",
    "\t": "taxpayer.'\\t': is not a known field",
    "\u202eevil": "taxpayer.'\\u202eevil': is not a known field",
    "a\x00b\x1b[31m": "taxpayer.'a\\x00b\\x1b[31m': is not a known field",
    "n\u00e9": "taxpayer.'n\\xe9': is not a known field",
    "x" * 5000: "taxpayer.'" + "x" * 40 + "'… (5,000 characters): is not a known field",
}


def _only_ascii_lines(err: str) -> None:
    assert "Traceback" not in err
    assert all(ch.isascii() and (ch.isprintable() or ch == "\n") for ch in err.replace("…", "").replace("—", "")), err
    assert all(len(line) < 300 for line in err.splitlines())


@pytest.mark.parametrize("key", list(ODD_KEYS))
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_an_odd_unknown_key_is_named_quoted_and_ascii(tmp_path: Path, key: str, suffix: str) -> None:
    case = {"taxpayer": {"kind": "individual", key: 1}}
    path = tmp_path / f"case{suffix}"
    path.write_text(json.dumps(case) if suffix == ".json" else yaml.safe_dump(case))
    code, _, err = run_cli("analyze", str(path), "--as-of", "2026-01-01")
    assert code == 2
    assert ODD_KEYS[key] in err, err
    _only_ascii_lines(err)


def test_a_duplicate_odd_key_is_named_quoted(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text('taxpayer:\n  kind: individual\n  "\\u202e": 1\n  "\\u202e": 2\n')
    code, _, err = run_cli("analyze", str(path))
    assert code == 2 and "taxpayer.'\\u202e': the key is given twice" in err, err
    _only_ascii_lines(err)


def test_screen_error_rows_name_odd_keys_quoted(tmp_path: Path) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(json.dumps({"case_id": "c1", "taxpayer": {"kind": "individual", "": 1}}) + "\n")
    code, _, err = run_cli("screen", str(source), "--out", str(tmp_path / "o.csv"), "--as-of", "2026-01-01")
    assert code == 0, err
    errors = (tmp_path / "o.errors.csv").read_text()
    assert "taxpayer.''" in errors, errors


def test_plain_names_are_shown_as_they_are() -> None:
    from levynav.intake.field_names import field_path, key_text

    assert field_path(("levies", 0, "served_date")) == "levies[0].served_date"
    assert key_text("county_fips") == "county_fips"
    assert field_path(()) == "(case)"


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("c\u202ease_id".encode(), "'c\\u202ease_id': not a column levynav reads"),
        # a header byte that is not UTF-8: the file is refused as not UTF-8, by its line (hostile input, round 2)
        (b"c\xffse_id", "cases.csv: line 1 is not UTF-8 text"),
        ("n\u00e9".encode(), "'n\\xe9': not a column levynav reads"),
    ],
)
def test_screen_names_an_odd_csv_column_quoted_and_ascii(tmp_path: Path, header: bytes, says: str) -> None:
    source = tmp_path / "cases.csv"
    source.write_bytes(b"case_id," + header + b"\nc1,1\n")
    code, _, err = run_cli("screen", str(source), "--out", str(tmp_path / "o.csv"), "--as-of", "2026-01-01")
    assert code == 2 and says in err, err
    _only_ascii_lines(err)
