"""The parsed form of the package's own YAML data files, kept beside the package's byte-code so a cold start does
not parse them again (PyYAML builds Python objects node by node: ~40 ms for the parameters, citations and English
messages alone, even with libyaml's parser; unpickling the same data takes ~2 ms).

Each entry is the file's SHA-256 and the data parsed from exactly those bytes; an entry whose digest does not match
the file's current bytes (or that cannot be read) is ignored and the file parsed again. The cache lives inside the
package's own folder (``levynav/lawbook/__pycache__/data/``, like byte-code: never the user's home), is written on
first use where that folder is writable, and is simply not used where it is not (a read-only install parses).
Only the package's own data files go through it — never a file a user gives.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).parent / "__pycache__" / "data"
# the parsed form depends on the parser and on pickle's format: a new Python or PyYAML starts a new cache
TAG = f"py{sys.version_info[0]}{sys.version_info[1]}-yaml{yaml.__version__}"


def parsed(file: Path, relative: str, parse: Callable[[bytes], Any]) -> Any:
    """``parse(bytes of file)``, from the cache when it holds the parse of exactly these bytes."""
    raw = file.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    entry = FOLDER / f"{relative.replace('/', '__')}.{TAG}.pickle"
    try:
        with entry.open("rb") as fh:
            stored_digest, data = pickle.load(fh)
        if stored_digest == digest:
            return data
    except Exception:  # no entry, or one that cannot be read: parse the file
        pass
    data = parse(raw)
    _store(entry, digest, data)
    return data


def _store(entry: Path, digest: str, data: Any) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((digest, data), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)  # whole or not at all: another process may read it at the same time
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only install: parse every time
