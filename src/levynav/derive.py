"""Facts the rules need that calculations decide: the CSED of each period, economic hardship.

Runs before the rules; the rules read the results from the ``Context``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.law.rule import Context, CsedValue, Decided
from levynav.model.case import Case


def stated_csed(case: Case) -> dict[str, CsedValue]:
    """The CSED of each period as the case states it (a fact, not computed)."""
    out: dict[str, CsedValue] = {}
    for p in case.tax_periods:
        stated = p.csed or p.irs_stated_csed
        if stated is not None:
            out[p.id] = CsedValue(p.id, stated, "stated", "as stated in the case")
    return out


def _csed(case: Case, as_of: date) -> dict[str, CsedValue]:
    """CSED per tax period (owned by the CSED engine, issue 4)."""
    return stated_csed(case)


def _finances(case: Case, as_of: date) -> tuple[Decided | None, dict[str, Any] | None]:
    """Economic hardship and the finances section (owned by the ability-to-pay work, issue 3)."""
    return None, None


def build_context(case: Case, as_of: date) -> Context:
    hardship, finances = _finances(case, as_of)
    return Context(as_of=as_of, csed=_csed(case, as_of), hardship=hardship, finances=finances)
