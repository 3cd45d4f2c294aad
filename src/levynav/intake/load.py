"""Load a case from YAML or JSON, with messages that name the field and the problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from levynav.model.case import Case


class _CaseLoader(yaml.SafeLoader):
    """Safe YAML without implicit dates: dates stay text so that the model reports a bad one by field."""


_CaseLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class CaseError(ValueError):
    """The case file cannot be used. ``problems`` holds one "field: problem" line each."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


def field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "(case)"


def _problem(err: Any) -> str:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "is not a known field (check the spelling)"
    elif err["type"] == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        msg = f"{err['input']!r} is not one of {expected}"
    elif err["type"] == "missing":
        msg = "is required"
    return f"{field_path(loc)}: {msg}"


def case_from_data(data: Any, source: str = "case") -> Case:
    if not isinstance(data, dict):
        raise CaseError(source, ["(case): the file must hold a mapping of fields (taxpayer, levies, …)"])
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(source, [_problem(e) for e in exc.errors()]) from None


def parse_text(text: str, source: str) -> Any:
    try:
        if source.endswith(".json"):
            return json.loads(text)
        return yaml.load(text, Loader=_CaseLoader)
    except json.JSONDecodeError as exc:
        raise CaseError(source, [f"(file): not valid JSON at line {exc.lineno}: {exc.msg}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise CaseError(source, [f"(file): not valid YAML{line}: {problem}"]) from None


def load_case(path: str | Path) -> Case:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseError(str(p), ["(file): no such file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(str(p), [f"(file): cannot be read ({exc.__class__.__name__})"]) from None
    return case_from_data(parse_text(text, p.name), str(p))
