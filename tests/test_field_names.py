"""A case field is said in words in every language (explain/field_names.py, data/messages/<lang>/fields.yaml):
every field of the Case model has a label, every list an item name, and a path renders as words, not as itself."""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from levynav.core.analyze import analyze
from levynav.core.model.case import Case
from levynav.core.model.message import field_args
from levynav.explain import catalog, field_names
from levynav.explain.html import analysis_html
from levynav.explain.render import render, text
from levynav.intake.load import load_case

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
        ("levies[0].served_date", "Levy 1 — date served", "Embargo 1 — fecha de notificación"),
        ("notices[1].received_date", "Notice 2 — date received", "Aviso 2 — fecha de recepción"),
        ("taxpayer.birth_date", "Taxpayer — date of birth", "Contribuyente — fecha de nacimiento"),
        ("proceedings.bankruptcies[0].petition_date", "Bankruptcy 1 — date the bankruptcy was filed", None),
        ("finances.assets.bank_accounts[1].balance", "Bank account 2 — balance", "Cuenta bancaria 2 — saldo"),
        ("tax_periods[].balance", "Each tax period — balance owed", "Cada período tributario — saldo adeudado"),
        ("levies[2]", "Levy 3", "Embargo 3"),
        ("notices[0].tax_periods[1]", "Notice 1 — tax periods (item 2)", "Aviso 1 — períodos tributarios (elemento 2)"),
        ("levies[0].recieved", "Levy 1 — “recieved”", "Embargo 1 — “recieved”"),  # a misspelt field, quoted
        ("(case)", "(case)", "(case)"),  # not a field path: the caller's words
        (
            "taxpayer.tin (full number)",
            "Taxpayer — full Social Security number or EIN, written in by hand (never stored)",
            None,
        ),
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


def test_several_paths_of_a_form_box_each_in_words() -> None:
    got = field_names.words_of_list("levies[0].amount_taken, finances.assets.cash_on_hand", "es")
    assert got == "Embargo 1 — cantidad quitada hasta ahora; Bienes — efectivo a la mano"
    assert field_names.words_of_list("Form 433-F", "es") == "Form 433-F"


def test_the_cli_keeps_the_path_after_the_words() -> None:
    assert (
        field_names.said_with_path("levies[0].served_date", "es")
        == "Embargo 1 — fecha de notificación [levies[0].served_date]"
    )


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_spanish_rendering_of_every_example_names_no_field_by_its_path(path: Path) -> None:
    """The record's words (findings, deadlines, plan, questions, notes, history) and the HTML page in Spanish."""
    from tests.test_explain import RAW_FIELD_PATH

    record = analyze(load_case(path), date(2026, 11, 23))
    view = render(record, "es")
    texts = [*view.summary, *view.notes, *(f.explanation for f in view.findings), *(q.prompt for q in view.questions)]
    texts += [f"{d.title} {d.protects} {d.computation}" for d in view.deadlines]
    texts += [f"{s.title} {s.action} {s.why} {' '.join(s.have_ready)}" for s in view.plan]
    texts += [f"{e.event} {e.note or ''}" for e in view.history]
    texts.append(re.sub(r"<[^>]+>", " ", analysis_html(record, "es")))
    for said in texts:
        raw = RAW_FIELD_PATH.search(" ".join(said.split()))
        assert raw is None, f"{raw.group(0)!r} in {said[:300]!r}"


def test_a_field_named_in_a_note_is_said_in_words_in_both_languages() -> None:
    """A record value of kind ``field`` renders as the field's words, never as its path (the note of a birth date
    after the analysis date names the field)."""
    case = Case.model_validate({"taxpayer": {"kind": "individual", "birth_date": "2090-01-01"}})
    record = analyze(case, date(2026, 11, 23))
    note = next(n for n in record.notes if n.kind == "birth_after_as_of")
    assert note.message.args["fields"] == field_args(["taxpayer.birth_date"])
    assert "Taxpayer — date of birth" in text(note.message, "en")
    assert "Contribuyente — fecha de nacimiento" in text(note.message, "es")
    assert "birth_date" not in text(note.message, "es")
