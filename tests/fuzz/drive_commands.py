"""Fuzz every `levynav` command with mutated files and arguments (a seeded mutator; not part of `make test`).

    PYTHONPATH=src python tests/fuzz/drive_commands.py --runs 300 --seed 1        # fuzz; crashes are saved
    PYTHONPATH=src python tests/fuzz/drive_commands.py --replay                   # run every saved crash again
    PYTHONPATH=src python tests/fuzz/drive_commands.py --only screen,notice ...   # some commands

A crash is a traceback on stderr, an exit code outside {0, 1, 2, 74}, a run longer than --hang seconds, or output half
written (a command that refused, exit 2 or 74, and left files in its --out place). Each crash is saved in
tests/fuzz/crashes/<command>-<hash>/: ``run.json`` (the arguments, with ``{dir}`` for the crash folder, and the
environment) beside the input files; ``--replay`` runs each in a fresh process and says whether it still crashes.

Every run is a fresh ``python -m levynav.cli`` process (exit codes and stderr as a person sees them), in a scratch
folder; LEVYNAV_DATA_DIR points into the scratch folder, so nothing is installed for the user.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CRASHES = Path(__file__).resolve().parent / "crashes"
EXAMPLES = ROOT / "examples"
NOTICES = EXAMPLES / "notices"
TRANSCRIPTS = ROOT / "tests" / "data" / "transcripts"
STANDARDS = ROOT / "src" / "levynav" / "data" / "standards" / "2025-04-21"
ALLOWED_CODES = {0, 1, 2, 74}  # 74: the output could not be written (docs/input-limits.md, Exit codes)

# Values that have broken readers before, or could: empty, signs, huge and odd numbers, control and direction
# characters, YAML tags and anchors, dates past the range, paths out of the folder, markup.
TOKENS = [
    "",
    " ",
    "-0",
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "9" * 31,
    "999,999,999,999,999,999,999,999,999,999.00",
    "$-1,00,0.0.0",
    "0x1F",
    "1_000",
    "١٠٠",
    "１００",
    "\u202e",
    "\u2066evil\u2069",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\ud7ff",
    "é" * 3,
    "!!python/object/apply:os.system ['true']",
    "!!binary AAAA",
    "&a [*a]",
    "*nope",
    "<<: *x",
    "? [a, b]",
    "{",
    "[",
    "2100-12-32",
    "0000-00-00",
    "9999-12-31",
    "1899-12-31",
    "2024-02-30",
    "86400",
    "true",
    "null",
    "~",
    "../../x.csv",
    "/etc/passwd",
    "/dev/zero",
    "[bold]x[/]",
    "<script>alert(1)</script>",
    "{reason}",
    "%s%s%n",
    "x" * 5000,
]


@dataclass
class Run:
    """One command to run: ``args`` may name files of ``files`` as ``{dir}/name``."""

    command: str
    args: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    folders: dict[str, dict[str, bytes]] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    out_names: list[str] = field(default_factory=list)  # what the command writes; none may be left on exit 2


@dataclass
class Outcome:
    code: int | None
    stdout: str
    stderr: str
    seconds: float
    crash: str | None  # why this is a crash, or None


# ---------------------------------------------------------------------------------------------------- mutation


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """One to three edits: flip, insert, delete, duplicate, truncate, or put a token in."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(8)
        at = rng.randrange(len(out) + 1) if out else 0
        if kind == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif kind == 1:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == 2 and out:
            del out[at : at + rng.randint(1, 64)]
        elif kind == 3 and out:
            end = min(len(out), at + rng.randint(1, 400))
            out[at:at] = out[at:end] * rng.randint(2, 20)
        elif kind == 4:
            del out[at:]
        else:
            out[at:at] = rng.choice(TOKENS).encode("utf-8", "surrogatepass")
    return bytes(out)


def mutate_value_text(rng: random.Random, text: str) -> str:
    """Replace the value of one `key: value` line of YAML with a token (a structured mutation)."""
    lines = text.splitlines()
    spots = [i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")]
    if not spots:
        return text
    for _ in range(rng.randint(1, 3)):
        i = rng.choice(spots)
        key, _, _ = lines[i].partition(": ")
        token = rng.choice(TOKENS)
        value = json.dumps(token) if rng.random() < 0.5 else token
        if rng.random() < 0.2:  # or a hostile key beside it
            lines.insert(i + 1, f"{key[: len(key) - len(key.lstrip())]}{json.dumps(token)}: 1")
        else:
            lines[i] = f"{key}: {value}"
    return "\n".join(lines) + "\n"


def mutate_file(rng: random.Random, data: bytes, structured: bool = True) -> bytes:
    if structured and rng.random() < 0.6:
        try:
            return mutate_value_text(rng, data.decode("utf-8")).encode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            pass
    return mutate_bytes(rng, data)


def mutate_arg(rng: random.Random, value: str) -> str:
    return rng.choice(TOKENS) if rng.random() < 0.7 else value + rng.choice(TOKENS)


def maybe(rng: random.Random, value: str, rate: float = 0.25) -> str:
    return mutate_arg(rng, value) if rng.random() < rate else value


# Where a command writes: hostile names, but always inside the run's own folder (the driver runs as whoever starts
# it; "../../x" or "/etc/passwd" as an output would write outside).
OUT_TOKENS = [
    "{dir}",
    "{dir}/",
    "{dir}/missing/deeper/NAME",
    "{dir}/NAME.txt",
    "{dir}/\u202eNAME",
    "{dir}/NAME" + "y" * 300,
    "{dir}/.NAME",
    "{dir}/cases.jsonl",
    "{dir}/afile/NAME",
    "{dir}/afile",
]


def maybe_out(rng: random.Random, value: str, rate: float = 0.2) -> str:
    if rng.random() >= rate:
        return value
    return rng.choice(OUT_TOKENS).replace("NAME", value.rsplit("/", 1)[-1])


# ---------------------------------------------------------------------------------------------------- the commands


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def _case(rng: random.Random) -> tuple[str, bytes]:
    path = rng.choice(_examples())
    return path.name, mutate_file(rng, path.read_bytes())


def gen_analyze(rng: random.Random) -> Run:
    name, data = _case(rng)
    if rng.random() < 0.1:  # a case naming one transcript many times
        sample = (TRANSCRIPTS / "client_1040_2017.txt").read_bytes()
        case = {"taxpayer": {"kind": "individual"}, "transcripts": ["t.txt"] * rng.choice([3, 50, 2000])}
        big = sample * rng.choice([1, 100])
        return Run("analyze", ["analyze", "{dir}/case.json", "--as-of", "2026-11-23"],
                   {"case.json": json.dumps(case).encode(), "t.txt": big})  # fmt: skip
    args = ["analyze", f"{{dir}}/{name}", "--as-of", maybe(rng, "2026-11-23"), "--format", maybe(rng, "json", 0.1)]
    if rng.random() < 0.3:
        args += ["--lang", maybe(rng, "es")]
    return Run("analyze", args, {name: data})


def gen_render(rng: random.Random) -> Run:
    record = _saved_record()
    data = mutate_file(rng, record, structured=False) if rng.random() < 0.5 else _mutate_json(rng, record)
    args = ["render", "{dir}/record.json", "--format", maybe(rng, rng.choice(["text", "html"]), 0.1)]
    if rng.random() < 0.3:
        args += ["--lang", maybe(rng, "es")]
    return Run("render", args, {"record.json": data})


def gen_rules_explain(rng: random.Random) -> Run:
    if rng.random() < 0.5:
        return Run("rules", ["rules", "--format", maybe(rng, rng.choice(["text", "json", "markdown"]), 0.5)])
    return Run("explain", ["explain", maybe(rng, rng.choice(["R6343-A4", "CDP-5"]), 0.6)])


def gen_finances(rng: random.Random) -> Run:
    path = rng.choice([p for p in _examples() if "finances:" in p.read_text()] or _examples())
    data = mutate_file(rng, path.read_bytes())
    return Run("finances", ["finances", f"{{dir}}/{path.name}", "--as-of", maybe(rng, "2026-11-23"), "--format",
                            maybe(rng, "json", 0.1)], {path.name: data})  # fmt: skip


def gen_wage(rng: random.Random) -> Run:
    args = ["wage-exempt", "--year", maybe(rng, "2025"), "--pay-period", maybe(rng, "weekly")]
    if rng.random() < 0.7:
        args += ["--filing-status", maybe(rng, "single")]
    if rng.random() < 0.7:
        args += ["--dependents", maybe(rng, "2")]
    if rng.random() < 0.4:
        args += ["--over-65-or-blind", maybe(rng, "1")]
    if rng.random() < 0.3:
        args += ["--basis", maybe(rng, "2025")]
    if rng.random() < 0.5:
        args += ["--take-home-pay", maybe(rng, "1,234.56", 0.6)]
    if rng.random() < 0.3:
        args += ["--format", maybe(rng, "json")]
    return Run("wage-exempt", args)


def gen_transcript(rng: random.Random) -> Run:
    chosen = rng.sample(sorted(TRANSCRIPTS.glob("*.txt")), rng.randint(1, 2))
    files = {p.name: mutate_file(rng, p.read_bytes(), structured=False) for p in chosen}
    if rng.random() < 0.3:  # amounts and dates swapped for tokens, line-wise
        for name, data in files.items():
            text = data.decode("utf-8", "replace")
            files[name] = text.replace("$", rng.choice(TOKENS) + "$", 1).encode("utf-8", "surrogatepass")
    if rng.random() < 0.15:  # volume: the transaction rows repeated (work that grows faster than the rows is a hang)
        name = rng.choice(sorted(files))
        lines = files[name].decode("utf-8", "replace").splitlines()
        cut = len(lines) // 2
        files[name] = "\n".join(lines[:cut] + lines[cut:] * rng.choice([200, 2000])).encode()
    names = list(files) * (rng.choice([1, 1, 3, 30]))  # a file given again counts again
    args = ["transcript", *(f"{{dir}}/{n}" for n in names), "--as-of", maybe(rng, "2026-11-23")]
    args += ["--format", maybe(rng, rng.choice(["text", "json"]), 0.1)]
    if rng.random() < 0.3:
        args += ["--lang", maybe(rng, "es")]
    return Run("transcript", args, files)


def gen_notice(rng: random.Random) -> Run:
    if rng.random() < 0.25:
        name, data = "photo.png", _image(rng)
    else:
        path = rng.choice(sorted(NOTICES.glob("*.txt")))
        name, data = path.name, mutate_file(rng, path.read_bytes(), structured=False)
    args = ["notice", f"{{dir}}/{name}", "--as-of", maybe(rng, "2026-11-23"), "--format", maybe(rng, "json", 0.1)]
    return Run("notice", args, {name: data})


def gen_packet(rng: random.Random) -> Run:
    name, data = _case(rng)
    out = maybe_out(rng, "{dir}/packet", 0.15)
    args = ["packet", f"{{dir}}/{name}", "--out", out, "--as-of", maybe(rng, "2026-11-23")]
    if rng.random() < 0.3:
        args += ["--lang", maybe(rng, "es")]
    return Run("packet", args, {name: data}, out_names=["packet"])


def gen_screen(rng: random.Random) -> Run:
    lines = []
    for path in rng.sample(_examples(), 4):
        import yaml

        data = yaml.safe_load(path.read_text())
        lines.append(json.dumps({"case_id": path.stem, **data}, default=str))
    jsonl = ("\n".join(lines) + "\n").encode()
    data = mutate_file(rng, jsonl, structured=False) if rng.random() < 0.7 else jsonl
    out = rng.choice(["out.csv", "out.parquet"])
    args = ["screen", "{dir}/cases.jsonl", "--out", maybe_out(rng, f"{{dir}}/{out}", 0.1), "--as-of",
            maybe(rng, "2026-11-23", 0.15)]  # fmt: skip
    if rng.random() < 0.2:
        args += ["--partition-rows", maybe(rng, "2")]
    if rng.random() < 0.15:
        args += ["--scheduler", mutate_arg(rng, "tcp://127.0.0.1:1")]
    if rng.random() < 0.2:
        args += ["--ignore-column", mutate_arg(rng, "notes")]
    if rng.random() < 0.2:
        args += ["--with-record"]
    return Run("screen", args, {"cases.jsonl": data}, out_names=[out, f"{out}.work"])


def gen_generate(rng: random.Random) -> Run:
    args = ["generate-cases", maybe(rng, str(rng.randint(0, 30))), "--out", maybe_out(rng, "{dir}/g.jsonl", 0.2)]
    if rng.random() < 0.5:
        args += ["--seed", maybe(rng, "3")]
    if rng.random() < 0.5:
        args += ["--malformed-rate", maybe(rng, "0.2")]
    return Run("generate-cases", args)


def gen_import(rng: random.Random) -> Run:
    folder = {p.name: p.read_bytes() for p in STANDARDS.iterdir() if p.is_file()}
    meta = folder["edition.yaml"].decode()
    meta = meta.replace("effective_date: 2025-04-21", "effective_date: 2026-06-01")
    folder["edition.yaml"] = meta.encode()
    target = rng.choice(sorted(folder))
    folder[target] = mutate_file(rng, folder[target], structured=target.endswith(".yaml"))
    if rng.random() < 0.1:  # a cell larger than the CSV reader takes
        name = rng.choice([n for n in folder if n.endswith(".csv")])
        folder[name] += b"2026-06-01," + b"9" * 200_000 + b",V\n"
    args = ["data", "import-standards", "{dir}/edition"]
    if rng.random() < 0.3:
        args.append("--replace")
    return Run("data import-standards", args, folders={"edition": folder})


def gen_serve(rng: random.Random) -> Run:
    args = [
        "serve",
        "--port",
        maybe(rng, str(rng.randint(20000, 60000)), 0.3),
        "--data-dir",
        maybe_out(rng, "{dir}/web", 0.5),
    ]
    env: dict[str, str] = {}
    files: dict[str, bytes] = {}
    if rng.random() < 0.4:
        env["LEVYNAV_DATABASE_URL"] = mutate_arg(rng, "postgresql+psycopg://u:pw@127.0.0.1:1/x")
    if rng.random() < 0.3:
        args += ["--workers", maybe(rng, "2", 0.5)]
    if rng.random() < 0.3:
        name, data = _case(rng)
        files[name] = data
        args += ["--demo", f"{{dir}}/{name}"]
    if rng.random() < 0.2:
        args += ["--as-of", mutate_arg(rng, "2026-11-23")]
    if rng.random() < 0.2:
        args += ["--host", rng.choice(["zz..invalid", "8.8.8.8", "::1", "localhost", "0.0.0.0", mutate_arg(rng, "h")])]
    if rng.random() < 0.2:
        files["web/levynav.db"] = mutate_bytes(rng, b"SQLite format 3\x00" + bytes(200))
    if rng.random() < 0.2:
        files["web/secret.key"] = mutate_bytes(rng, b"ab" * 32)
    return Run("serve", args, files, env=env)


GENERATORS: dict[str, Callable[[random.Random], Run]] = {
    "analyze": gen_analyze,
    "render": gen_render,
    "rules": gen_rules_explain,
    "finances": gen_finances,
    "wage-exempt": gen_wage,
    "transcript": gen_transcript,
    "notice": gen_notice,
    "packet": gen_packet,
    "screen": gen_screen,
    "generate-cases": gen_generate,
    "data": gen_import,
    "serve": gen_serve,
}

_RECORD: list[bytes] = []


def _saved_record() -> bytes:
    if not _RECORD:
        done = subprocess.run(
            [sys.executable, "-m", "levynav.cli", "analyze", str(EXAMPLES / "bank-levy-hardship-21-day-hold.yaml"),
             "--as-of", "2026-11-23", "--format", "json"],
            capture_output=True, check=True, env=_env({}),
        )  # fmt: skip
        _RECORD.append(done.stdout)
    return _RECORD[0]


def value_spots(doc: Any) -> list[tuple[Any, Any]]:
    """Every place in a JSON document a value sits: (the mapping or list holding it, its key or index)."""
    spots: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                spots.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                spots.append((node, i))
                walk(value)

    walk(doc)
    return spots


def _mutate_json(rng: random.Random, data: bytes) -> bytes:
    """Replace one string or number value of a JSON document with a token."""
    doc = json.loads(data)
    spots = value_spots(doc)
    for _ in range(rng.randint(1, 4)):
        parent, key = rng.choice(spots)
        token: object = rng.choice([*TOKENS, 10**40, -1, 1.5, None, [], {}, True])
        parent[key] = token  # type: ignore[index]
    return json.dumps(doc).encode()


def _image(rng: random.Random) -> bytes:
    import io
    import struct
    import zlib

    from PIL import Image

    kind = rng.randrange(4)
    if kind == 0:  # a header claiming many pixels
        w, h = rng.choice([(9000, 9000), (1, 300_000), (40_000, 20), (70_000, 70_000)])
        row = b"\x00" + b"\xff" * ((w + 7) // 8)
        comp = zlib.compressobj(9)
        body = b"".join(comp.compress(row) for _ in range(min(h, 20_000))) + comp.flush()

        def chunk(k: bytes, d: bytes) -> bytes:
            return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xFFFFFFFF)

        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", body)
            + chunk(b"IEND", b"")
        )
    out = io.BytesIO()
    Image.new("L", (rng.randint(1, 400), rng.randint(1, 400)), rng.randrange(256)).save(
        out, format=rng.choice(["PNG", "JPEG", "GIF", "BMP", "TIFF"])
    )
    data = out.getvalue()
    return mutate_bytes(rng, data) if kind >= 2 else data


# ---------------------------------------------------------------------------------------------------- running


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEVYNAV_")}
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["COLUMNS"] = "100"
    return {**env, **extra}


def materialise(run: Run, folder: Path) -> list[str]:
    (folder / "afile").write_bytes(b"a file, not a folder\n")
    for name, data in run.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    for sub, files in run.folders.items():
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / sub / name).write_bytes(data)
    return [a.replace("{dir}", str(folder)).replace("\x00", "") for a in run.args]  # an argument cannot hold NUL


def execute(run: Run, folder: Path, hang: float) -> Outcome:
    args = materialise(run, folder)
    env = _env(
        {"LEVYNAV_DATA_DIR": str(folder / "user-data"), **{k: v.replace("\x00", "") for k, v in run.env.items()}}
    )
    before = set(folder.rglob("*"))
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "levynav.cli", *args],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=hang)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        seconds = time.monotonic() - start
        text = out.decode("utf-8", "replace")
        if run.command == "serve" and "is running at" in text:
            return Outcome(0, text, err.decode("utf-8", "replace"), seconds, None)  # it started: not a crash
        return Outcome(None, text, err.decode("utf-8", "replace"), seconds, f"no answer within {hang:.0f} s")
    seconds = time.monotonic() - start
    stdout, stderr = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    crash = None
    if "Traceback (most recent call last)" in stderr:
        crash = "traceback: " + stderr.strip().splitlines()[-1][:200]
    elif proc.returncode not in ALLOWED_CODES:
        crash = f"exit code {proc.returncode}"
    elif proc.returncode in (2, 74) and run.out_names:
        left = [p.name for p in set(folder.rglob("*")) - before if p.name in run.out_names]
        if left:
            crash = f"refused (exit {proc.returncode}) but left {left}"
    return Outcome(proc.returncode, stdout, stderr, seconds, crash)


def save_crash(run: Run, outcome: Outcome) -> Path:
    blob = json.dumps([run.args, run.env, sorted(run.files), sorted(run.folders)]).encode()
    digest = hashlib.sha256(
        blob + b"".join(run.files.values()) + b"".join(b"".join(f.values()) for f in run.folders.values())
    )
    target = CRASHES / f"{run.command.replace(' ', '-')}-{digest.hexdigest()[:12]}"
    if target.exists():
        return target
    target.mkdir(parents=True)
    materialise(run, target)
    meta = {
        "command": run.command,
        "args": run.args,
        "env": run.env,
        "out_names": run.out_names,
        "crash": outcome.crash,
        "exit_code": outcome.code,
        "stderr_tail": outcome.stderr.strip().splitlines()[-5:],
    }
    (target / "run.json").write_text(json.dumps(meta, indent=2, ensure_ascii=True) + "\n")
    return target


def replay(hang: float) -> int:
    """Run each saved crash again from a copy of its folder; exit 1 if any still crashes."""
    still = 0
    for folder in sorted(p for p in CRASHES.iterdir() if (p / "run.json").exists()) if CRASHES.exists() else []:
        meta = json.loads((folder / "run.json").read_text())
        with tempfile.TemporaryDirectory(prefix="levynav-replay-") as tmp:
            work = Path(tmp) / "w"
            shutil.copytree(folder, work, ignore=shutil.ignore_patterns("run.json"))
            run = Run(meta["command"], meta["args"], env=meta.get("env", {}), out_names=meta.get("out_names", []))
            outcome = execute(run, work, hang)
        status = "STILL CRASHES" if outcome.crash else "fixed"
        still += bool(outcome.crash)
        print(f"{folder.name}: {status} (exit {outcome.code}; was: {meta['crash']})")
        if outcome.crash:
            print(f"    now: {outcome.crash}")
    return 1 if still else 0


def fuzz(runs: int, seed: int, only: list[str], hang: float) -> int:
    rng = random.Random(seed)
    names = only or list(GENERATORS)
    crashes = 0
    for i in range(runs):
        name = names[i % len(names)]
        run = GENERATORS[name](random.Random(rng.getrandbits(64)))
        with tempfile.TemporaryDirectory(prefix="levynav-fuzz-") as tmp:
            outcome = execute(run, Path(tmp), hang)
        if outcome.crash:
            crashes += 1
            where = save_crash(run, outcome)
            print(f"[{i}] {name}: CRASH {outcome.crash} -> {where.relative_to(ROOT)}", flush=True)
        else:
            print(f"[{i}] {name}: exit {outcome.code} in {outcome.seconds:.1f} s", flush=True)
    print(f"{runs} runs, {crashes} crashes")
    return 1 if crashes else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default="", help="commands, comma-separated: " + ", ".join(GENERATORS))
    parser.add_argument("--hang", type=float, default=20.0, help="seconds before a run counts as a hang")
    parser.add_argument("--replay", action="store_true", help="run the saved crashes again")
    ns = parser.parse_args()
    if ns.replay:
        sys.exit(replay(ns.hang))
    only = [n for n in ns.only.split(",") if n]
    unknown = [n for n in only if n not in GENERATORS]
    if unknown:
        parser.error(f"--only: unknown command(s) {unknown}")
    sys.exit(fuzz(ns.runs, ns.seed, only, ns.hang))


if __name__ == "__main__":
    main()
