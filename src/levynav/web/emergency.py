"""The "act now" banner of a case, chosen by the table emergency.yaml from deadline ids and levy kinds."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from levynav.core.model.analysis import Analysis
from levynav.core.model.case import Case
from levynav.explain.render import step as render_step
from levynav.web.words import day, t

TABLE = Path(__file__).with_name("emergency.yaml")


@cache
def table() -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(TABLE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return data


def banner(case: Case, analysis: Analysis, lang: str) -> dict[str, Any] | None:
    """The lines of the banner (empty: none), the first step of the plan and the phone number to call."""
    lines: list[str] = []
    for rule in table()["deadlines"]:
        for d in analysis.deadlines:
            if d.id != rule["id"]:
                continue
            when = d.open_until  # a date passed but still open counts by its postponed day, when it has one
            left = (when - analysis.as_of).days if when is not None else -1
            if when is not None and 0 <= left <= rule["within_days"]:
                lines.append(t(rule["message"], lang, date=day(when, lang), days=left))
    taken = table()["taken_now"]
    if any(lv.kind.value in taken["levy_kinds"] and lv.released_date is None for lv in case.levies):
        lines.append(t(taken["message"], lang))
    if not lines:
        return None
    first = render_step(analysis.plan[0], lang) if analysis.plan else None
    return {
        "lines": lines,
        "first": t("emergency_first", lang, step=first.title) if first else None,
        "call": t("emergency_call", lang, phone=first.contact) if first and first.contact else None,
    }
