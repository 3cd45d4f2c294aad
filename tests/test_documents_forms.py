"""The form layer (issue 5): official PDFs filled from their field maps, worksheets, and which forms a case gets.

Every filled PDF is read back with pypdf to prove each mapped value landed in its own field.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from levynav.core.analyze import analyze
from levynav.core.model.analysis import Analysis
from levynav.core.model.case import Case
from levynav.documents import form_gaps, forms_fill, forms_worksheet
from levynav.documents.form_gaps import FormGap, GapReason
from levynav.documents.forms import FormOutput, forms_for, load_catalog
from levynav.documents.forms_values import ABSENT, UNKNOWN, Values
from levynav.documents.pdf import pdf_text
from levynav.lawbook import datafiles

AS_OF = date(2026, 11, 23)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FORMS = datafiles.path("documents/forms")
P433F = "topmostSubform[0].Page1[0]."
P433F2 = "topmostSubform[0].Page2[0]."

HARDSHIP_WITH_FINANCES: dict[str, Any] = {
    "taxpayer": {
        "kind": "individual",
        "name": "Dana R. Example",
        "filing_status": "head_of_household",
        "birth_date": "1979-04-18",
        "state": "OH",
        "county": "Franklin",
        "county_fips": "39049",
        "address": "12 Example St, Columbus, OH 43215",
        "phone": "614-555-0142",
        "tin_last4": "6789",
    },
    "household": [{"name": "Sam Example", "relationship": "child", "birth_date": "2012-09-02", "dependent": True}],
    "tax_periods": [
        {
            "id": "1040-2022",
            "form": "1040",
            "period": "2022",
            "tax_kind": "income",
            "assessment_date": "2023-05-29",
            "balance": "8412.50",
        }
    ],
    "notices": [{"type": "LT11", "notice_date": "2026-07-13", "tax_periods": ["1040-2022"], "phone": "1-800-829-7650"}],
    "levies": [
        {
            "id": "bank-1",
            "kind": "bank",
            "served_date": "2026-11-12",
            "amount": "8412.50",
            "amount_taken": "2315.77",
            "holder": "First Example Bank",
            "owner": "taxpayer",
            "proceeds_sent": False,
            "tax_periods": ["1040-2022"],
        }
    ],
    "circumstances": {"economic_hardship": True, "unfiled_returns": False, "immediate_threat_of_adverse_action": True},
    "finances": {
        "income": [
            {
                "kind": "wages",
                "earner": "taxpayer",
                "description": "Example Diner",
                "frequency": "biweekly",
                "gross": "1900",
                "net": "1500",
            }
        ],
        "housing": "1100",
        "utilities": "260",
        "vehicles": [
            {
                "description": "2014 Honda Civic",
                "monthly_payment": "0",
                "operating_cost": "210",
                "market_value": "5200",
                "loan_balance": "0",
            }
        ],
        "public_transportation": "0",
        "out_of_pocket_health": "40",
        "current_taxes": "380",
        "health_insurance": "0",
        "court_ordered_payments": "0",
        "child_dependent_care": "150",
        "term_life_insurance": "0",
        "involuntary_deductions": "0",
        "secured_debts": "0",
        "assets": {
            "cash_on_hand": "60",
            "bank_accounts": [{"institution": "First Example Bank", "kind": "checking", "balance": "35.10"}],
            "investments": [],
            "retirement": [],
            "real_estate": [],
            "other": [],
        },
    },
}


def _case(data: dict[str, Any]) -> Case:
    return Case.model_validate(data)


@cache
def _example(name: str) -> tuple[Case, Analysis]:
    case = Case.model_validate(yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")))
    return case, analyze(case, AS_OF)


@cache
def _hardship_forms() -> tuple[Case, tuple[FormOutput, ...]]:
    case = _case(HARDSHIP_WITH_FINANCES)
    return case, tuple(forms_for(case, analyze(case, AS_OF)))


def _form(outputs: tuple[FormOutput, ...] | list[FormOutput], fid: str) -> FormOutput:
    found = [o for o in outputs if o.form_id == fid]
    assert len(found) == 1, [o.form_id for o in outputs]
    return found[0]


def _fields(pdf: bytes) -> dict[str, Any]:
    return {name: f.get("/V") for name, f in (PdfReader(io.BytesIO(pdf)).get_fields() or {}).items()}


def _fill(form: str, case: Case) -> forms_fill.Filled:
    values = Values(case, analyze(case, AS_OF))
    return forms_fill.fill(FORMS / f"{form}.pdf", FORMS / f"{form}.fields.json", FORMS / f"{form}.map.yaml", values)


# ---------------------------------------------------------------- value paths


def test_value_paths_tell_unknown_from_absent_and_filter_lists() -> None:
    case = _case(HARDSHIP_WITH_FINANCES)
    values = Values(case, analyze(case, AS_OF))
    assert values.get("case.taxpayer.name").value == "Dana R. Example"
    assert values.get("case.finances.assets.bank_accounts[0].balance").value == Decimal("35.10")
    # a second account the person does not have: ABSENT (left empty, not missing)
    assert values.get("case.finances.assets.bank_accounts[1].balance").value is ABSENT
    # a fact nobody gave: UNKNOWN, named by its path
    spouse = values.get("case.taxpayer.spouse_birth_date")
    assert spouse.value is UNKNOWN and spouse.unknown == ("case.taxpayer.spouse_birth_date",)
    assert values.get("finances.expenses.lines[key=housing_utilities][0].allowed").value == Decimal("1360.00")
    assert values.get("finances.expenses.lines[key^=vehicle_operating].allowed").value == [Decimal("210.00")]
    assert values.get("derived.income[kind=wages,earner=taxpayer][*].monthly_gross").value == [Decimal("4123.00")]
    assert values.get("derived.wages_spouse.frequency").value is ABSENT
    assert values.get("applies.R6343-A4").value is True
    assert values.get("applies.CDP-5").value is False


# ---------------------------------------------------------------- official PDFs


def test_433f_values_land_in_their_fields() -> None:
    _, outputs = _hardship_forms()
    form = _form(outputs, "433-F")
    assert form.kind == "official_pdf"
    fields = _fields(form.pdf)
    expected = {
        P433F + "address[0].NamesAddress[0]": "Dana R. Example\n12 Example St, Columbus, OH 43215",
        P433F + "address[0].CountyResidence[0]": "Franklin",
        P433F + "your_telephone[0].Home11[0]": "614-555-0142",
        P433F + "age[0].Under65[0]": "2",
        P433F + "age[0]._65Over[0]": "0",
        P433F + "AccountsTable[1].#subform[1].Name_and_Address_of_Institution[0]": "First Example Bank",
        P433F + "AccountsTable[1].#subform[1].Type_of_Accour_I[0]": "checking",
        P433F + "AccountsTable[1].#subform[1].Cuirenl_Balance_I_Value[0]": "35",
        P433F + "OtherAssetsTableSubform[0].RowSubform1[0].Description1[0]": "2014 Honda Civic",
        P433F + "OtherAssetsTableSubform[0].RowSubform1[0].Current_Value1[0]": "5,200",
        P433F + "OtherAssetsTableSubform[0].RowSubform1[0].Equity1[0]": "5,200",
        P433F2 + "sectionF[0].column_1[0].fieldXmlnshttpwwwxfa[0]": "Example Diner",
        P433F2 + "sectionF[0].column_1[0].YourEmployer[1]": "/1",  # biweekly, its on-state
        P433F2 + "sectionF[0].column_1[0].GrossPerPayPeriod[0]": "1,900",
        P433F2
        + "sectionH[0].column_1[0].food_personal_care[0].food_personal_care[0].Row6[0].total_allowed[0]": "1,481",
        P433F2 + "sectionH[0].column_1[0].housing_utilities[0].Row6[0].total_monthly[0]": "1,360",
        P433F2 + "sectionH[0].column_1[0].housing_utilities[0].Row6[0].total_allowed[0]": "1,360",
        P433F2 + "sectionH[0].column_2[0].medical[0].Row2[0].out_of_allowed[0]": "168",
        P433F2 + "sectionH[0].column_2[0].other[0].Row1[0].child_monthly[0]": "150",
    }
    for name, value in expected.items():
        assert fields[name] == value, name
    # the other pay-frequency boxes stay clear
    for i in (0, 2, 3):
        assert fields[P433F2 + f"sectionF[0].column_1[0].YourEmployer[{i}]"] in (None, "/Off")
    # no second bank account: empty, and not reported missing
    assert not fields[P433F + "AccountsTable[1].#subform[2].Name_and_Address_of_Institution[1]"]
    assert not any("Bank account 2" in g.box for g in form.missing)


def test_every_mapped_value_reads_back_from_every_official_form() -> None:
    case = _case(HARDSHIP_WITH_FINANCES)
    for form in ("f433f", "f433a", "f433aoi", "f656"):
        filled = _fill(form, case)
        fields = _fields(filled.pdf)
        assert filled.values, form
        for name, value in filled.values.items():
            assert fields[name] == value, (form, name)
        reader = PdfReader(io.BytesIO(filled.pdf))
        acro = reader.trailer["/Root"]["/AcroForm"]
        assert "/XFA" not in acro, form
        assert bool(acro.get("/NeedAppearances")), form


def test_433a_checkboxes_use_the_on_state_from_the_field_list() -> None:
    filled = _fill("f433a", _case(HARDSHIP_WITH_FINANCES))
    fields = _fields(filled.pdf)
    base = "topmostSubform[0].Page1[0]."
    assert fields[base + "c1[0].C1_01_2a[1]"] == "/2"  # unmarried (head of household), on-state /2
    assert fields[base + "c1[0].C1_01_2a[0]"] in (None, "/Off")
    assert fields[base + "Taxpayer\\.L4a-h[0].c1_4h_[2]"] == "/Bi-weekly"
    assert fields[base + "c1[0].Table_Part4-Line5[0].Row1[0].F02_031_0_[0]"] == "04181979"
    assert fields[base + "c1[0].Line1c[0].p1-t6c[0]"] == "614"
    assert fields[base + "c1[0].Line1c[0].p1-t7c[0]"] == "555-0142"
    assert fields["topmostSubform[0].Page4[0].TotalIncome[0].p3_t57_20[0]"] == "4,123"
    assert fields["topmostSubform[0].Page4[0].TotalLivingExpenses[0].p3_t78_45[0]"] == "380"
    # line 35 has no actual amount in the case, so lines 49 and 50 are not totalled: all three reported
    assert not fields["topmostSubform[0].Page4[0].TotalLivingExpenses[0].p3_t84_49[0]"]
    assert any(g.box.startswith("35.") and g.never == "actual_food_amount" for g in filled.missing)
    assert any(g.box.startswith("49.") and g.never == "add_lines_35_48" for g in filled.missing)


SSN_FIELDS = {
    "f433f": P433F + "ssn[0].YourSocialSecurityNu[0]",
    "f433a": "topmostSubform[0].Page1[0].c1[0].Table_Part4-Line5[0].Row1[0].F02_030_0_[0]",
    "f433aoi": "topmostSubform[0].F433-A-OIC_Page1[0].Section1[0].socialSecurityNumber[0]",
    "f656": "topmostSubform[0].F656_Page1[0].#subform[1].YourSocialSecurityNumber[0]",
}


def test_no_full_ssn_is_ever_written_and_the_ssn_boxes_are_listed() -> None:
    case = _case(HARDSHIP_WITH_FINANCES)
    for form, ssn_field in SSN_FIELDS.items():
        filled = _fill(form, case)
        fields = _fields(filled.pdf)
        for name, value in fields.items():
            text = str(value or "")
            assert not re.search(r"\d{3}-?\d{2}-?\d{4}", text), (form, name, text)
            assert "6789" not in text, (form, name)
        assert not fields[ssn_field], form
        assert any(
            g.reason is GapReason.NEVER and g.never == "full_tin" and g.field == ssn_field for g in filled.missing
        ), form
        said = [form_gaps.sentence(g, "en") for g in filled.missing if g.field == ssn_field]
        assert said and "SSN" in said[0] and "by hand" in said[0], form


def test_missing_finances_are_listed_not_filled() -> None:
    data = yaml.safe_load((EXAMPLES / "bank-levy-hardship-21-day-hold.yaml").read_text(encoding="utf-8"))
    data.pop("finances")  # the demo case without its finances and without an address
    data["taxpayer"].pop("address")
    data["circumstances"]["economic_hardship"] = True
    case = Case.model_validate(data)
    analysis = analyze(case, AS_OF)
    form = _form(forms_for(case, analysis), "433-F")
    fields = _fields(form.pdf)
    assert fields[P433F + "address[0].NamesAddress[0]"] in (None, "")  # the address is not in the case
    assert fields[P433F + "address[0].CountyResidence[0]"] == "Franklin"
    assert not fields[P433F2 + "sectionF[0].column_1[0].GrossPerPayPeriod[0]"]
    assert not fields[P433F2 + "sectionH[0].column_1[0].housing_utilities[0].Row6[0].total_monthly[0]"]
    facts = {p for g in form.missing if g.reason is GapReason.UNKNOWN for p in g.paths}
    for fact in ("taxpayer.address", "finances.income", "finances.housing", "finances.utilities", "finances.vehicles"):
        assert fact in facts, fact
    gross = [g for g in form.missing if g.field == P433F2 + "sectionF[0].column_1[0].GrossPerPayPeriod[0]"]
    assert gross and gross[0].reason is GapReason.UNKNOWN and gross[0].form_id == "433-F"
    # the words come from the catalog, per language, from the record — never a field name on the page
    for lang in ("en", "es"):
        what, field = form_gaps.row_words(gross[0], lang)
        assert field == "finances.income" and "topmostSubform" not in what + form_gaps.sentence(gross[0], lang), lang
    # nothing written is a placeholder
    for value in fields.values():
        assert not re.search(r"unknown|n/a|tbd|xxx", str(value or ""), re.IGNORECASE)


def test_a_value_too_long_for_its_box_is_reported_not_cut() -> None:
    data = {**HARDSHIP_WITH_FINANCES, "taxpayer": {**HARDSHIP_WITH_FINANCES["taxpayer"], "name": "A" * 50}}
    filled = _fill("f433a", _case(data))
    assert not _fields(filled.pdf)["topmostSubform[0].Page1[0].c1[0].Lines1a-b[0].p1-t4[0]"]
    long = [g for g in filled.missing if g.reason is GapReason.TOO_LONG]
    assert long and long[0].limit == 45 and "AAAA" not in form_gaps.sentence(long[0], "en")
    assert "longer than the box (45 characters)" in form_gaps.sentence(long[0], "en")


def test_offer_forms_carry_the_offer_and_its_periods() -> None:
    case, analysis = _example("offer-pending-levy-before.yaml")
    outputs = forms_for(case, analysis)
    f656 = _fields(_form(outputs, "656").pdf)
    assert f656["topmostSubform[0].F656_Page1[0].#subform[1].Your_First_Middle_Last_Name[0]"] == "Casey Offer"
    assert f656["topmostSubform[0].F656_Page1[0].#subform[1].cB_03[0]"] == "/Yes"
    assert f656["topmostSubform[0].F656_Page1[0].#subform[1]._1040_Income_Tax_Years[0]"] == "12-31-2019"
    oic = _fields(_form(outputs, "433-A (OIC)").pdf)
    assert oic["topmostSubform[0].F433-A-OIC_Page7[0].Offer_Amount[0]"] == "4,200"
    assert oic["topmostSubform[0].F433-A-OIC_Page1[0].Section1[0].Last_Name[0]"] == "Offer"
    assert oic["topmostSubform[0].F433-A-OIC_Page1[0].Section1[0].First_Name[0]"] == "Casey"
    assert oic["topmostSubform[0].F433-A-OIC_Page1[0].Section1[0].MaritalStatus[0].CB_01[0]"] == "/1"  # unmarried


def test_every_map_names_only_fields_of_its_form() -> None:
    _, catalog = load_catalog()
    for fid, entry in catalog.items():
        if not entry.get("map"):
            continue
        known = forms_fill.field_list(FORMS / entry["fields"])
        for item in forms_fill.load_map(FORMS / entry["map"]):
            assert item["field"] in known, (fid, item["field"])
            if item.get("format") == "checkbox":
                assert known[item["field"]].on_state, (fid, item["field"])


# ---------------------------------------------------------------- worksheets


def _spec(name: str) -> dict[str, Any]:
    return forms_worksheet.load_spec(FORMS / name)


@pytest.mark.parametrize(
    "spec_file",
    sorted(p.name for p in FORMS.glob("*.worksheet.yaml")),
)
def test_worksheet_has_every_line_in_order(spec_file: str) -> None:
    case = _case(HARDSHIP_WITH_FINANCES)
    spec = _spec(spec_file)
    sheet = forms_worksheet.build(spec, Values(case, analyze(case, AS_OF)))
    assert [(ln.line, ln.label) for ln in sheet.lines] == [(str(i["line"]), str(i["label"])) for i in spec["lines"]]
    assert not sheet.verified and "UNVERIFIED" in sheet.numbering
    text = " ".join(
        pdf_text(forms_worksheet.render_pdf(sheet, "the IRS office on your notice", "Not legal advice.")).split()
    )
    assert f"Worksheet for Form {spec['form']}" in text
    # the unverified numbering is said in words on the page, not in the data's shorthand
    assert "Check each line number against your copy of the form" in text
    assert "UNVERIFIED" not in text and "[S]" not in text and "reference " not in text
    pos = 0
    for line in sheet.lines:
        words = " ".join(line.label.split()[:3])
        found = text.find(words, pos)
        assert found >= 0, (spec_file, line.label)
        pos = found


def test_12153_worksheet_values_come_from_the_case_and_analysis() -> None:
    case, outputs = _hardship_forms()
    sheet = forms_worksheet.build(_spec("f12153.worksheet.yaml"), Values(case, analyze(case, AS_OF)))
    by_label = {ln.label: ln for ln in sheet.lines}
    assert by_label["Taxpayer name (and spouse, if the notice names both)"].value == "Dana R. Example"
    assert by_label["Tax period(s) — copy them from the notice"].value == "Form 1040 2022"
    eh = by_label["Equivalent hearing box (check it when the 30-day CDP deadline has passed)"]
    assert eh.state == "check"  # EH-1 applies: the CDP deadline passed
    hardship = next(ln for ln in sheet.lines if "I cannot pay balance" in ln.label)
    assert hardship.state == "check"
    tin = by_label["Taxpayer identification number (SSN or EIN)"]
    assert tin.state == "yours" and tin.value is None  # the person writes the full number by hand
    assert any(g.line == "2" and g.reason is GapReason.NEVER and g.never == "full_number" for g in sheet.missing)
    assert tin.note == form_gaps.reason_words(next(g for g in sheet.missing if g.line == "2"), "en")
    form = _form(outputs, "12153")
    assert form.kind == "worksheet"
    assert "LT11 dated July 13, 2026" in form.send_to and "1-800-829-7650" in form.send_to
    text = pdf_text(form.pdf)
    assert "Dana R. Example" in text and "6789" not in text


# ---------------------------------------------------------------- which forms


EXPECTED = {
    "balance-paid-in-full.yaml": ["12153", "9423"],
    "bank-levy-hardship-21-day-hold.yaml": ["433-F", "12153", "9423", "911"],
    "bankruptcy-before-levy.yaml": ["12153", "9423"],
    "business-bank-levy.yaml": ["12153", "9423", "911"],
    # a levy taking money while hardship is unknown: the hardship release step asks for the financial statement
    "cdp-request-on-day-31.yaml": ["433-F", "9423"],
    "disaster-area-cdp-postponed.yaml": ["12153", "9423"],  # 12153 of the equivalent-hearing step
    "expensive-county-wage-levy-finances.yaml": ["433-F", "12153", "9423", "911", "9465"],
    "family-above-the-standards.yaml": ["433-F", "12153", "9423", "9465"],
    "levy-after-collection-statute.yaml": ["9423"],
    "offer-pending-levy-before.yaml": ["433-F", "656", "433-A (OIC)", "12153", "9423"],
    "premature-levy-no-cdp-notice.yaml": ["9423"],
    "retiree-social-security-finances.yaml": ["433-F", "12153", "9423", "9465"],
    "self-employed-vehicle-loan-bank-levy.yaml": ["433-F", "12153", "9423", "911", "9465"],
    "social-security-federal-payment-levy.yaml": ["433-F", "12153", "9423"],
    "wage-levy-installment-agreement-entered.yaml": ["12153", "9423"],
    "wrongful-levy-relatives-account.yaml": ["12153", "9423"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_example_gets_the_forms_its_analysis_calls_for(name: str) -> None:
    case, analysis = _example(name)
    outputs = forms_for(case, analysis)
    assert [o.form_id for o in outputs] == EXPECTED[name]
    for o in outputs:
        assert o.pdf.startswith(b"%PDF"), o.form_id
        assert o.send_to and "{" not in o.send_to, o.form_id
        assert o.kind == ("official_pdf" if o.form_id in ("433-F", "433-A", "656", "433-A (OIC)") else "worksheet")


def test_every_example_is_covered() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(EXPECTED)


def test_a_pdf_and_map_added_as_data_turn_a_worksheet_into_a_filled_form(tmp_path: Path) -> None:
    """A tiny catalog: Form 12153 given an (stand-in) official PDF and a one-field map, no code change."""
    shutil.copy(FORMS / "f433f.pdf", tmp_path / "stand-in.pdf")
    shutil.copy(FORMS / "f433f.fields.json", tmp_path / "stand-in.fields.json")
    name_field = P433F + "address[0].CountyResidence[0]"
    (tmp_path / "stand-in.map.yaml").write_text(
        yaml.safe_dump({"form": "12153", "fields": [{"field": name_field, "path": "case.taxpayer.name"}]}),
        encoding="utf-8",
    )
    _, catalog = load_catalog()
    entry = {k: v for k, v in catalog["12153"].items() if k != "worksheet"}
    entry.update(pdf="stand-in.pdf", fields="stand-in.fields.json", map="stand-in.map.yaml")
    (tmp_path / "catalog.yaml").write_text(yaml.safe_dump({"forms": {"12153": entry}}), encoding="utf-8")
    case, analysis = _example("balance-paid-in-full.yaml")
    outputs = forms_for(case, analysis, catalog_dir=tmp_path)
    assert [(o.form_id, o.kind) for o in outputs] == [("12153", "official_pdf")]
    assert _fields(outputs[0].pdf)[name_field] == "Robin Paidup"


# ---------------------------------------------------------------- rendering


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_filled_page_renders_non_blank(tmp_path: Path) -> None:
    _, outputs = _hardship_forms()
    pdf = tmp_path / "f433f.pdf"
    pdf.write_bytes(_form(outputs, "433-F").pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "2", "-l", "2", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    image = next(tmp_path.glob("p*.pgm")).read_bytes()
    header_end = image.index(b"255\n") + 4
    pixels = image[header_end:]
    dark = sum(1 for b in pixels if b < 128)
    assert dark > len(pixels) // 100  # text and rules, not a blank page


def test_an_unknown_list_is_reported_once_not_box_by_box() -> None:
    from levynav.documents.forms import group_list_gaps

    unknown = GapReason.UNKNOWN
    missing = [
        FormGap("A. Investment 1: description", unknown, ("finances.assets.investments[0].description",), field="a"),
        FormGap("A. Investment 1: value", unknown, ("finances.assets.investments[0].market_value",), field="b"),
        FormGap("A. Investment 2: value", unknown, ("finances.assets.investments[1].market_value",), field="c"),
        FormGap("County of residence", unknown, ("taxpayer.county",), field="d"),
        FormGap("B. Real estate 1: value", unknown, ("finances.assets.real_estate[0].market_value",), field="e"),
    ]
    grouped = group_list_gaps(missing)
    assert grouped == [
        FormGap("finances.assets.investments", GapReason.LIST, ("finances.assets.investments",), count=3),
        missing[3],
        missing[4],
    ]
    assert form_gaps.sentence(grouped[0], "en") == (
        "Each item of the list “Assets — investments”: not known — list each one, or write that there are none"
        " (3 boxes left empty)"
    )
    spanish = form_gaps.sentence(grouped[0], "es")
    assert "(3 casillas en blanco)" in spanish and "«Bienes — inversiones»" in spanish and "finances." not in spanish


def test_every_gap_reason_and_never_key_has_words_in_every_language() -> None:
    """A form's empty box is a typed record; its words come from the catalog of the page's language. Every reason,
    and every ``never`` key the field maps and worksheets name, is said in English and in Spanish."""
    base, catalog = load_catalog()
    keys: set[str] = set()
    for entry in catalog.values():
        for name in ("map", "worksheet"):
            if entry.get(name):
                spec = datafiles.parse((base / entry[name]).read_text(encoding="utf-8")) or {}
                keys |= {str(e["never"]) for e in spec.get("fields") or spec.get("lines") or [] if "never" in e}
    assert keys >= {"full_tin", "full_number"}
    for lang in ("en", "es"):
        words = form_gaps.words(lang)
        assert keys <= set(words["never"]), (lang, keys - set(words["never"]))
        for reason in GapReason:
            gap = FormGap("Box", reason, ("case.fact",), never="full_tin", limit=10, count=2, form_id="433-F")
            said = form_gaps.sentence(gap, lang)
            what, field = form_gaps.row_words(gap, lang)
            assert said[:1].isupper() and what[:1].isupper() and "{" not in said + what, (lang, reason, said)
            assert field in ("case.fact", form_gaps.form_words(gap, lang)), (lang, reason)
