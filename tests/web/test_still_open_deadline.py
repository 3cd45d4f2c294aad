"""The result page lists a deadline whose date has passed but whose act may still be done (a combat-zone service
with no last day yet, § 7508(a)) with the dates ahead, tagged as still open — never folded under "Dates that have
passed", which would tell a servicemember the hearing is lost while the plan says to ask for it."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from levynav.web import words
from tests.web.conftest import AS_OF


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_passed_date_still_open_is_listed_ahead_with_its_tag(client: TestClient, lang: str) -> None:
    # the LT11 of 200 days before the page's date: its CDP day has passed; the service began before that day
    notice = AS_OF.fromordinal(AS_OF.toordinal() - 200)
    case = {
        "taxpayer": {"kind": "individual"},
        "notices": [{"type": "LT11", "notice_date": notice.isoformat()}],
        "proceedings": {"postponements": [{"kind": "combat_zone", "start": notice.isoformat()}]},
    }
    code = client.post("/api/v1/cases", json=case).json()["id"]
    page = html.unescape(client.get(f"/case/{code}/result?lang={lang}").text)
    live = re.search(r'<ul class="[^"]*" id="deadlines-live">(.*?)</ul>', page, re.S)
    assert live is not None
    assert words.t("result_still_open", lang) in live.group(1)
    folded = re.search(r'<details class="lv-passed" id="deadlines-passed">(.*?)</details>', page, re.S)
    # what is folded (the earliest day a levy could come) never carries the still-open tag
    assert folded is None or words.t("result_still_open", lang) not in folded.group(1)


def test_a_postponed_cdp_day_within_a_week_puts_up_the_act_now_banner(client: TestClient) -> None:
    """The CDP day of an LT11 of Jan. 5, 2026 (15 of its 30 days gone when the service began on Jan. 20) passed on
    Feb. 4; the service ended May 15, so the last day is the 15th day after the 180 disregarded days: Nov. 26 is
    Thanksgiving, so it moves to Friday Nov. 27 (§ 7503) — 4 days after the page's date. The banner says so."""
    case = {
        "taxpayer": {"kind": "individual"},
        "notices": [{"type": "LT11", "notice_date": "2026-01-05"}],
        "proceedings": {"postponements": [{"kind": "combat_zone", "start": "2026-01-20", "end": "2026-05-15"}]},
    }
    code = client.post("/api/v1/cases", json=case).json()["id"]
    analysis = client.get(f"/api/v1/cases/{code}/analysis").json()
    (cdp,) = [d for d in analysis["deadlines"] if d["id"] == "cdp.request"]
    assert (cdp["passed"], cdp["still_open"], cdp["alternative_date"]) == (True, True, "2026-11-27")
    page = html.unescape(client.get(f"/case/{code}/result?lang=en").text)
    expected = words.t("emergency_cdp_closing", "en", date=words.day(date(2026, 11, 27), "en"), days=4)
    assert words.t("emergency_title", "en") in page and expected in page
