"""The ``levynav`` command: ``main`` sets up the process and hands the arguments to the commands' app.

This module imports nothing heavy at its top: ``main`` first sets up the one-shot process (``cli.process``:
the cycle collector, pydantic's plugin look-up), and only then imports the commands, the core and its models.

``analyze``, ``render``, ``rules`` and ``explain`` (``cli.analysis_commands``) need none of the feature modules
(finances, transcript, notice, packet, screen, serve): ``main`` answers them from an app holding only them, so a
cold `levynav analyze` neither imports the feature modules' dependencies nor has typer build the options of
thirteen commands to run one. ``app`` — the full command set, for `levynav --help`, the other commands and the
tests — registers the feature commands when first asked for (PEP 562 module ``__getattr__``). The command
functions are the same in both.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

CORE_COMMANDS = ("analyze", "render", "rules", "explain")


def main() -> None:
    from levynav.cli import process

    one_shot = len(sys.argv) > 1 and sys.argv[1] in CORE_COMMANDS
    collector_off = process.set_up(one_shot=one_shot)
    try:
        if one_shot:
            if sys.argv[1] == "analyze":  # plain arguments are answered without typer (cli/analyze_direct.py)
                from levynav.cli import analyze_direct

                analyze_direct.run(sys.argv[2:])
            from levynav.cli.analysis_commands import app as core_app

            core_app()
        else:
            _full_app()()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a fault of the program (every refusal of input is an exit 2 before this)
        import os

        if os.environ.get("LEVYNAV_DEBUG"):
            raise
        if isinstance(exc, BrokenPipeError):  # the reader went away (`| head`): no fault, exit 1 quietly
            sys.exit(1)
        if isinstance(exc, OSError) and exc.errno is not None and _cannot_write(exc):
            # `> /dev/full`, a full disk, a failing device: said in one line, never an internal error
            from levynav.cli.arguments import EXIT_OUTPUT_FAILED

            print(f"levynav: the output could not be written ({os.strerror(exc.errno)})", file=sys.stderr)
            _silence_stdout()
            sys.exit(EXIT_OUTPUT_FAILED)
        # one line: the kind and the place, never the message or a traceback (they may quote the case)
        print(
            f"levynav: an internal error ({type(exc).__name__} at {fault_place(exc)}); please report it",
            file=sys.stderr,
        )
        sys.exit(1)
    finally:
        if collector_off:
            gc.enable()


def _cannot_write(exc: BaseException) -> bool:
    """A write the system refused for want of room or a working device (ENOSPC, EDQUOT, EFBIG, EIO, EROFS)."""
    import errno

    codes = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}
    return isinstance(exc, OSError) and exc.errno in codes


def _silence_stdout() -> None:
    """Standard output pointed at the null device: what is still buffered for a full device is dropped, so the
    interpreter's own flush at exit prints no second error."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def fault_place(exc: BaseException) -> str:
    """Where in levynav an exception was raised (the innermost frame of the package, else the innermost one), as
    ``levynav/core/analyze.py:42``: enough to find the fault, nothing of the data it was working on."""
    from pathlib import Path

    place = "?"
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if "levynav" in name or place == "?":
            cut = name.rfind("levynav")
            place = f"{name[cut:] if cut >= 0 else Path(name).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return place


_full: typer.Typer | None = None


def _full_app() -> typer.Typer:
    global _full
    if _full is None:
        import typer

        from levynav.cli import analysis_commands
        from levynav.cli import finances as cli_finances
        from levynav.cli import notice as cli_notice
        from levynav.cli import packet as cli_packet
        from levynav.cli import screen as cli_screen
        from levynav.cli import serve as cli_serve
        from levynav.cli import transcript as cli_transcript
        from levynav.cli import wage as cli_wage

        core = analysis_commands.app
        full = typer.Typer(
            help=core.info.help,
            epilog=core.info.epilog,
            no_args_is_help=True,
            add_completion=False,
            pretty_exceptions_enable=False,
        )
        full.registered_commands = list(core.registered_commands)
        for module in (cli_finances, cli_wage, cli_transcript, cli_notice, cli_packet, cli_screen, cli_serve):
            module.register(full)
        _full = full
    return _full


def __getattr__(name: str) -> object:
    if name == "app":
        return _full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
