"""Benchmark: analysis time of a case with many levies or many tax periods (legitimate scale, issue 9).

Run: .venv/bin/python bench/bench_scale.py — writes bench/results/scale.json.
The bank-levy example with its levy repeated 1,000 times (distinct ids), with 1,000 tax periods that
the levies and notices name, and with 1,000 of each at once (periods, levies and notices, each levy and notice
naming one period: what grows with their product shows here), and with 1,000 final notices of intent to levy (LT11)
for one period on different days (the test of which notice is the first for its period). Reports the time of each,
the ratio of the time per levy (or period, or notice) at 1,000 to the time of the case with one, and the "doubling"
ratio: the time at 1,000 to the time at 500 — about 2 when the analysis is linear in them, about 4 when it grows
with their square — as the median of 7 pairs run back to back, each run after a full collection.
"""

from __future__ import annotations

import copy
import gc
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from common import summary_ms, timings, write

from levynav import analyze
from levynav.core.model.case import Case
from levynav.intake.load import case_from_data, parse_text

EXAMPLE = Path(__file__).parent.parent / "examples" / "bank-levy-hardship-21-day-hold.yaml"
AS_OF = date(2026, 11, 23)
N = 1000
PAIRS = 7  # half/whole pairs a measure (each ratio taken within its pair)


def scaled(base: dict[str, Any], n: int, what: str) -> Case:
    data = copy.deepcopy(base)
    if what == "levies":
        levy = data["levies"][0]
        data["levies"] = [{**copy.deepcopy(levy), "id": f"L{i}"} for i in range(n)]
    elif what == "all":
        period, levy, notice = data["tax_periods"][0], data["levies"][0], data["notices"][0]
        ids = [f"P{i}" for i in range(n)]
        data["tax_periods"] = [{**copy.deepcopy(period), "id": pid} for pid in ids]
        data["levies"] = [{**copy.deepcopy(levy), "id": f"L{i}", "tax_periods": [ids[i]]} for i in range(n)]
        data["notices"] = [{**copy.deepcopy(notice), "tax_periods": [ids[i]]} for i in range(n)]
    elif what == "hearing_notices":
        lt11 = next(n for n in data["notices"] if n["type"] == "LT11")
        first = date.fromisoformat(str(lt11["notice_date"]))
        data["notices"] = [
            {**copy.deepcopy(lt11), "notice_date": (first - timedelta(days=i % 3000)).isoformat()} for i in range(n)
        ]
    else:
        period = data["tax_periods"][0]
        ids = [f"P{i}" for i in range(n)]
        data["tax_periods"] = [{**copy.deepcopy(period), "id": pid} for pid in ids] + data["tax_periods"]
        for item in [*data["levies"], *data.get("notices", [])]:
            item["tax_periods"] = ids + item.get("tax_periods", [])
    return case_from_data(data)


def paired(half: Case, large: Case, pairs: int = PAIRS) -> tuple[list[float], list[float], list[float]]:
    """The times of ``half`` and ``large`` run one after the other, ``pairs`` times, each after a full collection (a
    collection that falls inside one run but not the other was the noise of a 3-sample median: a linear reader read
    2.5 to 5 on a busy machine), and the ratio of each pair: the doubling is their median."""
    halves, wholes, ratios = [], [], []
    for _ in range(pairs):
        gc.collect()
        (h,) = timings(lambda: analyze(half, AS_OF), 1)
        gc.collect()
        (w,) = timings(lambda: analyze(large, AS_OF), 1)
        halves.append(h)
        wholes.append(w)
        ratios.append(w / h)
    return halves, wholes, ratios


def main() -> None:
    base = parse_text(EXAMPLE.read_text(encoding="utf-8"), EXAMPLE.name)
    analyze(scaled(base, 1, "levies"), AS_OF)  # warm the data caches
    figures: dict[str, Any] = {"n": N}
    for what in ("levies", "periods", "all", "hearing_notices"):
        small, half, large = scaled(base, 1, what), scaled(base, N // 2, what), scaled(base, N, what)
        one = summary_ms(timings(lambda c=small: analyze(c, AS_OF), 20))
        halves, wholes, ratios = paired(half, large)
        halfway, many = summary_ms(halves), summary_ms(wholes)
        figures[what] = {
            "one": one,
            "five_hundred": halfway,
            "thousand": many,
            "ratio_per_item": round(many["p50_ms"] / N / one["p50_ms"], 3),
            "doubling": round(statistics.median(ratios), 2),
        }
    path = write("scale", figures)
    print(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
