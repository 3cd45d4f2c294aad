"""Household finances (DESIGN M4, M5). Owned by the ability-to-pay calculation (issue 3)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Finances(BaseModel):
    """Income, expenses and assets, monthly. Filled in by the ability-to-pay work."""

    model_config = ConfigDict(extra="forbid")
