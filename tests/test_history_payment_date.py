"""The case history (the timeline of events): a holder's payment date after the analysis date is not yet a fact,
so the event says the money is to be sent, not that it was sent (the same reading as the bank hold, § 6332(c))."""

from __future__ import annotations

from datetime import date

import pytest

from levynav.core.analyze import analyze
from levynav.explain.render import render
from levynav.intake.load import case_from_data

SENT_ON = "2026-03-10"


def _case(holder: str | None) -> dict[str, object]:
    levy: dict[str, object] = {"kind": "bank", "served_date": "2026-02-10", "proceeds_sent_date": SENT_ON}
    if holder:
        levy["holder"] = holder
    return {"taxpayer": {"kind": "individual"}, "tax_periods": [{"id": "1040-2022", "balance": 4000}], "levies": [levy]}


@pytest.mark.parametrize("holder", ["Example Bank", None])
@pytest.mark.parametrize(
    ("as_of", "key"),
    [
        (date(2026, 3, 9), "history.proceeds_scheduled"),  # the day before the payment date: scheduled
        (date(2026, 3, 10), "history.proceeds_sent"),  # on the payment date: paid (as levy_facts.paid_over)
        (date(2026, 4, 1), "history.proceeds_sent"),
    ],
)
def test_a_payment_date_after_the_analysis_date_is_scheduled(holder: str | None, as_of: date, key: str) -> None:
    analysis = analyze(case_from_data(_case(holder)), as_of)
    events = [e for e in analysis.history if e.kind == "proceeds_sent"]
    assert [e.date for e in events] == [date.fromisoformat(SENT_ON)]
    assert events[0].event.key == (f"{key}_by" if holder else key)
    words = {lang: render(analysis, lang).history for lang in ("en", "es")}
    said = [e.event for e in words["en"] if "IRS" in e.event]
    assert len(said) == 1
    assert ("not yet sent" in said[0]) is (key == "history.proceeds_scheduled")
    assert ("aún no enviado" in " ".join(e.event for e in words["es"])) is (key == "history.proceeds_scheduled")
