"""Small readers of the case that many rules share."""

from __future__ import annotations

from levynav.model.case import Case, Levy, TaxPeriod


def levy_subject(index: int) -> str:
    return f"levies[{index}]"


def levy_periods(case: Case, levy: Levy) -> tuple[list[TaxPeriod], list[str]]:
    """The tax periods a levy collects (all periods of the case when the levy names none), with paths."""
    chosen = []
    for i, p in enumerate(case.tax_periods):
        if not levy.tax_periods or p.id in levy.tax_periods:
            chosen.append((p, f"tax_periods[{i}]"))
    return [p for p, _ in chosen], [path for _, path in chosen]


def is_individual(case: Case) -> bool:
    return case.taxpayer.kind.value == "individual"
