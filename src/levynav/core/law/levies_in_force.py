"""Readers shared by the mandatory-release rules (26 U.S.C. § 6343(a), (e); § 6331(e))."""

from __future__ import annotations

from decimal import Decimal

from levynav.core.law.levy_facts import levy_subject
from levynav.core.law.rule import NOT_APPLICABLE, Context, Rule
from levynav.core.model.analysis import Finding, LabelArg
from levynav.core.model.case import Case, Levy, LevyKind
from levynav.core.model.message import label_arg


def is_released(levy: Levy, ctx: Context) -> bool:
    """A levy released on or before the as-of date is over; the release grounds no longer apply to it."""
    return levy.released_date is not None and levy.released_date <= ctx.as_of


def released_finding(rule: Rule, i: int, levy: Levy, ctx: Context) -> Finding | None:
    """The NOT_APPLICABLE finding every per-levy release rule gives for a levy already released."""
    if not is_released(levy, ctx):
        return None
    subject = levy_subject(i)
    return rule.finding(
        NOT_APPLICABLE, "released", subject=subject, facts={f"{subject}.released_date": levy.released_date}
    )


def active_levies(case: Case, ctx: Context) -> list[tuple[int, Levy]]:
    return [(i, lv) for i, lv in enumerate(case.levies) if not is_released(lv, ctx)]


def kind_name(levy: Levy) -> LabelArg:
    """How the explanations name what the levy reached: a label, worded by each language's catalog
    (``label.levy_reach``)."""
    return _KIND_NAMES[levy.kind]


# one label per kind, made once: a label is immutable, so every finding (and record) can hold the same one
_KIND_NAMES = {kind: label_arg("levy_reach", kind.value) for kind in LevyKind}


def money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))
