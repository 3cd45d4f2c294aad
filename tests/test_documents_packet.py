"""The packet for every example: readable text, pages that render non-blank, the files, what is missing."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from levynav.cli.app import app
from levynav.core.analyze import analyze
from levynav.documents.packet import Packet, build_packet
from levynav.documents.pdf import page_count, pdf_text
from levynav.intake.load import case_from_data, load_case

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = date(2026, 11, 23)


def flat(text: str) -> str:
    return " ".join(text.split())


def packet_for(path: Path) -> Packet:
    case = load_case(path)
    return build_packet(case, analyze(case, AS_OF))


def page_images(pdf: bytes, tmp: Path) -> list[Image.Image]:
    src = tmp / "doc.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(src), str(tmp / "page")], check=True)
    return [Image.open(io.BytesIO(p.read_bytes())).convert("L") for p in sorted(tmp.glob("page*.png"))]


def ink(image: Image.Image) -> float:
    """Share of pixels that are not (near) white."""
    histogram = image.histogram()
    return sum(histogram[:200]) / (image.width * image.height)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_packet_text_lists_every_item_and_every_pdf_reads_back(path: Path, tmp_path: Path) -> None:
    packet = packet_for(path)
    text = flat(pdf_text(packet.pdf))
    assert "Your IRS levy packet" in text
    for section in ("Documents to attach, by reason", "Confirm the release", "Timeline", "What is still missing"):
        assert section in text
    assert "Form 668-D" in text
    for item in packet.items:
        assert item.title in text
        assert flat(pdf_text(item.pdf)), f"{item.filename} has no text"
        assert flat(item.title)[:25] in text
    assert page_count(packet.pdf) >= 5 + len(packet.items)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is installed by make")
@pytest.mark.parametrize(
    "name", ["bank-levy-hardship-21-day-hold", "wrongful-levy-relatives-account", "cdp-request-on-day-31"]
)
def test_every_page_renders_with_content(name: str, tmp_path: Path) -> None:
    packet = packet_for(EXAMPLES / f"{name}.yaml")
    images = page_images(packet.pdf, tmp_path)
    assert len(images) == page_count(packet.pdf)
    for n, image in enumerate(images, start=1):
        lo, hi = image.getextrema()
        assert lo < 100 and hi > 240, f"page {n} has no contrast"
        assert ink(image) > 0.003, f"page {n} is blank"


def test_cover_says_certified_mail_for_deadlines_and_why() -> None:
    packet = packet_for(EXAMPLES / "wrongful-levy-relatives-account.yaml")
    text = flat(pdf_text(packet.pdf))
    assert "Certified mail, return receipt requested" in text
    assert "7502" in text
    claim = next(i for i in packet.items if i.kind == "wrongful_levy_claim")
    assert claim.by == date(2028, 10, 4)  # day before the anniversary (safer date first)
    assert "October 4, 2028" in text


def test_checklist_lists_papers_only_for_grounds_found() -> None:
    text = flat(pdf_text(packet_for(EXAMPLES / "bankruptcy-before-levy.yaml").pdf))
    assert "bankruptcy petition" in text
    assert "Proof of ownership" not in text
    text = flat(pdf_text(packet_for(EXAMPLES / "wrongful-levy-relatives-account.yaml").pdf))
    assert "Proof of ownership" in text
    assert "bankruptcy petition" not in text


def test_a_case_with_missing_facts_lists_what_is_missing() -> None:
    case = case_from_data(
        {
            "taxpayer": {"kind": "individual"},
            "circumstances": {"economic_hardship": True},
            "levies": [{"kind": "wages", "owner": "taxpayer"}],
        },
        "test",
    )
    packet = build_packet(case, analyze(case, AS_OF))
    paths = {m["path"] for m in packet.missing}
    assert {"taxpayer.name", "taxpayer.address", "levies[0].holder", "levies[0].served_date"} <= paths
    text = flat(pdf_text(packet.pdf))
    assert "What is still missing" in text
    assert "[missing: your name]" in text
    assert "Levy 1 — date served" in text  # the case field in words, not its path (explain.field_names)


def test_cli_writes_the_packet_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["packet", str(EXAMPLES / "bank-levy-hardship-21-day-hold.yaml"), "--out", str(out), "--as-of", "2026-11-23"],
    )
    assert result.exit_code == 0, result.output
    for name in ("packet.pdf", "deadlines.ics", "timeline.svg", "contents.json"):
        assert (out / name).stat().st_size > 0
    letters = sorted((out / "letters").glob("*.pdf"))
    assert letters and all(flat(pdf_text(p.read_bytes())) for p in letters)
    svg = (out / "timeline.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "December 3, 2026" in svg and "Collection period (CSED)" in svg


def test_cli_rejects_bad_input_with_the_field_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("taxpayer: {kind: alien}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["packet", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "taxpayer.kind" in result.output
    assert not (tmp_path / "out").exists()


def test_a_cdp_route_reopened_by_combat_zone_service_puts_form_12153_in_the_packet() -> None:
    """PP-7508 ``reopens``: the LT11 of 2024-06-03 gave a CDP date (2024-07-03) that passed during combat-zone service
    (2024-06-20 to 2025-09-30, plus 180 days); the postponed date (April 2026) has not, while the one-year
    equivalent-hearing date (2025-06-03, not postponed) has. The act-now step sends Form 12153, so the packet holds
    it (before, no step or open route called for the form and the packet left it out)."""
    case = case_from_data(
        {
            "taxpayer": {"kind": "individual"},
            "notices": [{"type": "LT11", "notice_date": "2024-06-03"}],
            "proceedings": {"postponements": [{"kind": "combat_zone", "start": "2024-06-20", "end": "2025-09-30"}]},
        },
        "test",
    )
    analysis = analyze(case, date(2026, 1, 15))
    step = analysis.plan[0]
    assert "PP-7508" in step.rules and step.forms[:1] == ["12153"], step
    packet = build_packet(case, analysis)
    assert "12153" in {i.form_id for i in packet.items}
