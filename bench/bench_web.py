"""Benchmark: server time per interview step and per result page, 50 concurrent users on loopback.

Run: .venv/bin/python bench/bench_web.py  — writes bench/results/web.json.
Also reported: the same steps with 3 people, the time of a step without queueing behind others.
The app runs in its own process (`levynav serve`, SQLite in a temporary folder); 50 simulated people each start a
case, answer the first questions of the bank-levy example, skip the rest of a few steps, and open the result page.
Reported per step: p50/p95 in ms and the ratio of p95 to the 50 ms target for a step.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))

from common import summary_ms, write

ROOT = Path(__file__).parent.parent
USERS = 50
SKIPS = 8  # questions each person skips after the first two answers
TARGET_MS = 50.0


async def person(client: httpx.AsyncClient, times: dict[str, list[float]]) -> None:
    async def timed(step: str, method: str, url: str, **kw: object) -> httpx.Response:
        start = time.perf_counter()
        r = await client.request(method, url, **kw)  # type: ignore[arg-type]
        times[step].append(time.perf_counter() - start)
        assert r.status_code < 500, (url, r.status_code)
        return r

    r = await timed("start", "POST", "/start", data={"kind": "individual"})
    code = r.headers["location"].split("/")[2]
    await timed("next", "GET", f"/case/{code}/next")
    await timed("question_page", "GET", f"/case/{code}/q?path=levies")
    levy = {"item.kind": "bank", "item.served_date": "2026-11-12", "item.holder": "First Example Bank"}
    await timed("answer", "POST", f"/case/{code}/q?path=levies", data=levy)
    await timed(
        "answer", "POST", f"/case/{code}/q?path=notices", data={"item.type": "LT11", "item.notice_date": "2026-07-13"}
    )
    for _ in range(SKIPS):
        r = await timed("next", "GET", f"/case/{code}/next")
        where = r.headers.get("location", "")
        if "/q?path=" not in where:
            await client.post(f"/case/{code}/seen", data={"page": "meaning"})
            continue
        await timed("question_page", "GET", where)
        await timed("answer", "POST", where, data={"action": "skip"})
    await timed("result_page", "GET", f"/case/{code}/result")


async def run(base: str, users: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = defaultdict(list)
    limits = httpx.Limits(max_connections=users)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=300, follow_redirects=False) as client:
        await client.get("/")  # warm up
        await asyncio.gather(*(person(client, times) for _ in range(users)))
    return times


def figures(times: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    steps = {}
    for step, samples in sorted(times.items()):
        f = summary_ms(samples)
        f["p95_over_target"] = round(f["p95_ms"] / TARGET_MS, 3)
        steps[step] = f
    return steps


def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tempfile.mkdtemp(prefix="levynav-bench-")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    serve = ["serve", "--port", str(port), "--as-of", "2026-11-23", "--data-dir", data]
    cmd = [sys.executable, "-c", "import sys; from levynav.cli import main; sys.argv[0] = 'levynav'; main()", *serve]
    log = open(Path(data) / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        alone = asyncio.run(run(base, 3))  # the time of one step without waiting for other people's requests
        loaded = asyncio.run(run(base, USERS))
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        print("server log:", Path(data) / "server.log")
    result = {
        "users": USERS,
        "target_p95_ms_per_step": TARGET_MS,
        "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "steps_one_user_at_a_time": figures(alone),
        "steps_50_concurrent_users": figures(loaded),
    }
    write("web", result)
    print(result)


if __name__ == "__main__":
    main()
