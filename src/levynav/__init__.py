"""Levy Navigator: which IRS levy-release grounds, returns and appeal routes apply, and what to do by when."""

__version__ = "0.1.0"

from levynav.analyze import analyze
from levynav.intake.load import CaseError, load_case
from levynav.model import Analysis, Case

__all__ = ["Analysis", "Case", "CaseError", "__version__", "analyze", "load_case"]
