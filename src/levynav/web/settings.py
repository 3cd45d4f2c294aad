"""How the web application is configured: database URL, data folder, limits, the analysis date."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

WORKER_ENV = "LEVYNAV_SERVE_SETTINGS"  # how `serve --workers N` hands its settings to each worker process


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
    demo_code: str | None = None  # the demo case already stored (the workers of one `serve` share one demo case)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        s = cls(database_url=os.environ.get("LEVYNAV_DATABASE_URL", ""))
        for key, value in overrides.items():
            setattr(s, key, value)
        return s

    def to_worker_env(self) -> str:
        """These settings as one JSON value for the environment of the worker processes (``from_worker_env``)."""
        return json.dumps(
            {
                "database_url": self.database_url,
                "data_dir": str(self.data_dir),
                "as_of": self.as_of.isoformat() if self.as_of else None,
                "max_body_bytes": self.max_body_bytes,
                "max_upload_bytes": self.max_upload_bytes,
                "demo_code": self.demo_code,
            }
        )

    @classmethod
    def from_worker_env(cls) -> Settings:
        """The settings ``serve`` gave its workers (``to_worker_env``); from the environment alone when none."""
        raw = os.environ.get(WORKER_ENV)
        if not raw:
            return cls.from_env()
        data = json.loads(raw)
        return cls(
            database_url=str(data["database_url"]),
            data_dir=Path(data["data_dir"]),
            as_of=date.fromisoformat(data["as_of"]) if data.get("as_of") else None,
            max_body_bytes=int(data["max_body_bytes"]),
            max_upload_bytes=int(data["max_upload_bytes"]),
            demo_code=data.get("demo_code"),
        )

    def url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'levynav.db').resolve()}"

    def today(self) -> date:
        return self.as_of or date.today()
