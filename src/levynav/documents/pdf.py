"""HTML → PDF (WeasyPrint) with one shared print stylesheet, and PDF merging (pypdf).

Every document of the packet (letters, worksheets, cover, checklists) is HTML rendered through
`html_to_pdf`, so they share one look: Letter-size pages, 11pt readable type, 2 cm margins, page numbers.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from importlib import resources

from pypdf import PdfReader, PdfWriter


@lru_cache(maxsize=1)
def print_css() -> str:
    """The shared print stylesheet (`documents/static/print.css`)."""
    return resources.files("levynav.documents").joinpath("static/print.css").read_text(encoding="utf-8")


# A run of text with no place to break a line. WeasyPrint breaks such a run (``overflow-wrap``) by trying ever shorter
# pieces of it, in time that grows with the square of its length: a name of 20,000 letters without a space (within
# MAX_TEXT_CHARS) took the packet 145 s, 5,000 letters 13 s (a normal packet: 3 s). Every BREAK_EVERY characters of
# a run of LONG_RUN or more get a zero-width space, a place to break that prints nothing (a shorter run costs little
# and is broken as before, where the line ends); a web address is left whole (it is copied from the page).
LONG_RUN = 1000
_LONG_RUN = re.compile(r"[^\s<>&]{" + str(LONG_RUN) + ",}")
_PARTS = re.compile(r"(<style\b.*?</style>|<script\b.*?</script>|<[^>]*>)", re.DOTALL | re.IGNORECASE)
BREAK_EVERY = 10  # a line holds about 70 letters: broken every 10, it is filled


def _breakable_run(m: re.Match[str]) -> str:
    run = m.group(0)
    if "://" in run or run.lower().startswith("www."):
        return run
    return "\u200b".join(run[i : i + BREAK_EVERY] for i in range(0, len(run), BREAK_EVERY))


def breakable(html: str) -> str:
    """``html`` with a zero-width space in every long run of its text (never in a tag, a style or a script)."""
    if _LONG_RUN.search(html) is None:
        return html
    parts = _PARTS.split(html)
    parts[::2] = [_LONG_RUN.sub(_breakable_run, text) for text in parts[::2]]
    return "".join(parts)


def html_to_pdf(html: str, *, extra_css: str = "") -> bytes:
    """Render one HTML document to PDF bytes with the shared print stylesheet (plus `extra_css`)."""
    from weasyprint import CSS, HTML  # imported here: loading Pango takes a moment

    sheets = [CSS(string=print_css())]
    if extra_css:
        sheets.append(CSS(string=extra_css))
    out = HTML(string=breakable(html)).write_pdf(stylesheets=sheets)
    if out is None:  # pragma: no cover - write_pdf returns bytes when no target is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(out)


def merge_pdfs(parts: list[bytes]) -> bytes:
    """Concatenate PDFs in order into one PDF (empty parts are skipped)."""
    writer = PdfWriter()
    for part in parts:
        if not part:
            continue
        writer.append(PdfReader(io.BytesIO(part)))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def page_count(pdf: bytes) -> int:
    """Number of pages in a PDF."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


def pdf_text(pdf: bytes) -> str:
    """All the text of a PDF (pypdf extraction), pages joined by newlines."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


PACKET_PAGE = "Packet page {n} of {total}"


def number_pages(pdf: bytes, words: str = PACKET_PAGE) -> bytes:
    """Stamp every page of a merged packet with its page number across the whole packet, bottom centre.

    Each document keeps its own "Page x of y" (letters also travel alone); the packet number lets a person
    put a dropped stack back in order and find "page 12" named on the cover. The stamp is drawn in a thin
    band at the foot of the page that neither the packet's own pages nor the IRS forms use.
    """
    from pypdf import Transformation
    from weasyprint import HTML

    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    if total == 0:
        return pdf
    stamps = "".join(f'<div class="p"><span>{words.format(n=n, total=total)}</span></div>' for n in range(1, total + 1))
    css = (
        "@page { size: 612pt 792pt; margin: 0 }"
        "body { margin: 0 } .p { height: 792pt; position: relative; page-break-after: always }"
        ".p span { position: absolute; bottom: 13pt; left: 0; right: 0; text-align: center;"
        " font: 7.5pt 'DejaVu Sans', sans-serif; color: #444 }"
    )
    overlay_bytes = HTML(string=f"<html><head><style>{css}</style></head><body>{stamps}</body></html>").write_pdf()
    overlay = PdfReader(io.BytesIO(bytes(overlay_bytes or b"")))
    writer = PdfWriter(clone_from=reader)
    for page, stamp in zip(writer.pages, overlay.pages, strict=True):
        box = page.mediabox
        dx = float(box.left) + (float(box.width) - 612.0) / 2
        page.merge_transformed_page(stamp, Transformation().translate(dx, float(box.bottom)))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
