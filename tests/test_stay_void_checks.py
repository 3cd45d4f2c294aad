"""The bankruptcy-stay checks of the collection statute (a void Notice of Determination, Smith v. Comm'r, 124 T.C.
36 (2005)) and of NC-1 (a notice issued in the stay, Beverly v. Comm'r, T.C. Memo. 2005-41): a case without a
bankruptcy never reaches them (issue 12: the screening path is unchanged), and the new words, en and es, name the
dates and no internal id."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from levynav import analyze
from levynav.core.calc import csed_events, csed_hearings_and_claims
from levynav.core.law import notice_clocks
from levynav.explain import render
from levynav.intake.load import case_from_data

AS_OF = date(2005, 3, 1)


def _case(bankrupt: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "taxpayer": {"kind": "individual", "state": "NV"},
        "tax_periods": [{"id": "1040-1995", "assessment_date": "1996-06-03", "balance": 5000}],
        "notices": [
            {"type": "LT11", "notice_date": "2003-08-26", "tax_periods": ["1040-1995"]},
            {"type": "CP504", "notice_date": "2004-04-05", "tax_periods": ["1040-1995"]},
        ],
        "proceedings": {
            "hearing_requests": [
                {"request_date": "2003-09-15", "tax_periods": ["1040-1995"], "determination_date": "2004-05-25"}
            ]
        },
    }
    if bankrupt:
        data["proceedings"]["bankruptcies"] = [
            {"petition_date": "2004-03-03", "chapter": 7, "discharge_date": "2004-07-20"}
        ]
    return data


def test_no_bankruptcy_never_asks_the_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise AssertionError("stayed_on asked for a case without a bankruptcy")

    monkeypatch.setattr(csed_hearings_and_claims, "stayed_on", boom)
    monkeypatch.setattr(notice_clocks, "stayed_on", boom)
    a = analyze(case_from_data(_case(False)), AS_OF)
    (nc,) = [f for f in a.findings if f.rule == "NC-1" and f.subject == "notices[1]"]
    assert nc.message_key.startswith("passed")


def test_void_determination_words_and_dates() -> None:
    events = csed_events.read_events(case_from_data(_case(True)), AS_OF)
    (cdp,) = [s for s in events.suspensions if s.ref == "CSED-3.1"]
    assert cdp.open and cdp.end == AS_OF
    keys = [m.key for m in cdp.detail]
    assert "csed_timeline.detail.void_stay" in keys
    (note,) = [n for n in events.notes if n.key == "csed_timeline.note.cdp_void_stay"]
    for lang, day in (("en", "May 25, 2004"), ("es", "25 de mayo de 2004")):
        said = render.text(note, lang)
        assert day in said and "Smith" in render.text(cdp.detail[0], lang)


def test_nc1_in_stay_words_name_the_dates_and_no_id() -> None:
    a = analyze(case_from_data(_case(True)), AS_OF)
    (nc,) = [f for f in a.findings if f.rule == "NC-1" and f.subject == "notices[1]"]
    assert nc.message_key == "in_stay_no_hearing_notice" and nc.value is None
    for lang, day in (("en", "April 5, 2004"), ("es", "5 de abril de 2004")):
        words = render.finding(nc, lang).explanation
        assert day in words and "2004" in words
        assert not re.search(r"\b(NC|RBK|CDP)-\d", words)
