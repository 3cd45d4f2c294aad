"""Is a hearing request a Collection Due Process request? One answer for every rule, the CSED engine and the plan.

A written hearing request made within the CDP period of the hearing notice it answers is a CDP request,
whatever box is checked on Form 12153: the form's equivalent-hearing box applies only "if my CDP request
is late", and a timely request gives a CDP hearing (Ruhaak v. Commissioner, 157 T.C. No. 9 (2021);
Treas. Reg. § 301.6330-1(i)(1), (2) Q&A-I7). A request made after the CDP period is an equivalent
hearing request (Treas. Reg. §§ 301.6330-1(i), 301.6320-1(i)).

Only the first hearing notice for a tax period gives the CDP hearing: "Such notice shall be required only
once for the taxable period" (§ 6330(a)(1)); "only the first pre-levy or post-levy CDP Notice with respect
to the unpaid tax and tax periods entitles the taxpayer to request a CDP hearing" (Treas. Reg.
§ 301.6330-1(b)(2) Q&A-B2, as quoted in Orum v. Comm'r, 123 T.C. 1 (2004)). A later notice for the same
periods (a reminder, a second CDP notice) therefore starts no new CDP period (``Window.repeat``).

The CDP and equivalent-hearing periods themselves are computed once, in ``appeals_windows``; this module
only decides which period a request falls in. ``law/appeals.py`` (CDP-5, CDP-4, CDP-6, EH-1),
``law/appeals_tax_court.py`` (CDP-15), ``law/discretionary_cdp.py`` (R6330-E1, R6330-E2) and the CSED
engine (``calc/csed_events_more.py``) all read ``request_kind``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from levynav.law import appeals_windows
from levynav.law.appeals_windows import Window
from levynav.law.rule import Context, Rule
from levynav.model.analysis import Effect, Finding, Outcome
from levynav.model.case import Case, HearingRequest

REQUEST_KIND = Rule(
    id="CDP-16",
    title="Is your hearing request a Collection Due Process request?",
    cites=("CDP-16", "CDP-5", "CDP-6", "EH-1"),
    effect=Effect.INFO,
)


@dataclass(frozen=True)
class RequestKind:
    """Which hearing a request asks for: ``cdp`` True (CDP), False (equivalent hearing), None (cannot tell)."""

    index: int
    request: HearingRequest
    cdp: bool | None
    window: Window | None  # the notice whose CDP period decided it
    missing: tuple[str, ...] = ()
    box_overridden: bool = False  # equivalent-hearing box ticked on a timely request (Ruhaak)

    @property
    def subject(self) -> str:
        return f"proceedings.hearing_requests[{self.index}]"

    @property
    def last(self) -> date | None:
        return self.window.cdp_last if self.window is not None else None


def _overlap(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def candidates(case: Case, req: HearingRequest) -> list[Window]:
    """The first hearing notices (not repeats) of the request's kind that cover its periods and came before it."""
    out = []
    for w in appeals_windows.windows(case):
        if w.kind is not req.kind or w.repeat or w.before_cdp or not _overlap(req.tax_periods, w.notice.tax_periods):
            continue
        start = w.notice.notice_date
        if start is not None and req.request_date < start:
            continue
        out.append(w)
    return out


def request_kind(case: Case, j: int) -> RequestKind:
    """The one answer to "is request ``j`` a CDP request?" (see the module text)."""
    req = case.proceedings.hearing_requests[j]
    found = candidates(case, req)
    if not found:
        return RequestKind(j, req, None, None, ("notices",))
    dated = [w for w in found if w.cdp_last is not None]
    timely = [w for w in dated if req.request_date <= w.cdp_last]  # type: ignore[operator]
    if timely:
        w = timely[0]
        return RequestKind(j, req, True, w, box_overridden=req.equivalent_hearing_box_checked is True)
    undated = [w for w in found if w.cdp_last is None]
    if undated:
        missing = tuple(m for w in undated for m in w.missing) or (f"{undated[0].subject}.notice_date",)
        return RequestKind(j, req, None, undated[0], missing)
    return RequestKind(j, req, False, dated[0])


def request_kinds(case: Case) -> list[RequestKind]:
    return [request_kind(case, j) for j in range(len(case.proceedings.hearing_requests))]


def kind_of(case: Case, req: HearingRequest) -> RequestKind:
    """``request_kind`` for a request object of the case (the CSED engine holds requests, not indexes)."""
    for j, r in enumerate(case.proceedings.hearing_requests):
        if r is req:
            return request_kind(case, j)
    raise ValueError("the hearing request is not one of the case's requests")


def request_kind_findings(case: Case, ctx: Context) -> list[Finding]:
    """CDP-16: one finding per hearing request saying which hearing it is and why."""
    out = []
    for rk in request_kinds(case):
        req = rk.request
        facts: dict[str, Any] = {f"{rk.subject}.request_date": req.request_date, f"{rk.subject}.kind": req.kind}
        if req.equivalent_hearing_box_checked is not None:
            facts[f"{rk.subject}.equivalent_hearing_box_checked"] = req.equivalent_hearing_box_checked
        common: dict[str, Any] = {"subject": rk.subject, "facts": facts, "requested": req.request_date}
        if rk.window is not None:
            facts.update(rk.window.facts)
            common["params"] = rk.window.params
            common["notice"] = rk.window.notice.type.value
        if rk.cdp is None:
            out.append(REQUEST_KIND.finding(Outcome.UNKNOWN, "unknown", missing=rk.missing, **common))
        elif rk.cdp:
            assert rk.window is not None
            key = "cdp_box_overridden" if rk.box_overridden else "cdp"
            out.append(
                REQUEST_KIND.finding(
                    Outcome.APPLIES, key, value=rk.last, last=rk.last, counted=rk.window.cdp_note, **common
                )
            )
        else:
            assert rk.window is not None
            out.append(
                REQUEST_KIND.finding(
                    Outcome.DOES_NOT_APPLY,
                    "equivalent",
                    value=rk.last,
                    last=rk.last,
                    counted=rk.window.cdp_note,
                    **common,
                )
            )
    return out
