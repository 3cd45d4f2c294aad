"""The base of every input model: limits that hold for every field, whatever its name.

- a list has at most MAX_LIST_ITEMS items (checked before its items are validated);
- a text has at most MAX_TEXT_CHARS characters;
- a date lies between EARLIEST_DATE and LATEST_DATE (a plausible range; the analysis says when a
  date inside it falls outside what the rules' parameters cover).

A new field gets these checks without a line of its own. Messages name the limit, never the value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, field_validator

from levynav.core.model import limits


def check_date(value: date) -> date:
    if not limits.EARLIEST_DATE <= value <= limits.LATEST_DATE:
        raise ValueError(f"is outside the plausible range {limits.date_range_text()}")
    return value


class Bounded(BaseModel):
    @field_validator("*", mode="before")
    @classmethod
    def _bounded_size(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)) and len(value) > limits.MAX_LIST_ITEMS:
            raise ValueError(f"has more than {limits.limit_text('MAX_LIST_ITEMS')} items")
        if isinstance(value, str) and len(value) > limits.MAX_TEXT_CHARS:
            raise ValueError(f"is longer than {limits.limit_text('MAX_TEXT_CHARS')} characters")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _plausible_dates(cls, value: Any) -> Any:
        if isinstance(value, date):
            check_date(value)
        elif isinstance(value, list) and value and isinstance(value[0], date):
            for i, item in enumerate(value):
                if isinstance(item, date) and not limits.EARLIEST_DATE <= item <= limits.LATEST_DATE:
                    raise ValueError(f"item [{i}] is outside the plausible range {limits.date_range_text()}")
        return value
