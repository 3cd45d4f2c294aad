"""`levynav serve --workers 2`: two Uvicorn worker processes on one port and one SQLite file (WAL). Both answer (which
worker accepted a connection is read from /proc, not assumed): a case saved through one is read and changed through
the other, a page token made by one is accepted by the other (one secret key), the demo case is one case. Ctrl+C
(SIGINT) stops the server and both workers with exit code 0 and no traceback."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import EXAMPLES, example

ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
DEMO = re.compile(r'href="(/case/[^"/]+/result)" id="demo-link"')
READY_ATTEMPTS = 1200  # a hang guard while the server starts (each attempt waits up to 0.25 s), not a timed check


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    """The worker processes of the server: its children started by multiprocessing's spawn."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        if ppid == pid and "spawn_main" in cmdline:
            out.append(int(entry.name))
    return sorted(out)


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, list[int]]]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LEVYNAV_DATA_DIR": str(tmp_path / "unused")}
    env.pop("LEVYNAV_SECRET_KEY", None)
    demo = EXAMPLES / "bank-levy-hardship-21-day-hold.yaml"
    cmd = [sys.executable, "-m", "levynav.cli", "serve", "--workers", "2", "--port", str(port)]
    cmd += ["--data-dir", str(tmp_path / "data"), "--as-of", "2026-11-23", "--demo", str(demo)]
    # its own process group: the teardown stops the server and its workers together, never leaving one behind
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    workers: list[int] = []
    try:
        for _ in range(READY_ATTEMPTS):
            assert proc.poll() is None, proc.communicate()
            try:
                if httpx.get(f"{base}/", timeout=0.25).status_code == 200 and len(_children(proc.pid)) == 2:
                    break
            except httpx.HTTPError:
                continue
        else:
            raise AssertionError("the server did not start")
        workers = _children(proc.pid)
        yield proc, base, workers
    finally:
        _stop_group(proc)
    assert not [pid for pid in workers if _alive(pid)], "a worker process outlived the server"


def _stop_group(proc: subprocess.Popen[str]) -> None:
    """Stop the server as Ctrl+C does (its workers with it), then kill whatever of its process group is left: a
    SIGKILL to the server alone would leave its worker processes running after the test (orphans)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.communicate(timeout=120)  # a hang guard
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.poll() is None:
        proc.kill()
        proc.communicate()


class Connection:
    """One kept-alive HTTP connection to the server, and the worker process that accepted it (found in /proc: the
    worker holding the server end of this TCP connection), so which worker answers is seen, not assumed."""

    def __init__(self, port: int, workers: list[int]) -> None:
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = ""
        self.get("/")
        assert self.http.sock is not None
        client_port = self.http.sock.getsockname()[1]
        self.worker = _owner(port, client_port, workers)

    def request(
        self, method: str, url: str, body: str | None = None, kind: str = ""
    ) -> tuple[int, str, dict[str, str]]:
        headers = {"Content-Type": kind} if kind else {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        self.http.request(method, url, body=body, headers=headers)
        r = self.http.getresponse()
        text = r.read().decode("utf-8")
        got = dict(r.getheaders())
        if "set-cookie" in {k.lower() for k in got}:
            self.cookie = next(v for k, v in got.items() if k.lower() == "set-cookie").split(";")[0]
        return r.status, text, got

    def get(self, url: str) -> tuple[int, str, dict[str, str]]:
        return self.request("GET", url)

    def json(self, method: str, url: str, data: object) -> tuple[int, str, dict[str, str]]:
        return self.request(method, url, json.dumps(data), "application/json")

    def close(self) -> None:
        self.http.close()


def _owner(server_port: int, client_port: int, workers: list[int]) -> int:
    """The worker whose file descriptors hold the server side of the connection from ``client_port``."""
    want = (f"0100007F:{server_port:04X}", f"0100007F:{client_port:04X}")
    inode = ""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        cols = line.split()
        if (cols[1], cols[2]) == want:
            inode = cols[9]
    assert inode, "the connection is not in /proc/net/tcp"
    for pid in workers:
        fds = Path(f"/proc/{pid}/fd")
        if any(os.readlink(fd) == f"socket:[{inode}]" for fd in fds.iterdir() if fd.is_symlink()):
            return pid
    raise AssertionError("no worker holds the connection")


def _one_to_each(port: int, workers: list[int]) -> dict[int, Connection]:
    """A connection accepted by each worker: new connections until each worker has taken one (the kernel hands a new
    connection to whichever worker accepts first; a bounded number of tries is a hang guard)."""
    got: dict[int, Connection] = {}
    for _ in range(400):
        c = Connection(port, workers)
        if c.worker in got:
            c.close()
        else:
            got[c.worker] = c
        if len(got) == len(workers):
            return got
    raise AssertionError(f"only workers {sorted(got)} of {workers} took a connection")


def test_two_workers_start_answer_share_the_store_and_stop_cleanly(
    server: tuple[subprocess.Popen[str], str, list[int]],
) -> None:
    proc, base, workers = server
    assert len(workers) == 2
    port = int(base.rsplit(":", 1)[1])
    by_worker = _one_to_each(port, workers)  # both workers answer
    a, b = (by_worker[pid] for pid in workers)
    case = example("bank-levy-hardship-21-day-hold.yaml")

    # a case saved through one worker is read and changed through the other, and the change is seen by the first
    status, text, _ = a.json("POST", "/api/v1/cases", case)
    assert status == 201, text
    code = json.loads(text)["id"]
    status, text, _ = b.get(f"/api/v1/cases/{code}")
    assert status == 200 and json.loads(text)["taxpayer"] == case["taxpayer"]
    status, text, _ = b.json("PUT", f"/api/v1/cases/{code}", {**case, "taxpayer": {**case["taxpayer"], "name": "B"}})
    assert status == 200, text
    assert json.loads(a.get(f"/api/v1/cases/{code}")[1])["taxpayer"]["name"] == "B"

    # a page token made by one worker is accepted by the other (one secret key for the server)
    _, home, _ = a.get("/")
    token = TOKEN.search(home)
    assert token is not None
    b.cookie = a.cookie
    form = urllib.parse.urlencode({"kind": "individual", "csrf_token": token.group(1)})
    status, text, headers = b.request("POST", "/start", form, "application/x-www-form-urlencoded")
    assert status == 303, text[:300]
    new_code = headers.get("location", headers.get("Location", "")).split("/")[2]
    assert a.get(f"/api/v1/cases/{new_code}")[0] == 200

    # one demo case, made before the workers started: both link to it and both show it
    demos = {pid: DEMO.search(c.get("/")[1]) for pid, c in by_worker.items()}
    found = {m.group(1) for m in demos.values() if m is not None}
    assert len(found) == 1 and all(demos.values()), demos
    demo = found.pop()
    assert a.get(demo)[0] == 200 and b.get(demo)[0] == 200
    for c in by_worker.values():
        c.close()

    proc.send_signal(signal.SIGINT)  # Ctrl+C
    out, err = proc.communicate(timeout=300)  # a hang guard
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Traceback" not in out, err
    assert "2 worker processes" in out and demo in out
    assert not [pid for pid in workers if _alive(pid)]


def test_serve_workers_is_bounded() -> None:
    from typer.testing import CliRunner

    from levynav.cli.app import app

    for bad in ("0", "65"):
        r = CliRunner().invoke(app, ["serve", "--workers", bad])
        assert r.exit_code == 2 and "--workers" in r.output and "Traceback" not in r.output


def _page(c: Connection, url: str) -> str:
    """A page as a worker serves it, less its form tokens (one per session, not part of what the page says)."""
    status, text, _ = c.get(url)
    assert status == 200, (url, text[:300])
    return TOKEN.sub('name="csrf_token" value=""', text)


def test_two_workers_give_the_same_analysis_of_a_case(
    server: tuple[subprocess.Popen[str], str, list[int]], tmp_path: Path
) -> None:
    """Each worker keeps its own memo of analyses (per case revision): the same case gives the same analysis, the
    same result page and the same question through either worker, first made and then from the memo; after the case
    changes through one worker, the other shows the new case's analysis, not the one it remembered."""
    from datetime import date

    from levynav import __version__, analyze
    from levynav.core.model.case import Case
    from levynav.lawbook import load, packaged_dir
    from levynav.store.repository import Store, data_hash

    law = load(packaged_dir(), tmp_path / "unused")  # the server's law: its $LEVYNAV_DATA_DIR for imported standards
    _, base, workers = server
    port = int(base.rsplit(":", 1)[1])
    by_worker = _one_to_each(port, workers)
    a, b = (by_worker[pid] for pid in workers)
    as_of = date(2026, 11, 23)  # the server's --as-of
    case = example("bank-levy-hardship-21-day-hold.yaml")
    status, text, _ = a.json("POST", "/api/v1/cases", case)
    assert status == 201, text
    code = json.loads(text)["id"]

    def same_everywhere(data: dict[str, object]) -> str:
        expected = analyze(Case.model_validate(data), as_of, law).model_dump(mode="json")
        for lang in ("en", "es"):
            records = [json.loads(c.get(f"/api/v1/cases/{code}/analysis?lang={lang}")[1]) for c in (a, b)]
            assert records[0] == records[1], lang  # the record and its words in this language
            assert {k: v for k, v in records[0].items() if k != "rendered"} == expected
            nexts = {c.get(f"/case/{code}/next")[2].get("location") for c in (a, b, a, b)}
            assert len(nexts) == 1 and None not in nexts, nexts  # the same next question
            for url in (f"/case/{code}/result?lang={lang}", f"{nexts.pop()}&lang={lang}"):
                pages = [_page(c, url) for c in (a, b, a, b)]  # made by each worker, then from each one's memo
                assert len(set(pages)) == 1, url
        return _page(a, f"/case/{code}/result?lang=en")

    def recorded() -> list[tuple[date, str, str]]:
        store = Store(f"sqlite:///{tmp_path / 'data' / 'levynav.db'}")
        try:
            return store.analyses(code)
        finally:
            store.close()

    before = same_everywhere(case)
    assert recorded() == [(as_of, __version__, data_hash(Case.model_validate(case)))]
    changed = {**case, "finances": None}  # the hardship can no longer be decided: another analysis
    status, text, _ = b.json("PUT", f"/api/v1/cases/{code}", changed)
    assert status == 200, text
    after = same_everywhere(changed)
    assert after != before
    assert [h for _, _, h in recorded()] == [data_hash(Case.model_validate(d)) for d in (case, changed)]
    for c in by_worker.values():
        c.close()
