"""Law is code with citations: every rule, citation and dated number is sourced, and nothing dangles."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from levynav import datafiles, params
from levynav.explain.catalog import SECTIONS
from levynav.law import registry
from levynav.law.catalog import MODULES
from levynav.law.rule import Rule, messages

SRC = Path(__file__).parent.parent / "src" / "levynav"
SCENARIOS = Path(__file__).parent / "scenarios"
CORE = ["law", "calc", "model", "plan.py", "analyze.py", "derive.py"]


def all_rules() -> list[Rule]:
    rules: list[Rule] = []
    for module in MODULES:
        rules += [v for v in vars(module).values() if isinstance(v, Rule)]
    for file in (SRC / "law").glob("*.py"):  # helper modules split out of the main ones
        for match in re.finditer(r'Rule\(\s*id="([^"]+)"', file.read_text(encoding="utf-8")):
            if match.group(1) not in {r.id for r in rules}:
                raise AssertionError(f"{file.name}: Rule {match.group(1)} is not reachable from law.catalog")
    return rules


def test_every_rule_and_its_citations_are_in_the_registry() -> None:
    known = registry.registry()
    for rule in all_rules():
        assert rule.id in known, f"rule {rule.id} has no registry entry"
        assert rule.cites, f"rule {rule.id} cites nothing"
        for cid in rule.cites:
            assert cid in known, f"rule {rule.id} cites {cid}, which is not in the registry"


def test_every_registry_entry_has_citation_source_summary_and_status() -> None:
    for rid, entry in datafiles.merged_mapping("references").items():
        for key in ("cite", "source", "summary", "status"):
            assert entry.get(key), f"registry {rid}: {key} is empty"
        assert entry["status"] in registry.STATUSES, f"registry {rid}: status {entry['status']!r}"
        assert set(entry) <= {"cite", "source", "summary", "status", "note"}, f"registry {rid}: unknown keys"


def test_every_parameter_value_is_dated_sourced_and_in_order() -> None:
    for pid, param in params.all_params().items():
        assert param.unit in params.UNITS, f"{pid}: unit {param.unit!r}"
        assert param.description and param.keyed_on, f"{pid}: description and keyed_on are required"
        starts = [v.start for v in param.values]
        assert starts == sorted(starts) and len(set(starts)) == len(starts), f"{pid}: from dates not increasing"
        for v in param.values:
            assert isinstance(v.start, date), f"{pid}: from {v.start!r} is not a date"
            assert v.source, f"{pid} from {v.start}: no source"
            assert v.status, f"{pid} from {v.start}: no status"
            assert v.value is None or v.value >= 0, f"{pid} from {v.start}: negative value"
        for cid in param.cites:
            assert cid in registry.registry(), f"{pid} cites {cid}, not in the registry"


def test_every_parameter_and_citation_id_named_in_code_exists() -> None:
    known_params = set(params.all_params())
    known_cites = set(registry.registry())
    for file in SRC.rglob("*.py"):
        text = file.read_text(encoding="utf-8")
        for pid in re.findall(r'params\.(?:use|number)\(\s*"([^"]+)"', text):
            assert pid in known_params, f"{file.relative_to(SRC)} uses parameter {pid}, which is not defined"
        for cid in re.findall(r'registry\.cite\(\s*"([^"]+)"', text):
            assert cid in known_cites, f"{file.relative_to(SRC)} cites {cid}, which is not in the registry"


def test_messages_plan_steps_belong_to_known_rules() -> None:
    ids = {r.id for r in all_rules()}
    for rid in messages():
        assert rid in ids or rid in SECTIONS, f"messages for {rid}, which is no rule"
    for rid, step in datafiles.merged_mapping("plan").items():
        assert rid in ids, f"plan step for {rid}, which is no rule"
        assert {"title", "action"} <= set(step), f"plan step {rid} needs a title and an action"
        assert step.get("when", "this_week") in {"today", "this_week", "later"}, f"plan step {rid}: when"


def test_every_rule_has_a_scenario() -> None:
    text = "\n".join(f.read_text(encoding="utf-8") for f in SCENARIOS.rglob("*.yaml"))
    named = set(re.findall(r"rule:\s*([A-Za-z0-9-]+)", text))
    for entries in (yaml.safe_load(f.read_text(encoding="utf-8")) or [] for f in SCENARIOS.rglob("*.yaml")):
        for item in entries:
            named |= set(item.get("expect", {}).get("no_findings", []))
    missing = sorted(r.id for r in all_rules() if r.id not in named)
    assert not missing, f"rules with no scenario: {missing}"


def test_the_core_never_reads_the_clock_or_uses_float() -> None:
    for part in CORE:
        target = SRC / part
        files = [target] if target.is_file() else list(target.rglob("*.py"))
        for file in files:
            text = file.read_text(encoding="utf-8")
            for bad in ("date.today(", "datetime.now(", "datetime.today(", "time.time("):
                assert bad not in text, f"{file.relative_to(SRC)} reads the clock ({bad})"
            assert not re.search(r"\bfloat\(", text), f"{file.relative_to(SRC)} uses float for money"
