"""The JSON record must stay byte for byte the same across a speed change: a check to run before and after.

``write OUT`` writes, one line each, the JSON that ``levynav analyze --format json`` prints (the same function,
``cli.arguments.analysis_json``) for every example and for N generated cases (``levynav generate-cases``' own
generator, a fixed seed), on a fixed ``as_of``; ``compare A B`` names every case whose record differs.
``cli CASES`` checks that the real command prints the same text for a few examples (the in-process answer is
the command's answer).

    PYTHONPATH=src .venv/bin/python bench/record_identity.py write /tmp/before.jsonl     # on the commit before
    PYTHONPATH=src .venv/bin/python bench/record_identity.py write /tmp/after.jsonl      # on the change
    PYTHONPATH=src .venv/bin/python bench/record_identity.py compare /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from levynav import lawbook
from levynav.cli.arguments import analysis_json
from levynav.core.analyze import analyze
from levynav.intake.load import case_from_data, load_case
from levynav.screen import generate

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
AS_OF = date(2026, 11, 23)
GENERATED = int(os.environ.get("LEVYNAV_IDENTITY_CASES", "500"))
SEED = 20261204


def records() -> list[tuple[str, str]]:
    lawbook.install()
    out = [(f"example:{p.stem}", analysis_json(analyze(load_case(p), AS_OF))) for p in EXAMPLES]
    for case_id, data in generate.cases(GENERATED, SEED):
        assert isinstance(data, dict)
        data = {k: v for k, v in data.items() if k != "id"}
        out.append((f"generated:{case_id}", analysis_json(analyze(case_from_data(data), AS_OF))))
    return out


def write(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for name, text in records():
            f.write(json.dumps({"case": name, "json": text}) + "\n")


def compare(before: Path, after: Path) -> int:
    a = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(line) for line in after.read_text(encoding="utf-8").splitlines()]
    if [r["case"] for r in a] != [r["case"] for r in b]:
        print("the two files hold different cases")
        return 1
    differ = [x["case"] for x, y in zip(a, b, strict=True) if x["json"] != y["json"]]
    for name in differ:
        print("differs:", name)
    print(f"{len(a) - len(differ)} of {len(a)} records byte-identical")
    return 1 if differ else 0


def cli(count: int) -> int:
    """The command's own output equals the in-process record for the first ``count`` examples."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    bad = 0
    for path in EXAMPLES[:count]:
        printed = subprocess.run(
            [
                str(Path(sys.executable).parent / "levynav"),
                "analyze",
                str(path),
                "--as-of",
                str(AS_OF),
                "--format",
                "json",
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        lawbook.install()
        if printed != analysis_json(analyze(load_case(path), AS_OF)) + "\n":
            print("the command differs from the in-process record:", path.name)
            bad += 1
    print(f"{count - bad} of {count} examples: the command prints the in-process record")
    return 1 if bad else 0


if __name__ == "__main__":
    verb = sys.argv[1]
    if verb == "write":
        write(Path(sys.argv[2]))
    elif verb == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    elif verb == "cli":
        sys.exit(cli(int(sys.argv[2]) if len(sys.argv) > 2 else 3))
    else:
        sys.exit(f"unknown verb {verb!r}: write OUT | compare A B | cli [N]")
