"""The REST API over every endpoint, with good and bad input: the same decisions as the CLI, 422 with field paths,
404 for an unknown case code, 413 over the size limits, never a 500."""

from __future__ import annotations

import json
from decimal import Decimal

from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from levynav import analyze, load_case
from levynav.cli.app import app as cli_app
from tests.web.conftest import AS_OF, EXAMPLES, ROOT, example

BANK = "bank-levy-hardship-21-day-hold.yaml"
SPANISH_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def _ids(data: dict[str, object]) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    findings = [(f["rule"], f["subject"], f["outcome"], f["effect"]) for f in data["findings"]]  # type: ignore[index, attr-defined]
    deadlines = [(d["id"], d["subject"], d["date"]) for d in data["deadlines"]]  # type: ignore[index, attr-defined]
    return findings, deadlines


def test_analyze_gives_the_cli_decision(client: TestClient) -> None:
    """Parity: one case through the CLI JSON and the API gives the same findings and deadlines."""
    out = CliRunner().invoke(
        cli_app, ["analyze", str(EXAMPLES / BANK), "--as-of", AS_OF.isoformat(), "--format", "json"]
    )
    assert out.exit_code == 0
    r = client.post(f"/api/v1/analyze?as_of={AS_OF}", json=example(BANK))
    assert r.status_code == 200
    assert _ids(r.json()) == _ids(json.loads(out.stdout))
    assert "rendered" not in r.json()


def test_analyze_with_a_language_adds_the_rendered_text(client: TestClient) -> None:
    r = client.post("/api/v1/analyze?lang=es", json=example(BANK))
    assert r.status_code == 200
    rendered = r.json()["rendered"]
    assert rendered["lang"] == "es"
    expected = analyze(load_case(EXAMPLES / BANK), AS_OF)  # the settings' date when as_of is not given
    assert [d["id"] for d in rendered["deadlines"]] == [d.id for d in expected.deadlines]
    first = expected.deadlines[0].date
    assert rendered["deadlines"][0]["date"] == f"{first.day} de {SPANISH_MONTHS[first.month - 1]} de {first.year}"


def test_bad_case_gets_422_with_field_paths(client: TestClient) -> None:
    r = client.post("/api/v1/analyze", json={"taxpayer": {"kind": "person", "nickname": "x"}})
    assert r.status_code == 422
    problems = r.json()["problems"]
    assert any(p["field"] == "taxpayer.kind" for p in problems)
    assert any(p["field"] == "taxpayer.nickname" and "not a known field" in p["message"] for p in problems)
    bad_date = client.post(
        "/api/v1/analyze",
        json={"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank", "served_date": "2026-02-30"}]},
    )
    assert bad_date.status_code == 422
    assert bad_date.json()["problems"][0]["field"] == "levies[0].served_date"


def test_bad_query_body_and_json(client: TestClient) -> None:
    assert (
        client.post("/api/v1/analyze?as_of=2026-13-01", json=example(BANK)).json()["problems"][0]["field"]
        == "query.as_of"
    )
    assert client.post("/api/v1/analyze?lang=fr", json=example(BANK)).status_code == 422
    r = client.post("/api/v1/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json() == {"problems": [{"field": "body", "message": "not valid JSON"}]}
    assert client.post("/api/v1/analyze", json=[1, 2]).status_code == 422


def test_body_over_the_limit_is_refused(client: TestClient) -> None:
    big = b'{"taxpayer": {"kind": "individual", "name": "' + b"x" * 250_000 + b'"}}'
    r = client.post("/api/v1/analyze", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["problems"][0]["field"] == "(body)" and "limit" in r.json()["problems"][0]["message"]


def test_case_lifecycle(client: TestClient, app: FastAPI) -> None:
    data = example(BANK)
    r = client.post("/api/v1/cases", json=data)
    assert r.status_code == 201
    code = r.json()["id"]
    assert len(code) >= 40  # a long random token, not a number
    assert client.get(f"/api/v1/cases/{code}").json() == data

    changed = {**data, "circumstances": {**data["circumstances"], "represented": True}}
    assert client.put(f"/api/v1/cases/{code}", json=changed).status_code == 200
    assert client.get(f"/api/v1/cases/{code}").json()["circumstances"]["represented"] is True

    bad = client.put(f"/api/v1/cases/{code}", json={**data, "levies": [{"kind": "boat"}]})
    assert bad.status_code == 422
    assert client.get(f"/api/v1/cases/{code}").json() == changed  # nothing saved half-way

    analysis = client.get(f"/api/v1/cases/{code}/analysis?lang=en")
    assert analysis.status_code == 200 and analysis.json()["as_of"] == AS_OF.isoformat()
    recorded = app.state.store.analyses(code)
    assert recorded and recorded[-1][0] == AS_OF and len(recorded[-1][2]) == 64

    assert client.delete(f"/api/v1/cases/{code}").status_code == 204
    assert client.get(f"/api/v1/cases/{code}").status_code == 404
    assert client.delete(f"/api/v1/cases/{code}").status_code == 404


def test_unknown_or_malformed_case_codes_are_404(client: TestClient) -> None:
    for code in ("1", "x" * 43, "../../etc/passwd", "%00"):
        for suffix in ("", "/analysis", "/packet.pdf", "/deadlines.ics"):
            r = client.get(f"/api/v1/cases/{code}{suffix}")
            assert r.status_code == 404, (code, suffix)
            no_case = [{"field": "id", "message": "no case with this code"}]
            no_route = [{"field": "(path)", "message": "not found"}]  # a code with "/" or "%00" matches no route
            assert r.json()["problems"] in (no_case, no_route), (code, suffix)
    assert client.put("/api/v1/cases/" + "y" * 43, json=example(BANK)).status_code == 404


def test_packet_and_calendar(client: TestClient) -> None:
    code = client.post("/api/v1/cases", json=example(BANK)).json()["id"]
    pdf = client.get(f"/api/v1/cases/{code}/packet.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    spanish = client.get(f"/api/v1/cases/{code}/packet.pdf?lang=es")  # the cover in the reader's language
    assert spanish.status_code == 200
    from io import BytesIO

    from pypdf import PdfReader

    covers = [PdfReader(BytesIO(p.content)).pages[0].extract_text() for p in (pdf, spanish)]
    assert covers[0] != covers[1] and "embargo" in covers[1].lower() and "embargo" not in covers[0].lower()
    ics = client.get(f"/api/v1/cases/{code}/deadlines.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    hold = next(d for d in analyze(load_case(EXAMPLES / BANK), AS_OF).deadlines if d.id == "bank.hold_ends")
    assert hold.date.strftime("%Y%m%d") in ics.text


def test_intake_notice(client: TestClient) -> None:
    r = client.post(
        "/api/v1/intake/notice", files={"file": ("lt11.txt", (EXAMPLES / "notices" / "lt11.txt").read_bytes())}
    )
    assert r.status_code == 200
    assert r.json()["notice"]["type"] == "LT11"
    assert r.json()["deadlines"]
    assert client.post("/api/v1/intake/notice", files={"file": ("e.txt", b"")}).json()["problems"] == [
        {"field": "file", "message": "is empty"}
    ]
    broken = client.post("/api/v1/intake/notice", files={"file": ("x.pdf", b"%PDF-1.4 broken")})
    assert broken.status_code == 422 and broken.json()["problems"][0]["field"] == "file"
    big = client.post("/api/v1/intake/notice", files={"file": ("big.txt", b"x" * 150_000)})
    assert big.status_code == 413
    assert client.post("/api/v1/intake/notice").status_code == 422  # no file


def test_intake_transcript(client: TestClient) -> None:
    path = ROOT / "tests" / "data" / "transcripts" / "client_1040_2017.txt"
    r = client.post("/api/v1/intake/transcript", files={"file": ("mine.txt", path.read_bytes())})
    assert r.status_code == 200
    assert [p["period_id"] for p in r.json()["periods"]] == ["1040-2017"]
    assert "/tmp" not in json.dumps(r.json())  # the server's folders are not shown


def test_wage_exempt(client: TestClient) -> None:
    body = {"year": 2024, "pay_period": "weekly", "filing_status": "single", "dependents": 2, "take_home_pay": "900"}
    r = client.post("/api/v1/wage-exempt", json=body)
    assert r.status_code == 200
    exempt = r.json()["exempt_amount"]
    assert Decimal(r.json()["levy_takes"]) == max(Decimal("0.00"), Decimal("900.00") - Decimal(exempt))
    out = CliRunner().invoke(
        cli_app,
        [
            "wage-exempt",
            "--year",
            "2024",
            "--filing-status",
            "single",
            "--dependents",
            "2",
            "--pay-period",
            "weekly",
            "--format",
            "json",
        ],
    )
    assert json.loads(out.stdout)["exempt_amount"] == exempt  # the CLI's function, the same answer
    assert client.post("/api/v1/wage-exempt", json={**body, "pay_period": "hourly"}).status_code == 422
    assert client.post("/api/v1/wage-exempt", json={**body, "year": 1800}).status_code == 422
    assert client.post("/api/v1/wage-exempt", json={**body, "take_home_pay": "lots"}).status_code == 422


def test_finances(client: TestClient) -> None:
    name = "expensive-county-wage-levy-finances.yaml"
    r = client.post(f"/api/v1/finances?as_of={AS_OF}", json=example(name))
    assert r.status_code == 200
    out = CliRunner().invoke(
        cli_app, ["finances", str(EXAMPLES / name), "--as-of", AS_OF.isoformat(), "--format", "json"]
    )
    assert r.json() == json.loads(out.stdout)
    none = client.post("/api/v1/finances", json={"taxpayer": {"kind": "individual"}})
    assert none.status_code == 422 and none.json()["problems"][0]["field"] == "finances"


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/analyze",
        "/api/v1/cases",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case_id}/analysis",
        "/api/v1/cases/{case_id}/packet.pdf",
        "/api/v1/cases/{case_id}/deadlines.ics",
        "/api/v1/intake/notice",
        "/api/v1/intake/transcript",
        "/api/v1/wage-exempt",
        "/api/v1/finances",
    ):
        assert path in paths, path
    assert not any(p.startswith("/case/") for p in paths)  # the pages are not part of the API


def test_a_body_that_cannot_be_decoded_is_a_422_not_a_400(client: TestClient) -> None:
    """Nested past the parser's depth, or not UTF-8: the same one line as any body that is not JSON."""
    headers = {"content-type": "application/json"}
    for body in (b"[" * 50_000 + b"]" * 50_000, b'{"a":' * 20_000 + b"1" + b"}" * 20_000, b'{"taxpayer": "\xff"}'):
        r = client.post("/api/v1/analyze", content=body, headers=headers)
        assert r.status_code == 422 and r.json() == {"problems": [{"field": "body", "message": "not valid JSON"}]}


def test_the_analysis_date_is_bounded_like_the_cli(client: TestClient) -> None:
    code = client.post("/api/v1/cases", json=example(BANK)).json()["id"]
    for url in ("/api/v1/analyze", f"/api/v1/cases/{code}/analysis", f"/api/v1/cases/{code}/deadlines.ics"):
        for day in ("1899-12-31", "2101-01-01"):
            method = client.post if url.endswith("/analyze") else client.get
            kwargs = {"json": example(BANK)} if url.endswith("/analyze") else {}
            r = method(f"{url}?as_of={day}", **kwargs)  # type: ignore[operator]
            assert r.status_code == 422, (url, day)
            assert r.json()["problems"][0]["field"] == "query.as_of"
        assert method(f"{url}?as_of=2100-12-31", **kwargs).status_code == 200  # type: ignore[operator]


def test_parity_cli_api_stored_case_and_result_page(client: TestClient) -> None:
    """One case through the CLI JSON, the API (sent, and saved then analysed) and the web result page: the same
    findings and deadlines. The page shows the grounds (findings that apply and make the levy end: release, return, a
    bar, an exemption) in the record's order of strength, the open routes in the help section in the record's order,
    and every deadline with its title, its date and the days left."""
    import html
    import re
    from datetime import date

    from levynav.core.model.analysis import Analysis, Effect
    from levynav.core.plan import EFFECT_WEIGHT
    from levynav.explain.render import title
    from levynav.web import words
    from levynav.web.words import day

    reasons = {e.value for e in EFFECT_WEIGHT if e is not Effect.ROUTE_OPEN}  # what the levy must or may end for
    for name in (BANK, "social-security-federal-payment-levy.yaml", "wrongful-levy-relatives-account.yaml"):
        out = CliRunner().invoke(
            cli_app, ["analyze", str(EXAMPLES / name), "--as-of", AS_OF.isoformat(), "--format", "json"]
        )
        assert out.exit_code == 0, out.output
        cli = json.loads(out.stdout)
        api = client.post(f"/api/v1/analyze?as_of={AS_OF}", json=example(name)).json()
        code = client.post("/api/v1/cases", json=example(name)).json()["id"]
        saved = client.get(f"/api/v1/cases/{code}/analysis?as_of={AS_OF}").json()
        assert _ids(cli) == _ids(api) == _ids(saved), name
        for lang in ("en", "es"):
            view = words.render_analysis(Analysis.model_validate(cli), lang)
            page = html.unescape(client.get(f"/case/{code}/result?lang={lang}").text)
            grounds = re.findall(r'lv-ground">\s*<div[^>]*>\s*<h3[^>]*>(.*?)</h3>', page, re.S)
            assert [" ".join(g.split()) for g in grounds] == [g["title"] for g in view["grounds"]], (name, lang)
            applies = [f for f in cli["findings"] if f["outcome"] == "applies" and f["effect"] in reasons]
            assert {title(f["rule"], lang) for f in applies} >= set(grounds) and (not applies or grounds), (name, lang)
            # an open route (an appeal, help, a payment plan) is not a reason: it is in the help section
            routes = re.findall(r'<div class="lv-route">\s*<h3>(.*?)</h3>', page, re.S)
            opened = [f for f in cli["findings"] if f["outcome"] == "applies" and f["effect"] == "route_open"]
            assert [" ".join(r.split()) for r in routes] == [title(f["rule"], lang) for f in opened], (name, lang)
            rows = re.findall(
                r'<li class="lv-deadline[^"]*">\s*<strong>(.*?)</strong> —\s*<span[^>]*>(.*?)</span>\s*(.*?)\s*<div',
                page,
                re.S,
            )
            expected = [
                (
                    day(date.fromisoformat(d["date"]), lang),
                    words.t("result_passed", lang)
                    if d["passed"]
                    else words.t("result_days_left", lang, days=d["days_left"])
                    if d["days_left"]
                    else words.t("result_today", lang),
                )
                for d in cli["deadlines"]
            ]
            assert [(r[0], r[1]) for r in rows] == expected, (name, lang)
            assert [r[2] for r in rows] == [d["title"] for d in view["deadlines"]], (name, lang)
