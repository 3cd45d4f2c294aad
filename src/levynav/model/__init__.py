"""Facts in (Case) and results out (Analysis)."""

from levynav.model.analysis import Analysis, Deadline, Effect, Finding, Outcome, Question, Step
from levynav.model.case import Case

__all__ = ["Analysis", "Case", "Deadline", "Effect", "Finding", "Outcome", "Question", "Step"]
