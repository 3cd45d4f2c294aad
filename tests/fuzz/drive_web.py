"""Send hostile requests to the web app (FastAPI TestClient, in process; not part of `make test`).

    PYTHONPATH=src python tests/fuzz/drive_web.py --runs 2000 --seed 1     # fuzz; crashes are saved
    PYTHONPATH=src python tests/fuzz/drive_web.py --replay                 # send every saved crash again

A crash is an HTTP 500 (or an exception out of the app), an answer slower than --hang seconds, a 422 from the REST
API whose problems do not each name a field (``{field, message}``), or a state-changing page form accepted without its
CSRF token. Requests: JSON cases mutated value by value (odd keys, huge and odd numbers, deep nesting, duplicate
keys, long text), bodies that are not JSON or not UTF-8 or sent with the wrong content type, case ids that are not
ids, uploads of any bytes under any name and type, interview answers of any text, forms without their token, and
several threads writing and deleting one case at once. Each crash is saved as tests/fuzz/crashes/web-<hash>/
request.json (method, path, headers, body in base64; ``{case}`` stands for a case made first).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import random
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # tests.fuzz.drive_commands (the shared tokens and mutators)

from tests.fuzz.drive_commands import TOKENS, mutate_bytes, value_spots  # noqa: E402

CRASHES = Path(__file__).resolve().parent / "crashes"
EXAMPLES = ROOT / "examples"
AS_OF = date(2026, 11, 23)
TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
FIELD_LINE = re.compile(r"^\S.*?: \S")  # "field.path: problem" (a quoted key may hold any ASCII)


def _names_a_field(problem: Any) -> bool:
    """The API's one refusal shape (docs/api.md): ``{"field": ..., "message": ...}``, the field a path
    (``field: problem`` read whole must match FIELD_LINE) and the message not empty."""
    if not isinstance(problem, dict) or set(problem) != {"field", "message"}:
        return False
    field_name, text = problem["field"], problem["message"]
    return (
        isinstance(field_name, str)
        and isinstance(text, str)
        and bool(text)
        and bool(FIELD_LINE.match(f"{field_name}: {text}"))
    )


@dataclass
class Req:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    files: dict[str, tuple[str, bytes, str]] | None = None  # multipart uploads: field -> (name, bytes, type)
    form: dict[str, str] | None = None
    with_token: bool = False  # add the session's CSRF token to the form
    expect_csrf_refusal: bool = False  # a state-changing form sent without the token: must not be accepted
    threads: int = 0  # send it from this many threads at once (with PUT/DELETE on the same case)

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "headers": self.headers,
            "body_b64": base64.b64encode(self.body).decode(),
            "files": {k: [n, base64.b64encode(d).decode(), t] for k, (n, d, t) in (self.files or {}).items()},
            "form": self.form,
            "with_token": self.with_token,
            "expect_csrf_refusal": self.expect_csrf_refusal,
            "threads": self.threads,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Req:
        files = {k: (n, base64.b64decode(b), t) for k, (n, b, t) in d.get("files", {}).items()} or None
        return cls(
            d["method"], d["path"], d.get("headers", {}), base64.b64decode(d.get("body_b64", "")), files,
            d.get("form"), d.get("with_token", False), d.get("expect_csrf_refusal", False), d.get("threads", 0),
        )  # fmt: skip


# ---------------------------------------------------------------------------------------------------- requests


def _examples() -> list[dict[str, Any]]:
    from levynav import load_case

    return [load_case(p).model_dump(mode="json", exclude_none=True) for p in sorted(EXAMPLES.glob("*.yaml"))]


_CASES: list[dict[str, Any]] = []


def example(rng: random.Random) -> dict[str, Any]:
    if not _CASES:
        _CASES.extend(_examples())
    return json.loads(json.dumps(rng.choice(_CASES)))


def mutate_doc(rng: random.Random, doc: Any) -> Any:
    spots = value_spots(doc)
    if not spots:
        return doc
    for _ in range(rng.randint(1, 4)):
        parent, key = rng.choice(spots)
        kind = rng.randrange(6)
        value: Any
        if kind == 0:
            value = rng.choice(TOKENS)
        elif kind == 1:
            value = rng.choice([10**40, -(10**20), 1e308, -0.0, 0.1, True, None, 2**63])
        elif kind == 2:
            value = rng.choice([[], {}, [None] * 3000, {"x": 1}])
        elif kind == 3:
            nested: Any = 1
            for _ in range(rng.choice([70, 500, 3000])):
                nested = [nested]
            value = nested
        elif kind == 4 and isinstance(parent, dict):
            parent[rng.choice(TOKENS)] = 1  # an odd key beside
            continue
        else:
            value = "x" * rng.choice([20_001, 200_000])
        parent[key] = value
    return doc


def _json_body(rng: random.Random, doc: Any) -> tuple[bytes, dict[str, str]]:
    kind = rng.randrange(10)
    try:
        raw = json.dumps(doc).encode()
    except (ValueError, RecursionError):
        raw = b"[" * 5000
    headers = {"content-type": "application/json"}
    if kind == 0:
        raw = mutate_bytes(rng, raw)
    elif kind == 1:
        kinds = ["text/plain", "application/x-www-form-urlencoded", "", "multipart/form-data",
                 "application/json; charset=latin-1", "application/json%FF"]  # fmt: skip
        headers = {"content-type": rng.choice(kinds)}
    elif kind == 2:  # a key given twice
        raw = raw.replace(b"{", b'{"taxpayer": {"kind": "individual"}, ', 1) if raw.startswith(b"{") else raw
    elif kind == 3:
        raw = raw.decode().encode("utf-16")
    elif kind == 4:
        raw = b"\xff\xfe" + raw
    return raw, headers


def _id(rng: random.Random) -> str:
    return rng.choice(["{case}", "{case}x", "../../etc/passwd", "%2e%2e%2f", "x" * 3000, "\u202e", "%00", "' OR 1=1 --",
                       "{case}/../{case}", "", "0", "-1", "é"])  # fmt: skip


def gen_api_json(rng: random.Random) -> Req:
    doc = mutate_doc(rng, example(rng)) if rng.random() < 0.85 else rng.choice([[], "x", 1, None, {}])
    body, headers = _json_body(rng, doc)
    route = rng.choice(["/api/v1/analyze", "/api/v1/cases", "/api/v1/cases/{case}", "/api/v1/finances",
                        "/api/v1/wage-exempt"])  # fmt: skip
    method = "PUT" if route.endswith("{case}") else "POST"
    if route.endswith("wage-exempt"):
        wage = {"year": 2025, "pay_period": "weekly", "filing_status": "single", "dependents": 1}
        body, headers = _json_body(rng, mutate_doc(rng, wage))
    query = ""
    if rng.random() < 0.3:
        query = "?" + rng.choice(["as_of=", "lang=", "as_of=2026-11-23&lang="]) + _q(rng)
    return Req(method, route + query, headers, body)


def _q(rng: random.Random) -> str:
    from urllib.parse import quote

    return quote(rng.choice(TOKENS), safe="")


def gen_api_ids(rng: random.Random) -> Req:
    from urllib.parse import quote

    case_id = _id(rng)
    shown = case_id if case_id.startswith("{case}") else quote(case_id, safe="%")
    tail = rng.choice(["", "/analysis", "/packet.pdf", "/deadlines.ics", "/analysis?lang=" + _q(rng)])
    return Req(rng.choice(["GET", "DELETE", "GET"]), f"/api/v1/cases/{shown}{tail}")


def gen_upload(rng: random.Random) -> Req:
    notices = sorted((EXAMPLES / "notices").glob("*.txt"))
    transcripts = sorted((ROOT / "tests" / "data" / "transcripts").glob("*.txt"))
    route = rng.choice(["/api/v1/intake/notice", "/api/v1/intake/transcript", "/upload"])
    source = rng.choice(transcripts if "transcript" in route else notices)
    data = mutate_bytes(rng, source.read_bytes()) if rng.random() < 0.7 else source.read_bytes()
    if rng.random() < 0.1:
        data = b"%PDF-1.7\n" + data
    name = rng.choice(["n.txt", "n.pdf", "n.png", "", "../../x.txt", "\u202e.txt", "x" * 400, "n\x00.txt"])
    ctype = rng.choice(["text/plain", "application/pdf", "image/png", "application/octet-stream", ""])
    field_name = rng.choice(["file", "file", "other"])
    req = Req("POST", route, files={field_name: (name, data, ctype)})
    if route == "/upload":
        req.with_token = rng.random() < 0.8
        req.form = {"kind": rng.choice(["notice", "transcript", rng.choice(TOKENS)])}
        req.expect_csrf_refusal = not req.with_token
    return req


def gen_pages(rng: random.Random) -> Req:
    route = rng.choice(["/start", "/resume", "/case/{case}/q?path=" + _q(rng), "/case/{case}/seen",
                        "/case/{case}/q?path=taxpayer.name", "/upload/confirm"])  # fmt: skip
    form = {rng.choice(["kind", "code", "value", "page", "action", "day", "month", "year", rng.choice(TOKENS)]):
            rng.choice([*TOKENS, "individual", "yes", "skip"]) for _ in range(rng.randint(0, 4))}  # fmt: skip
    with_token = rng.random() < 0.8
    return Req("POST", route, form=form, with_token=with_token, expect_csrf_refusal=not with_token)


def gen_get_pages(rng: random.Random) -> Req:
    route = rng.choice(["/", "/?error=" + _q(rng), "/case/{case}/result?lang=" + _q(rng),
                        "/case/" + _q(rng) + "/review",
                        "/case/{case}/meaning", "/case/{case}/q?path=" + _q(rng), "/static/../../pyproject.toml",
                        "/case/{case}/code", "/upload"])  # fmt: skip
    headers = {}
    if rng.random() < 0.3:
        headers["accept-language"] = rng.choice([t for t in TOKENS if t.isascii()])  # a header is Latin-1 bytes
    if rng.random() < 0.2:
        headers["cookie"] = "levynav_session=" + rng.choice(["x" * 5000, "", "%E2%80%AE", ";;;", "%FF"])
    return Req("GET", route, headers)


def gen_concurrent(rng: random.Random) -> Req:
    body = json.dumps(example(rng)).encode()
    return Req("PUT", "/api/v1/cases/{case}", {"content-type": "application/json"}, body, threads=rng.randint(2, 6))


GENERATORS = {
    "api_json": gen_api_json,
    "api_ids": gen_api_ids,
    "upload": gen_upload,
    "pages": gen_pages,
    "get_pages": gen_get_pages,
    "concurrent": gen_concurrent,
}


# ---------------------------------------------------------------------------------------------------- sending


class Target:
    """A fresh app on a fresh SQLite file, with one stored case to aim at."""

    def __init__(self, folder: Path) -> None:
        from fastapi.testclient import TestClient

        from levynav.web import Settings, create_app

        app = create_app(
            Settings(data_dir=folder / "data", as_of=AS_OF, max_body_bytes=1_000_000, max_upload_bytes=5_000_000)
        )
        self.client = TestClient(app, follow_redirects=False, raise_server_exceptions=False)
        self.client.__enter__()
        made = self.client.post("/api/v1/cases", json=example(random.Random(0)))
        self.case = made.json()["id"]

    def close(self) -> None:
        self.client.__exit__(None, None, None)

    def token(self) -> str:
        found = TOKEN.search(self.client.get("/").text)
        return found.group(1) if found else ""

    def send(self, req: Req) -> tuple[int, str]:
        path = req.path.replace("{case}", self.case)
        headers = dict(req.headers)
        if req.form is not None or req.files is not None:
            form = {k.replace("{case}", self.case): v for k, v in (req.form or {}).items()}
            if req.with_token:
                form["csrf_token"] = self.token()
            r = self.client.request(req.method, path, data=form, files=req.files, headers=headers)
        else:
            r = self.client.request(req.method, path, content=req.body, headers=headers)
        return r.status_code, r.text


def check(target: Target, req: Req, hang: float) -> str | None:
    """Why the answer is a crash, or None."""
    start = time.monotonic()
    if req.threads:
        results: list[tuple[int, str]] = []
        errors: list[BaseException] = []

        def one(i: int) -> None:
            try:
                sub = req if i % 2 == 0 else Req("DELETE", req.path)
                results.append(target.send(sub))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=one, args=(i,)) for i in range(req.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(hang)
        if errors:
            return f"exception in a thread: {type(errors[0]).__name__}: {errors[0]}"[:300]
        bad = [code for code, _ in results if code >= 500]
        if bad:
            return f"HTTP {bad[0]} with concurrent writes"
        return None
    try:
        code, text = target.send(req)
    except Exception as exc:
        return f"exception: {type(exc).__name__}: {exc}"[:300]
    seconds = time.monotonic() - start
    if seconds > hang:
        return f"answered in {seconds:.1f} s"
    if code >= 500:
        return f"HTTP {code}"
    if code == 422 and req.path.startswith("/api/"):
        try:
            problems = json.loads(text)["problems"]
        except (ValueError, KeyError, TypeError):
            return "422 without a problems list"
        unnamed = [p for p in problems if not _names_a_field(p)]
        if unnamed:
            return f"422 problem naming no field: {str(unnamed[0])[:120]!r}"
        lines = [f"{p['field']}: {p['message']}" for p in problems]
        if any(len(line) > 2000 for line in lines):
            return "422 problem longer than 2,000 characters (a value echoed?)"
        if any(not line.isascii() for line in lines) and any(ch in "".join(lines) for ch in "\u202e\x00\x1b"):
            return "422 problem holding a control or direction character"
    if req.expect_csrf_refusal and code < 400 and req.method == "POST":
        return f"form accepted without its CSRF token (HTTP {code})"
    return None


def save_crash(req: Req, why: str) -> Path:
    blob = json.dumps(req.to_json(), sort_keys=True).encode()
    target = CRASHES / f"web-{hashlib.sha256(blob).hexdigest()[:12]}"
    target.mkdir(parents=True, exist_ok=True)
    (target / "request.json").write_text(json.dumps({"crash": why, **req.to_json()}, indent=1) + "\n")
    return target


def replay(hang: float) -> int:
    folders = sorted(CRASHES.glob("web-*/request.json")) if CRASHES.exists() else []
    still = 0
    for path in folders:
        saved = json.loads(path.read_text())
        with tempfile.TemporaryDirectory(prefix="levynav-web-replay-") as tmp:
            target = Target(Path(tmp))
            try:
                why = check(target, Req.from_json(saved), hang)
            finally:
                target.close()
        still += bool(why)
        print(f"{path.parent.name}: {'STILL CRASHES: ' + why if why else 'fixed'} (was: {saved['crash']})")
    return 1 if still else 0


def fuzz(runs: int, seed: int, only: list[str], hang: float) -> int:
    rng = random.Random(seed)
    names = only or list(GENERATORS)
    crashes = 0
    with tempfile.TemporaryDirectory(prefix="levynav-web-fuzz-") as tmp:
        target = Target(Path(tmp))
        try:
            for i in range(runs):
                name = names[i % len(names)]
                req = GENERATORS[name](random.Random(rng.getrandbits(64)))
                why = check(target, req, hang)
                if why:
                    crashes += 1
                    where = save_crash(req, why)
                    print(f"[{i}] {name} {req.method} {req.path[:80]}: CRASH {why} -> {where.name}", flush=True)
                elif i % 50 == 0:
                    print(f"[{i}] ...", flush=True)
                if target.client.get(f"/api/v1/cases/{target.case}").status_code == 404:  # deleted: make another
                    target.case = target.client.post("/api/v1/cases", json=example(rng)).json()["id"]
        finally:
            target.close()
    print(f"{runs} requests, {crashes} crashes")
    return 1 if crashes else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default="", help="kinds, comma-separated: " + ", ".join(GENERATORS))
    parser.add_argument("--hang", type=float, default=20.0)
    parser.add_argument("--replay", action="store_true")
    ns = parser.parse_args()
    if ns.replay:
        sys.exit(replay(ns.hang))
    only = [n for n in ns.only.split(",") if n]
    if any(n not in GENERATORS for n in only):
        parser.error(f"--only: one of {', '.join(GENERATORS)}")
    sys.exit(fuzz(ns.runs, ns.seed, only, ns.hang))


if __name__ == "__main__":
    main()
