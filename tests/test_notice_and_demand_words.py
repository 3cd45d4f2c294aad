"""One Spanish term for the notice and demand for payment (26 U.S.C. § 6303(a); the demand a levy needs, § 6331(a)):
"aviso y demanda de pago", the IRS's own Spanish name for it ("Aviso y demanda de pago", glossed as a tax bill; the
IRS's Tema 201 calls the letter that demands the whole balance "una factura"). The catalogs said it three ways
("requerimiento de pago", "aviso y requerimiento de pago", "factura"): a person reading the CDP note, the NC-1
deadline clause and the premature-levy reason could not tell it was one act.

Where the English names the notice and demand (or the bill that is it), the Spanish says "aviso y demanda de pago"
and neither "requerimiento" nor "factura"; "requerimiento de pago" is said nowhere. "Factura" stays where it is a
bill of another kind (medical bills, utility bills) or describes a kind of letter ("a CP501 is a bill or a
warning", CDP-3), not the legal act."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from levynav.explain import catalog
from tests.helpers import text_leaves

SRC = Path(__file__).resolve().parents[1] / "src" / "levynav"

# the English words that name the notice and demand (a "bill" only where it is that act)
NAMES_IT = re.compile(
    r"notice and demand|demand for payment|that demand|bills a tax|bill a tax|that bill|first bill|only bill"
    # the English says "the bill" for it on the person's pages (round 9, tests/test_bill_words.py)
    r"|the bill more than|as the bill|the bill's days|a bill sent|the bill for it|bill is not paid|send you a bill",
    re.IGNORECASE,
)
TERM = "aviso y demanda de pago"
OTHER = re.compile(r"requerimiento|factura", re.IGNORECASE)


def _leaves(node: Any) -> Iterator[tuple[str, str]]:
    """Every text of a catalog with its key, its spaces made single."""
    return ((key, " ".join(text.split())) for key, text in text_leaves(node))


def _pairs() -> list[tuple[str, str, str]]:
    """(key, English, Spanish) of every text both catalogs hold: the messages, the plan's steps, the questions."""
    out = []
    for en_cat, es_cat in (
        (catalog.messages("en"), catalog.messages("es")),
        (catalog.plan_texts("en"), catalog.plan_texts("es")),
        (catalog.question_texts("en"), catalog.question_texts("es")),
    ):
        es = dict(_leaves(es_cat))
        out += [(k, v, es[k]) for k, v in _leaves(en_cat) if k in es]
    return out


def _named() -> list[tuple[str, str, str]]:
    return [(k, en, es) for k, en, es in _pairs() if NAMES_IT.search(en)]


def test_the_texts_that_name_it_are_found() -> None:
    """The test below reads the texts it should: the CDP notes, NC-1's clause, the premature-levy reasons, the
    deadline clauses and the question about the notices."""
    keys = {k for k, _, _ in _named()}
    for expected in (
        "R6330-A1.part_demand",
        "R6330-A1.demand_by_levy_notice",
        "R6330-A1.in_time",
        "R6330-A1.before_assessment_notice",
        "CDP-5.before_assessment",
        "CDP-4.before_assessment",
        "count.before_assessment_levy",
        "notices",
    ):
        assert any(k == expected or k.endswith("." + expected) for k in keys), expected
    assert len(keys) >= 12


@pytest.mark.parametrize(("key", "en", "es"), _named(), ids=lambda v: v if "." in v and " " not in v else "")
def test_spanish_names_the_notice_and_demand_with_one_term(key: str, en: str, es: str) -> None:
    assert TERM in es.lower(), f"{key}: the English names the notice and demand; the Spanish does not say {TERM!r}"
    assert OTHER.search(es) is None, f"{key}: {OTHER.search(es)!r} beside {TERM!r}"


def test_no_spanish_text_says_requerimiento_de_pago() -> None:
    """Anywhere: catalogs, the web's words and templates, the packet's Spanish documents."""
    said = []
    for path in [*(SRC / "data" / "messages" / "es").rglob("*.yaml"), SRC / "web" / "messages" / "es.yaml"]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"requerimiento", line, re.IGNORECASE):
                said.append(f"{path.relative_to(SRC)}:{n}")
    for path in [*(SRC / "web" / "templates").glob("*.html"), *(SRC / "documents" / "templates").rglob("*.j2")]:
        if re.search(r"requerimiento", path.read_text(encoding="utf-8"), re.IGNORECASE):
            said.append(str(path.relative_to(SRC)))
    assert said == []
