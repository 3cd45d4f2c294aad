"""Other bars and limits on levy: uneconomical levy, refund suits, innocent-spouse claims, bankruptcy,
Taxpayer Assistance Orders, digital assets.

- § 6331(f): "No levy may be made on any property if the amount of the expenses which the Secretary
  estimates (at the time of the levy) would be incurred by the Secretary with respect to the levy and
  sale of such property exceeds the fair market value of such property at the time of levy."
- § 6331(j)(1): "no levy may be made on any property or right to property which is to be sold under section 6335
  until a thorough investigation of the status of such property has been completed" (Pub. L. 105-206 § 3444,
  112 Stat. 762). R6331-J1 asks whether the IRS did it for property seized to be sold (``other_property``; money a
  payer turns over — a bank balance, wages, a payment, a refund — is not sold under § 6335). A missing
  investigation is not one of the release grounds of § 6343(a)(1): it is raised with the collection manager and the
  Collection Appeals Program, and in a Collection Due Process hearing, where Appeals must verify "that the
  requirements of any applicable law or administrative procedure have been met" (§ 6330(c)(1)).
- § 6331(i)(1): no levy for unpaid divisible tax (employment tax, § 6672 penalty) while the person's
  refund suit for part of it is pending, if the decision would bind the unpaid tax.
- § 6015(e)(1)(B): no levy "shall be made, begun, or prosecuted" against the requesting spouse until
  the close of the 90th day after the final determination is mailed, or, if the Tax Court is asked,
  until its decision is final.
- 11 U.S.C. § 362(a): the bankruptcy petition stays acts to collect pre-petition claims.
- § 7811(b); 26 C.F.R. § 301.7811-1: a Taxpayer Assistance Order may require release of levied property.
- Digital assets: no special rule; the general rules apply (reference RDA-1).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.core.calc import hearing_windows
from levynav.core.calc.dates import last_day_after
from levynav.core.calc.repeat_filing_stay import RepeatKind, repeat_filing, short_stay_ended
from levynav.core.law.deciding import informs
from levynav.core.law.levies_in_force import is_released
from levynav.core.law.levy_facts import is_individual, levy_subject
from levynav.core.law.pending_bar_windows import days, later_reading, overlaps, param
from levynav.core.law.rule import (
    APPLIES,
    DOES_NOT_APPLY,
    INFO,
    LEVY_IMPROPER,
    MAY_RELEASE,
    MUST_RELEASE,
    NO_LEVY,
    NOT_APPLICABLE,
    UNKNOWN,
    Context,
    Rule,
    once,
)
from levynav.core.model.analysis import Effect, Finding, ParamUse, message
from levynav.core.model.case import Bankruptcy, Case, InnocentSpouseClaim, LevyKind, Owner, TaxKind

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_DIGITAL_ASSETS = LevyKind.DIGITAL_ASSETS
_THIRD_PARTY = Owner.THIRD_PARTY
# property the IRS seizes to sell under § 6335 (a car, a house, business equipment): what § 6331(j) covers
_SOLD_KINDS = frozenset({LevyKind.OTHER_PROPERTY})

UNECONOMICAL = Rule(
    id="R6331-F1",
    title="The levy costs more than the property is worth",
    cites=("R6331-F1",),
    effect=Effect.LEVY_IMPROPER,
)
STATUS_INVESTIGATION = Rule(
    id="R6331-J1",
    title="Before seizing property to sell it, the IRS must investigate it",
    cites=("R6331-J1",),
    effect=Effect.ROUTE_OPEN,
)
REFUND_SUIT = Rule(
    id="R6331-I1",
    title="No levy for employment tax while your refund suit is pending",
    cites=("R6331-I1",),
    effect=Effect.NO_LEVY,
)
INNOCENT_SPOUSE = Rule(
    id="R6015-E1",
    title="No levy against you while your innocent-spouse claim is pending",
    cites=("R6015-E1",),
    effect=Effect.NO_LEVY,
)
INNOCENT_SPOUSE_EARLIER_LEVY = Rule(
    id="R6015-E1-L",
    title="A levy already in place when you asked for innocent-spouse relief",
    cites=("R6015-E1", "R6015-E1-CONT"),
    effect=Effect.MAY_RELEASE,
)
STAY = Rule(
    id="RBK-362",
    title="Bankruptcy automatic stay",
    cites=("RBK-362", "RBK-362-LIMITS"),
    effect=Effect.NO_LEVY,
)
STAY_VIOLATION = Rule(
    id="RBK-362-V",
    title="A levy made in violation of the bankruptcy automatic stay",
    cites=("RBK-362-V", "RBK-362"),
    effect=Effect.LEVY_IMPROPER,
)
TAO = Rule(
    id="R7811-1",
    title="Taxpayer Assistance Order from the Taxpayer Advocate",
    cites=("R7811-1",),
    effect=Effect.ROUTE_OPEN,
)
DIGITAL = Rule(
    id="RDA-1",
    title="Digital assets follow the general levy rules",
    cites=("RDA-1",),
    effect=Effect.INFO,
)

CONTINUING = {LevyKind.WAGES, LevyKind.SOCIAL_SECURITY, LevyKind.FEDERAL_PAYMENT}
LATE_PETITION_CITES = ("IS-4-LATE",)  # the § 6015(e)(1)(A) deadline is jurisdictional (Frutiger; Rubel)
BETWEEN_CITES = ("BAR-7503",)  # the two readings of a bar's last day after a weekend or holiday (§ 7503)
# § 6015(e)(1)(B)(i): "Rules similar to the rules of section 7485 shall apply with respect to the collection of such
# assessment"; 26 C.F.R. § 1.6015-7(c)(1): on an appeal of the Tax Court's decision the IRS "may resume collection ...
# on the date the requesting spouse files the notice of appeal", unless a bond (audit 2026-12-07, round 9, law32)
SPOUSE_APPEAL_CITES = ("R6015-E1-APPEAL",)
Appealed = tuple[date, bool | None] | None  # an appeal of the Tax Court's decision read: its day, the bond (or None)
DIVISIBLE = {TaxKind.EMPLOYMENT, TaxKind.TRUST_FUND_RECOVERY_PENALTY}


def uneconomical_levy(case: Case, ctx: Context) -> list[Finding]:
    """§ 6331(f). Asked only where the case gives the property's value or the IRS's cost estimate."""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        value, cost = levy.property_value, levy.estimated_levy_costs
        if value is None and cost is None:
            continue
        sub = levy_subject(i)
        facts = {f"{sub}.property_value": value, f"{sub}.estimated_levy_costs": cost}
        if value is None or cost is None:
            missing = [f"{sub}.property_value"] if value is None else [f"{sub}.estimated_levy_costs"]
            out.append(UNECONOMICAL.finding(UNKNOWN, "unknown", subject=sub, facts=facts, missing=missing))
        elif cost > value:
            out.append(
                UNECONOMICAL.finding(
                    APPLIES, "applies", subject=sub, facts=facts, value=cost - value, cost=cost, worth=value
                )
            )
        else:
            out.append(UNECONOMICAL.finding(DOES_NOT_APPLY, "not", subject=sub, facts=facts, cost=cost, worth=value))
    return out


def status_investigation(case: Case, ctx: Context) -> list[Finding]:
    """§ 6331(j), per levy on property seized to be sold (not a third party's: her remedy is § 6343(b), § 7426; not a
    levy already released): did the IRS complete the investigation of the property's status before the levy?
    Unknown: asked, with the route to ask for it (the finding stays open). Not done: a ground to raise with the
    manager, the Collection Appeals Program or Appeals in a hearing — not a mandatory release (§ 6343(a)(1))."""
    out: list[Finding] = []
    for i, levy in enumerate(case.levies):
        if levy.kind not in _SOLD_KINDS or levy.owner is _THIRD_PARTY or is_released(levy, ctx):
            continue
        sub = levy_subject(i)
        path = f"{sub}.status_investigated"
        rule = STATUS_INVESTIGATION
        if levy.status_investigated is None:
            out.append(rule.finding(UNKNOWN, "unknown", effect=rule.effect, subject=sub, missing=[path]))
        elif levy.status_investigated:
            out.append(rule.finding(DOES_NOT_APPLY, "done", subject=sub, facts={path: True}))
        else:
            out.append(rule.finding(APPLIES, "not_done", subject=sub, facts={path: False}))
    return out


def refund_suit_pending(case: Case, ctx: Context) -> list[Finding]:
    """§ 6331(i): a pending refund suit for divisible tax bars levy for the unpaid part (waiver, jeopardy aside)."""
    divisible = [(i, p) for i, p in enumerate(case.tax_periods) if p.tax_kind in DIVISIBLE]
    pending = case.proceedings.refund_suit_pending
    if not divisible:
        if pending:
            missing = [f"tax_periods[{i}].tax_kind" for i, _ in enumerate(case.tax_periods)] or ["tax_periods"]
            return [
                REFUND_SUIT.finding(
                    UNKNOWN, "kind_unknown", missing=missing, facts={"proceedings.refund_suit_pending": True}
                )
            ]
        return []
    facts: dict[str, Any] = {f"tax_periods[{i}].tax_kind": p.tax_kind for i, p in divisible}
    facts["proceedings.refund_suit_pending"] = pending
    periods = [p.id for _, p in divisible]  # a list: the renderer joins it per language
    if pending is None:
        return [
            REFUND_SUIT.finding(
                UNKNOWN, "unknown", facts=facts, periods=periods, missing=["proceedings.refund_suit_pending"]
            )
        ]
    if not pending:
        return [REFUND_SUIT.finding(DOES_NOT_APPLY, "no_suit", facts=facts, periods=periods)]
    return [REFUND_SUIT.finding(APPLIES, "applies", facts=facts, periods=periods)]


# ---------------------------------------------------------------- innocent spouse


def _after_petition(claim: InnocentSpouseClaim, sub: str, facts: dict[str, Any]) -> tuple[date | None, Appealed]:
    """The bar's last day when a petition counts ("until the decision of the Tax Court has become final"), and the
    appeal read (its day and whether a bond was filed), or None.

    Rules similar to § 7485 (§ 6015(e)(1)(B)(i); Reg. § 1.6015-7(c)(1)), read as for a notice of deficiency
    (R6213-A1-APPEAL): an appeal with no bond filed with the Tax Court by the day of the notice of appeal ends the bar
    on that day (the day itself still barred: the person's reading); the bond not known leaves the days after it
    unknown (the final decision, when known, ends them); a bonded appeal keeps the bar to the final decision."""
    final = claim.decision_final_date
    if final is not None:
        facts[f"{sub}.decision_final_date"] = final
    appeal = claim.appeal_date
    if appeal is None:
        return final, None
    facts[f"{sub}.appeal_date"] = appeal
    bond = claim.appeal_bond_filed
    if bond is not None:
        facts[f"{sub}.appeal_bond_filed"] = bond
    return (appeal if bond is False else final), (appeal, bond)


def _claim_end(
    claim: InnocentSpouseClaim, sub: str, facts: dict[str, Any]
) -> tuple[date | None, date | None, list[ParamUse], bool, Appealed]:
    """Last barred day, the last barred day under the person's reading when it is later (else None), the parameters
    used, whether a Tax Court petition came too late to keep the bar, and the appeal of the court's decision read
    (when the petition counts): the 90th day after the final determination, or the Tax Court decision's finality
    (an unbonded appeal's day, ``_after_petition``)."""
    if claim.waiver_date is not None:
        facts[f"{sub}.waiver_date"] = claim.waiver_date
        return claim.waiver_date, None, [], False, None
    petition = claim.tax_court_petition_date
    if petition is not None:
        facts[f"{sub}.tax_court_petition_date"] = petition
    determination = claim.final_determination_date
    if determination is None:
        if petition is None:
            return None, None, [], False, None
        end, appealed = _after_petition(claim, sub, facts)
        return end, None, [], False, appealed
    facts[f"{sub}.final_determination_date"] = determination
    use = param("discretionary.innocent_spouse_bar_days", determination)
    if use is None:
        if petition is not None:
            end, appealed = _after_petition(claim, sub, facts)
            return end, None, [], False, appealed
        return None, None, [], False, None
    # § 6015(e)(1)(B)(i): the bar runs "until the close of the 90th day referred to in subparagraph (A)(ii)" (26
    # C.F.R. § 1.6015-7(c)(1): "until the expiration of the 90-day period"). When that day is a Saturday, Sunday or
    # DC legal holiday a petition is still timely on the next business day (§ 7503), and a petition keeps the bar
    # until the decision is final; but § 7503 speaks only of the person's act, and § 6015(e), unlike § 6213(a), has
    # no weekend rule of its own. Two readings: the 90th day (``end``), and that next business day (the person's
    # reading, ``later``; see law/pending_bar_windows.py).
    window = last_day_after(determination, days(use))
    accepted = claim.tax_court_late_petition_accepted if petition is not None and petition > window.last else None
    if accepted is not None:
        facts[f"{sub}.tax_court_late_petition_accepted"] = accepted
    if petition is not None and (petition <= window.last or accepted):
        # a petition in time, or a late one the Tax Court accepted (it counts as one "filed ... under subparagraph
        # (A)"): the bar runs "until the decision of the Tax Court has become final" (§ 6015(e)(1)(B)(i)), an
        # appeal without a bond aside (``_after_petition``)
        end, appealed = _after_petition(claim, sub, facts)
        return end, None, [use], False, appealed
    # no petition, or one after the last day to petition: the Tax Court holds that deadline jurisdictional (Frutiger
    # v. Comm'r, 162 T.C. No. 5 (2024); Rubel v. Comm'r (3d Cir. 2017)), so a late petition is not one "filed ...
    # under subparagraph (A)" and the bar ends with the 90 days — also when the court refused it (the ruling known)
    return window.raw, later_reading(window.raw, window.last), [use], petition is not None, None


def innocent_spouse_claim_pending(case: Case, ctx: Context) -> list[Finding]:
    """§ 6015(e)(1)(B); 26 C.F.R. § 1.6015-7(c)(1): no levy against the requesting spouse while the claim runs.

    Open question (UNVERIFIED): whether a continuing levy already in place when the claim is filed must
    be released. The bar covers a levy "prosecuted"; the advice is to ask for release.
    """
    out: list[Finding] = []
    if not case.proceedings.innocent_spouse_claims:
        return out
    if not is_individual(case):
        return [INNOCENT_SPOUSE.finding(NOT_APPLICABLE, "business", facts={"taxpayer.kind": case.taxpayer.kind})]
    windows: list[
        tuple[InnocentSpouseClaim, date | None, date | None, str, dict[str, Any], list[ParamUse], date | None]
    ] = []
    for i, claim in enumerate(case.proceedings.innocent_spouse_claims):
        sub = f"proceedings.innocent_spouse_claims[{i}]"
        facts: dict[str, Any] = {f"{sub}.filed_date": claim.filed_date}
        end, later, used, late, appealed = _claim_end(claim, sub, facts)
        # an appeal of the Tax Court's decision whose bond is not known: the days after it are not known (asked)
        bond_open = appealed[0] if appealed is not None and appealed[1] is None else None
        windows.append((claim, end, later, sub, facts, used, bond_open))
        latest = later or end  # the bar's end under the person's reading, shown first
        if bond_open is not None and bond_open < ctx.as_of and (end is None or ctx.as_of <= end):
            out.append(
                INNOCENT_SPOUSE.finding(
                    UNKNOWN,
                    "appeal_bond_unknown",
                    effect=INNOCENT_SPOUSE.effect,
                    subject=sub,
                    facts=facts,
                    params=used,
                    missing=[f"{sub}.appeal_bond_filed"],
                    also_cites=SPOUSE_APPEAL_CITES,
                    filed=claim.filed_date,
                    appeal=bond_open,
                )
            )
        elif latest is not None and latest < ctx.as_of and late:
            refused = claim.tax_court_late_petition_accepted is False  # the court's ruling known: it refused it
            out.append(
                INNOCENT_SPOUSE.finding(
                    DOES_NOT_APPLY,
                    "ended_late_petition_refused" if refused else "ended_late_petition",
                    subject=sub,
                    facts=facts,
                    params=used,
                    also_cites=LATE_PETITION_CITES,
                    end=latest,
                    petition=claim.tax_court_petition_date,
                )
            )
        elif latest is not None and latest < ctx.as_of:
            unbonded = appealed is not None and appealed[1] is False  # the bar ended on the day of the appeal
            out.append(
                INNOCENT_SPOUSE.finding(
                    DOES_NOT_APPLY,
                    "ended_appeal_no_bond" if unbonded else "ended",
                    subject=sub,
                    facts=facts,
                    params=used,
                    also_cites=SPOUSE_APPEAL_CITES if unbonded else (),
                    end=latest,
                )
            )
        elif claim.waiver_date is None:
            key = "pending_until" if end is not None else "pending"
            shown: dict[str, Any] = {}
            if later is not None:
                key, shown = "pending_until_later", {"later": later, "also_cites": BETWEEN_CITES}
            out.append(
                INNOCENT_SPOUSE.finding(
                    APPLIES,
                    key,
                    subject=sub,
                    facts=facts,
                    params=used,
                    filed=claim.filed_date,
                    end=end,
                    value=latest,
                    **shown,
                )
            )
    for i, levy in enumerate(case.levies):
        sub = levy_subject(i)
        for claim, end, later, csub, cfacts, used, bond_open in windows:
            if not overlaps(claim.tax_periods, levy.tax_periods):
                continue
            facts = {**cfacts, f"{sub}.served_date": levy.served_date}
            if levy.served_date is None:
                out.append(
                    INNOCENT_SPOUSE.finding(
                        UNKNOWN, "levy_unknown", subject=sub, facts=facts, missing=[f"{sub}.served_date"]
                    )
                )
            elif levy.served_date < claim.filed_date:
                # the bar is on a levy "made, begun, or prosecuted" while the claim runs: a levy made before the claim
                # was not made in breach of it (said for this levy, so the claim's general "no levy" finding is not
                # read as a ground to release it; whether it must be released is R6015-E1-L's open question)
                out.append(
                    INNOCENT_SPOUSE.finding(
                        DOES_NOT_APPLY,
                        "levy_before_claim",
                        subject=sub,
                        facts=facts,
                        served=levy.served_date,
                        filed=claim.filed_date,
                    )
                )
                still_barred = end is None or (later or end) >= ctx.as_of
                if (levy.released_date is None or levy.released_date > ctx.as_of) and still_barred:
                    out.append(
                        INNOCENT_SPOUSE_EARLIER_LEVY.finding(
                            APPLIES,
                            "levy_before",
                            subject=sub,
                            facts=facts,
                            served=levy.served_date,
                            filed=claim.filed_date,
                        )
                    )
            elif end is None or levy.served_date <= (later or end):
                if levy.jeopardy:
                    out.append(
                        INNOCENT_SPOUSE.finding(
                            DOES_NOT_APPLY,
                            "levy_jeopardy",
                            subject=sub,
                            facts={**facts, f"{sub}.jeopardy": True},
                        )
                    )
                elif bond_open is not None and levy.served_date > bond_open:
                    # after an appeal of the Tax Court's decision whose bond is not known: barred only with a bond
                    out.append(
                        INNOCENT_SPOUSE.finding(
                            UNKNOWN,
                            "levy_appeal_bond_unknown",
                            effect=LEVY_IMPROPER,
                            also_cites=SPOUSE_APPEAL_CITES,
                            subject=sub,
                            facts=facts,
                            params=used,
                            missing=[f"{csub}.appeal_bond_filed"],
                            served=levy.served_date,
                            appeal=bond_open,
                        )
                    )
                elif end is not None and levy.served_date > end:
                    # after the 90th day, by the day § 7503 gave to petition: the person's reading first
                    out.append(
                        INNOCENT_SPOUSE.finding(
                            UNKNOWN,
                            "levy_between_readings",
                            effect=LEVY_IMPROPER,
                            also_cites=BETWEEN_CITES,
                            subject=sub,
                            facts=facts,
                            params=used,
                            served=levy.served_date,
                            filed=claim.filed_date,
                            end=end,
                            later=later,
                        )
                    )
                else:
                    out.append(
                        INNOCENT_SPOUSE.finding(
                            APPLIES,
                            "levy_during",
                            effect=LEVY_IMPROPER,
                            subject=sub,
                            facts=facts,
                            params=used,
                            served=levy.served_date,
                            filed=claim.filed_date,
                        )
                    )
            else:
                continue
            break
    return out


# ---------------------------------------------------------------- bankruptcy


def _stay_end(b: Bankruptcy) -> date | None:
    ends = [d for d in (b.discharge_date, b.dismissal_date, b.closed_date) if d is not None]
    return min(ends) if ends else None


@once
def bankruptcy_stay(case: Case, ctx: Context) -> list[Finding]:
    """11 U.S.C. § 362(a): the petition stays collection; a levy after it violates the stay.

    Repeat filers (§ 362(c)(3)–(4), reference RBK-362-SERIAL; calc/repeat_filing_stay.py): with one case
    dismissed in the year before, the stay ends "with respect to the debtor" on the 30th day unless the court
    continues it. What it still covers after that (property of the estate) is disputed (RBK-362-SERIAL-ESTATE), so
    a levy after the 30th day is UNKNOWN, the person's reading (still stayed for estate property) first. With two or
    more, no stay began: a levy after the petition broke no stay, unless the court imposed one before it.

    UNVERIFIED (reference RBK-362-LIMITS): taxes for periods after the petition may be collected from property
    outside the estate; property seized before the petition may have to be turned over (Whiting Pools).
    """
    out: list[Finding] = []
    cases = list(enumerate(case.proceedings.bankruptcies))
    repeat = {i: repeat_filing(case, i) for i, _ in cases}
    serial = ("RBK-362-SERIAL",)
    estate = ("RBK-362-SERIAL", "RBK-362-SERIAL-ESTATE")
    for i, b in cases:
        sub = f"proceedings.bankruptcies[{i}]"
        rf = repeat[i]
        end = _stay_end(b)
        facts: dict[str, Any] = {f"{sub}.petition_date": b.petition_date}
        if end is not None:
            facts[f"{sub}.stay_end"] = end
        if b.petition_date > ctx.as_of:
            continue
        earlier = {
            f"proceedings.bankruptcies[{j}].dismissal_date": case.proceedings.bankruptcies[j].dismissal_date
            for j in rf.earlier
        }
        kw: dict[str, Any] = {"subject": sub, "params": rf.params, "also_cites": serial}
        if end is not None and end <= ctx.as_of:
            out.append(STAY.finding(DOES_NOT_APPLY, "ended", subject=sub, facts=facts, end=end))
        elif rf.kind is RepeatKind.NONE and (b.stay_imposed_date is None or b.stay_imposed_date > ctx.as_of):
            out.append(
                STAY.finding(
                    DOES_NOT_APPLY,
                    "no_stay_repeat",
                    facts={**facts, **earlier, f"{sub}.stay_imposed_date": b.stay_imposed_date},
                    filed=b.petition_date,
                    count=len(rf.earlier),
                    ask_by=rf.last_day,
                    **kw,
                )
            )
        elif rf.kind is RepeatKind.NONE:
            facts[f"{sub}.stay_imposed_date"] = b.stay_imposed_date
            out.append(STAY.finding(APPLIES, "stay_imposed", facts=facts, imposed=b.stay_imposed_date, **kw))
        elif rf.kind is RepeatKind.SHORT and not b.stay_continued:
            assert rf.last_day is not None
            facts = {**facts, **earlier, f"{sub}.stay_continued": b.stay_continued}
            if ctx.as_of <= rf.last_day:
                out.append(
                    STAY.finding(APPLIES, "short_stay", facts=facts, filed=b.petition_date, last_day=rf.last_day, **kw)
                )
            else:
                missing = [f"{sub}.stay_continued"] if b.stay_continued is None else []
                out.append(
                    STAY.finding(
                        UNKNOWN,
                        "short_stay_ended",
                        effect=NO_LEVY,
                        facts=facts,
                        missing=missing,
                        filed=b.petition_date,
                        last_day=rf.last_day,
                        **{**kw, "also_cites": estate},
                    )
                )
        elif rf.kind is RepeatKind.UNKNOWN:
            out.append(
                STAY.finding(
                    UNKNOWN,
                    "repeat_unknown",
                    facts={**facts, **earlier},
                    missing=rf.missing,
                    filed=b.petition_date,
                    **kw,
                )
            )
        else:
            out.append(STAY.finding(APPLIES, "open", subject=sub, facts=facts, filed=b.petition_date))
    for ni, given, k in hearing_windows.issued_in_stay(case):
        # Beverly v. Comm'r, T.C. Memo. 2005-41: a final notice of intent to levy issued during the stay "was invalid
        # and of no effect" (reference RBK-362-NOTICE); its own 30 days are still shown by the CDP rules (to be safe)
        filed = case.proceedings.bankruptcies[k].petition_date
        nsub = f"notices[{ni}]"
        out.append(
            STAY.finding(
                APPLIES,
                "notice_in_stay",
                effect=INFO,
                subject=nsub,
                facts={
                    f"{nsub}.{'mailing_date' if given == case.notices[ni].mailing_date else 'notice_date'}": given,
                    f"proceedings.bankruptcies[{k}].petition_date": filed,
                },
                also_cites=("RBK-362-NOTICE",),
                notice=case.notices[ni].type.value,
                given=given,
                filed=filed,
            )
        )
    for li, levy in enumerate(case.levies):
        lsub = levy_subject(li)
        for i, b in cases:
            rf = repeat[i]
            end = _stay_end(b)
            start = b.stay_imposed_date if rf.kind is RepeatKind.NONE else b.petition_date
            facts = {
                f"proceedings.bankruptcies[{i}].petition_date": b.petition_date,
                f"{lsub}.served_date": levy.served_date,
            }
            if levy.served_date is None:
                out.append(
                    STAY.finding(UNKNOWN, "levy_unknown", subject=lsub, facts=facts, missing=[f"{lsub}.served_date"])
                )
                break
            during_case = levy.served_date >= b.petition_date and (end is None or levy.served_date < end)
            if rf.kind is RepeatKind.NONE and start is None:
                if during_case:
                    out.append(
                        STAY_VIOLATION.finding(
                            DOES_NOT_APPLY,
                            "no_stay_repeat",
                            subject=lsub,
                            facts=facts,
                            params=rf.params,
                            also_cites=serial,
                            served=levy.served_date,
                            filed=b.petition_date,
                        )
                    )
                    break
                continue
            assert start is not None
            short_over = short_stay_ended(b, rf)
            if levy.served_date >= start and (end is None or levy.served_date < end):
                if short_over and rf.last_day is not None and levy.served_date > rf.last_day:
                    sub = f"proceedings.bankruptcies[{i}]"
                    out.append(
                        STAY_VIOLATION.finding(
                            UNKNOWN,
                            "levy_after_short_stay",
                            effect=LEVY_IMPROPER,
                            subject=lsub,
                            facts={**facts, f"{sub}.stay_continued": b.stay_continued},
                            params=rf.params,
                            missing=[f"{sub}.stay_continued"] if b.stay_continued is None else [],
                            also_cites=estate,
                            served=levy.served_date,
                            filed=b.petition_date,
                            last_day=rf.last_day,
                        )
                    )
                    break
                if levy.served_date == start:
                    # § 362(a): the petition "operates as a stay" from its filing (§ 301), at a moment of that day; a
                    # levy served the same day may have come first (a pre-petition levy). The person's reading
                    # (served after the filing: void) is shown first, the order of the two is not known.
                    out.append(
                        STAY_VIOLATION.finding(
                            UNKNOWN,
                            "levy_same_day",
                            effect=LEVY_IMPROPER,
                            subject=lsub,
                            facts=facts,
                            served=levy.served_date,
                        )
                    )
                    break
                out.append(
                    STAY_VIOLATION.finding(
                        APPLIES,
                        "levy_after_petition",
                        subject=lsub,
                        facts=facts,
                        served=levy.served_date,
                        filed=b.petition_date,
                    )
                )
                break
            still_on = levy.released_date is None or levy.released_date > b.petition_date
            if levy.served_date < start and still_on and (end is None or end > ctx.as_of):
                continuing = levy.kind in CONTINUING
                if short_over and rf.last_day is not None and ctx.as_of > rf.last_day:
                    out.append(
                        STAY.finding(
                            UNKNOWN,
                            "levy_before_short_stay_ended",
                            effect=MUST_RELEASE if continuing else MAY_RELEASE,
                            subject=lsub,
                            facts={**facts, f"{lsub}.kind": levy.kind},
                            params=rf.params,
                            also_cites=estate,
                            served=levy.served_date,
                            filed=b.petition_date,
                            last_day=rf.last_day,
                        )
                    )
                    break
                out.append(
                    STAY.finding(
                        APPLIES,
                        "levy_before_continuing" if continuing else "levy_before_other",
                        effect=MUST_RELEASE if continuing else MAY_RELEASE,
                        subject=lsub,
                        facts={**facts, f"{lsub}.kind": levy.kind},
                        served=levy.served_date,
                        filed=b.petition_date,
                    )
                )
                break
    return out


# ---------------------------------------------------------------- Taxpayer Assistance Orders, digital assets

HARDSHIP_FACTS = (
    "economic_hardship",
    "immediate_threat_of_adverse_action",
    "irreparable_injury",
    "significant_costs_without_relief",
    "irs_delay_over_30_days",
)


def taxpayer_assistance_order(case: Case, ctx: Context) -> list[Finding]:
    """§ 7811(b); 26 C.F.R. § 301.7811-1(a)(4): a TAO may order release; it is open where the levy causes
    significant hardship (threat of adverse action, delay over 30 days, significant costs, irreparable injury)."""
    out: list[Finding] = []
    for i, req in enumerate(case.proceedings.taxpayer_advocate_requests):
        sub = f"proceedings.taxpayer_advocate_requests[{i}]"
        facts: dict[str, Any] = {
            f"{sub}.application_date": req.application_date,
            f"{sub}.order_issued": req.order_issued,
            f"{sub}.order_requires_release": req.order_requires_release,
        }
        if req.order_issued and req.order_requires_release:
            out.append(
                TAO.finding(
                    APPLIES,
                    "order",
                    effect=MUST_RELEASE,
                    subject=sub,
                    facts=facts,
                    by=req.order_period_end or message(f"{TAO.id}.by_order"),
                )
            )
        elif req.order_issued is None and req.decision_date is None:
            out.append(
                TAO.finding(UNKNOWN, "request_pending", subject=sub, facts=facts, missing=[f"{sub}.order_issued"])
            )
    if not case.levies or any(o.outcome is APPLIES for o in out):
        return out
    c = case.circumstances
    known: dict[str, bool | None] = {n: getattr(c, n) for n in HARDSHIP_FACTS}
    if known["economic_hardship"] is None and ctx.hardship is not None and ctx.hardship.outcome is not UNKNOWN:
        known["economic_hardship"] = ctx.hardship.outcome is APPLIES  # decided from the finances
    shown = {f"circumstances.{n}": v for n, v in known.items() if v is not None}
    hardship = [n for n, v in known.items() if v]
    if hardship:
        out.append(
            TAO.finding(APPLIES, "route", facts=shown, reasons=[message(f"{TAO.id}.reason_{h}") for h in hardship])
        )
    elif len(shown) == len(HARDSHIP_FACTS):
        out.append(TAO.finding(DOES_NOT_APPLY, "no_hardship", facts=shown))
    else:
        missing = [f"circumstances.{n}" for n, v in known.items() if v is None]
        out.append(TAO.finding(UNKNOWN, "unknown", facts=shown, missing=missing))
    return out


@informs
def digital_assets(case: Case, ctx: Context) -> list[Finding]:
    """Reference RDA-1: no special release rule for digital assets; the general rules apply."""
    return [
        DIGITAL.finding(APPLIES, "info", subject=levy_subject(i), facts={f"{levy_subject(i)}.kind": lv.kind})
        for i, lv in enumerate(case.levies)
        if lv.kind is _DIGITAL_ASSETS
    ]
