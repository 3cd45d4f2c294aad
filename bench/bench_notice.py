"""Benchmark: the notice reader's throughput, against reading the same bytes from disk.

Run: .venv/bin/python bench/bench_notice.py — writes bench/results/notice.json.
Reads a one-page sample notice, then a 5 MB text made of it repeated (the reader reads the first
MAX_NOTICE_LINES lines and says the rest was not read) and a 5 MB text of very long lines. For each:
KB/s of the whole path (file → reading) and the ratio of that time to reading the bytes alone.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import summary_ms, timings, write

from levynav.intake.notices import read_notice_file

SAMPLE = Path(__file__).parent.parent / "examples" / "notices" / "lt11.txt"
FIVE_MB = 5 * 1024 * 1024


def _figures(path: Path, repeat: int) -> dict[str, object]:
    size = path.stat().st_size
    read = summary_ms(timings(path.read_bytes, repeat))
    notice = summary_ms(timings(lambda: read_notice_file(path), repeat))
    return {
        "bytes": size,
        "read_notice": notice,
        "read_bytes_only": read,
        "kb_per_s": round(size / 1024 / (notice["p50_ms"] / 1000)),
        "ratio_to_reading_bytes": round(notice["p50_ms"] / max(read["p50_ms"], 1e-6), 1),
    }


def main() -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    read_notice_file(SAMPLE)  # warm the data caches
    with tempfile.TemporaryDirectory() as tmp:
        long_text = Path(tmp) / "five-mb-notice.txt"
        long_text.write_text(sample * (FIVE_MB // len(sample) + 1), encoding="utf-8")
        wide = Path(tmp) / "five-mb-wide-lines.txt"
        line = "LT11 final notice $1,234.56 due May 5, 2025; call 800-829-1040. " * 1200
        wide.write_text((line + "\n") * (FIVE_MB // (len(line) + 1) + 1), encoding="utf-8")
        figures = {
            "one_page_notice": _figures(SAMPLE, 50),
            "five_mb_of_notices": _figures(long_text, 5),
            "five_mb_of_wide_lines": _figures(wide, 5),
        }
    path = write("notice", figures)
    print(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
