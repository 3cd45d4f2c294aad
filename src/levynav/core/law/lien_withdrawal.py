"""What a lien withdrawal, a lien release and a levy release each remove (seed question).

- Withdrawal of the Notice of Federal Tax Lien (§ 6323(j)): collection "will be applied as if the withdrawn
  notice had never been filed", but "The withdrawal of a notice of federal tax lien will not affect the
  underlying federal tax lien" (Treas. Reg. § 301.6323(j)-1(a)). The Secretary "may" withdraw it if he determines
  that "(A) the filing of such notice was premature or otherwise not in accordance with administrative procedures
  of the Secretary, (B) the taxpayer has entered into an agreement under section 6159 to satisfy the tax liability
  for which the lien was imposed by means of installment payments, unless such agreement provides otherwise, (C) the
  withdrawal of such notice will facilitate the collection of the tax liability, or (D) with the consent of the
  taxpayer or the National Taxpayer Advocate, the withdrawal of such notice would be in the best interests of the
  taxpayer (as determined by the National Taxpayer Advocate) and the United States" (§ 6323(j)(1)). Discretionary:
  the words name the grounds (and Form 12277); no rule here decides them. The IRS's direct-debit agreement policy
  (IRM 5.12.9.3.2.1) is policy, not law, and is not encoded.
- Release of the lien (§ 6325(a)): a certificate of release within 30 days after the liability is fully
  satisfied or legally unenforceable, or a bond is accepted — the lien itself ends.
- Release of a levy (§ 6343(a)): the seizure stops; the lien and the debt remain.
None of them cancels the tax. A lien hearing (Letter 3172, § 6320) can ask for withdrawal, discharge or
subordination of the lien; stopping a levy needs a levy release or a levy hearing.
"""

from __future__ import annotations

from typing import Any

from levynav.core.law.deciding import informs
from levynav.core.law.rule import APPLIES, Context, Rule
from levynav.core.model.analysis import Effect, Finding
from levynav.core.model.case import Case, HearingKind, NoticeType

# enumeration members the functions read on every call, hoisted (a member read from its class goes
# through the enum metaclass's __getattr__ hook)
_LIEN_HEARING = HearingKind.LIEN
_LETTER_3172 = NoticeType.LETTER_3172

LIEN_NOT_LEVY = Rule(
    id="LIEN-1",
    title="A lien withdrawal is not a levy release",
    cites=("LIEN-1", "CDP-2"),
    effect=Effect.INFO,
)


@informs
def lien_is_not_levy(case: Case, ctx: Context) -> list[Finding]:
    """LIEN-1: where a lien is in the case (Letter 3172 or a lien hearing request), say what each remedy removes."""
    facts: dict[str, Any] = {}
    for i, n in enumerate(case.notices):
        if n.type is _LETTER_3172:
            facts[f"notices[{i}].type"] = n.type
    for j, r in enumerate(case.proceedings.hearing_requests):
        if r.kind is _LIEN_HEARING:
            facts[f"proceedings.hearing_requests[{j}].kind"] = r.kind
    if not facts:
        return []
    key = "with_levy" if case.levies else "lien_only"
    return [LIEN_NOT_LEVY.finding(APPLIES, key, facts=facts)]
