"""The repository root holds the project's own files only.

A command run from the checkout (``levynav screen cases.jsonl --out s.csv``) writes its tables where it
is told; such output was once committed beside the Makefile by mistake. This test names any file at the
root that is not one of the project's own, so that it is noticed before it lands.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOT_FILES = {".gitignore", "CHANGELOG.md", "Makefile", "README.md", "pyproject.toml"}


def _tracked_at_root() -> set[str]:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    listed = subprocess.run(
        [git, "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    return {name for name in listed.split("\0") if name and "/" not in name}


def test_only_the_project_files_are_tracked_at_the_root() -> None:
    stray = _tracked_at_root() - ROOT_FILES
    assert not stray, f"files tracked at the repository root that are not the project's own: {sorted(stray)}"
