"""A timeline picture (hand-written SVG) of the notices, levies, deadlines and collection statute dates.

One row per event in date order, with today's date (the analysis date) marked, so that a person sees
at a glance what already happened and what is still ahead. Built from the analysis (history and
deadlines) and the collection statute dates the core computed (`Analysis.collection_statute`), in the
person's language: every word from the explain/ catalogs, every date written as that language writes it
(explain/format.py). A label too long for its row wraps onto more lines; nothing is cut off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from levynav.core.model.analysis import Analysis as Record
from levynav.core.model.case import Case
from levynav.explain import catalog, format
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import period_name, render

WIDTH = 680
ROW = 26
TOP = 44
# Every colour has a contrast of at least 4.5:1 on white (WCAG 2.1 AA for text); kinds differ by shape too.
COLOURS = {
    "notice": "#1f5fa8",
    "levy": "#b00020",
    "event": "#555555",
    "deadline": "#a85000",
    "passed": "#767676",
    "csed": "#6a2c91",
    "today": "#111111",
}
LEGEND = [  # kind, and its word in the catalogs (packet.timeline_*)
    ("notice", "timeline_notice"),
    ("levy", "timeline_levy"),
    ("deadline", "timeline_deadline"),
    ("passed", "timeline_passed"),
    ("csed", "timeline_csed"),
]


@dataclass(frozen=True)
class Mark:
    day: date
    kind: str
    label: str


def _basis(analysis: Analysis, basis: str) -> str:
    key = f"packet.basis_{basis}"
    return analysis.words(key) if catalog.has(key, analysis.lang) else basis


def view(analysis: Record | Analysis, lang: str | None = None) -> Analysis:
    """The analysis in words: a rendered view as it is, a record rendered in ``lang`` (English when none)."""
    return analysis if isinstance(analysis, Analysis) else render(analysis, lang or "en")


TODAY = "packet.timeline_today"  # "Today (date of this packet)"; the web page says "Today" (packet.timeline_today_page)


def marks(case: Case, analysis: Record | Analysis, lang: str | None = None, today: str = TODAY) -> list[Mark]:
    """The rows of the picture, in the words of the view's language (``lang`` for a record, English by default);
    ``today`` is the catalog key of today's mark."""
    analysis = view(analysis, lang)
    out: list[Mark] = []
    for h in analysis.history:
        kind = "notice" if h.kind == "notice" else "levy" if h.kind in {"levy_served", "levy_released"} else "event"
        out.append(Mark(h.date, kind, h.event))
    for d in analysis.deadlines:
        passed = d.passed and not d.still_open  # a date passed but still open is marked as one ahead
        title = analysis.words("packet.timeline_passed_mark", title=d.title) if passed else d.title
        out.append(Mark(d.date, "passed" if passed else "deadline", title))
    for c in analysis.collection_statute:  # the record's CSEDs: the core is not run again
        if c.date is not None:
            # Safer date first: the CSED is marked on the later of the two counting readings (ADR 0002).
            day = max(c.date, c.alternative or c.date)
            words = analysis.words(
                "packet.timeline_csed_mark",
                period=period_name(c.period, analysis.lang),
                basis=_basis(analysis, c.basis),
            )
            out.append(Mark(day, "csed", words))
    out.append(Mark(analysis.as_of, "today", analysis.words(today)))
    order = {"notice": 0, "levy": 1, "event": 2, "today": 3, "passed": 4, "deadline": 5, "csed": 6}
    return sorted(out, key=lambda m: (m.day, order[m.kind]))


# Widths are estimated from the number of characters (DejaVu Sans at 11 px: about 6.6 px a character, 7.3 bold),
# generously, so that no text runs past its column in a browser or in the packet's PDF.
CHAR = 6.6
BOLD = 7.3
LINE = 14


def wrap(text: str, width: int) -> list[str]:
    """The words of ``text`` in lines of at most ``width`` characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def timeline_svg(case: Case, analysis: Record | Analysis, lang: str | None = None, today: str = TODAY) -> str:
    """The picture as SVG text, in the view's language (``lang`` for a record, English by default)."""
    analysis = view(analysis, lang)
    rows = marks(case, analysis, today=today)
    days = [format.date(m.day, analysis.lang) for m in rows]
    axis_x = 8 + round(BOLD * max(len(d) for d in days)) + 14
    text_x = axis_x + 16
    per_line = int((WIDTH - text_x - 8) // BOLD)

    legend: list[str] = []
    x, y = 8, 14
    for kind, key in LEGEND:
        text = analysis.words(f"packet.{key}")
        step = 36 + round(CHAR * len(text))
        if x > 8 and x + step > WIDTH:
            x, y = 8, y + 18
        legend.append(f'<circle cx="{x + 5}" cy="{y}" r="5" fill="{COLOURS[kind]}"/>')
        legend.append(f'<text x="{x + 14}" y="{y + 4}" fill="#333">{escape(text)}</text>')
        x += step

    body: list[str] = []
    top = y + TOP - 14
    ys: list[int] = []
    for m, day in zip(rows, days, strict=True):
        lines = wrap(m.label, per_line)
        height = max(ROW, LINE * len(lines) + 12)
        colour = COLOURS[m.kind]
        weight = "bold" if m.kind in {"today", "deadline"} else "normal"
        mid = top
        ys.append(mid)
        if m.kind == "today":
            body.append(f'<rect x="2" y="{mid - 11}" width="{WIDTH - 4}" height="{height - 4}" fill="#f1f1f1"/>')
        body.append(f'<text x="8" y="{mid + 4}" fill="{colour}" font-weight="{weight}">{escape(day)}</text>')
        if m.kind in {"deadline", "passed"}:
            body.append(
                f'<rect x="{axis_x - 6}" y="{mid - 6}" width="12" height="12" fill="{colour}" '
                f'transform="rotate(45 {axis_x} {mid})"/>'
            )
        else:
            body.append(f'<circle cx="{axis_x}" cy="{mid}" r="6" fill="{colour}"/>')
        spans = "".join(
            f'<tspan x="{text_x}" dy="{0 if n == 0 else LINE}">{escape(line)}</tspan>' for n, line in enumerate(lines)
        )
        body.append(f'<text x="{text_x}" y="{mid + 4}" fill="{colour}" font-weight="{weight}">{spans}</text>')
        top += height
    height = top - 10
    axis = f'<line x1="{axis_x}" y1="{ys[0] - 6}" x2="{axis_x}" y2="{ys[-1] + 6}" stroke="#bbbbbb" stroke-width="2"/>'
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="11" lang="{analysis.lang}">',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    return "\n".join([*head, *legend, axis, *body, "</svg>"])
