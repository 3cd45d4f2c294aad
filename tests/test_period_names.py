"""A tax period is named on every page a person reads as a person reads it ("Form 1040, 2021" / "Formulario 1040,
2021"), never by its case-file id ("1040-2021"): the terminal view, the HTML view and every page of the packet
(the taxpayer's pages in the language, the letters to the IRS in English), for every example, in en and es."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from rich.console import Console

from levynav.core.analyze import analyze
from levynav.explain import terminal
from levynav.explain.html import analysis_html
from levynav.explain.render import period_name
from levynav.intake.load import load_case
from tests.example_packets import AS_OF, EXAMPLES, packet

LANGS = ("en", "es")


def _ids(path: Path) -> list[str]:
    return [p.id for p in load_case(path).tax_periods]


def _raw(body: str, ids: list[str]) -> list[str]:
    """Each place a period's id is said, with some words around it (an id inside a longer word is not one)."""
    flat = " ".join(body.split())
    out = []
    for pid in ids:
        for m in re.finditer(rf"(?<![\w-]){re.escape(pid)}(?![\w-])", flat):
            out.append(flat[max(0, m.start() - 60) : m.end() + 20])
    return out


def _terminal(path: Path, lang: str) -> str:
    buf = io.StringIO()
    out = Console(file=buf, width=160, color_system=None)
    kept = terminal.console
    terminal.console = lambda: out
    try:
        terminal.print_analysis(analyze(load_case(path), AS_OF), lang)
    finally:
        terminal.console = kept
    return buf.getvalue()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_view_names_a_period_by_its_id(path: Path, lang: str) -> None:
    ids = _ids(path)
    html = analysis_html(analyze(load_case(path), AS_OF), lang)
    assert _raw(html, ids) == [], "HTML"
    assert _raw(_terminal(path, lang), ids) == [], "terminal"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_packet_page_names_a_period_by_its_id(path: Path, lang: str) -> None:
    ids = _ids(path)
    pk = packet(path, lang)
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pk.pdf)).pages]
    found = {
        f"page {n + 1} ({kind})": _raw(text, ids)
        for n, (kind, text) in enumerate(zip(pk.page_kinds(), pages, strict=True))
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_the_examples_say_their_periods_by_name() -> None:
    """The test above would pass on a page that names no period at all: the views do name them, in words."""
    path = next(p for p in EXAMPLES if p.stem == "wage-levy-installment-agreement-entered")
    html = analysis_html(analyze(load_case(path), AS_OF), "en")
    assert "Form 1040, 2021" in html
    assert "Formulario 1040, 2021" in analysis_html(analyze(load_case(path), AS_OF), "es")
    assert "Formulario 1040, 2023" in _terminal(path, "es")
    business = next(p for p in EXAMPLES if p.stem == "business-bank-levy")
    assert "Form 941, third quarter of 2025" in _terminal(business, "en")
    assert "Formulario 941, tercer trimestre de 2025" in _terminal(business, "es")


@pytest.mark.parametrize(
    ("pid", "en", "es"),
    [
        ("1040-2021", "Form 1040, 2021", "Formulario 1040, 2021"),
        ("941-2025Q3", "Form 941, third quarter of 2025", "Formulario 941, tercer trimestre de 2025"),
        ("941-2025-Q1", "Form 941, first quarter of 2025", "Formulario 941, primer trimestre de 2025"),
        ("1120-202406", "Form 1120, period ending June 2024", "Formulario 1120, período que termina en junio de 2024"),
        ("tax-2021-06", "tax period ending June 2021", "período tributario que termina en junio de 2021"),
        ("1040-SR-2022", "Form 1040-SR, 2022", "Formulario 1040-SR, 2022"),
        (
            "TFRP-2001Q4",
            "trust fund recovery penalty, fourth quarter of 2001",
            "multa de recuperación del fondo fiduciario, cuarto trimestre de 2001",
        ),
        ("tax-2021", "tax year 2021", "año tributario 2021"),
        ("2021", "2021", "2021"),  # a bare year is read as it is
        # a name the person gave the period in the case is theirs, said as given (no id the program made)
        ("our old debt", "our old debt", "our old debt"),
        ("1040-2021 {0} <b>", "1040-2021 {0} <b>", "1040-2021 {0} <b>"),
    ],
)
def test_period_name(pid: str, en: str, es: str) -> None:
    assert period_name(pid, "en") == en
    assert period_name(pid, "es") == es
