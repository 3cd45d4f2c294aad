"""Benchmark of the core (issue 10, "Faster, measured"): warm analyze against validation, and a cold CLI answer.

- warm: analyze() p50 over the examples as a ratio to validating the same case (target <= 10x), the median of
  five rounds' ratios, each round timing both side by side (the machine's load moves both alike); the share of
  that time spent building finding sentences (``Rule.finding`` text) is measured apart, as a ratio too;
- cold: wall time of a fresh ``levynav analyze EXAMPLE`` process (subprocess, median of a few runs; target
  <= 0.6 s), beside a bare ``python -c pass`` so the interpreter start can be told apart; measured twice: as the
  environment runs it (PYTHONDONTWRITEBYTECODE set: a run compiles every module that has no fresh byte-code in the
  checkout; `make install` writes it once, ``source_bytecode_fresh_share`` says how much of it is fresh) and with
  byte-code compiled in a folder of its own, as an installed package has it.

Run: .venv/bin/python bench/bench_core.py. Writes bench/results/core.json (ratios, so machines can be compared).
"""

from __future__ import annotations

import cProfile
import importlib.util
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import summary_ms, timings, write

from levynav import analyze
from levynav.intake.load import case_from_data, parse_text

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
AS_OF = date(2026, 11, 23)
REPEAT = 100
ROUNDS = 5
COLD_RUNS = 5
WARM_TARGET = 10.0
COLD_TARGET_S = 0.6


def _cold(args: list[str], env: dict[str, str] | None = None) -> float:
    return _cold_wall_and_cpu(args, env)[0]


def _cold_wall_and_cpu(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system of the child) of a fresh process. The CPU time moves
    less with the machine's load than the wall time does (a waiting process uses none)."""
    env = env or {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs, cpu = [], []
    for _ in range(COLD_RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True, cwd=ROOT)
        runs.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(runs), statistics.median(cpu)


def _cold_compiled(args: list[str]) -> tuple[float, float]:
    """The cold answer with byte-code compiled, as an installed package has it (pip compiles on install). The
    environment may set PYTHONDONTWRITEBYTECODE, so that every plain cold run compiles the sources again: one run
    writes the byte-code into a temporary cache folder (PYTHONPYCACHEPREFIX), then the timed runs read it."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(args, env=env, check=True, capture_output=True, cwd=ROOT)
        return _cold_wall_and_cpu(args, env)


def _bytecode_fresh_share() -> float:
    """Share of the package's modules whose byte-code in the checkout (``__pycache__``, written once by ``make
    install``) is there and not older than the source: the plain cold figure reads it; a module edited since is
    compiled again on every start while PYTHONDONTWRITEBYTECODE is set."""
    sources = list((ROOT / "src" / "levynav").rglob("*.py"))
    fresh = 0
    for source in sources:
        cached = Path(importlib.util.cache_from_source(str(source)))
        fresh += cached.exists() and cached.stat().st_mtime >= source.stat().st_mtime
    return round(fresh / len(sources), 3) if sources else 0.0


def _rendering_share(cases: list[object]) -> float:
    """Share of analyze's time spent rendering the findings' sentences (cProfile, cumulative)."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(10):
        for case in cases:
            analyze(case, AS_OF)  # type: ignore[arg-type]
    profile.disable()
    stats = pstats.Stats(profile)
    total = render = 0.0
    for (file, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if name == "analyze" and file.endswith("analyze.py"):
            total = max(total, ct)
        if name == "render" and file.endswith(os.path.join("law", "rule.py")):
            render = max(render, ct)
    return round(render / total, 3) if total else 0.0


def main() -> None:
    raw = [parse_text(p.read_text(encoding="utf-8"), p.name) for p in EXAMPLES]
    cases = [case_from_data(d) for d in raw]
    for c in cases:
        analyze(c, AS_OF)  # warm the data caches
    # ROUNDS passes over every case, each timing analyze and validation of the case REPEAT // ROUNDS times, side by
    # side: a burst of load on the machine falls on both halves of a round's ratio, and the median of the rounds'
    # ratios is the figure (the pooled p50s are kept beside it, and every round's ratio, so the spread is seen)
    all_analyze: list[float] = []
    all_validate: list[float] = []
    round_ratios: list[float] = []
    for _ in range(ROUNDS):
        round_analyze: list[float] = []
        round_validate: list[float] = []
        for data, case in zip(raw, cases, strict=True):
            round_analyze += timings(lambda case=case: analyze(case, AS_OF), REPEAT // ROUNDS)
            round_validate += timings(lambda data=data: case_from_data(data), REPEAT // ROUNDS)
        round_ratios.append(statistics.median(round_analyze) / max(statistics.median(round_validate), 1e-12))
        all_analyze += round_analyze
        all_validate += round_validate
    warm, validate = summary_ms(all_analyze), summary_ms(all_validate)
    pooled = round(warm["p50_ms"] / max(validate["p50_ms"], 1e-9), 2)
    ratio = round(statistics.median(round_ratios), 2)
    example = str(ROOT / "examples" / "balance-paid-in-full.yaml")
    cli = [
        sys.executable,
        "-c",
        "from levynav.cli.app import main; main()",
        "analyze",
        example,
        "--as-of",
        "2026-11-23",
    ]
    cold_s = _cold(cli)
    compiled_s, compiled_cpu_s = _cold_compiled(cli)
    bare_s = _cold([sys.executable, "-c", "pass"])
    figures = {
        "cases": len(cases),
        "repeat_per_case": REPEAT,
        "warm_analyze": warm,
        "validate_only": validate,
        "rounds": ROUNDS,
        # the figure: the median over the rounds of (analyze p50 / validation p50) within the round
        "warm_analyze_to_validate_ratio_p50": ratio,
        "warm_ratio_per_round": [round(r, 2) for r in round_ratios],
        # the p50s of all samples pooled, divided (the figure before the rounds were kept apart)
        "warm_ratio_pooled_p50": pooled,
        "warm_target_ratio": WARM_TARGET,
        "warm_meets_target": ratio <= WARM_TARGET,
        "rendering_share_of_analyze": _rendering_share(cases),
        "cold_cli_analyze_median_s": round(cold_s, 3),
        "cold_python_start_median_s": round(bare_s, 3),
        "cold_cli_to_python_start_ratio": round(cold_s / max(bare_s, 1e-9), 2),
        "cold_target_s": COLD_TARGET_S,
        "cold_meets_target": cold_s <= COLD_TARGET_S,
        "cold_runs": COLD_RUNS,
        # the same cold answer reading compiled byte-code (an installed package); the figure above compiles the
        # sources on every run when the environment sets PYTHONDONTWRITEBYTECODE (it does on the project machine)
        "dont_write_bytecode_env": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
        # the plain figure reads the checkout's byte-code where `make install` wrote it (share of modules fresh)
        "source_bytecode_fresh_share": _bytecode_fresh_share(),
        "cold_cli_analyze_compiled_median_s": round(compiled_s, 3),
        "cold_compiled_meets_target": compiled_s <= COLD_TARGET_S,
        # CPU time (user + system) of the compiled cold answer: what the process itself costs, load or no load
        "cold_cli_analyze_compiled_cpu_median_s": round(compiled_cpu_s, 3),
        # a shared machine inflates every figure; the load is kept so a reader can tell a slow run from a slow core
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }
    path = write("core", figures)
    print(
        f"warm analyze p50 {warm['p50_ms']} ms = {ratio}x validation, median of {ROUNDS} rounds "
        f"(target <= {WARM_TARGET}x)"
    )
    print(
        f"cold levynav analyze {cold_s:.3f} s, {compiled_s:.3f} s with byte-code compiled "
        f"(python start {bare_s:.3f} s; target <= {COLD_TARGET_S} s)"
    )
    print(f"written to {path}")


if __name__ == "__main__":
    main()
