"""Which taxes have a trust fund part: the employment taxes withheld from employees (income tax withholding, the
employee's share of social security and Medicare), held "in trust for the United States" (§ 7501(a)). The federal
unemployment tax return (Form 940; the old Form 940-EZ) has none: § 3301 imposes the tax "on every employer",
nothing is withheld from anyone (§ 7501(a) reaches only a tax a person "is required to collect or withhold ... from
any other person"). Read by the trust fund recovery penalty's warning (R6672-W1) and by the payment options (the
Simple Payment Plan's business limit, the in-business trust fund express agreement).
"""

from __future__ import annotations

from levynav.core.model.case import TaxKind, TaxPeriod

FUTA_FORMS = frozenset({"940", "940-EZ", "940EZ"})


def is_futa(period: TaxPeriod) -> bool:
    """Whether the period's form is the federal unemployment tax return (Form 940): an employment tax with no trust
    fund part. A period whose form is not given is not taken to be one."""
    form = period.form
    if form is None:
        return False
    return form.strip().upper().removeprefix("FORM").strip() in FUTA_FORMS


def has_trust_fund_part(period: TaxPeriod) -> bool | None:
    """Whether the period's tax has a trust fund part: an employment tax other than FUTA; None when its kind is not
    given."""
    if period.tax_kind is None:
        return None
    return period.tax_kind is TaxKind.EMPLOYMENT and not is_futa(period)
