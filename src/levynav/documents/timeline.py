"""A timeline picture (hand-written SVG) of the notices, levies, deadlines and collection statute dates.

One row per event in date order, with today's date (the analysis date) marked, so that a person sees
at a glance what already happened and what is still ahead. Built from the analysis (history and
deadlines) and the collection statute dates the core computed (`Analysis.collection_statute`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from levynav.core.model.analysis import Analysis as Record
from levynav.core.model.case import Case
from levynav.explain import catalog
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import english

WIDTH = 680
ROW = 26
TOP = 44
COLOURS = {
    "notice": "#1f5fa8",
    "levy": "#b00020",
    "event": "#555555",
    "deadline": "#c45c00",
    "passed": "#9a9a9a",
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


def marks(case: Case, analysis: Record | Analysis) -> list[Mark]:
    """The rows of the picture, in the words of the view's language (English for a record)."""
    analysis = english(analysis)
    out: list[Mark] = []
    for h in analysis.history:
        kind = "notice" if h.kind == "notice" else "levy" if h.kind in {"levy_served", "levy_released"} else "event"
        out.append(Mark(h.date, kind, h.event))
    for d in analysis.deadlines:
        title = analysis.words("packet.timeline_passed_mark", title=d.title) if d.passed else d.title
        out.append(Mark(d.date, "passed" if d.passed else "deadline", title))
    for c in analysis.collection_statute:  # the record's CSEDs: the core is not run again
        if c.date is not None:
            # Safer date first: the CSED is marked on the later of the two counting readings (ADR 0002).
            day = max(c.date, c.alternative or c.date)
            words = analysis.words("packet.timeline_csed_mark", period=c.period, basis=_basis(analysis, c.basis))
            out.append(Mark(day, "csed", words))
    out.append(Mark(analysis.as_of, "today", analysis.words("packet.timeline_today")))
    order = {"notice": 0, "levy": 1, "event": 2, "today": 3, "passed": 4, "deadline": 5, "csed": 6}
    return sorted(out, key=lambda m: (m.day, order[m.kind]))


def _label(text: str, limit: int = 78) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline_svg(case: Case, analysis: Record | Analysis) -> str:
    analysis = english(analysis)
    rows = marks(case, analysis)
    height = TOP + ROW * len(rows) + 16
    axis_x = 118
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    x = 8
    for kind, key in LEGEND:
        text = analysis.words(f"packet.{key}")
        parts.append(f'<circle cx="{x + 5}" cy="14" r="5" fill="{COLOURS[kind]}"/>')
        parts.append(f'<text x="{x + 14}" y="18" fill="#333">{escape(text)}</text>')
        x += 26 + 7 * len(text)
    first, last = TOP - 6, TOP + ROW * (len(rows) - 1) + 6
    parts.append(f'<line x1="{axis_x}" y1="{first}" x2="{axis_x}" y2="{last}" stroke="#bbbbbb" stroke-width="2"/>')
    for n, m in enumerate(rows):
        y = TOP + ROW * n
        colour = COLOURS[m.kind]
        weight = "bold" if m.kind in {"today", "deadline"} else "normal"
        if m.kind == "today":
            parts.append(f'<rect x="2" y="{y - 11}" width="{WIDTH - 4}" height="22" fill="#f1f1f1"/>')
        parts.append(f'<text x="8" y="{y + 4}" fill="{colour}" font-weight="{weight}">{m.day.isoformat()}</text>')
        if m.kind in {"deadline", "passed"}:
            parts.append(
                f'<rect x="{axis_x - 6}" y="{y - 6}" width="12" height="12" fill="{colour}" '
                f'transform="rotate(45 {axis_x} {y})"/>'
            )
        else:
            parts.append(f'<circle cx="{axis_x}" cy="{y}" r="6" fill="{colour}"/>')
        label = escape(_label(m.label))
        parts.append(f'<text x="{axis_x + 16}" y="{y + 4}" fill="{colour}" font-weight="{weight}">{label}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
