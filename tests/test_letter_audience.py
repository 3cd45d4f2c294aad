"""Two audiences, never mixed (issue 9): letters to the IRS, a bank or an employer hold the request, the facts,
the grounds and the citations in formal English; the taxpayer's pages hold the plain words and caveats.

Every letter of every example's packet is read back from its PDF and searched for text meant only for the
taxpayer and for internal identifiers (rule ids, parameter ids, status codes).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from levynav.core import params
from levynav.core.law import registry
from levynav.core.law.catalog import MODULES
from levynav.core.law.rule import Rule
from levynav.core.model.analysis import Effect
from levynav.documents.letters import KIND_ORDER
from levynav.documents.pdf import pdf_text
from levynav.lawbook import datafiles
from tests.example_packets import EXAMPLES, packet

# Words written to the taxpayer (explanations, caveats, instructions); none belongs in an outgoing letter.
TAXPAYER_ONLY = (
    "Levy Navigator",
    "explanation to the taxpayer",
    "In plain words",
    "not verified",
    "unverified",
    "secondary source",
    "Rests in part",
    "call the IRS",
    "before the money leaves",
    "Before you send",
    "remove this box",
    "not legal advice",
    "talk to a tax professional",
    "before you rely on it",
    "your copy of the levy",
    "Publication 4235 lists",
    "find it at",
    "causing you",
    "have your proof",
    "ask right away",
)
# The shape of an internal rule id (R6343-A1, TAS-5, RBK-362, CDP-5, RF8546-1); "Q&A-C1" of a regulation,
# a form number (Form 668-D) or a phone number does not have it.
RULE_ID_SHAPE = re.compile(r"(?<![\w&])(?:R\d{3,4}-[A-Z0-9]+|[A-Z]{2,5}\d{0,4}-\d+[A-Z]?\d*)(?![\w-])")
ALLOWED_SHAPES = {"W-2", "W-4", "SS-4"}
# The shape of a parameter id (standards.health_care, alt.guaranteed_ia.max_tax): dotted, with an underscore.
PARAMETER_ID_SHAPE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)*(?:\.[a-z0-9]+(?:_[a-z0-9]+)*)*\.[a-z0-9]*_[a-z0-9_]*\b")


@cache
def internal_ids() -> frozenset[str]:
    return frozenset(set(registry.registry()) | set(params.all_params()))


def letter_texts(path: Path) -> list[tuple[str, str]]:
    return [
        (item.filename, " ".join(pdf_text(item.pdf).split())) for item in packet(path).items if item.kind in KIND_ORDER
    ]


def offences(text: str) -> list[str]:
    found = [phrase for phrase in TAXPAYER_ONLY if phrase.casefold() in text.casefold()]
    found += [m for m in RULE_ID_SHAPE.findall(text) if m not in ALLOWED_SHAPES]
    found += PARAMETER_ID_SHAPE.findall(text)
    words = set(re.findall(r"[\w.\-\[\]:]+", text))
    found += sorted(i for i in internal_ids() if i in words)
    found += re.findall(r"\((?:V|S|U)\)|\[(?:V|S|U)\]", text)
    return list(dict.fromkeys(found))


def test_the_checker_catches_what_it_is_for() -> None:
    assert offences("In plain words (Levy Navigator's explanation to the taxpayer): call the IRS now")
    assert offences("see rule R6343-A4 and TAS-5") == ["R6343-A4", "TAS-5"]
    assert "standards.health_care" in offences("parameter standards.health_care[under_65] applies")
    assert "alt.guaranteed_ia.max_tax" in offences("see alt.guaranteed_ia.max_tax")
    assert offences("Treas. Reg. § 301.6330-1(c)(2) Q&A-C1; Form 668-D; 1-800-829-7650; Form W-2") == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_outgoing_letters_hold_no_taxpayer_only_text_and_no_internal_id(path: Path) -> None:
    letters = letter_texts(path)
    for filename, text in letters:
        assert text, filename
        assert not offences(text), f"{path.stem} {filename}: {offences(text)}"


@pytest.mark.parametrize("path", EXAMPLES[:3], ids=lambda p: p.stem)
def test_the_taxpayer_pages_keep_the_plain_words_and_the_caveat(path: Path) -> None:
    """What leaves the letters is still on the cover and back pages, which go to nobody but the taxpayer."""
    p = packet(path)
    whole = " ".join(pdf_text(p.pdf).split())
    assert "not legal advice" in whole
    assert "Your IRS levy packet" in whole


def test_every_ground_a_letter_can_name_has_a_formal_heading() -> None:
    headings = datafiles.load_yaml("documents/grounds.yaml")
    for module in MODULES:
        for rule in (getattr(module, n) for n in dir(module)):
            if isinstance(rule, Rule) and rule.effect not in (None, Effect.INFO):
                assert rule.id in headings, f"{rule.id} has no letter heading in data/documents/grounds.yaml"
                assert not offences(headings[rule.id]), rule.id
                assert not re.search(r"\byou(r)?\b", headings[rule.id], re.IGNORECASE), rule.id


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_taxpayer_pages_show_no_internal_id(path: Path, lang: str) -> None:
    """The pages only the taxpayer reads (cover, reading copies, checklist, confirm-the-release, timeline, still
    missing), in English and in Spanish, name no reference id, parameter id or status code either: a source is its
    citation, a figure its value. The case file's field paths of the "still missing" table are how the person finds
    a fact, and stay."""
    import io

    from pypdf import PdfReader

    p = packet(path, lang)
    texts = [page.extract_text() or "" for page in PdfReader(io.BytesIO(p.pdf)).pages]
    fields = [re.compile(r"\s?".join(map(re.escape, m["path"]))) for m in p.missing]
    for n, (kind, text) in enumerate(zip(p.page_kinds(), texts, strict=True), start=1):
        if kind not in {"cover", "reading", "back"}:
            continue  # the letters and forms: test_outgoing_letters_hold_no_taxpayer_only_text_and_no_internal_id
        flat = " ".join(text.split())
        for field in fields:
            flat = field.sub(" ", flat)
        found = [f for f in offences(flat) if f not in TAXPAYER_ONLY]
        assert not found, f"{path.stem} ({lang}) page {n} ({kind}): {found}"
