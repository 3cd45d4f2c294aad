"""Load a case from YAML or JSON, with messages that name the field and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from levynav.core.model.case import Case, ReferenceErrors
from levynav.intake.bounded_parse import BoundsError, parse_json, parse_yaml
from levynav.intake.field_names import field_path
from levynav.intake.input_files import InputFileError, check_line_lengths, read_input_file

MAX_PROBLEMS_SHOWN = 50
"""Problems listed for one case file; the rest are counted, not printed."""


class CaseError(ValueError):
    """The case file cannot be used. ``problems`` holds one "field: problem" line each."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


def _problems(err: Any) -> list[str]:
    """One line per problem; a reference check of the whole case gives several, each with its own path."""
    error = err.get("ctx", {}).get("error")
    if isinstance(error, ReferenceErrors):
        return list(error.problems)
    return [_problem(err)]


def _problem(err: Any) -> str:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    return f"{field_path(loc)}: {model_reason(err)}"


def model_reason(err: Any) -> str:
    """What the case model says is wrong with one field, in words that never echo the value given."""
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "is not a known field (check the spelling)"
    elif err["type"] == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        msg = f"is not one of {expected}"  # the value itself is not echoed: it may be anything
    elif err["type"] == "missing":
        msg = "is required"
    elif err["type"] == "decimal_max_digits":
        # every such field is an amount (14 digits, 2 of them cents); 100.10000000000000001 is refused for its
        # digits before its places, so both are said: it is usually the cents
        digits = err.get("ctx", {}).get("max_digits")
        msg = f"has more than {digits} digits (an amount is dollars and at most 2 decimal places for the cents)"
    return msg


def case_from_data(data: Any, source: str = "case") -> Case:
    if not isinstance(data, dict):
        raise CaseError(source, ["(case): the file must hold a mapping of fields (taxpayer, levies, …)"])
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        problems = [line for e in exc.errors(include_input=False) for line in _problems(e)]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            more = len(problems) - MAX_PROBLEMS_SHOWN
            problems = [*problems[:MAX_PROBLEMS_SHOWN], f"(case): {more} more problem(s) not listed"]
        raise CaseError(source, problems) from None
    except (RecursionError, OverflowError) as exc:  # bounded parsing should make these impossible
        raise CaseError(source, [f"(case): cannot be checked ({exc.__class__.__name__})"]) from None


def parse_text(text: str, source: str) -> Any:
    """YAML or JSON (by the name's ending), within the limits of ``model.limits``."""
    try:
        if source.endswith(".json"):
            return parse_json(text)
        check_line_lengths(text, "(file)")
        return parse_yaml(text)
    except BoundsError as exc:
        raise CaseError(source, [exc.problem]) from None
    except InputFileError as exc:
        raise CaseError(source, [str(exc)]) from None


def load_case(path: str | Path) -> Case:
    p = Path(path)
    try:
        raw = read_input_file(p, "MAX_CASE_FILE_BYTES", label="(file)")
    except InputFileError as exc:
        raise CaseError(str(p), [str(exc)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseError(str(p), ["(file): not UTF-8 text (a case file is YAML or JSON text)"]) from None
    if "\x00" in text:
        raise CaseError(str(p), ["(file): holds NUL bytes; a case file is YAML or JSON text"])
    return case_from_data(parse_text(text, p.name), str(p))
