"""Every rule and deadline function, in the order the analysis runs them."""

from __future__ import annotations

from levynav.core.law import (
    appeals,
    csed_suspensions,
    decedent,
    discretionary,
    exemptions,
    help,
    levy_reach,
    notice_clocks,
    payment_options,
    postponed_acts,
    release,
    return_property,
)
from levynav.core.law.deciding import informing
from levynav.core.law.rule import DeadlineFunc, RuleFunc

MODULES = (
    release,
    discretionary,
    return_property,
    exemptions,
    levy_reach,
    appeals,
    help,
    decedent,
    notice_clocks,
    payment_options,
    csed_suspensions,
    postponed_acts,  # its findings and dates come from analyze (postponed_acts.apply), after every deadline
)

RULES: tuple[RuleFunc, ...] = tuple(r for m in MODULES for r in m.RULES)
DEADLINES: tuple[DeadlineFunc, ...] = tuple(d for m in MODULES for d in m.DEADLINES)
# the rule functions marked ``@informs`` (law/deciding.py): their findings never decide; a screen's decision leaves them
# out (``decide(..., deciding_only=True)``), the full analysis runs them and checks their answers
INFORMING: frozenset[RuleFunc] = informing(RULES)
DECIDING: tuple[RuleFunc, ...] = tuple(r for r in RULES if r not in INFORMING)
