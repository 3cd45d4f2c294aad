"""A driver for counting the instructions of screening distinct rows (repeatable on a loaded machine, unlike wall time).

It generates WARM + N distinct JSONL rows (``levynav generate-cases``' generator, a fixed seed), screens the first
WARM to fill the per-bundle memos, then screens the N others once each through ``partition.screen_one`` (flags only,
as ``levynav screen`` without ``--with-record``), inside the partition's collector settings. Run it under callgrind
with two row counts and divide the difference of the totals by the difference of the counts: that is the
instructions of one distinct screened row, start-up and warm-up excluded. Fix the hash seed: with random string
hashes one run is not a measure (docs/performance.md, 2026-12-07). Run it once uncounted first on a fresh copy of
``src``: the law data's parsed-form cache lives inside the tree (``lawbook/__pycache__/data``), and a counted run that
writes it parses every YAML file (a first run of 300 rows parsing while the run of 600 did not gave a third too few
instructions a row).

    PYTHONPATH=src python bench/callgrind_screen.py 1                      # uncounted: byte code and parsed data

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.300 python bench/callgrind_screen.py 300
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.600 python bench/callgrind_screen.py 600
    (total instructions of cg.600 - of cg.300) / 300 = instructions per distinct screened row
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from levynav.screen import batch_process, generate, partition

AS_OF = date(2026, 11, 23)
POOL = 1000  # the distinct rows generated after the warm-up ones; N of them are screened


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("--warm", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if not 0 < args.rows <= POOL:
        parser.error(f"rows: 1 to {POOL}")
    # always the same rows generated (warm + POOL), whatever N: the generator's work is not in the difference
    lines = [json.dumps(data) for _, data in generate.cases(args.warm + POOL, args.seed)]
    partition._law_loaded()
    for number, line in enumerate(lines[: args.warm], 1):
        partition.screen_one("jsonl", line, number, AS_OF, False)
    with batch_process.for_batch():
        for number, line in enumerate(lines[args.warm : args.warm + args.rows], args.warm + 1):
            partition.screen_one("jsonl", line, number, AS_OF, False)


if __name__ == "__main__":
    main()
