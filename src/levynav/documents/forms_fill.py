"""Fill an official IRS fillable PDF from its field map (data), with pypdf.

The PDFs are hybrid LiveCycle forms (XFA + AcroForm). The XFA part is removed so every viewer shows the
AcroForm values; fields are filled by their full name; checkboxes get the on-state the field list names;
``NeedAppearances`` is set so viewers draw the values. A box with no known value stays empty and is
reported in ``missing``; nothing is ever written as a placeholder.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

from levynav.documents.form_gaps import FormGap, GapReason
from levynav.documents.forms_entries import evaluate
from levynav.documents.forms_values import Values
from levynav.lawbook import datafiles


@dataclass(frozen=True)
class FieldInfo:
    name: str
    type: str
    reading: str
    on_state: str | None
    max_length: int | None


@dataclass(frozen=True)
class Filled:
    pdf: bytes
    values: dict[str, str]  # full field name → value written (checkbox: its on-state)
    missing: list[FormGap]
    continued: list[Continued] = field(default_factory=list)  # values written whole on the continuation sheet


def field_list(path: Path) -> dict[str, FieldInfo]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, FieldInfo] = {}
    for f in data["fields"]:
        states = f.get("on_states") or []
        out[f["name"]] = FieldInfo(
            name=f["name"],
            type=f["type"],
            reading=str(f.get("reading") or f.get("short_name") or f["name"]),
            on_state=str(states[0]) if states else None,
            max_length=f.get("max_length"),
        )
    return out


def load_map(path: Path) -> list[dict[str, Any]]:
    data = datafiles.parse(path.read_text(encoding="utf-8")) or {}
    entries = data.get("fields") or []
    if not isinstance(entries, list):
        raise ValueError(f"{path.name}: 'fields' must be a list")
    return entries


def values_for(
    entries: list[dict[str, Any]], fields: dict[str, FieldInfo], values: Values
) -> tuple[dict[str, str], list[FormGap]]:
    """The value of every mapped field, and what could not be filled (typed: the box, why, the facts)."""
    out: dict[str, str] = {}
    missing: list[FormGap] = []
    for entry in entries:
        name = str(entry["field"])
        info = fields.get(name)
        if info is None:
            raise ValueError(f"field map names {name!r}, which is not in the form's field list")
        result = evaluate(entry, values, info.reading)
        if result.missing:
            missing.append(replace(result.missing, field=name))
            continue
        if result.skipped:
            continue
        if info.type == "checkbox":
            if info.on_state is None:
                raise ValueError(f"checkbox {name!r} has no on-state in the field list")
            if result.checked:
                out[name] = info.on_state
            continue
        text = result.text or ""
        if info.max_length and len(text) > info.max_length:
            box = str(entry.get("label") or info.reading)
            missing.append(FormGap(box, GapReason.TOO_LONG, limit=info.max_length, field=name))
            continue
        out[name] = text
    return out, missing


PUSH_BUTTON = 1 << 16


def _draw_push_buttons_as_the_form_does(page: Any) -> None:
    """Draw each push button (433-F's "National Standards", a link to the IRS standards page) with the form's
    own appearance, in the page's content, and drop its widget.

    With ``NeedAppearances`` set, viewers redraw every widget from its caption in one line, and the button
    comes out as a clipped "onal Standa" at the page edge. The form's appearance (two lines in a raised grey
    box) is drawn instead, under the widget's optional-content group: the IRS form shows the button on screen
    and hides it in print (XFA ``relevant="-print"``), and so does the packet. Buttons hold no data.
    """
    annots = page.get("/Annots")
    if not annots:
        return
    keep = ArrayObject()
    commands: list[bytes] = []
    resources = page["/Resources"].get_object()
    for ref in annots.get_object():
        widget = ref.get_object()
        parent = widget["/Parent"].get_object() if "/Parent" in widget else {}
        ff = widget.get("/Ff", parent.get("/Ff", 0))
        kind = widget.get("/FT", parent.get("/FT", ""))
        appearance = (widget.get("/AP") or {}).get("/N")
        if kind != "/Btn" or not int(ff) & PUSH_BUTTON or appearance is None:
            keep.append(ref)
            continue
        n = len(commands)
        xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
        xobjects[NameObject(f"/LevyNavButton{n}")] = widget.raw_get("/AP").get_object().raw_get("/N")
        x, y = float(widget["/Rect"][0]), float(widget["/Rect"][1])
        draw = f"q 1 0 0 1 {x:.3f} {y:.3f} cm /LevyNavButton{n} Do Q".encode()
        if "/OC" in widget:
            props = resources.setdefault(NameObject("/Properties"), DictionaryObject()).get_object()
            props[NameObject(f"/LevyNavLayer{n}")] = widget.raw_get("/OC")
            draw = f"/OC /LevyNavLayer{n} BDC ".encode() + draw + b" EMC"
        commands.append(draw)
    if not commands:
        return
    page[NameObject("/Annots")] = keep
    contents = page.get_contents()
    stream = DecodedStreamObject()
    stream.set_data(
        b"q\n" + (contents.get_data() if contents is not None else b"") + b"\nQ\n" + b"\n".join(commands) + b"\n"
    )
    page.replace_contents(stream)


@dataclass(frozen=True)
class Continued:
    """A value too long for its box at any readable size: written whole on the form's continuation sheet."""

    item: int  # its number on the sheet (the box says "See continuation sheet, item N")
    box: str  # the box, in the form's own words
    page: int  # the form's page the box is on
    value: str
    field: str  # the PDF's internal field name: for tests, never on a page


def fill_pdf(
    pdf_path: Path, values: dict[str, str], labels: dict[str, str] | None = None, form_id: str = ""
) -> tuple[bytes, dict[str, str], list[Continued]]:
    """The filled form, what each box holds, and the values written on its continuation sheet (``form_fit``): a
    value drawn whole in its box at a smaller size has that size set on the box; one that fits at no readable size is
    replaced in the box by where it is written in full, on a sheet added after the form's last page."""
    reader = PdfReader(pdf_path)
    writer = PdfWriter(clone_from=reader)
    acro = writer._root_object["/AcroForm"].get_object()  # the cloned document's form dictionary
    if isinstance(acro, DictionaryObject) and "/XFA" in acro:
        del acro[NameObject("/XFA")]
    boxes, continued = _fit_values(writer, acro, values, labels or {})
    pages = [p for p in writer.pages if p.get("/Annots")]
    writer.update_page_form_field_values(pages, boxes, auto_regenerate=False)
    writer.set_need_appearances_writer(True)  # after the update, which resets the flag
    for page in writer.pages:
        _draw_push_buttons_as_the_form_does(page)
    if continued:
        from levynav.documents.form_continuation import sheet_pdf

        writer.append(PdfReader(io.BytesIO(sheet_pdf(form_id, continued))))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue(), boxes, continued


def _full_name(widget: Any) -> str:
    parts: list[str] = []
    node: Any = widget
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        node = node["/Parent"].get_object() if "/Parent" in node else None
    return ".".join(reversed(parts))


def _fit_values(
    writer: PdfWriter, acro: Any, values: dict[str, str], labels: dict[str, str]
) -> tuple[dict[str, str], list[Continued]]:
    from levynav.documents import form_fit
    from levynav.documents.form_continuation import see_sheet

    fonts = (acro.get("/DR") or {}).get("/Font")
    fonts = fonts.get_object() if fonts is not None else None
    default_da = str(acro.get("/DA") or "")
    out = dict(values)
    continued: list[Continued] = []
    for number, page in enumerate(writer.pages, start=1):
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            parent = widget["/Parent"].get_object() if "/Parent" in widget else {}
            if widget.get("/FT", parent.get("/FT")) != "/Tx":  # a checkbox's value is its on-state
                continue
            name = _full_name(widget)
            text = out.get(name)
            if not text or name in {c.field for c in continued}:
                continue
            box = form_fit.box_of(widget, fonts, default_da)
            if box is None:
                continue
            size = form_fit.size_for(text, box)
            if size is None:
                item = len(continued) + 1
                continued.append(Continued(item, labels.get(name, name), number, text, name))
                out[name], size = see_sheet(item, box, form_fit.size_for)
            if size < box.size:
                da = str(widget.get("/DA") or default_da)
                widget[NameObject("/DA")] = TextStringObject(form_fit.with_size(da, size))
    return out, continued


def fill(pdf_path: Path, fields_path: Path, map_path: Path, values: Values, form_id: str = "") -> Filled:
    fields = field_list(fields_path)
    entries = load_map(map_path)
    written, missing = values_for(entries, fields, values)
    labels = {str(e["field"]): str(e.get("label") or fields[str(e["field"])].reading) for e in entries}
    pdf, boxes, continued = fill_pdf(pdf_path, written, labels, form_id)
    return Filled(pdf=pdf, values=boxes, missing=missing, continued=continued)
