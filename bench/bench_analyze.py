"""Benchmark: analyze() latency (p50, p95) and peak memory over the examples, and the cost of validation alone.

Run: make bench (or .venv/bin/python bench/bench_analyze.py). Writes bench/results/analyze.json.
"""

from __future__ import annotations

import sys
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import summary_ms, timings, write

from levynav import analyze
from levynav.intake.load import case_from_data, parse_text

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
AS_OF = date(2026, 11, 23)
REPEAT = 200


def main() -> None:
    raw = [parse_text(p.read_text(encoding="utf-8"), p.name) for p in EXAMPLES]
    cases = [case_from_data(d) for d in raw]
    for c in cases:  # warm caches (data files are read once per process)
        analyze(c, AS_OF)
    per_case = {}
    all_analyze: list[float] = []
    all_validate: list[float] = []
    for path, data, case in zip(EXAMPLES, raw, cases, strict=True):
        a = timings(lambda case=case: analyze(case, AS_OF), REPEAT)
        v = timings(lambda data=data: case_from_data(data), REPEAT)
        all_analyze += a
        all_validate += v
        per_case[path.name] = {"analyze": summary_ms(a), "validate": summary_ms(v)}
    tracemalloc.start()
    for c in cases:
        analyze(c, AS_OF)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    analyze_s = summary_ms(all_analyze)
    validate_s = summary_ms(all_validate)
    figures = {
        "cases": len(cases),
        "repeat_per_case": REPEAT,
        "analyze": analyze_s,
        "validate_only": validate_s,
        "analyze_to_validate_ratio_p50": round(analyze_s["p50_ms"] / max(validate_s["p50_ms"], 1e-9), 2),
        "peak_memory_kib_one_pass": round(peak / 1024, 1),
        "per_case": per_case,
    }
    path = write("analyze", figures)
    print(f"analyze p50 {analyze_s['p50_ms']} ms, p95 {analyze_s['p95_ms']} ms; validate p50 {validate_s['p50_ms']} ms")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
