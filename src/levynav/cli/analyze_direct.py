"""`levynav analyze CASE [--as-of DAY] [--format F] [--lang L]` answered without typer, the common cold start.

Importing typer (and its click) and having it build the command costs ≈ 0.05 s of a ≈ 0.5 s cold answer. When
the arguments are plain — one case file, each of the three options at most once as ``--opt VALUE`` or
``--opt=VALUE`` — they are read here and ``answer`` runs: the same function the typer command calls, so the
output, the messages and the exit codes are the same. Anything else (``--help``, an unknown or repeated option, a
missing value, a value or file name beginning with ``-``, a file typer would refuse: an existing one that is not
readable) is left to typer (``read`` returns None), which says what it always said. tests/test_cli_process.py
runs the commands of tests/test_hostile_commands.py both ways and compares them.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Any, NamedTuple

OPTIONS = ("--as-of", "--format", "--lang")


class Arguments(NamedTuple):
    case_file: Path
    as_of: str | None
    fmt: str
    lang: str | None


def answer(case_file: Path, as_of: str | None, fmt: str, lang: str | None) -> None:
    """Analyse a case and print the answer (text or the JSON record); bad input prints one line, exit 2."""
    from levynav.cli.arguments import analysis_json, check_format, load_case_or_exit, parse_as_of, parse_lang
    from levynav.core.analyze import analyze

    check_format(fmt)
    day = parse_as_of(as_of)
    language = parse_lang(lang)
    case = load_case_or_exit(case_file, language)
    result = analyze(case, day)
    if fmt == "json":  # the record: ids, outcomes, dates, figures and message references; no sentence
        import typer  # its echo, as the typer command writes it (the encoding of an odd stdout included)

        typer.echo(analysis_json(result))
    else:
        from levynav.explain import terminal as render_text  # Rich and the renderers: only for a text answer

        render_text.print_analysis(result, language)


def read(args: list[str]) -> Arguments | None:
    """The arguments after ``analyze``, when they are plain; None leaves them to typer."""
    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # a shell-completion request: typer's
    values: dict[str, str] = {}
    files: list[str] = []
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if not _plain(token):
            return None
        if not token.startswith("-"):
            files.append(token)
            continue
        name, equals, value = token.partition("=")
        if name not in OPTIONS or name in values:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-") or not _plain(value):
            return None
        values[name] = value
    if len(files) != 1 or not _typer_takes(files[0]):
        return None
    return Arguments(Path(files[0]), values.get("--as-of"), values.get("--format", "text"), values.get("--lang"))


def _plain(token: str) -> bool:
    if not token or "\x00" in token:
        return False
    try:
        token.encode("utf-8")
    except UnicodeEncodeError:  # bytes the system could not decode (surrogate escapes)
        return False
    return True


def _typer_takes(file: str) -> bool:
    """typer's check of a Path argument: a missing file passes (the case loader says what is wrong), an existing
    one must be readable."""
    try:
        os.stat(file)
    except OSError:
        return True
    except ValueError:
        return False
    return os.access(file, os.R_OK)


def run(args: list[str]) -> None:
    """Answer ``analyze`` and exit as typer would (0, or the command's exit code); None when typer should."""
    plain = read(args)
    if plain is None:
        return None
    from levynav import lawbook

    lawbook.install()  # the packaged Law bundle, read on first use (as cli.analysis_commands installs it)
    try:
        answer(*plain)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as err:
        if err.errno != errno.EPIPE:  # the reader went away (`| head`): exit 1, quietly, as typer does
            raise
        sys.stdout = _QuietFlush(sys.stdout)
        sys.stderr = _QuietFlush(sys.stderr)
        sys.exit(1)
    except Exception as err:
        typer = sys.modules.get("typer")  # an error was printed: ``fail`` imported typer to print it
        if typer is not None and isinstance(err, typer.Exit):
            sys.exit(err.exit_code)
        raise
    sys.exit(0)


class _QuietFlush:
    """A stream whose flush ignores a closed pipe (what typer puts in place after one)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            if err.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
