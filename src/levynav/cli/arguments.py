"""What every command shares: the exit-2 error, --as-of and --format parsing, and loading a case file.

typer is imported only where an error is printed: `levynav analyze` runs these without it
(``cli.analyze_direct``); the options' typer declarations are in ``cli.options``.

Loading a case here also reads the account transcripts the case points to (the adapter reads files;
the core never does) and prints what could not be read as warnings.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from levynav.core.model import limits
from levynav.core.model.analysis import Analysis
from levynav.core.model.case import Case
from levynav.intake.input_files import InputFileError, check_input_file
from levynav.intake.load import CaseError, load_case

if TYPE_CHECKING:
    import typer


def parse_lang(raw: str | None) -> str:
    """The language: --lang, else the LEVYNAV_LANG environment variable (read here, in the adapter only), else en."""
    import os

    from levynav.explain import LANGS

    chosen = raw if raw is not None else (os.environ.get("LEVYNAV_LANG") or "en")
    where = "--lang" if raw is not None else "LEVYNAV_LANG"
    if chosen not in LANGS:
        raise fail(f"{where}: {chosen!r} is not one of {', '.join(LANGS)}")
    return chosen


def shown(line: str) -> str:
    """A line levynav prints about its input, safe to print: a control or text-direction code escaped (``\\x1b``,
    ``\\u202e``: in a terminal an escape code is run, an override turns the rest of the line around) and a full SSN,
    ITIN or EIN masked but its last four digits (an option's value, or a file named by its taxpayer's number,
    ``987-65-4321.pdf``, printed whole). Dates, amounts and phone numbers are left as written."""
    from levynav.core.model.bounded import CONTROL_CHARACTERS
    from levynav.intake.input_text import source_name

    escaped = CONTROL_CHARACTERS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), line)
    return source_name(escaped.replace("\r", "\\r"))


def say(line: str) -> None:
    """Print ``levynav: line`` (``shown``) to stderr."""
    import typer

    typer.echo(f"levynav: {shown(line)}", err=True)


# The exit codes (docs/input-limits.md, "Exit codes"; `levynav --help` says them too). A refusal of the input or of an
# option is 2
# (as for a usage error); an output levynav could not write — a full disk, a read-only or failing device, a folder it
# may not write in — is 74 (EX_IOERR of sysexits.h): the input was good and the same command succeeds once the
# disk is fixed, which a script must be able to tell from input to correct.
EXIT_BAD_INPUT = 2
EXIT_OUTPUT_FAILED = 74
EXIT_CODES_HELP = (
    "Exit codes: 0 done; 1 an internal error (please report it) or the reader of the output went away; 2 bad input "
    "or a bad option, said in one line naming the field or the file; 74 the output could not be written (a full or "
    "read-only disk): nothing was left half written; 130 interrupted."
)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print ``levynav: message`` to stderr (``shown``); raise the returned Exit (code 2: bad input)."""
    import typer

    say(message)
    return typer.Exit(code=code)


def fail_output(message: str, err: OSError | None = None) -> typer.Exit:
    """``fail`` for an output that could not be written (exit 74). Given the system's ``err``, only a write the
    system refused for want of room, a working device or the right to write there is 74; an --out naming a place
    that cannot be one (a file where a folder must be, a folder that is gone) is an option to correct: 2."""
    return fail(message, EXIT_OUTPUT_FAILED if err is None or device_refused(err) else EXIT_BAD_INPUT)


def device_refused(err: BaseException) -> bool:
    """A write the system refused for want of room, a working device or permission (ENOSPC, EDQUOT, EFBIG, EIO,
    EROFS, EACCES, EPERM)."""
    import errno

    codes = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS, errno.EACCES, errno.EPERM}
    return isinstance(err, OSError) and err.errno in codes


def parse_as_of(raw: str | None) -> date:
    if raw is None:
        return date.today()  # the adapter, not the core, reads the clock
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise fail("--as-of: is not a date in the form YYYY-MM-DD") from None
    if not limits.EARLIEST_DATE <= day <= limits.LATEST_DATE:
        raise fail(f"--as-of: is outside the plausible range {limits.date_range_text()}")
    return day


def check_format(fmt: str) -> str:
    if fmt not in {"text", "json"}:
        raise fail(f"--format: {fmt!r} is not one of text, json")
    return fmt


def load_case_or_exit(case_file: Path, lang: str = "en") -> Case:
    """The case with its transcripts read in; bad input prints one line per problem and exits 2. What a transcript
    read could not use is printed as a warning in ``lang``."""
    try:
        case = load_case(case_file)
    except CaseError as err:
        import typer

        from levynav.explain import case_file as said

        say(said.head(err, lang))  # in the person's language: the field named, the problem said
        for problem in said.lines(err, lang):
            typer.echo(f"  - {shown(problem)}", err=True)
        raise typer.Exit(code=2) from None
    if not case.transcripts:
        return case
    from levynav.intake.transcript import read_transcripts

    paths = case_file_paths(case_file, case.transcripts)
    labels = [f"transcripts[{i}]" for i in range(len(paths))]
    try:
        intake = read_transcripts(paths, case, labels)
    except InputFileError as exc:
        import typer

        from levynav.explain import case_file as said

        read = CaseError(str(case_file), [str(exc)])
        say(said.head(read, lang))
        for problem in said.lines(read, lang):
            typer.echo(f"  - {shown(problem)}", err=True)
        raise typer.Exit(code=2) from None
    if intake.problems:
        import typer

        from levynav.explain.render import text

        for found in intake.problems:
            say(f"warning: {text(found, lang)}")
    return intake.case


def analysis_json(result: Analysis) -> str:
    """The JSON `levynav analyze --format json` writes; `levynav screen --with-record` stores the same text."""
    return result.model_dump_json(indent=2)


def case_file_paths(case_file: Path, names: list[str]) -> list[Path]:
    """The files a case points to (``transcripts:``), relative ones resolved against the case file's
    folder; each must be a regular file within its size limit, or the command stops with exit 2.
    Messages name the field (``transcripts[1]``), not the path, so no other file name is echoed."""
    paths = [Path(p) if Path(p).is_absolute() else case_file.parent / p for p in names]
    problems: list[str] = []
    for i, path in enumerate(paths):
        try:
            check_input_file(path, "MAX_TRANSCRIPT_FILE_BYTES", f"transcripts[{i}]")
        except InputFileError as exc:
            problems.append(str(exc))
    if problems:
        import typer

        say(f"{case_file} has {len(problems)} problem(s):")
        for problem in problems:
            typer.echo(f"  - {shown(problem)}", err=True)
        raise typer.Exit(code=2)
    return paths
