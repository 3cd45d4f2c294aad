"""The Tax Court's ruling on a late petition (``tax_court_late_petition_accepted``): what a refusal no longer leaves
unknown — a levy after the late petition draws no finding of the CDP levy stop (§ 6330(e)(1)) or of the deficiency
ban (§ 6213(a)), and the state is not asked for the ban — which the scenario format cannot say ("no finding for this
subject"); and the new words, en and es, name the dates and no internal id."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from levynav import analyze
from levynav.explain import render
from levynav.intake.load import case_from_data

AS_OF = date(2025, 9, 1)


def _cdp(accepted: bool | None) -> dict[str, Any]:
    req: dict[str, Any] = {
        "request_date": "2024-11-20",
        "determination_date": "2025-03-03",
        "tax_court_petition_date": "2025-04-10",
    }
    if accepted is not None:
        req["tax_court_late_petition_accepted"] = accepted
    return {
        "taxpayer": {"kind": "individual"},
        "notices": [{"type": "LT11", "notice_date": "2024-11-04"}],
        "proceedings": {"hearing_requests": [req]},
        "levies": [{"kind": "bank", "served_date": "2025-05-01"}],
    }


def _deficiency(accepted: bool | None, state: str | None) -> dict[str, Any]:
    notice: dict[str, Any] = {
        "mailed_date": "2024-01-08",
        "addressed_outside_us": False,
        "tax_court_petition_date": "2024-06-01",
    }
    if accepted is not None:
        notice["tax_court_late_petition_accepted"] = accepted
    taxpayer: dict[str, Any] = {"kind": "individual"}
    if state is not None:
        taxpayer["state"] = state
    return {
        "taxpayer": taxpayer,
        "proceedings": {"deficiency_notices": [notice]},
        "levies": [{"kind": "bank", "served_date": "2024-07-01"}],
    }


def _by_subject(data: dict[str, Any], rule: str) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for f in analyze(case_from_data(data), AS_OF).findings:
        if f.rule == rule:
            out.setdefault(f.subject, []).append(f.message_key)
    return out


def test_a_refused_cdp_petition_leaves_the_later_levy_outside_the_stop() -> None:
    stop = _by_subject(_cdp(False), "R6330-E1")
    assert stop == {"proceedings.hearing_requests[0]": ["ended_late_petition_refused"]}


@pytest.mark.parametrize("state", ["PA", "OH", None])
def test_a_refused_deficiency_petition_leaves_the_later_levy_unbarred_wherever_the_person_lives(
    state: str | None,
) -> None:
    ban = _by_subject(_deficiency(False, state), "R6213-A1")
    assert ban == {"proceedings.deficiency_notices[0]": ["ended_late_petition_refused"]}
    for f in analyze(case_from_data(_deficiency(False, state)), AS_OF).findings:
        if f.rule == "R6213-A1":
            assert "taxpayer.state" not in f.missing


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    ("data", "rule", "key"),
    [
        (_cdp(False), "CDP-15", "petitioned_late_refused"),
        (_cdp(True), "CDP-15", "petitioned_late_accepted"),
        (_cdp(False), "R6330-E1", "ended_late_petition_refused"),
        (_deficiency(False, "PA"), "R6213-A1", "ended_late_petition_refused"),
    ],
)
def test_the_ruling_is_said_in_plain_words(data: dict[str, Any], rule: str, key: str, lang: str) -> None:
    found = [f for f in analyze(case_from_data(data), AS_OF).findings if f.rule == rule and f.message_key == key]
    assert found
    words = render.finding(found[0], lang).explanation
    assert "{" not in words and key not in words and rule not in words
    assert not re.search(r"\b(CDP|R6\d+)-", words)
    assert re.search(r"\d{4}", words)  # the dates are said
