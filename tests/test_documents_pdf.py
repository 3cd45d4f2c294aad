"""The PDF layer: HTML → PDF with the shared stylesheet, and merging."""

from __future__ import annotations

from levynav.documents.pdf import html_to_pdf, merge_pdfs, page_count, pdf_text


def test_html_becomes_a_pdf_whose_text_can_be_read_back() -> None:
    pdf = html_to_pdf("<h1>Release request</h1><p>Form 668-D &amp; more</p>")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Release request" in text
    assert "Form 668-D & more" in text


def test_merge_keeps_every_page_in_order_and_skips_empty_parts() -> None:
    one = html_to_pdf("<p>first part</p>")
    two = html_to_pdf("<p>second part</p><p style='page-break-before: always'>third page</p>")
    merged = merge_pdfs([one, b"", two])
    assert page_count(merged) == 3
    text = pdf_text(merged)
    assert text.index("first part") < text.index("second part") < text.index("third page")
