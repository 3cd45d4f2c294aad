"""The packet's letters: one builder per route, each made only when the analysis found that route APPLIES.

`letters_for(case, analysis)` returns the letters in the order a person acts on them. Each letter carries
what it needs for the cover page: where it goes, by when, whether it needs certified mail, and the facts
that are missing (shown in a red box at the top of the letter and at each place in the text).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from levynav.core.model.analysis import Analysis as Record
from levynav.core.model.analysis import Effect, Outcome
from levynav.core.model.case import Case, Owner
from levynav.documents.lettering import (
    ADVISORY_OFFICE,
    HEARING_RULES,
    RELEASE_EFFECTS,
    RETURN_EFFECTS,
    TAS_RULES,
    WRONGFUL_RULES,
    Facts,
    Letter,
    applying,
    common,
    deadline_by_id,
    deadline_for,
    enclosures,
    grounds_for_levy,
    levy_facts,
    render,
)
from levynav.explain.render import RDeadline as Deadline
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import RFinding as Finding
from levynav.explain.render import english

REFUND_RULES = {"R6401-1"}
BANK_CHARGES_RULES = {"RF8546-1"}

KIND_ORDER = [
    "release_request",
    "holder_letter",
    "tas_cover",
    "hearing_cover",
    "return_request",
    "refund_claim",
    "wrongful_levy_claim",
    "form_8546_cover",
]


# The title and where to send it, for the letters whose words do not depend on the case.
HEADS = {
    "return_request": (
        "Request to return levied money",
        "IRS: the office that issued the levy (address on the levy notice)",
    ),
    "refund_claim": (
        "Claim for refund of an overpayment (26 U.S.C. §§ 6401(a), 6402)",
        "IRS: the office that issued the levy (address on the levy notice)",
    ),
    "wrongful_levy_claim": (
        "Wrongful-levy claim (26 U.S.C. § 6343(b))",
        "IRS Collection Advisory office for the area where the taxpayer lives (Publication 4235 "
        "lists the addresses) — a claim sent anywhere else is not effective",
    ),
    "form_8546_cover": (
        "Claim for bank charges (Form 8546 cover letter)",
        "IRS: the office that served the levy (address on your copy of the levy)",
    ),
}


def letters_for(case: Case, analysis: Record | Analysis) -> list[Letter]:
    analysis = english(analysis)
    out: list[Letter] = []
    for builder in (
        release_requests,
        holder_letters,
        tas_covers,
        hearing_covers,
        return_requests,
        refund_claims,
        wrongful_levy_claims,
        form_8546_covers,
    ):
        out.extend(builder(case, analysis))
    return out


def _finish(
    kind: str,
    lid: str,
    title: str,
    send_to: str,
    due: Deadline | None,
    rules: list[str],
    facts: Facts,
    ctx: dict[str, Any],
) -> Letter:
    """The letter of `kind`, rendered from the template of the same name (`<kind>.html.j2`)."""
    ctx.update(missing=facts.missing, due=due, title=title)
    html = render(f"{kind}.html.j2", **ctx)
    return Letter(
        id=lid,
        kind=kind,
        title=title,
        send_to=send_to,
        by=due.date if due else None,
        by_what=due.title if due else None,
        certified=due is not None,
        rules=rules,
        html=html,
        missing=list(facts.missing),
        context=ctx,
    )


def _rules(findings: list[Finding]) -> list[str]:
    return list(dict.fromkeys(f.rule for f in findings))


def _open_levies(case: Case) -> list[int]:
    """Levies the taxpayer can ask about: not released, not someone else's property."""
    return [i for i, lv in enumerate(case.levies) if lv.released_date is None and lv.owner is not Owner.THIRD_PARTY]


def _about_levy(case: Case, analysis: Analysis, i: int) -> tuple[Facts, dict[str, Any], dict[str, Any]]:
    """Start a letter about levy `i`: the missing-facts collector, the levy's facts and the common context.

    The levy's facts are gathered first, so the missing facts keep the order the letters have always shown.
    """
    facts = Facts()
    levy = levy_facts(case, i, facts)
    return facts, levy, common(case, analysis, facts, case.levies[i].tax_periods)


def _levy_letter(
    kind: str,
    i: int,
    title: str,
    send_to: str,
    due: Deadline | None,
    rules: list[str],
    facts: Facts,
    ctx: dict[str, Any],
) -> Letter:
    """A letter about levy `i`, its id made of the kind and the levy (`release-request-levies-0`)."""
    return _finish(kind, f"{kind.replace('_', '-')}-levies-{i}", title, send_to, due, rules, facts, ctx)


def _levies_found(case: Case, analysis: Analysis, rules: set[str]) -> list[tuple[int, str, list[Finding]]]:
    """Each levy (by index and subject) with the applying findings of `rules` about it, in levy order."""
    found = [f for f in applying(analysis) if f.rule in rules]
    out = []
    for i in range(len(case.levies)):
        subject = f"levies[{i}]"
        mine = [f for f in found if f.subject == subject]
        if mine:
            out.append((i, subject, mine))
    return out


def release_requests(case: Case, analysis: Analysis) -> list[Letter]:
    out = []
    for i in _open_levies(case):
        grounds = grounds_for_levy(analysis, i, RELEASE_EFFECTS)
        if not grounds:
            continue
        facts, levy, ctx = _about_levy(case, analysis, i)
        hold = deadline_by_id(analysis, "bank.hold_ends", levy["subject"])
        rules = _rules(grounds)
        hardship = "R6343-A4" in rules
        figures = analysis.finances.hardship if analysis.finances is not None else None
        if hardship and (figures is None or not figures.figures.known()):
            facts.need(
                None,
                "your monthly income and expenses (a finances section, or enclose a signed Form 433-F)",
                "finances",
            )
        returning = grounds_for_levy(analysis, i, RETURN_EFFECTS)
        due = hold or deadline_for(analysis, grounds, levy["subject"])
        extra = ["A copy of the notice of levy (Form 668-A or 668-W) and of the latest IRS notice"]
        ctx.update(
            levy=levy,
            grounds=grounds,
            hold=hold,
            finances=analysis.finances if hardship else None,
            returning=bool(returning),
            # every ground reaches only part of what the levy takes (a period whose statute ran out among others
            # still collectible, property worth more than the debt): the request asks for that part, not the whole
            # (26 U.S.C. § 6343(a)(1): release "upon all, or part of," the property)
            partial_only=all(g.effect is Effect.PARTIAL_RELEASE for g in grounds),
            # every ground leaves the release to the IRS's discretion: the letter says why it should be released,
            # never that it must (a "may release" ground compels nothing; § 6343(a)(1) is the mandatory list)
            discretionary_only=all(g.effect is Effect.MAY_RELEASE for g in grounds),
            enclosed=enclosures(rules, extra),
        )
        send_to = (
            "IRS: call "
            + (ctx["irs"]["phone"] or "the number on your levy notice")
            + " first, then fax or mail this letter to the office on the levy notice"
        )
        out.append(
            _levy_letter(
                "release_request",
                i,
                "Request to release the levy",
                send_to,
                due,
                rules,
                facts,
                ctx,
            )
        )
    return out


def holder_letters(case: Case, analysis: Analysis) -> list[Letter]:
    out = []
    for i in _open_levies(case):
        grounds = grounds_for_levy(analysis, i, RELEASE_EFFECTS)
        if not grounds:
            continue
        facts, levy, ctx = _about_levy(case, analysis, i)
        lv = case.levies[i]
        holder_address = facts.need(
            lv.holder_address, "the address of the bank's or employer's levy department", f"levies[{i}].holder_address"
        )
        hold_rule = [f for f in grounds_for_levy(analysis, i, {Effect.ROUTE_OPEN}) if f.rule == "R6332-C1"]
        hold = deadline_by_id(analysis, "bank.hold_ends", levy["subject"]) if hold_rule else None
        # a bank or employer is told only what it needs to act on a release: no identifying number to write in, no
        # copy of the request to the IRS (that carries the grounds, the household's finances and the full number)
        facts.missing[:] = [g for g in facts.missing if g.path != "taxpayer.tin (full number)"]
        ctx.update(levy=levy, holder_address=holder_address, hold=hold, enclosed=[])
        to = lv.holder or "the bank, employer or agency that got the levy"
        out.append(
            _levy_letter(
                "holder_letter",
                i,
                f"Letter to {to} about the levy",
                f"{to} (levy or payroll department); hand it in or mail it",
                hold,
                _rules(grounds + hold_rule),
                facts,
                ctx,
            )
        )
    return out


def tas_covers(case: Case, analysis: Analysis) -> list[Letter]:
    found = [f for f in applying(analysis) if f.rule in TAS_RULES and f.effect is Effect.ROUTE_OPEN]
    if not found:
        return []
    facts = Facts()
    ctx = common(case, analysis, facts)
    levies = [levy_facts(case, i, facts) for i in _open_levies(case)]
    holds = [d for d in analysis.deadlines if d.id == "bank.hold_ends" and not d.passed]
    due = min(holds, key=lambda d: d.date, default=None)
    release = [g for i in _open_levies(case) for g in grounds_for_levy(analysis, i, RELEASE_EFFECTS)]
    rules = _rules(found)
    ctx.update(found=found, levies=levies, release=release, hold=due, enclosed=enclosures(rules))
    return [
        _finish(
            "tas_cover",
            "tas-form-911-cover",
            "Request for Taxpayer Advocate help (Form 911 cover letter)",
            "Taxpayer Advocate Service: your local TAS office (fax or mail; 1-877-777-4778 tells you where)",
            due,
            rules,
            facts,
            ctx,
        )
    ]


def hearing_covers(case: Case, analysis: Analysis) -> list[Letter]:
    out = []
    found = [f for f in applying(analysis) if f.rule in HEARING_RULES and f.effect is Effect.ROUTE_OPEN]
    for subject in dict.fromkeys(f.subject for f in found):
        group = [f for f in found if f.subject == subject]
        due = deadline_for(analysis, group, subject)
        facts = Facts()
        notice = None
        if subject and subject.startswith("notices["):
            notice = case.notices[int(subject[8:-1])]
        ctx = common(case, analysis, facts, notice.tax_periods if notice else None)
        postponed = _cdp_reopened(analysis, subject)
        if postponed:
            due = _postponed_due(analysis, subject, due)
        equivalent = all(f.rule == "EH-1" for f in group) and not postponed
        # a postponement that applies is argued first (it makes the request a timely CDP request); a combat-zone
        # service with no last day yet is undecided, so it is stated as a fact with its law, not argued as a ground
        serving_since = next((_service_start(f) for f in postponed if f.outcome is not Outcome.APPLIES), None)
        serving = _cdp_while_serving(analysis, subject) if serving_since else []
        group = [*(f for f in postponed if f.outcome is Outcome.APPLIES), *serving, *group]
        issues = [
            g for i in _open_levies(case) for g in grounds_for_levy(analysis, i, RELEASE_EFFECTS | RETURN_EFFECTS)
        ]
        rules = _rules(group)
        ctx.update(
            group=group,
            notice=notice,
            equivalent=equivalent,
            postponed=bool(postponed),
            serving_since=serving_since,
            asked_before=_asked_after_not_given(group),
            issues=issues,
            enclosed=enclosures(rules),
        )
        title = (
            "Equivalent hearing request (Form 12153 cover letter)"
            if equivalent
            else "Collection Due Process hearing request (Form 12153 cover letter)"
        )
        out.append(
            _finish(
                "hearing_cover",
                f"hearing-cover-{(subject or 'case').replace('[', '-').rstrip(']')}",
                title,
                "IRS: the address printed on the notice (certified mail, return receipt)",
                due,
                rules,
                facts,
                ctx,
            )
        )
    return out


def _cdp_while_serving(analysis: Analysis, subject: str | None) -> list[Finding]:
    """The CDP hearing a combat-zone service with no last day yet keeps open (CDP-5/CDP-4 ``postponed_serving``,
    undecided until the service ends): the hearing the letter asks for, listed before the equivalent hearing asked
    in the alternative — not the equivalent hearing alone (§ 7508(a)(1)(K); audit 2026-12-07, round 6)."""
    return [
        f
        for f in english(analysis).findings
        if f.subject == subject and f.rule in {"CDP-5", "CDP-4"} and f.message_key == "postponed_serving"
    ]


def _asked_after_not_given(group: list[Finding]) -> date | None:
    """The day of a hearing request already made after a levy notice that started no 30 days (CDP-5/CDP-4
    ``requested_not_given``): the letter then repeats the request, says why it was not late, and asks in the
    alternative for the substitute notice the IRS owes (Buffano v. Comm'r, T.C. Memo. 2007-32). None otherwise."""
    for f in group:
        if f.rule in {"CDP-5", "CDP-4"} and f.message_key == "requested_not_given":
            made = getattr(f.record.message.args.get("request_date"), "value", None)
            return made if isinstance(made, date) else None
    return None


POSTPONEMENT_RULES = frozenset({"PP-7508", "PP-7508A"})


def _cdp_reopened(analysis: Analysis, subject: str | None) -> list[Finding]:
    """The postponement findings (§ 7508, § 7508A) that keep open the CDP request of the notice ``subject`` whose
    ordinary last day has passed: ``reopens`` (the postponed day has not passed) or PP-7508 ``still_serving_passed``
    (a service with no last day yet that began by that day). Read from the record's ids and dates: the letter then
    asks for a Collection Due Process hearing, with the equivalent hearing only in the alternative (Form 12153's box:
    "if my request for a CDP hearing does not meet the requirements for a timely CDP hearing")."""
    passed = [d for d in analysis.deadlines if d.id == "cdp.request" and d.subject == subject and d.passed]
    if not passed:
        return []
    as_of = analysis.as_of
    out: list[Finding] = []
    for f in english(analysis).findings:
        if f.rule not in POSTPONEMENT_RULES or f.effect is not Effect.ROUTE_OPEN or "cdp.request" not in f.deadline_ids:
            continue
        if f.message_key == "still_serving_passed":
            began = _service_start(f)
            if any(began is not None and d.date >= began for d in passed):
                out.append(f)
        elif any(d.alternative_date is not None and d.alternative_date >= as_of for d in passed):
            out.append(f)
    return out


def _postponed_due(analysis: Analysis, subject: str | None, due: Deadline | None) -> Deadline | None:
    """The day the letter says it is mailed by, when a postponement keeps the CDP request open: the postponed CDP day
    (the passed ``cdp.request`` deadline's ``alternative_date``) when it comes before ``due`` (the equivalent
    hearing's day, the only open deadline otherwise), so the letter never names a later day than the request's own
    (audit 2026-12-07, round 4). A service with no last day yet has no postponed day: ``due`` stands."""
    as_of = analysis.as_of
    for d in analysis.deadlines:
        later = d.alternative_date
        if d.id != "cdp.request" or d.subject != subject or not d.passed or later is None or later < as_of:
            continue
        if due is None or later < due.date:
            return dataclasses.replace(d, date=later, days_left=(later - as_of).days, passed=False)
    return due


def _service_start(f: Finding) -> date | None:
    """The first day of a combat-zone service a PP-7508 finding names (its typed ``start``), None when not named."""
    start = getattr(f.record.message.args.get("start"), "value", None)
    return start if isinstance(start, date) else None


def return_requests(case: Case, analysis: Analysis) -> list[Letter]:
    out = []
    for i in _open_levies(case) + [i for i, lv in enumerate(case.levies) if lv.released_date is not None]:
        if case.levies[i].owner is Owner.THIRD_PARTY:
            continue
        grounds = [
            g for g in grounds_for_levy(analysis, i, RETURN_EFFECTS) if g.rule not in WRONGFUL_RULES | REFUND_RULES
        ]
        if not grounds:
            continue
        facts, levy, ctx = _about_levy(case, analysis, i)
        taken_gap = facts.need(case.levies[i].amount_taken, "the amount the levy took", f"levies[{i}].amount_taken")
        rules = _rules(grounds)
        due = deadline_by_id(analysis, "return.request", levy["subject"]) or deadline_for(analysis, grounds)
        improper = grounds_for_levy(analysis, i, {Effect.LEVY_IMPROPER})
        ctx.update(
            levy=levy,
            grounds=grounds,
            improper=improper,
            enclosed=enclosures(rules + _rules(improper)),
            taken_gap=taken_gap,
        )
        out.append(_levy_letter("return_request", i, *HEADS["return_request"], due, rules, facts, ctx))
    return out


def refund_claims(case: Case, analysis: Analysis) -> list[Letter]:
    """A formal claim for refund of an overpayment (§ 6401(a), § 6402; Reg. § 301.6402-2(b)(1)): each ground
    and its facts, signed under penalties of perjury."""
    out = []
    for i, subject, found in _levies_found(case, analysis, REFUND_RULES):
        lv = case.levies[i]
        if lv.owner is Owner.THIRD_PARTY:
            continue
        facts, levy, ctx = _about_levy(case, analysis, i)
        taken_gap = facts.need(
            lv.amount_taken,
            "the amount the levy took after the statute ran out or after you paid",
            f"{subject}.amount_taken",
        )
        rules = _rules(found)
        due = deadline_by_id(analysis, "refund.claim", subject)
        # what makes the amount an overpayment, as the finding found it: collected after the liability was paid,
        # or after the collection statute ran out (§ 6401(a)); both only when the findings say both
        bases = {"paid" if f.message_key == "after_paid" else "statute" for f in found}
        ctx.update(levy=levy, grounds=found, bases=bases, enclosed=enclosures(rules), taken_gap=taken_gap)
        out.append(_levy_letter("refund_claim", i, *HEADS["refund_claim"], due, rules, facts, ctx))
    return out


def wrongful_levy_claims(case: Case, analysis: Analysis) -> list[Letter]:
    out = []
    for i, subject, found in _levies_found(case, analysis, WRONGFUL_RULES):
        lv = case.levies[i]
        facts, levy, ctx = _about_levy(case, analysis, i)
        claimant = {
            "name": facts.need(lv.third_party_name, "the owner's (claimant's) name", f"{subject}.third_party_name"),
            "address": facts.need(
                lv.third_party_address, "the owner's mailing address", f"{subject}.third_party_address"
            ),
            "interest": facts.need(
                lv.third_party_interest,
                "why the money or property is the owner's (how the owner came to own it)",
                f"{subject}.third_party_interest",
            ),
        }
        description = facts.need(
            lv.property_description, "a detailed description of what was levied", f"{subject}.property_description"
        )
        facts.missing[:] = [g for g in facts.missing if g.path not in {"taxpayer.phone", "taxpayer.tin (full number)"}]
        # a claim given to any office but the one Pub. 4528 names is not effective (26 C.F.R. § 301.6343-2(b)): the
        # office's address, from Pub. 4235, is a visible gap to write in, never left out
        office = facts.hand(
            "the address of the IRS Collection Advisory office for the area where the taxpayer lives "
            "(IRS Publication 4235)",
            ADVISORY_OFFICE,
        )
        due = deadline_by_id(analysis, "return.request", subject)
        suit = deadline_by_id(analysis, "wrongful_levy.suit", subject)
        rules = _rules(found)
        ctx.update(
            levy=levy,
            claimant=claimant,
            description=description,
            found=found,
            suit=suit,
            office=office,
            enclosed=enclosures(rules),
        )
        out.append(_levy_letter("wrongful_levy_claim", i, *HEADS["wrongful_levy_claim"], due, rules, facts, ctx))
    return out


def form_8546_covers(case: Case, analysis: Analysis) -> list[Letter]:
    out = []
    for i, subject, found in _levies_found(case, analysis, BANK_CHARGES_RULES):
        lv = case.levies[i]
        facts, levy, ctx = _about_levy(case, analysis, i)
        facts.need(lv.bank_charges_date, "the date the bank charged the fees", f"{subject}.bank_charges_date")
        due = deadline_for(analysis, found, subject)
        rules = _rules(found)
        ctx.update(levy=levy, found=found, charges=lv.bank_charges, payable=found[0].value, enclosed=enclosures(rules))
        out.append(_levy_letter("form_8546_cover", i, *HEADS["form_8546_cover"], due, rules, facts, ctx))
    return out
