"""The four answers a rule can give (DESIGN §4: unknown is a value)."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """The four answers a rule can give (DESIGN §4: unknown is a value)."""

    APPLIES = "applies"
    DOES_NOT_APPLY = "does_not_apply"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"
