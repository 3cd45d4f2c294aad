"""Where the official text of a cited authority is: the links a person is shown beside a rule's citation.

The citation registry's ``source`` says where a previous reading checked the text (often a mirror, a blog or a
law firm's copy). That is provenance: it stays in the data and the JSON record. A page a person reads points to
the official text instead, built from the citation itself:

- the U.S. Code → ``uscode.house.gov`` (the Office of the Law Revision Counsel of the House publishes the Code;
  it is the official text, where Cornell's LII is a faithful but unofficial copy), one link per section;
- the C.F.R. and "Treas. Reg." → ``www.ecfr.gov/current/title-N/section-…`` (a temporary regulation, ``…-1T``,
  has no current text: no link);
- the IRM → ``www.irs.gov/irm/partN/irm_NN-NNN-NNN`` (the IRM section's page; a cite of a whole chapter has none);
- IRS publications and forms → ``www.irs.gov/pub/irs-pdf/pNNN.pdf`` / ``fNNNN.pdf`` / ``iNNNN.pdf``, and the
  Spanish edition only where one is known to exist (``SPANISH_EDITIONS``);
- IRS Notices and Revenue Procedures (2000 on) → ``www.irs.gov/pub/irs-drop/n-YY-NN.pdf`` / ``rp-YY-NN.pdf``;
- public laws from the 104th Congress on → their GPO text on ``www.govinfo.gov``;
- court cases, Revenue Rulings, Chief Counsel documents, the Federal Register, web pages named in words: no link
  built (a stored ``source`` on an official host is still shown, see ``official_source``).

``OFFICIAL_HOSTS`` is the one allowlist of hosts a person's page may link to. Nothing here decides anything; the
core never imports it. Every function takes any text and never raises.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from urllib.parse import urlsplit


class Kind(enum.Enum):
    USC = "usc"
    CFR = "cfr"
    IRM = "irm"
    IRS_PUBLICATION = "irs_publication"
    IRS_FORM = "irs_form"
    IRS_NOTICE = "irs_notice"
    REV_PROC = "rev_proc"
    PUBLIC_LAW = "public_law"


# Hosts whose pages are official text (a host or any of its subdomains; an entry with a path allows that path and
# what is under it). The only list of them: the pages, the templates and the tests read it from here.
OFFICIAL_HOSTS: tuple[str, ...] = (
    "irs.gov",  # and taxpayeradvocate.irs.gov, www.irs.gov
    "ecfr.gov",
    "govinfo.gov",
    "uscode.house.gov",
    "law.cornell.edu",
    "federalregister.gov",
    "supremecourt.gov",
    "ustaxcourt.gov",
    "uscourts.gov",
    "ssa.gov",
    "aspe.hhs.gov",
    "hhs.gov/aspe",
)

# Spanish editions on irs.gov, only those known to exist (a link to a missing PDF is worse than none).
SPANISH_EDITIONS: frozenset[str] = frozenset({"f12153", "f9465", "i9465"})
# forms the IRS serves on the person levied on or the levy source, not posted among its forms
NOT_POSTED: frozenset[str] = frozenset({"f668w"})


@dataclass(frozen=True)
class Link:
    """One official text: what it is (``label``, a citation form, the same in every language), where it is, and
    the Spanish edition's address where one exists."""

    kind: Kind
    label: str
    url: str
    url_es: str | None = None


def is_official(url: str) -> bool:
    """Whether an address is an https/http page on an official host (``OFFICIAL_HOSTS``)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if parts.scheme not in ("https", "http") or not host:
        return False
    for entry in OFFICIAL_HOSTS:
        domain, _, path = entry.partition("/")
        on_host = host == domain or host.endswith("." + domain)
        if on_host and (not path or parts.path == f"/{path}" or parts.path.startswith(f"/{path}/")):
            return True
    return False


_URL = re.compile(r"https?://[^\s;,()<>\"']+")


def official_source(source: str) -> list[str]:
    """The addresses in a stored ``source`` that are on an official host (as https), in order, each once."""
    found: list[str] = []
    for raw in _URL.findall(source or ""):
        url = raw.rstrip(".:")
        if is_official(url):
            url = "https://" + url.split("://", 1)[1]
            if url not in found:
                found.append(url)
    return found


# ------------------------------------------------------------------ the citation parser

_USC_HEAD = re.compile(r"\b(\d{1,2})\s*U\.\s?S\.\s?C\.?\s*(?:A\.\s*)?(?:§§?|[Ss]ec(?:tion)?s?\.?)?\s*")
_CFR_HEAD = re.compile(r"\b(\d{1,2})\s*C\.\s?F\.\s?R\.?\s*(?:§§?|[Ss]ec(?:tion)?s?\.?)?\s*")
_TREAS_HEAD = re.compile(r"\bTreas(?:ury)?\.?\s+Regs?\.?\s*(?:§§?)?\s*")
_SECTION_SIGN = re.compile(r"§§?\s*")
_USC_SECTION = re.compile(r"(\d{1,5}[A-Za-z]{0,2})(?![\d.])")
_CFR_SECTION = re.compile(r"(\d{1,3}\.\d{1,5}(?:\([a-z0-9]{1,3}\)(?=-\d))?(?:-\d{1,3}T?)?)(?![\d])")
_PARENS = re.compile(r"(?:\s*\([^()]{0,40}\))+")
_RANGE = re.compile(r"\s*[-–]\s*")
_LIST_SEP = re.compile(r"\s*(?:,|\band\b|&)\s*")
_IRM = re.compile(r"\bIRM\s+(\d{1,2}(?:\.[0-9x]{1,3})+)((?:\s*(?:,|\band\b)\s*\d{1,2}(?:\.[0-9x]{1,3}){2,})*)")
_IRM_MORE = re.compile(r"\d{1,2}(?:\.[0-9x]{1,3}){2,}")
_PUBLIC_LAW = re.compile(r"\bPub(?:lic)?\.?\s*L(?:aw)?\.?\s*(?:No\.\s*)?(\d{2,3})[-–](\d{1,3})\b")
_PUBLICATION = re.compile(r"\b(?:Pub(?:lication)?\.?)\s+(\d{1,4})\b")
_INSTRUCTIONS = re.compile(r"\bInstructions\s+(?:for|to)\s+Form\s+(\d{3,5})([A-Z]{0,2})\b")
_FORM = re.compile(r"\bForms?\s+(\d{3,5})(?:-([A-Z]))?(?:\s*\((OIC)\))?(?=[\s,;:.)]|$)")
_NOTICE = re.compile(r"\b(?:IRS\s+)?Notice\s+(\d{4})-(\d{1,3})\b")
_REV_PROC = re.compile(r"\bRev(?:enue)?\.?\s*Proc(?:edure)?\.?\s+(\d{4})-(\d{1,3})\b")
# what ends a run of U.S. Code sections: a "§" after an act, a public law, a form or a case is that text's own
# section ("Pub. L. 105-206, § 3401(b)", "Form 656 § 7(g)"), never the Code's
_RESET = (
    r"Pub(?:lic)?\.?\s*L(?:aw)?\b|\bAct\b|\bRRA\b|\bTCJA\b|\bTIPRA\b|\bBAPCPA\b|\bTAMRA\b|\bStat\.|\bForms?\b"
    r"|\bPub(?:lication)?\b|\bNotice\b|\bProc\b|\bv\.|\bIn re\b|\bChapter\b|\bIRM\b|\bPOMS\b|\bon\b"
)
_HEADS = re.compile(
    f"{_USC_HEAD.pattern}|{_CFR_HEAD.pattern}|(?P<treas>{_TREAS_HEAD.pattern})|(?P<reset>{_RESET})"
    f"|(?P<sign>{_SECTION_SIGN.pattern})|(?P<semi>;)"
)
# a segment that continues the previous U.S. Code cite with a bare section number ("…; 7503", "…; 6331(k)(2)")
_BARE_USC = re.compile(r"\s*(\d{2,5}[A-Za-z]?)(?=\s*(?:\(|$|,|\s+and\b))")

_USC_URL = (
    "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title{title}-section{section}&num=0&edition=prelim"
)
_CFR_URL = "https://www.ecfr.gov/current/title-{title}/section-{section}"
_IRM_URL = "https://www.irs.gov/irm/part{part}/irm_{part:02d}-{chapter:03d}-{section:03d}"
_PDF_URL = "https://www.irs.gov/pub/irs-pdf/{name}.pdf"


def _usc(title: str, section: str) -> Link:
    return Link(Kind.USC, f"{title} U.S.C. § {section}", _USC_URL.format(title=int(title), section=section))


def _cfr(title: str, section: str) -> Link | None:
    if section.endswith("T"):
        return None  # a temporary regulation: its text is not in the current C.F.R.
    return Link(Kind.CFR, f"{title} C.F.R. § {section}", _CFR_URL.format(title=int(title), section=section))


def _sections(text: str, pos: int, one: re.Pattern[str]) -> tuple[list[str], int]:
    """The section numbers of a list that starts at ``pos`` ("6331(k)(2), 6343(a)" or "6502-6503"): a list
    item is a section only when it is a number, never a subsection ("(c)") of the one before."""
    out: list[str] = []
    while True:
        m = one.match(text, pos)
        if not m:
            return out, pos
        out.append(m.group(1))
        pos = m.end()
        p = _PARENS.match(text, pos)
        if p:
            pos = p.end()
        sep = _RANGE.match(text, pos) or _LIST_SEP.match(text, pos)
        if not sep or not one.match(text, sep.end()):
            # a list may go on after subsections: "§§ 7502(a), (c), (d)" — skip "(x)" items to a next number
            skip = re.match(r"(?:\s*,\s*(?:\([^()]{0,40}\))+)+\s*,\s*", text[pos:])
            if skip and one.match(text, pos + skip.end()):
                pos += skip.end()
                continue
            return out, pos
        pos = sep.end()


def _statutes(cite: str) -> list[tuple[int, Link]]:
    """U.S. Code and C.F.R. sections with their place in the text. A bare "§" or a segment beginning with a
    section number continues the code named before it."""
    found: list[tuple[int, Link]] = []
    context: tuple[Kind, str] | None = None
    pos = 0
    for m in _HEADS.finditer(cite):
        if m.start() < pos:
            continue
        if m.group("reset"):
            context = None
            continue
        if m.group("semi"):
            bare = _BARE_USC.match(cite, m.end())
            if context and context[0] is Kind.USC and bare:
                secs, pos = _sections(cite, bare.start(1), _USC_SECTION)
                found.extend((bare.start(1), _usc(context[1], s)) for s in secs)
            continue
        if m.group(1):  # N U.S.C.
            context = (Kind.USC, m.group(1))
        elif m.group(2):  # N C.F.R.
            context = (Kind.CFR, m.group(2))
        elif m.group("treas"):
            context = (Kind.CFR, "26")
        elif context is None:
            continue  # a "§" with no code named before it: which code is unknown
        kind, title = context
        secs, pos = _sections(cite, m.end(), _USC_SECTION if kind is Kind.USC else _CFR_SECTION)
        for s in secs:
            link = _usc(title, s) if kind is Kind.USC else _cfr(title, s)
            if link:
                found.append((m.start(), link))
    return found


def _irm(cite: str) -> list[tuple[int, Link]]:
    found: list[tuple[int, Link]] = []
    for m in _IRM.finditer(cite):
        refs = [m.group(1), *_IRM_MORE.findall(m.group(2) or "")]
        for ref in refs:
            parts = ref.split(".")
            if len(parts) < 3 or not all(p.isdigit() for p in parts[:3]):
                continue  # a whole chapter ("IRM 5.14"): no one page holds it
            part, chapter, section = (int(p) for p in parts[:3])
            url = _IRM_URL.format(part=part, chapter=chapter, section=section)
            found.append((m.start(), Link(Kind.IRM, f"IRM {part}.{chapter}.{section}", url)))
    return found


def _pdf(kind: Kind, label: str, name: str) -> Link | None:
    if name in NOT_POSTED:
        return None
    es = _PDF_URL.format(name=f"{name}sp") if name in SPANISH_EDITIONS else None
    return Link(kind, label, _PDF_URL.format(name=name), es)


def _irs_documents(cite: str) -> list[tuple[int, Link]]:
    found: list[tuple[int, Link]] = []
    pdfs: list[tuple[int, Link | None]] = []
    for m in _PUBLICATION.finditer(cite):
        pdfs.append((m.start(), _pdf(Kind.IRS_PUBLICATION, f"Pub. {m.group(1)}", f"p{m.group(1)}")))
    instructions = [(m.start(), m.end()) for m in _INSTRUCTIONS.finditer(cite)]
    for m in _INSTRUCTIONS.finditer(cite):
        number = m.group(1) + m.group(2).lower()
        pdfs.append((m.start(), _pdf(Kind.IRS_FORM, f"Instructions for Form {m.group(1)}{m.group(2)}", f"i{number}")))
    for m in _FORM.finditer(cite):
        if any(a <= m.start() < b for a, b in instructions):
            continue
        number, letter, oic = m.group(1), (m.group(2) or ""), m.group(3)
        name = f"f{number}{letter.lower()}{'oi' if oic else ''}"
        label = f"Form {number}{'-' + letter if letter else ''}{' (OIC)' if oic else ''}"
        pdfs.append((m.start(), _pdf(Kind.IRS_FORM, label, name)))
    found.extend((at, link) for at, link in pdfs if link)
    for m in _NOTICE.finditer(cite):
        year, number = int(m.group(1)), int(m.group(2))
        if year >= 2000:
            url = f"https://www.irs.gov/pub/irs-drop/n-{year % 100:02d}-{number:02d}.pdf"
            found.append((m.start(), Link(Kind.IRS_NOTICE, f"Notice {year}-{number:02d}", url)))
    for m in _REV_PROC.finditer(cite):
        year, number = int(m.group(1)), int(m.group(2))
        if year >= 2000:
            url = f"https://www.irs.gov/pub/irs-drop/rp-{year % 100:02d}-{number:02d}.pdf"
            found.append((m.start(), Link(Kind.REV_PROC, f"Rev. Proc. {year}-{number:02d}", url)))
    for m in _PUBLIC_LAW.finditer(cite):
        congress, number = int(m.group(1)), int(m.group(2))
        if congress >= 104:  # GPO's public-law collection begins with the 104th Congress
            pkg = f"PLAW-{congress}publ{number}"
            url = f"https://www.govinfo.gov/content/pkg/{pkg}/pdf/{pkg}.pdf"
            found.append((m.start(), Link(Kind.PUBLIC_LAW, f"Pub. L. {congress}-{number}", url)))
    return found


def official_links(cite: str) -> list[Link]:
    """The official texts a citation names, in the order it names them, each once. Text that names none (a
    court case, a web page described in words) gives an empty list; hostile text gives what it can, never an
    error."""
    try:
        text = str(cite or "")[:4000]
        found = _statutes(text) + _irm(text) + _irs_documents(text)
    except (ValueError, OverflowError, RecursionError):  # pragma: no cover - a parser bug must not break a page
        return []
    seen: set[str] = set()
    out: list[Link] = []
    for _, link in sorted(found, key=lambda f: f[0]):
        if link.url not in seen and is_official(link.url):
            seen.add(link.url)
            out.append(link)
    return out


def links_for(cite: str, source: str, lang: str) -> list[dict[str, str]]:
    """What a person's page shows for one citation or figure: the official texts its citation names, then a
    stored source on an official host (the text was read there), each address once, as ``{label, url}``."""
    out: list[dict[str, str]] = []
    for link in official_links(cite):
        out.append({"label": link.label, "url": link.url})
        if lang == "es" and link.url_es:  # the IRS's own name for its Spanish edition: "Form 12153 (SP)"
            out.append({"label": f"{link.label} (SP)", "url": link.url_es})
    for url in official_source(source):
        if all(x["url"] != url for x in out):
            host = (urlsplit(url).hostname or "").removeprefix("www.")
            out.append({"label": host, "url": url})
    return out
