"""Benchmark: packet generation time (analysis excluded) per example case.

Run: .venv/bin/python bench/bench_packet.py  — writes bench/results/packet.json.
The first packet also pays for loading WeasyPrint and the fonts; it is reported separately.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import summary_ms, timings, write

from levynav.core.analyze import analyze
from levynav.documents.packet import build_packet
from levynav.intake.load import load_case

AS_OF = date(2026, 11, 23)
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
REPEAT = 3


def main() -> None:
    cases = {p.stem: load_case(p) for p in EXAMPLES}
    analyses = {name: analyze(case, AS_OF) for name, case in cases.items()}
    first = next(iter(cases))
    start = time.perf_counter()
    build_packet(cases[first], analyses[first])
    first_ms = round((time.perf_counter() - start) * 1e3, 1)
    per_case = {}
    for name, case in cases.items():
        packet = build_packet(case, analyses[name])
        figures = summary_ms(timings(lambda c=case, n=name: build_packet(c, analyses[n]), REPEAT))
        figures["items"] = len(packet.items)
        figures["pdf_kib"] = round(len(packet.pdf) / 1024, 1)
        per_case[name] = figures
    write("packet", {"as_of": AS_OF.isoformat(), "first_packet_ms": first_ms, "per_case": per_case})


if __name__ == "__main__":
    main()
