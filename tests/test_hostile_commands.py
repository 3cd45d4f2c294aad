"""Hostile input thrown at EVERY command (issue 9): one sweep, commands × kinds of bad input.

test_hostile_input.py checks each kind of input at the command that reads it, with its exact message; this
sweep checks the promise that holds for all of them at once: exit 0 or 2, never a traceback, nothing on
stdout and nothing written when the command fails, and an error line that names what it refuses (a field
path, an option or "(file)"). Inputs are small or generated in tmp_path; each run is in-process. A guard
alarm turns a hang into a failure (it bounds the test; it measures nothing).
"""

from __future__ import annotations

import json
import os
import re
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from levynav.core.model import limits
from tests.helpers import run_cli

AS_OF = ("--as-of", "2026-11-23")
HANG_GUARD_SECONDS = 120  # far above any honest answer here; only a hang reaches it

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)
MINIMAL_CASE = "taxpayer: {kind: individual}\n"


def _levy_case(**levy: object) -> str:
    return json.dumps({"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank", **levy}]})


# Each hostile input: name -> (text or bytes). Written with the suffix each command reads.
CONTENTS: dict[str, str | bytes] = {
    "empty": b"",
    "binary": bytes(range(256)) * 64,
    "nul_bytes": b"taxpayer:\x00\x00 {kind: individual}\n",
    "bad_utf8": b"taxpayer: {kind: \xff\xfe individual}\n",
    "alias_bomb": LAUGHS,
    "alias_bomb_enum": LAUGHS + "taxpayer: {kind: *i}\n",
    "deep_brackets": "[" * 100_000,
    "deep_block": "".join("  " * i + "- \n" for i in range(3000)),
    "huge_int": "taxpayer: {kind: individual}\nhousehold_size: " + "9" * 4301 + "\n",
    "one_5mb_line": "taxpayer: {kind: individual} # " + "x" * (5 * 1024 * 1024) + "\n",
    "duplicate_key": "taxpayer: {kind: individual}\ntaxpayer: {kind: business}\n",
    "date_9999": _levy_case(id="b1", served_date="9999-12-31"),
    "date_0001": _levy_case(id="b1", served_date="0001-01-01"),
    "allocating_size": json.dumps({"taxpayer": {"kind": "individual"}, "household_size": 1_000_000_000}),
    "duplicate_ids": json.dumps(
        {"taxpayer": {"kind": "individual"}, "levies": [{"id": "x", "kind": "bank"}, {"id": "x", "kind": "bank"}]}
    ),
    "unknown_reference": json.dumps(
        {"taxpayer": {"kind": "individual"}, "payments": [{"date": "2026-01-02", "amount": 5, "period": "1040-1999"}]}
    ),
    "corrupt_pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + os.urandom(2000),
    "corrupt_png": b"\x89PNG\r\n\x1a\n" + os.urandom(3000),
    "not_a_list": "7\n",
}


def _write(tmp_path: Path, name: str, suffix: str) -> Path:
    path = tmp_path / f"input{suffix}"
    content = CONTENTS[name]
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _special(tmp_path: Path, kind: str, suffix: str) -> Path:
    if kind == "directory":
        path = tmp_path / f"folder{suffix}"
        path.mkdir()
        return path
    if kind == "fifo":
        path = tmp_path / f"pipe{suffix}"
        os.mkfifo(path)
        return path
    if kind == "device":
        return Path("/dev/zero")
    return tmp_path / f"absent{suffix}"  # missing


SPECIALS = ["directory", "fifo", "device", "missing"]

# Each command that reads a file: how to call it with that file (and where it writes, if it writes).
Invocation = Callable[[Path, Path], list[str]]
FILE_COMMANDS: dict[str, tuple[str, Invocation]] = {
    "analyze": (".yaml", lambda f, out: ["analyze", str(f), *AS_OF]),
    "analyze-json": (".json", lambda f, out: ["analyze", str(f), *AS_OF, "--format", "json"]),
    "finances": (".yaml", lambda f, out: ["finances", str(f), *AS_OF]),
    "packet": (".yaml", lambda f, out: ["packet", str(f), "--out", str(out), *AS_OF]),
    "render": (".json", lambda f, out: ["render", str(f)]),
    "transcript-txt": (".txt", lambda f, out: ["transcript", str(f), *AS_OF]),
    "transcript-pdf": (".pdf", lambda f, out: ["transcript", str(f), *AS_OF]),
    "notice-txt": (".txt", lambda f, out: ["notice", str(f), *AS_OF]),
    "notice-pdf": (".pdf", lambda f, out: ["notice", str(f), *AS_OF]),
    "notice-png": (".png", lambda f, out: ["notice", str(f), *AS_OF]),
    "screen-jsonl": (".jsonl", lambda f, out: ["screen", str(f), "--out", str(out / "t.csv"), *AS_OF]),
    "screen-csv": (".csv", lambda f, out: ["screen", str(f), "--out", str(out / "t.csv"), *AS_OF]),
    "screen-parquet": (".parquet", lambda f, out: ["screen", str(f), "--out", str(out / "t.csv"), *AS_OF]),
    "serve-demo": (".yaml", lambda f, out: ["serve", "--demo", str(f), "--data-dir", str(out / "db"), *AS_OF]),
}

# Text a reader may take (exit 0) when its report says that nothing in it could be read: a transcript
# or notice reader reads pasted text line by line and lists what it could not read.
TEXT_INPUTS = {k for k, v in CONTENTS.items() if isinstance(v, str)} | {"nul_bytes", "bad_utf8"}  # cp1252 text is read
MAY_ACCEPT: dict[str, tuple[set[str], str]] = {
    "transcript-txt": (TEXT_INPUTS, "no account transcript found"),
    "notice-txt": (TEXT_INPUTS, "not recognised as one of the notices levynav reads"),
    # screen reads many cases: a row it cannot read is a row of its error table, not a failed run
    "screen-jsonl": (set(CONTENTS), "with errors"),
    "screen-csv": (set(CONTENTS), "with errors"),
}


@pytest.fixture(autouse=True)
def hang_guard() -> Iterator[None]:
    def _hang(signum: int, frame: object) -> None:
        raise AssertionError(f"no answer within {HANG_GUARD_SECONDS} s: a hang")

    previous = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(HANG_GUARD_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` never listens here: reaching uvicorn.run means the demo case was accepted."""
    import uvicorn

    def _run(*args: object, **kwargs: object) -> None:
        print("SERVING")

    monkeypatch.setattr(uvicorn, "run", _run)


NAMES_WHAT = re.compile(r"\w\]?(\.[\w\[\]]+)*: |\(file\)|--[a-z-]+|[A-Z_]{6,}")


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")) if folder.exists() else []


def check(args: list[str], out_dir: Path, *, may_accept: bool, says: str = "") -> None:
    before = _files_under(out_dir)
    code, stdout, stderr = run_cli(*args)
    text = stdout + stderr
    assert "Traceback" not in text, text[-2000:]
    assert code in (0, 2), (code, text[-2000:])
    if code == 2:
        assert stdout == "", stdout[:500]
        assert _files_under(out_dir) == before, "a failed command left output behind"
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert 1 <= len(lines) <= 100, stderr[-2000:]
        assert all(len(line) < 500 for line in lines), stderr[:2000]
        # a line names what it refuses: a field path, an option, a file, or the limit
        assert any(NAMES_WHAT.search(line) for line in lines), stderr[-2000:]
    else:
        assert may_accept, f"accepted: {' '.join(args[:1])}: {text[:500]}"
        assert says in text, text[:2000]


@pytest.mark.parametrize("content", sorted(CONTENTS))
@pytest.mark.parametrize("command", sorted(FILE_COMMANDS))
def test_every_file_command_refuses_hostile_content(tmp_path: Path, command: str, content: str) -> None:
    suffix, invoke = FILE_COMMANDS[command]
    out = tmp_path / "out"
    out.mkdir()
    path = _write(tmp_path, content, suffix)
    accepted, says = MAY_ACCEPT.get(command, (set(), ""))
    check(invoke(path, out), out, may_accept=content in accepted, says=says)


@pytest.mark.parametrize("kind", SPECIALS)
@pytest.mark.parametrize("command", sorted(FILE_COMMANDS))
def test_every_file_command_refuses_devices_directories_fifos_and_absent_files(
    tmp_path: Path, command: str, kind: str
) -> None:
    suffix, invoke = FILE_COMMANDS[command]
    if command == "screen-parquet" and kind == "directory":
        pytest.skip("a folder of .parquet files is a documented input of screen")
    out = tmp_path / "out"
    out.mkdir()
    check(invoke(_special(tmp_path, kind, suffix), out), out, may_accept=False)


OPTION_CASES: dict[str, list[str]] = {
    "as_of_9999": ["analyze", "{case}", "--as-of", "9999-12-31"],
    "as_of_0001": ["finances", "{case}", "--as-of", "0001-01-01"],
    "as_of_garbage": ["packet", "{case}", "--out", "{out}/p", "--as-of", "2026-02-30"],
    "lang_unknown": ["analyze", "{case}", *AS_OF, "--lang", "xx"],
    "format_unknown": ["analyze", "{case}", *AS_OF, "--format", "pdf"],
    "render_format": ["render", "{record}", "--format", "docx"],
    "explain_long": ["explain", "R" * 100_000],
    "explain_control": ["explain", "R6343\x1b[2J"],
    "rules_format": ["rules", "--format", "yaml"],
    "wage_dependents": ["wage-exempt", "--year", "2026", "--pay-period", "weekly", "--dependents", "99999999999"],
    "wage_year_9999": ["wage-exempt", "--year", "9999", "--pay-period", "weekly"],
    "wage_year_0": ["wage-exempt", "--year", "0", "--pay-period", "weekly"],
    "wage_blind": ["wage-exempt", "--year", "2026", "--pay-period", "weekly", "--over-65-or-blind", "-5"],
    "wage_pay": ["wage-exempt", "--year", "2026", "--pay-period", "weekly", "--take-home-pay", "9" * 5000],
    "wage_pay_nan": ["wage-exempt", "--year", "2026", "--pay-period", "weekly", "--take-home-pay", "NaN"],
    "wage_period": ["wage-exempt", "--year", "2026", "--pay-period", "fortnightly"],
    "generate_huge": ["generate-cases", "99999999999", "--out", "{out}/c.jsonl"],
    "generate_negative": ["generate-cases", "-3", "--out", "{out}/c.jsonl"],
    "generate_rate": ["generate-cases", "5", "--out", "{out}/c.jsonl", "--malformed-rate", "7"],
    "generate_suffix": ["generate-cases", "5", "--out", "{out}/c.exe"],
    "generate_under_file": ["generate-cases", "5", "--out", "{file}/c.jsonl"],
    "screen_workers": ["screen", "{jsonl}", "--out", "{out}/t.csv", "--workers", "100000"],
    "screen_rows": ["screen", "{jsonl}", "--out", "{out}/t.csv", "--partition-rows", "0"],
    "screen_out_suffix": ["screen", "{jsonl}", "--out", "{out}/t.exe"],
    "screen_out_under_file": ["screen", "{jsonl}", "--out", "{file}/t.csv"],
    "screen_scheduler": ["screen", "{jsonl}", "--out", "{out}/t.csv", "--scheduler", "\x1b]0;\x07bad://" + "x" * 300],
    "packet_out_under_file": ["packet", "{case}", "--out", "{file}/p", *AS_OF],
    "packet_out_is_device": ["packet", "{case}", "--out", "/dev/null", *AS_OF],
    "serve_port": ["serve", "--port", "70000"],
    "serve_workers": ["serve", "--workers", "100000", "--data-dir", "{out}/db"],
    "serve_workers_zero": ["serve", "--workers", "0", "--data-dir", "{out}/db"],
    "serve_as_of": ["serve", "--as-of", "9999-12-31", "--data-dir", "{out}/db"],
    "import_missing": ["data", "import-standards", "{out}/absent"],
    "import_file": ["data", "import-standards", "{file}"],
    "import_empty": ["data", "import-standards", "{empty_dir}"],
    "import_bomb": ["data", "import-standards", "{bomb_dir}"],
}


@pytest.mark.parametrize("name", sorted(OPTION_CASES))
def test_every_command_refuses_hostile_options(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEVYNAV_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "out"
    out.mkdir()
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL_CASE, encoding="utf-8")
    record = tmp_path / "record.json"
    code, text, _ = run_cli("analyze", str(case), *AS_OF, "--format", "json")
    assert code == 0
    record.write_text(text, encoding="utf-8")
    jsonl = tmp_path / "cases.jsonl"
    jsonl.write_text(json.dumps({"taxpayer": {"kind": "individual"}}) + "\n", encoding="utf-8")
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    (tmp_path / "empty-dir").mkdir()
    bomb = tmp_path / "bomb-dir"
    bomb.mkdir()
    (bomb / "edition.yaml").write_text(LAUGHS, encoding="utf-8")
    values = {
        "case": case,
        "record": record,
        "jsonl": jsonl,
        "out": out,
        "file": a_file,
        "empty_dir": tmp_path / "empty-dir",
        "bomb_dir": bomb,
    }
    args = [arg.format(**{k: str(v) for k, v in values.items()}) for arg in OPTION_CASES[name]]
    check(args, out, may_accept=False)


def test_the_sweep_covers_every_command() -> None:
    from levynav.cli.app import app

    names = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    swept = {key.split("-")[0] for key in FILE_COMMANDS} | {args[0] for args in OPTION_CASES.values()}
    swept |= {"generate-cases", "wage-exempt"}
    assert names - {None} <= swept, sorted(names - swept)
    assert limits.MAX_NESTING_DEPTH < 3000  # the deep block above is past the limit
