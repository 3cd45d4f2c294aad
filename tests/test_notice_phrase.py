"""A notice named in a sentence with its determiner comes whole from the catalog (``{notice:el}``: render.NoticeName,
``notice_phrase`` in data/messages/<lang>/page.yaml): "la Carta 1058" and "el aviso CP504" in Spanish, "the Letter
1058" and "the CP504 notice" in English. No rendered sentence is rewritten afterwards (the ``phrasing`` table that
turned "el aviso Carta" into "la Carta" is gone), and no clumsy name is left in any example, whichever notice it has."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from levynav import analyze
from levynav.explain import catalog
from levynav.explain.render import NoticeName, notice_name, render, say
from levynav.intake.load import case_from_data

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
LETTERS = ("Letter 1058", "Letter 3172")
# a spec that names a value with its determiner: any spec but the counts' own (format.Count: plural:, word:, digits)
SPEC = re.compile(r"\{(\w+):(?!plural:|word:)([A-Za-z]+)\}")
CLUMSY = {
    "es": re.compile(r"\baviso (?:Carta|Letter)\b|\bavisos Carta\b"),
    "en": re.compile(r"\bLetter \d+ notice\b|\bnotice Letter\b"),
}


def _texts(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_determiner_a_template_uses_has_both_forms(lang: str) -> None:
    """Each ``{x:det}`` in the language's catalogs names a form the catalog gives for a letter and for a notice."""
    texts = _texts(catalog.messages(lang)) + _texts(catalog.plan_texts(lang)) + _texts(catalog.question_texts(lang))
    used = {spec for t in texts for _, spec in SPEC.findall(t)}
    forms = catalog.messages(lang)["notice_phrase"]["forms"]
    assert used, lang
    for kind in ("letter", "notice"):
        assert used <= set(forms[kind]), (lang, kind, used - set(forms[kind]))
    for kind, form in forms.items():
        assert all("{name}" in f for f in form.values()), (lang, kind)
    # the same notices are letters in every language (which words a letter takes is the language's)
    assert catalog.messages(lang)["notice_phrase"]["kind"] == catalog.messages("en")["notice_phrase"]["kind"]


def test_no_spanish_template_names_a_notice_after_aviso() -> None:
    """ "el aviso {notice}" would say "el aviso Carta 1058" for a letter: the determiner is the notice's own."""
    texts = _texts(catalog.messages("es")) + _texts(catalog.plan_texts("es")) + _texts(catalog.question_texts("es"))
    assert not [t for t in texts if re.search(r"\baviso\s+\{(?:notice|first|kind)\}", t)]
    # nor a determiner of its own before a notice's type ("el {kind}" said "el Carta 1058"): {kind:el} says it
    # ({first} also holds dates, "del {first} al {last}", so it is not read here)
    own = r"\b(?:el|El|del|al|la|La|su|Su|este|Este|ese|Ese|un|Un|una|Una)\s+\{(?:notice|kind)\}"
    assert not [t for t in texts if re.search(own, t)]


def test_the_forms() -> None:
    assert f"{notice_name('Letter 1058', 'es'):el}" == "la Carta 1058"
    assert f"{notice_name('Letter 3172', 'es'):Este}" == "Esta Carta 3172"
    assert f"{notice_name('CP504', 'es'):del}" == "del aviso CP504"
    assert f"{notice_name('Aviso de algo', 'es'):su}" == "su aviso Aviso de algo"  # not a type: a notice's forms
    assert f"{notice_name('Letter 1058', 'en'):the}" == "the Letter 1058"
    assert f"{notice_name('LT11', 'en'):the}" == "the LT11 notice"
    assert say("{n}", "es", n="Letter 1058") == "Carta 1058" and isinstance(notice_name("CP14", "en"), NoticeName)
    with pytest.raises(ValueError, match="notice_phrase"):
        format(notice_name("CP504", "en"), "el")  # a form the language does not have: said, never guessed


def _variants() -> list[tuple[str, dict[str, Any]]]:
    """Each example, and each with one of its notices made a letter (the words differ for a letter)."""
    out = []
    for path in EXAMPLES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append((path.stem, data))
        for i, notice in enumerate(data.get("notices") or []):
            for letter in LETTERS:
                if notice.get("type") != letter:
                    changed = yaml.safe_load(path.read_text(encoding="utf-8"))
                    changed["notices"][i]["type"] = letter
                    out.append((f"{path.stem}: notice {i} as {letter}", changed))
    return out


@pytest.mark.parametrize(("name", "data"), _variants(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_example_names_a_notice_clumsily(name: str, data: dict[str, Any]) -> None:
    analysis = analyze(case_from_data(data), date(2026, 11, 23))
    for lang in ("en", "es"):
        said = str(render(analysis, lang))
        found = CLUMSY[lang].findall(said)
        assert not found, (name, lang, found[:3])
