"""How the web application is configured: database URL, data folder, limits, the analysis date."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


def default_data_dir() -> Path:
    return Path(os.environ.get("LEVYNAV_DATA_DIR", "data-web"))


@dataclass
class Settings:
    database_url: str = ""  # empty: SQLite in data_dir/levynav.db
    data_dir: Path = field(default_factory=default_data_dir)
    as_of: date | None = None  # None: today (the adapter reads the clock, never the core)
    max_body_bytes: int = 1_000_000  # JSON bodies
    max_upload_bytes: int = 5_000_000  # notices and transcripts
    demo_case: Path | None = None  # loaded on start; its code is shown on the home page

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        s = cls(database_url=os.environ.get("LEVYNAV_DATABASE_URL", ""))
        for key, value in overrides.items():
            setattr(s, key, value)
        return s

    def url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'levynav.db').resolve()}"

    def today(self) -> date:
        return self.as_of or date.today()
