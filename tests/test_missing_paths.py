"""Every missing fact a finding or a payment option names is a real field of the Case (a question can be asked).

The paths are walked through the pydantic models: ``finances.vehicles[0].monthly_payment``, ``tax_periods[].tax_kind``
(any element) and ``levies[0]`` (an element) are real; ``finances.monthly_disposable_income`` (a computed figure) or a
parameter id is not. Checked over every example and every scenario file.
"""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any, Union

import pytest
import yaml
from pydantic import BaseModel

from levynav import analyze, load_case
from levynav.core.model.analysis import Analysis
from levynav.core.model.case import Case
from levynav.intake.load import CaseError, case_from_data
from tests.scenario_runner import as_date, discover

EXAMPLES = Path(__file__).parent.parent / "examples"
SEGMENT = re.compile(r"^(?P<name>[a-z_0-9]+)(?P<index>\[\d*\])?$")


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> X."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def resolves(path: str, model: type[BaseModel] = Case) -> bool:
    """Whether ``path`` names a field (or an element of a list field) of ``model``."""
    current: Any = model
    for part in path.split("."):
        match = SEGMENT.match(part)
        if match is None or not (isinstance(current, type) and issubclass(current, BaseModel)):
            return False
        field = current.model_fields.get(match["name"])
        if field is None:
            return False
        current = _unwrap(field.annotation)
        if match["index"] is not None:
            if typing.get_origin(current) is not list:
                return False
            current = _unwrap(typing.get_args(current)[0])
    return True


def named_missing(result: Analysis) -> list[tuple[str, str]]:
    """(where, path) for every missing fact the analysis names."""
    out = [(f"finding {f.rule} {f.subject}", m) for f in result.findings for m in f.missing]
    options = (result.finances.model_dump(mode="json") if result.finances else {}).get("options") or {}
    for o in options.get("options") or []:
        out += [(f"option {o['option']}", m) for m in o["missing"]]
    out += [("low-income test", m) for m in (options.get("low_income") or {}).get("missing") or []]
    return out


def test_the_walker_knows_real_and_unreal_paths() -> None:
    assert resolves("finances.vehicles[0].monthly_payment")
    assert resolves("tax_periods[].assessed_tax")
    assert resolves("levies[0]")
    assert resolves("circumstances.prior_five_years_compliant")
    assert resolves("finances.irs_determination.quick_sale_pct")
    assert not resolves("finances.monthly_disposable_income")
    assert not resolves("circumstances.all_returns_filed")
    assert not resolves("csed")
    assert not resolves("household.size")
    assert not resolves("taxpayer.state.code")


def _examples() -> list[tuple[str, Case]]:
    return [(path.name, load_case(path)) for path in sorted(EXAMPLES.glob("*.yaml"))]


def _scenarios() -> list[tuple[str, Case, date]]:
    out = []
    for name, item in discover():
        if "error" in item:
            continue
        try:
            out.append((name, case_from_data(item["case"]), as_date(item["as_of"])))
        except CaseError:  # pragma: no cover - a broken scenario fails in test_scenarios
            continue
    return out


@pytest.mark.parametrize(("name", "case"), _examples(), ids=[n for n, _ in _examples()])
def test_every_missing_fact_of_an_example_is_a_case_field(name: str, case: Case) -> None:
    bad = [(where, m) for where, m in named_missing(analyze(case, date(2026, 11, 23))) if not resolves(m)]
    assert not bad, f"{name}: {bad}"


def test_every_missing_fact_of_every_scenario_is_a_case_field() -> None:
    bad = []
    for name, case, as_of in _scenarios():
        bad += [(name, where, m) for where, m in named_missing(analyze(case, as_of)) if not resolves(m)]
    assert not bad, "\n".join(map(str, bad))


def test_scenario_files_are_yaml_lists() -> None:  # the walker above reads the same files
    files = Path(__file__).parent.glob("scenarios/*/*.yaml")
    assert all(isinstance(yaml.safe_load(p.read_text(encoding="utf-8")), list) for p in files)


def test_every_missing_fact_has_its_own_question_in_every_language() -> None:
    """A person is never asked "What is the open bankruptcy? (circumstances.open_bankruptcy)": every fact an example
    or a scenario names as missing has a question of its own in English and Spanish (the packet's "still missing"
    page and the open questions read these; the generic fallback is for a path no rule names yet)."""
    from levynav.explain import catalog
    from levynav.explain.render import _pattern

    named = {_pattern(m) for _, case in _examples() for _, m in named_missing(analyze(case, date(2026, 11, 23)))}
    named |= {_pattern(m) for _, case, as_of in _scenarios() for _, m in named_missing(analyze(case, as_of))}
    assert len(named) > 50  # the walk saw the facts the rules ask for
    for lang in ("en", "es"):
        texts = catalog.question_texts(lang)
        unasked = sorted(p for p in named if p not in texts)
        assert not unasked, f"{lang}: no question for {unasked}"
