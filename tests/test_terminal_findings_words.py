"""The findings of `levynav analyze` (text) say the facts they are about, and the facts they need, in words only.

They printed each as words and then the case file's path ("Needed to decide: Tax period 1 — date of assessment
[tax_periods[0].assessment_date]"; a finding about the payment options as "Finances — “options”
[finances.options]"). A person reads these lines; the record (``--format json``) keeps the paths. The questions
list still gives each question's path: it is how a case file answers it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.test_explain import RAW_FIELD_PATH

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HEADINGS = {"en": ("Findings", "Questions"), "es": ("Conclusiones", "Preguntas")}


def _findings(out: str, lang: str) -> str:
    start, end = HEADINGS[lang]
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next((i for i, line in enumerate(lines) if i > first and line.startswith(end)), len(lines))
    return " ".join(" ".join(lines[first:last]).split())


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("example", ["bank-levy-hardship-21-day-hold", "business-bank-levy"])
def test_the_findings_name_no_field_by_its_path(lang: str, example: str) -> None:
    code, out, err = run_cli("analyze", str(EXAMPLES / f"{example}.yaml"), "--as-of", "2026-11-23", "--lang", lang)
    assert code == 0, err
    findings = _findings(out, lang)
    assert RAW_FIELD_PATH.search(findings) is None, RAW_FIELD_PATH.search(findings)
    assert "“options”" not in findings
    needed = {"en": "Needed to decide: Levy 1 — ", "es": "Falta para decidir: Embargo 1 — "}[lang]
    assert needed in findings


def test_the_payment_options_are_said_in_words() -> None:
    from levynav.explain import field_names

    assert field_names.words("finances.options", "en") == "Finances — payment options"
    assert field_names.words("finances.options", "es") == "Finanzas — opciones de pago"


def test_the_json_record_keeps_the_paths() -> None:
    code, out, _ = run_cli(
        "analyze", str(EXAMPLES / "bank-levy-hardship-21-day-hold.yaml"), "--as-of", "2026-11-23", "--format", "json"
    )
    assert code == 0 and re.search(r'"missing": \[\s*"levies\[0\]\.', out)
