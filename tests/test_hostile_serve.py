"""`levynav serve` with a data folder or a database address it cannot use: one line naming the setting, exit 2,
no traceback and never the address itself (it may hold a password). Found by tests/fuzz/drive_commands.py; each
case was a traceback on the old code."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.helpers import run_cli

SECRET = "s3cr3t-pw"


@pytest.fixture(autouse=True)
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` never listens here: reaching uvicorn.run means start-up was accepted."""
    import uvicorn

    def _run(*args: object, **kwargs: object) -> None:
        print("SERVING")

    monkeypatch.setattr(uvicorn, "run", _run)
    monkeypatch.delenv("LEVYNAV_DATABASE_URL", raising=False)
    monkeypatch.delenv("LEVYNAV_SECRET_KEY", raising=False)


def _refused(*args: str, says: str) -> None:
    code, out, err = run_cli("serve", *args)
    assert code == 2, (code, out, err)
    assert "SERVING" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("levynav: "), err
    assert says in lines[0], err
    assert SECRET not in err and "Traceback" not in err


def test_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    _refused("--data-dir", str(tmp_path / "afile"), says="--data-dir: ")
    _refused("--data-dir", str(tmp_path / "afile" / "below"), says="--data-dir: ")


def test_a_data_dir_that_cannot_be_made(tmp_path: Path) -> None:
    _refused("--data-dir", "/proc/levynav-cannot-be-made", says="cannot be made")


def test_a_data_folder_holding_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "levynav.db").write_bytes(b"this is not SQLite\n" * 100)
    _refused("--data-dir", str(tmp_path), says="cannot be opened")


def test_a_secret_key_file_that_is_not_the_key(tmp_path: Path) -> None:
    (tmp_path / "secret.key").write_bytes(b"\xff\xfe\x00")
    _refused("--data-dir", str(tmp_path), says="secret.key")


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (f"garbage-{SECRET}", "not a database address"),
        (f"nosuchdb://user:{SECRET}@host/x", "no database driver"),
        (f"mysql://user:{SECRET}@127.0.0.1:1/x", "not installed"),
        (f"postgresql+psycopg://user:{SECRET}@127.0.0.1:1/x", "cannot be opened or reached"),
    ],
)
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_database_url_that_cannot_be_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, says: str, workers: str
) -> None:
    monkeypatch.setenv("LEVYNAV_DATABASE_URL", url)
    _refused("--data-dir", str(tmp_path), "--workers", workers, says="LEVYNAV_DATABASE_URL: ")
    _refused("--data-dir", str(tmp_path), "--workers", workers, says=says)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_a_good_data_dir_still_serves(tmp_path: Path) -> None:
    code, out, err = run_cli("serve", "--data-dir", str(tmp_path / "new" / "folder"), "--port", str(_free_port()))
    assert code == 0 and "SERVING" in out, err


@pytest.mark.parametrize("host", ["zz..invalid", "\u202e", "x" * 300, "256.1.1.1"])
def test_a_host_that_cannot_be_listened_on_is_one_line(tmp_path: Path, host: str) -> None:
    _refused("--host", host, "--data-dir", str(tmp_path), says="--host: ")
    assert not any(tmp_path.iterdir()), "refused before the data folder is made"


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        _refused("--port", port, "--data-dir", str(tmp_path), says="--host/--port: cannot listen")
