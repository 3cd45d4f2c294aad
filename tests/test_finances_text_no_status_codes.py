"""The `levynav finances` text page grades each standard's source in words ("secondary sources", "UNVERIFIED") and no
longer prints the source's own status code beside it (``single_source_repository_sample_verified_against_ust_pages``):
an internal code on a page a person reads. ``--format json`` keeps it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.helpers import run_cli

CASE = Path(__file__).resolve().parents[1] / "examples" / "bank-levy-hardship-21-day-hold.yaml"
CODE = re.compile(r"\((?:[A-Za-z0-9]+_)+[A-Za-z0-9]+[^)]*\)")  # "(two_sources)", "(UNVERIFIED_single_repository)"


def test_the_text_grades_in_words_without_the_status_code() -> None:
    code, out, err = run_cli("finances", str(CASE), "--as-of", "2026-11-23")
    assert code == 0, err
    assert "secondary sources" in out
    assert CODE.search(out) is None, CODE.search(out)


def test_the_json_keeps_the_status() -> None:
    code, out, _ = run_cli("finances", str(CASE), "--as-of", "2026-11-23", "--format", "json")
    assert code == 0 and "single_source_repository" in json.dumps(json.loads(out))
