"""A throwaway PostgreSQL cluster for the storage tests: Debian's binaries, initdb and pg_ctl in a temporary folder,
a Unix socket only (no TCP port), stopped and removed at the end. As root the server runs as the ``postgres`` user
(PostgreSQL refuses to run as root)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield its SQLAlchemy URL."""
    bindir = binaries()
    assert bindir is not None
    base = Path(tempfile.mkdtemp(prefix="levynav-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    run = {"check": True, "capture_output": True, "timeout": 120}
    try:
        subprocess.run(
            _as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]), **run
        )  # type: ignore[call-overload]
        opts = f"-c listen_addresses='' -c unix_socket_directories={sock} -c fsync=off"
        subprocess.run(  # type: ignore[call-overload]
            _as_server_user(
                [str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-w", "-l", str(base / "log"), "start"]
            ),
            **run,
        )
        yield f"postgresql+psycopg://postgres@/postgres?host={sock}"
    finally:
        if data.exists():
            subprocess.run(
                _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)
