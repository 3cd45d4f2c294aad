"""`levynav transcript` in the reader's language: the Spanish output holds no English word, and no output (English or
Spanish) shows an internal identifier — a reference id (CSED-3.1), a parameter id (csed.cdp_floor_days) or a
status code ([V]). What may stay as printed: the transcript's own text, quoted «like this»; the citations (English
by nature, listed under Sources); file names; and the case file's field paths a note names (offers[0])."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from levynav.cli.app import app
from levynav.core.law import registry
from levynav.core.model.case import Case
from tests.test_explain import STOP
from tests.test_letter_audience import ALLOWED_SHAPES, PARAMETER_ID_SHAPE, RULE_ID_SHAPE, internal_ids

DATA = Path(__file__).parent / "data" / "transcripts"
runner = CliRunner()

# A transcript that reaches the codes the sample files do not: an offer returned, corrected and accepted, an
# innocent spouse claim (TC 971 AC 065), a legal action corrected (TC 522) and one ended without a start, a
# waiver (TC 550), a write-off at the CSED (TC 608), an unknown code, a credit balance, a row without its date.
MANY_CODES = """Account Transcript
FORM NUMBER:  1040
TAX PERIOD:   Dec. 31, 2015
ACCOUNT BALANCE:                                         -25.00
** TRANSACTIONS **
CODE  EXPLANATION OF TRANSACTION                 CYCLE     DATE         AMOUNT
150   Tax return filed                           20161705  05-09-2016   $4,000.00
971   Innocent spouse claim received             20171705  05-01-2017       $0.00
480   Offer in compromise pending                20181705  02-01-2018       $0.00
481   Offer in compromise returned not processable 20182005  03-01-2018    $0.00
480   Offer in compromise pending                20191705  02-01-2019       $0.00
483   Correction of erroneous offer              20191905  02-20-2019       $0.00
480   Offer in compromise pending                20201705  02-03-2020       $0.00
780   Offer in compromise accepted               20202105  06-01-2020       $0.00
520   Legal action cc 72                         20211705  05-03-2021       $0.00
522   Correction of legal action                 20211905  05-20-2021       $0.00
521   Removed legal action                       20221705  05-02-2022       $0.00
550   Waiver extension of statute                20231705  05-01-2023       $0.00
530   Currently not collectible                  20231905  05-15-2023       $0.00
999   Something the table does not know          20241705  05-06-2024       $0.00
670   Payment                                    20241905
608   Statute expiration clearance               20261705  05-04-2026  -$4,025.00
"""


# A field of the case file a note names (offers[0], circumstances.irs_agreed_not_collectible): how the person finds
# the fact in the case file, as the packet's "still missing" table shows it.
FIELD = re.compile(r"\b(?:" + "|".join(sorted(Case.model_fields)) + r")(?:\.[a-z_]+|\[\d+\])*")


def internal(text: str) -> list[str]:
    """Reference ids, parameter ids and status codes in a text (the checks of the outgoing letters)."""
    found = [m for m in RULE_ID_SHAPE.findall(text) if m not in ALLOWED_SHAPES]
    found += PARAMETER_ID_SHAPE.findall(text)
    words = set(re.findall(r"[\w.\-\[\]:]+", text))
    found += sorted(i for i in internal_ids() if i in words)
    found += re.findall(r"\((?:V|S|U)\)|\[(?:V|S|U)\]", text)
    return list(dict.fromkeys(found))


def _runs(tmp_path: Path) -> list[tuple[str, list[str]]]:
    many = tmp_path / "many_codes.txt"
    many.write_text(MANY_CODES, encoding="utf-8")
    junk = tmp_path / "junk.txt"
    junk.write_text("garbage\n 123 ???\n", encoding="utf-8")
    clients = [str(DATA / f"client_1040_{y}.txt") for y in (2017, 2018, 2019)]
    return [
        ("tx4", [str(DATA / "tx4_1040_2021.txt")]),
        ("client", clients),
        ("many_codes", [str(many)]),
        ("no transcript", [str(junk)]),
    ]


def _output(files: list[str], lang: str, as_of: str = "2026-10-05") -> str:
    result = runner.invoke(app, ["transcript", *files, "--as-of", as_of, "--lang", lang])
    assert result.exit_code == 0, result.output
    return result.output


def _without_what_stays_as_printed(out: str, files: list[str]) -> str:
    """The output less what stays as printed: quoted transcript text, citations, file names, field paths."""
    out = re.sub(r"«[^»]*»", " ", out)
    for c in sorted((c.cite for c in registry.registry().values()), key=len, reverse=True):
        out = out.replace(c, " ")
    for f in files:
        out = out.replace(f, " ")
    return FIELD.sub(" ", out)


def test_the_spanish_transcript_output_holds_no_english_word(tmp_path: Path) -> None:
    for name, files in _runs(tmp_path):
        out = _output(files, "es")
        assert "Fechas de vencimiento del plazo de cobro (CSED)" in out and "no asesoramiento legal" in out, name
        for line in _without_what_stays_as_printed(out, files).splitlines():
            leaked = {w.casefold() for w in re.findall(r"[A-Za-z]+", line)} & STOP
            assert not leaked, f"{name}: English {sorted(leaked)} in {line!r}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_transcript_output_shows_an_internal_id(tmp_path: Path, lang: str) -> None:
    """A timeline line names its sources by number; the Sources list gives each one's citation and its status in
    words. No reference id (CSED-3.1, CSED-4, TX-3), parameter id or status code reaches the page."""
    for name, files in _runs(tmp_path):
        out = _output(files, lang)
        assert re.search(r"\[\d+(, \d+)*\]$", out.splitlines()[-1]) is None  # the last line is the disclaimer
        kept = re.sub(r"«[^»]*»", " ", out)
        for f in files:
            kept = kept.replace(f, " ")
        kept = FIELD.sub(" ", kept)
        assert not internal(kept), f"{name} ({lang}): {internal(kept)}"


def test_the_checker_catches_what_it_is_for() -> None:
    found = set(internal("[CSED-3.1, CSED-4] and csed.cdp_floor_days (V)"))
    assert {"CSED-4", "csed.cdp_floor_days", "CSED-3", "(V)"} <= found  # CSED-3.1 by its shape
    assert internal("  TX-3: IRS Document 6209 [U]")  # the old Sources line
    assert FIELD.sub("", "offers[0] circumstances.irs_agreed_not_collectible").split() == []


def test_the_many_codes_transcript_reaches_the_problems_it_is_for(tmp_path: Path) -> None:
    """The synthetic transcript above is not idle: its rows reach the problems and notes whose words are tested."""
    many = tmp_path / "many_codes.txt"
    many.write_text(MANY_CODES, encoding="utf-8")
    out = _output([str(many)], "en")
    for said in (
        "innocent spouse claim read from TC 971",
        "TC 483 corrects an erroneous TC 480",
        "TC 522 corrects an erroneous TC 520",
        "TC 521 without an open TC 520",
        "TC 550: the statute was extended by a waiver",
        "TC 608: the IRS wrote off the balance",
        "TC 999 («Something the table does not know») is not in the code table",
        "the account shows a credit of $25.00",
        "TC 670: no date or amount found",
    ):
        assert said in out, said


def test_every_transaction_code_has_its_meaning_in_every_language() -> None:
    """English reads the code table's own words; every other language has each code and each TC 971/972 action
    code of the table in its catalog (``transcript.code.*``, ``transcript.action.*``), so no row reads in English."""
    from levynav.explain import LANGS, catalog
    from levynav.intake import transcript_codes

    table = transcript_codes._table()
    for lang in LANGS:
        if lang == "en":
            continue
        for code in transcript_codes.codes():
            assert catalog.has(f"transcript.code.{code}", lang), f"{lang}: TC {code}"
        for ac in table["action_codes"]:
            key = f"transcript.action.{ac['code']}_{ac['ac']}"
            assert catalog.has(key, lang), f"{lang}: TC {ac['code']} AC {ac['ac']}"
        assert catalog.has("transcript.code.oic_returned", lang)
