"""No sentence the product shows has an empty or placeholder blank (issue 8, item 7).

Every plan step, script, finding message, deadline, question, summary line and history line is rendered
for every example and every scenario case, and each text is checked for the marks a missing value leaves:
a doubled space, a space before punctuation, a brace left from a template, "None", an empty bracket or
parenthesis, a bracketed "[date]" for the person to fill in, a sentence ending on a preposition, or an
internal fact path such as ``levies[0]``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from levynav import analyze, load_case
from levynav.core.model.analysis import Analysis
from levynav.explain.render import Rendered, english
from levynav.intake.load import case_from_data
from tests.scenario_runner import as_date, discover

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = date(2026, 11, 23)

BLANKS = {
    "doubled space": re.compile(r"\S  +\S"),
    "space before punctuation": re.compile(r" (?:[,;:)]|\.(?!\.\.))"),
    "template brace": re.compile(r"[{}]"),
    "None": re.compile(r"\bNone\b(?! of\b)"),
    "empty brackets": re.compile(r"\(\s*\)|\[\s*\]"),
    "fill-in blank": re.compile(r"\[[a-z][a-z /]*\]"),
    "preposition before a stop": re.compile(r"\b(on|of|by|to|from|since|until|at|for|the|and|or) [.,;)]"),
    "empty money": re.compile(r"\$(?![\d(])"),
    "fact path": re.compile(r"\b[a-z_]+\[\d+\]"),
}


def texts(a: Analysis | Rendered) -> list[tuple[str, str]]:
    """Every sentence a person reads (the English rendering of the record), with where it came from."""
    out: list[tuple[str, str]] = []
    a = english(a)
    for s in a.plan:
        where = f"plan step {s.order} ({', '.join(s.rules)})"
        out += [(where, t) for t in (s.title, s.action, s.why, s.contact, s.form) if t]
        out += [(where + " have_ready", h) for h in s.have_ready]
    out += [(f"finding {f.rule} {f.subject}", f.explanation) for f in a.findings]
    out += [(f"deadline {d.id}", t) for d in a.deadlines for t in (d.title, d.protects, d.computation)]
    out += [(f"question {q.path}", q.prompt) for q in a.questions]
    out += [("summary", line) for line in a.summary]
    out += [("history", e.event + (f" ({e.note})" if e.note else "")) for e in a.history]
    out += [(f"resource {r.id}", t) for r in a.resources for t in (r.how, r.why)]
    return out


def problems(a: Analysis, *, skip: frozenset[str] = frozenset()) -> list[str]:
    found = []
    for where, text in texts(a):
        for name, pattern in BLANKS.items():
            if name in skip:
                continue
            hit = pattern.search(text)
            if hit:
                found.append(f"{where}: {name} at {text[max(0, hit.start() - 40) : hit.end() + 40]!r}")
    return found


# Findings and questions of the unknown kind name the fact paths they need on purpose; only the person's
# plan is held to the fact-path check there (the question list is a form for the person filling the case).
PATH_OK = {"question", "finding"}


def _problems(a: Analysis) -> list[str]:
    return [p for p in problems(a) if not (" fact path " in p and p.split(" ", 1)[0] in PATH_OK)]


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_example_texts_have_no_blanks(name: str) -> None:
    a = analyze(load_case(EXAMPLES / name), AS_OF)
    assert not _problems(a), "\n".join(_problems(a))


SCENARIOS = [(n, s) for n, s in discover() if "error" not in s]


@pytest.mark.parametrize(("name", "scenario"), SCENARIOS, ids=[n for n, _ in SCENARIOS])
def test_scenario_texts_have_no_blanks(name: str, scenario: dict[str, object]) -> None:
    a = analyze(case_from_data(scenario["case"]), as_date(scenario["as_of"]))
    assert not _problems(a), "\n".join(_problems(a))


def test_plan_texts_fill_only_values_their_situation_has() -> None:
    """A step's plain wording has no blank at all; a situation's wording (``variants``) names only values
    the rule's message for that situation is filled with, so every blank is always filled."""
    from levynav.core.law.rule import messages
    from levynav.explain.catalog import plan_texts
    from levynav.explain.render import PLACEHOLDER

    for rule, text in plan_texts("en").items():
        for name in ("title", "action", "form"):
            value = text.get(name) or ""
            assert not PLACEHOLDER.search(value) and not BLANKS["fill-in blank"].search(value), f"{rule}.{name}"
        for key, variant in (text.get("variants") or {}).items():
            template = str(messages().get(rule, {}).get(key, ""))
            assert template, f"{rule}: variant {key} is no situation of the rule (no message {rule}.{key})"
            have = set(PLACEHOLDER.findall(template))
            for name in ("title", "action", "form"):
                used = set(PLACEHOLDER.findall(str(variant.get(name) or "")))
                assert used <= have, f"{rule}.variants.{key}.{name} uses {used - have}, not in its message"
            assert set(variant) <= {
                "title",
                "action",
                "form",
                "contact",
                "have_ready",
                "route",
                "tier",
                "when",
                "form_filed",
                "forms",
                "on_unknown",
            }
