"""(being written)"""

from __future__ import annotations

from levynav.law.rule import DeadlineFunc, RuleFunc

RULES: list[RuleFunc] = []
DEADLINES: list[DeadlineFunc] = []
