"""Levy Navigator: which IRS levy-release grounds, returns and appeal routes apply, and what to do by when."""

__version__ = "0.1.0"

from levynav.core.analyze import analyze
from levynav.core.model import Analysis, Case
from levynav.intake.load import CaseError, load_case

__all__ = ["Analysis", "Case", "CaseError", "__version__", "analyze", "load_case"]
