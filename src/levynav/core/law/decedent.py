"""A taxpayer who has died: who acts for the decedent with the IRS (DEC-1).

26 U.S.C. § 6903(a): "Upon notice to the Secretary that any person is acting for another person in a fiduciary
capacity, such fiduciary shall assume the powers, rights, duties, and privileges of such other person in respect of a
tax imposed by this title (except as otherwise specifically provided and except that the tax shall be collected from
the estate of such other person), until notice is given that the fiduciary capacity has terminated." (b): "Notice
under this section shall be given in accordance with regulations prescribed by the Secretary" (Form 56). In the Tax
Court's words, an executor "merely stands in the shoes of the deceased" (Estate of Jayne v. Comm'r, 61 T.C. 744, 750
(1974), as quoted in Jonson v. Comm'r, 118 T.C. (2002)).

So the decedent's rights in collection — to ask for a CDP or equivalent hearing (Form 12153), to appeal under the
Collection Appeals Program (Form 9423), to ask for a levy's release or the return of levied money — are used by the
fiduciary (the executor or administrator), who gives the IRS notice of the relationship first. DEC-1, one finding
about the taxpayer when ``taxpayer.date_of_death`` is given (none otherwise):

- ``fiduciary`` (applies): a fiduciary acts and has filed Form 56: the papers are signed by the fiduciary, for the
  estate;
- ``fiduciary_form_56`` (applies): a fiduciary acts, Form 56 not known to be filed: file it (with the court's letters)
  with or before the first paper;
- ``power_of_attorney`` (applies): the person acting holds a power of attorney: after the death the decedent's rights
  are the fiduciary's, so the executor or administrator acts (and may name a representative on a new Form 2848);
- ``who_acts`` (unknown): who acts for the estate is not given (``representative.capacity`` asked).

The hardship ground of a levy release (R6343-A4) is for "an individual taxpayer" and his or her "reasonable basic
living expenses" (Treas. Reg. § 301.6343-1(b)(4)(i)): release_hardship.py says it does not fit a decedent's estate.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from levynav.core.law.deciding import informs
from levynav.core.law.rule import APPLIES, UNKNOWN, Context, DeadlineFunc, Rule, RuleFunc
from levynav.core.model.analysis import Effect, Finding
from levynav.core.model.case import Case, RepresentativeCapacity

WHO_ACTS = Rule(
    id="DEC-1",
    title="Who acts for a taxpayer who has died",
    cites=("DEC-1", "DEC-6903", "DEC-SHOES"),
    effect=Effect.INFO,
)
SUBJECT = "taxpayer"


def deceased(case: Case, as_of: date) -> date | None:
    """The day the taxpayer died, when it is on or before ``as_of`` (None: alive as far as the case says)."""
    died = case.taxpayer.date_of_death
    return died if died is not None and died <= as_of else None


@informs
def who_acts(case: Case, ctx: Context) -> list[Finding]:
    died = deceased(case, ctx.as_of)
    if died is None:
        return []
    rep = case.representative
    facts: dict[str, Any] = {"taxpayer.date_of_death": died}
    capacity = rep.capacity if rep is not None else None
    if capacity is None:
        return [
            WHO_ACTS.finding(
                UNKNOWN, "who_acts", subject=SUBJECT, facts=facts, missing=["representative.capacity"], died=died
            )
        ]
    facts["representative.capacity"] = capacity
    if capacity is RepresentativeCapacity.POWER_OF_ATTORNEY:
        return [WHO_ACTS.finding(APPLIES, "power_of_attorney", subject=SUBJECT, facts=facts, died=died)]
    filed = rep.form_56_filed if rep is not None else None
    if filed is not None:
        facts["representative.form_56_filed"] = filed
    key = "fiduciary" if filed is True else "fiduciary_form_56"
    return [WHO_ACTS.finding(APPLIES, key, subject=SUBJECT, facts=facts, died=died)]


RULE_RECORDS: tuple[Rule, ...] = (WHO_ACTS,)
RULES: list[RuleFunc] = [who_acts]
DEADLINES: list[DeadlineFunc] = []
