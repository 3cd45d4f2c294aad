"""A notice named inside a Spanish sentence is said in Spanish: "Letter 1058" is "Carta 1058" (as the web's choices
say), the CP and LT numbers stay as printed, and English keeps the IRS's own name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from levynav.core.analyze import analyze
from levynav.explain.html import analysis_html
from levynav.explain.render import notice_name
from levynav.intake.load import load_case

EXAMPLE = Path(__file__).parent.parent / "examples" / "business-bank-levy.yaml"  # a Letter 1058 in its notices


def test_letter_names_in_each_language() -> None:
    assert notice_name("Letter 1058", "es") == "Carta 1058"
    assert notice_name("Letter 3172", "es") == "Carta 3172"
    assert notice_name("LT11", "es") == "LT11"
    assert notice_name("Letter 1058", "en") == "Letter 1058"
    assert notice_name("First Example Bank", "es") == "First Example Bank"  # not a notice type: as given


def test_the_spanish_page_names_the_letter_in_spanish() -> None:
    analysis = analyze(load_case(EXAMPLE), as_of=date(2026, 12, 7))
    spanish = analysis_html(analysis, "es")
    assert "Carta 1058" in spanish
    assert "Letter 1058" not in spanish
    assert "Letter 1058" in analysis_html(analysis, "en")
