"""Small readers of the case that many rules share."""

from __future__ import annotations

from datetime import date

from levynav.core.calc.per_analysis import kept_per_analysis
from levynav.core.model.case import Case, Levy, LevyMethod, TaxpayerKind, TaxPeriod


def levy_subject(index: int) -> str:
    if index < len(_SUBJECTS):
        return _SUBJECTS[index]
    return f"levies[{index}]"


# the subjects of the first levies, made once (≈ 23 asked an analysis, each a new string when formatted)
_SUBJECTS = tuple(f"levies[{i}]" for i in range(16))


def levy_periods(case: Case, levy: Levy) -> tuple[list[TaxPeriod], list[str]]:
    """The tax periods a levy collects (all periods of the case when the levy names none), with paths, in the case's
    order. A levy's named periods are found through the case's index of period ids (``_period_index``), not by a
    pass over every period for every levy: linear in the levies and periods, not their product."""
    named = levy.tax_periods
    if not named:
        return list(case.tax_periods), [f"tax_periods[{i}]" for i in range(len(case.tax_periods))]
    index = _period_index(case)
    found = sorted({index[pid] for pid in named if pid in index})
    return [case.tax_periods[i] for i in found], [f"tax_periods[{i}]" for i in found]


def period_position(case: Case, period_id: str | None) -> int | None:
    """The index of the first tax period with that id in the case's list (None when none has it), found through the
    case's index of period ids, not a pass over the periods per call."""
    return None if period_id is None else _period_index(case).get(period_id)


@kept_per_analysis  # made once per analysis (ids are unique in a valid case: Case.reference_problems); read only
def _period_index(case: Case) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, p in enumerate(case.tax_periods):
        index.setdefault(p.id, i)
    return index


def paid_over(levy: Levy, as_of: date) -> bool:
    """Whether the holder had paid the levied money over to the IRS by the analysis date: a payment date on or before
    ``as_of``, or "sent" without a date. A payment date after ``as_of`` is not yet a fact (time is an argument): the
    money is read as scheduled to go, not gone, so a release can still stop it (§ 6332(c), § 6343(a))."""
    sent_on = levy.proceeds_sent_date
    if sent_on is not None:
        return sent_on <= as_of
    return levy.proceeds_sent is True


def payment_scheduled(levy: Levy, as_of: date) -> date | None:
    """The payment date given for the levied money when it is after ``as_of`` (scheduled, not yet paid), else None."""
    sent_on = levy.proceeds_sent_date
    return sent_on if sent_on is not None and sent_on > as_of else None


# read ~10 times an analysis: the member hoisted (read from its class it goes through the enum metaclass), and
# compared by identity (a case's kind is always the enumeration's member), not through the ``.value`` descriptor
_INDIVIDUAL = TaxpayerKind.INDIVIDUAL


def is_individual(case: Case) -> bool:
    return case.taxpayer.kind is _INDIVIDUAL


# Notices only the automated Federal Payment Levy Program sends (IRM 5.11.7; reference R6331-H1).
FPLP_NOTICES = {"CP90", "CP297", "CP297A", "CP297C", "CP91", "CP298"}


def benefit_levy_method(case: Case, levy: Levy) -> tuple[LevyMethod | None, bool]:
    """How a levy on Social Security or federal payments was made: stated, or read from an FPLP notice in the case.

    Returns (method, inferred). A CP90/CP297/CP91/CP298 for the levy's periods (or any, when the levy names none)
    shows the automated program; nothing in the case shows a manual levy unless stated.
    """
    if levy.method is not None:
        return levy.method, False
    any_period, periods = _fplp_periods(case)
    if any_period is None:
        return None, False  # no FPLP notice in the case
    if any_period or not levy.tax_periods or not periods.isdisjoint(levy.tax_periods):
        return LevyMethod.FPLP, True
    return None, False


@kept_per_analysis  # once per analysis, not one pass over the notices per levy; read only
def _fplp_periods(case: Case) -> tuple[bool | None, frozenset[str]]:
    """The case's FPLP notices summed up: None when there is none, else whether one names no period (so is for any
    period); and the periods they name."""
    fplp = [n for n in case.notices if n.type.value in FPLP_NOTICES]
    any_period = any(not n.tax_periods for n in fplp) if fplp else None
    return any_period, frozenset(p for n in fplp for p in n.tax_periods)
