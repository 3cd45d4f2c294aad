"""The `levynav` process set-up (levynav.cli.process): no pydantic plugin look-up, no cycle collection during a
one-shot command, and the same answer as the command set the tests drive in-process."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pydantic

from levynav.cli import process
from tests.helpers import run_cli

ROOT = Path(__file__).parent.parent
DEMO = ROOT / "examples" / "bank-levy-hardship-21-day-hold.yaml"

# Runs the command as the console script does, then reports what the process imported and how it left the
# collector (main's SystemExit is the command's end, not the probe's).
PROBE = """
import gc, json, sys
from levynav.cli.app import main
try:
    main()
except SystemExit as end:
    code = end.code
sys.stdout.flush()
report = {"code": code, "collector_on": gc.isenabled(),
          "metadata_imported": "importlib.metadata" in sys.modules,
          "feature_modules": sorted(m for m in sys.modules if m in ("levynav.cli.screen", "levynav.cli.serve"))}
print("PROBE" + json.dumps(report))
"""


def _probe(*args: str) -> tuple[str, dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    out, _, report = proc.stdout.rpartition("PROBE")
    return out, json.loads(report)


def test_pydantic_imports_only_get_plugins_from_its_plugin_loader() -> None:
    """The empty loader stands in for pydantic.plugin._loader: every import of it in the installed pydantic must
    ask for names the stand-in has, or an upgrade would break the command (it fails here first)."""
    root = Path(pydantic.__file__).parent
    asked: set[str] = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (
                node.module == "pydantic.plugin._loader" or (node.module == "_loader" and node.level == 1)
            ):
                asked |= {alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                assert all(a.name != "pydantic.plugin._loader" for a in node.names), path
    assert asked == {"get_plugins"}


def test_a_cold_analyze_looks_no_plugin_up_and_collects_no_cycles_while_it_runs() -> None:
    out, report = _probe("analyze", str(DEMO), "--as-of", "2026-11-23", "--format", "json")
    assert report["code"] == 0
    assert report["metadata_imported"] is False
    assert report["feature_modules"] == []
    assert report["collector_on"] is True  # turned back on when the command returned
    code, in_process, _ = run_cli("analyze", str(DEMO), "--as-of", "2026-11-23", "--format", "json")
    assert code == 0 and out == in_process


def test_the_text_answer_is_the_same_through_main() -> None:
    out, report = _probe("analyze", str(DEMO), "--as-of", "2026-11-23")
    code, in_process, _ = run_cli("analyze", str(DEMO), "--as-of", "2026-11-23")
    assert report["code"] == code == 0
    assert out == in_process


def test_bad_input_through_main_is_one_line_and_exit_2() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "levynav.cli", "analyze", str(DEMO), "--as-of", "2026-02-30"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert proc.returncode == 2
    assert proc.stderr == "levynav: --as-of: is not a date in the form YYYY-MM-DD\n"


def test_a_long_running_command_keeps_the_collector() -> None:
    assert process.set_up(one_shot=False) is False
    import gc

    assert gc.isenabled()
