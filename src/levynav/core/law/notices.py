"""Which IRS notices do what, and which notice of a case counts for given tax periods.

Shared by the rule modules. Classification follows the references:

- Pre-levy Collection Due Process notices (§ 6330(a)): LT11 (Automated Collection System), Letter 1058
  (field Collection), CP90 and CP297 (Federal Payment Levy Program). Reference appeals-alternatives
  CDP-3; D1.
- The hearing notice is required once per tax period (§ 6330(a)(1)): an LT11 or Letter 1058 sent earlier for
  the period satisfies it for a later federal payment levy, and the IRS then sends a CP91 or CP298 (final notice
  before a Social Security levy), which is not a CDP notice and gives no new hearing (law/hearing_notice_once.py,
  reference CDP-18).
- Post-levy CDP notices (§ 6330(f)): CP92 (state tax refund levy, (f)(2)), CP297A (disqualified employment tax
  levy, (f)(3), (h)(1): irs.gov "Understanding your CP297A notice": "If you had a hearing on unpaid employment tax
  periods, you aren't entitled to a pre-levy hearing under IRC Section 6330 for any unpaid employment tax periods
  that occur within 2 years after those periods") and CP297C (federal contractor levy, (f)(4), (h)(2):
  irs.gov "Understanding your CP297C notice": "Federal contractors do not have the right to a pre-levy
  hearing"). Reference D2, CDP-4.
- § 6331(d) notices of intent to levy: CP504, its business version CP504B (irs.gov "Understanding your CP504B
  notice": "We're providing you with this notice of intent to levy as required by Internal Revenue Code section
  6331(d)" ... "In most other situations, before we levy on your property or rights to property, we'll send you a
  notice that gives you the opportunity to request a Collection Due Process hearing"), and every pre-levy CDP notice
  (LT11, Letter 1058, CP90, CP297 are each titled a notice of intent to levy). CP504 and CP504B carry no hearing
  right. Reference D21, CDP-3.
- Notice and demand for payment (§ 6303(a), § 6331(a)): the first balance-due notice, CP14 (irs.gov "Understanding
  your CP14 notice": "We sent you this notice because you owe money on unpaid taxes"). The later balance-due
  reminders (CP501, CP503, CP504, CP504B) also state the amount and demand payment (``is_payment_demand``).

A notice that names no tax periods is taken to cover every period (the person may not have written
them down); a notice that names periods covers only those. That reading is never used to take a hearing away:
whether a later hearing notice repeats an earlier one, or which earlier notice holds a CP91's hearing dates, is
known only when both notices list their periods (``calc.hearing_windows._repeat``, ``law/hearing_notice_once.py``);
otherwise the periods are asked. Dates are counted from the later of the
printed date and the mailing date (Weiss v. Commissioner, 147 T.C. 179 (2016)) by
``calc.dates.counting_start``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from levynav.core import lawdata
from levynav.core.calc.dates import counting_start, holiday_labels
from levynav.core.calc.hearing_windows import Window
from levynav.core.calc.per_analysis import kept_per_analysis
from levynav.core.model.analysis import Message, message
from levynav.core.model.case import Case, HearingKind, Notice, NoticeType
from levynav.core.model.message import label_arg

PRE_LEVY_CDP = frozenset({NoticeType.LT11, NoticeType.LETTER_1058, NoticeType.CP90, NoticeType.CP297})
POST_LEVY_CDP = frozenset({NoticeType.CP92, NoticeType.CP297A, NoticeType.CP297C})
INTENT_TO_LEVY = frozenset({NoticeType.CP504, NoticeType.CP504B}) | PRE_LEVY_CDP
NOTICE_AND_DEMAND = frozenset({NoticeType.CP14})
PAYMENT_DEMANDS = NOTICE_AND_DEMAND | frozenset(
    {NoticeType.CP501, NoticeType.CP503, NoticeType.CP504, NoticeType.CP504B}
)


def is_cdp_levy_notice(kind: NoticeType) -> bool:
    """A pre-levy § 6330 notice: final notice of intent to levy and of the right to a hearing."""
    return kind in PRE_LEVY_CDP


def is_post_levy_cdp_notice(kind: NoticeType) -> bool:
    """A § 6330(f) notice sent after a levy that was allowed before the hearing (CP92, CP297A, CP297C)."""
    return kind in POST_LEVY_CDP


def is_intent_to_levy_notice(kind: NoticeType) -> bool:
    """A § 6331(d) notice of intent to levy (CP504, CP504B, or any pre-levy CDP notice)."""
    return kind in INTENT_TO_LEVY


def is_notice_and_demand(kind: NoticeType) -> bool:
    """Notice and demand for payment under § 6303(a) (the first bill, CP14)."""
    return kind in NOTICE_AND_DEMAND


def is_payment_demand(kind: NoticeType) -> bool:
    """A balance-due notice that states the amount and demands payment: CP14 or a later reminder
    (CP501, CP503, CP504, CP504B). The IRS sends the reminders only after the first bill, so the rules read one
    as showing that notice and demand was made by its date when no CP14 is known (an interpretation)."""
    return kind in PAYMENT_DEMANDS


@dataclass(frozen=True)
class NoticeRef:
    """One notice of the case, where it sits (``notices[2]``) and the date its periods count from."""

    index: int
    notice: Notice
    start: date | None

    @property
    def path(self) -> str:
        return f"notices[{self.index}]"

    @property
    def kind(self) -> str:
        return self.notice.type.value

    @property
    def counted(self) -> Message:
        """How the notice's periods are counted, as a message reference (the renderers say it in words)."""
        return counted_from(self.notice.notice_date, self.notice.mailing_date)

    def date_paths(self) -> list[str]:
        """The paths to ask for when the start date is unknown."""
        return [f"{self.path}.notice_date", f"{self.path}.mailing_date"]


def ref(case: Case, index: int) -> NoticeRef:
    n = case.notices[index]
    return NoticeRef(index, n, counting_start(n.notice_date, n.mailing_date))


def covers(notice: Notice, period_id: str | None) -> bool:
    """Whether the notice is about the period (``None`` = any period)."""
    return period_id is None or not notice.tax_periods or period_id in notice.tax_periods


def notices_where(
    case: Case, kind: Callable[[NoticeType], bool], periods: Iterable[str | None] = (None,)
) -> list[NoticeRef]:
    """Notices of a kind that cover at least one of the periods, earliest start first (unknown last)."""
    wanted = list(periods) or [None]
    found = [ref(case, i) for i, n in enumerate(case.notices) if kind(n.type) and any(covers(n, p) for p in wanted)]
    return sorted(found, key=lambda r: (r.start is None, r.start or date.min, r.index))


def earliest_for_period(case: Case, kind: Callable[[NoticeType], bool], period_id: str | None) -> NoticeRef | None:
    """The notice of that kind about the period that starts earliest (a dated one before an undated one, then the
    first listed): ``notices_where(case, kind, [period_id])[0]``, found in one pass, one NoticeRef made."""
    index = _earliest_index(case)
    best: _Order | None = None
    for notice_type, (overall, any_period, by_period) in index.items():
        if not kind(notice_type):
            continue
        for order in (overall,) if period_id is None else (any_period, by_period.get(period_id)):
            if order is not None and (best is None or order < best):
                best = order
    if best is None:
        return None
    n = case.notices[best[2]]
    return NoticeRef(best[2], n, counting_start(n.notice_date, n.mailing_date))


# A notice's place in "earliest first": (no start date, the start date, its index) — undated last, then as listed.
_Order = tuple[bool, date, int]


@kept_per_analysis  # once per analysis, not one pass over the notices per (kind, period) asked; read only
def _earliest_index(case: Case) -> dict[NoticeType, tuple[_Order, _Order | None, dict[str, _Order]]]:
    """For each notice type in the case: the earliest notice of the type, the earliest that names no period (it is
    about every period), and by period id the earliest that names it."""
    out: dict[NoticeType, tuple[_Order, _Order | None, dict[str, _Order]]] = {}
    for i, n in enumerate(case.notices):
        start = counting_start(n.notice_date, n.mailing_date)
        order: _Order = (start is None, start or date.min, i)
        overall, any_period, by_period = out.get(n.type, (order, None, {}))
        overall = min(overall, order)
        if not n.tax_periods:
            any_period = order if any_period is None else min(any_period, order)
        for pid in n.tax_periods:
            known = by_period.get(pid)
            if known is None or order < known:
                by_period[pid] = order
        out[n.type] = (overall, any_period, by_period)
    return out


def cdp_notice_for_periods(case: Case, periods: Iterable[str]) -> NoticeRef | None:
    """The pre-levy CDP notice (LT11, Letter 1058, CP90, CP297) for these periods that starts earliest.

    ``periods`` are tax period ids; an empty list means "any period". The notice must cover every
    period asked about; if none does, the earliest notice covering any of them is returned.
    """
    wanted = [p for p in periods]
    found = notices_where(case, is_cdp_levy_notice, wanted or [None])
    full = [r for r in found if all(covers(r.notice, p) for p in wanted)]
    if full:
        return full[0]
    return found[0] if found else None


def post_levy_cdp_notice_for_periods(case: Case, periods: Iterable[str]) -> NoticeRef | None:
    """The post-levy CDP notice (CP92, CP297A, CP297C) for these periods that starts earliest."""
    wanted = [p for p in periods]
    found = notices_where(case, is_post_levy_cdp_notice, wanted or [None])
    return found[0] if found else None


def repeat_key(base: str, missing: Iterable[str]) -> str:
    """The message key for a notice that may repeat an earlier one: ``base`` when only tax periods are asked; with
    ``_facts`` when a notice's date (which came first) or whether it is about a later-assessed tax is asked."""
    return base if all(m.endswith(".tax_periods") for m in missing) else f"{base}_facts"


def counted_from(printed: date | None, mailed: date | None) -> Message:
    """How a notice's periods are counted (``calc.dates.counting_start``), as a message reference: from the
    printed date, or from a later mailing date (Weiss), or not at all when neither date is known.

    A function of the two dates alone, asked for every hearing window and notice in every analysis: made once per
    Law bundle and pair of dates and kept on it (a shared message record, never changed)."""
    known: dict[tuple[date | None, date | None], Message] = lawdata.kept("notices.counted_from")
    said = known.get((printed, mailed))
    if said is None:
        said = known[printed, mailed] = _counted_from(printed, mailed)
    return said


def _counted_from(printed: date | None, mailed: date | None) -> Message:
    if printed is None and mailed is None:
        return message("note.counted_unknown")
    if mailed is not None and printed is None:
        return message("note.counted_mailed")
    if mailed is not None and printed is not None and mailed > printed:
        return message("note.counted_mailed_later", printed=printed)
    return message("note.counted_printed")


def rolled_reason(raw: date) -> Message:
    """Why a last day falling on ``raw`` moves to the next business day (§ 7503): a weekend day or a holiday."""
    holidays = holiday_labels(raw)
    if holidays:
        return message("note.rolled_holiday", day=raw, holiday=holidays)
    return message("note.rolled_weekend", day=raw, weekday=label_arg("weekday", raw.strftime("%A").lower()))


def window_gap(w: Window) -> Message:
    """Why a date of this window cannot be counted from the law encoded (a message reference)."""
    on = w.notice.nftl_filed_date if w.kind is HearingKind.LIEN else w.notice.notice_date
    which = "request" if any(p.startswith("cdp.") for p in w.gaps) else "one_year"
    return message(f"note.gap_{which}", on=on)


def window_counted(w: Window) -> Message:
    """How a hearing window's CDP period was counted, as a message reference."""
    n = w.notice
    if w.kind is not HearingKind.LIEN:
        return counted_from(n.notice_date, n.mailing_date)
    if n.nftl_filed_date is None:
        return message("note.counted_lien_printed" if n.response_date else "note.counted_lien_unknown")
    business = next((u for u in w.params if u.id == "cdp.lien_notice_business_days"), None)
    if w.cdp is None or business is None or not isinstance(business.value, int):
        return message("note.counted_lien_not_counted")
    if n.response_date is not None and n.response_date != w.cdp.last:
        return message("note.counted_lien_both", start=w.cdp.start, business=business.value, printed=n.response_date)
    return message("note.counted_lien", start=w.cdp.start, business=business.value)
