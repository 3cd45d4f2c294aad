"""Is a hearing request a Collection Due Process request? One answer for every rule, the CSED engine and the plan.

A written hearing request made within the CDP period of the hearing notice it answers is a CDP request,
whatever box is checked on Form 12153: the form's equivalent-hearing box applies only "if my CDP request
is late", and a timely request gives a CDP hearing (Ruhaak v. Commissioner, 157 T.C. No. 9 (2021);
Treas. Reg. § 301.6330-1(i)(1), (2) Q&A-I7). A request made after the CDP period is an equivalent
hearing request (Treas. Reg. §§ 301.6330-1(i), 301.6320-1(i)) — unless the notice started no CDP period for the
tax: a levy notice not validly given (CDP-17, ``not_given``), or one given before the period's first assessment
(reference NC-ASSESSED, ``before_assessment``); then the request is not late for that tax and its kind is unknown
(the CDP reading first). With that assessment date unknown, a request late by the notice's days is of unknown kind
too, the date asked (``assessment_unknown``).

Only the first hearing notice for a tax period gives the CDP hearing: "Such notice shall be required only
once for the taxable period" (§ 6330(a)(1)); "only the first pre-levy or post-levy CDP Notice with respect
to the unpaid tax and tax periods entitles the taxpayer to request a CDP hearing" (Treas. Reg.
§ 301.6330-1(b)(2) Q&A-B2, as quoted in Orum v. Comm'r, 123 T.C. 1 (2004)). A later notice for the same
periods (a reminder, a second CDP notice) therefore starts no new CDP period (``Window.repeat``). When the periods
of the earlier notice (or of the later one) are not given, whether the later notice repeats it is unknown
(``Window.repeat_missing``): a request in time only for the later notice is then of an unknown kind, the periods
asked.

The CDP and equivalent-hearing periods, and which period a request falls in (``request_kind``), are computed
once, in ``calc/hearing_windows.py`` (below the rules: the CSED engine reads them too); this module holds
the rule. ``law/appeals.py`` (CDP-5, CDP-4, CDP-6, EH-1),
``law/appeals_tax_court.py`` (CDP-15), ``law/discretionary_cdp.py`` (R6330-E1, R6330-E2) and the CSED
engine (``calc/csed_hearings_and_claims.py``) all read ``request_kind``.
"""

from __future__ import annotations

from typing import Any

from levynav.core.calc.hearing_windows import RequestKind as RequestKind
from levynav.core.calc.hearing_windows import kind_of as kind_of
from levynav.core.calc.hearing_windows import request_kind as request_kind
from levynav.core.calc.hearing_windows import request_kinds
from levynav.core.law.deciding import informs
from levynav.core.law.notices import repeat_key, window_counted
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, UNKNOWN, Context, Rule
from levynav.core.model.analysis import Effect, Finding
from levynav.core.model.case import Case

NOT_GIVEN_CITES = ("CDP-17-ADDRESS", "CDP-17-REQUEST")  # a request after a notice that started no 30 days
REQUEST_KIND = Rule(
    id="CDP-16",
    title="Is your hearing request a Collection Due Process request?",
    cites=("CDP-16", "CDP-5", "CDP-6", "EH-1"),
    effect=Effect.INFO,
)


@informs
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
        if rk.before_assessment and rk.window is not None:
            # after the days of a levy notice given before a period of the hearing was assessed: not late for that tax
            # (no valid hearing notice for it yet, a proper one still owed); how Appeals classes it is not known, the
            # CDP reading first (hearing_windows._request_kind; reference NC-ASSESSED)
            pid, on = rk.before_assessment[0]
            index = next(k for k, p in enumerate(case.tax_periods) if p.id == pid)
            facts[f"tax_periods[{index}].assessment_date"] = on
            out.append(
                REQUEST_KIND.finding(
                    UNKNOWN,
                    "before_assessment",
                    also_cites=("NC-ASSESSED",),
                    last=rk.last,
                    counted=window_counted(rk.window),
                    period=pid,
                    assessed=on,
                    **common,
                )
            )
        elif rk.assessment_unknown and rk.window is not None:
            # late by the notice's days, unless the notice came before the tax was assessed: the date is asked
            out.append(
                REQUEST_KIND.finding(
                    UNKNOWN,
                    "unknown_assessment",
                    also_cites=("NC-ASSESSED",),
                    missing=rk.missing,
                    last=rk.last,
                    counted=window_counted(rk.window),
                    **common,
                )
            )
        elif rk.not_given:
            # after the day of a notice that started no 30 days: not late; how Appeals classes it is not known (no
            # fact decides it), the CDP reading first (hearing_windows._request_kind)
            out.append(REQUEST_KIND.finding(UNKNOWN, "not_given", also_cites=NOT_GIVEN_CITES, **common))
        elif rk.cdp is None:
            # a postponement with unknown dates (§§ 7508, 7508A) may make it timely; else the notice is missing
            postponed = any(m.startswith("proceedings.postponements") for m in rk.missing)
            # in time only for a notice that may repeat an earlier one: which periods each notice lists decides
            repeat = rk.window is not None and bool(rk.window.repeat_missing) and rk.missing == rk.window.repeat_missing
            key = (
                "unknown_postponement"
                if postponed
                else repeat_key("unknown_repeat", rk.missing)
                if repeat
                else "unknown"
            )
            out.append(REQUEST_KIND.finding(UNKNOWN, key, missing=rk.missing, **common))
        elif rk.cdp:
            assert rk.window is not None
            key = "cdp_box_overridden" if rk.box_overridden else "cdp_postponed" if rk.postponed else "cdp"
            out.append(
                REQUEST_KIND.finding(
                    APPLIES, key, value=rk.last, last=rk.last, counted=window_counted(rk.window), **common
                )
            )
        else:
            assert rk.window is not None
            out.append(
                REQUEST_KIND.finding(
                    DOES_NOT_APPLY,
                    "equivalent",
                    value=rk.last,
                    last=rk.last,
                    counted=window_counted(rk.window),
                    **common,
                )
            )
    return out
