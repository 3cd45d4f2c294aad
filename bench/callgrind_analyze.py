"""A driver for counting the instructions of a warm ``analyze`` (repeatable on a loaded machine, unlike wall time).

It loads the examples (and, with ``--generated N``, N generated cases), analyzes each once to warm the data
caches, then analyzes all of them ROUNDS more times. Run it twice under callgrind, with two round counts, and
divide the difference of the totals by the difference of the rounds: that is the instructions of one warm round,
start-up excluded. ``--validate`` times validating the same cases instead (the ratio's denominator);
``--freeze`` sets aside (``gc.freeze``) what exists after the law is loaded, as the web app does after start-up.

    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.1 python bench/callgrind_analyze.py 1
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.6 python bench/callgrind_analyze.py 6
    (total instructions of cg.6 - of cg.1) / 5 / number of cases = instructions per warm analysis

The screening mix (``levynav generate-cases`` data, no examples): ``--generated 200 --no-examples``.
The path that sets bench_core's p50 (the examples without income or expenses; those with finances sit above the
median): ``--without-finances``.
"""

from __future__ import annotations

import argparse
import gc
import random
from datetime import date
from pathlib import Path

from levynav import lawbook
from levynav.core.analyze import analyze
from levynav.intake.load import case_from_data, parse_text
from levynav.screen import generate

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
AS_OF = date(2026, 11, 23)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", type=int)
    parser.add_argument("--generated", type=int, default=0)
    parser.add_argument("--no-examples", action="store_true", help="only the generated cases (the screening mix)")
    parser.add_argument("--without-finances", action="store_true", help="only the examples with no income/expenses")
    parser.add_argument("--validate", action="store_true")
    parser.add_argument("--freeze", action="store_true")
    args = parser.parse_args()
    lawbook.install()
    if args.freeze:
        lawbook.packaged()
        gc.freeze()
    raw = [] if args.no_examples else [parse_text(p.read_text(encoding="utf-8"), p.name) for p in EXAMPLES]
    rng = random.Random(20261204)
    for _ in range(args.generated):
        data = generate.generate_case(rng)
        data.pop("id", None)
        raw.append(data)
    cases = [case_from_data(d) for d in raw]
    if args.without_finances:
        kept = [
            (d, c)
            for d, c in zip(raw, cases, strict=True)
            if c.finances is None or not (c.finances.income or c.finances.expenses)
        ]
        raw, cases = [d for d, _ in kept], [c for _, c in kept]
    for case in cases:
        analyze(case, AS_OF)
    for _ in range(args.rounds):
        if args.validate:
            for data in raw:
                case_from_data(data)
        else:
            for case in cases:
                analyze(case, AS_OF)


if __name__ == "__main__":
    main()
