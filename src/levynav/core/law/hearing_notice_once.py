"""Which notice gives the hearing right for a federal payment (Social Security) levy?

"Such notice shall be required only once for the taxable period to which the unpaid tax ... relates"
(§ 6330(a)(1)). For the Federal Payment Levy Program the IRS sends a CP90 or CP297 as the hearing notice when
no hearing notice was sent for the period before; when an LT11 or Letter 1058 was already sent, it sends a
CP91 or CP298, "Final Notice Before Levy on Social Security Benefits", about a balance "we've previously sent a
notice about" (irs.gov CP 91 page; reference CDP-18, a secondary source). A CP91/CP298 therefore gives no new
Collection Due Process hearing: the hearing periods run from the earlier notice (Treas. Reg. § 301.6330-1(b)(2)
Q&A-B2), and no CP90/CP297 needs to come first. Reference D1/D2 list the post-levy notices (CP92, CP297A, CP297C); a
CP91/CP298 comes before the levy.

Which earlier notice holds the hearing dates is known only when both notices list their tax periods and share one;
when either lists none, the earlier notice may be for other periods, and the periods are asked
(``earlier_periods_unknown``), not assumed.

The hearing notice is once per unpaid tax and period: "Only the first pre-levy or post-levy CDP Notice with respect
to the unpaid tax and tax periods entitles the taxpayer to request a CDP hearing" (Treas. Reg. § 301.6330-1(b)(2)
Q&A-B2, reference CDP-16-ONCE). A tax assessed for a period after the earlier notice (an additional assessment,
``tax_periods[].additional_assessment_dates``) is an unpaid tax that notice did not cover. A CP91/CP298 about that tax
(``notices[].for_additional_assessment``) takes its hearing dates from a hearing notice about that tax (one marked
for the later tax, dated on or after the assessment); without one listed, the notice for that tax is asked for
(``later_tax``), since a levy for it needs its own notice (§ 6330(a)(1)). When such an assessment falls between the
earlier notice and the CP91/CP298 and the notice does not say which tax it is about, that is asked
(``later_tax_unknown``), not assumed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.core.calc import hearing_windows
from levynav.core.law.deciding import informs
from levynav.core.law.rule import APPLIES, UNKNOWN, Context, Rule
from levynav.core.model.analysis import Effect, Finding
from levynav.core.model.case import Case, HearingKind, Notice, NoticeType

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_LEVY_HEARING = HearingKind.LEVY

SOCIAL_SECURITY_FINAL = frozenset({NoticeType.CP91, NoticeType.CP298})

ONCE = Rule(
    id="CDP-18",
    title="One hearing notice per tax period: a CP91 or CP298 gives no new hearing",
    cites=("CDP-18", "CDP-16-ONCE", "CDP-1"),
    effect=Effect.INFO,
)


def _overlap(a: list[str], b: list[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


@informs
def final_notice_before_ss_levy(case: Case, ctx: Context) -> list[Finding]:
    """CDP-18: for each CP91/CP298, the earlier hearing notice for its periods and its dates, or the question."""
    out = []
    first_notices = [w for w in hearing_windows.windows(case) if w.kind is _LEVY_HEARING and not w.repeat]
    for i, n in enumerate(case.notices):
        if n.type not in SOCIAL_SECURITY_FINAL:
            continue
        subject = f"notices[{i}]"
        facts: dict[str, Any] = {f"{subject}.type": n.type}
        earlier = [
            w
            for w in first_notices
            if _overlap(n.tax_periods, w.notice.tax_periods)
            and (n.notice_date is None or w.notice.notice_date is None or w.notice.notice_date <= n.notice_date)
        ]
        # a notice for the same periods is known only when both list them; one that lists none may be for others
        known = [w for w in earlier if n.tax_periods and w.notice.tax_periods]
        if earlier and not known:
            w = earlier[0]
            unlisted = [] if n.tax_periods else [f"{subject}.tax_periods"]
            unlisted += [f"{x.subject}.tax_periods" for x in earlier if not x.notice.tax_periods]
            out.append(
                ONCE.finding(
                    UNKNOWN,
                    "earlier_periods_unknown",
                    subject=subject,
                    facts=facts,
                    missing=list(dict.fromkeys(unlisted)),
                    notice=n.type.value,
                    first=w.notice.type.value,
                )
            )
            continue
        earlier = known or earlier
        later = _later_assessments(case, n, earlier)
        if later and n.for_additional_assessment is None:
            out.append(
                ONCE.finding(
                    UNKNOWN,
                    "later_tax_unknown",
                    subject=subject,
                    facts=facts,
                    missing=[f"{subject}.for_additional_assessment"],
                    notice=n.type.value,
                    first=earlier[0].notice.type.value,
                    assessed=later[0],
                )
            )
            continue
        if later and n.for_additional_assessment:
            facts[f"{subject}.for_additional_assessment"] = True
            earlier = [
                w
                for w in earlier
                if w.notice.for_additional_assessment
                and w.notice.notice_date is not None
                and w.notice.notice_date >= later[0]
            ]
            if not earlier:
                out.append(
                    ONCE.finding(
                        UNKNOWN,
                        "later_tax",
                        subject=subject,
                        facts=facts,
                        missing=["notices"],
                        notice=n.type.value,
                        assessed=later[0],
                    )
                )
                continue
        elif later:
            facts[f"{subject}.for_additional_assessment"] = False
        if not earlier:
            out.append(
                ONCE.finding(
                    UNKNOWN,
                    "no_earlier",
                    subject=subject,
                    facts=facts,
                    missing=["notices"],
                    notice=n.type.value,
                )
            )
            continue
        w = earlier[0]
        facts.update(w.facts)
        key = "earlier_dated" if w.cdp_last is not None and w.eh_last is not None else "earlier_undated"
        out.append(
            ONCE.finding(
                APPLIES,
                key,
                subject=subject,
                facts=facts,
                params=w.params,
                value=w.cdp_last,
                notice=n.type.value,
                first=w.notice.type.value,
                cdp_last=w.cdp_last or "",
                eh_last=w.eh_last or "",
            )
        )
    return out


def _later_assessments(case: Case, n: Notice, earlier: list[hearing_windows.Window]) -> list[date]:
    """The dates of tax assessed for the notice's periods after the first earlier hearing notice for them and by
    the notice's own date (any after it when the notice is undated), earliest first (Q&A-B2: "the unpaid tax")."""
    starts = [w.notice.notice_date for w in earlier if w.notice.notice_date is not None]
    if not starts or not n.tax_periods:
        return []
    first = min(starts)
    periods = set(n.tax_periods)
    found = [
        d
        for p in case.tax_periods
        if p.id in periods
        for d in p.additional_assessment_dates
        if first <= d and (n.notice_date is None or d <= n.notice_date)
    ]
    return sorted(found)
