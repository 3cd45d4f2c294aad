"""Fixtures shared by several test modules (none of them is used unless a module asks for it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from levynav import lawbook
from levynav.core.law import deciding

# No test depends on timing: property tests run without a per-example deadline (a loaded CI machine is slow).
settings.register_profile("levynav", deadline=None)
settings.load_profile("levynav")

# The tests' adapter installs the packaged Law bundle, as the CLI, the web app and the screening workers do: an
# analysis given no bundle uses it (the core never loads the law data itself, ADR 0013).
lawbook.install()

# Every full analysis in the tests checks the rule functions marked ``@informs`` (core/law/deciding.py, ADR 0017): one
# that gives a deciding finding fails the test that reached it (a screen's decision leaves those functions out).
deciding.CHECK_MARKS = True


@pytest.fixture
def user_standards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty, per-test folder for imported standards editions, so only the packaged ones are found."""
    target = tmp_path / "user-standards"
    monkeypatch.setenv(lawbook.ENV_DIR, str(target))
    lawbook.clear_cache()
    return target
