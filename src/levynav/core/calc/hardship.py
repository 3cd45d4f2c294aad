"""Economic hardship from the numbers (R6343-A4, R6343-A8; 26 C.F.R. § 301.6343-1(b)(4)).

"… satisfaction of the levy in whole or in part will cause an individual taxpayer to be unable to pay
his or her reasonable basic living expenses." The IRS measures reasonable basic living expenses with
its Collection Financial Standards (R6343-A8 [S]); so does this calculation: the month's income after
the levy takes its share is set against the allowable living expenses (``calc/expenses.py``).

The levy's monthly take is ``levies[i].monthly_amount`` for a continuous levy (wages, benefits); a
bank levy, or a levy on a sole proprietor's accounts receivable, takes once, so the amount taken
(``levies[i].amount_taken``) is counted against the month's means. Businesses: not applicable (the
regulation speaks of individual taxpayers; Lindsay Manor).

Unknown facts never decide: if some lines are open, hardship is decided only when the known figures
already settle it (an open expense line can only add to the expenses, an open income source only to
the income); otherwise the answer is UNKNOWN with the missing paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from levynav.core import lawdata
from levynav.core.calc.decided import Decided
from levynav.core.calc.expenses import Expenses, allowable_expenses
from levynav.core.calc.income import CENT, ZERO, Income, computed_once, monthly_income, to_cents
from levynav.core.calc.standards import Choice, Value
from levynav.core.model import ability_to_pay as atp
from levynav.core.model.analysis import Outcome, ParamUse
from levynav.core.model.case import Case, LevyKind, TaxpayerKind
from levynav.core.model.construct import record
from levynav.core.model.message import Message, arg, field_arg, field_args, message


def _say(key: str, **values: Any) -> Message:
    """The hardship decision in words, by reference: ``finances.hardship.KEY`` with its typed figures."""
    return message(f"finances.hardship.{key}", **values)


@dataclass(frozen=True)
class Take:
    """What the levies in effect take in a month."""

    amount: Decimal  # the part that is known
    complete: bool
    parts: tuple[atp.LevyTake, ...]  # as ``finances.hardship.levies`` shows them (amounts in cents)
    missing: tuple[str, ...]


def _part(levy: str, kind: str, amount: Decimal | None, basis: Message) -> atp.LevyTake:
    return record(atp.LevyTake, {"levy": levy, "kind": kind, "amount": amount, "basis": basis})


# Levies that take, once, what is there or owed when served (Reg. § 301.6331-1(a)(1): a levy "extends only to property
# possessed and obligations which exist at the time of the levy"), whose take is the amount taken, counted against the
# month's means: a bank account, and the receivables of a sole proprietor's business (the month's business income).
_ONE_TIME_TAKE = {LevyKind.BANK: "one_time_bank", LevyKind.ACCOUNTS_RECEIVABLE: "one_time_receivables"}


def levy_take(case: Case, as_of: date) -> Take:
    parts: list[atp.LevyTake] = []
    missing: list[str] = []
    total = ZERO
    for i, levy in enumerate(case.levies):
        if levy.released_date is not None and levy.released_date <= as_of:
            continue
        if levy.served_date is not None and levy.served_date > as_of:
            continue
        path = f"levies[{i}]"
        if levy.monthly_amount is not None:
            amount, basis = (
                levy.monthly_amount,
                message("finances.levy_take.monthly", field=field_arg(f"{path}.monthly_amount")),
            )
        elif levy.kind in _ONE_TIME_TAKE and levy.amount_taken is not None:
            amount = levy.amount_taken
            key = _ONE_TIME_TAKE[levy.kind]
            basis = message(f"finances.levy_take.{key}", field=field_arg(f"{path}.amount_taken"))
        else:
            missing.append(f"{path}.amount_taken" if levy.kind in _ONE_TIME_TAKE else f"{path}.monthly_amount")
            parts.append(_part(path, levy.kind.value, None, message("finances.levy_take.unknown")))
            continue
        total += amount
        parts.append(_part(path, levy.kind.value, to_cents(amount), basis))
    return Take(total, not missing, tuple(parts), tuple(missing))


@dataclass(frozen=True)
class Picture:
    """Income, allowable expenses and disposable income of one case on one date."""

    case: Case
    as_of: date
    income: Income
    expenses: Expenses

    @computed_once
    def disposable(self) -> Decimal | None:
        """Monthly income minus allowable expenses (negative: a shortfall); None when either is open."""
        if self.income.total is None or self.expenses.total is None:
            return None
        return self.income.total - self.expenses.total

    @computed_once
    def disposable_at_most(self) -> Decimal | None:
        return None if self.income.total is None else self.income.total - self.expenses.floor

    @computed_once
    def disposable_at_least(self) -> Decimal | None:
        return None if self.expenses.total is None else self.income.floor - self.expenses.total


def financial_picture(case: Case, as_of: date) -> Picture | None:
    """None when the case has no finances. Raises ``FinancesInputError`` for input that cannot be used."""
    if case.finances is None:
        return None
    fin = case.finances
    return Picture(case, as_of, monthly_income(fin), allowable_expenses(case, fin, as_of))


def economic_hardship(case: Case, picture: Picture, as_of: date, take: Take | None = None) -> Decided:
    """``take``: the levies' monthly take (``levy_take``), when the caller has it already."""
    if case.taxpayer.kind is TaxpayerKind.BUSINESS:
        return Decided(Outcome.NOT_APPLICABLE, _say("business"))
    if take is None:
        take = levy_take(case, as_of)
    inc, exp = picture.income, picture.expenses
    figures = _figures(picture, take)
    params = parameters(picture)
    if not take.parts:
        return Decided(
            Outcome.NOT_APPLICABLE,
            _say("no_levy", as_of=as_of, income=inc.floor, allowable=exp.floor),
            figures,
        )
    if inc.total is not None and inc.total - take.amount < exp.floor:
        after = inc.total - take.amount
        explanation = _say(
            "applies" if exp.complete else "applies_at_least",
            take=take.amount,
            after=after,
            income=inc.total,
            allowable=exp.floor,
            shortfall=exp.floor - after,
        )
        return Decided(Outcome.APPLIES, explanation, figures, (), params)
    if exp.total is not None and take.complete and inc.floor - take.amount >= exp.total:
        after = inc.floor - take.amount
        explanation = _say(
            "does_not_apply",
            take=take.amount,
            after=after,
            income=inc.floor,
            allowable=exp.total,
            room=after - exp.total,
        )
        return Decided(Outcome.DOES_NOT_APPLY, explanation, figures, (), params)
    missing = sorted({*inc.missing, *take.missing, *exp.missing})
    needed = [*field_args(missing).value, *(arg(m) for m in dict.fromkeys(exp.missing_values))]
    explanation = _say(
        "unknown",
        income_known=inc.total if inc.total is not None else message("finances.at_least", amount=inc.floor),
        take_known=take.amount if take.complete else message("finances.at_least", amount=take.amount),
        allowable_floor=exp.floor,
        needed=needed if needed else message("finances.nothing"),
    )
    return Decided(Outcome.UNKNOWN, explanation, figures, tuple(missing), params)


def _figures(picture: Picture, take: Take) -> dict[str, Any]:
    """The figures behind the decision, as amounts rounded to cents (only the ones that are known)."""
    inc, exp = picture.income, picture.expenses
    out: dict[str, Any] = {
        "monthly_income": inc.total if inc.total is not None else None,
        "monthly_income_known_so_far": inc.floor if inc.total is None else None,
        "levy_take_per_month": take.amount if take.complete else None,
        "levy_take_known_so_far": take.amount if not take.complete else None,
        "income_after_levy": inc.total - take.amount if inc.total is not None and take.complete else None,
        "allowable_living_expenses": exp.total,
        "allowable_living_expenses_at_least": exp.floor if exp.total is None else None,
        "standards_edition": exp.choice.edition.effective_date if exp.choice.edition else None,
    }
    return {k: v.quantize(CENT) if isinstance(v, Decimal) else v for k, v in out.items() if v is not None}


def parameters(picture: Picture) -> tuple[ParamUse, ...]:
    """The table values used, as parameter uses (a finding that attaches them shows their status)."""
    out: dict[str, ParamUse] = {}
    for v in picture.expenses.values_used():
        use = v.as_parameter
        if use.id not in out:
            out[use.id] = use
    return tuple(out.values())


def _citation_texts(ids: tuple[str, ...]) -> tuple[tuple[str, atp.CitationRef], ...]:
    """Citation text of the ids: the shared registry where it has the id, else data/standards."""
    from levynav.core.law import registry

    local: dict[str, Any] = lawdata.table("standards/citations.yaml")
    shared = registry.registry()
    out = []
    for cid in ids:
        entry = shared[cid].model_dump() if cid in shared else local.get(cid)
        if entry:
            text = {"cite": str(entry["cite"]), "source": str(entry["source"])}
            out.append((cid, record(atp.CitationRef, {**text, "status": atp.Grade(str(entry["status"]))})))
    return tuple(out)


def citations(ids: tuple[str, ...]) -> dict[str, atp.CitationRef]:
    """Citation text of the ids the lines use (looked up once per Law bundle and set of ids, and shared, like the
    bundle's parameter uses)."""
    known: dict[tuple[str, ...], tuple[tuple[str, atp.CitationRef], ...]] = lawdata.kept("hardship.citations")
    texts = known.get(ids)
    if texts is None:
        texts = known[ids] = _citation_texts(ids)
    return dict(texts)


def unverified_values(picture: Picture) -> list[Value]:
    """Every table value used that is not verified against a primary source (each table row once)."""
    seen: dict[tuple[str, str], Value] = {}
    for v in picture.expenses.values_used():
        if v.grade != "V":
            seen.setdefault((v.table, v.row_key), v)
    return list(seen.values())


_STATUS_HOW = ("two_sources", "three_sources", "sample_verified")


def _row_part(part: str) -> str | Message | None:
    """A table row or column as a reader says it (no table keys or column ids); a place name stays as it is."""
    if part in ("", "total", "monthly_amount"):
        return None
    county = re.fullmatch(r"(.+), ([A-Z]{2}) \(FIPS (\d{5})\)", part)  # standards.County.label()
    if county:
        return message("finances.row.county", county=county.group(1), state=county.group(2), fips=county.group(3))
    m = re.fullmatch(r"(\w+) region(?:, (.+) MSA| \(outside the listed MSAs\))", part)  # standards.Edition.operating
    if m:
        name = m.group(1).lower()
        if m.group(2):
            return message("finances.row.region_msa", region=message(f"finances.region_name.{name}"), msa=m.group(2))
        return message(f"finances.region.{name}")
    for pattern, key in ((r"persons_(\d+)", "persons"), (r"family_(\d+)", "family")):
        m = re.fullmatch(pattern, part)
        if m:
            return message(f"finances.row.{key}", n=int(m.group(1)))
    if re.fullmatch(r"[a-z0-9_]+", part):
        return message(f"finances.row.{part}")
    return part


def _value_in_words(value: Value) -> Message:
    """One unverified standard amount for a person's page: no table keys, column ids or status codes. Said once
    per Law bundle and table value (a message is immutable; the value comes from the bundle's tables)."""
    said: dict[Value, Message] = lawdata.kept("hardship.value_words")
    words = said.get(value)
    if words is None:
        words = said[value] = _say_value(value)
    return words


def _say_value(u: Value) -> Message:
    key, _, column = u.row_key.partition(": ")
    where = [w for w in (_row_part(key), _row_part(column)) if w is not None]
    status = u.status
    how = status if status in _STATUS_HOW else "computed" if status.startswith("computed") else "unchecked"
    return message(
        "finances.unverified_value",
        table=message(f"finances.table.{u.table}"),
        row=where,
        amount=u.amount,
        how=message(f"finances.value_how.{how}"),
    )


def _edition_tables(edition: Any) -> dict[str, atp.Grade | None]:
    """The status of each table of a standards edition (worked out once per Law bundle and edition)."""
    known: dict[int, tuple[tuple[str, atp.Grade | None], ...]] = lawdata.kept("hardship.edition_tables")
    pairs = known.get(id(edition))
    if pairs is None:
        tables = edition.meta.get("tables") or {}
        pairs = tuple((t, _grade(m.get("status"))) for t, m in tables.items())
        known[id(edition)] = pairs
    return dict(pairs)


def _grade(status: Any) -> atp.Grade | None:
    return None if status is None else atp.Grade(status)


_FIGURES = tuple(atp.HardshipFigures.model_fields)


def _hardship(decided: Decided, take: Take) -> atp.Hardship:
    figures = decided.figures
    return record(
        atp.Hardship,
        {
            "outcome": decided.outcome,
            "explanation": decided.explanation,
            "missing": list(decided.missing),
            "figures": record(atp.HardshipFigures, {name: figures.get(name) for name in _FIGURES}),
            "levies": list(take.parts),
        },
    )


def _edition(choice: Choice) -> atp.Edition:
    """``finances.edition``: the same record for every analysis on a date (a ``Choice`` is kept per Law bundle and
    date, ``standards.edition_for``, and is immutable, as is the record made from it)."""
    made: dict[date, tuple[Choice, atp.Edition]] = lawdata.kept("hardship.edition_record")
    hit = made.get(choice.as_of)
    if hit is not None and hit[0] is choice:
        return hit[1]
    ed = choice.edition
    edition = record(
        atp.Edition,
        {
            "effective_date": ed.effective_date if ed else None,
            "title": message("finances.edition_title", effective=ed.effective_date) if ed else None,
            "origin": ed.origin if ed else None,
            "newest_known_may_be_outdated": choice.stale,
            "tables": _edition_tables(ed) if ed else {},
        },
    )
    made[choice.as_of] = (choice, edition)
    return edition


def _unverified_note(values: tuple[Value, ...]) -> Message:
    """The note naming the unverified table values: the same for every analysis that used the same values (they are
    the bundle's; a message is immutable), so said once per Law bundle and set of values."""
    said: dict[tuple[Value, ...], Message] = lawdata.kept("hardship.unverified_note")
    note = said.get(values)
    if note is None:
        note = said[values] = message("finances.standards_note.unverified", values=[_value_in_words(v) for v in values])
    return note


def finances_record(
    picture: Picture, hardship: Decided | None, take: Take | None = None, options: atp.Options | None = None
) -> atp.AbilityToPay:
    """The ``Analysis.finances`` section: edition, each allowance with standard/actual/source, totals, hardship
    (with the levies' ``take``, worked out here when not given) and the payment ``options`` weighed."""
    exp = picture.expenses
    choice = exp.choice
    unverified = unverified_values(picture)
    missing_values = exp.missing_values
    notes = list(choice.notes)
    if unverified:
        notes.append(_unverified_note(tuple(unverified)))
    if missing_values:
        notes += [
            message("finances.standards_note.table_gap", what=m.rstrip(".")) for m in dict.fromkeys(missing_values)
        ]
    hh = exp.household
    county = exp.county
    income, expenses = picture.income, exp.total
    if hardship is not None and take is None:
        take = levy_take(picture.case, picture.as_of)
    return record(
        atp.AbilityToPay,
        {
            "as_of": picture.as_of,
            "error": None,
            "edition": _edition(choice),
            "household": record(atp.Household, {"size": hh.size, "basis": hh.basis, "ages": list(hh.ages)}),
            "county": (
                record(atp.County, {"state": county.state, "name": county.name, "fips": county.fips})
                if county
                else None
            ),
            "income": income.to_record(),
            "expenses": record(
                atp.Expenses,
                {
                    "lines": [line.as_record for line in exp.lines],
                    "total": to_cents(expenses),
                    "known_at_least": to_cents(exp.floor),
                    "missing": list(exp.missing),
                    "missing_values": list(missing_values),
                },
            ),
            "disposable_income": to_cents(picture.disposable),
            "disposable_income_at_most": to_cents(picture.disposable_at_most),
            "disposable_income_at_least": to_cents(picture.disposable_at_least),
            "unverified_values": [v.as_source for v in unverified],
            "citations": citations(tuple(sorted({c for line in exp.lines for c in line.cites}))),
            "hardship": _hardship(hardship, take) if hardship is not None and take is not None else None,
            "notes": notes,
            "options": options,
        },
    )


def section(picture: Picture, hardship: Decided | None) -> dict[str, Any]:
    """The finances section as plain data for the operator's views (``levynav finances``, the web API's
    ``/finances``): the record of ``finances_record``, amounts as text in cents, dates as ISO text."""
    return _plain(finances_record(picture, hardship))  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
