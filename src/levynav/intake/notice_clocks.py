"""The deadlines a notice starts, for `levynav notice`.

Nothing is computed here: the notice is put into a one-notice case and analyzed, so the command shows
exactly the dates `levynav analyze` would — the hearing windows (``law.appeals``) and the notice clocks
(``law.notice_clocks``, NC-1 and NC-2):

- the earliest day a levy may be made after a § 6331(d) notice of intent to levy (CP504, CP504B, and the
  pre-levy CDP notices): "not less than 30 days before the day of the levy" (§ 6331(d)(2); reference
  D21), parameter ``discretionary.intent_to_levy_days``, counted with ``calc.dates``;
- the reply-by date printed on a CP91/CP298 (final notice before a levy on Social Security benefits;
  reference R6331-H1, a secondary source): shown as printed, nothing computed.

Day counts come from the parameter files (no number here). The mailing date is not printed on a
notice, so the count starts from the printed date unless the caller gives a later mailing date
(Weiss v. Commissioner, 147 T.C. 179 (2016)).
"""

from __future__ import annotations

from datetime import date

from levynav.core.analyze import analyze
from levynav.core.calc import hearing_windows
from levynav.core.model.analysis import Deadline, Message, ParamUse, message
from levynav.core.model.case import Case, Notice, Taxpayer, TaxpayerKind

SUBJECT = "notices[0]"


def _one_notice_case(notice: Notice) -> Case:
    """A case holding only this notice (the taxpayer's kind does not enter the hearing windows)."""
    return Case(taxpayer=Taxpayer(kind=TaxpayerKind.INDIVIDUAL), notices=[notice])


def notice_deadlines(notice: Notice, as_of: date) -> tuple[list[Deadline], list[ParamUse], list[Message]]:
    """Deadlines this notice starts (hearing windows, earliest levy, printed dates), parameters used, and what
    could not be counted, as message references (``notice_reading.*``; the words are explain/'s)."""
    analysis = analyze(_one_notice_case(notice), as_of)
    found = [d for d in analysis.deadlines if d.subject == SUBJECT]
    used = list({p.id: p for f in analysis.findings if f.subject == SUBJECT for p in f.parameters}.values())
    notes: list[Message] = []
    if notice.type in hearing_windows.PRE_LEVY | hearing_windows.POST_LEVY and notice.notice_date is None:
        notes.append(Message(key="notice_reading.hearing_date_unread"))
    if notice.type in hearing_windows.LIEN and notice.nftl_filed_date is None and notice.response_date is None:
        notes.append(Message(key="notice_reading.lien_dates_unread"))
    for f in analysis.findings:
        if f.subject == SUBJECT and f.rule == "NC-1" and f.message_key == "law_unknown":
            notes.append(message("notice_reading.earliest_levy_law_unknown", why=f.message))
        if f.subject == SUBJECT and f.rule == "NC-1" and f.message_key == "date_unknown":
            notes.append(Message(key="notice_reading.earliest_levy_date_unread"))
    return sorted(found, key=lambda d: (d.date, d.id)), used, notes
