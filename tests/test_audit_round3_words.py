"""Words of the round-3 audit (2026-12-07) in both catalogs: the lien withdrawal grounds (§ 6323(j)(1)), the
refund-suit bar's limits (§ 6331(i)(3)(B), (6)) and a Form 940-only business (§ 6672(a); § 3301)."""

from __future__ import annotations

from datetime import date

import pytest

from levynav.core.analyze import analyze
from levynav.core.model.analysis import Analysis
from levynav.explain.render import text
from levynav.intake.load import case_from_data

AS_OF = date(2026, 6, 1)


def _run(data: dict[str, object]) -> Analysis:
    return analyze(case_from_data(data), AS_OF)


def _said(a: Analysis, rule: str, lang: str) -> str:
    (f,) = [f for f in a.findings if f.rule == rule]
    return text(f.message, lang)


@pytest.mark.parametrize(("lang", "words"), [("en", "Form 12277"), ("es", "Formulario 12277")])
def test_lien_note_names_form_12277_and_the_agreement_ground(lang: str, words: str) -> None:
    for key in ("lien_only", "with_levy"):
        data: dict[str, object] = {
            "taxpayer": {"kind": "individual"},
            "notices": [{"type": "Letter 3172", "nftl_filed_date": "2026-01-05"}],
        }
        if key == "with_levy":
            data["levies"] = [{"kind": "bank", "served_date": "2026-05-04"}]
        said = _said(_run(data), "LIEN-1", lang)
        assert words in said
        assert ("installment agreement" if lang == "en" else "plan de pagos") in said


@pytest.mark.parametrize(("lang", "words"), [("en", "before the suit began"), ("es", "antes de que comenzara")])
def test_refund_suit_bar_leaves_out_a_levy_made_before_the_suit(lang: str, words: str) -> None:
    a = _run(
        {
            "taxpayer": {"kind": "individual"},
            "tax_periods": [{"id": "6672-2024", "tax_kind": "trust_fund_recovery_penalty"}],
            "proceedings": {"refund_suit_pending": True},
        }
    )
    assert words in _said(a, "R6331-I1", lang)


@pytest.mark.parametrize(("lang", "words"), [("en", "Form 940"), ("es", "Formulario 940")])
def test_form_940_only_business_is_told_there_is_no_trust_fund_part(lang: str, words: str) -> None:
    a = _run(
        {
            "taxpayer": {"kind": "business"},
            "tax_periods": [{"id": "940-2024", "form": "940", "tax_kind": "employment"}],
        }
    )
    said = _said(a, "R6672-W1", lang)
    # the period named as a person reads it, which names the form (round 8: the id "940-2024" and ", Form 940")
    assert f"({words}, 2024)" in said and "940-2024" not in said
