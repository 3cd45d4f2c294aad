"""Levies the law did not allow, and bars on levy while something is pending (reference §2).

One function per legal question; the functions live in the ``discretionary_*`` modules:

- ``discretionary_alternatives``: R6331-K1 (offer in compromise pending), R6331-K2 (installment
  agreement pending or in effect) — 26 U.S.C. § 6331(k).
- ``discretionary_cdp``: R6330-E1 (timely CDP hearing pending), R6330-E2 (late request: equivalent
  hearing, no stay), R6330-A1 (premature levy), R6330-F1 (levies allowed before the hearing) —
  §§ 6330, 6331(a), (d).
- ``levy_stays``: R6331-F1 (uneconomical levy), R6331-J1 (investigation of the status of property to be sold),
  R6331-I1 (divisible-tax refund suit),
  R6015-E1 (innocent-spouse claim), RBK-362 (bankruptcy stay), R7811-1 (Taxpayer Assistance Order),
  RDA-1 (digital assets).
- ``trust_fund_recovery_penalty``: R6672-W1 (warning: the people responsible may owe the trust fund part of a
  business's employment taxes personally) — § 6672.
- ``deficiency_bar``: R6213-A1 (no levy for a deficiency during the Tax Court period or while a petition is
  pending; the deadline ``tax_court.deficiency_petition``) — § 6213(a).
- ``offer_deemed_acceptance``: R7122-F1 (an offer not rejected within 24 months is deemed accepted) —
  § 7122(f).

Notice classification (which notices are CDP notices, § 6331(d) notices, notice and demand) is in
``law/notices.py``.
"""

from __future__ import annotations

from levynav.core.law.deficiency_bar import DEFICIENCY_BAR, deficiency_levy_bar, deficiency_petition_deadlines
from levynav.core.law.discretionary_alternatives import (
    AGREEMENT_PENDING,
    OFFER_PENDING,
    alternative_appeal_deadlines,
    installment_agreement_pending,
    offer_in_compromise_pending,
)
from levynav.core.law.discretionary_cdp import (
    CDP_STAY,
    LATE_REQUEST,
    POST_LEVY,
    PREMATURE,
    cdp_hearing_pending,
    post_levy_hearing,
    premature_levy,
)
from levynav.core.law.levy_stays import (
    DIGITAL,
    INNOCENT_SPOUSE,
    INNOCENT_SPOUSE_EARLIER_LEVY,
    REFUND_SUIT,
    STATUS_INVESTIGATION,
    STAY,
    STAY_VIOLATION,
    TAO,
    UNECONOMICAL,
    bankruptcy_stay,
    digital_assets,
    innocent_spouse_claim_pending,
    refund_suit_pending,
    status_investigation,
    taxpayer_assistance_order,
    uneconomical_levy,
)
from levynav.core.law.offer_deemed_acceptance import DEEMED_ACCEPTED, deemed_acceptance_dates, offer_deemed_accepted
from levynav.core.law.rule import DeadlineFunc, Rule, RuleFunc
from levynav.core.law.trust_fund_recovery_penalty import TFRP_EXPOSURE, trust_fund_recovery_penalty_exposure

# The Rule records of this module (its rules live in the discretionary_* modules).
RULE_RECORDS: tuple[Rule, ...] = (
    OFFER_PENDING,
    AGREEMENT_PENDING,
    CDP_STAY,
    LATE_REQUEST,
    PREMATURE,
    POST_LEVY,
    UNECONOMICAL,
    STATUS_INVESTIGATION,
    REFUND_SUIT,
    INNOCENT_SPOUSE,
    INNOCENT_SPOUSE_EARLIER_LEVY,
    STAY,
    STAY_VIOLATION,
    TAO,
    DIGITAL,
    DEEMED_ACCEPTED,
    TFRP_EXPOSURE,
    DEFICIENCY_BAR,
)

RULES: list[RuleFunc] = [
    offer_in_compromise_pending,
    installment_agreement_pending,
    cdp_hearing_pending,
    premature_levy,
    post_levy_hearing,
    uneconomical_levy,
    status_investigation,
    refund_suit_pending,
    innocent_spouse_claim_pending,
    bankruptcy_stay,
    taxpayer_assistance_order,
    digital_assets,
    offer_deemed_accepted,
    trust_fund_recovery_penalty_exposure,
    deficiency_levy_bar,
]
DEADLINES: list[DeadlineFunc] = [alternative_appeal_deadlines, deemed_acceptance_dates, deficiency_petition_deadlines]
