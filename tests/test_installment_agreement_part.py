"""An installment agreement for some of a levy's periods (§ 6343(a)(1)(C) "to satisfy such liability", release "upon
all, or part of" the property): a partial release, with its own plan step that asks for that part, a release request
that asks for it "as far as the grounds above reach it", and words in English and Spanish."""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.core.analyze import analyze
from levynav.core.model.analysis import Effect, Outcome
from levynav.documents.letters import letters_for
from levynav.documents.pdf import html_to_pdf, pdf_text
from levynav.explain.render import english, render
from levynav.intake.load import case_from_data


def _case(agreement_periods: list[str] | None, levy_periods: list[str] | None = None) -> dict[str, Any]:
    ia: dict[str, Any] = {"status": "entered", "entered_date": "2026-02-15", "agreement_keeps_levy": False}
    if agreement_periods is not None:
        ia["tax_periods"] = agreement_periods
    levy: dict[str, Any] = {"kind": "wages", "served_date": "2026-01-10", "holder": "Example Employer"}
    if levy_periods is not None:
        levy["tax_periods"] = levy_periods
    return {
        "taxpayer": {"kind": "individual", "name": "Test Person"},
        "tax_periods": [{"id": "1040-2021", "balance": 3000}, {"id": "1040-2022", "balance": 4000}],
        "levies": [levy],
        "installment_agreements": [ia],
    }


def test_part_covered_is_a_partial_release_with_its_own_step() -> None:
    case = case_from_data(_case(["1040-2021"], ["1040-2021", "1040-2022"]))
    analysis = analyze(case, date(2026, 3, 1))
    ground = [f for f in analysis.findings if f.rule == "R6343-A3"]
    assert [(f.outcome, f.effect, f.message_key) for f in ground] == [
        (Outcome.APPLIES, Effect.PARTIAL_RELEASE, "entered_part")
    ]
    steps = [s for s in analysis.plan if "R6343-A3" in s.rules]
    assert len(steps) == 1
    assert steps[0].text.key.endswith(".variants.entered_part")
    words = next(s for s in english(analysis).plan if "R6343-A3" in s.rules)
    assert "as far as it collects those years" in words.action
    assert "Form 1040, 2022" in words.action  # the period the levy may go on collecting is named (by its name)
    spanish = render(analysis, "es")
    es_step = next(s for s in spanish.plan if "R6343-A3" in s.rules)
    assert "en la medida en que cobra esos años" in es_step.action
    es_finding = next(f for f in spanish.findings if f.rule == "R6343-A3")
    said = es_finding.explanation  # each period by its name, never its id (round 8)
    assert "Formulario 1040, 2021" in said and "Formulario 1040, 2022" in said and "1040-2022" not in said


def test_release_request_asks_for_the_part_the_agreement_covers() -> None:
    case = case_from_data(_case(["1040-2021"], ["1040-2021", "1040-2022"]))
    analysis = analyze(case, date(2026, 3, 1))
    grounds = [f for f in analysis.findings if f.outcome is Outcome.APPLIES and f.effect is Effect.PARTIAL_RELEASE]
    assert [f.rule for f in grounds] == ["R6343-A3"]
    found = [lt for lt in letters_for(case, analysis) if lt.kind == "release_request"]
    assert found
    text = " ".join(pdf_text(html_to_pdf(found[0].html)).split())
    assert "as far as the grounds above reach it" in text
    assert "in full" not in text


def test_all_covered_still_asks_for_the_whole_levy() -> None:
    case = case_from_data(_case(["1040-2021", "1040-2022"], ["1040-2021", "1040-2022"]))
    analysis = analyze(case, date(2026, 3, 1))
    ground = [f for f in analysis.findings if f.rule == "R6343-A3"]
    assert [(f.outcome, f.effect, f.message_key) for f in ground] == [(Outcome.APPLIES, Effect.MUST_RELEASE, "entered")]


def test_agreement_periods_unknown_asks_them_and_keeps_a_step() -> None:
    analysis = analyze(case_from_data(_case(None, ["1040-2021", "1040-2022"])), date(2026, 3, 1))
    ground = next(f for f in analysis.findings if f.rule == "R6343-A3")
    assert ground.outcome is Outcome.UNKNOWN
    assert "installment_agreements[0].tax_periods" in ground.missing
    steps = [s for s in analysis.plan if "R6343-A3" in s.rules]
    assert [s.text.key.rsplit(".", 1)[-1] for s in steps] == ["periods_unknown"]
    for lang in ("en", "es"):
        finding = next(f for f in render(analysis, lang).findings if f.rule == "R6343-A3")
        assert "{" not in finding.explanation


def test_the_agreement_step_bars_new_levies_and_leaves_release_to_its_own_ground() -> None:
    """The step for an agreement in effect (R6331-K2 `in_effect`) spoke only of § 6331(k)(2), which bars a NEW levy,
    and asked to "release this levy" — even one collecting only taxes the agreement does not cover. Now it says the
    bar is on new levies for the taxes covered, and that a levy made before is released under § 6343(a)(1)(C) for
    those taxes; it asks no release itself (R6343-A3's own step does, for the part it reaches)."""
    case = case_from_data(_case(["1040-2021"], ["1040-2022"]))  # the levy collects only a year not covered
    analysis = analyze(case, date(2026, 3, 1))
    assert [s.text.key for s in analysis.plan if "R6343-A3" in s.rules] == []
    step = next(s for s in english(analysis).plan if "R6331-K2" in s.rules)
    assert "does not allow a new levy for the taxes it covers" in step.action
    assert "§ 6343(a)(1)(C)" in step.action
    assert "Please release" not in step.action
    es_step = next(s for s in render(analysis, "es").plan if "R6331-K2" in s.rules)
    assert "embargo nuevo por los impuestos que cubre" in es_step.action and "§ 6343(a)(1)(C)" in es_step.action
