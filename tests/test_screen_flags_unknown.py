"""A three-valued screen flag is unknown when a finding that could decide it is unknown (screen/flags.py).

A rule's unknown answer rarely names an effect: "was this levy made before its notices?" unknown must give
``premature_levy`` unknown (None), never "no" (False). An unknown answer about a bar to a *new* levy (effect: no levy)
does not make a levy already made unknown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from levynav.core.analyze import analyze
from levynav.core.law.discretionary_cdp import PREMATURE
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, UNKNOWN
from levynav.core.model.analysis import Effect, Outcome
from levynav.intake.load import case_from_data
from levynav.screen.flags import _flags, flags

AS_OF = date(2026, 11, 23)
EXAMPLE = Path(__file__).parent.parent / "examples" / "expensive-county-wage-levy-finances.yaml"


def _three(findings: list) -> tuple[bool | None, bool | None, bool | None]:
    f = _flags(findings, [], [], None, AS_OF)
    return f.premature_levy, f.barred_levy, f.hardship


def test_an_unknown_premature_levy_check_is_an_unknown_flag_not_false() -> None:
    data = yaml.safe_load(EXAMPLE.read_text())
    for period in data["tax_periods"]:
        period.pop("assessment_date", None)  # whether the notices came after the assessment: unknown
    record = analyze(case_from_data(data), AS_OF)
    checks = [f for f in record.findings if f.rule == "R6330-A1"]
    assert checks and all(f.outcome is Outcome.UNKNOWN for f in checks)
    assert flags(record).premature_levy is None
    # with the assessment dates given, the same levy is in time: the flag is False
    assert flags(analyze(case_from_data(yaml.safe_load(EXAMPLE.read_text())), AS_OF)).premature_levy is False


def test_which_unknown_findings_count() -> None:
    unknown = PREMATURE.finding(UNKNOWN, "unknown")
    assert unknown.effect is None
    assert _three([unknown])[0] is None
    assert _three([unknown, PREMATURE.finding(APPLIES, "premature")])[0] is True  # one applying decides
    assert _three([PREMATURE.finding(APPLIES, "premature"), unknown])[0] is True  # whatever the order
    assert _three([PREMATURE.finding(DOES_NOT_APPLY, "in_time")])[0] is False
    # an unknown naming another effect (a bar to a new levy) does not make a levy made unknown
    assert _three([PREMATURE.finding(UNKNOWN, "unknown", effect=Effect.NO_LEVY)])[0] is False
    assert _three([PREMATURE.finding(UNKNOWN, "unknown", effect=Effect.LEVY_IMPROPER)])[0] is None
