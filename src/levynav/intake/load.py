"""Load a case from YAML or JSON, with messages that name the field and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from levynav.core.model.case import Case
from levynav.intake.bounded_parse import BoundsError, parse_json, parse_yaml
from levynav.intake.case_problems import CaseProblem, problems_of
from levynav.intake.input_files import InputFileError, check_line_lengths, read_input_file


class CaseError(ValueError):
    """The case file cannot be used. ``problems`` holds one "field: problem" line each (English); ``found``, when the
    case model refused the case, the same problems as message keys (``case_problems.problems_of``), which
    ``explain.case_file`` says in the person's language."""

    def __init__(self, source: str, problems: list[str], found: list[CaseProblem] | None = None) -> None:
        self.source = source
        self.problems = problems
        self.found = found
        super().__init__(f"{source}: " + "; ".join(problems))


def case_from_data(data: Any, source: str = "case") -> Case:
    if not isinstance(data, dict):
        raise CaseError(source, ["(case): the file must hold a mapping of fields (taxpayer, levies, …)"])
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        found = problems_of(exc)  # the same lines, in the same order, each with its message key
        raise CaseError(source, [p.line for p in found], found) from None
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
