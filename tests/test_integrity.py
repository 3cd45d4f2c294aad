"""Law is code with citations: every rule, citation and dated number is sourced, and nothing dangles."""

from __future__ import annotations

import ast
import importlib
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from levynav.core import params
from levynav.core.law import registry
from levynav.core.law.catalog import MODULES
from levynav.core.law.rule import Rule, messages
from levynav.explain.catalog import SECTIONS
from levynav.lawbook import datafiles

SRC = Path(__file__).parent.parent / "src" / "levynav"
SCENARIOS = Path(__file__).parent / "scenarios"
CORE = ["core"]


def all_rules() -> list[Rule]:
    rules: list[Rule] = []
    for module in MODULES:
        rules += [v for v in vars(module).values() if isinstance(v, Rule)]
    for file in (SRC / "core" / "law").glob("*.py"):  # helper modules split out of the main ones
        for match in re.finditer(r'Rule\(\s*id="([^"]+)"', file.read_text(encoding="utf-8")):
            if match.group(1) not in {r.id for r in rules}:
                raise AssertionError(f"{file.name}: Rule {match.group(1)} is not reachable from law.catalog")
    return rules


def test_rule_ids_are_unique_across_the_catalog() -> None:
    """One legal question, one id: two Rule records may not share an id (anywhere under law/)."""
    seen: dict[str, str] = {}
    for file in sorted((SRC / "core" / "law").glob("*.py")):
        for match in re.finditer(r'Rule\(\s*id="([^"]+)"', file.read_text(encoding="utf-8")):
            rid = match.group(1)
            assert rid not in seen, f"rule id {rid} is defined twice: {seen[rid]} and {file.name}"
            seen[rid] = file.name
    records: dict[str, Rule] = {}
    # records built any other way (dataclasses.replace, copies)
    for file in sorted(
        (SRC / "core" / "law").glob("*.py")
    ):  # records built any other way (dataclasses.replace, copies)
        module = importlib.import_module(f"levynav.core.law.{file.stem}")
        for rule in (v for v in vars(module).values() if isinstance(v, Rule)):
            assert records.get(rule.id, rule) == rule, f"rule id {rule.id} names two Rule records ({file.name})"
            records[rule.id] = rule


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


def test_the_cdp_request_period_is_counted_in_one_place() -> None:
    """cdp.request_window_days is read by one function (calc/hearing_windows.cdp_request_period); every other
    reader of the period calls it, so no copy of the count (or a literal day number) can drift."""
    readers = sorted(
        str(f.relative_to(SRC)) for f in SRC.rglob("*.py") if '"cdp.request_window_days"' in f.read_text("utf-8")
    )
    assert readers == ["core/calc/hearing_windows.py"], readers


# calls that read a file, the environment or the home folder (``open(...)``, ``x.read_text()``, ``os.environ``,
# ``Path.home()``, ``x.expanduser()``, ``os.getenv(...)``, ``x.glob(...)``): none may appear under core/
FILE_AND_ENV_CALLS = {
    "open",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "getenv",
    "expanduser",
    "home",
    "glob",
    "rglob",
    "iterdir",
    "files",  # importlib.resources.files
}


def core_reads_of_files_or_environment(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
            if name in FILE_AND_ENV_CALLS:
                found.append(f"line {node.lineno}: {name}(...)")
        elif isinstance(node, ast.Attribute) and node.attr in {"environ", "environb"}:
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def test_the_core_reads_no_file_environment_or_home_folder() -> None:
    """The Law bundle is built outside the core (levynav.lawbook) and passed in or installed by the adapter; no
    module under core/ opens a file, reads the environment or the home folder (ADR 0013)."""
    bad = []
    for file in sorted((SRC / "core").rglob("*.py")):
        bad += [f"{file.relative_to(SRC)} {hit}" for hit in core_reads_of_files_or_environment(file.read_text("utf-8"))]
    assert not bad, "the core reads a file or the environment:\n" + "\n".join(bad)


def test_the_file_and_environment_check_sees_a_read() -> None:
    """The checker itself: each way of reading is caught."""
    sample = (
        "import os\nfrom pathlib import Path\n"
        "a = os.environ.get('X')\nb = Path('f').read_text()\nc = open('f')\nd = Path.home()\ne = os.getenv('X')\n"
    )
    assert len(core_reads_of_files_or_environment(sample)) == 5


def test_an_analysis_without_a_bundle_says_so() -> None:
    """With no bundle passed and none installed, the core does not go looking for the files: a clear error."""
    from levynav import analyze, lawbook
    from levynav.core import lawdata
    from levynav.core.model.case import Case

    lawdata.uninstall()
    try:
        with pytest.raises(lawdata.LawNotInstalled, match="no Law bundle"):
            analyze(Case.model_validate({"taxpayer": {"kind": "individual"}}), date(2026, 1, 5))
    finally:
        lawbook.install()


def test_the_standards_editions_come_from_the_bundle() -> None:
    """A bundle whose standards table holds no edition: the figures have no edition in force; the packaged
    bundle still has its editions afterwards."""
    import dataclasses

    from levynav import lawbook
    from levynav.core import lawdata
    from levynav.core.calc import standards

    packaged = lawbook.packaged()
    empty = dataclasses.replace(packaged, tables={**packaged.tables, "standards/editions": ()}, index={})
    with lawdata.using(empty):
        assert standards.edition_for(date(2026, 1, 5)).edition is None
    assert standards.edition_for(date(2026, 1, 5)).edition is not None


def test_an_analysis_records_the_law_data_it_used() -> None:
    from levynav import analyze, lawbook
    from levynav.core.model.case import Case

    law = lawbook.packaged()
    result = analyze(Case.model_validate({"taxpayer": {"kind": "individual"}}), date(2026, 1, 5), law)
    assert result.law_digest == law.digest and len(law.digest) == 64
    assert set(result.law_editions) >= {"parameters", "references", "messages.en"}
    assert result.law_editions == dict(law.editions)


def test_the_law_bundle_passed_in_is_the_one_the_rules_read() -> None:
    """A bundle whose CDP period has no value on record: the hearing deadline is not counted; the packaged law
    is untouched afterwards."""
    import dataclasses

    from levynav import analyze, lawbook
    from levynav.core.model.case import Case

    packaged = lawbook.packaged()
    cdp = packaged.parameters["cdp.request_window_days"]
    without = {**packaged.parameters, cdp.id: dataclasses.replace(cdp, values=())}
    law = dataclasses.replace(packaged, parameters=without, index={})
    case = Case.model_validate(
        {"taxpayer": {"kind": "individual"}, "notices": [{"type": "LT11", "notice_date": "2025-06-02"}]}
    )
    assert "cdp.request" not in {d.id for d in analyze(case, date(2025, 6, 10), law).deadlines}
    assert "cdp.request" in {d.id for d in analyze(case, date(2025, 6, 10)).deadlines}
