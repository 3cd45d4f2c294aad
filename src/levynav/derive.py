"""Facts the rules need that calculations decide: the CSED of each period, economic hardship.

Runs before the rules; the rules read the results from the ``Context``.
"""

from __future__ import annotations

from datetime import date

from levynav.law.rule import Context, CsedValue
from levynav.model.case import Case


def stated_csed(case: Case) -> dict[str, CsedValue]:
    """The CSED of each period as the case states it (a fact, not computed)."""
    out: dict[str, CsedValue] = {}
    for p in case.tax_periods:
        stated = p.csed or p.irs_stated_csed
        if stated is not None:
            out[p.id] = CsedValue(p.id, stated, "stated", "as stated in the case")
    return out


def build_context(case: Case, as_of: date) -> Context:
    return Context(as_of=as_of, csed=stated_csed(case))
