"""Economic hardship from the numbers (R6343-A4, R6343-A8; 26 C.F.R. § 301.6343-1(b)(4)).

"… satisfaction of the levy in whole or in part will cause an individual taxpayer to be unable to pay
his or her reasonable basic living expenses." The IRS measures reasonable basic living expenses with
its Collection Financial Standards (R6343-A8 [S]); so does this calculation: the month's income after
the levy takes its share is set against the allowable living expenses (``calc/expenses.py``).

The levy's monthly take is ``levies[i].monthly_amount`` for a continuous levy (wages, benefits); a
bank levy takes once, so the amount taken (``levies[i].amount_taken``) is counted against the month's
means. Businesses: not applicable (the regulation speaks of individual taxpayers; Lindsay Manor).

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

from levynav.core import lawdata
from levynav.core.calc.decided import Decided
from levynav.core.calc.expenses import Expenses, allowable_expenses
from levynav.core.calc.income import CENT, ZERO, Income, cents, monthly_income
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
    parts: tuple[dict[str, Any], ...]
    missing: tuple[str, ...]


def levy_take(case: Case, as_of: date) -> Take:
    parts: list[dict[str, Any]] = []
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
        elif levy.kind is LevyKind.BANK and levy.amount_taken is not None:
            amount = levy.amount_taken
            basis = message("finances.levy_take.one_time_bank", field=field_arg(f"{path}.amount_taken"))
        else:
            missing.append(f"{path}.amount_taken" if levy.kind is LevyKind.BANK else f"{path}.monthly_amount")
            parts.append(
                {"levy": path, "kind": levy.kind.value, "amount": None, "basis": message("finances.levy_take.unknown")}
            )
            continue
        total += amount
        parts.append({"levy": path, "kind": levy.kind.value, "amount": cents(amount), "basis": basis})
    return Take(total, not missing, tuple(parts), tuple(missing))


@dataclass(frozen=True)
class Picture:
    """Income, allowable expenses and disposable income of one case on one date."""

    case: Case
    as_of: date
    income: Income
    expenses: Expenses

    @property
    def disposable(self) -> Decimal | None:
        """Monthly income minus allowable expenses (negative: a shortfall); None when either is open."""
        if self.income.total is None or self.expenses.total is None:
            return None
        return self.income.total - self.expenses.total

    @property
    def disposable_at_most(self) -> Decimal | None:
        return None if self.income.total is None else self.income.total - self.expenses.floor

    @property
    def disposable_at_least(self) -> Decimal | None:
        return None if self.expenses.total is None else self.income.floor - self.expenses.total


def financial_picture(case: Case, as_of: date) -> Picture | None:
    """None when the case has no finances. Raises ``FinancesInputError`` for input that cannot be used."""
    if case.finances is None:
        return None
    fin = case.finances
    return Picture(case, as_of, monthly_income(fin), allowable_expenses(case, fin, as_of))


def economic_hardship(case: Case, picture: Picture, as_of: date) -> Decided:
    if case.taxpayer.kind is TaxpayerKind.BUSINESS:
        return Decided(Outcome.NOT_APPLICABLE, _say("business"))
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
        pid = f"standards.{v.table}[{v.row_key}]"
        if pid not in out:  # every field given, in declared order (model/construct.record)
            out[pid] = record(
                ParamUse,
                {
                    "id": pid,
                    "value": v.amount,
                    "unit": "usd",
                    "effective_from": v.edition,
                    "source": v.source,
                    "status": v.grade,
                    "note": v.status,
                },
            )
    return tuple(out.values())


def citations(ids: list[str]) -> dict[str, dict[str, str]]:
    """Citation text of the ids the lines use: the shared registry where it has the id, else data/standards."""
    from levynav.core.law import registry

    local: dict[str, Any] = lawdata.table("standards/citations.yaml")
    shared = registry.registry()
    out: dict[str, dict[str, str]] = {}
    for cid in ids:
        entry = shared[cid].model_dump() if cid in shared else local.get(cid)
        if entry:
            out[cid] = {"cite": str(entry["cite"]), "source": str(entry["source"]), "status": str(entry["status"])}
    return out


def unverified_values(picture: Picture) -> list[dict[str, Any]]:
    """Every table value used that is not verified against a primary source."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for v in picture.expenses.values_used():
        if v.grade != "V":
            seen.setdefault((v.table, v.row_key), v.ref())
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


def _value_in_words(u: dict[str, Any]) -> Message:
    """One unverified standard amount for a person's page: no table keys, column ids or status codes."""
    key, _, column = str(u["row"]).partition(": ")
    where = [w for w in (_row_part(key), _row_part(column)) if w is not None]
    status = str(u["status"])
    how = status if status in _STATUS_HOW else "computed" if status.startswith("computed") else "unchecked"
    return message(
        "finances.unverified_value",
        table=message(f"finances.table.{u['table']}"),
        row=where,
        amount=Decimal(str(u["amount"])),
        how=message(f"finances.value_how.{how}"),
    )


def section(picture: Picture, hardship: Decided | None) -> dict[str, Any]:
    """The ``Analysis.finances`` section: edition, each allowance with standard/actual/source, totals."""
    exp = picture.expenses
    ed = exp.choice.edition
    unverified = unverified_values(picture)
    notes = list(exp.choice.notes)
    if unverified:
        values = [_value_in_words(u) for u in unverified]
        notes.append(message("finances.standards_note.unverified", values=values))
    notes += [
        message("finances.standards_note.table_gap", what=m.rstrip(".")) for m in dict.fromkeys(exp.missing_values)
    ]
    return {
        "as_of": picture.as_of.isoformat(),
        "edition": {
            "effective_date": ed.effective_date.isoformat() if ed else None,
            "title": message("finances.edition_title", effective=ed.effective_date) if ed else None,
            "origin": ed.origin if ed else None,
            "newest_known_may_be_outdated": exp.choice.stale,
            "tables": {t: m.get("status") for t, m in (ed.meta.get("tables") or {}).items()} if ed else {},
        },
        "household": {"size": exp.household.size, "basis": exp.household.basis, "ages": list(exp.household.ages)},
        "county": (
            {"state": exp.county.state, "name": exp.county.name, "fips": exp.county.fips} if exp.county else None
        ),
        "income": picture.income.to_dict(),
        "expenses": {
            "lines": [line.to_dict() for line in exp.lines],
            "total": cents(exp.total),
            "known_at_least": cents(exp.floor),
            "missing": exp.missing,
            "missing_values": exp.missing_values,
        },
        "disposable_income": cents(picture.disposable),
        "disposable_income_at_most": cents(picture.disposable_at_most),
        "disposable_income_at_least": cents(picture.disposable_at_least),
        "unverified_values": unverified,
        "citations": citations(sorted({c for line in exp.lines for c in line.cites})),
        "hardship": (
            {
                "outcome": hardship.outcome.value,
                "explanation": hardship.explanation,
                "missing": list(hardship.missing),
                "figures": {k: str(v) for k, v in hardship.figures.items()},
                "levies": list(levy_take(picture.case, picture.as_of).parts),
            }
            if hardship
            else None
        ),
        "notes": notes,
    }
