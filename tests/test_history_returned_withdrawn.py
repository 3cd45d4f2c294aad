"""The case history shows the end of an offer or a payment-plan request as the record gives it: an offer the IRS
returned (its pending time, and the levy bar, end then: R6331-K1 ``how_returned``) and a request withdrawn by the
person (26 C.F.R. § 301.6331-4(a)(2): pending "until ... the proposal is withdrawn by the taxpayer") were missing
from the timeline while the other ends (accepted, rejected, withdrawn offer; entered, rejected, terminated
agreement) were shown."""

from __future__ import annotations

from datetime import date

from levynav.core.analyze import analyze
from levynav.explain.render import render
from levynav.intake.load import case_from_data


def test_a_returned_offer_and_a_withdrawn_request_are_in_the_history() -> None:
    data = {
        "taxpayer": {"kind": "business"},
        "tax_periods": [{"id": "941-2024Q3", "balance": 41200}],
        "offers": [{"status": "returned", "submitted_date": "2026-09-01", "returned_date": "2026-10-20"}],
        "installment_agreements": [
            {"status": "withdrawn", "requested_date": "2026-11-02", "withdrawn_date": "2026-11-09"}
        ],
    }
    analysis = analyze(case_from_data(data), date(2026, 12, 7))
    keys = {(e.date, e.event.key) for e in analysis.history}
    assert (date(2026, 10, 20), "history.offer_returned") in keys
    assert (date(2026, 11, 9), "history.agreement_withdrawn") in keys
    words = {lang: [e.event for e in render(analysis, lang).history] for lang in ("en", "es")}
    assert "Offer in compromise returned by the IRS" in words["en"]
    assert "Oferta de transacción devuelta por el IRS" in words["es"]
    assert "Solicitud de acuerdo de pagos a plazos retirada" in words["es"]
