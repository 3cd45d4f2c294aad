"""Opening a file the user names, safely: only regular files, never more than a set size.

Every command that reads a file (a case, a transcript, a notice, a file a case points to) goes
through ``read_input_file``. It refuses a device (``/dev/zero``), a directory, a FIFO or a socket
by saying what the path is, without opening it (opening a FIFO would wait forever), and reads at
most the limit plus one byte, so a 50 GB file costs no more than a 2 MB one.

Messages name the path the user gave (or the field of the case that named it), never any other
file name found on the disk.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from levynav.core.model import limits


class InputFileError(ValueError):
    """A file that cannot be read as input; the message is one line."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def check_input_file(path: str | Path, limit_name: str, name: str) -> None:
    """Refuse, without opening it, what is missing, not a regular file, or larger than the limit."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputFileError(f"{name}: no such file") from None
    except (OSError, ValueError) as exc:
        raise InputFileError(f"{name}: cannot be read ({exc.__class__.__name__})") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputFileError(f"{name}: is {_kind(st.st_mode)}, not a file (only regular files are read)")
    if st.st_size > getattr(limits, limit_name):
        raise InputFileError(f"{name}: the file is larger than {limits.limit_text(limit_name)} bytes")


def read_input_file(path: str | Path, limit_name: str, label: str | None = None) -> bytes:
    """The bytes of a regular file no larger than the named limit (a constant of ``model.limits``).

    ``label`` is how messages name the file (default: the path as given).
    """
    name = label if label is not None else str(path)
    max_bytes: int = getattr(limits, limit_name)
    check_input_file(path, limit_name, name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise InputFileError(f"{name}: cannot be read ({reason})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between the two looks
            raise InputFileError(f"{name}: is not a file (only regular files are read)")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputFileError(f"{name}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise InputFileError(f"{name}: the file is larger than {limits.limit_text(limit_name)} bytes")
    return b"".join(chunks)


def check_line_lengths(text: str, name: str) -> None:
    """Refuse text with a line longer than MAX_LINE_CHARS (one split, in C: linear)."""
    limit = limits.MAX_LINE_CHARS
    if len(text) <= limit:
        return
    lengths = [len(line) for line in text.split("\n")]
    if max(lengths) > limit:
        line = next(i for i, n in enumerate(lengths, start=1) if n > limit)
        limit_name = limits.limit_text("MAX_LINE_CHARS")
        raise InputFileError(f"{name}: line {line} is longer than {limit_name} characters")
