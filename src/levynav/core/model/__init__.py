"""Facts in (Case) and results out (Analysis)."""

from levynav.core.model.analysis import Analysis, Deadline, Effect, Finding, Outcome, Question, Step
from levynav.core.model.case import Case

__all__ = ["Analysis", "Case", "Deadline", "Effect", "Finding", "Outcome", "Question", "Step"]
