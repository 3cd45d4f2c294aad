"""The last day to petition the Tax Court after a CDP determination, and how a petition stands — one answer.

§ 6330(d)(1): the person "may, within 30 days of a determination under this section, petition the Tax Court"; the last
day is moved off a Saturday, Sunday or DC legal holiday (§ 7503). The 30 days are not jurisdictional and may be
equitably tolled (Boechler, P.C. v. Comm'r, 596 U.S. 199 (2022)); the court's ruling on a late petition, when known
(``HearingRequest.tax_court_late_petition_accepted``), decides: accepted, it counts as a timely one; refused, it did
not run its course. The determination is final when the time to petition has run with no petition, or when the court's
decision is final (Treas. Reg. § 301.6330-1(g)(1)-(2) Q&A-G1; United States v. Kollman, 774 F.3d 592 (9th Cir. 2014)).

Read by the Tax Court route (``law/appeals_tax_court.py``, CDP-15, and its deadline), the levy stop
(``law/discretionary_cdp.stay_end``, R6330-E1) and the collection statute's CDP pause
(``calc/csed_hearings_and_claims._cdp``, CSED-3.1): before round 9 each counted the 30 days and judged the petition
itself (audit 2026-12-07, round 9, law30). The collection statute names its own parameter
(``csed.cdp_tax_court_petition_days``, with its own citation); the count and the judgment are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from levynav.core.calc.dates import LastDay, last_day_after
from levynav.core.calc.hearing_windows import param_use
from levynav.core.model.analysis import ParamUse

TAX_COURT_DAYS: Final = "tax_court.cdp_petition_days"
CSED_DAYS: Final = "csed.cdp_tax_court_petition_days"

# how a petition stands (``CdpPetition.status``); None: no petition
TIMELY: Final = "timely"  # filed by the last day
LATE: Final = "late"  # after it, no ruling known: the court may still accept it (Boechler)
ACCEPTED: Final = "accepted"  # after it, and the court accepted it: a timely petition
REFUSED: Final = "refused"  # after it, and the court refused it: the 30 days ended the stop and the pause


@dataclass(frozen=True, slots=True)
class CdpPetition:
    """The 30 days after a determination (``window``, the parameter used ``use``) and the petition's standing."""

    window: LastDay
    use: ParamUse
    days: int
    status: str | None

    @property
    def last(self) -> date:
        """The last day to petition (moved by § 7503)."""
        return self.window.last

    @property
    def counts(self) -> bool:
        """A petition that keeps the determination from becoming final: filed in time, or late and accepted."""
        return self.status in (TIMELY, ACCEPTED)


def cdp_petition(
    determination: date, petition: date | None, accepted: bool | None, pid: str = TAX_COURT_DAYS
) -> CdpPetition | None:
    """The petition period of a determination made on ``determination`` and how a petition filed on ``petition``
    stands, the court's ruling on it (``accepted``) read only when it is late. None when the law for the date is not
    encoded (no whole number of days)."""
    use = param_use(pid, determination)
    if use is None or not isinstance(use.value, int):
        return None
    window = last_day_after(determination, use.value)
    if petition is None:
        status = None
    elif petition <= window.last:
        status = TIMELY
    elif accepted is None:
        status = LATE
    else:
        status = ACCEPTED if accepted else REFUSED
    return CdpPetition(window, use, use.value, status)
