"""Does a hearing notice count if it never reached the person?

"The notice required under paragraph (1) shall be— (A) given in person; (B) left at the dwelling or usual
place of business of such person; or (C) sent by certified or registered mail, return receipt requested, to
such person's last known address" (§ 6330(a)(2)). Receipt is not a condition: "A CDP Notice properly sent by
certified or registered mail to the taxpayer's last known address ... is sufficient to start the 30-day
period ... Actual receipt is not a prerequisite to the validity of the CDP Notice" (Treas. Reg.
§ 301.6320-1(a)(2) Q&A-A11, as quoted in DeSalvo v. Comm'r; the levy regulation points to the same last
known address rule, § 301.6330-1(a)(1), § 301.6212-2). So "I never received a notice" does not mean the levy
was made without one: the questions are whether the IRS issued it (the account transcript shows TC 971 AC 069,
"CDP levy notice", reference TX codes) and whether it went to the last known address (the address on the last
return filed, or a newer one the IRS was clearly told of). A notice sent elsewhere was not given by a method
§ 6330(a)(2) allows; it counts only if it actually reached the person in time (reference CDP-17-ADDRESS,
secondary), as the premature-levy check reads it (``discretionary_cdp._given``):

- mailed elsewhere and it reached the person (``received_date``) by the last day to ask for the hearing: it counts
  (``received_in_time``); after that day: it gave no 30 days to ask and does not count (``received_late``);
- mailed elsewhere and the person says it never reached them: no valid notice was given (``not_given``) — the
  30-day period did not start from it, a levy made on it was made without the notice § 6330(a)(1) requires, and the
  right to a CDP hearing for the period remains (the IRS's own rule for a notice it failed to give properly: "it
  will promptly provide the taxpayer with a substitute CDP Notice and provide the taxpayer with an opportunity to
  request a CDP hearing", Treas. Reg. § 301.6320-1(a)(2) Q&A-A12, as quoted in Kennedy v. Comm'r (T.C. 2008));
- mailed elsewhere, receipt not stated: the date it reached the person is asked for (``wrong_address``).

Whatever the answer, the equivalent hearing's one-year period (Treas. Reg. § 301.6330-1(i)) is shown, since a
person who learns of a notice late usually still has it.
"""

from __future__ import annotations

from typing import Any

from levynav.core.calc import hearing_windows
from levynav.core.law.deciding import informs
from levynav.core.law.rule import APPLIES, DOES_NOT_APPLY, NOT_APPLICABLE, UNKNOWN, Context, Rule
from levynav.core.model.analysis import Effect, Finding, Message, message
from levynav.core.model.case import Case, HearingKind

NOT_RECEIVED = Rule(
    id="CDP-17",
    title="A hearing notice you did not receive may still count",
    cites=("CDP-17", "CDP-17-ADDRESS", "EH-1"),
    effect=Effect.INFO,
)


@informs
def notice_not_received(case: Case, ctx: Context) -> list[Finding]:
    """CDP-17: what non-receipt of a levy hearing notice means (only when non-receipt or a wrong address is stated)."""
    said = case.circumstances.no_levy_notice_received
    out: list[Finding] = []
    levy_windows = [w for w in hearing_windows.windows(case) if w.kind is HearingKind.LEVY and not w.repeat]
    for w in levy_windows:
        if said is not True and w.notice.sent_to_last_known_address is not False:
            continue
        facts: dict[str, Any] = dict(w.facts)
        if said is True:
            facts["circumstances.no_levy_notice_received"] = True
        address = w.notice.sent_to_last_known_address
        if address is not None:
            facts[f"{w.subject}.sent_to_last_known_address"] = address
        common: dict[str, Any] = {"subject": w.subject, "facts": facts, "params": w.params}
        common["notice"] = w.notice.type.value
        if address is False:
            out.append(_wrong_address(case, w, ctx, common))
        elif address is True:
            eh_words = _eh_words(w.eh_last, ctx)
            eh_open = w.eh_last is not None and w.eh_last >= ctx.as_of
            deadline = ["eh.request"] if eh_open and not hearing_windows.cdp_requested_for_all(case, w) else []
            out.append(
                NOT_RECEIVED.finding(APPLIES, "counts", value=w.cdp_last, deadline_ids=deadline, eh=eh_words, **common)
            )
        else:
            missing = [f"{w.subject}.sent_to_last_known_address"]
            eh_words = _eh_words(w.eh_last, ctx)
            out.append(NOT_RECEIVED.finding(UNKNOWN, "address_unknown", missing=missing, eh=eh_words, **common))
    if said is not True or levy_windows:
        return out
    facts = {"circumstances.no_levy_notice_received": True}
    if not case.tax_periods:
        key = "check_transcript_no_period"
        return [NOT_RECEIVED.finding(UNKNOWN, key, facts=facts, missing=["tax_periods"])]
    for k, period in enumerate(case.tax_periods):
        path = f"tax_periods[{k}].cdp_levy_notice_on_transcript"
        shown = period.cdp_levy_notice_on_transcript
        here = {**facts, path: shown} if shown is not None else dict(facts)
        subject = f"tax_periods[{k}]"
        if shown is True:
            out.append(
                NOT_RECEIVED.finding(
                    UNKNOWN, "on_transcript", subject=subject, facts=here, missing=["notices"], period=period.id
                )
            )
        elif shown is False:
            out.append(
                NOT_RECEIVED.finding(NOT_APPLICABLE, "not_on_transcript", subject=subject, facts=here, period=period.id)
            )
        else:
            out.append(
                NOT_RECEIVED.finding(
                    UNKNOWN, "check_transcript", subject=subject, facts=here, missing=[path], period=period.id
                )
            )
    return out


def _wrong_address(case: Case, w: hearing_windows.Window, ctx: Context, common: dict[str, Any]) -> Finding:
    """A notice mailed elsewhere than the last known address (§ 6330(a)(2)(C); Treas. Reg. § 301.6212-2): it counts
    only if it actually reached the person in time to ask for the hearing (see the module docstring; the test is
    ``hearing_windows.not_validly_given``, which the CDP routes read too)."""
    received, last = w.notice.received_date, w.cdp_last
    facts: dict[str, Any] = common["facts"]
    if received is not None and last is not None:
        facts[f"{w.subject}.received_date"] = received
    if hearing_windows.not_validly_given(case, w):
        eh = _eh_words(w.eh_last, ctx, fallback=True)
        if received is not None:
            return NOT_RECEIVED.finding(DOES_NOT_APPLY, "received_late", eh=eh, received=received, **common)
        return NOT_RECEIVED.finding(DOES_NOT_APPLY, "not_given", eh=eh, **common)
    if received is not None and last is not None:
        deadline = ["cdp.request"] if last >= ctx.as_of else []
        return NOT_RECEIVED.finding(
            APPLIES,
            "received_in_time",
            value=last,
            deadline_ids=deadline,
            eh=_eh_words(w.eh_last, ctx),
            received=received,
            cdp_last=last,
            **common,
        )
    missing = [f"{w.subject}.received_date"] if received is None else list(w.missing) or [f"{w.subject}.notice_date"]
    return NOT_RECEIVED.finding(
        UNKNOWN, "wrong_address", missing=missing, eh=_eh_words(w.eh_last, ctx, fallback=True), **common
    )


def _eh_words(eh_last: Any, ctx: Context, fallback: bool = False) -> Message:
    """The equivalent hearing's one-year period in words (never an empty blank). ``fallback``: said of a notice that
    may not count (mailed elsewhere than the last known address) — the equivalent hearing is what to ask for as well
    if the IRS holds that it counts, and a one-year period counted from it that has passed does not close the CDP
    hearing the notice did not validly open."""
    if eh_last is None:
        return message(f"{NOT_RECEIVED.id}.eh_unknown")
    key = "eh_open" if eh_last >= ctx.as_of else "eh_closed"
    return message(f"{NOT_RECEIVED.id}.{key}{'_fallback' if fallback else ''}", eh_last=eh_last)
