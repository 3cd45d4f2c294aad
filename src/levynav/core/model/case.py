"""The facts of a case (DESIGN M1). Every fact may be unknown: ``None`` means "not known", never "no".

Validation here is about input that cannot be true (a negative amount, proceeds sent before the levy
was served). Input that is true but shows the IRS broke a rule (a levy made too early) is *not* an
error: it is a finding.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Self

from pydantic import ConfigDict, Field, field_validator, model_validator

from levynav.core.model import limits
from levynav.core.model.bounded import Bounded, lean_validator
from levynav.core.model.finances import Finances
from levynav.core.model.money import Money


class Strict(Bounded):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DatesOutOfOrder(ValueError):
    """A date before the one it must follow, the two fields by name (``served_date``, ``proceeds_sent_date``): a face
    says them in the reader's words (the web's fix page); the message is the line a practitioner reads."""

    def __init__(self, earlier: str, later: str) -> None:
        self.earlier = earlier
        self.later = later
        super().__init__(f"{later} is before {earlier}")


def _order(earlier: date | None, later: date | None, earlier_name: str, later_name: str) -> None:
    if earlier is not None and later is not None and later < earlier:
        raise DatesOutOfOrder(earlier_name, later_name)  # the dates themselves are not echoed


def _ruling_needs_petition(accepted: bool | None, petition: date | None) -> None:
    """The Tax Court's ruling on a late petition is a fact about a petition: none without its date."""
    if accepted is not None and petition is None:
        raise ValueError("tax_court_late_petition_accepted is given but tax_court_petition_date is not")


# ---------------------------------------------------------------- taxpayer and household


class TaxpayerKind(StrEnum):
    INDIVIDUAL = "individual"
    BUSINESS = "business"


class FilingStatus(StrEnum):
    SINGLE = "single"
    MARRIED_FILING_JOINTLY = "married_filing_jointly"
    MARRIED_FILING_SEPARATELY = "married_filing_separately"
    HEAD_OF_HOUSEHOLD = "head_of_household"
    QUALIFYING_SURVIVING_SPOUSE = "qualifying_surviving_spouse"


class Taxpayer(Strict):
    kind: TaxpayerKind
    name: str | None = None
    filing_status: FilingStatus | None = None
    birth_date: date | None = None
    spouse_name: str | None = None
    spouse_birth_date: date | None = None
    blind: bool | None = Field(default=None, description="blind (26 U.S.C. § 63(f)(4)) at the close of the levy's year")
    spouse_blind: bool | None = Field(default=None, description="the spouse is blind (§ 63(f)(4)), as `blind`")
    spouse_exemption_allowable: bool | None = Field(
        default=None,
        description=(
            "on a separate return: the spouse had no gross income for the year and is not another taxpayer's "
            "dependent (§ 151(b)), so the spouse's age and blindness count (§ 63(f)(1)(B), (2)(B))"
        ),
    )
    state: str | None = Field(default=None, pattern=r"^[A-Z]{2}$", description="two-letter state code")
    county: str | None = None
    county_fips: str | None = Field(default=None, pattern=r"^\d{5}$")
    phone: str | None = None
    address: str | None = None
    tin_last4: str | None = Field(default=None, pattern=r"^\d{4}$")
    federal_contractor: bool | None = None
    medicare_provider: bool | None = None
    date_of_death: date | None = Field(
        default=None,
        description=(
            "an individual taxpayer who has died: the day of death (the tax is then collected from the estate, "
            "and a fiduciary acts for the decedent, 26 U.S.C. § 6903(a))"
        ),
    )

    @model_validator(mode="after")
    def _death(self) -> Self:
        if self.date_of_death is not None and self.kind is not TaxpayerKind.INDIVIDUAL:
            raise ValueError("date_of_death is for an individual taxpayer only")
        _order(self.birth_date, self.date_of_death, "birth_date", "date_of_death")
        return self


class HouseholdMember(Strict):
    name: str | None = None
    relationship: str | None = None
    birth_date: date | None = None
    dependent: bool | None = None


# ---------------------------------------------------------------- tax periods and notices


class TaxKind(StrEnum):
    INCOME = "income"
    EMPLOYMENT = "employment"
    TRUST_FUND_RECOVERY_PENALTY = "trust_fund_recovery_penalty"
    OTHER = "other"


class TaxPeriod(Strict):
    id: str = Field(description="how notices and levies refer to this period, e.g. '1040-2021'")
    form: str | None = None
    period: str | None = None
    tax_kind: TaxKind | None = None
    assessment_date: date | None = None
    additional_assessment_dates: list[date] = Field(default_factory=list)
    balance: Money | None = None
    joint_return: bool | None = None
    csed: date | None = Field(default=None, description="collection statute expiration date, as known")
    irs_stated_csed: date | None = None
    cdp_levy_notice_on_transcript: bool | None = Field(
        default=None,
        description=(
            "the account transcript for this period shows a CDP levy notice issued (TC 971 AC 069); "
            "false = the transcript was read and shows none"
        ),
    )
    assessed_tax: Money | None = Field(
        default=None,
        description="the tax still owed for the period without interest, penalties and additions (§ 6159(c)(1))",
    )


class NoticeType(StrEnum):
    CP14 = "CP14"
    CP501 = "CP501"
    CP503 = "CP503"
    CP504 = "CP504"
    CP504B = "CP504B"  # the business CP504: a § 6331(d) notice of intent to levy, no hearing right
    LT11 = "LT11"
    LETTER_1058 = "Letter 1058"
    CP90 = "CP90"
    CP297 = "CP297"
    CP297A = "CP297A"
    CP297C = "CP297C"
    CP91 = "CP91"
    CP298 = "CP298"
    CP92 = "CP92"
    LETTER_3172 = "Letter 3172"
    FORM_668A = "668-A"
    FORM_668W = "668-W"
    OTHER = "other"


class Notice(Strict):
    id: str | None = Field(default=None, description="optional; unique among the notices when given")
    type: NoticeType
    notice_date: date | None = Field(default=None, description="the date printed on the notice")
    mailing_date: date | None = Field(default=None, description="when it was actually mailed, if known")
    received_date: date | None = None
    tax_periods: list[str] = Field(default_factory=list)
    amount_due: Money | None = None
    response_date: date | None = Field(default=None, description="the reply-by date printed on it")
    phone: str | None = Field(default=None, description="the IRS number printed on the notice")
    address: str | None = None
    other_title: str | None = None
    nftl_filed_date: date | None = Field(
        default=None, description="Letter 3172: the date the Notice of Federal Tax Lien was filed"
    )
    sent_to_last_known_address: bool | None = Field(
        default=None,
        description=(
            "the notice was mailed to the address on the last return filed, or a newer address the IRS was "
            "told of (e.g. Form 8822) — the last known address"
        ),
    )
    for_additional_assessment: bool | None = Field(
        default=None,
        description=(
            "a hearing notice about tax assessed for its periods after an earlier hearing notice for them (e.g. "
            "after an audit): the first notice for that tax (Treas. Reg. § 301.6330-1(b)(2) Q&A-B2, 'the unpaid "
            "tax and tax periods'); false = about the tax of the earlier notice"
        ),
    )

    @model_validator(mode="after")
    def _dates(self) -> Self:
        _order(self.notice_date, self.received_date, "notice_date", "received_date")
        _order(self.mailing_date, self.received_date, "mailing_date", "received_date")
        return self


# ---------------------------------------------------------------- levies


class LevyKind(StrEnum):
    BANK = "bank"
    WAGES = "wages"
    SOCIAL_SECURITY = "social_security"
    FEDERAL_PAYMENT = "federal_payment"
    RETIREMENT = "retirement"
    ACCOUNTS_RECEIVABLE = "accounts_receivable"
    STATE_TAX_REFUND = "state_tax_refund"
    OTHER_PROPERTY = "other_property"
    DIGITAL_ASSETS = "digital_assets"


class LevyMethod(StrEnum):
    """How a levy on Social Security or other federal payments was made."""

    FPLP = "fplp"  # the systemic Federal Payment Levy Program, up to a set share of each payment (§ 6331(h))
    MANUAL = "manual"  # a notice of levy (Form 668-A or 668-W) served on the paying agency, subject to § 6334


class Owner(StrEnum):
    TAXPAYER = "taxpayer"
    THIRD_PARTY = "third_party"
    JOINT = "joint"


class ExemptCategory(StrEnum):
    """§ 6334(a) paragraphs, for property or income the case says the levy reached; ``none`` when it reached none."""

    APPAREL_SCHOOL_BOOKS = "a1_apparel_school_books"
    HOUSEHOLD_GOODS = "a2_household_goods"
    TOOLS_OF_TRADE = "a3_tools_of_trade"
    UNEMPLOYMENT = "a4_unemployment"
    UNDELIVERED_MAIL = "a5_undelivered_mail"
    # (a)(6) names four payments the Federal Payment Levy Program treats differently (§ 6331(h)(2)(C), § 6334(f)):
    # the railroad ones, the Medal of Honor pension and the chapter 73 annuities; the first value is "one of them,
    # not known which" (kept for cases that already use it).
    RAILROAD_MILITARY_ANNUITIES = "a6_railroad_military_annuities"
    RAILROAD = "a6_railroad"  # Railroad Retirement Act annuities or pensions; Railroad Unemployment Insurance Act
    MILITARY_ANNUITIES = "a6_military_annuities"  # Medal of Honor special pension (38 U.S.C. 1562); 10 U.S.C. ch. 73
    WORKERS_COMPENSATION = "a7_workers_compensation"
    CHILD_SUPPORT_JUDGMENT = "a8_child_support"
    MINIMUM_WAGE_EXEMPTION = "a9_minimum_exemption"
    SERVICE_CONNECTED_DISABILITY = "a10_service_connected_disability"
    PUBLIC_ASSISTANCE = "a11_public_assistance"
    SSI = "a11_ssi"
    JOB_TRAINING = "a12_job_training"
    RESIDENCE_SMALL_DEFICIENCY = "a13a_residence_small_levy"
    PRINCIPAL_RESIDENCE = "a13b_principal_residence"
    BUSINESS_PROPERTY = "a13b_business_property"
    # The person's answer "none of these": the levy took none of the kinds § 6334(a) lists — a known answer (the rules
    # stop asking), never the same as no answer (None: not known, asked).
    NONE = "none"


class Levy(Strict):
    id: str | None = None
    kind: LevyKind
    served_date: date | None = None
    amount: Money | None = Field(default=None, description="amount the levy demands, as on the notice of levy")
    amount_taken: Money | None = Field(default=None, description="amount taken so far")
    tax_periods: list[str] = Field(default_factory=list)
    holder: str | None = Field(default=None, description="bank, employer or agency served")
    holder_address: str | None = Field(default=None, description="mailing address of the bank, employer or agency")
    property_description: str | None = None
    owner: Owner | None = None
    third_party_name: str | None = None
    third_party_address: str | None = Field(default=None, description="the owner's mailing address (wrongful levy)")
    third_party_interest: str | None = Field(
        default=None, description="why the property is the owner's, in the owner's words (Reg. 301.6343-2(b)(3))"
    )
    proceeds_sent: bool | None = None
    proceeds_sent_date: date | None = None
    released_date: date | None = None
    jeopardy: bool | None = None
    property_value: Money | None = Field(default=None, description="fair market value of the levied property")
    estimated_levy_costs: Money | None = Field(default=None, description="IRS expenses of levy and sale")
    exempt_category: ExemptCategory | None = None
    court_approval: bool | None = Field(default=None, description="district court approval (principal residence)")
    residence_rented: bool | None = Field(
        default=None,
        description="the levied home is rented to the person who lives in it (26 U.S.C. § 6334(a)(13)(A)(ii))",
    )
    supervisor_approval: bool | None = Field(default=None, description="written approval (business assets)")
    business_property_rented: bool | None = Field(
        default=None,
        description="the levied business property is real property rented out (§ 6334(a)(13)(B)(ii) leaves it out)",
    )
    essential_business_property: bool | None = None
    release_facilitates_collection: bool | None = None
    bank_charges: Money | None = None
    bank_charges_date: date | None = None
    irs_error: bool | None = Field(default=None, description="the levy was made in error by the IRS")
    monthly_amount: Money | None = Field(default=None, description="amount taken each month (continuous levy)")
    disqualified_employment_tax: bool | None = Field(
        default=None, description="the IRS made it as a disqualified employment tax levy (§ 6330(h)(1))"
    )
    return_facilitates_collection: bool | None = Field(
        default=None, description="returning the levied money would help collect the tax (§ 6343(d)(2)(C))"
    )
    nta_return_consent: bool | None = Field(
        default=None, description="the National Taxpayer Advocate backs a return (§ 6343(d)(2)(D))"
    )
    returned_date: date | None = Field(default=None, description="when the IRS returned the levied money or property")
    return_requested_date: date | None = Field(
        default=None,
        description="when the taxpayer sent the IRS a written request to give back what this levy took "
        "(§ 6343(d), with the § 6343(b) period it applies)",
    )
    returned_under: str | None = Field(
        default=None,
        pattern=r"^(b|d2A|d2B|d2C|d2D)$",
        description="the § 6343 ground of the return: 'b' (wrongful levy) or 'd2A'–'d2D' (§ 6343(d)(2)(A)–(D))",
    )
    method: LevyMethod | None = Field(
        default=None,
        description="for Social Security or federal payments: 'fplp' (automated Federal Payment Levy Program, "
        "§ 6331(h)) or 'manual' (a notice of levy served on the agency, Form 668-A/668-W)",
    )
    future_payments_fixed: bool | None = Field(
        default=None,
        description="the levy reached a right to payments fixed and determinable when it was served that continue "
        "later (pension, annuity, rent under a lease, installment note) — Reg. 301.6343-1(b)(1)(ii)",
    )
    take_home_pay: Money | None = Field(
        default=None, description="take-home pay per pay period (wage levy), after the deductions in effect at levy"
    )
    pay_period: str | None = Field(
        default=None,
        pattern=r"^(daily|weekly|biweekly|semimonthly|monthly)$",
        description="how often the levied pay or benefit is paid: daily, weekly, biweekly, semimonthly or monthly",
    )
    benefit_amount: Money | None = Field(
        default=None, description="each Social Security or federal benefit payment before the levy takes its share"
    )
    exemption_statement_returned: bool | None = Field(
        default=None,
        description="the statement of dependents and filing status (Form 668-W parts 3-4) was returned to the payer",
    )
    exemption_dependents: int | None = Field(
        default=None,
        ge=0,
        le=limits.MAX_DEPENDENTS,
        description="dependents claimed on the returned statement of dependents and filing status",
    )
    flagrant_conduct_determined: bool | None = Field(
        default=None,
        description="before levying the retirement account, the IRS determined flagrant conduct (IRM 5.11.6.3)",
    )
    status_investigated: bool | None = Field(
        default=None,
        description="before seizing the property to sell it, the IRS completed the investigation of its status that "
        "26 U.S.C. § 6331(j) requires (liability verified, costs of sale against value, equity, other ways to collect)",
    )

    @model_validator(mode="after")
    def _dates(self) -> Self:
        _order(self.served_date, self.proceeds_sent_date, "served_date", "proceeds_sent_date")
        _order(self.served_date, self.released_date, "served_date", "released_date")
        _order(self.served_date, self.return_requested_date, "served_date", "return_requested_date")
        if self.proceeds_sent is False and self.proceeds_sent_date is not None:
            raise ValueError("proceeds_sent is false but proceeds_sent_date is given")
        return self


# ---------------------------------------------------------------- payments, alternatives, proceedings


class Payment(Strict):
    date: date
    amount: Money
    tax_periods: list[str] = Field(default_factory=list)


class AlternativeStatus(StrEnum):
    REQUESTED = "requested"
    PENDING = "pending"
    ENTERED = "entered"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"
    RETURNED = "returned"


class InstallmentAgreement(Strict):
    status: AlternativeStatus
    requested_date: date | None = None
    pending_date: date | None = Field(default=None, description="accepted for processing")
    entered_date: date | None = None
    rejected_date: date | None = None
    termination_notice_date: date | None = None
    terminated_date: date | None = None
    withdrawn_date: date | None = Field(default=None, description="the request withdrawn (no 30 days follow)")
    appeal_date: date | None = None
    appeal_decided_date: date | None = None
    monthly_payment: Money | None = None
    tax_periods: list[str] = Field(default_factory=list)
    agreement_keeps_levy: bool | None = Field(default=None, description="the agreement says the levy stays")
    release_jeopardizes_secured_creditor: bool | None = None

    @model_validator(mode="after")
    def _dates(self) -> Self:
        start = self.pending_date or self.requested_date
        _order(self.requested_date, self.pending_date, "requested_date", "pending_date")
        _order(start, self.entered_date, "requested_date", "entered_date")
        _order(start, self.rejected_date, "requested_date", "rejected_date")
        _order(start, self.withdrawn_date, "requested_date", "withdrawn_date")
        _order(self.entered_date, self.terminated_date, "entered_date", "terminated_date")
        ended = "rejected_date" if self.rejected_date else "terminated_date"
        _order(self.rejected_date or self.terminated_date, self.appeal_date, ended, "appeal_date")
        _order(self.appeal_date, self.appeal_decided_date, "appeal_date", "appeal_decided_date")
        return self


class Offer(Strict):
    status: AlternativeStatus
    submitted_date: date | None = None
    pending_date: date | None = Field(default=None, description="accepted for processing (IRS signature)")
    accepted_date: date | None = None
    rejected_date: date | None = None
    returned_date: date | None = None
    withdrawn_date: date | None = None
    appeal_date: date | None = None
    appeal_decided_date: date | None = None
    amount: Money | None = None
    tax_periods: list[str] = Field(default_factory=list)
    judicial_dispute_days: int | None = Field(
        default=None,
        ge=0,
        description="days since submission the offer's tax was in dispute in a court proceeding (§ 7122(f)); 0 if none",
    )
    accepted_for_processing: bool | None = Field(
        default=None,
        description=(
            "the IRS accepted the offer for processing, so it became pending (§ 6331(k)(1)); false = the IRS returned "
            "it as not processable (for example a business not current on its federal tax deposits): never pending"
        ),
    )

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.accepted_for_processing is False:
            if self.pending_date is not None:
                raise ValueError("accepted_for_processing is false but pending_date is given")
            if self.status in {AlternativeStatus.ACCEPTED, AlternativeStatus.REJECTED, AlternativeStatus.PENDING}:
                raise ValueError("accepted_for_processing is false but the offer is pending, accepted or rejected")
        _order(self.submitted_date, self.pending_date, "submitted_date", "pending_date")
        start = self.pending_date or self.submitted_date
        for name in ("accepted_date", "rejected_date", "returned_date", "withdrawn_date"):
            _order(start, getattr(self, name), "pending_date", name)
        _order(self.rejected_date, self.appeal_date, "rejected_date", "appeal_date")
        _order(self.appeal_date, self.appeal_decided_date, "appeal_date", "appeal_decided_date")
        return self


class Bankruptcy(Strict):
    petition_date: date
    chapter: int | None = Field(default=None, ge=1, le=15)
    case_number: str | None = None
    discharge_date: date | None = None
    dismissal_date: date | None = None
    closed_date: date | None = None
    dismissed_under_707b: bool | None = Field(
        default=None,
        description="the case was dismissed under 11 U.S.C. § 707(b) (chapter 7 abuse / means test)",
    )
    stay_continued: bool | None = Field(
        default=None,
        description="the court extended the stay beyond 30 days for a repeat filer (11 U.S.C. § 362(c)(3)(B))",
    )
    stay_imposed_date: date | None = Field(
        default=None,
        description="date of the court order putting a stay in place when none began (11 U.S.C. § 362(c)(4)(B)-(C))",
    )

    @model_validator(mode="after")
    def _dates(self) -> Self:
        for name in ("discharge_date", "dismissal_date", "closed_date", "stay_imposed_date"):
            _order(self.petition_date, getattr(self, name), "petition_date", name)
        return self


class HearingKind(StrEnum):
    LEVY = "levy"
    LIEN = "lien"


class HearingRequest(Strict):
    """A Form 12153 request. Whether it is a CDP or an equivalent hearing is decided by the rules."""

    kind: HearingKind = HearingKind.LEVY
    request_date: date = Field(description="postmark or delivery date of the request")
    equivalent_hearing_box_checked: bool | None = None
    tax_periods: list[str] = Field(default_factory=list)
    determination_date: date | None = None
    tax_court_petition_date: date | None = None
    tax_court_late_petition_accepted: bool | None = Field(
        default=None,
        description="the Tax Court's ruling on a petition filed after the 30 days (§ 6330(d)(1); Boechler): true, it "
        "accepted it (equitable tolling); false, it refused it (dismissed as late). Read only for a late petition",
    )
    final_date: date | None = Field(default=None, description="when the determination became final")

    @model_validator(mode="after")
    def _dates(self) -> Self:
        _order(self.request_date, self.determination_date, "request_date", "determination_date")
        _order(self.determination_date, self.final_date, "determination_date", "final_date")
        _order(self.determination_date, self.tax_court_petition_date, "determination_date", "tax_court_petition_date")
        _ruling_needs_petition(self.tax_court_late_petition_accepted, self.tax_court_petition_date)
        return self


class DeficiencyNotice(Strict):
    """A notice of deficiency (§ 6212, e.g. Letter 3219 or CP3219A): it opens the Tax Court period of § 6213(a)."""

    mailed_date: date = Field(description="the date the notice of deficiency was mailed")
    tax_periods: list[str] = Field(default_factory=list)
    addressed_outside_us: bool | None = Field(
        default=None, description="addressed to a person outside the United States (150 days instead of 90)"
    )
    petition_last_day_printed: date | None = Field(
        default=None, description="the last day to petition the Tax Court printed on the notice"
    )
    tax_court_petition_date: date | None = None
    decision_final_date: date | None = Field(default=None, description="when the Tax Court decision became final")
    appeal_date: date | None = Field(
        default=None, description="when a notice of appeal from the Tax Court's decision was filed (§ 7483)"
    )
    appeal_bond_filed: bool | None = Field(
        default=None, description="a bond filed with the Tax Court by the day of the notice of appeal (§ 7485(a))"
    )
    tax_court_late_petition_accepted: bool | None = Field(
        default=None,
        description="the Tax Court's ruling on a petition filed after the 90 or 150 days (§ 6213(a); Culp): true, it "
        "accepted it (equitable tolling); false, it refused it (dismissed as late). Read only for a late petition",
    )

    @model_validator(mode="after")
    def _dates(self) -> Self:
        _order(self.mailed_date, self.tax_court_petition_date, "mailed_date", "tax_court_petition_date")
        _order(self.tax_court_petition_date, self.decision_final_date, "tax_court_petition_date", "decision_final_date")
        _order(self.tax_court_petition_date, self.appeal_date, "tax_court_petition_date", "appeal_date")
        _order(self.appeal_date, self.decision_final_date, "appeal_date", "decision_final_date")
        _ruling_needs_petition(self.tax_court_late_petition_accepted, self.tax_court_petition_date)
        return self


class InnocentSpouseClaim(Strict):
    filed_date: date
    relief: str | None = Field(default=None, description="'b', 'c' or 'f' (§ 6015 subsection)")
    tax_periods: list[str] = Field(default_factory=list)
    final_determination_date: date | None = None
    tax_court_petition_date: date | None = None
    tax_court_late_petition_accepted: bool | None = Field(
        default=None,
        description="the Tax Court's ruling on a petition filed after the 90 days of § 6015(e)(1)(A) (Frutiger: the "
        "court holds them jurisdictional; Ewing: a determination not mailed to the last known address): true, it "
        "accepted it (heard it as timely); false, it refused it (dismissed as late). Read only for a late petition",
    )
    decision_final_date: date | None = None
    appeal_date: date | None = Field(
        default=None, description="when a notice of appeal from the Tax Court's decision was filed (§ 7483)"
    )
    appeal_bond_filed: bool | None = Field(
        default=None,
        description="a bond filed with the Tax Court by the day of the notice of appeal (§ 6015(e)(1)(B)(i): rules "
        "similar to § 7485)",
    )
    waiver_date: date | None = None

    @model_validator(mode="after")
    def _dates(self) -> Self:
        _order(self.filed_date, self.final_determination_date, "filed_date", "final_determination_date")
        _order(self.tax_court_petition_date, self.appeal_date, "tax_court_petition_date", "appeal_date")
        _order(self.appeal_date, self.decision_final_date, "appeal_date", "decision_final_date")
        _ruling_needs_petition(self.tax_court_late_petition_accepted, self.tax_court_petition_date)
        return self


class TaxpayerAdvocateRequest(Strict):
    application_date: date
    decision_date: date | None = None
    order_issued: bool | None = None
    order_requires_release: bool | None = None
    order_period_end: date | None = None


class AuditReconsideration(Strict):
    requested_date: date | None = None
    tax_periods: list[str] = Field(default_factory=list)
    assessment_from_audit_or_sfr: bool | None = None
    liability_paid: bool | None = None
    closing_agreement_or_compromise: bool | None = None


class WrongfulLevyClaim(Strict):
    """A third party's written § 6343(b) request, by levy id."""

    levy_id: str | None = None
    filed_date: date
    disallowance_date: date | None = None
    returned_date: date | None = None
    proper_request: bool | None = Field(
        default=None, description="written, sent to the office in Pub 4528, with the four items of Reg. 301.6343-2(b)"
    )


class Absence(Strict):
    """Time outside the United States (§ 6503(c)) or in a combat zone (§ 7508)."""

    reason: str = Field(description="'abroad' or 'combat_zone'")
    start_date: date
    end_date: date | None = None


class PostponementKind(StrEnum):
    DISASTER = "disaster"  # § 7508A(a): a postponement period the IRS announced for a federally declared disaster
    # § 7508A(e): the mandatory period of a qualified taxpayer in a major-disaster area (incident to 60/120 days after)
    MAJOR_DISASTER = "major_disaster"
    COMBAT_ZONE = "combat_zone"  # § 7508(a): service in a combat zone or contingency operation (+ 180 days)


class Postponement(Strict):
    """Time the law disregards for the person's deadlines (26 U.S.C. §§ 7508, 7508A).

    ``disaster``: ``start`` and ``end`` are the first and last days of the postponement period the IRS announced for
    the person's area (its news release or notice, e.g. "IR-2026-45", in ``relief_id``). ``combat_zone``: ``start``
    and ``end`` are the first and last days of service in the zone or operation; ``hospitalized_until`` the last
    day of continuous qualified hospitalization for an injury received there. The 180 days after are added by the
    calculation (calc/postponed_deadlines.py), not entered. ``major_disaster``: the person's home or business is in
    the area of a major disaster declared with individual assistance (§ 7508A(e)(2)-(3)); ``start`` is the
    earliest incident date of the declaration and ``declaration_date`` its date; the end (60 or 120 days after the
    later of the two, by the declaration date) is computed, not entered. ``end`` unknown: the period has no known
    end (still serving, or relief not yet announced to a date), and the postponed date stays unknown. A
    ``combat_zone`` item also pauses the collection statute (§ 7508(a)(1)(I); calc/csed_hearings_and_claims.py), the
    same service given again in ``absences`` counted once.
    """

    kind: PostponementKind
    start: date | None = Field(default=None, description="first day of the postponement period or of the service")
    end: date | None = Field(default=None, description="last day of the postponement period or of the service")
    hospitalized_until: date | None = Field(
        default=None, description="combat zone: last day of continuous qualified hospitalization for an injury there"
    )
    declaration_date: date | None = Field(
        default=None, description="major_disaster: the date of the President's major-disaster declaration"
    )
    relief_id: str | None = Field(default=None, description="the IRS news release or notice granting disaster relief")
    area: str | None = Field(default=None, description="the covered area (county, state) as the relief names it")

    @model_validator(mode="after")
    def _dates(self) -> Self:
        _order(self.start, self.end, "start", "end")
        _order(self.start, self.hospitalized_until, "start", "hospitalized_until")
        if self.hospitalized_until is not None and self.kind is not PostponementKind.COMBAT_ZONE:
            raise ValueError("hospitalized_until is for a combat_zone postponement only")
        if self.declaration_date is not None and self.kind is not PostponementKind.MAJOR_DISASTER:
            raise ValueError("declaration_date is for a major_disaster postponement only")
        if self.end is not None and self.kind is PostponementKind.MAJOR_DISASTER:
            raise ValueError("end is counted for a major_disaster postponement (from start and declaration_date)")
        return self


class LegalAction(Strict):
    """A TC 520 "bankruptcy or other legal action" read from an account transcript (reference TX-3, D.2).

    Transcripts rarely print the closing code, so ``kind`` may be unknown (``None``).
    """

    kind: str | None = Field(default=None, pattern=r"^(bankruptcy|cdp|litigation)$")
    closing_code: int | None = Field(default=None, ge=0, le=99)
    start_date: date
    end_date: date | None = None
    tax_periods: list[str] = Field(default_factory=list)
    source: str | None = Field(default=None, description="where it was read, e.g. 'transcript.txt line 41'")

    @model_validator(mode="after")
    def _dates(self) -> Self:
        _order(self.start_date, self.end_date, "start_date", "end_date")
        return self


class Proceedings(Strict):
    legal_actions: list[LegalAction] = Field(default_factory=list)
    bankruptcies: list[Bankruptcy] = Field(default_factory=list)
    hearing_requests: list[HearingRequest] = Field(default_factory=list)
    innocent_spouse_claims: list[InnocentSpouseClaim] = Field(default_factory=list)
    taxpayer_advocate_requests: list[TaxpayerAdvocateRequest] = Field(default_factory=list)
    audit_reconsiderations: list[AuditReconsideration] = Field(default_factory=list)
    wrongful_levy_claims: list[WrongfulLevyClaim] = Field(default_factory=list)
    refund_suit_pending: bool | None = Field(
        default=None,
        description="refund suit for a divisible tax, the trial court's judgment not yet entered (§ 6331(i)(6))",
    )
    absences: list[Absence] = Field(default_factory=list)
    deficiency_notices: list[DeficiencyNotice] = Field(default_factory=list)
    # disaster relief (§ 7508A) and combat-zone service (§ 7508) that postpone the person's deadlines
    postponements: list[Postponement] = Field(default_factory=list)


class Circumstances(Strict):
    """Facts about the person's situation that the rules ask about, until a calculation decides them."""

    economic_hardship: bool | None = Field(
        default=None, description="the levy leaves the individual unable to pay basic living expenses"
    )
    irs_agreed_not_collectible: bool | None = Field(default=None, description="CNC agreed with the IRS")
    unfiled_returns: bool | None = None
    liability_paid: bool | None = None
    immediate_threat_of_adverse_action: bool | None = None
    significant_costs_without_relief: bool | None = None
    irreparable_injury: bool | None = None
    irs_delay_over_30_days: bool | None = None
    no_response_by_promised_date: bool | None = None
    irs_system_failure: bool | None = None
    rights_impaired: bool | None = None
    household_income_annual: Money | None = None
    amount_in_dispute: Money | None = None
    disputes_liability: bool | None = None
    had_prior_opportunity_to_dispute: bool | None = None
    received_notice_of_deficiency: bool | None = None
    collection_began_against_spouse_date: date | None = None
    spouse_responsible: bool | None = Field(
        default=None, description="the joint tax is due to the spouse's or former spouse's income or errors"
    )
    represented: bool | None = None
    household_size: int | None = Field(
        default=None, ge=1, le=limits.MAX_HOUSEHOLD_SIZE, description="people in the household, you included"
    )
    public_policy_issue: bool | None = Field(
        default=None, description="a TAS public-policy issue (passport certification, private debt collection, ...)"
    )
    revenue_officer_assigned: bool | None = Field(default=None, description="a revenue officer works the case")
    cap_conference_request_date: date | None = Field(
        default=None, description="when you asked for a conference with the collection manager"
    )
    cap_conference_date: date | None = Field(
        default=None, description="when the collection manager conference was held"
    )
    no_levy_notice_received: bool | None = Field(
        default=None,
        description="the person says no final notice of intent to levy or hearing notice reached them before the levy",
    )
    liability_from_audit_or_sfr: bool | None = Field(
        default=None, description="the tax was assessed after an audit or on a return the IRS prepared"
    )
    prior_five_years_compliant: bool | None = Field(
        default=None,
        description="in the 5 years before, you (and your spouse on a joint return) filed every income tax return,"
        " paid the tax shown and had no installment agreement (§ 6159(c)(2))",
    )
    unable_to_pay_in_full: bool | None = Field(
        default=None, description="you cannot pay the balance in full now (§ 6159(c)(3))"
    )
    estimated_payments_current: bool | None = Field(
        default=None, description="this year's estimated tax payments (or withholding) are made as required"
    )
    federal_deposits_current: bool | None = Field(
        default=None, description="a business: its federal tax deposits for this quarter are made"
    )
    business_operating: bool | None = Field(default=None, description="a business: it is still operating (in business)")
    open_bankruptcy: bool | None = Field(
        default=None, description="you are in a bankruptcy case that is still open (listed or not)"
    )


class RepresentativeCapacity(StrEnum):
    POWER_OF_ATTORNEY = "power_of_attorney"  # an agent the taxpayer named (Form 2848)
    # an executor, administrator or other personal representative acting for a taxpayer who has died (§ 6903(a))
    FIDUCIARY = "fiduciary"


class Representative(Strict):
    """Who acts for the taxpayer with the IRS (Form 2848 power of attorney), for letters and forms; for a taxpayer
    who has died, the fiduciary (executor or administrator) who acts for the decedent."""

    name: str | None = None
    capacity: RepresentativeCapacity | None = Field(
        default=None, description="power_of_attorney (Form 2848) or fiduciary (executor or administrator)"
    )
    form_56_filed: bool | None = Field(
        default=None,
        description="fiduciary: notice of the fiduciary relationship given to the IRS on Form 56 (§ 6903)",
    )
    caf_number: str | None = Field(default=None, description="the IRS Centralized Authorization File number")
    address: str | None = None
    phone: str | None = None
    form_2848_on_file: bool | None = Field(default=None, description="a signed Form 2848 is on file with the IRS")


class Case(Strict):
    """Everything known about one taxpayer's levy situation."""

    schema_version: int = 1
    taxpayer: Taxpayer
    household: list[HouseholdMember] = Field(default_factory=list)
    tax_periods: list[TaxPeriod] = Field(default_factory=list)
    notices: list[Notice] = Field(default_factory=list)
    levies: list[Levy] = Field(default_factory=list)
    payments: list[Payment] = Field(default_factory=list)
    installment_agreements: list[InstallmentAgreement] = Field(default_factory=list)
    offers: list[Offer] = Field(default_factory=list)
    proceedings: Proceedings = Field(default_factory=Proceedings)
    circumstances: Circumstances = Field(default_factory=Circumstances)
    finances: Finances | None = None
    transcripts: list[str] = Field(default_factory=list, description="paths of account transcripts")
    representative: Representative | None = None

    @field_validator("household")
    @classmethod
    def _household_limit(cls, value: list[HouseholdMember]) -> list[HouseholdMember]:
        if len(value) > limits.MAX_HOUSEHOLD_SIZE:
            raise ValueError(f"has more than {limits.limit_text('MAX_HOUSEHOLD_SIZE')} people")
        return value

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value not in SCHEMA_VERSIONS:
            raise ValueError(f"this version of levynav reads schema_version {', '.join(map(str, SCHEMA_VERSIONS))}")
        return value

    @model_validator(mode="after")
    def _references(self) -> Self:
        problems = reference_problems(self)
        if problems:
            raise ReferenceErrors(problems)
        return self


SCHEMA_VERSIONS = (1,)
"""The case-file schema versions this code reads."""


class ReferenceErrors(ValueError):
    """Ids that clash or name nothing; one "field.path: problem" line each (the loader lists them)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def reference_problems(case: Case) -> list[str]:
    """Duplicate ids (tax periods, levies, notices), and references to a tax period or levy the case does not
    hold, by field path. No field names a notice by its id yet; its id exists so that one can.

    References to tax periods are checked when the case lists its periods (a case may leave them to
    the transcripts it points to). Values are never echoed: only the path of the field that names them.
    """
    problems: list[str] = []
    seen: set[str] = set()
    for i, p in enumerate(case.tax_periods):
        if p.id in seen:
            problems.append(f"tax_periods[{i}].id: another tax period has the same id")
        seen.add(p.id)
    levy_ids: set[str] = set()
    for i, lv in enumerate(case.levies):
        if lv.id is not None:
            if lv.id in levy_ids:
                problems.append(f"levies[{i}].id: another levy has the same id")
            levy_ids.add(lv.id)
    notice_ids: set[str] = set()
    for i, n in enumerate(case.notices):
        if n.id is not None:
            if n.id in notice_ids:
                problems.append(f"notices[{i}].id: another notice has the same id")
            notice_ids.add(n.id)
    if seen:
        pr = case.proceedings
        holders: list[tuple[str, list[Any]]] = [
            ("notices", case.notices),
            ("levies", case.levies),
            ("payments", case.payments),
            ("installment_agreements", case.installment_agreements),
            ("offers", case.offers),
            ("proceedings.legal_actions", pr.legal_actions),
            ("proceedings.hearing_requests", pr.hearing_requests),
            ("proceedings.innocent_spouse_claims", pr.innocent_spouse_claims),
            ("proceedings.audit_reconsiderations", pr.audit_reconsiderations),
            ("proceedings.deficiency_notices", pr.deficiency_notices),
        ]
        for name, items in holders:
            for i, item in enumerate(items):
                for j, ref in enumerate(item.tax_periods):
                    if ref not in seen:
                        problems.append(f"{name}[{i}].tax_periods[{j}]: names a tax period that is not in tax_periods")
    for i, claim in enumerate(case.proceedings.wrongful_levy_claims):
        where = f"proceedings.wrongful_levy_claims[{i}].levy_id"
        if claim.levy_id is None:
            if not case.levies:
                problems.append(f"{where}: the claim names no levy and the case has none")
        elif claim.levy_id not in levy_ids:
            problems.append(f"{where}: names no levy of the case (give the id of one of levies)")
    return problems


# Case's validator without the field checks its types make redundant (model/bounded.lean_validator)
lean_validator(Case)
