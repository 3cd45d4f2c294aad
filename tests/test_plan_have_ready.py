"""What to have ready for a step says each thing once. When steps merge (the Taxpayer Advocate's order and asking
the Advocate for help; an installment agreement's release and its levy bar), an item the plan data marks with an
id (``- levy_notice: The levy notice …``) is one thing whatever words each step gives it — not a guess from
comparing words. The ids are the same in every language, item for item."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from levynav import analyze, load_case
from levynav.explain.catalog import finance_texts, plan_texts
from levynav.explain.render import _plan_fields, render

AS_OF = date(2026, 11, 23)
EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


def _lists(step: dict[str, Any], where: str) -> list[tuple[str, list[Any]]]:
    out = [(where, list(step.get("have_ready") or []))]
    if isinstance(step.get("business"), dict):
        out += _lists(step["business"], f"{where}.business")
    for key, variant in (step.get("variants") or {}).items():
        out += _lists(variant, f"{where}.variants.{key}")
    return out


def _steps(lang: str) -> dict[str, Any]:
    """Every step's words in a language: the rules' steps and the payment steps of the finances."""
    return {**plan_texts(lang), **{f"finance.{k}": v for k, v in finance_texts(lang).items()}}


def _ids(items: list[Any]) -> list[str | None]:
    return [next(iter(i)) if isinstance(i, dict) else None for i in items]


def test_every_item_is_words_or_one_id_with_its_words() -> None:
    for lang in ("en", "es"):
        for rule, step in _steps(lang).items():
            for where, items in _lists(step, rule):
                for item in items:
                    if isinstance(item, dict):
                        assert len(item) == 1, (lang, where, item)
                        ((thing, words),) = item.items()
                        assert thing.isidentifier() and thing.islower() and str(words).strip(), (lang, where, item)
                    else:
                        assert isinstance(item, str) and item.strip(), (lang, where, item)


def test_the_ids_are_the_same_in_english_and_spanish() -> None:
    english = dict(entry for rule, step in _steps("en").items() for entry in _lists(step, rule))
    spanish = dict(entry for rule, step in _steps("es").items() for entry in _lists(step, rule))
    marked = [w for w, items in english.items() if any(_ids(items))]
    assert marked, "no plan item has an id: the test checks nothing"
    for where, items in english.items():
        if where in spanish:
            assert _ids(spanish[where]) == _ids(items), where


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_merged_step_lists_each_thing_once(path: Path, lang: str) -> None:
    record = analyze(load_case(path), AS_OF)
    for step, shown in zip(record.plan, render(record, lang).plan, strict=True):
        raw: list[Any] = []
        for msg in (step.text, *step.merged):
            raw += list(_plan_fields(msg, lang).get("have_ready") or [])
        first: dict[str, str] = {}
        for item in raw:
            if isinstance(item, dict):
                ((thing, words),) = item.items()
                words = " ".join(str(words).split())
                if thing in first:
                    # a later item naming the same thing is not listed again (unless the first used the same words)
                    assert words == first[thing] or words not in shown.have_ready, (path.name, lang, thing)
                else:
                    first[thing] = words
                    assert words in shown.have_ready, (path.name, lang, thing)
        assert len(shown.have_ready) == len(set(shown.have_ready)), (path.name, lang, step.order)


def test_the_advocate_steps_name_the_levy_notice_once() -> None:
    """The case the issue came from: the Taxpayer Advocate's order (R7811-1) merged with asking the Advocate for help
    (TAS-1) listed "The levy notice and your latest IRS letters" and "the levy notice and any IRS letters"."""
    record = analyze(load_case(next(p for p in EXAMPLES if p.stem == "bank-levy-hardship-21-day-hold")), AS_OF)
    for lang, word in (("en", "levy notice"), ("es", "aviso de embargo")):
        steps = [s for s in render(record, lang).plan if "R7811-1" in s.rules and "TAS-1" in s.rules]
        assert steps, "the example no longer merges the two Advocate steps"
        assert sum(word in h.casefold() for h in steps[0].have_ready) == 1, (lang, steps[0].have_ready)
    # the hardship release merged with "currently not collectible": proof of income and of expenses once each
    for lang, word in (("en", "proof of income"), ("es", "comprobantes de ingresos")):
        steps = [s for s in render(record, lang).plan if "R6343-A4" in s.rules]
        assert steps and sum(word in h.casefold() for h in steps[0].have_ready) == 1, (lang, steps)


def _same_paper(a: str, b: str) -> bool:
    """Two items that name one paper in other words ("Any levy notice, with the date it was served" and "The levy
    notice showing the date it was served"): mostly the same letters, or the same first words."""
    from difflib import SequenceMatcher

    x, y = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return x[:25] == y[:25] or SequenceMatcher(None, x, y).ratio() > 0.6


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_merged_step_does_not_name_one_paper_twice_in_other_words(lang: str) -> None:
    """A step merged from two (the bankruptcy stay's release with a release on other grounds; a postponed CDP day with
    the hearing request) listed "Any levy notice, with the date it was served" and "The levy notice showing the date
    it was served", or "the notice (LT11, …) and its envelope" and "the notice and its envelope": items without an id
    were the same thing only when their words were identical. The levy notice and the hearing notice now carry their
    ids (``levy_notice``, ``hearing_notice``) wherever a step lists them alone, in both languages."""
    twice = []
    for path in EXAMPLES:
        for shown in render(analyze(load_case(path), AS_OF), lang).plan:
            items = shown.have_ready
            twice += [(path.stem, a, b) for i, a in enumerate(items) for b in items[i + 1 :] if _same_paper(a, b)]
    assert not twice, twice


def test_the_levy_notice_and_the_hearing_notice_listed_alone_carry_their_id() -> None:
    alone = {
        "levy_notice": re.compile(r"^(?:the|any|el|cualquier) (?:levy notice|notice of levy|aviso de embargo)\b"),
        "hearing_notice": re.compile(r"\b(?:and its envelope|y su sobre)\b"),
    }
    combined = re.compile(r" (?:and|y) (?!its envelope|su sobre)")  # the levy notice with the IRS letters: another
    loose = []
    for lang in ("en", "es"):
        for rule, step in _steps(lang).items():
            for where, items in _lists(step, rule):
                for item in items:
                    if isinstance(item, dict):
                        continue
                    words = " ".join(item.casefold().split())
                    for thing, pattern in alone.items():
                        if pattern.search(words) and not combined.search(words) and "3172" not in words:
                            loose.append((lang, where, thing, item))
    assert not loose, loose
