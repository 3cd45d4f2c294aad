"""The timeline picture in the person's language: every word from the catalogs, every date as the language writes
it, nothing cut off, and well-formed SVG (the packet embeds it, the web result page shows it inline)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from levynav.core.analyze import analyze
from levynav.documents.timeline import BOLD, WIDTH, marks, timeline_svg
from levynav.explain import format
from levynav.explain.render import render
from levynav.intake.load import load_case
from tests.example_packets import AS_OF, EXAMPLES
from tests.test_explain import STOP

SVG = "{http://www.w3.org/2000/svg}"
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _names(path: Path) -> list[str]:
    """The names the case gives (banks, employers, agencies): names, not words of a language."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {"Levy Navigator"}
    for item in [data.get("taxpayer") or {}, *(data.get("levies") or []), *(data.get("notices") or [])]:
        out |= {" ".join(str(item[k]).split()) for k in ("name", "holder") if item.get(k)}
    return sorted(out, key=len, reverse=True)


def _lines(svg: str) -> list[tuple[str, float]]:
    """Every line of text in the picture with where it starts (a label's lines are its tspans)."""
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    out = []
    for t in root.iter(f"{SVG}text"):
        spans = list(t.iter(f"{SVG}tspan"))
        for part in spans or [t]:
            out.append(((part.text or "").strip(), float(part.get("x") or t.get("x") or 0)))
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_spanish_timeline_of_every_example_is_spanish_and_well_formed(path: Path) -> None:
    case = load_case(path)
    record = analyze(case, AS_OF)
    svg = timeline_svg(case, record, "es")
    assert svg == timeline_svg(case, render(record, "es"))  # a record in a language = that language's rendering
    lines = _lines(svg)
    text = " ".join(line for line, _ in lines)
    for name in _names(path):
        text = text.replace(name, " ")
    leaked = {w.casefold() for w in re.findall(r"[A-Za-z]+", text)} & STOP
    assert not leaked, f"English {sorted(leaked)} in {text!r}"
    assert not ISO.search(text), "a date not written the Spanish way"
    rows = marks(case, record, "es")
    for m in rows:  # each row's date as Spanish writes it ("3 de diciembre de 2026")
        assert format.date(m.day, "es") in text
    assert "Hoy" in text and "…" not in text  # today is marked; no label is cut off
    for line, x in lines:  # and no line runs past the picture's right edge
        assert x + BOLD * len(line) <= WIDTH, line


def test_the_english_timeline_writes_dates_the_english_way_and_wraps_long_labels() -> None:
    path = next(p for p in EXAMPLES if p.stem == "bank-levy-hardship-21-day-hold")
    case = load_case(path)
    record = analyze(case, AS_OF)
    svg = timeline_svg(case, record)
    text = " ".join(line for line, _ in _lines(svg))
    assert "November 23, 2026" in text and "Today" in text and not ISO.search(text)
    longest = max((m.label for m in marks(case, record)), key=len)
    root = ET.fromstring(svg)
    wrapped = [t for t in root.iter(f"{SVG}text") if len(list(t.iter(f"{SVG}tspan"))) > 1]
    joined = [" ".join((s.text or "") for s in t.iter(f"{SVG}tspan")) for t in wrapped]
    assert longest in joined  # the longest label is on more than one line, whole
