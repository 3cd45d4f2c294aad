"""A case file the case loader refuses (``intake.load.CaseError``), said in the person's language: the file's name
and how many problems, then one line per problem — the field in words with its path in the file (the person fixes
the file by it), and what is wrong. Words: ``case_file.*`` in data/messages/<lang>/. English keeps the loader's own
lines (``CaseError.problems``); another language says each by its message key (``CaseProblem.key`` for what the case
model refused; a file that cannot be read at all is named by the shape of its English line). Values are never
echoed, in any language: only paths, limits, line numbers and the choices a field allows."""

from __future__ import annotations

import re
from typing import Any

from levynav.core.model import limits
from levynav.explain import field_names, format
from levynav.explain.catalog import template
from levynav.explain.render import say
from levynav.intake.case_problems import CaseProblem
from levynav.intake.load import CaseError

# a problem with the file itself (intake/input_files.py, intake/bounded_parse.py, intake/load.py): its English
# words -> the key that says it; the first that matches
FILE_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"not UTF-8 text", "file_not_utf8"),
        (r"holds NUL bytes", "file_nul"),
        (r"no such file", "file_missing"),
        (r"is (?:.+, )?not a file", "file_not_a_file"),
        (r"the file is larger than", "file_too_large"),
        (r"^line \d+ is longer than", "file_line_too_long"),
        (r"not valid JSON", "file_not_json"),
        (r"not valid YAML", "file_not_yaml"),
        (r"the key is given twice", "file_key_twice"),
        (r"a mapping key must be", "file_key_not_text"),
        (r"a number longer than", "file_number_too_long"),
        (r"nested deeper than", "file_too_deep"),
        (r"aliases \(\*name\)", "file_aliases"),
        (r"values once the aliases are expanded", "file_expanded"),
        (r"a value cannot be read", "file_value_unreadable"),
        (r"cannot be read", "file_unreadable"),
        (r"must hold a mapping of fields", "file_not_mapping"),
        (r"more problem\(s\) not listed", "problem_more"),
        (r"cannot be checked", "file_cannot_check"),
    )
)
LIMITS = {
    "file_too_large": "MAX_CASE_FILE_BYTES",
    "file_number_too_long": "MAX_INTEGER_DIGITS",
    "file_too_deep": "MAX_NESTING_DEPTH",
    "file_aliases": "MAX_ALIASES",
    "file_expanded": "MAX_EXPANDED_NODES",
}
LINE = re.compile(r"\bline (\d+)")
CHOICES = re.compile(r"^is not one of (.+)$")
PLACES = {"(file)": "where_file", "(case)": "where_case"}


def head(err: CaseError, lang: str) -> str:
    """ "case.yaml has 2 problem(s):" / "case.yaml tiene 2 problemas:"."""
    if lang == "en":
        return f"{err.source} has {len(err.problems)} problem(s):"
    return say(template("case_file.head", lang), lang, source=_Text(err.source), n=len(err.problems))


def lines(err: CaseError, lang: str) -> list[str]:
    """One line per problem: "field [path]: what is wrong"."""
    if lang == "en":
        return list(err.problems)
    found: list[CaseProblem | None] = list(err.found) if err.found else [None] * len(err.problems)
    return [_line(line, problem, lang) for line, problem in zip(err.problems, found, strict=True)]


class _Text(str):
    """A value said as it is (a file name): never a notice's name, never formatted."""


def _line(line: str, problem: CaseProblem | None, lang: str) -> str:
    path, _, english = line.partition(": ")
    key, args = (problem.key, dict(problem.args)) if problem is not None else _file_problem(english, lang)
    if problem is not None and key == "problem_choice":
        choices = CHOICES.match(english)
        if choices is not None:  # the values the field allows, as the file must spell them
            key, args = "problem_choice_of", {"choices": _Text(choices.group(1).replace(" or ", ", "))}
    if problem is not None and key == "problem_too_many" and "digits" in english:
        key = "problem_amount_digits"
    for name, value in list(args.items()):
        if problem is not None and isinstance(value, str) and value in problem.names:
            args[name] = _Text(field_names.words(value, lang))
    said = say(template(f"case_file.{key}", lang), lang, **_plain(args))
    if key in {"problem_other", "file_other"}:  # a check with no words of its own yet: its English, quoted
        said = say(template("case_file.in_english", lang), lang, what=_Text(said), english=_Text(english))
    return f"{_where(path, lang)}: {said}"


def _plain(args: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, _Text) else v) for k, v in args.items()}


def _where(path: str, lang: str) -> str:
    place = PLACES.get(path)
    if place is not None:
        return template(f"case_file.{place}", lang)
    return field_names.said_with_path(path, lang)


def _file_problem(english: str, lang: str) -> tuple[str, dict[str, Any]]:
    for pattern, key in FILE_PROBLEMS:
        if pattern.search(english):
            args: dict[str, Any] = {}
            if key in LIMITS:  # the number only: the limit's own name is the program's
                args["limit"] = _Text(format.number(int(getattr(limits, LIMITS[key])), lang))
            if key == "problem_more":
                more = re.match(r"(\d+)", english)
                args["n"] = int(more.group(1)) if more else 0
            at = LINE.search(english)
            where = " " + say(template("case_file.at_line", lang), lang, line=int(at.group(1))) if at else ""
            args["at"] = _Text(where)
            return key, args
    return "file_other", {}
