"""Benchmark: how tall the result page is on a phone (390 px) and on a desktop (1280 px), in English and Spanish.

Run: .venv/bin/python bench/bench_result_page.py  — writes bench/results/result_page.json (needs Debian's chromium;
without it the benchmark says so and writes nothing). Not a time: a length in CSS pixels, measured by Chromium (driven
by Playwright) on the app served in this process, as a person first sees the page (every <details> closed, JavaScript
on). For the demo case (the bank levy inside its 21-day hold) the height of each part is given too, from its heading
to the next part's ("top": the banner, summary and what to do today; "deadlines" holds the timeline; "help" runs to
the page's end: open questions, history, the footer); for every example the page's height.
docs/web-result-page.md keeps the figures before and after the phone layout.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import write

ROOT = Path(__file__).parent.parent
CHROMIUM = Path("/usr/bin/chromium")
DEMO = "bank-levy-hardship-21-day-hold.yaml"
AS_OF = date(2026, 11, 23)
WIDTHS = (390, 1280)
PARTS = ("grounds", "deadlines", "plan", "options", "papers", "help")
MARKS = """() => { const out = {}; for (const id of %s) { const e = document.getElementById(id);
  if (e) out[id] = Math.round(e.getBoundingClientRect().top + scrollY); } return out; }"""


def main() -> None:
    if not CHROMIUM.exists():
        print("result_page: Debian's chromium is not installed (make system-deps); nothing measured")
        return
    import httpx
    import uvicorn
    from playwright.sync_api import sync_playwright

    from levynav import load_case
    from levynav.web import Settings, create_app

    app = create_app(Settings(data_dir=Path(tempfile.mkdtemp(prefix="levynav-bench-")), as_of=AS_OF))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    pages: dict[str, dict[str, int]] = {}
    demo: dict[str, dict[str, int]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        for path in sorted((ROOT / "examples").glob("*.yaml")):
            data = load_case(path).model_dump(mode="json", exclude_none=True)
            code = httpx.post(f"{base}/api/v1/cases", json=data).json()["id"]
            for lang in ("en", "es"):
                for width in WIDTHS:
                    context = browser.new_context(viewport={"width": width, "height": 844})
                    page = context.new_page()
                    page.goto(f"{base}/case/{code}/result?lang={lang}")
                    page.wait_for_load_state()
                    height = int(page.evaluate("document.documentElement.scrollHeight"))
                    pages.setdefault(path.stem, {})[f"{lang}_{width}"] = height
                    if path.name == DEMO:
                        marks = page.evaluate(MARKS % list(PARTS))
                        tops = [("top", 0), *sorted(marks.items(), key=lambda m: m[1]), ("end", height)]
                        parts = {name: tops[i + 1][1] - top for i, (name, top) in enumerate(tops[:-1])}
                        demo[f"{lang}_{width}"] = {"page": height, **parts}
                    context.close()
        browser.close()
    server.should_exit = True
    out = write(
        "result_page",
        {
            "unit": "CSS pixels, every <details> closed, JavaScript on",
            "demo_case": DEMO,
            "demo": demo,
            "examples": pages,
        },
    )
    for key, figures in demo.items():
        print(key, figures)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
