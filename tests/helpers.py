"""Helpers shared by several test modules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from typer.testing import CliRunner

from levynav.cli.app import app

# The Form 433-A/433-F expense lines a test case states as nothing (each one known, and zero).
ZERO_EXPENSES: dict[str, int] = {
    "current_taxes": 0,
    "health_insurance": 0,
    "court_ordered_payments": 0,
    "child_dependent_care": 0,
    "term_life_insurance": 0,
    "involuntary_deductions": 0,
    "secured_debts": 0,
}

_runner = CliRunner()


def en(msg: Any) -> str:
    """A message reference of the record, said in English (for a test that reads a calculation's words)."""
    from levynav.explain.render import text

    return text(msg, "en")


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run `levynav ARGS...` in-process: the exit code, stdout and stderr."""
    result = _runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def text_leaves(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every text of a nested catalog (dicts and lists) with its dotted key (``a.b[0].c``)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from text_leaves(v, f"{key}.{k}" if key else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from text_leaves(v, f"{key}[{i}]")
    elif isinstance(node, str):
        yield key, node
