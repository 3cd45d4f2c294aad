"""Long values on the official fillable forms (round 4): a box is fixed in size, with a fixed font size, and "does not
scroll", so a viewer drew what fit and dropped the rest of a long name or address without a mark. A value now fits
(at the box's size, or smaller down to form_fit.MIN_FONT_SIZE), or the box says where it is written in full: a
continuation sheet after the form's last page, naming the box and holding the value whole."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader, PdfWriter

from levynav.core.analyze import analyze
from levynav.core.model import limits
from levynav.core.model.case import Case
from levynav.documents import form_fit, forms_fill
from levynav.documents.forms import forms_for
from levynav.documents.forms_values import Values
from levynav.documents.pdf import pdf_text
from levynav.lawbook import datafiles

AS_OF = date(2026, 11, 23)
FORMS = datafiles.path("documents/forms")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bank-levy-hardship-21-day-hold.yaml"
NAMES_ADDRESS = "topmostSubform[0].Page1[0].address[0].NamesAddress[0]"


def _case(name: str | None = None, address: str | None = None) -> Case:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    if name is not None:
        data["taxpayer"]["name"] = name
    if address is not None:
        data["taxpayer"]["address"] = address
    return Case.model_validate(data)


def _433f(case: Case) -> forms_fill.Filled:
    values = Values(case, analyze(case, AS_OF))
    return forms_fill.fill(FORMS / "f433f.pdf", FORMS / "f433f.fields.json", FORMS / "f433f.map.yaml", values, "433-F")


def _widgets(pdf: bytes) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            if "/T" in widget:
                out[str(widget["/T"])] = widget
    return out


def _squeezed(text: str) -> str:
    """The text without the sheet's page footers (its title, "Page N of M": the extraction puts them between a value's
    lines where it runs onto the next page), its spaces and line breaks."""
    return re.sub(r"\s+", "", re.sub(r"Continuation sheet — Form 433-F Page \d+ of \d+\n", "", text))


def test_a_name_and_address_at_the_text_limit_are_written_whole_on_a_continuation_sheet() -> None:
    name = ("Dana R. Example-Longname " * 1000)[: limits.MAX_TEXT_CHARS - 3] + "END"
    address = ("1187 Example Avenue, Apartment 5 " * 1000)[: limits.MAX_TEXT_CHARS - 4] + "LAST"
    filled = _433f(_case(name, address))
    assert [c.field for c in filled.continued] == [NAMES_ADDRESS]
    assert filled.values[NAMES_ADDRESS] == "See continuation sheet, item 1"
    fields = {k: v.get("/V") for k, v in (PdfReader(io.BytesIO(filled.pdf)).get_fields() or {}).items()}
    assert fields[NAMES_ADDRESS] == "See continuation sheet, item 1"
    text = pdf_text(filled.pdf)
    sheet = text[text.index("Continuation sheet — Form 433-F") :]
    assert "Each value below is too long for its box on the form" in sheet
    assert "Item 1. Name(s) and address (page 1 of the form)" in sheet
    assert _squeezed(name) in _squeezed(sheet) and _squeezed(address) in _squeezed(sheet)  # every character kept


def test_a_value_a_little_too_long_is_shrunk_to_fit_its_box() -> None:
    name = "Dana R. Example-Longname and Chris Q. Example-Longname, husband and wife"
    address = "1187 Example Avenue, Apartment 5B, Columbus, Franklin County, OH 43201"
    filled = _433f(_case(name, address))
    assert filled.continued == []
    widget = _widgets(filled.pdf)["NamesAddress[0]"]
    size = float(str(widget["/DA"]).split(" Tf")[0].split()[-1])
    assert form_fit.MIN_FONT_SIZE <= size < 9
    assert name in str(widget["/V"]) and address in str(widget["/V"])


def test_the_example_forms_are_unchanged() -> None:
    """Values that fit keep the form's own size: nothing is shrunk and no sheet added for an ordinary case."""
    case = _case()
    for form in forms_for(case, analyze(case, AS_OF)):
        if form.kind == "official_pdf":
            assert "Continuation sheet" not in pdf_text(form.pdf)
    filled = _433f(case)
    assert filled.continued == []
    original = _widgets((FORMS / "f433f.pdf").read_bytes())
    for name, widget in _widgets(filled.pdf).items():
        if "/DA" in widget and name in original and "/DA" in original[name]:
            assert widget["/DA"] == original[name]["/DA"], name


@pytest.mark.parametrize("length", [1, 40, 90, 200, 800, 3000])
def test_every_box_holds_its_value_whole_or_says_where_it_is(length: int) -> None:
    name = ("Ana María Ñúñez-Øster " * 200)[:length]
    filled = _433f(_case(name, name))
    fields = _widgets(filled.pdf)
    acro = PdfReader(FORMS / "f433f.pdf").trailer["/Root"]["/AcroForm"]
    for full, value in filled.values.items():
        widget = fields[full.rsplit(".", 1)[-1]]
        if widget.get("/FT") != "/Tx" and "/Parent" in widget and widget["/Parent"].get("/FT") != "/Tx":
            continue
        box = form_fit.box_of(widget, acro["/DR"]["/Font"], "")
        if box is None:
            continue
        size = float(str(widget["/DA"]).split(" Tf")[0].split()[-1])
        assert form_fit.fits(value, box, size) or value.startswith(("See continuation", "See attached", "Attached,"))
    for item in filled.continued:
        assert item.value.count(name[:10]) >= 1


def test_a_single_line_box_measures_by_the_fonts_widths() -> None:
    box = form_fit.Box(width=56, height=10, widths={"i": 278, "W": 944, " ": 250}, size=9, multiline=False)
    assert form_fit.fits("i" * 20, box, 9)  # 20 x 2.502 pt = 50.04 pt, within 56 pt less 2 pt each side
    assert not form_fit.fits("W" * 7, box, 9)  # 7 x 8.496 pt = 59.5 pt
    assert form_fit.size_for("W" * 7, box) == 7.5
    assert not form_fit.fits("\u4e00", form_fit.Box(4, 10, {}, 9, False), 9)  # a character the font lacks: widest


def test_a_long_unbroken_name_is_broken_within_the_page_on_every_letter() -> None:
    """A name or address of one long run of letters (no space to break at) was drawn on one line past the right margin
    and off the page, on every letter's heading and "Taxpayer:" line; it is now broken where it must (print.css)."""
    from levynav.documents.letters import letters_for
    from levynav.documents.pdf import html_to_pdf

    case = _case("Dana" + "X" * 400 + "END", "1187 " + "Y" * 300 + " Avenue, Columbus, OH 43201")
    for letter in letters_for(case, analyze(case, AS_OF)):
        text = pdf_text(html_to_pdf(letter.html))
        longest = max((len(run) for run in re.findall(r"X+|Y+", text)), default=0)
        assert 0 < longest < 120, (letter.id, longest)  # a line of the page holds about 70 of them
        assert "END" in text and "Avenue, Columbus" in text


def _squeezed_words(text: str) -> str:
    return " ".join(text.split())


def _pages(pdf: bytes, count: int) -> bytes:
    """The first ``count`` pages of a PDF (the packet's cover)."""
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages[:count]:
        writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


CONTENTS = {
    "en": "with its continuation sheet at the end: send it with the form",
    "es": "con su hoja de continuación al final: envíela junto con el formulario",
}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "The form ends with a continuation sheet: it holds an answer too long for the box on the form."),
        ("es", "El formulario termina con una hoja de continuación («Continuation sheet»): contiene una respuesta"),
    ],
)
def test_the_cover_says_a_form_has_a_continuation_sheet_to_send_with_it(lang: str, said: str) -> None:
    """The person sends what the cover lists: a form that ends with a continuation sheet says so on the cover, in
    the person's language, in the table of what to send and in the list of what the packet holds."""
    from levynav.documents.packet import build_packet

    name = ("Dana R. Example-Longname " * 1000)[: limits.MAX_TEXT_CHARS]
    case = _case(name, "1187 Example Avenue, Columbus, OH 43201")
    packet = build_packet(case, analyze(case, AS_OF), lang)
    form = next(i for i in packet.items if i.form_id == "433-F")
    assert form.continued == 1
    cover = _squeezed_words(pdf_text(_pages(packet.pdf, packet.cover_pages)))
    assert said in cover
    assert CONTENTS[lang] in cover
    assert "Continuation sheet — Form 433-F" in pdf_text(packet.pdf)  # the sheet is in the packet, after the form


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_cover_says_nothing_of_a_sheet_when_no_form_has_one(lang: str) -> None:
    from levynav.documents.packet import build_packet

    case = _case()
    packet = build_packet(case, analyze(case, AS_OF), lang)
    assert all(i.continued == 0 for i in packet.items)
    cover = _squeezed_words(pdf_text(_pages(packet.pdf, packet.cover_pages))).lower()
    assert "continuation" not in cover and "continuación" not in cover
