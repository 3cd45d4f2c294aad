"""Fixtures shared by several test modules (none of them is used unless a module asks for it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from levynav.core.calc import standards

# No test depends on timing: property tests run without a per-example deadline (a loaded CI machine is slow).
settings.register_profile("levynav", deadline=None)
settings.load_profile("levynav")


@pytest.fixture
def user_standards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty, per-test folder for imported standards editions, so only the packaged ones are found."""
    target = tmp_path / "user-standards"
    monkeypatch.setenv(standards.ENV_DIR, str(target))
    standards.clear_cache()
    return target
