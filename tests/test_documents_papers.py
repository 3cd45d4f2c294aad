"""The papers sent to the IRS, a bank or an employer, read as printed (audit 2026-12-07, the papers).

Each test reads the text of the generated letter (its PDF, or its HTML for the many-case checks) and holds it to
the primary source named in its docstring (docs/law-notes.md, "audit 2026-12-07, the papers").
"""

from __future__ import annotations

import html as html_lib
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from levynav.core.analyze import analyze
from levynav.core.model.case import Case
from levynav.documents.lettering import ADVISORY_OFFICE, cite_parts
from levynav.documents.letters import Letter, letters_for
from levynav.documents.pdf import html_to_pdf, pdf_text
from levynav.documents.reading_copy import reading_copy_html
from levynav.explain.render import render
from levynav.intake.load import case_from_data, load_case

EXAMPLES = Path(__file__).parent.parent / "examples"
AS_OF = date(2026, 11, 23)
LEVY_KINDS = [
    "bank",
    "wages",
    "social_security",
    "federal_payment",
    "retirement",
    "accounts_receivable",
    "state_tax_refund",
    "other_property",
    "digital_assets",
]


def _letters(case: Case, as_of: date = AS_OF) -> list[Letter]:
    return letters_for(case, analyze(case, as_of))


def _one(case: Case, kind: str, as_of: date = AS_OF) -> Letter:
    found = [lt for lt in _letters(case, as_of) if lt.kind == kind]
    assert found, f"no {kind} letter"
    return found[0]


def _printed(letter: Letter) -> str:
    return " ".join(pdf_text(html_to_pdf(letter.html)).split())


def _html_text(markup: str) -> str:
    body = markup[markup.find("<body") :]
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _example(name: str) -> Case:
    return load_case(EXAMPLES / f"{name}.yaml")


def _with(name: str, change: dict[str, Any], levy: dict[str, Any] | None = None) -> Case:
    data = _example(name).model_dump(mode="json", exclude_none=True)
    data.update(change)
    if levy:
        data["levies"][0].update(levy)
    return case_from_data(data, "test")


def _bankruptcy_case(kind: str) -> Case:
    """A levy served two weeks before a chapter 13 petition, still in place: the stay reaches it."""
    return case_from_data(
        {
            "taxpayer": {"kind": "individual", "name": "A. Person", "address": "1 Main St; Town, ST 00000"},
            "proceedings": {"bankruptcies": [{"chapter": 13, "petition_date": "2026-10-01"}]},
            "levies": [{"kind": kind, "served_date": "2026-09-15", "holder": "Acme Holder"}],
        },
        "test",
    )


# ---------------------------------------------------------------- citations


def test_cite_parts_names_each_authority_once_and_keeps_parentheticals_whole() -> None:
    parts = cite_parts(
        [
            "11 U.S.C. § 362(a), (k); 26 U.S.C. § 7433(e)",
            "11 U.S.C. § 362(a), (k); IRM 5.11.2.3.1(3)",
            '11 U.S.C. § 362(c)(2) (the stay lasts; until discharge); IRS training, "Section 11071; TCJA"',
        ]
    )
    assert parts == [
        "11 U.S.C. § 362(a), (k)",
        "26 U.S.C. § 7433(e)",
        "IRM 5.11.2.3.1(3)",
        "11 U.S.C. § 362(c)(2) (the stay lasts; until discharge)",
        'IRS training, "Section 11071; TCJA"',
    ]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_ground_names_each_authority_once(path: Path) -> None:
    """Two registry citations of one ground may share a source (RBK-362-V: § 362(a), (k), § 7433(e), In re Elrod
    twice); the letter names it once."""
    for letter in _letters(load_case(path)):
        for line in re.findall(r"<b>Authority:</b>\s*<span class=\"cite\">(.*?)</span>", letter.html, re.S):
            parts = [p.strip() for p in html_lib.unescape(line).split("; ")]
            assert len(parts) == len(set(parts)), f"{letter.id}: an authority named twice: {line}"


def test_bankruptcy_release_request_cites_elrod_once_per_ground() -> None:
    letter = _one(_example("bankruptcy-before-levy"), "release_request")
    text = _printed(letter)
    assert text.count("In re Elrod") == 2  # two grounds (the stay, the levy made in violation of it), once each


# ---------------------------------------------------------------- the release request


def test_release_request_says_should_when_every_ground_is_discretionary() -> None:
    """A property levy made before the petition: the stay leaves its release to the IRS (effect may_release), so the
    letter does not say the levy "must" be released; a continuing wage levy is a must (RBK-362 levy_before_*)."""
    text = _printed(_one(_bankruptcy_case("other_property"), "release_request"))
    assert "Why the levy should be released" in text
    assert "must be released" not in text
    text = _printed(_one(_bankruptcy_case("wages"), "release_request"))
    assert "Why the levy must be released" in text


# ---------------------------------------------------------------- the letter to the bank or employer


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_letter_to_the_holder_shares_no_more_than_the_holder_needs(path: Path) -> None:
    """The holder has the notice of levy; it acts on Form 668-D (26 U.S.C. §§ 6332(a), (c), 6343(a)). The letter
    names the taxpayer and the levy, and carries no identifying number, no copy of the request to the IRS (with
    its grounds and the household's finances) and nothing of the finances themselves."""
    case = load_case(path)
    for letter in [lt for lt in _letters(case) if lt.kind == "holder_letter"]:
        text = _html_text(letter.html)
        assert "SSN" not in text and "EIN" not in text, letter.id
        assert "write in" not in text, letter.id
        assert "Enclosed" not in text and "enclosed" not in text, letter.id
        for words in ("Allowable living expenses", "Monthly income", "Why the levy must be released"):
            assert words not in text, f"{letter.id}: {words}"
        assert "taxpayer.tin (full number)" not in {g.path for g in letter.missing}
        assert case.taxpayer.name is None or f"Taxpayer: {case.taxpayer.name}" in text


def test_letter_to_the_bank_keeps_the_21_day_hold_and_its_reading_copy_encloses_nothing() -> None:
    """§ 6332(c): a bank surrenders deposits "only after 21 days after service of levy"; served November 12, the
    bank holds through December 3."""
    case = _example("bank-levy-hardship-21-day-hold")
    analysis = analyze(case, AS_OF)
    letter = next(lt for lt in letters_for(case, analysis) if lt.kind == "holder_letter")
    text = _printed(letter)
    assert "26 U.S.C. § 6332(c)" in text and "December 3, 2026" in text
    reading = _html_text(reading_copy_html(letter, render(analysis, "es")))
    assert "Anexos" not in reading
    assert "Seguro Social" not in reading  # no number, not even "written in the English letter"


@pytest.mark.parametrize("kind", LEVY_KINDS)
def test_letter_to_the_holder_names_what_the_levy_takes(kind: str) -> None:
    """Only a wage levy takes "pay"; a levy on a retirement account, a refund or property is named as such, and only
    the payroll department of an employer is addressed."""
    letter = _one(_bankruptcy_case(kind), "holder_letter")
    text = _printed(letter)
    subject = re.search(r"IRS levy on (.*?) — I have asked", text)
    assert subject is not None
    assert (subject.group(1).split()[-1] == "pay") is (kind == "wages"), subject.group(0)
    assert ("Payroll" in text) is (kind == "wages")
    assert ("stop taking money" in text) is (kind in {"wages", "social_security", "federal_payment"})


# ---------------------------------------------------------------- the wrongful-levy claim


def test_wrongful_levy_claim_shows_where_it_must_go_as_a_gap_to_write_in() -> None:
    """26 C.F.R. § 301.6343-2(b): the written request "must be given to the IRS official, office and address
    specified in IRS Publication 4528" and "is not effective if it is given to an office other than the office
    listed"; Pub. 4528 points to Pub. 4235 for the address. The case never holds it: a visible write-in mark."""
    letter = _one(_example("wrongful-levy-relatives-account"), "wrongful_levy_claim")
    text = _printed(letter)
    assert "[write in: the address of the IRS Collection Advisory office" in text
    assert "Publication 4235" in text
    assert ADVISORY_OFFICE in {g.path for g in letter.missing}


def test_wrongful_levy_claim_does_not_say_more_of_the_levy_date_than_it_knows() -> None:
    """The case holds the date the levy was served, not the date printed on the notice of levy (from which the
    IRS counts the 2 years); the row says which date it is, and the notice itself is enclosed."""
    text = _printed(_one(_example("wrongful-levy-relatives-account"), "wrongful_levy_claim"))
    assert "(on the notice of levy)" not in text
    assert "Date of levy (the date the notice of levy was served) October 5, 2026" in text
    assert "A copy of the notice of levy, showing the levy date" in text
    assert "IRS office that levied" not in text  # the address is the latest notice's, not known to be the levy's


def test_wrongful_levy_claim_on_property_asks_for_the_property_or_its_sale_proceeds() -> None:
    """§ 6343(b): the IRS may return the specific property, an amount equal to the money levied, or an amount equal
    to the money received from a sale; § 6343(c) interest runs on money. A claim for a car is not "money levied"."""
    case = _with(
        "wrongful-levy-relatives-account",
        {},
        {"kind": "other_property", "property_description": "A 2019 sedan titled to Maria Testcase"},
    )
    text = _printed(_one(case, "wrongful_levy_claim"))
    assert "The IRS levied property that belongs to me" in text
    assert "Return the property levied upon or, if it has been sold" in text
    assert "Return the money levied" not in text
    money = _printed(_one(_example("wrongful-levy-relatives-account"), "wrongful_levy_claim"))
    assert "The IRS levied money that belongs to me" in money
    assert "Return the money levied ($6,120.00), with interest" in money


# ---------------------------------------------------------------- the refund claim


def test_refund_claim_states_only_the_basis_the_analysis_found() -> None:
    """Treas. Reg. § 301.6402-2(b)(1): a claim sets forth "each ground upon which a credit or refund is claimed".
    Money taken after payment in full is claimed as such; money collected after the statute ran out is an
    overpayment under § 6401(a) and is claimed as that."""
    paid = _printed(_one(_example("balance-paid-in-full"), "refund_claim"))
    assert "to the extent it was collected after the liability was paid." in paid
    assert "period of limitation" not in paid
    late = case_from_data(
        {
            "taxpayer": {"kind": "individual", "name": "A. Person"},
            "tax_periods": [{"id": "1040-2012", "balance": 5000, "csed": "2025-06-01"}],
            "levies": [
                {
                    "kind": "bank",
                    "served_date": "2026-03-02",
                    "owner": "taxpayer",
                    "amount_taken": 3410,
                    "proceeds_sent": True,
                    "proceeds_sent_date": "2026-03-27",
                    "tax_periods": ["1040-2012"],
                    "holder": "Acme Bank",
                }
            ],
        },
        "test",
    )
    text = _printed(_one(late, "refund_claim", date(2026, 6, 1)))
    assert "after the period of limitation on collection had expired (26 U.S.C. §§ 6502(a), 6401(a))." in text
    assert "after the liability was paid" not in text


def _innocent_spouse_case(served: str) -> Case:
    return case_from_data(
        {
            "taxpayer": {"kind": "individual", "name": "Pat Example", "filing_status": "married_filing_jointly"},
            "tax_periods": [{"id": "1040-2021", "balance": 9000}],
            "proceedings": {"innocent_spouse_claims": [{"filed_date": "2025-02-01", "tax_periods": ["1040-2021"]}]},
            "levies": [{"kind": "wages", "served_date": served, "holder": "Example Co", "tax_periods": ["1040-2021"]}],
        }
    )


def test_a_levy_made_before_an_innocent_spouse_claim_is_not_said_to_break_its_bar() -> None:
    """§ 6015(e)(1)(B): no levy shall be "made, begun, or prosecuted" while the claim runs. A levy made before the
    claim was not made in breach of the bar: the release request gives the open ground for a levy already in place
    (R6015-E1-L, "should"), not the claim's bar on new levies as a reason it "must" be released."""
    text = _printed(_one(_innocent_spouse_case("2024-11-15"), "release_request", date(2025, 6, 1)))
    assert "A levy in place when the claim for innocent spouse relief was filed" in text
    assert "No levy while a claim for innocent spouse relief is pending" not in text
    assert "Why the levy should be released" in text
    assert "Why the levy must be released" not in text


def test_a_levy_made_during_an_innocent_spouse_claim_must_be_released() -> None:
    """The same claim with a levy served after it: the levy broke the bar, and the request says it must go."""
    text = _printed(_one(_innocent_spouse_case("2025-03-10"), "release_request", date(2025, 6, 1)))
    assert "Why the levy must be released" in text
    assert "A levy in place when the claim for innocent spouse relief was filed" not in text


def test_hearing_cover_after_a_notice_not_validly_given_repeats_the_request_asks_for_the_substitute() -> None:
    """A request made after a levy notice that started no 30 days is not late (Buffano v. Comm'r, T.C. Memo.
    2007-32); the IRS owes a substitute notice (Treas. Reg. § 301.6320-1(a)(2) Q&A-A12). The cover letter repeats the
    request, says why it was not late, and asks in the alternative for the substitute notice (audit 2026-12-07,
    round 4); its Spanish reading copy says the same."""
    case = case_from_data(
        {
            "taxpayer": {"kind": "individual"},
            "notices": [
                {
                    "type": "LT11",
                    "notice_date": "2026-08-24",
                    "received_date": "2026-10-01",
                    "tax_periods": ["1040-2022"],
                    "sent_to_last_known_address": False,
                }
            ],
            "proceedings": {"hearing_requests": [{"kind": "levy", "request_date": "2026-10-05"}]},
        },
        "test",
    )
    analysis = analyze(case, date(2026, 12, 7))
    letter = next(lt for lt in letters_for(case, analysis) if lt.kind == "hearing_cover")
    text = _printed(letter)
    assert "I requested a Collection Due Process hearing about this notice on October 5, 2026" in text
    assert "Buffano v. Commissioner, T.C. Memo. 2007-32" in text
    assert "substitute notice" in text
    assert "does not by itself stop the levy" not in text  # a CDP request, not an equivalent-hearing one
    reading = _html_text(reading_copy_html(letter, render(analysis, "es")))
    assert "Pedí una audiencia del debido proceso de cobro sobre este aviso el" in reading
    assert "aviso sustituto" in reading


def test_hearing_cover_for_a_notice_given_in_time_says_nothing_of_an_earlier_request() -> None:
    """Edge: the same notice received in time and no request yet — the ordinary CDP cover, no such paragraph."""
    case = case_from_data(
        {
            "taxpayer": {"kind": "individual"},
            "notices": [{"type": "LT11", "notice_date": "2026-11-30", "tax_periods": ["1040-2022"]}],
        },
        "test",
    )
    letter = next(lt for lt in letters_for(case, analyze(case, date(2026, 12, 7))) if lt.kind == "hearing_cover")
    assert "I requested a Collection Due Process hearing about this notice on" not in _printed(letter)
