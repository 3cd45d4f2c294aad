"""Benchmark: server time per interview step and per result page, 50 concurrent users on loopback.

Run: .venv/bin/python bench/bench_web.py  — writes bench/results/web.json.
The app runs in its own process (`levynav serve`, one Uvicorn process, SQLite in a temporary folder). Each simulated
person opens the home page (which sets the session cookie and the form token), starts a case, answers the levy and
the notice of the bank-levy example, skips the next questions (a POST answers and is sent on to the next question),
passes "what this means", and opens the result page.

Three runs, each reported per step as p50/p95 in ms with the ratio of p95 to the 50 ms target for a step:
- ``one_person_at_a_time``: 3 people, one after the other: the time of a step with nobody else on the server;
- ``50_people_reading``: 50 people at once, each taking 1-4 s (seeded) to read and answer a page, as people do;
- ``50_people_no_pause``: 50 people at once, each sending the next request the moment a page arrives (a stress
  test: on a 2-core machine a request then mostly waits in line behind the other 49).
Each step has the time seen by the client (``client``) and the server's own time from its Server-Timing header
(``server``); each run has the server process's CPU time per request. The 1-minute load average is recorded before
and after (the machine is shared: on a loaded machine the times above grow with the load, the CPU time does not).
"""

from __future__ import annotations

import asyncio
import os
import random
import re
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
TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
Times = dict[str, dict[str, list[float]]]


async def person(base: str, times: Times, pause: tuple[float, float], rng: random.Random) -> None:
    async def timed(step: str, method: str, url: str, **kw: object) -> httpx.Response:
        if pause[1]:
            await asyncio.sleep(rng.uniform(*pause))
        start = time.perf_counter()
        r = await client.request(method, url, **kw)  # type: ignore[arg-type]
        times["client"][step].append(time.perf_counter() - start)
        server = re.search(r"app;dur=([0-9.]+)", r.headers.get("server-timing", ""))
        if server:
            times["server"][step].append(float(server.group(1)) / 1000)
        assert r.status_code < 500, (url, r.status_code)
        return r

    async with httpx.AsyncClient(base_url=base, timeout=300, follow_redirects=False) as client:
        home = await timed("home", "GET", "/")
        found = TOKEN.search(home.text)
        assert found is not None
        tok = {"csrf_token": found.group(1)}
        r = await timed("start", "POST", "/start", data={"kind": "individual", **tok})
        code = r.headers["location"].split("/")[2]
        r = await timed("next", "GET", f"/case/{code}/next")
        where = r.headers["location"]
        await timed("question_page", "GET", where)
        levy = {"item.kind": "bank", "item.served_date": "2026-11-12", "item.holder": "First Example Bank"}
        r = await timed("answer", "POST", f"/case/{code}/q?path=levies", data={**levy, **tok})
        notice = {"item.type": "LT11", "item.notice_date": "2026-07-13"}
        r = await timed("answer", "POST", f"/case/{code}/q?path=notices", data={**notice, **tok})
        for _ in range(SKIPS):
            where = r.headers.get("location", "")
            if where.endswith("/meaning"):
                await timed("meaning_page", "GET", where)
                r = await timed("answer", "POST", f"/case/{code}/seen", data={"page": "meaning", **tok})
                continue
            if "/q?path=" not in where:
                break
            await timed("question_page", "GET", where)
            r = await timed("answer", "POST", where, data={"action": "skip", **tok})
        await timed("result_page", "GET", f"/case/{code}/result")


async def run(base: str, users: int, pause: tuple[float, float], one_by_one: bool = False) -> Times:
    times: Times = {"client": defaultdict(list), "server": defaultdict(list)}
    rng = random.Random(11)
    async with httpx.AsyncClient(base_url=base) as warm:
        await warm.get("/")
    if one_by_one:
        for _ in range(users):
            await person(base, times, pause, rng)
    else:
        await asyncio.gather(*(person(base, times, pause, random.Random(rng.random())) for _ in range(users)))
    return times


def figures(times: Times) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {}
    for side, steps in times.items():
        out[side] = {}
        for step, samples in sorted(steps.items()):
            f = summary_ms(samples)
            f["p95_over_target"] = round(f["p95_ms"] / TARGET_MS, 3)
            out[side][step] = f
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the server process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_request(pid: int, times: Times, before: float) -> float:
    requests = sum(len(v) for v in times["client"].values())
    return round((cpu_seconds(pid) - before) * 1000 / max(requests, 1), 2)


def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tempfile.mkdtemp(prefix="levynav-bench-")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    serve = ["serve", "--port", str(port), "--as-of", "2026-11-23", "--data-dir", data]
    cmd = [
        sys.executable,
        "-c",
        "import sys; from levynav.cli.app import main; sys.argv[0] = 'levynav'; main()",
        *serve,
    ]
    log = open(Path(data) / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=log)
    load_before = round(os.getloadavg()[0], 2)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        cpu: dict[str, float] = {}
        runs = {
            "one_person_at_a_time": (3, (0.0, 0.0), True),
            "50_people_reading": (USERS, (1.0, 4.0), False),
            "50_people_no_pause": (USERS, (0.0, 0.0), False),
        }
        measured: dict[str, Times] = {}
        for name, (users, pause, one_by_one) in runs.items():
            before = cpu_seconds(server.pid)
            measured[name] = asyncio.run(run(base, users, pause, one_by_one))
            cpu[name] = cpu_per_request(server.pid, measured[name], before)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        print("server log:", Path(data) / "server.log")
    result = {
        "users": USERS,
        "target_p95_ms_per_step": TARGET_MS,
        "server": "one Uvicorn process, SQLite (WAL)",
        "cpus": os.cpu_count(),
        "load_average_1min_before": load_before,
        "load_average_1min_after": round(os.getloadavg()[0], 2),
        # the server's CPU time per request (all steps together): what a request costs whatever the machine's load
        "server_cpu_ms_per_request": cpu,
        **{name: figures(times) for name, times in measured.items()},
    }
    write("web", result)
    print(result)


if __name__ == "__main__":
    main()
