"""Levy Navigator: which IRS levy-release grounds, returns and appeal routes apply, and what to do by when."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from levynav.core.analyze import analyze
    from levynav.core.model import Analysis, Case
    from levynav.intake.load import CaseError, load_case

__all__ = ["Analysis", "Case", "CaseError", "__version__", "analyze", "load_case"]

# The front door's names are imported when first read (PEP 562), so that importing a submodule — the command
# line's ``levynav.cli.app`` — does not import the core and build its models before the command has set its
# process up (levynav.cli.process).
_WHERE = {
    "analyze": "levynav.core.analyze",
    "Analysis": "levynav.core.model",
    "Case": "levynav.core.model",
    "CaseError": "levynav.intake.load",
    "load_case": "levynav.intake.load",
}


def __getattr__(name: str) -> object:
    if name in _WHERE:
        import importlib

        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
