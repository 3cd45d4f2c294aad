"""A fault of the program is one line on the terminal, never a traceback quoting the case (audit 2026-12-07, r. 2).

An exception no command expected ended `levynav` in Python's traceback, whose last line is the exception's message:
it may quote the case (a KeyError of a name, a model error with its input). `main` now says it in one line — the
kind of exception and where in levynav it was raised — and exits 1; LEVYNAV_DEBUG=1 shows the traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from levynav.cli import app as cli_app

EXAMPLE = Path(__file__).parent.parent / "examples" / "balance-paid-in-full.yaml"
SECRET = "Robin Secret 123-45-6789"


def _boom(*args: object, **kwargs: object) -> object:
    raise KeyError(SECRET)


@pytest.mark.parametrize("command", ["analyze", "finances"])
def test_a_fault_is_one_line_without_its_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    import levynav.cli.arguments as arguments
    import levynav.cli.finances as finances
    import levynav.intake.load as load

    monkeypatch.setattr(load, "load_case", _boom)  # analyze (its direct path imports it when run)
    monkeypatch.setattr(finances, "load_case_or_exit", _boom)  # finances (imported it already)
    monkeypatch.setattr(arguments, "load_case_or_exit", _boom)
    monkeypatch.delenv("LEVYNAV_DEBUG", raising=False)
    monkeypatch.setattr(sys, "argv", ["levynav", command, str(EXAMPLE), "--as-of", "2026-11-23"])
    with pytest.raises(SystemExit) as done:
        cli_app.main()
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and SECRET not in err and "123-45-6789" not in err
    assert err.startswith("levynav: an internal error (KeyError at levynav/") and len(err.strip().splitlines()) == 1


def test_levynav_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import levynav.cli.finances as finances

    monkeypatch.setattr(finances, "load_case_or_exit", _boom)
    monkeypatch.setenv("LEVYNAV_DEBUG", "1")
    monkeypatch.setattr(sys, "argv", ["levynav", "finances", str(EXAMPLE), "--as-of", "2026-11-23"])
    with pytest.raises(KeyError):
        cli_app.main()
