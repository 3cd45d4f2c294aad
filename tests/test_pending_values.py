"""A message's values are typed, and a finding's facts shown, when first read (ADR 0016, option 1): what any reader sees
is what making them at once gave — the same typed values and FactUse records, in the same order, the same JSON, equal
records — whoever reads first and however often, and whatever the rule does with its own dict afterwards.
"""

from __future__ import annotations

import pickle
import threading
from datetime import date
from decimal import Decimal

from levynav.core.model.analysis import FactUse, Finding, Outcome, fact_use, fact_uses
from levynav.core.model.case import LevyKind, TaxpayerKind
from levynav.core.model.message import (
    DateArg,
    LabelArg,
    ListArg,
    Message,
    MessageArg,
    MoneyArg,
    NumberArg,
    TextArg,
    arg,
    label_arg,
    message,
    message_of,
)

VALUES = {
    "day": date(2026, 3, 1),
    "amount": Decimal("12.50"),
    "count": 3,
    "flag": True,
    "kind": TaxpayerKind.INDIVIDUAL,
    "name": "CP504",
    "none": None,
    "items": [date(2026, 1, 2), "x"],
    "nested": message("statute.at_least", day=date(2030, 1, 1)),
    "typed": label_arg("bool", "yes"),
}


def _typed() -> dict[str, object]:
    return {name: arg(value) for name, value in VALUES.items()}


def test_values_read_are_the_typed_values_in_order() -> None:
    m = message("some.key", **VALUES)
    assert list(m.args) == list(VALUES)
    assert m.args == _typed()
    kinds = [type(v) for v in m.args.values()]
    assert kinds == [DateArg, MoneyArg, NumberArg, LabelArg, LabelArg, TextArg, TextArg, ListArg, MessageArg, LabelArg]
    assert m.args is m.args  # typed once, then kept


def test_json_and_equality_are_those_of_a_message_typed_at_once() -> None:
    pending = message_of("some.key", dict(VALUES))
    at_once = Message(key="some.key", args=_typed())  # validated: the contract's own constructor
    assert pending.model_dump_json() == at_once.model_dump_json()
    assert pending == at_once
    assert Message.model_validate(pending.model_dump()) == at_once


def test_json_written_before_any_read() -> None:
    """The record's writer is the first reader: the values are typed on its read."""
    first = message_of("some.key", {"day": date(2026, 3, 1), "amount": Decimal("1.00")})
    assert first.model_dump_json() == (
        '{"key":"some.key","args":{"day":{"type":"date","value":"2026-03-01"},'
        '"amount":{"type":"money","value":"1.00"}}}'
    )


def test_pickle_and_nested_messages() -> None:
    inner = message("inner.key", count=2)
    outer = message("outer.key", clause=inner)
    back = pickle.loads(pickle.dumps(outer))
    assert back == outer
    assert back.args["clause"].value.args == {"count": NumberArg(value=2)}


def test_a_message_without_values_has_an_empty_dict() -> None:
    assert message_of("k", {}).args == {}
    assert Message(key="k").args == {}


def _read_into(shared: Message, seen: list[dict[str, object]]) -> None:
    seen.append(dict(shared.args))


def test_threads_reading_one_shared_message_see_the_typed_values() -> None:
    for _ in range(50):
        shared = message_of("some.key", dict(VALUES))
        seen: list[dict[str, object]] = []
        threads = [threading.Thread(target=_read_into, args=(shared, seen)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all(s == _typed() for s in seen)


FACTS = {
    "levies[0].served_date": date(2026, 1, 2),
    "levies[0].amount_taken": Decimal("10.00"),
    "levies[0].kind": LevyKind.BANK,
    "levies[0].jeopardy": False,
    "notices": 3,
    "taxpayer.county": "Miami-Dade County",
    "levies[0].owner": None,
}


def test_a_findings_facts_are_shown_as_at_once() -> None:
    from levynav import lawbook
    from levynav.core.law.release_grounds import INSTALLMENT_AGREEMENT as RULE
    from levynav.core.lawdata import using

    given = dict(FACTS)
    with using(lawbook.packaged()):
        built = RULE.finding(Outcome.APPLIES, "entered", subject="levies[0]", facts=given, when=date(2026, 1, 2))
    given["later"] = 1  # the rule goes on with its own dict: the finding keeps what it was given
    given["levies[0].served_date"] = date(2027, 1, 1)
    shown = built.facts
    assert shown == [
        fact_use("levies[0].served_date", "2026-01-02"),
        fact_use("levies[0].amount_taken", "10.00"),
        fact_use("levies[0].kind", "bank"),
        fact_use("levies[0].jeopardy", False),
        fact_use("notices", 3),
        fact_use("taxpayer.county", "Miami-Dade County"),
        fact_use("levies[0].owner", None),
    ]
    assert all(type(f) is FactUse for f in shown) and built.facts is shown
    assert shown == fact_uses(FACTS)
    assert pickle.loads(pickle.dumps(built)) == built
    assert Finding.model_validate(built.model_dump()) == built
