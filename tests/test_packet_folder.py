"""The packet folder is written whole or not at all, and never mixed with other files (ADR 0006).

Property: a failure injected at any step of writing (each folder creation, each file write, the manifest,
the renames) leaves the destination and its parent exactly as they were — for a new folder, an empty
folder, and a previous packet replaced with --force.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from levynav.cli.app import app
from levynav.documents import packet_folder
from levynav.documents.packet_folder import MANIFEST, DestinationError, check_destination, write_packet_folder

EXAMPLE = Path(__file__).parent.parent / "examples" / "bank-levy-hardship-21-day-hold.yaml"

FILES = {
    "packet.pdf": b"%PDF-1.7 one",
    "letters/01-release.pdf": b"%PDF-1.7 two",
    "forms/433-f.pdf": b"%PDF-1.7 three",
    "deadlines.ics": b"BEGIN:VCALENDAR",
    "contents.json": b"{}",
}


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under `root` with its bytes (None for a folder)."""
    out: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        out[rel] = None if path.is_dir() else path.read_bytes()
    return out


class Injected(OSError):
    pass


@contextmanager
def fail_at(step: int | None, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Count the writing steps (mkdir, write, mkdtemp, chmod, rename, replace); raise at step number `step`."""
    calls: list[str] = []

    def wrap(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def step_fn(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            if step is not None and len(calls) == step:
                raise Injected(28, "No space left on device")
            return real(*args, **kwargs)

        return step_fn

    with monkeypatch.context() as m:
        m.setattr(Path, "mkdir", wrap("mkdir", Path.mkdir))
        m.setattr(Path, "write_bytes", wrap("write", Path.write_bytes))
        m.setattr(tempfile, "mkdtemp", wrap("mkdtemp", tempfile.mkdtemp))
        m.setattr(os, "chmod", wrap("chmod", os.chmod))
        m.setattr(os, "rename", wrap("rename", os.rename))
        m.setattr(os, "replace", wrap("replace", os.replace))
        yield calls


def previous_packet(out: Path) -> None:
    write_packet_folder({"packet.pdf": b"old", "letters/01-old.pdf": b"old letter"}, out, fingerprint="0" * 64)


SETUPS: dict[str, Callable[[Path], Path]] = {
    "new folder under new folders": lambda base: base / "a" / "b" / "out",
    "new folder": lambda base: base / "out",
    "empty folder": lambda base: (base / "out").mkdir() or base / "out",
    "previous packet, --force": lambda base: (previous_packet(base / "out"), base / "out")[1],
}


def count_steps(setup: str, monkeypatch: pytest.MonkeyPatch) -> int:
    base = Path(tempfile.mkdtemp())
    try:
        out = SETUPS[setup](base)
        with fail_at(None, monkeypatch) as calls:
            write_packet_folder(FILES, out, fingerprint="f" * 64, force=True)
        return len(calls)
    finally:
        shutil.rmtree(base)


@pytest.mark.parametrize("setup", list(SETUPS))
def test_a_failure_at_any_step_leaves_the_destination_untouched(
    setup: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    steps = count_steps(setup, monkeypatch)
    assert steps >= len(FILES) + 3  # every file, the manifest, the temporary folder, the rename
    for step in range(1, steps + 1):
        base = tmp_path / f"step{step}"
        base.mkdir()
        (base / "someone-else.txt").write_bytes(b"not ours")
        out = SETUPS[setup](base)
        before = snapshot(base)
        with fail_at(step, monkeypatch), pytest.raises(Injected):
            write_packet_folder(FILES, out, fingerprint="f" * 64, force=True)
        assert snapshot(base) == before, f"step {step} left something behind"


@settings(max_examples=25)
@given(
    names=st.lists(
        st.text(alphabet="abcdefghij-_", min_size=1, max_size=8).map(lambda s: s + ".pdf"),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    step=st.integers(min_value=1, max_value=40),
)
def test_property_any_packet_any_failure_leaves_nothing(names: list[str], step: int) -> None:
    files = {f"letters/{n}": n.encode() for n in names}
    base = Path(tempfile.mkdtemp())
    try:
        out = base / "out"
        with pytest.MonkeyPatch.context() as mp, fail_at(step, mp) as calls:
            try:
                write_packet_folder(files, out, fingerprint="f" * 64)
            except Injected:
                assert not out.exists() and snapshot(base) == {}
            else:
                assert step > len(calls)  # the failure came after the last step: the packet is whole
                assert {p for p, v in snapshot(out).items() if v is not None} == set(files) | {MANIFEST}
    finally:
        shutil.rmtree(base)


def test_a_written_folder_holds_the_files_and_a_manifest_without_personal_data(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_packet_folder(FILES, out, fingerprint="ab" * 32)
    assert {str(p.relative_to(out)) for p in written} == set(FILES) | {MANIFEST}
    for name, data in FILES.items():
        assert (out / name).read_bytes() == data
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"format": packet_folder.MANIFEST_FORMAT, "case_fingerprint": "ab" * 32, "files": sorted(FILES)}
    assert not [p for p in tmp_path.iterdir() if p.name != "out"]  # no temporary folder left beside it


def test_a_folder_with_foreign_files_is_refused_even_with_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "my-tax-return-2023.pdf").write_bytes(b"someone's papers")
    for force in (False, True):
        with pytest.raises(DestinationError) as err:
            write_packet_folder(FILES, out, fingerprint="f" * 64, force=force)
        assert "my-tax-return" not in str(err.value)  # the user's other file names are never printed
    assert snapshot(out) == {"my-tax-return-2023.pdf": b"someone's papers"}


def test_a_previous_packet_with_a_file_added_is_not_ours_any_more(tmp_path: Path) -> None:
    out = tmp_path / "out"
    previous_packet(out)
    (out / "letters" / "scan-of-notice.pdf").write_bytes(b"added by the user")
    before = snapshot(out)
    with pytest.raises(DestinationError, match="other files"):
        write_packet_folder(FILES, out, fingerprint="f" * 64, force=True)
    assert snapshot(out) == before


def test_a_previous_packet_needs_force_and_force_replaces_it_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    previous_packet(out)
    before = snapshot(out)
    with pytest.raises(DestinationError, match="--force"):
        write_packet_folder(FILES, out, fingerprint="f" * 64)
    assert snapshot(out) == before
    write_packet_folder(FILES, out, fingerprint="f" * 64, force=True)
    assert set(snapshot(out)) == set(FILES) | {MANIFEST, "letters", "forms"}
    assert not (out / "letters" / "01-old.pdf").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize(
    ("make", "expect"),
    [
        (lambda base: (base / "f").write_bytes(b"x") and base / "f", "a file is in the way"),
        (lambda base: (base / "f").write_bytes(b"x") and base / "f" / "sub" / "out", "part of the path is a file"),
    ],
    ids=["file in the way", "path under a file"],
)
def test_a_destination_that_cannot_be_a_folder_is_refused_before_writing(
    make: Callable[[Path], Path], expect: str, tmp_path: Path
) -> None:
    out = make(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(DestinationError, match=expect):
        check_destination(out)
    with pytest.raises(DestinationError, match=expect):
        write_packet_folder(FILES, out, fingerprint="f" * 64)
    assert snapshot(tmp_path) == before


def test_a_folder_that_cannot_be_written_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.geteuid() == 0:  # root writes anywhere: stand in for the permission check the OS would give
            real = os.access
            monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == locked else real(p, mode))
        for out in (locked, locked / "out"):
            with pytest.raises(DestinationError, match="permission"):
                check_destination(out)
    finally:
        locked.chmod(0o755)


# --- the command ---------------------------------------------------------------------------------------


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["packet", str(EXAMPLE), "--as-of", "2026-11-23", *args])


def test_cli_refuses_a_bad_destination_before_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from levynav.documents import packet

    def never(*_: Any, **__: Any) -> Any:
        raise AssertionError("the packet was built before the destination was checked")

    monkeypatch.setattr(packet, "build_packet", never)
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"x")
    full = tmp_path / "full"
    full.mkdir()
    (full / "other-person.pdf").write_bytes(b"x")
    for out in (blocker, blocker / "out", full):
        result = run("--out", str(out))
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("levynav: --out:"), result.output
        assert "Traceback" not in result.output and "other-person" not in result.output
        assert "Dana" not in result.output  # no taxpayer data in the message
    assert snapshot(full) == {"other-person.pdf": b"x"}


def test_cli_writes_then_replaces_its_own_packet_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run("--out", str(out))
    assert first.exit_code == 0, first.output
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "packet.pdf" in manifest["files"] and "contents.json" in manifest["files"]
    assert set(manifest["files"]) == {p for p, v in snapshot(out).items() if v is not None} - {MANIFEST}
    again = run("--out", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    forced = run("--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_cli_reports_a_write_failure_in_one_line_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "new" / "out"
    with fail_at(9, monkeypatch):
        result = run("--out", str(out))
    assert result.exit_code == 74, result.output
    assert result.output.strip().splitlines() == [
        "levynav: --out: the packet could not be written (No space left on device); nothing was written"
    ]
    assert list(tmp_path.iterdir()) == []
