"""The interview: next_questions built on the Analysis's questions, the table's paths are real Case fields, answers
are typed by the Case model and refused with the field when they cannot be true."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from levynav import analyze, load_case
from levynav.core.model.case import Case
from levynav.explain.render import question_prompt
from levynav.interview import next_questions
from levynav.interview.answers import AnswerError, apply_answer, value_at
from levynav.interview.fields import annotation, kind_of
from levynav.interview.flow import _askable, _question, start_case, table
from tests.web.conftest import AS_OF, EXAMPLES

QUESTIONS = Path(__file__).resolve().parents[2] / "src" / "levynav" / "data" / "questions"


def test_every_path_in_the_tables_is_a_real_case_field() -> None:
    for path in table()["section_of"]:
        annotation(path)  # raises KeyError for a path that is not a field
    for path, fields in table()["items"].items():
        kind = kind_of(path)
        assert kind.kind == "add_item" and kind.item is not None, path
        for name in fields:
            kind_of(name, kind.item)
    for file in QUESTIONS.glob("*.yaml"):
        for pattern in yaml.safe_load(file.read_text(encoding="utf-8")):
            annotation(pattern)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_question_the_rules_ask_can_be_asked(example: str) -> None:
    case = load_case(EXAMPLES / example)
    result = analyze(case, AS_OF)
    asked = {q.path for q in next_questions(case, AS_OF, analysis=result)}
    for q in result.questions:  # a whole section the rules need (``finances``) is asked field by field
        assert q.path in asked or any(a.startswith(q.path + ".") for a in asked), q.path
        for path in _askable(q.path):
            assert path not in asked or _question(path, question_prompt(path, "en"), ()) is not None, path
        assert any(_question(p, "", ()) is not None for p in _askable(q.path)), q.path


def test_next_questions_follow_the_roadmap_and_the_weights() -> None:
    case = start_case("individual")
    first = next_questions(case, AS_OF)
    assert [q.path for q in first[:2]] == ["levies", "notices"]  # where am I: the levy and the notices first
    with_levy = Case.model_validate(
        {"taxpayer": {"kind": "individual"}, "finances": {}, "levies": [{"kind": "bank", "served_date": "2026-11-12"}]}
    )
    result = analyze(with_levy, AS_OF)
    qs = next_questions(with_levy, AS_OF, analysis=result)
    order = table()["sections"]
    assert [order.index(q.section) for q in qs] == sorted(order.index(q.section) for q in qs)
    weights = {q.path: q.weight for q in result.questions}
    for section in {q.section for q in qs}:
        ranked = [weights[q.path] for q in qs if q.section == section and q.path not in table()["seed"]]
        assert ranked == sorted(ranked, reverse=True), section  # most decisive first within a section


def test_answers_are_typed_by_the_case_model() -> None:
    case = Case.model_validate({"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank"}]})
    case = apply_answer(case, "levies[0].served_date", {"value": "2026-11-12"})
    case = apply_answer(case, "levies[0].amount_taken", {"value": "$2,315.77"})
    case = apply_answer(case, "levies[0].proceeds_sent", {"value": "no"})
    case = apply_answer(case, "levies[0].owner", {"value": "joint"})
    case = apply_answer(case, "finances.housing", {"value": "1150"})
    case = apply_answer(case, "notices", {"item.type": "LT11", "item.notice_date": "2026-07-13"})
    lv = case.levies[0]
    assert (str(lv.served_date), str(lv.amount_taken), lv.proceeds_sent, lv.owner.value) == (  # type: ignore[union-attr]
        "2026-11-12",
        "2315.77",
        False,
        "joint",
    )
    assert case.finances is not None and case.finances.housing == Decimal("1150")
    assert case.notices[0].type.value == "LT11"
    assert value_at(case, "levies[0].owner") == "joint"


@pytest.mark.parametrize(
    ("path", "form", "field", "key"),
    [
        ("levies[0].served_date", {"value": "2026-02-30"}, "value", "error_date"),
        ("levies[0].amount_taken", {"value": "-5"}, "value", "error_money"),
        ("levies[0].amount_taken", {"value": "lots"}, "value", "error_money"),
        ("levies[0].owner", {"value": "neighbour"}, "value", "error_choice"),
        ("levies[0].proceeds_sent", {"value": ""}, "value", "error_required"),
        ("notices", {"item.notice_date": "2026-07-13"}, "item.type", "error_required"),
        ("levies[3].amount_taken", {"value": "5"}, "value", "error_path"),
        # past the case model's own limits: refused with the limit, never cut short and stored as if complete
        ("levies[0].amount_taken", {"value": "1000000000000"}, "value", "error_money_large"),
        ("levies[0].holder", {"value": "x" * 20_001}, "value", "error_text_long"),
        ("levies[0].tax_periods", {"value": ",".join(["1040-2020"] * 2_001)}, "value", "error_list_long"),
    ],
)
def test_bad_answers_name_the_field(path: str, form: dict[str, str], field: str, key: str) -> None:
    case = Case.model_validate({"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank"}]})
    with pytest.raises(AnswerError) as err:
        apply_answer(case, path, form)
    assert (field, key) in err.value.problems


def test_answers_up_to_the_case_models_limits_are_kept_whole() -> None:
    """An answer as long as the model allows is stored whole (it was cut at 500 characters and 50 list items, and
    amounts over $1,000,000,000 were refused though the model takes them)."""
    case = Case.model_validate({"taxpayer": {"kind": "individual"}, "levies": [{"kind": "bank"}]})
    case = apply_answer(case, "levies[0].holder", {"value": "B" * 20_000})
    case = apply_answer(case, "levies[0].tax_periods", {"value": ",".join(f"1040-{2000 + i % 20}" for i in range(60))})
    case = apply_answer(case, "levies[0].amount_taken", {"value": "999999999999.99"})
    lv = case.levies[0]
    assert lv.holder == "B" * 20_000
    assert len(lv.tax_periods) == 60
    assert lv.amount_taken == Decimal("999999999999.99")


@pytest.mark.parametrize("key", ["error_money_large", "error_text_long", "error_list_long"])
def test_a_refusal_past_a_limit_says_the_limit_in_the_persons_language(key: str) -> None:
    from levynav.web.pages import _error_text

    en, es = _error_text(key, "en"), _error_text(key, "es")
    assert any(figure in en for figure in ("$999,999,999,999.99", "20,000", "2,000")), en
    assert "{" not in en + es and en != es


def test_an_answer_that_contradicts_another_fact_is_refused() -> None:
    case = Case.model_validate(
        {"taxpayer": {"kind": "individual"}, "notices": [{"type": "LT11", "notice_date": "2026-07-13"}]}
    )
    with pytest.raises(AnswerError) as err:
        apply_answer(case, "notices[0].received_date", {"value": "2026-07-01"})
    assert err.value.problems[0] == ("notices[0]", "error_order:notices[0].notice_date:notices[0].received_date")


def test_the_fix_page_says_two_dates_out_of_order_in_the_persons_words() -> None:
    from levynav.web.pages import _error_text

    key = "error_order:notices[0].notice_date:notices[0].received_date"
    es = _error_text(key, "es")
    assert "«Aviso 1 — fecha de recepción» no puede ser anterior a «Aviso 1 — fecha impresa en el aviso»" in es
    assert "“Notice 1 — date received” cannot be before “Notice 1 — date printed on the notice”" in _error_text(
        key, "en"
    )
    assert "received_date" not in es and "[" not in es


def test_every_choice_of_every_question_has_words_in_every_language() -> None:
    """A list of choices shows words, never the stored value ("a13a_residence_small_levy", "fplp"); the notice types
    are the IRS's own names (CP504, LT11, Letter 1058) and stay as printed on the notice."""
    import typing

    from pydantic import BaseModel

    from levynav.core.model.case import Case, NoticeType
    from levynav.interview.fields import kind_of
    from levynav.web import words

    names = {t.value for t in NoticeType}
    checked = 0

    def walk(model: type[BaseModel], prefix: str) -> None:
        nonlocal checked
        for name, f in model.model_fields.items():
            path = f"{prefix}{name}"
            try:
                kind = kind_of(path)
            except KeyError:
                continue
            if kind.kind == "choice":
                for value in kind.choices:
                    if value in names:
                        continue
                    for lang in ("en", "es"):
                        label = words.choice_label(value, lang)
                        assert label != value.replace("_", " "), f"{path}: {value} has no words in {lang}"
                        checked += 1
            for arg in typing.get_args(f.annotation) or (f.annotation,):
                for inner in typing.get_args(arg) or (arg,):
                    if isinstance(inner, type) and issubclass(inner, BaseModel):
                        walk(inner, path + ("[0]." if "list" in str(f.annotation) else "."))

    walk(Case, "")
    assert checked > 40
