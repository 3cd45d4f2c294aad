"""A tax period named inside a Spanish sentence takes its article: "el plazo de cobro del Formulario 1040, 2021".

Since periods were named by words (round 8) the Spanish read "el plazo de cobro de Formulario 1040, 2021" and "la
transcripción de su cuenta para Formulario 1040, 2023": a form is "el Formulario" (as the IRS's Spanish pages write
"del Formulario 1040"). A template says ``{period:del}``, ``{period:por}``, ``{period:para}``, ``{period:el}`` and
the catalog's ``notice_phrase`` forms give the article of the kind of period: "el" for a form's period, "la" for the
trust fund recovery penalty, none for a name the person gave the period (or a bare year).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from levynav import load_case
from levynav.core.analyze import analyze
from levynav.core.model.analysis import ListArg, MessageArg, TextArg
from levynav.core.model.message import message
from levynav.explain import catalog
from levynav.explain.html import analysis_html
from levynav.explain.render import _arg_value, fill

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
BARE = re.compile(r"\b(?:de|por|para|Para|cobra|cubre|cobrando|cobrar)\s+\{(?:period|periods|running)\}")


def _say(template: str, **args: Any) -> str:
    return fill(template, {k: _arg_value(k, v, "es") for k, v in args.items()})


@pytest.mark.parametrize(
    ("period", "said"),
    [
        ("1040-2021", "el plazo de cobro del Formulario 1040, 2021"),
        ("941-2025Q3", "el plazo de cobro del Formulario 941, tercer trimestre de 2025"),
        ("tax-2021-06", "el plazo de cobro del período tributario que termina en junio de 2021"),
        ("TFRP-2024Q1", "el plazo de cobro de la multa de recuperación del fondo fiduciario, primer trimestre de 2024"),
        ("2021", "el plazo de cobro de 2021"),
        ("mi deuda vieja", "el plazo de cobro de mi deuda vieja"),
    ],
)
def test_a_period_takes_the_article_of_its_kind(period: str, said: str) -> None:
    assert _say("el plazo de cobro {period:del}", period=TextArg(value=period)) == said


def test_each_period_of_a_list_takes_its_own() -> None:
    periods = ListArg(value=[TextArg(value="1040-2021"), TextArg(value="TFRP-2024Q1")])
    assert _say("avisos {periods:por}", periods=periods) == (
        "avisos por el Formulario 1040, 2021 y por la multa de recuperación del fondo fiduciario, "
        "primer trimestre de 2024"
    )
    assert _say("{periods}", periods=periods).startswith("Formulario 1040, 2021 y multa")  # a label: as it is


def test_a_period_said_with_a_fact_of_its_own_takes_it_too() -> None:
    fact = message("R6343-A1.period_csed", period=TextArg(value="1040-2012"), csed=date(2023, 5, 1))
    said = _say("el plazo {periods:del}", periods=ListArg(value=[MessageArg(value=fact)]))
    assert said.startswith("el plazo del Formulario 1040, 2012 (")


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return [node] if isinstance(node, str) else []


def test_no_spanish_template_names_a_period_after_a_bare_preposition() -> None:
    texts = _texts(catalog.messages("es")) + _texts(catalog.plan_texts("es")) + _texts(catalog.question_texts("es"))
    assert [t for t in texts if BARE.search(t)] == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_spanish_page_says_a_form_without_its_article(path: Path) -> None:
    page = " ".join(re.sub(r"<[^>]+>", " ", analysis_html(analyze(load_case(path), date(2026, 11, 23)), "es")).split())
    assert re.search(r"\b(?:de|por|para) (?:Formulario \d|año tributario|período tributario que)", page) is None
