"""Putting a packet into its folder: checked first, built beside it, moved into place whole (ADR 0006).

A packet holds one person's tax papers. It must never be half-written, and never mixed with another
person's files. So:

1. ``check_destination(out, force)`` runs *before* the packet is built (building takes seconds): the
   folder must be new, empty, or — with ``force`` — a previous packet of ours, recognised by its manifest
   (``.levynav-packet.json``) listing every file in it. A file in the way, a path under a file, a folder
   that cannot be written, or a folder holding anything else is refused with one line.
2. ``write_packet_folder(files, out, ...)`` writes every file and the manifest into a temporary folder
   beside ``out`` (same filesystem), then renames it into place. A previous packet is first renamed aside
   and removed only once the new one is in place; on any failure the temporary folder is removed, the
   previous packet is put back and folders created for the packet are removed again — nothing is left.

Messages name the option (``--out``) and the problem, never the files found in a folder (they may be the
user's other papers) and never taxpayer data.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

MANIFEST = ".levynav-packet.json"
MANIFEST_FORMAT = "levynav-packet/1"


class DestinationError(Exception):
    """The packet cannot go into the folder asked for; the message is one line for the user."""


def case_fingerprint(canonical_case_json: str, as_of: str) -> str:
    """A SHA-256 over the case (canonical JSON) and the date: tells two packets apart, holds no data."""
    return hashlib.sha256(f"{as_of}\n{canonical_case_json}".encode()).hexdigest()


def _read_manifest(folder: Path) -> dict[str, object] | None:
    path = folder / MANIFEST
    try:
        if not path.is_file() or path.stat().st_size > 1_000_000:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or not isinstance(data.get("files"), list):
        return None
    return data


def _own_packet(folder: Path) -> bool:
    """True when every entry under `folder` is the manifest, a file it lists, or a folder holding them."""
    manifest = _read_manifest(folder)
    if manifest is None:
        return False
    listed = {str(f) for f in manifest["files"] if isinstance(f, str)}  # type: ignore[attr-defined]
    parents = {str(Path(f).parent) for f in listed} - {"."}
    parents |= {str(p) for f in parents for p in Path(f).parents if str(p) != "."}
    for root, dirs, files in os.walk(folder):
        rel_root = Path(root).relative_to(folder)
        for d in dirs:
            if str(rel_root / d) not in parents or (Path(root) / d).is_symlink():
                return False
        for name in files:
            rel = str(rel_root / name)
            if rel != MANIFEST and rel not in listed:
                return False
            if (Path(root) / name).is_symlink():
                return False
    return True


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return candidate
    return Path(".")  # pragma: no cover - "/" always exists


def check_destination(out: Path, *, force: bool = False) -> None:
    """Refuse, with one line, a destination the packet cannot be put into whole and alone."""
    out = Path(os.path.abspath(out))
    existing = _nearest_existing(out)
    if existing != out:
        if not existing.is_dir():
            raise DestinationError("--out: a part of the path is a file, not a folder; choose another folder")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise DestinationError("--out: the folder cannot be created there (no permission to write)")
        return
    if out.is_symlink() or not out.is_dir():
        raise DestinationError("--out: a file is in the way (the path is not a folder); choose another folder")
    if not os.access(out.parent, os.W_OK | os.X_OK) or not os.access(out, os.W_OK | os.X_OK):
        raise DestinationError("--out: the folder cannot be written (no permission); choose another folder")
    try:
        empty = not any(out.iterdir())
    except OSError:
        raise DestinationError("--out: the folder cannot be read; choose another folder") from None
    if empty:
        return
    if not _own_packet(out):
        raise DestinationError(
            "--out: the folder already holds other files; choose an empty or new folder "
            "(a packet is never mixed with other papers)"
        )
    if not force:
        raise DestinationError("--out: the folder holds a previous packet; add --force to replace it")


def _make_parents(out: Path) -> list[Path]:
    """Create the missing folders above `out`; return them deepest first (to remove them on failure)."""
    created: list[Path] = []
    try:
        for parent in reversed(out.parents):
            if not os.path.lexists(parent):
                parent.mkdir()
                created.insert(0, parent)
    except BaseException:
        _remove_created(created)
        raise
    return created


def _remove_created(created: Iterable[Path]) -> None:
    for folder in created:
        with contextlib.suppress(OSError):
            folder.rmdir()


def write_packet_folder(files: dict[str, bytes], out: Path, *, fingerprint: str, force: bool = False) -> list[Path]:
    """Write `files` (relative path → bytes) and the manifest as the folder `out`, all or nothing.

    Checks the destination again (the world may have changed while the packet was built), writes into a
    temporary folder beside `out`, then renames it into place. Returns the paths written (manifest last).
    """
    out = Path(os.path.abspath(out))
    check_destination(out, force=force)
    for name in files:
        rel = Path(name)
        if rel.is_absolute() or ".." in rel.parts or name == MANIFEST:
            raise ValueError(f"packet file name not allowed: {name!r}")
    created = _make_parents(out)
    tmp: Path | None = None
    aside: Path | None = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.levynav-new-", dir=out.parent))
        written: list[Path] = []
        for name, data in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(out / name)
        manifest = {"format": MANIFEST_FORMAT, "case_fingerprint": fingerprint, "files": sorted(files)}
        (tmp / MANIFEST).write_bytes(json.dumps(manifest, indent=2).encode("utf-8"))
        written.append(out / MANIFEST)
        os.chmod(tmp, 0o755)  # mkdtemp makes it 0700; the packet folder gets the usual mode
        if os.path.lexists(out) and any(out.iterdir()):
            aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.levynav-old-", dir=out.parent))
            os.rename(out, aside / "packet")
        os.replace(tmp, out)
        tmp = None
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        if aside is not None:
            if not os.path.lexists(out) and os.path.lexists(aside / "packet"):
                with contextlib.suppress(OSError):
                    os.rename(aside / "packet", out)
            shutil.rmtree(aside, ignore_errors=True)
        _remove_created(created)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    return written
