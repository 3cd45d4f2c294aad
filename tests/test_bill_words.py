"""One plain English word for the notice and demand for payment (26 U.S.C. § 6303(a); the demand a levy waits 10 days
after, § 6331(a)): "the bill", as the IRS calls its CP14 ("your first bill"). The person's pages said it three ways
("bill", "demand for payment", "notice and demand"), and a reader could not tell the three were one act. The formal
term stays in the law's own data (parameters, references) and in scenario names, which no person's page shows; no
paper sent to the IRS names it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from levynav.explain import catalog
from tests.helpers import text_leaves

WEB_EN = Path(__file__).resolve().parents[1] / "src" / "levynav" / "web" / "messages" / "en.yaml"
FORMAL = re.compile(r"notice and demand|demand(?:s|ed)? (?:for )?payment|that demand", re.IGNORECASE)


def test_the_english_pages_say_bill_for_the_notice_and_demand() -> None:
    sources = [catalog.messages("en"), catalog.plan_texts("en"), catalog.question_texts("en")]
    sources.append(yaml.safe_load(WEB_EN.read_text(encoding="utf-8")))
    found = [(key, text[:120]) for source in sources for key, text in text_leaves(source) if FORMAL.search(text)]
    assert found == []


def test_the_premature_levy_note_says_bill() -> None:
    from levynav.core.law.discretionary_cdp import PREMATURE
    from levynav.core.model.message import message
    from levynav.explain.render import text

    said = text(message(f"{PREMATURE.id}.demand_by_levy_notice", kind="LT11"), "en")
    assert "took the LT11 as the bill" in said and "the bill the law requires" in said
    assert FORMAL.search(said) is None
