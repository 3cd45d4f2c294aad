"""A person is pointed to the official text of the law a finding rests on, never to the mirror, blog or law firm's
copy where the registry's text was read (that address stays in the data and the JSON record as provenance)."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from levynav import analyze, load_case
from levynav.core.model.analysis import Outcome
from levynav.explain import official_text
from levynav.explain.html import analysis_html
from levynav.explain.official_text import OFFICIAL_HOSTS, Kind, is_official, links_for, official_links, official_source

AS_OF = date(2026, 11, 23)
DATA = Path(official_text.__file__).resolve().parents[1] / "data"

USC = "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title{}-section{}&num=0&edition=prelim"
CFR = "https://www.ecfr.gov/current/title-26/section-{}"

# real cites from the registry and the parameters, and the official texts each names, in order
CASES: list[tuple[str, list[str]]] = [
    ("26 U.S.C. § 6343(a)(1)(D); 26 C.F.R. § 301.6343-1(b)(4)(i)", [USC.format(26, 6343), CFR.format("301.6343-1")]),
    (
        "11 U.S.C. § 362(c)(3)(A)–(B), (c)(4)(A)–(C) (BAPCPA, Pub. L. 109-8 § 302, cases filed on or after 2005-10-17)",
        [USC.format(11, 362), "https://www.govinfo.gov/content/pkg/PLAW-109publ8/pdf/PLAW-109publ8.pdf"],
    ),
    (
        "Treas. Reg. §§ 301.6330-1(i), 301.6320-1(i); irs.gov CDP page; TAS Form 12153 page",
        [CFR.format("301.6330-1"), CFR.format("301.6320-1"), "https://www.irs.gov/pub/irs-pdf/f12153.pdf"],
    ),
    ("26 U.S.C. §§ 7502(a), (c), (d); 7503", [USC.format(26, 7502), USC.format(26, 7503)]),
    (
        "Pub 1660 (Rev. 2-2014) as quoted; 26 U.S.C. §§ 6159(b)(5), (e); 6331(k)(2)–(3); 7122(e)",
        ["https://www.irs.gov/pub/irs-pdf/p1660.pdf", USC.format(26, 6159), USC.format(26, 6331), USC.format(26, 7122)],
    ),
    ("IRM 5.11.2.3.1(3)", ["https://www.irs.gov/irm/part5/irm_05-011-002"]),
    (
        "IRM 5.7.3 and 5.7.4 (trust fund recovery penalty; Letter 1153); IRM 5.14.7 (business installment agreements)",
        [
            "https://www.irs.gov/irm/part5/irm_05-007-003",
            "https://www.irs.gov/irm/part5/irm_05-007-004",
            "https://www.irs.gov/irm/part5/irm_05-014-007",
        ],
    ),
    ("IRM 13.1.7.3 (case acceptance criteria; revised 2026-03-09)", ["https://www.irs.gov/irm/part13/irm_13-001-007"]),
    ("26 U.S.C. § 6331(h), § 6334(f); SSA POMS GN 02410.305", [USC.format(26, 6331), USC.format(26, 6334)]),
    (
        "26 U.S.C. § 6343(f); Pub. L. 115-123 (Bipartisan Budget Act of 2018) div. D § 41104",
        [USC.format(26, 6343), "https://www.govinfo.gov/content/pkg/PLAW-115publ123/pdf/PLAW-115publ123.pdf"],
    ),
    # a section of an act is the act's, never the Code's
    (
        "26 U.S.C. § 6330(d)(1) as enacted by Pub. L. 105-206, § 3401(b), 112 Stat. 749",
        [USC.format(26, 6330), "https://www.govinfo.gov/content/pkg/PLAW-105publ206/pdf/PLAW-105publ206.pdf"],
    ),
    (
        "26 U.S.C. § 7122(c)(1)(A) (TIPRA 2005 § 509); Form 656 (Rev. 4-2025) Section 4",
        [USC.format(26, 7122), "https://www.irs.gov/pub/irs-pdf/f656.pdf"],
    ),
    ("Form 433-A (OIC) (Rev. 4-2025) Sections 3, 8", ["https://www.irs.gov/pub/irs-pdf/f433aoi.pdf"]),
    ("Form 656-B booklet (Offer in Compromise Pre-Qualifier)", ["https://www.irs.gov/pub/irs-pdf/f656b.pdf"]),
    (
        "26 C.F.R. 300.1; Instructions for Form 9465 (Rev. July 2024)",
        [CFR.format("300.1"), "https://www.irs.gov/pub/irs-pdf/i9465.pdf"],
    ),
    (
        "26 C.F.R. 300.3(b)(1) as amended by T.D. 9894 (85 FR 14567); Form 656 (Rev. 4-2025)",
        [CFR.format("300.3"), "https://www.irs.gov/pub/irs-pdf/f656.pdf"],
    ),
    ("26 U.S.C. § 6323(j); Treas. Reg. § 301.6323(j)-1(a)", [USC.format(26, 6323), CFR.format("301.6323(j)-1")]),
    (
        "Notice 2006-68; IRM 5.8; Bauche v. Commissioner, T.C. Memo. 2025-48",
        ["https://www.irs.gov/pub/irs-drop/n-06-68.pdf"],
    ),
    (
        "Rev. Proc. 2025-32 as cited by public rule-engine repositories",
        ["https://www.irs.gov/pub/irs-drop/rp-25-32.pdf"],
    ),
    ("IRS Publication 3598; 26 U.S.C. § 6511", ["https://www.irs.gov/pub/irs-pdf/p3598.pdf", USC.format(26, 6511)]),
    ("50 U.S.C. § 3991 (Servicemembers Civil Relief Act)", [USC.format(50, 3991)]),
    (
        "IRS Form 8546 (Rev. November 2024); 31 U.S.C. § 3723; IRS Policy Statement P-5-39",
        ["https://www.irs.gov/pub/irs-pdf/f8546.pdf", USC.format(31, 3723)],
    ),
    # a temporary regulation has no current text; a § with no code before it names no code
    ("Treas. Reg. § 301.6330-1T (T.D. 8809, effective 1999-01-19) — not read", []),
    ("§ 6343(a)(1) alone", []),
    # a court case, a Revenue Ruling, a Chief Counsel notice, a web page in words, a law before GPO's collection
    ("Vinatieri v. Commissioner, 133 T.C. 392 (2009)", []),
    ("Chief Counsel Notice CC-2011-005 (Nov. 22, 2010)", []),
    ("Rev. Rul. 73-310", []),
    ("irs.gov, Simple payment plans for individual taxpayers", []),
    ("Pub. L. 89-719 (Federal Tax Lien Act of 1966)", []),
    ("IRM 5.14 (non-streamlined agreements), as summarized", []),
    ("IRS Notice 1439 (Form 668-W instructions)", []),
]


@pytest.mark.parametrize(("cite", "urls"), CASES)
def test_a_citation_gives_the_official_texts_it_names(cite: str, urls: list[str]) -> None:
    assert [link.url for link in official_links(cite)] == urls


def test_labels_name_the_section_as_a_lawyer_cites_it() -> None:
    got = [link.label for link in official_links("26 U.S.C. § 6343(a)(1)(D); 26 C.F.R. § 301.6343-1(b)(4)(i)")]
    assert got == ["26 U.S.C. § 6343", "26 C.F.R. § 301.6343-1"]
    assert [link.label for link in official_links("IRM 5.11.2.2.1")] == ["IRM 5.11.2"]


def test_the_spanish_edition_only_where_one_exists() -> None:
    es = links_for("Form 12153 (Rev. 2-2020); Form 656 (Rev. 4-2025)", "", "es")
    assert es == [
        {"label": "Form 12153", "url": "https://www.irs.gov/pub/irs-pdf/f12153.pdf"},
        {"label": "Form 12153 (SP)", "url": "https://www.irs.gov/pub/irs-pdf/f12153sp.pdf"},
        {"label": "Form 656", "url": "https://www.irs.gov/pub/irs-pdf/f656.pdf"},
    ]
    assert links_for("Form 12153", "", "en") == [es[0]]


def test_a_stored_source_is_shown_only_when_its_host_is_official() -> None:
    source = (
        "https://law.onecle.com/tax/2004/albin.tcm.wpd22.html; http://www.irs.gov/Individuals/Collection-Appeals-Program"
        " (archived); https://secure.ssa.gov/poms.nsf/lnx/0202410305, https://checkoutapi.com/uscode/26/6343/notes"
        " https://aspe.hhs.gov/topics/poverty https://www.hhs.gov/aspe/x https://www.hhs.gov/other"
        " https://irs.gov.example.com/x https://evil.com/?u=https://www.irs.gov"
    )
    assert official_source(source) == [
        "https://www.irs.gov/Individuals/Collection-Appeals-Program",
        "https://secure.ssa.gov/poms.nsf/lnx/0202410305",
        "https://aspe.hhs.gov/topics/poverty",
        "https://www.hhs.gov/aspe/x",
    ]
    # a cite and an official source naming the same address show it once
    links = links_for("IRM 5.11.2", "https://www.irs.gov/irm/part5/irm_05-011-002", "en")
    assert [x["url"] for x in links] == ["https://www.irs.gov/irm/part5/irm_05-011-002"]


def test_the_allowlist_refuses_lookalikes_and_other_schemes() -> None:
    assert is_official("https://taxpayeradvocate.irs.gov/get-help/")
    assert is_official("https://www.uscourts.gov/x") and is_official("https://ecf.cacb.uscourts.gov/x")
    for url in (
        "https://notirs.gov/x",
        "https://irs.gov.evil.com/x",
        "javascript:alert(1)",
        "ftp://irs.gov/x",
        "https://hhs.gov/aspex",
        "//irs.gov/x",
        "https://[::1/x",
        "",
    ):
        assert not is_official(url), url


def _registry() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted((DATA / "references").glob("*.yaml")):
        for rid, entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            out.append((rid, str(entry["cite"]), str(entry.get("source", ""))))
    return out


# what a cite with no official link must be: a kind of authority for which no stable official address is built
NO_LINK_KINDS = {
    "court case": re.compile(r"\bv\.\s|\bIn re\b"),
    "IRM chapter": re.compile(r"\bIRM \d+\.\d+\b(?!\.\d)"),
    "web page or blog named in words": re.compile(r"irs\.gov|\bTAS\b|Blog|page\b", re.I),
    "Chief Counsel document": re.compile(r"Chief Counsel|\bCC-\d"),
    "HHS poverty guidelines": re.compile(r"\bHHS\b"),
    "no authority (a note that none exists or a constructed example)": re.compile(
        r"^(?:none found|no statute|constructed|composed|general knowledge|IRS training)"
    ),
}
LINKED = re.compile(r"U\.S\.C\.|C\.F\.R\.|Treas\. Reg\.|\bIRM \d+\.\d+\.\d+|\bForm \d|\bPub(?:lication)?\.? \d")


def test_every_registry_cite_gives_an_official_link_or_is_a_kind_with_none() -> None:
    registry = _registry()
    assert len(registry) > 150
    linked = 0
    for rid, cite, _ in registry:
        links = official_links(cite)
        assert all(is_official(link.url) for link in links), rid
        if LINKED.search(cite):
            assert links, (rid, cite)
        if links:
            linked += 1
            continue
        kinds = [k for k, pattern in NO_LINK_KINDS.items() if pattern.search(cite)]
        assert kinds, f"{rid}: {cite!r} names no official text and is no known kind without one"
    assert linked > 0.8 * len(registry)
    # every kind of link is one the registry uses (Rev. Proc. 2018-58's list of postponed acts, PP-ACTS, is the
    # registry's first Revenue Procedure)
    assert {link.kind for _, cite, _ in registry for link in official_links(cite)} == set(Kind)


def test_the_figures_sources_link_only_official_text() -> None:
    for path in sorted((DATA / "parameters").glob("*.yaml")):
        for param in yaml.safe_load(path.read_text(encoding="utf-8")):
            for value in param.get("values", []):
                for lang in ("en", "es"):
                    for link in links_for(value["source"], value["source"], lang):
                        assert is_official(link["url"]), (param["id"], link)


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,;:()§–-abcdefTUSCFRIMPubLForm/\\\"'<>&\n\t")), max_size=300))
def test_hostile_cites_never_raise_and_link_only_official_text(cite: str) -> None:
    for link in official_links(cite):
        assert is_official(link.url)
    for lang in ("en", "es"):
        for link in links_for(cite, cite, lang):
            assert is_official(link["url"])


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=400))
def test_any_text_never_raises(text: str) -> None:
    official_links(text)
    official_source(text)
    links_for(text, text, "es")


class Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k in ("href", "src") and v]


def external_links(page: str) -> list[str]:
    """Every address on a page that leaves it (not a path on the app itself, not an anchor, not a phone number to
    call: ``tel:`` opens no page)."""
    parser = Hrefs()
    parser.feed(page)
    return [h for h in parser.hrefs if not h.startswith(("/", "#", "?")) and not h.startswith(("data:", "tel:"))]


def test_the_allowlist_is_one_list() -> None:
    assert len(set(OFFICIAL_HOSTS)) == len(OFFICIAL_HOSTS)
    assert external_links('<a href="https://www.irs.gov/x">a</a><a href="/case/1">b</a><img src="#x">') == [
        "https://www.irs.gov/x"
    ]


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_render_html_links_only_official_text(path: Path, lang: str) -> None:
    """``levynav render --format html``: each finding's law line is followed by its official texts, and no link
    on the page goes anywhere else."""
    record = analyze(load_case(path), AS_OF)
    page = analysis_html(record, lang)
    links = external_links(page)
    assert all(is_official(h) for h in links), [h for h in links if not is_official(h)]
    shown = [f for f in record.findings if f.outcome in (Outcome.APPLIES, Outcome.UNKNOWN)]
    if any("U.S.C." in c.cite for f in shown for c in f.citations):
        assert any(h.startswith("https://uscode.house.gov/") for h in links), path.name


def test_the_packet_templates_link_nowhere_else() -> None:
    """The packet's pages (letters, cover, reading copies, the taxpayer's back pages) name the law by its citation;
    an address written into a template must be official text."""
    root = Path(official_text.__file__).resolve().parents[1]
    templates = [*sorted((root / "documents" / "templates").rglob("*.j2")), root / "data/explain/analysis.html.j2"]
    for template in templates:
        for url in re.findall(r"https?://[^\s\"'<>)]+", template.read_text(encoding="utf-8")):
            assert is_official(url), (template.name, url)
