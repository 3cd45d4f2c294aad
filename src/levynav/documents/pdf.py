"""HTML → PDF (WeasyPrint) with one shared print stylesheet, and PDF merging (pypdf).

Every document of the packet (letters, worksheets, cover, checklists) is HTML rendered through
`html_to_pdf`, so they share one look: Letter-size pages, 11pt readable type, 2 cm margins, page numbers.
"""

from __future__ import annotations

import io
from functools import lru_cache
from importlib import resources

from pypdf import PdfReader, PdfWriter


@lru_cache(maxsize=1)
def print_css() -> str:
    """The shared print stylesheet (`documents/static/print.css`)."""
    return resources.files("levynav.documents").joinpath("static/print.css").read_text(encoding="utf-8")


def html_to_pdf(html: str, *, extra_css: str = "") -> bytes:
    """Render one HTML document to PDF bytes with the shared print stylesheet (plus `extra_css`)."""
    from weasyprint import CSS, HTML  # imported here: loading Pango takes a moment

    sheets = [CSS(string=print_css())]
    if extra_css:
        sheets.append(CSS(string=extra_css))
    out = HTML(string=html).write_pdf(stylesheets=sheets)
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
