"""`levynav render` of a saved record that levynav did not write: the shape is valid, the words are not.

A record is a file, and a file may have been edited: a message key no catalog holds, a sentence's value
removed, a leaf replaced by a hostile value. Each is refused in one line naming the message's path, exit 2,
with nothing printed on stdout (the page is made in memory before it is printed); a record levynav wrote
still renders in both languages and both formats.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import run_cli

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = ("--as-of", "2026-06-01")
FORMATS = [("text", "en"), ("text", "es"), ("html", "en"), ("html", "es")]


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    code, out, err = run_cli("analyze", str(EXAMPLES / "premature-levy-no-cdp-notice.yaml"), *AS_OF, "--format", "json")
    assert code == 0, err
    return dict(json.loads(out))


def _render(tmp: Path, data: dict[str, Any], fmt: str = "text", lang: str = "en") -> tuple[int, str, str]:
    path = tmp / "record.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return run_cli("render", str(path), "--format", fmt, "--lang", lang)


def _refused(code: int, out: str, err: str) -> str:
    assert code == 2, (code, out[-500:], err[-500:])
    assert out == "", "a refused record printed part of its page"
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("levynav: record.json: "), err
    return lines[0]


@pytest.mark.parametrize(("fmt", "lang"), FORMATS)
def test_a_record_levynav_wrote_renders(tmp_path: Path, record: dict[str, Any], fmt: str, lang: str) -> None:
    code, out, err = _render(tmp_path, record, fmt, lang)
    assert code == 0, err
    assert out.strip()


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_a_message_key_no_catalog_holds_is_refused_by_its_path(
    tmp_path: Path, record: dict[str, Any], fmt: str
) -> None:
    # (in Spanish a rule's sentence not yet translated is said by its title: the page renders)
    data = copy.deepcopy(record)
    data["findings"][0]["message"]["key"] = data["findings"][0]["message"]["key"] + "{"
    line = _refused(*_render(tmp_path, data, fmt, "en"))
    assert "findings[0].message.key: no words for this message key" in line


def test_a_step_text_no_catalog_holds_is_refused_by_its_path(tmp_path: Path, record: dict[str, Any]) -> None:
    data = copy.deepcopy(record)
    data["plan"][0]["text"]["key"] += ".variants.nothing"  # (a rule with no plan words is said by its title)
    line = _refused(*_render(tmp_path, data))
    assert "plan[0].text.key: no words for this message key" in line


def test_a_nested_message_key_is_named_by_its_path(tmp_path: Path, record: dict[str, Any]) -> None:
    data = copy.deepcopy(record)
    nested = {"type": "message", "value": {"key": "0001-01-01", "args": {}}}
    data["findings"][0]["message"]["args"]["extra"] = nested
    line = _refused(*_render(tmp_path, data, "html"))
    assert "findings[0].message.args.extra.value.key: no words" in line


def _a_message_with_a_value(data: dict[str, Any]) -> tuple[int, str]:
    for i, f in enumerate(data["findings"]):
        if f["message"]["args"]:
            return i, next(iter(f["message"]["args"]))
    raise AssertionError("the example has no finding with a value in its sentence")


def test_a_value_the_sentence_needs_removed_is_refused_by_its_path(tmp_path: Path, record: dict[str, Any]) -> None:
    data = copy.deepcopy(record)
    i, name = _a_message_with_a_value(data)
    del data["findings"][i]["message"]["args"][name]
    line = _refused(*_render(tmp_path, data))
    assert f"findings[{i}].message.args: the value '{name}' its sentence needs is not given" in line


# ---------------------------------------------------------------- mutations

HOSTILE = [
    None, 0, -1, 10**30, 2**63, "NaN", "Infinity", "1e30", "", "x" * 5000, "\u202e\u0000\u0007\U0001f600",
    "0001-01-01", "9999-12-31", "2024-02-29", "2023-02-29", [], {}, [None], {"key": "nope", "args": {}},
    True, "{amount}", "%s%n", "[/]", "[bold]x", "levies[99999]",
]  # fmt: skip


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


@settings(max_examples=25, suppress_health_check=list(HealthCheck), derandomize=True)
@given(data=st.data())
def test_any_leaf_of_a_record_replaced_is_rendered_or_refused_in_one_line(
    tmp_path_factory: Any, record: dict[str, Any], data: Any
) -> None:
    mutated = copy.deepcopy(record)
    paths = [p for p in _paths(mutated) if p[0] != "contract"]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        node = mutated
        try:
            for key in path[:-1]:
                node = node[key]
            current = node[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
        choice = data.draw(st.sampled_from(["hostile", "suffix", "drop"]))
        if choice == "hostile":
            node[path[-1]] = data.draw(st.sampled_from(HOSTILE))
        elif choice == "suffix" and isinstance(current, str):
            node[path[-1]] = current + data.draw(st.sampled_from(["x", "{", "}", "{0}", "[/]", "\x00"]))
        elif choice == "drop" and isinstance(current, dict) and current:
            current.pop(data.draw(st.sampled_from(sorted(current))))
    fmt, lang = data.draw(st.sampled_from(FORMATS))
    code, out, err = _render(tmp_path_factory.mktemp("r"), mutated, fmt, lang)
    assert "Traceback" not in out + err
    assert code in (0, 2), (code, err[-500:])
    if code == 2:
        _refused(code, out, err)
