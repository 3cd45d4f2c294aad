"""Benchmark: account transcript parsing throughput and CSED computation time.

Run: .venv/bin/python bench/bench_transcript.py  — writes bench/results/transcript.json.
Parses the composed corpus (tests/data/transcripts) many times, reports lines/s and transcripts/s, then
times the full transcripts → case → CSED path and the CSED engine alone on the combined three-period case.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import summary_ms, timings, write

from levynav.core.calc.csed import case_csed
from levynav.intake.transcript import parse_transcripts, read_transcripts
from levynav.intake.transcript_case import transcript_facts

CORPUS = Path(__file__).parent.parent / "tests" / "data" / "transcripts"
AS_OF = date(2026, 10, 5)
ROUNDS = 200


def main() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    lines_per_round = sum(len(t.splitlines()) for _, t in texts)
    start = time.perf_counter()
    parsed = 0
    for _ in range(ROUNDS):
        for name, text in texts:
            parsed += len(parse_transcripts(text, name))
    elapsed = time.perf_counter() - start
    big = "\n".join(t for _, t in texts) * 50  # one long paste with many periods
    big_ms = summary_ms(timings(lambda: parse_transcripts(big, "big.txt"), 10))

    client = [CORPUS / f"client_1040_{y}.txt" for y in (2017, 2018, 2019)]
    intake = read_transcripts(client)
    facts = transcript_facts([t for f in client for t in parse_transcripts(f.read_text(encoding="utf-8"), f.name)])
    csed_ms = summary_ms(timings(lambda: case_csed(intake.case, AS_OF, intake.facts.codes), 300))
    pipeline_ms = summary_ms(timings(lambda: case_csed(read_transcripts(client).case, AS_OF), 50))
    path = write(
        "transcript",
        {
            "corpus_files": len(files),
            "lines_per_round": lines_per_round,
            "rounds": ROUNDS,
            "parse_lines_per_s": round(lines_per_round * ROUNDS / elapsed),
            "parse_transcripts_per_s": round(parsed / elapsed),
            "parse_big_paste": {"lines": len(big.splitlines()), **big_ms},
            "csed_three_periods_5_assessments": csed_ms,
            "files_to_cseds_three_periods": pipeline_ms,
            "events_in_client_case": len(facts.events),
        },
    )
    print(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
