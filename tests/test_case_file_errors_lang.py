"""A case file `levynav analyze` cannot use is said in the language asked for (``--lang es``): the file and how many
problems, then each problem with its field in words and its path in the file, and what is wrong — in Spanish, with
no English sentence and never a traceback (exit 2). English keeps its lines. Values are never echoed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from levynav.explain import catalog
from levynav.explain.case_file import FILE_PROBLEMS
from tests.helpers import run_cli

SECRET = "Zq9SecretValue"  # a value given in a bad field: no language repeats it

CASES: dict[str, tuple[str, str, list[tuple[str, str]], list[str]]] = {
    # name: (file name, text, [(Spanish field words, Spanish problem words)], [English words])
    "choice_unknown_field_date_amount": (
        "case.yaml",
        f"taxpayer: {{kind: {SECRET}, nickname: x}}\n"
        f"levies:\n  - {{kind: bank, served_date: 2026-13-01, amount: {SECRET}}}\n",
        [
            ("Contribuyente — persona o negocio [taxpayer.kind]", "no es uno de los valores que este campo admite"),
            ("[taxpayer.nickname]", "no es un campo que Levy Navigator conozca"),
            ("Embargo 1 — fecha de notificación [levies[0].served_date]", "no es una fecha escrita como año-mes-día"),
            ("[levies[0].amount]", "no es una cantidad en dólares"),
        ],
        ["taxpayer.kind: is not one of 'individual' or 'business'", "levies[0].amount:"],
    ),
    "missing_required": (
        "case.json",
        '{"levies": [{"served_date": "2026-01-05"}], "taxpayer": {"kind": "individual"}}',
        [("Embargo 1", "falta, y es obligatorio")],
        ["levies[0].kind: is required"],
    ),
    "same_id_and_unknown_period": (
        "case.yaml",
        "taxpayer: {kind: individual}\ntax_periods:\n  - {id: a}\n  - {id: a}\n"
        "levies:\n  - {kind: bank, served_date: 2026-01-05, tax_periods: [b]}\n",
        [
            ("[tax_periods[1].id]", "otro elemento de esta lista tiene el mismo identificador"),
            ("[levies[0].tax_periods[0]]", "nombra un período tributario que el caso no incluye"),
        ],
        ["names a tax period that is not in tax_periods"],
    ),
    "order_of_dates": (
        "case.yaml",
        "taxpayer: {kind: individual}\nlevies:\n  - {kind: bank, served_date: 2026-05-04, released_date: 2026-05-01}\n",
        [("[levies[0]", "no puede ser anterior a")],
        ["is before"],
    ),
    "not_yaml": (
        "case.yaml",
        "taxpayer: {kind: individual}\n  bad: [\n",
        [("el archivo", "no es YAML válido (línea 2)")],
        ["not valid YAML at line 2"],
    ),
    "not_json": (
        "case.json",
        '{"taxpayer": ',
        [("el archivo", "no es JSON válido (línea 1)")],
        ["not valid JSON at line 1"],
    ),
    "key_twice": (
        "case.json",
        '{"taxpayer": {"kind": "individual"}, "taxpayer": {}}',
        [("Contribuyente [taxpayer]", "da la misma clave dos veces")],
        ["the key is given twice"],
    ),
    "not_a_mapping": (
        "case.json",
        "[1, 2]",
        [("el caso", "debe contener un grupo de campos")],
        ["must hold a mapping"],
    ),
    "not_utf8": (
        "case.yaml",
        b"taxpayer: {kind: \xff\xfe}\n",
        [("el archivo", "no es texto UTF-8")],
        ["not UTF-8 text"],
    ),
}


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_case_is_said_in_spanish(tmp_path: Path, name: str) -> None:
    file_name, text, expected, _ = CASES[name]
    path = _write(tmp_path, file_name, text)
    code, out, err = run_cli("analyze", str(path), "--lang", "es", "--as-of", "2026-11-01")
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert re.fullmatch(r"levynav: .+ tiene \d+ problemas?:", lines[0]), lines[0]
    for where, what in expected:
        assert any(where in line and what in line for line in lines[1:]), (where, what, err)
    assert SECRET not in err
    # no English problem words: the English lines' own phrases are not there
    for english in ("is required", "is not one of", "not valid", "problem(s)", "is not a known field", "(file)"):
        assert english not in err, english


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_same_bad_case_in_english(tmp_path: Path, name: str) -> None:
    file_name, text, _, expected = CASES[name]
    path = _write(tmp_path, file_name, text)
    code, _, err = run_cli("analyze", str(path), "--lang", "en", "--as-of", "2026-11-01")
    assert code == 2
    assert "Traceback" not in err
    assert re.match(r"levynav: .+ has \d+ problem\(s\):", err)
    for words in expected:
        assert words in err
    assert SECRET not in err


def test_a_missing_file_in_both_languages(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.yaml")
    code, _, err = run_cli("analyze", missing, "--lang", "es")
    assert code == 2
    assert "el archivo: no existe" in err
    code, _, err = run_cli("analyze", missing, "--lang", "en")
    assert code == 2
    assert "(file): no such file" in err


def test_every_key_has_english_and_spanish_words() -> None:
    keys = {key for _, key in FILE_PROBLEMS}
    en, es = catalog.messages("en")["case_file"], catalog.messages("es")["case_file"]
    assert set(en) == set(es)
    assert keys <= set(es)
    from levynav.intake.case_problems import ERROR_TYPES, VALUE_ERRORS

    assert {key for _, key in ERROR_TYPES} | set(VALUE_ERRORS.values()) <= set(es)
