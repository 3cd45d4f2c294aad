"""Pages a person reads hold no machine words, one date format, page numbers across the packet (issue 9).

Every page of every example's packet is read back from the PDF (pypdf for the words, pdfplumber for where
they sit). The official IRS forms are the IRS's own pages and are checked only for the packet page number.
"""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from levynav.core.analyze import analyze
from levynav.documents.packet import MAX_LETTERS_PER_KIND, Packet, build_packet
from levynav.documents.pdf import page_count
from levynav.intake.load import case_from_data
from tests.example_packets import AS_OF, EXAMPLES, packet

MACHINE_WORDS = (
    "topmostSubform",
    "[field ",
    "reference TAS-",
    "reference CDP-",
    "[S]",
    "[V]",
    "[P]",
    "NOT KNOWN",
    "not known not known",
    "as remembered from revision",
    "$-",
    "None",
)
RULE_ID = re.compile(r"(?<![\w&])(?:R\d{3,4}-[A-Z0-9]+|(?:TAS|CDP|CAP|EH|RBK|RF8546|RJA|RRET|LITC|IA|CFS)-\d+[A-Z]?)\b")
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
SLASHED = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")
LONG = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b"
)


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def official_pages(p: Packet) -> set[int]:
    """Page numbers (from 1) of the official IRS forms inside the packet."""
    out: set[int] = set()
    n = p.cover_pages
    for item in p.items:
        count = page_count(item.pdf)
        if item.kind == "official_pdf":
            out |= set(range(n + 1, n + count + 1))
        n += count
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_page_is_numbered_across_the_packet_and_none_is_blank(path: Path) -> None:
    texts = pages(packet(path).pdf)
    for n, text in enumerate(texts, start=1):
        assert f"Packet page {n} of {len(texts)}" in text, f"page {n}"
        body = text.replace(f"Packet page {n} of {len(texts)}", "")
        assert len(body.split()) >= 8, f"page {n} is (nearly) blank"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_pages_a_person_reads_hold_no_machine_words_and_one_date_format(path: Path) -> None:
    p = packet(path)
    skip = official_pages(p)
    for n, text in enumerate(pages(p.pdf), start=1):
        if n in skip:
            continue
        flat = " ".join(text.split())
        for words in MACHINE_WORDS:
            assert words not in flat, f"page {n}: {words!r}"
        assert not RULE_ID.findall(flat), f"page {n}: {RULE_ID.findall(flat)}"
        formats = [name for name, rx in (("iso", ISO), ("slashed", SLASHED), ("long", LONG)) if rx.search(flat)]
        assert len(formats) <= 1, f"page {n} mixes date formats {formats}: {ISO.findall(flat) + SLASHED.findall(flat)}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_text_stays_inside_the_page(path: Path) -> None:
    """Tables fit the page: no character of a packet page (forms aside) runs past the right margin."""
    p = packet(path)
    skip = official_pages(p)
    with pdfplumber.open(io.BytesIO(p.pdf)) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            if n in skip:
                continue
            widest = max((c["x1"] for c in page.chars), default=0)
            assert widest <= page.width - 28, f"page {n}: text reaches x={widest:.0f} of {page.width:.0f}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_letters_name_their_recipient_once(path: Path) -> None:
    for item in packet(path).items:
        if item.kind in ("official_pdf", "worksheet"):
            continue
        head = [line.strip() for line in pages(item.pdf)[0].splitlines()[:12]]
        irs = [line for line in head if line.startswith("Internal Revenue Service")]
        assert len(irs) <= 1, (item.filename, irs)
        for a, b in itertools.pairwise(head):
            assert not (a and b.startswith(a) and len(a) > 6), (item.filename, a, b)


def test_money_below_zero_has_the_minus_before_the_dollar_sign() -> None:
    from levynav.core.law.rule import humanize
    from levynav.documents.lettering import money

    assert money("-465.40") == "\u2212$465.40"
    assert humanize(__import__("decimal").Decimal("-465.40")) == "\u2212$465.40"
    assert money("465.4") == "$465.40"


def huge_case(levies: int) -> dict[str, object]:
    return {
        "taxpayer": {"kind": "individual", "name": "Pat Many", "address": "1 Main St; Springfield, IL 62701"},
        "tax_periods": [{"id": "1040-2022", "form": "1040", "period": "2022", "assessment_date": "2023-05-29"}],
        "notices": [{"type": "LT11", "notice_date": "2026-01-05", "tax_periods": ["1040-2022"]}],
        "circumstances": {"economic_hardship": True},
        "levies": [
            {
                "id": f"bank-{i}",
                "kind": "bank",
                "served_date": "2026-11-16",
                "holder": f"Bank number {i}",
                "owner": "taxpayer",
                "tax_periods": ["1040-2022"],
            }
            for i in range(levies)
        ],
    }


def test_a_huge_case_gets_a_bounded_packet_that_says_what_it_left_out() -> None:
    case = case_from_data(huge_case(24), "test")
    p = build_packet(case, analyze(case, AS_OF))
    kinds: dict[str, int] = {}
    for item in p.items:
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
    assert kinds.get("release_request") == MAX_LETTERS_PER_KIND
    assert all(n <= MAX_LETTERS_PER_KIND for n in kinds.values())
    left = {x.title for x in p.left_out}
    assert len(p.left_out) >= 2 * (24 - MAX_LETTERS_PER_KIND)
    text = " ".join(" ".join(pages(p.pdf)).split())
    assert f"{len(p.left_out)} more letters not in this packet" in text
    assert "Letters not in this packet" in text
    assert "Request to release the levy" in left and "6–24" in text  # the levies the release requests left out
    assert page_count(p.pdf) < 120


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_page_of_the_cover_holds_a_lonely_line(path: Path) -> None:
    """Every page of the cover holds real content besides the disclaimer and the page stamp: its short lists
    (the contents) are kept whole, never one line left on a page of its own."""
    p = packet(path)
    texts = pages(p.pdf)
    for n, text in enumerate(texts[: p.cover_pages], start=1):
        flat = " ".join(text.split())
        flat = flat.replace(f"Packet page {n} of {len(texts)}", "").replace("Your IRS levy packet", "")
        start = flat.find("Levy Navigator explains the law")
        body = flat[:start] if start >= 0 else flat
        assert len(body.split()) >= 15, f"cover page {n} holds only {body!r}"
