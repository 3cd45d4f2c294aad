"""One packet per example per test process, shared by the tests that read packets page by page."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from levynav.core.analyze import analyze
from levynav.documents.packet import Packet, build_packet
from levynav.intake.load import load_case

AS_OF = date(2026, 11, 23)
EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@cache
def packet(path: Path, lang: str = "en") -> Packet:
    case = load_case(path)
    return build_packet(case, analyze(case, AS_OF), lang)
