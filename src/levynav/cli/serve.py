"""`levynav serve`: the web application (interview, result, papers, REST API) on Uvicorn, localhost by default."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from levynav.cli.arguments import fail, load_case_or_exit, parse_as_of

if TYPE_CHECKING:
    from levynav.web.settings import Settings


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    host: Annotated[str, typer.Option("--host", help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="port to listen on")] = 8000,
    demo: Annotated[
        Path | None, typer.Option("--demo", help="a case file to load on start (shown on the home page)")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="analyse every case on this date, YYYY-MM-DD (default: today)")
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="folder of the SQLite database (default: ./data-web)")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="Uvicorn worker processes sharing the database (1 to 64, default 1)")
    ] = 1,
) -> None:
    """Start the web application. The database is SQLite in the data folder, or LEVYNAV_DATABASE_URL."""
    import os

    import uvicorn

    from levynav.core.model import limits
    from levynav.web import Settings, create_app

    if not 0 < port < 65536:
        raise fail(f"--port: {port} is not a port number")
    if workers < 1:
        raise fail(f"--workers: {workers} is not a number of workers (1 or more)")
    if workers > limits.MAX_WORKERS:
        raise fail(f"--workers: more than {limits.limit_text('MAX_WORKERS')} worker processes")
    _check_address(host, port)
    if demo is not None:  # a demo case that cannot be read stops here, before anything is created
        load_case_or_exit(demo)
    settings = Settings.from_env(as_of=parse_as_of(as_of) if as_of else None, demo_case=demo)
    if data_dir is not None:
        settings.data_dir = data_dir
    _check_data_dir(settings.data_dir, "--data-dir" if data_dir is not None else "the data folder")
    if workers == 1:
        with _start_up(settings):
            application = create_app(settings)
        _started(host, port, application.state.demo_code)
        uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
        return
    # N processes: the schema, the secret key and the demo case are made once here; each worker builds the app from
    # the same settings (Uvicorn's factory) on the shared database (SQLite in WAL mode, or PostgreSQL)
    from levynav.web.app import prepare
    from levynav.web.settings import WORKER_ENV

    with _start_up(settings):
        settings = prepare(settings)
    os.environ[WORKER_ENV] = settings.to_worker_env()
    _started(host, port, settings.demo_code, workers)
    uvicorn.run(
        "levynav.web.app:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )


def _check_address(host: str, port: int) -> None:
    """The address can be listened on: a host name that does not resolve, cannot be encoded ('zz..x', a text-direction
    character) or is not this machine's, and a port already in use, are one line naming the option (Uvicorn raised
    them as a traceback, after the data folder and the database had been made)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError, ValueError):
        raise fail(f"--host: {host!a} is not an address this machine can listen on") from None
    family, kind, proto, _, address = infos[0]
    probe = socket.socket(family, kind, proto)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Uvicorn binds
        probe.bind(address)
    except OSError as err:
        raise fail(
            f"--host/--port: cannot listen on {host!a} port {port} ({err.strerror or type(err).__name__})"
        ) from None
    finally:
        probe.close()


def _check_data_dir(folder: Path, where: str) -> None:
    """The data folder (the SQLite database, the key page tokens are signed with) is a folder this process can
    write, made if absent; anything else is one line naming it, before anything is created."""
    import os

    shown = ascii(str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise fail(f"{where}: {shown} is not a folder") from None
    except OSError as err:
        raise fail(f"{where}: {shown} cannot be made ({err.strerror or type(err).__name__})") from None
    if not folder.is_dir():
        raise fail(f"{where}: {shown} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise fail(f"{where}: {shown} is not writable by this user")


@contextmanager
def _start_up(settings: Settings) -> Iterator[None]:
    """Opening the database and the data folder: a database address that cannot be read, a driver that is not
    installed, a server that cannot be reached or a file that is not a database is one line, exit 2 — never the
    address itself (it may hold a password)."""
    from alembic.util.exc import CommandError
    from sqlalchemy import exc as sa

    where = "LEVYNAV_DATABASE_URL" if settings.database_url else f"the database in {str(settings.data_dir)!a}"
    try:
        yield
    except sa.NoSuchModuleError:
        raise fail(f"{where}: no database driver for this kind of address is installed") from None
    except sa.ArgumentError:
        raise fail(f"{where}: not a database address (e.g. postgresql+psycopg://user@host/name)") from None
    except ImportError as err:
        raise fail(f"{where}: the database driver {err.name or ''!a} is not installed") from None
    except sa.SQLAlchemyError as err:
        cause = type(getattr(err, "orig", None) or err).__name__
        raise fail(f"{where}: the database cannot be opened or reached ({cause})") from None
    except CommandError:
        raise fail(f"{where}: the database's schema is not one this version knows (a newer levynav?)") from None
    except UnicodeDecodeError:
        raise fail(f"{str(settings.data_dir / 'secret.key')!a}: not the key this program writes") from None
    except OSError as err:
        raise fail(f"{str(settings.data_dir)!a}: cannot be used ({err.strerror or type(err).__name__})") from None


def _started(host: str, port: int, demo_code: str | None, workers: int = 1) -> None:
    more = f", {workers} worker processes" if workers > 1 else ""
    typer.echo(f"Levy Navigator is running at http://{host}:{port}/  (Ctrl+C to stop{more})")
    if demo_code:
        typer.echo(f"Example case: http://{host}:{port}/case/{demo_code}/result")
