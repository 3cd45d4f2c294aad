"""Synthetic levy cases for tests and benchmarks: seeded, deterministic, and no real person's data.

The mix is meant to look like a clinic's inventory around ``ANCHOR`` (the demo date): mostly individuals,
some businesses; households and incomes by county (a few counties from cheap to expensive, with the
Collection Financial Standards' county codes); one to three income-tax periods, some old enough for the
collection statute to have run; the usual notice sequence (CP14, CP501, CP503, CP504, then LT11 or
Letter 1058) cut short at random, so some levies come without the final notice; bank, wage, Social
Security and other levies served before the anchor date; sometimes an installment agreement, an offer, a
bankruptcy, a hearing request, or a levy on a relative's account. Names are never generated.

With ``malformed_rate`` a share of rows is broken on purpose (an impossible date, an unknown levy kind, a
negative amount, a misspelt field, text where a number belongs, a line that is not JSON), for the error
path of ``levynav screen``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ANCHOR = date(2026, 11, 23)

# (state, county, county FIPS, weight, typical gross household income a month)
COUNTIES: tuple[tuple[str, str, str, int, int], ...] = (
    ("OH", "Franklin County", "39049", 8, 5200),
    ("TX", "Harris County", "48201", 12, 5400),
    ("TX", "Hidalgo County", "48215", 5, 3600),
    ("CA", "Los Angeles County", "06037", 14, 6400),
    ("NY", "Kings County", "36047", 8, 5600),
    ("FL", "Miami-Dade County", "12086", 9, 4900),
    ("GA", "Fulton County", "13121", 6, 6000),
    ("IL", "Cook County", "17031", 10, 5800),
    ("CO", "Denver County", "08031", 4, 6600),
    ("AZ", "Maricopa County", "04013", 8, 5600),
    ("PA", "Philadelphia County", "42101", 5, 4300),
    ("MS", "Hinds County", "28049", 4, 3800),
    ("WA", "King County", "53033", 5, 8600),
    ("WV", "McDowell County", "54047", 2, 2700),
)
LEVY_KINDS = (("bank", 40), ("wages", 30), ("social_security", 12), ("federal_payment", 5), ("state_tax_refund", 5))
BUSINESS_LEVY_KINDS = (("bank", 60), ("accounts_receivable", 30), ("other_property", 10))
NOTICE_SEQUENCE = ("CP14", "CP501", "CP503", "CP504")
PAY_PERIODS = (("weekly", 4), ("biweekly", 5), ("semimonthly", 2), ("monthly", 1))


class GenerateError(ValueError):
    pass


def _pick(rng: random.Random, weighted: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _day(d: date) -> str:
    return d.isoformat()


def generate_case(rng: random.Random) -> dict[str, Any]:
    """One valid case as JSON-ready data (amounts and dates as text)."""
    business = rng.random() < 0.08
    state, county, fips, _, income = rng.choices(COUNTIES, weights=[c[3] for c in COUNTIES])[0]
    case: dict[str, Any] = {"taxpayer": {"kind": "business" if business else "individual", "state": state}}
    if not business:
        case["taxpayer"]["county"] = county
        case["taxpayer"]["county_fips"] = fips
        case["taxpayer"]["filing_status"] = _pick(
            rng,
            (
                ("single", 45),
                ("married_filing_jointly", 30),
                ("head_of_household", 20),
                ("married_filing_separately", 5),
            ),
        )
    periods = _periods(rng, business)
    case["tax_periods"] = periods
    ids = [p["id"] for p in periods]
    last_assessed = max(date.fromisoformat(p["assessment_date"]) for p in periods)
    notices, final_date = _notices(rng, last_assessed, ids)
    case["notices"] = notices
    levies = _levies(rng, business, final_date, last_assessed, ids)
    if levies:
        case["levies"] = levies
    circumstances: dict[str, Any] = {}
    if rng.random() < 0.6:
        circumstances["represented"] = rng.random() < 0.2
    if rng.random() < 0.5:
        circumstances["unfiled_returns"] = rng.random() < 0.25
    if not business:
        size = _pick(rng, ((1, 35), (2, 25), (3, 18), (4, 13), (5, 6), (6, 3)))
        circumstances["household_size"] = size
        if rng.random() < 0.55:
            case["finances"] = _finances(rng, income, size)
    if circumstances:
        case["circumstances"] = circumstances
    _alternatives(rng, case, ids, levies)
    return case


def _periods(rng: random.Random, business: bool) -> list[dict[str, Any]]:
    span = range(2012, 2025)  # most debts are recent; a few are old enough for the statute to have run
    years = sorted(
        set(rng.choices(span, weights=[1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8], k=rng.choice((1, 1, 1, 2, 2, 3))))
    )
    out = []
    for year in years:
        form = rng.choice(("941",)) if business else "1040"
        assessed = date(year + 1, rng.randint(4, 8), rng.randint(1, 28))
        period: dict[str, Any] = {
            "id": f"{form}-{year}",
            "form": form,
            "period": str(year),
            "tax_kind": "employment" if business else "income",
            "assessment_date": _day(assessed),
            "balance": _money(rng.randint(800_00, 60_000_00)),
        }
        out.append(period)
    return out


def _notices(rng: random.Random, assessed: date, ids: list[str]) -> tuple[list[dict[str, Any]], date | None]:
    """The reminder sequence, cut short at random; then the final notice (LT11 or Letter 1058), or none."""
    out = []
    day = assessed + timedelta(days=rng.randint(5, 12))
    for kind in NOTICE_SEQUENCE[: rng.randint(1, len(NOTICE_SEQUENCE))]:
        if day >= ANCHOR:
            break
        out.append({"type": kind, "notice_date": _day(day), "tax_periods": list(ids)})
        day += timedelta(days=rng.randint(30, 60))
    final: date | None = None
    if rng.random() < 0.8:
        final = min(day + timedelta(days=rng.randint(30, 400)), ANCHOR - timedelta(days=rng.randint(1, 200)))
        final = max(final, assessed + timedelta(days=30))
        notice: dict[str, Any] = {"type": rng.choice(("LT11", "LT11", "Letter 1058")), "notice_date": _day(final)}
        notice["tax_periods"] = list(ids)
        if rng.random() < 0.3:
            notice["mailing_date"] = _day(final + timedelta(days=rng.randint(0, 4)))
        out.append(notice)
    return out, final


def _levies(
    rng: random.Random, business: bool, final: date | None, assessed: date, ids: list[str]
) -> list[dict[str, Any]]:
    count = _pick(rng, ((0, 10), (1, 70), (2, 20)))
    out = []
    for i in range(count):
        kind = _pick(rng, BUSINESS_LEVY_KINDS if business else LEVY_KINDS)
        start = final or assessed
        # most levies wait the 30 days after the final notice; some come too early
        early = rng.random() < 0.1
        served = start + timedelta(days=rng.randint(5, 29) if early else rng.randint(31, 500))
        served = min(served, ANCHOR - timedelta(days=rng.randint(0, 60)))
        levy: dict[str, Any] = {"id": f"{kind}-{i + 1}", "kind": kind, "served_date": _day(served)}
        levy["tax_periods"] = list(ids)
        levy["owner"] = _pick(rng, (("taxpayer", 95), ("third_party", 3), ("joint", 2)))
        if kind == "bank":
            levy["amount_taken"] = _money(rng.randint(50_00, 9_000_00))
            sent = served + timedelta(days=21) < ANCHOR and rng.random() < 0.8
            levy["proceeds_sent"] = sent
            if sent:
                levy["proceeds_sent_date"] = _day(served + timedelta(days=21 + rng.randint(0, 5)))
        elif kind == "wages":
            levy["pay_period"] = _pick(rng, PAY_PERIODS)
            levy["take_home_pay"] = _money(rng.randint(400_00, 2_400_00))
            levy["monthly_amount"] = _money(rng.randint(200_00, 2_000_00))
        elif kind in {"social_security", "federal_payment"}:
            levy["method"] = _pick(rng, (("fplp", 85), ("manual", 15)))
            levy["benefit_amount"] = _money(rng.randint(900_00, 2_800_00))
        else:
            levy["amount_taken"] = _money(rng.randint(100_00, 20_000_00))
        if rng.random() < 0.05:
            levy["released_date"] = _day(served + timedelta(days=rng.randint(1, 30)))
        out.append(levy)
    return out


def _finances(rng: random.Random, typical: int, size: int) -> dict[str, Any]:
    gross = max(900_00, int(typical * 100 * rng.uniform(0.45, 1.6)))
    net = gross * rng.randint(72, 86) // 100
    finances: dict[str, Any] = {
        "household_size": size,
        "income": [{"kind": "wages", "frequency": "monthly", "gross": _money(gross), "net": _money(net)}],
        "housing": _money(rng.randint(700_00, 3_200_00)),
        "utilities": _money(rng.randint(120_00, 450_00)),
        "out_of_pocket_health": _money(rng.randint(0, 250_00)),
        "health_insurance": _money(rng.randint(0, 600_00)),
        "current_taxes": _money(gross - net),
        "vehicles": [
            {
                "monthly_payment": _money(rng.choice((0, rng.randint(150_00, 650_00)))),
                "operating_cost": _money(rng.randint(120_00, 400_00)),
            }
        ]
        if rng.random() < 0.8
        else [],
        "assets": {"cash_on_hand": _money(rng.randint(0, 500_00))},
    }
    return finances


def _alternatives(rng: random.Random, case: dict[str, Any], ids: list[str], levies: list[dict[str, Any]]) -> None:
    first_levy = min((date.fromisoformat(lv["served_date"]) for lv in levies), default=ANCHOR - timedelta(days=90))
    roll = rng.random()
    if roll < 0.12:
        requested = first_levy + timedelta(days=rng.randint(-60, 45))
        requested = min(requested, ANCHOR - timedelta(days=1))
        status = _pick(rng, (("pending", 40), ("entered", 40), ("rejected", 20)))
        agreement: dict[str, Any] = {"status": status, "requested_date": _day(requested), "tax_periods": list(ids)}
        if status == "entered":
            agreement["entered_date"] = _day(min(requested + timedelta(days=rng.randint(1, 40)), ANCHOR))
            agreement["monthly_payment"] = _money(rng.randint(50_00, 900_00))
        elif status == "rejected":
            agreement["rejected_date"] = _day(min(requested + timedelta(days=rng.randint(10, 60)), ANCHOR))
        case["installment_agreements"] = [agreement]
    elif roll < 0.18:
        submitted = min(first_levy + timedelta(days=rng.randint(-90, 60)), ANCHOR - timedelta(days=1))
        offer: dict[str, Any] = {
            "status": "pending",
            "submitted_date": _day(submitted),
            "amount": _money(rng.randint(500_00, 9_000_00)),
        }
        offer["tax_periods"] = list(ids)
        case["offers"] = [offer]
    elif roll < 0.22:
        petition = min(first_levy + timedelta(days=rng.randint(-120, 30)), ANCHOR - timedelta(days=1))
        case["proceedings"] = {"bankruptcies": [{"petition_date": _day(petition), "chapter": rng.choice((7, 13))}]}
    elif roll < 0.26 and case["notices"]:
        final = date.fromisoformat(case["notices"][-1]["notice_date"])
        request = min(final + timedelta(days=rng.randint(10, 60)), ANCHOR)
        case["proceedings"] = {"hearing_requests": [{"request_date": _day(request), "tax_periods": list(ids)}]}
    for levy in levies:
        if levy["owner"] == "third_party":
            levy["third_party_interest"] = "the account is the owner's own savings"


MALFORMATIONS = ("bad_date", "bad_kind", "negative", "unknown_field", "not_a_number", "not_json")


def malform(rng: random.Random, case: dict[str, Any]) -> dict[str, Any] | str:
    """The case broken in one way a real inventory gets broken (a text line when it is not JSON at all)."""
    how = rng.choice(MALFORMATIONS)
    case = json.loads(json.dumps(case))
    if how == "bad_date":
        case["tax_periods"][0]["assessment_date"] = "2023-02-30"
    elif how == "bad_kind":
        case.setdefault("levies", [{"kind": "bank"}])[0]["kind"] = "boat"
    elif how == "negative":
        case["tax_periods"][0]["balance"] = "-125.00"
    elif how == "unknown_field":
        case["taxpayer"]["kindd"] = case["taxpayer"].pop("kind")
    elif how == "not_a_number":
        case.setdefault("circumstances", {})["household_size"] = "several"
    else:
        return '{"taxpayer": {"kind": "individual"'  # cut off mid-line
    return case


def cases(count: int, seed: int, malformed_rate: float = 0.0) -> list[tuple[str, dict[str, Any] | str]]:
    """(case id, case data or a broken line) for ``count`` cases; the same seed gives the same list."""
    return list(iter_cases(count, seed, malformed_rate))


def iter_cases(count: int, seed: int, malformed_rate: float = 0.0) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """``cases`` one at a time (a million cases as a list would hold gigabytes)."""
    rng = random.Random(seed)
    for i in range(count):
        case: dict[str, Any] | str = generate_case(rng)
        if malformed_rate and rng.random() < malformed_rate:
            case = malform(rng, case)  # type: ignore[arg-type]
        yield f"gen-{seed}-{i + 1:07d}", case


WRITE_BATCH_ROWS = 50_000  # CSV and Parquet are written this many rows at a time


def write_cases(out: Path, count: int, seed: int, malformed_rate: float = 0.0) -> None:
    """Write JSONL (``id`` on each line), CSV or Parquet (the flat columns of docs/batch-screening.md)."""
    suffix = out.suffix.lower()
    if suffix not in {".jsonl", ".ndjson", ".csv", ".parquet"}:
        raise GenerateError(f"--out: {out.name} must end in .jsonl, .csv or .parquet")
    if out.exists() and not out.is_file():
        raise GenerateError(f"--out: {out.name} exists and is not a file (a folder?)")
    rows = iter_cases(count, seed, malformed_rate)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        if suffix in {".jsonl", ".ndjson"}:
            with tmp.open("w", encoding="utf-8") as fh:
                for case_id, case in rows:
                    line = json.dumps({"id": case_id, **case}) if isinstance(case, dict) else case
                    fh.write(line + "\n")
        else:
            _write_table(rows, tmp, suffix)
        tmp.replace(out)
    finally:  # written whole under a name of its own and moved into place; on any failure nothing is left
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _write_table(rows: Iterator[tuple[str, dict[str, Any] | str]], tmp: Path, suffix: str) -> None:
    """The flat columns, written in batches of ``WRITE_BATCH_ROWS`` (memory does not grow with the count)."""
    import polars as pl
    import pyarrow.parquet as pq

    from levynav.screen.columns import CASE_JSON, all_columns, case_to_row

    schema = dict.fromkeys(all_columns(), pl.String)
    writer: pq.ParquetWriter | None = None
    with tmp.open("wb") as fh:
        if suffix == ".csv":
            fh.write(pl.DataFrame(schema=schema).write_csv().encode("utf-8"))  # the header, even with no rows
        while True:
            table = []
            for case_id, case in itertools.islice(rows, WRITE_BATCH_ROWS):
                if isinstance(case, dict):
                    table.append(case_to_row(case, case_id))
                else:  # a broken line becomes a case_json that is not JSON
                    table.append({**dict.fromkeys(all_columns()), "case_id": case_id, CASE_JSON: case})
            if not table and (suffix == ".csv" or writer is not None):
                break
            frame = pl.DataFrame(table, schema=schema, orient="row")
            if suffix == ".csv":
                frame.write_csv(fh, include_header=False)
                continue
            arrow = frame.to_arrow()
            if writer is None:
                writer = pq.ParquetWriter(fh, arrow.schema)
            writer.write_table(arrow)
            if not table:
                break
        if writer is not None:
            writer.close()
