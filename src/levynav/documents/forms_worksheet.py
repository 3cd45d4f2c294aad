"""Worksheets for forms with no official fillable PDF here: every line with the value to copy onto the form.

A worksheet spec (``data/documents/forms/<form>.worksheet.yaml``) lists the form's lines in its own order and
numbering (``line``, ``label``) with a value path (``path``/``paths``, see ``forms_entries``), an instruction for
the person (``instruct``: something only they can write, such as a signature), or ``never`` (a full SSN). The
spec says which revision its numbering comes from and whether that numbering is verified.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from levynav.documents import form_gaps
from levynav.documents.form_gaps import FormGap
from levynav.documents.forms_entries import evaluate
from levynav.documents.forms_values import Values
from levynav.lawbook import datafiles


@dataclass(frozen=True)
class Line:
    line: str
    label: str
    value: str | None  # what to enter ("[X] check this box", an amount, a name)
    state: str  # "value" | "check" | "leave_blank" | "yours" | "missing"
    note: str | None = None


@dataclass(frozen=True)
class Worksheet:
    form_id: str
    title: str
    revision: str
    numbering: str
    verified: bool
    lines: list[Line]
    missing: list[FormGap] = field(default_factory=list)


def load_spec(path: Path) -> dict[str, Any]:
    data = datafiles.parse(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data.get("lines"), list) or not data["lines"]:
        raise ValueError(f"{path.name}: a worksheet needs a non-empty 'lines' list")
    return data


def build(spec: dict[str, Any], values: Values) -> Worksheet:
    lines: list[Line] = []
    missing: list[FormGap] = []
    for item in spec["lines"]:
        number, label = str(item["line"]), str(item["label"])
        if "instruct" in item:
            lines.append(Line(number, label, None, "yours", str(item["instruct"])))
            continue
        result = evaluate(item, values, label)
        gap = replace(result.missing, line=number) if result.missing else None
        if gap is not None and "never" in item:  # the person supplies it (a full SSN): listed, shown as theirs
            missing.append(gap)
            lines.append(Line(number, label, None, "yours", form_gaps.reason_words(gap, "en")))
        elif gap is not None:
            missing.append(gap)
            lines.append(Line(number, label, None, "missing", form_gaps.reason_words(gap, "en", worksheet=True)))
        elif result.skipped and "otherwise" in item:
            lines.append(Line(number, label, None, "yours", str(item["otherwise"])))
        elif result.skipped:
            lines.append(Line(number, label, None, "leave_blank", "does not apply to you"))
        elif result.checked is not None:
            lines.append(Line(number, label, None, "check" if result.checked else "leave_blank"))
        else:
            lines.append(Line(number, label, result.text, "value"))
    return Worksheet(
        form_id=str(spec["form"]),
        title=str(spec["title"]),
        revision=str(spec.get("revision", "")),
        numbering=str(spec.get("numbering", "")),
        verified=bool(spec.get("verified", False)),
        lines=lines,
        missing=missing,
    )


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("levynav.documents", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def html(sheet: Worksheet, send_to: str, disclaimer: str) -> str:
    missing = [form_gaps.sentence(g, "en") for g in sheet.missing]  # the worksheet is in the form's language
    return (
        _env()
        .get_template("worksheet.html.j2")
        .render(sheet=sheet, missing=missing, send_to=send_to, disclaimer=disclaimer)
    )


def render_pdf(sheet: Worksheet, send_to: str, disclaimer: str) -> bytes:
    from levynav.documents.pdf import html_to_pdf

    return html_to_pdf(html(sheet, send_to, disclaimer))
