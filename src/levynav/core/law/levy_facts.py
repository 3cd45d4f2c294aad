"""Small readers of the case that many rules share."""

from __future__ import annotations

from levynav.core.model.case import Case, Levy, LevyMethod, TaxPeriod


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


# Notices only the automated Federal Payment Levy Program sends (IRM 5.11.7; reference R6331-H1).
FPLP_NOTICES = {"CP90", "CP297", "CP297A", "CP91", "CP298"}


def benefit_levy_method(case: Case, levy: Levy) -> tuple[LevyMethod | None, bool]:
    """How a levy on Social Security or federal payments was made: stated, or read from an FPLP notice in the case.

    Returns (method, inferred). A CP90/CP297/CP91/CP298 for the levy's periods (or any, when the levy names none)
    shows the automated program; nothing in the case shows a manual levy unless stated.
    """
    if levy.method is not None:
        return levy.method, False
    for n in case.notices:
        if n.type.value in FPLP_NOTICES and (
            not levy.tax_periods or not n.tax_periods or set(n.tax_periods) & set(levy.tax_periods)
        ):
            return LevyMethod.FPLP, True
    return None, False
