"""The inventory's summary (counts per flag) and a short Markdown and HTML report with two bar charts.

The summary is a table of (flag, value, cases): each yes/no flag counted as yes / no / unknown, each ground
or route by rule id, the next deadline by how many days are left. The charts are inline SVG written here
(no plotting library): cases per flag, and cases by days to the next deadline. The report is for the
clinic or program running the screen; it names rules by id with their titles, and holds no taxpayer data.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import polars as pl

from levynav.screen.flags import FLAG_COLUMNS, LIST_SEPARATOR

DAY_BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("0-7 days", 0, 7),
    ("8-30 days", 8, 30),
    ("31-90 days", 31, 90),
    ("91-365 days", 91, 365),
    ("over a year", 366, 10**9),
)
NO_DEADLINE = "no deadline ahead"
# The flags the first chart shows, with a plain label (the flag's column name stays in the table).
HEADLINE = (
    ("must_release", "a must-release ground"),
    ("may_release", "a may-release ground"),
    ("must_return", "money must be returned"),
    ("may_return", "money may be returned"),
    ("premature_levy", "premature levy"),
    ("barred_levy", "levy made while barred"),
    ("csed_passed", "collection statute passed"),
    ("hardship", "economic hardship"),
    ("routes_open", "an appeal or help route open"),
)


def summary(table: pl.DataFrame) -> list[tuple[str, str, int]]:
    rows: list[tuple[str, str, int]] = [("cases", "all", table.height)]
    if table.height == 0:
        return rows
    for status in ("ok", "error"):
        rows.append(("status", status, int((table["status"] == status).sum())))
    ok = table.filter(pl.col("status") == "ok")
    for name, kind in FLAG_COLUMNS:
        col = ok[name]
        if kind == "bool":
            rows += [
                (name, "yes", int(col.eq(True).sum())),
                (name, "no", int(col.eq(False).sum())),
                (name, "unknown", int(col.is_null().sum())),
            ]
        elif kind == "ids":
            rows.append((name, "any", int(col.is_not_null().sum())))
            counts: dict[str, int] = {}
            for value in col.drop_nulls().to_list():
                for rule in value.split(LIST_SEPARATOR):
                    counts[rule] = counts.get(rule, 0) + 1
            rows += [(name, rule, n) for rule, n in sorted(counts.items())]
        elif name == "next_deadline_id":
            counts = {}
            for value in col.drop_nulls().to_list():
                counts[value] = counts.get(value, 0) + 1
            rows += [(name, v, n) for v, n in sorted(counts.items())]
    rows += [("next_deadline_days_left", label, n) for label, n in deadline_buckets(ok)]
    return rows


def merge_summaries(parts: Iterable[list[tuple[str, str, int]]]) -> list[tuple[str, str, int]]:
    """The summary of a table from the summaries of its partitions, in the order ``summary`` gives the whole.

    Every count is a count of rows, so it adds up; a rule id or a deadline id seen in any partition is listed
    once, sorted within its flag as ``summary`` sorts it.
    """
    counts: dict[tuple[str, str], int] = {}
    for rows in parts:
        for flag, value, n in rows:
            counts[(flag, value)] = counts.get((flag, value), 0) + n
    if not counts:
        return [("cases", "all", 0)]
    order = {name: i for i, name in enumerate(["cases", "status", *(n for n, _ in FLAG_COLUMNS)])}
    last = len(order)  # the days-left buckets come after every flag, in their own order
    buckets = {label: i for i, (label, _, _) in enumerate(DAY_BUCKETS)} | {NO_DEADLINE: len(DAY_BUCKETS)}
    fixed = {"all": 0, "ok": 0, "error": 1, "yes": 0, "no": 1, "unknown": 2, "any": 0}

    def key(item: tuple[tuple[str, str], int]) -> tuple[int, int, str]:
        (flag, value), _ = item
        if flag == "next_deadline_days_left":
            return (last, buckets[value], "")
        if value in fixed:
            return (order[flag], fixed[value], "")
        return (order[flag], 1, value)  # a rule id or a deadline id: after "any", sorted

    return [(flag, value, n) for (flag, value), n in sorted(counts.items(), key=key)]


def deadline_buckets(ok: pl.DataFrame) -> list[tuple[str, int]]:
    days = ok["next_deadline_days_left"]
    out = [(label, int(((days >= lo) & (days <= hi)).sum())) for label, lo, hi in DAY_BUCKETS]
    return [*out, (NO_DEADLINE, int(days.is_null().sum()))]


def headline_counts(rows: Iterable[tuple[str, str, int]]) -> list[tuple[str, int]]:
    index = {(f, v): n for f, v, n in rows}
    out = []
    for name, label in HEADLINE:
        n = index.get((name, "yes"), index.get((name, "any"), 0))
        out.append((label, n))
    return out


def bar_chart_svg(title: str, bars: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG, with a title and a text label and count on every bar."""
    width, label_w, bar_h, gap = 640, 250, 22, 8
    top = 34
    height = top + len(bars) * (bar_h + gap) + 10
    most = max([n for _, n in bars] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{html.escape(title)}" font-family="sans-serif" font-size="13">',
        f"<title>{html.escape(title)}</title>",
        f'<text x="0" y="20" font-size="15" font-weight="bold">{html.escape(title)}</text>',
    ]
    for i, (label, n) in enumerate(bars):
        y = top + i * (bar_h + gap)
        w = round((width - label_w - 60) * n / most)
        parts += [
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{html.escape(label)}</text>',
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#005ea2"/>',
            f'<text x="{label_w + w + 6}" y="{y + 16}">{n}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def write_reports(
    rows: list[tuple[str, str, int]], as_of: date, summary_path: Path, md_path: Path, html_path: Path
) -> None:
    """The summary CSV, the Markdown and the HTML report, from the summary counts (``summary``)."""
    frame = pl.DataFrame(rows, schema={"flag": pl.String, "value": pl.String, "cases": pl.Int64}, orient="row")
    total = rows[0][2] if rows else 0
    buckets = [(value, n) for flag, value, n in rows if flag == "next_deadline_days_left"]
    flags_chart = bar_chart_svg("Cases by flag", headline_counts(rows))
    days_chart = bar_chart_svg("Cases by days to the next deadline", buckets)
    lines = _markdown(rows, as_of, total)
    _write_all(
        {
            summary_path: _csv(frame),
            md_path: "\n".join([*lines, "", flags_chart, "", days_chart, ""]),
            html_path: _html(lines, rows, as_of, flags_chart, days_chart),
        }
    )


def _csv(frame: pl.DataFrame) -> str:
    from levynav.screen.output import csv_safe  # output imports this module

    return csv_safe(frame.lazy()).collect().write_csv()


def _markdown(rows: list[tuple[str, str, int]], as_of: date, total: int) -> list[str]:
    index = {(f, v): n for f, v, n in rows}
    lines = [
        f"# Levy screening of {total} cases, as of {as_of.isoformat()}",
        "",
        f"{index.get(('status', 'ok'), 0)} cases screened, {index.get(('status', 'error'), 0)} rows could not be "
        "read (see the errors file). Each flag comes from the same analysis `levynav analyze` makes of one case.",
        "This is a screen, not legal advice: confirm each case's facts before acting on it.",
        "",
        "| flag | value | cases |",
        "| --- | --- | ---: |",
    ]
    lines += [f"| {f} | {v} | {n} |" for f, v, n in rows]
    return lines


def _html(lines: list[str], rows: list[tuple[str, str, int]], as_of: date, *charts: str) -> str:
    table_rows = "\n".join(
        f"<tr><td>{html.escape(f)}</td><td>{html.escape(v)}</td><td>{n}</td></tr>" for f, v, n in rows
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Levy screening as of {as_of.isoformat()}</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2rem .6rem}}
td:last-child{{text-align:right}}</style>
</head><body>
<h1>{html.escape(lines[0].removeprefix("# "))}</h1>
<p>{html.escape(lines[2])}</p>
<p>{html.escape(lines[3])}</p>
{charts[0]}
{charts[1]}
<h2>Counts per flag</h2>
<table><thead><tr><th>flag</th><th>value</th><th>cases</th></tr></thead><tbody>
{table_rows}
</tbody></table>
</body></html>
"""


def _write_all(texts: dict[Path, str]) -> None:
    """Every file or none: each is written to a temporary name first, and only when all are written (a full disk
    fails one of them) are they moved into place; the temporary files are never left behind."""
    tmps = {path: path.with_name(f".{path.name}.tmp") for path in texts}
    try:
        for path, text in texts.items():
            tmps[path].write_text(text, encoding="utf-8")
        for path, tmp in tmps.items():
            tmp.replace(path)
    finally:
        for tmp in tmps.values():
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
