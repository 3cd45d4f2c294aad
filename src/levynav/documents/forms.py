"""The form layer of the packet: which IRS forms a case needs, filled or as worksheets (issue 5).

Which forms are needed is read from the ``Analysis`` only — findings that apply, routes that are open, the
plan steps' ``form`` text — through the rules in ``data/documents/forms/catalog.yaml``; no legal logic here.
A form with an official fillable PDF (and a field map) is filled; any other form gets a worksheet. Adding a
PDF and its map to the catalog turns a worksheet into a filled form without code changes.

Public API (the packet imports it): ``FormOutput`` and ``forms_for(case, analysis)``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from levynav.core.model.analysis import Analysis as Record
from levynav.core.model.analysis import Outcome
from levynav.core.model.case import Case, Notice
from levynav.documents import forms_fill, forms_worksheet
from levynav.documents.form_gaps import FormGap, GapReason
from levynav.documents.forms_values import Values
from levynav.explain.render import Rendered as Analysis
from levynav.explain.render import english
from levynav.lawbook import datafiles

FORMS_DIR = "documents/forms"


@dataclass(frozen=True)
class FormOutput:
    form_id: str  # "433-F", "12153", …
    title: str
    kind: str  # "official_pdf" | "worksheet"
    pdf: bytes
    send_to: str  # where it goes (address / fax / the office on the notice)
    missing: list[FormGap]  # what could not be filled: typed records, said in words by ``form_gaps``
    continued: int = 0  # values written on the continuation sheet after the form's last page (none: no sheet)


def load_catalog(folder: Path | None = None) -> tuple[Path, dict[str, dict[str, Any]]]:
    base = folder or datafiles.path(FORMS_DIR)
    data = datafiles.parse((base / "catalog.yaml").read_text(encoding="utf-8")) or {}
    forms = data.get("forms")
    if not isinstance(forms, dict):
        raise ValueError("catalog.yaml: 'forms' must be a mapping of form id → entry")
    return base, {str(k): v for k, v in forms.items()}


# ---------------------------------------------------------------- which forms


def _holds(cond: dict[str, Any], analysis: Analysis, values: Values, chosen: set[str]) -> bool:
    if "applies" in cond:
        rules = set(cond["applies"])
        effect = cond.get("effect")
        if not any(
            f.rule in rules and f.outcome is Outcome.APPLIES and (effect is None or (f.effect and f.effect == effect))
            for f in analysis.findings
        ):
            return False
    if "plan_form" in cond:
        fid, first, new = str(cond["plan_form"]), cond.get("plan_form_first"), cond.get("plan_form_new")
        if not any(fid in (s.forms[:1] if first else s.forms) and not (new and s.form_filed) for s in analysis.plan):
            return False
    if "case_true" in cond and values.get(f"case.{cond['case_true']}").value is not True:
        return False
    if "analysis_true" in cond:
        got = values.get(str(cond["analysis_true"])).value
        if not isinstance(got, bool | int | str | list | dict) or not got:
            return False
    return not ("with_form" in cond and str(cond["with_form"]) not in chosen)


def select(catalog: dict[str, dict[str, Any]], analysis: Analysis, values: Values) -> list[str]:
    """Form ids the analysis calls for, in catalog order (repeated until stable, for ``with_form``)."""
    chosen: set[str] = set()
    while True:
        now = {
            fid
            for fid, entry in catalog.items()
            if any(_holds(cond, analysis, values, chosen) for cond in entry.get("when") or [])
        }
        if now == chosen:
            break
        chosen = now
    for fid in list(chosen):
        for other in catalog[fid].get("replaces") or []:
            chosen.discard(str(other))
    return [fid for fid in catalog if fid in chosen]


# ---------------------------------------------------------------- where it goes


def _notice_for(case: Case, types: list[str]) -> Notice | None:
    matching = [n for n in case.notices if n.type.value in types]
    if not matching:
        return None
    rank = {t: i for i, t in enumerate(types)}
    dated = sorted(matching, key=lambda n: (n.notice_date is not None, n.notice_date), reverse=True)
    return min(dated, key=lambda n: rank[n.type.value]) if all(n.notice_date is None for n in dated) else dated[0]


notice_for = _notice_for  # the notice a form's "where it goes" names (the packet's Spanish cover names it too)


def send_to(rule: dict[str, Any], case: Case) -> str:
    """The "where it goes" text; a fact the case lacks is said in words, never left as a blank."""
    text = " ".join(str(rule.get("text", "")).split())
    if "{" not in text:
        return text
    notice = _notice_for(case, [str(t) for t in rule.get("notices") or []])
    if notice is None:
        return " ".join(str(rule.get("fallback", text)).split())
    label = notice.other_title or notice.type.value
    return text.format(
        notice=label,
        notice_date=(
            f"{notice.notice_date:%B} {notice.notice_date.day}, {notice.notice_date.year}"  # long, as on the cover
            if notice.notice_date
            else "(date not in the case)"
        ),
        notice_phone=notice.phone or "the phone number printed on the notice",
        notice_address=notice.address or "the address printed on the notice",
    )


# ---------------------------------------------------------------- building the outputs


def build_form(
    fid: str, entry: dict[str, Any], base: Path, case: Case, analysis: Analysis, values: Values
) -> FormOutput:
    where = send_to(entry.get("send_to") or {}, case)
    title = str(entry["title"])
    if entry.get("pdf") and entry.get("map") and entry.get("fields"):
        filled = forms_fill.fill(base / entry["pdf"], base / entry["fields"], base / entry["map"], values, fid)
        gaps = [replace(g, form_id=fid) for g in group_list_gaps(filled.missing)]
        return FormOutput(fid, title, "official_pdf", filled.pdf, where, gaps, len(filled.continued))
    if entry.get("worksheet"):
        sheet = forms_worksheet.build(forms_worksheet.load_spec(base / entry["worksheet"]), values)
        pdf = forms_worksheet.render_pdf(sheet, where, analysis.disclaimer)
        return FormOutput(fid, title, "worksheet", pdf, where, [replace(g, form_id=fid) for g in sheet.missing])
    raise ValueError(f"catalog entry {fid!r} has neither pdf+fields+map nor worksheet")


def group_list_gaps(missing: list[FormGap]) -> list[FormGap]:
    """Boxes left empty because a whole list is unknown (e.g. investments) are reported once, not box by box."""
    roots: dict[str, int] = {}
    for gap in missing:
        root = gap.list_root()
        if root is not None:
            roots[root] = roots.get(root, 0) + 1
    out: list[FormGap] = []
    said: set[str] = set()
    for gap in missing:
        root = gap.list_root()
        if root is None or roots[root] < 2:
            out.append(gap)
        elif root not in said:
            said.add(root)
            out.append(FormGap(root, GapReason.LIST, (root,), count=roots[root], form_id=gap.form_id))
    return out


def forms_for(case: Case, analysis: Record | Analysis, *, catalog_dir: Path | None = None) -> list[FormOutput]:
    """Every form the analysis calls for, filled (official PDF) or as a worksheet, with where it goes."""
    analysis = english(analysis)
    base, catalog = load_catalog(catalog_dir)
    values = Values(case, analysis)
    return [build_form(fid, catalog[fid], base, case, analysis, values) for fid in select(catalog, analysis, values)]
