"""The payment options' levy notes name the whole bar of 26 U.S.C. § 6331(k), not only "while pending".

§ 6331(k)(1): no levy while an offer in compromise is pending "and (B) if such offer is rejected by the Secretary,
during the 30 days thereafter (and, if an appeal of such rejection is filed within such 30 days, during the period
that such appeal is pending)"; (k)(2) says the same of a proposed installment agreement, and adds the period the
agreement is in effect and the 30 days after a termination, with a timely appeal (audit 2026-12-07, round 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

MESSAGES = Path(__file__).parent.parent / "src" / "levynav" / "data" / "messages"
THIRTY = {"en": "30 days", "es": "30 días"}
APPEAL = {"en": "appeal", "es": "apela"}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("note", ["installment_agreement", "offer_in_compromise"])
def test_levy_note_names_the_30_days_after_rejection_and_the_appeal(lang: str, note: str) -> None:
    catalog = yaml.safe_load((MESSAGES / lang / "finances.yaml").read_text(encoding="utf-8"))
    text = catalog["finances"]["levy_note"][note]
    assert THIRTY[lang] in text and APPEAL[lang] in text
    if note == "installment_agreement":
        assert "(k)(2)" in text
    else:
        assert "(k)(1)" in text
