"""No internal rule id in any text a person reads: every string of the message catalogs (English and Spanish) and
of the plan's words is checked, not only the pages of the examples (tests/test_packet_pages.py reads those). A text
that says "see rule R6343-D1" reached the result page before this test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).parent.parent / "src" / "levynav" / "data"
FOLDERS = [DATA / "messages" / "en", DATA / "messages" / "es", DATA / "plan"]
# the shape tests/test_packet_pages.py holds a page to (an internal rule id; not a form number or a Q&A of a rule)
RULE_ID = re.compile(r"(?<![\w&])(?:R\d{3,4}-[A-Z0-9]+|(?:TAS|CDP|CAP|EH|RBK|RF8546|RJA|RRET|LITC|IA|CFS)-\d+[A-Z]?)\b")


def _files() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in folder.rglob("*.yaml"))


def _texts(node: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string value (not key) under ``node``, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def test_the_catalogs_are_found() -> None:
    assert len(_files()) > 10


@pytest.mark.parametrize("file", _files(), ids=lambda p: str(p.relative_to(DATA)))
def test_no_rule_id_in_a_text(file: Path) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    found = [(where, RULE_ID.findall(text)) for where, text in _texts(data, file.stem) if RULE_ID.search(text)]
    assert not found, found
