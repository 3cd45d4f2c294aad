"""The papers of a taxpayer who has died, in Spanish: the reading copy of each letter (fuzz, round 3).

A decedent's case with a levy and a hardship made `levynav packet --lang es` an internal error (UndefinedError in
the reading copy): the copy's sender line asked the writer for a CAF number, which an executor or administrator
(§ 6903(a)) does not have. The copy now says who writes as the English letter does — the personal representative
of the estate, the date of death, Form 56 — and the release request no longer asks for a copy "to my representative"
when the writer is the fiduciary.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from levynav.core.analyze import analyze
from levynav.documents.letters import letters_for
from levynav.documents.reading_copy import reading_copy_html
from levynav.explain.render import english
from levynav.explain.render import render as render_record
from levynav.intake.load import case_from_data

AS_OF = date(2026, 12, 7)


def _estate(capacity: str | None, form_56: bool | None = None) -> Any:
    data: dict[str, Any] = {
        "taxpayer": {"kind": "individual", "name": "John Example", "date_of_death": "2026-06-20"},
        "notices": [{"type": "LT11", "notice_date": "2026-08-03", "tax_periods": ["1040-2021"]}],
        "levies": [{"kind": "bank", "served_date": "2026-10-05", "tax_periods": ["1040-2021"], "holder": "First Bank"}],
        "circumstances": {"economic_hardship": True, "immediate_threat_of_adverse_action": True},
        "tax_periods": [{"id": "1040-2021", "form": "1040", "period": "2021", "balance": 0}],  # paid: a release
    }
    if capacity is not None:
        data["representative"] = {"name": "Ana Example", "capacity": capacity, "form_56_filed": form_56}
    return case_from_data(data, "test")


@pytest.mark.parametrize(
    ("capacity", "form_56"),
    [("fiduciary", True), ("fiduciary", None), ("power_of_attorney", None), (None, None)],
)
def test_every_reading_copy_of_a_decedents_letters_is_made(capacity: str | None, form_56: bool | None) -> None:
    case = _estate(capacity, form_56)
    record = analyze(case, AS_OF)
    made = letters_for(case, english(record))
    assert {"release_request", "holder_letter", "tas_cover", "hearing_cover"} <= {lt.kind for lt in made}
    page = render_record(record, "es")
    for letter in made:
        html = reading_copy_html(letter, page)  # an UndefinedError before
        assert "CAF" not in html, letter.kind
        # the death is stated (es14's words, gender-neutral: "persona fallecida" on the signature, "falleció el" in the
        # note) with the authority to act for the decedent
        assert ("persona fallecida" in html or "falleció el" in html) and "6903(a)" in html, letter.kind
        if capacity == "fiduciary":
            assert "Ana Example, representante personal" in html, letter.kind
            assert ("Formulario 56 (aviso de relación fiduciaria) ya está en poder del IRS" in html) is (
                form_56 is True
            )
        assert "a mí y a mi representante" not in html, letter.kind


def test_the_fiduciarys_release_request_asks_no_copy_for_a_representative() -> None:
    case = _estate("fiduciary", True)
    record = english(analyze(case, AS_OF))
    html = [lt.html for lt in letters_for(case, record) if lt.kind == "release_request"]
    assert html and "and to my representative" not in html[0]
