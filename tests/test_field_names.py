"""A case field is said in words in every language (explain/field_names.py, data/messages/<lang>/fields.yaml):
every field of the Case model has a label, every list an item name, and a path renders as words, not as itself."""

from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from pydantic import BaseModel

from levynav.core.model.case import Case
from levynav.explain import catalog, field_names

LANGS = ("en", "es")


def _inner(annotation: Any) -> tuple[bool, type[BaseModel]] | None:
    """(is a list, the model) of a field that holds a model, else None."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for a in typing.get_args(annotation):
            got = _inner(a) if a is not type(None) else None
            if got:
                return got
        return None
    if origin is list:
        got = _inner(typing.get_args(annotation)[0])
        return (True, got[1]) if got else None
    if origin is typing.Annotated:
        return _inner(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return (False, annotation)
    return None


def case_paths() -> tuple[list[str], list[str], list[str]]:
    """Every field path of the Case model (``levies[].served_date``), the lists of models, the containers."""
    paths: list[str] = []
    lists: list[str] = []
    groups: list[str] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, f in model.model_fields.items():
            path = f"{prefix}.{name}" if prefix else name
            paths.append(path)
            held = _inner(f.annotation)
            if held is not None:
                (lists if held[0] else groups).append(path)
                walk(held[1], path + ("[]" if held[0] else ""))

    walk(Case, "")
    return paths, lists, groups


def test_the_walk_finds_the_whole_case_model() -> None:
    paths, lists, groups = case_paths()
    assert (
        len(paths) > 280 and "levies[].served_date" in paths and "finances.assets.real_estate[].loan_balance" in paths
    )
    assert "proceedings.bankruptcies" in lists and "finances.irs_determination" in groups


@pytest.mark.parametrize("lang", LANGS)
def test_every_case_field_has_words(lang: str) -> None:
    paths, lists, groups = case_paths()
    words = catalog.messages(lang)["field"]
    assert [p for p in paths if not words["name"].get(p)] == []
    assert [p for p in lists if set(words["item"].get(p) or {}) != {"one", "each"}] == []
    nested_groups = [g for g in groups if g not in words["group"]]
    assert nested_groups == []


def test_no_words_for_a_field_the_model_does_not_have() -> None:
    paths, lists, groups = case_paths()
    for lang in LANGS:
        words = catalog.messages(lang)["field"]
        assert set(words["name"]) - set(paths) == set()
        assert set(words["item"]) - set(lists) == set()
        assert set(words["group"]) - set(groups) == set()


@pytest.mark.parametrize(
    ("path", "en", "es"),
    [
        ("levies[0].served_date", "Levy 1 — date served", "Embargo 1 — fecha de entrega"),
        ("notices[1].received_date", "Notice 2 — date received", "Aviso 2 — fecha de recepción"),
        ("taxpayer.birth_date", "Taxpayer — date of birth", "Contribuyente — fecha de nacimiento"),
        ("proceedings.bankruptcies[0].petition_date", "Bankruptcy 1 — date the bankruptcy was filed", None),
        ("finances.assets.bank_accounts[1].balance", "Bank account 2 — balance", "Cuenta bancaria 2 — saldo"),
        ("tax_periods[].balance", "Each tax period — balance owed", "Cada período tributario — saldo adeudado"),
        ("levies[2]", "Levy 3", "Embargo 3"),
        ("notices[0].tax_periods[1]", "Notice 1 — tax periods (item 2)", "Aviso 1 — períodos tributarios (elemento 2)"),
        ("levies[0].recieved", "Levy 1 — “recieved”", "Embargo 1 — “recieved”"),  # a misspelt field, quoted
        ("(case)", "(case)", "(case)"),  # not a field path: the caller's words
    ],
)
def test_a_path_in_words(path: str, en: str, es: str | None) -> None:
    assert field_names.words(path, "en") == en
    if es is not None:
        assert field_names.words(path, "es") == es


@pytest.mark.parametrize("lang", LANGS)
def test_every_model_path_renders_without_the_raw_path(lang: str) -> None:
    paths, _, _ = case_paths()
    for pattern in paths:
        concrete = pattern.replace("[]", "[0]")
        said = field_names.words(concrete, lang)
        assert "_" not in said and "[" not in said and "“" not in said, (concrete, said)


def test_the_cli_keeps_the_path_after_the_words() -> None:
    assert (
        field_names.said_with_path("levies[0].served_date", "es")
        == "Embargo 1 — fecha de entrega [levies[0].served_date]"
    )
