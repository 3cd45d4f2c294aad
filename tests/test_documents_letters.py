"""Letters name only the grounds the analysis found, show what is missing, and carry the facts they need."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from levynav.core.analyze import analyze
from levynav.core.model.analysis import Analysis, Outcome
from levynav.core.model.case import Case
from levynav.documents.lettering import ground_heading
from levynav.documents.letters import letters_for
from levynav.documents.pdf import html_to_pdf, pdf_text
from levynav.explain.render import english, title
from levynav.intake.load import case_from_data, load_case

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = date(2026, 11, 23)


def example(name: str) -> tuple[Case, Analysis]:
    case = load_case(EXAMPLES / f"{name}.yaml")
    return case, analyze(case, AS_OF)


def title_of(analysis: Analysis, rule: str) -> str:
    """The heading a letter gives the ground (formal words; the finding's title speaks to the taxpayer)."""
    return ground_heading(next(f for f in english(analysis).findings if f.rule == rule))


def letter_text(case: Case, analysis: Analysis, kind: str) -> str:
    found = [lt for lt in letters_for(case, analysis) if lt.kind == kind]
    assert found, f"no {kind} letter"
    return " ".join(pdf_text(html_to_pdf(found[0].html)).split())


def test_release_request_names_the_paid_ground_and_not_hardship() -> None:
    case, analysis = example("balance-paid-in-full")
    hardship = [f for f in analysis.findings if f.rule == "R6343-A4"]
    assert hardship and all(f.outcome is not Outcome.APPLIES for f in hardship)
    text = letter_text(case, analysis, "release_request")
    assert title_of(analysis, "R6343-A1") in text
    assert "economic hardship" not in text.lower()
    assert "Form 668-D" in text


def test_release_request_names_hardship_and_not_the_paid_ground() -> None:
    case, analysis = example("bank-levy-hardship-21-day-hold")
    assert all(f.outcome is not Outcome.APPLIES for f in analysis.findings if f.rule == "R6343-A1")
    text = letter_text(case, analysis, "release_request")
    assert title_of(analysis, "R6343-A4") in text
    assert title_of(analysis, "R6343-A1") not in text
    assert "December 3, 2026" in text  # the bank hold ends: release before the money moves


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_letter_names_only_findings_that_apply(path: Path) -> None:
    case = load_case(path)
    analysis = analyze(case, AS_OF)
    applying = {title(f.rule, "en") for f in analysis.findings if f.outcome is Outcome.APPLIES}
    not_applying = {title(f.rule, "en") for f in analysis.findings if f.outcome is not Outcome.APPLIES} - applying
    rendered = english(analysis).findings
    applying_headings = {ground_heading(f) for f in rendered if f.outcome is Outcome.APPLIES}
    not_applying_headings = {ground_heading(f) for f in rendered} - applying_headings
    for letter in letters_for(case, analysis):
        for heading in not_applying:
            assert heading not in letter.html, f"{letter.id} names {heading!r}, which does not apply"
        for heading in not_applying_headings:
            assert f"{heading}</h3>" not in letter.html, f"{letter.id} argues {heading!r}, which does not apply"
        for rule in letter.rules:
            assert any(f.rule == rule and f.outcome is Outcome.APPLIES for f in analysis.findings)


def test_no_letter_when_no_route_applies() -> None:
    case = case_from_data({"taxpayer": {"kind": "individual", "name": "A. Person"}}, "test")
    assert letters_for(case, analyze(case, AS_OF)) == []


def test_missing_facts_are_marked_in_the_text_never_as_blanks() -> None:
    """A missing fact is a red mark in the letter; the list of them is on the taxpayer's pages (cover and
    "What is still missing"), not in a box on the letter that goes to the IRS."""
    full, _ = example("bank-levy-hardship-21-day-hold")
    data = full.model_dump(mode="json", exclude_none=True)
    data["taxpayer"].pop("address")  # the demo case without the facts a letter needs
    data["taxpayer"].pop("phone")
    for notice in data["notices"]:
        notice.pop("address", None)
    case = Case.model_validate(data)
    analysis = analyze(case, AS_OF)
    letter = next(lt for lt in letters_for(case, analysis) if lt.kind == "release_request")
    paths = {g.path for g in letter.missing}
    assert {"taxpayer.address", "taxpayer.phone", "notices[].address"} <= paths
    text = " ".join(pdf_text(html_to_pdf(letter.html)).split())
    assert "Before you send this" not in text
    assert "[missing: your mailing address]" in text
    assert "None" not in text


def test_a_complete_case_has_no_missing_box() -> None:
    case, _ = example("levy-after-collection-statute")
    data = case.model_dump(mode="json", exclude_none=True)
    data["taxpayer"].update(address="12 Elm St; Springfield, IL 62701", phone="217-555-0100")
    data["notices"][-1]["address"] = "Internal Revenue Service; Stop 5050; Chicago, IL 60604"
    data["levies"][0]["holder_address"] = "Bank Levy Dept; PO Box 1; Chicago, IL 60601"
    full = case_from_data(data, "test")
    analysis = analyze(full, AS_OF)
    letter = next(lt for lt in letters_for(full, analysis) if lt.kind == "release_request")
    assert [g.path for g in letter.missing] == ["taxpayer.tin (full number)"]  # never stored: written by hand
    assert "Stop 5050" in letter.html


def test_wrongful_levy_claim_has_the_four_contents_of_the_regulation() -> None:
    case, analysis = example("wrongful-levy-relatives-account")
    text = letter_text(case, analysis, "wrongful_levy_claim")
    for heading in ("1. Claimant", "2. What was levied", "3. Why it is mine", "4. The taxpayer and the levy"):
        assert heading in text
    assert "Maria Testcase" in text
    assert "Savings account in the sole name of Maria Testcase, the taxpayer's mother" in text
    assert "October 5, 2026" in text  # the levy date
    assert "Jordan Testcase" in text
    assert "Collection Advisory" in text
    assert "77 Example Lane, Evanston, IL 60201" in text  # the claimant's address
    assert "sole name and holds only her own pension deposits" in text  # the basis of her interest
    letter = next(lt for lt in letters_for(case, analysis) if lt.kind == "wrongful_levy_claim")
    assert letter.by == date(2028, 10, 4) and letter.certified  # day before the anniversary (safer date)
    data = case.model_dump(mode="json", exclude_none=True)
    data["levies"][0].pop("third_party_address")  # without the claimant's address the claim says so
    bare = case_from_data(data, "test")
    letter = next(lt for lt in letters_for(bare, analyze(bare, AS_OF)) if lt.kind == "wrongful_levy_claim")
    assert "levies[0].third_party_address" in {g.path for g in letter.missing}


def test_representative_signs_with_caf_number_and_form_2848() -> None:
    case, _ = example("balance-paid-in-full")
    data = case.model_dump(mode="json", exclude_none=True)
    data["representative"] = {"name": "Pat Counsel, EA", "caf_number": "0312-45678R", "form_2848_on_file": True}
    rep_case = case_from_data(data, "test")
    text = letter_text(rep_case, analyze(rep_case, AS_OF), "release_request")
    assert "Pat Counsel, EA" in text
    assert "0312-45678R" in text
    assert "Form 2848" in text


def test_return_request_is_made_only_when_a_return_ground_applies() -> None:
    case, analysis = example("wage-levy-installment-agreement-entered")
    kinds = [lt.kind for lt in letters_for(case, analysis)]
    assert "return_request" in kinds
    text = letter_text(case, analysis, "return_request")
    assert "6343(d)" in text
    case2, analysis2 = example("balance-paid-in-full")
    assert "return_request" not in [lt.kind for lt in letters_for(case2, analysis2)]


def _html_text(markup: str) -> str:
    import html as html_lib
    import re

    body = markup[markup.find("<body") :]
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_letters_to_a_bank_or_employer_speak_to_it_not_to_the_taxpayer(name: str) -> None:
    """A letter to the holder informs it of the request and asks it to hold or release the funds as the law
    says; the person calls the IRS, the bank does not, and no sentence written to the taxpayer is in it."""
    case, analysis = example(name)
    for letter in [lt for lt in letters_for(case, analysis) if lt.kind == "holder_letter"]:
        text = _html_text(letter.html)
        body = text[text.find("Taxpayer:") :]
        assert "call the irs" not in body.casefold(), f"{letter.id}: tells the holder to call the IRS"
        for f in english(analysis).findings:
            assert f.explanation not in body, f"{letter.id}: carries the taxpayer's explanation of {f.rule}"
        for step in english(analysis).plan:
            assert step.action not in body, f"{letter.id}: carries a plan step meant for the taxpayer"


def test_a_fact_in_a_letter_is_named_with_what_it_belongs_to() -> None:
    """ "Kind: bank" says nothing to the reader of a letter; "Levy kind: bank" does. Specific leaves keep their name."""
    from levynav.documents.lettering import fact_label

    assert fact_label("levies[0].kind") == "Levy kind"
    assert fact_label("notices[2].type") == "Notice type"
    assert fact_label("tax_periods[0].id") == "Tax period id"
    assert fact_label("levies[0].served_date") == "Served date"
    assert fact_label("circumstances.economic_hardship") == "Economic hardship"


def test_release_request_asks_for_part_when_every_ground_is_partial() -> None:
    """A levy for two periods, one past its collection statute before the levy and one still collectible: the
    ground is a partial release (§ 6343(a)(1) "all, or part of"), so the letter asks for that part, not the whole."""
    case = case_from_data(
        {
            "taxpayer": {"kind": "individual", "name": "Test Person"},
            "tax_periods": [
                {"id": "1040-2012", "balance": 3000, "csed": "2025-10-15"},
                {"id": "1040-2019", "balance": 5000, "csed": "2031-05-01"},
            ],
            "levies": [{"kind": "bank", "served_date": "2026-01-06", "tax_periods": ["1040-2012", "1040-2019"]}],
        }
    )
    analysis = analyze(case, date(2026, 3, 1))
    grounds = [f for f in analysis.findings if f.rule == "R6343-A1" and f.outcome is Outcome.APPLIES]
    assert [f.effect.value for f in grounds if f.effect is not None] == ["partial_release"]
    text = letter_text(case, analysis, "release_request")
    assert "Release this levy now, as far as the grounds above reach it" in text
    assert "in full" not in text


def test_release_request_asks_for_the_whole_levy_on_a_full_ground() -> None:
    case, analysis = example("balance-paid-in-full")
    assert "Release this levy now, in full" in letter_text(case, analysis, "release_request")


def _combat_case(end: str | None) -> Case:
    """A soldier in a combat zone since 2026-03-01 whose LT11 (2026-05-04) had its ordinary CDP day (06-03) inside the
    service (review8, clinic case 11)."""
    service: dict[str, str] = {"kind": "combat_zone", "start": "2026-03-01"}
    if end:
        service["end"] = end
    return case_from_data(
        {
            "taxpayer": {"kind": "individual", "name": "A. Soldier", "address": "1 Example Loop, Fayetteville, NC"},
            "notices": [{"type": "LT11", "notice_date": "2026-05-04", "tax_periods": ["1040-2023"]}],
            "proceedings": {"postponements": [service]},
            "levies": [{"kind": "wages", "served_date": "2026-07-06", "tax_periods": ["1040-2023"]}],
        },
        "test",
    )


@pytest.mark.parametrize("end", [None, "2026-12-07"], ids=["still-serving", "service-ended"])
def test_hearing_cover_asks_for_a_cdp_hearing_when_combat_zone_service_keeps_it_timely(end: str | None) -> None:
    """§ 7508(a)(1)(K), Rev. Proc. 2018-58 § 7: the CDP request's time is disregarded while the person serves and for
    180 days after; the cover letter asked for an equivalent hearing only (audit 2026-12-07, round 3). It now asks for
    a CDP hearing, the equivalent hearing in the alternative (Form 12153's box)."""
    case = _combat_case(end)
    text = letter_text(case, analyze(case, date(2026, 12, 7)), "hearing_cover")
    assert "request for a Collection Due Process hearing about notice LT11" in text
    assert "in the alternative for an equivalent hearing" in text
    assert "does not by itself stop the levy" not in text
    if end is None:
        assert "since March 1, 2026 and am still serving" in text
        assert "§ 7508(a)(1)(K)" in text


@pytest.mark.parametrize(
    ("end", "by"),
    [("2026-06-30", "January 26, 2027"), ("2026-11-30", "May 4, 2027")],
    ids=["postponed-day-first", "equivalent-day-first"],
)
def test_hearing_cover_is_mailed_by_the_postponed_cdp_day_when_it_comes_first(end: str, by: str) -> None:
    """The cover letter said it was mailed by the equivalent hearing's day (2027-05-04) although the CDP request,
    postponed by § 7508(a) (service to 2026-06-30, + 180 days, then the 30 days), ran only to 2027-01-26. It now
    names the earlier of the two days (audit 2026-12-07, round 4)."""
    case = _combat_case(end)
    text = letter_text(case, analyze(case, date(2026, 12, 7)), "hearing_cover")
    assert f"on or before {by}" in text


def test_hearing_cover_while_still_serving_names_no_day_for_the_cdp_request() -> None:
    """Service with no last day yet (§ 7508(a)): the CDP request has no day that can be counted (``Deadline.still_open``
    with no ``open_until``). The letter said it was mailed "on or before" the equivalent hearing's day, titled as that
    hearing's, and listed only the equivalent hearing under "The hearing I ask for". It now says the request is mailed
    while the person serves, names the equivalent hearing's day only for the alternative, and lists the CDP hearing
    first (audit 2026-12-07, round 6)."""
    case = _combat_case(None)
    analysis = analyze(case, date(2026, 12, 7))
    cdp = next(d for d in analysis.deadlines if d.id == "cdp.request")
    assert cdp.passed and cdp.still_open and cdp.open_until is None
    text = " ".join(letter_text(case, analysis, "hearing_cover").split())
    assert "while I am still serving: no last day for this request can be counted" in text
    assert "The equivalent hearing I ask for in the alternative is requested on or before May 4, 2027" in text
    assert "I am mailing it by certified mail, return receipt requested, on or before" not in text
    first, second = text.index("1. Collection Due Process hearing"), text.index("2. Equivalent hearing")
    assert first < second


def _estate_case(capacity: str | None, form_56: bool | None = None) -> Case:
    """Review8 clinic 12 with the death entered: the taxpayer died 2026-06-20, an LT11 of 2026-08-03, a bank levy."""
    data: dict[str, Any] = {
        "taxpayer": {
            "kind": "individual",
            "name": "John Example",
            "date_of_death": "2026-06-20",
            "address": "1 Elm St",
        },
        "notices": [{"type": "LT11", "notice_date": "2026-08-03", "tax_periods": ["1040-2021"]}],
        "levies": [{"kind": "bank", "served_date": "2026-10-05", "tax_periods": ["1040-2021"], "holder": "First Bank"}],
    }
    if capacity is not None:
        data["representative"] = {"name": "Ana Example", "capacity": capacity, "form_56_filed": form_56}
    return case_from_data(data, "test")


@pytest.mark.parametrize("form_56", [True, None], ids=["form-56-on-file", "form-56-enclosed"])
def test_hearing_cover_for_a_decedent_is_signed_by_the_fiduciary(form_56: bool | None) -> None:
    """§ 6903(a): the fiduciary "shall assume the powers, rights, duties, and privileges" of the decedent; the cover
    letter was signed in the dead taxpayer's own name (review8 clinic 12; audit 2026-12-07, round 4)."""
    case = _estate_case("fiduciary", form_56)
    text = letter_text(case, analyze(case, date(2026, 12, 7)), "hearing_cover")
    role = "Ana Example, personal representative (executor or administrator) of the Estate of John Example, deceased"
    assert text.count(role) >= 2  # the sender and the signature
    assert "The taxpayer died on June 20, 2026" in text
    assert "26 U.S.C. § 6903(a)" in text
    on_file = "Form 56, Notice Concerning Fiduciary Relationship, is on file with the IRS"
    assert (on_file in text) is (form_56 is True)


@pytest.mark.parametrize("form_56", [True, None], ids=["form-56-on-file", "form-56-enclosed"])
def test_the_spanish_reading_copies_of_a_decedent_letters_name_the_fiduciary(form_56: bool | None) -> None:
    """Each reading copy says what its English letter says: who signs is the personal representative of the estate
    (§ 6903(a)), not 'representante (número CAF …)' writing 'en nombre de' a person who has died."""
    import html as html_lib
    import re

    from levynav.documents.reading_copy import reading_copy_html
    from levynav.explain.render import render

    case = _estate_case("fiduciary", form_56)
    analysis = analyze(case, date(2026, 12, 7))
    letters = letters_for(case, analysis)
    assert any(lt.kind == "hearing_cover" for lt in letters)
    for letter in letters:
        markup = reading_copy_html(letter, render(analysis, "es"))
        text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", markup[markup.find("<body") :])).split())
        assert "El contribuyente falleció el 20 de junio de 2026" in text, letter.kind
        assert "26 U.S.C. § 6903(a)" in text
        assert "CAF" not in text and "en nombre de John Example" not in text
        assert ("ya está en poder del IRS" in text) is (form_56 is True)
        if letter.kind == "hearing_cover":  # the sender line and the signature
            assert text.count("Ana Example, representante personal (albacea o administrador) del patrimonio de") == 2


def test_letter_for_a_decedent_with_no_fiduciary_named_asks_who_signs() -> None:
    """A power of attorney the decedent gave is not the fiduciary's authority: the signer is asked, not invented."""
    case = _estate_case("power_of_attorney")
    text = letter_text(case, analyze(case, date(2026, 12, 7)), "hearing_cover")
    assert "the name of the executor or administrator who signs for the estate" in text
    assert "Pat" not in text and "Ana Example" not in text
