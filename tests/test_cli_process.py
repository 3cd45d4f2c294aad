"""The `levynav` process set-up (levynav.cli.process): no pydantic plugin look-up, no cycle collection during a
one-shot command, and the same answer as the command set the tests drive in-process."""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pydantic
import pytest

from levynav.cli import analyze_direct, process
from tests.helpers import run_cli
from tests.test_hostile_commands import CONTENTS, MINIMAL_CASE

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


# ---- `levynav analyze` without typer (cli/analyze_direct.py): the same answer as the typer command ----


def _direct(*args: str) -> tuple[int, str, str]:
    """``analyze ARGS`` through the direct path, in-process: the exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            analyze_direct.run(list(args))
        except SystemExit as end:
            code = end.code
    assert isinstance(code, int), "the direct path always exits"
    return code, out.getvalue(), err.getvalue()


def _same_both_ways(*args: str) -> None:
    assert analyze_direct.read(list(args)) is not None, f"the direct path should take {args}"
    assert _direct(*args) == run_cli("analyze", *args)


PLAIN_ARGUMENTS = [
    (str(DEMO), "--as-of", "2026-11-23"),
    (str(DEMO), "--as-of=2026-11-23", "--format=json"),
    ("--format", "json", "--as-of", "2026-11-23", str(DEMO)),
    (str(DEMO), "--as-of", "2026-11-23", "--lang", "es"),
    (str(DEMO), "--as-of", "2026-02-30"),
    (str(DEMO), "--as-of", "2026-11-23x"),
    (str(DEMO), "--as-of", "1066-10-14"),
    (str(DEMO), "--format", "xml"),
    (str(DEMO), "--as-of", "2026-11-23", "--lang", "fr"),
    (str(ROOT / "no-such-case.yaml"), "--as-of", "2026-11-23"),
    (str(ROOT / "examples"), "--as-of", "2026-11-23"),
    ("/dev/zero", "--as-of", "2026-11-23"),
    (str(ROOT / "pyproject.toml"), "--as-of", "2026-11-23"),
]


@pytest.mark.parametrize("args", PLAIN_ARGUMENTS, ids=lambda a: " ".join(Path(x).name for x in a))
def test_plain_arguments_give_the_same_answer_without_typer(args: tuple[str, ...]) -> None:
    _same_both_ways(*args)


@pytest.mark.parametrize("name", sorted(CONTENTS))
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_hostile_case_files_give_the_same_answer_without_typer(tmp_path: Path, name: str, fmt: str) -> None:
    content = CONTENTS[name]
    path = tmp_path / "input.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    _same_both_ways(str(path), "--as-of", "2026-11-23", "--format", fmt)


def test_a_case_with_a_warning_gives_the_same_answer_without_typer(tmp_path: Path) -> None:
    """A transcript the case points to that cannot be read: the warning path of load_case_or_exit."""
    case = tmp_path / "case.yaml"
    case.write_text("taxpayer: {kind: individual}\ntranscripts: [absent.txt]\n", encoding="utf-8")
    _same_both_ways(str(case), "--as-of", "2026-11-23")


TYPER_ARGUMENTS = [
    (),
    ("--help",),
    (str(DEMO), "--help"),
    (str(DEMO), "--as-of"),
    (str(DEMO), "--as-of="),
    (str(DEMO), "--as-of", "2026-11-23", "--as-of", "2026-11-24"),
    (str(DEMO), "--as-of", "-1"),
    (str(DEMO), "--colour", "red"),
    (str(DEMO), str(DEMO)),
    (str(DEMO), "--"),
    ("-", "--as-of", "2026-11-23"),
    ("-x",),
    (str(DEMO), "--format", "json\udcff"),
    ("a\x00b",),
]


@pytest.mark.parametrize("args", TYPER_ARGUMENTS, ids=repr)
def test_other_arguments_are_left_to_typer(args: tuple[str, ...]) -> None:
    assert analyze_direct.read(list(args)) is None


def test_an_unreadable_existing_file_is_left_to_typer(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL_CASE, encoding="utf-8")
    case.chmod(0)
    try:
        readable = os.access(case, os.R_OK)  # root reads it anyway
        assert (analyze_direct.read([str(case)]) is None) is not readable
    finally:
        case.chmod(0o600)


def test_a_shell_completion_request_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_LEVYNAV_COMPLETE", "bash_source")
    assert analyze_direct.read([str(DEMO)]) is None


def test_main_answers_analyze_without_importing_typer() -> None:
    probe = PROBE.replace('"feature_modules"', '"typer": "typer" in sys.modules, "feature_modules"')
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    args = ["analyze", str(DEMO), "--as-of", "2026-11-23"]
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True, env=env)
    report = json.loads(proc.stdout.rpartition("PROBE")[2])
    assert report["code"] == 0 and report["typer"] is False
    proc = subprocess.run(
        [sys.executable, "-c", probe, *args, "--lang", "xx"], capture_output=True, text=True, check=True, env=env
    )
    report = json.loads(proc.stdout.rpartition("PROBE")[2])
    assert report["code"] == 2 and report["typer"] is True  # the error is printed by typer's echo, as before
    assert proc.stderr == "levynav: --lang: 'xx' is not one of en, es\n"
