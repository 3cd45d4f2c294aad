"""Allowable living expenses under the IRS Collection Financial Standards (IRM 5.15.1; CFS-1..CFS-7).

General rules, line by line:

- National Standards (food, housekeeping supplies, apparel and services, personal care, miscellaneous):
  the total for the household size is allowed in full, whatever was actually spent (CFS-1); above four
  persons the table's amount for each additional person is added.
- Out-of-pocket health care: the standard for each person by age (under 65; 65 and older), allowed
  without proof (CFS-2). More needs documentation, so it is not counted here; the line says so.
- Housing and utilities: the lesser of the actual cost and the county standard for the family size
  (CFS-4).
- Vehicles (IRS Local Standards: Transportation): for each of up to two vehicles, the lesser of the
  loan or lease payment and the ownership standard ($0 with no payment), plus the lesser of the actual
  operating cost and the regional or metropolitan standard; a one-person household is normally allowed
  one vehicle. With more vehicles than that, the ones with a loan or lease payment are counted. No
  vehicle: the public-transportation standard in full, per household.
- Other necessary expenses (current taxes, health insurance, court-ordered payments, child or dependent
  care, term life insurance, involuntary deductions, secured debts): the actual amount (CFS-5).

Exceptions that only the IRS applies (the six-year and one-year rules, CFS-6 and CFS-7) are shown as
notes where an actual expense is above its standard; they never change the figures.

Each line keeps the table values it used (edition, table, row, source, status). A line whose amount
cannot be decided is ``allowed=None`` with its ``missing`` case paths or missing table values; its
``floor`` is what is allowed for sure (used to decide hardship when some lines are open).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from levynav.core import lawdata
from levynav.core.calc import dates
from levynav.core.calc.income import ZERO, computed_once, to_cents
from levynav.core.calc.standards import (
    AGE_GROUPS,
    NATIONAL_ITEMS,
    NATIONAL_SIZES,
    Choice,
    County,
    Edition,
    Value,
    county_known_anywhere,
    county_of_code,
    edition_for,
    same_county,
)
from levynav.core.model import ability_to_pay as atp
from levynav.core.model.ability_to_pay import Allowance
from levynav.core.model.case import Case
from levynav.core.model.construct import construct, record
from levynav.core.model.finances import Finances, Vehicle
from levynav.core.model.message import LabelArg, Message, field_arg, message

OLDER_AGE = 65  # the health-care standard's age bands: under 65; 65 and older (CFS-2)
VEHICLES_COUNTED = 2  # ownership "for up to two automobiles" (IRS Local Standards: Transportation)
SINGLE_PERSON_VEHICLES = 1  # "A single taxpayer is normally allowed one automobile" (same page)

FULL = Allowance.STANDARD_IN_FULL
LESSER = Allowance.LESSER_OF_ACTUAL_AND_STANDARD
ACTUAL = Allowance.ACTUAL


class FinancesInputError(ValueError):
    """The finances cannot be used as given (e.g. a county that is in no standards table)."""

    def __init__(self, path: str, message: str, why: Message | None = None) -> None:
        self.path = path
        # the reason as a message reference (the record holds no sentence); the English text is for the CLI's and
        # the API's error line
        self.why = why
        super().__init__(f"{path}: {message}")


@dataclass
class Line:
    key: str
    label: Message  # ``finances.expense.*``
    rule: Allowance
    cites: tuple[str, ...]
    standard: Decimal | None = None
    actual: Decimal | None = None
    allowed: Decimal | None = None
    floor: Decimal = ZERO
    values: list[Value] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # case paths
    missing_values: list[str] = field(default_factory=list)  # table values, in words
    notes: list[Message] = field(default_factory=list)  # ``finances.expense_note.*``

    # read once the lines are complete (``hardship.finances_record``); a line shared by analyses (``_national``)
    # shares its record too
    @computed_once
    def as_record(self) -> atp.ExpenseLine:
        """The line as ``Analysis.finances.expenses.lines[i]`` holds it (amounts in cents, every field in order)."""
        return record(
            atp.ExpenseLine,
            {
                "key": self.key,
                "label": self.label,
                "rule": self.rule,
                "standard": to_cents(self.standard),
                "actual": to_cents(self.actual),
                "allowed": to_cents(self.allowed),
                "allowed_at_least": to_cents(self.floor),
                "sources": [v.as_source for v in self.values],
                "cites": list(self.cites),
                "missing": list(self.missing),
                "missing_values": list(self.missing_values),
                "notes": list(self.notes),
            },
        )


@dataclass(frozen=True)
class Household:
    size: int
    basis: Message  # ``finances.household.*``
    ages: tuple[int | None, ...]
    age_paths: tuple[str, ...]  # where each unknown age would come from


@dataclass
class Expenses:
    choice: Choice
    household: Household
    county: County | None
    lines: list[Line]

    @computed_once
    def missing(self) -> list[str]:
        return sorted({p for line in self.lines for p in line.missing})

    @computed_once
    def missing_values(self) -> list[str]:
        return [m for line in self.lines for m in line.missing_values]

    @computed_once
    def complete(self) -> bool:
        return all(line.allowed is not None for line in self.lines)

    @computed_once
    def total(self) -> Decimal | None:
        return self.floor if self.complete else None

    @computed_once
    def floor(self) -> Decimal:
        return sum((line.floor for line in self.lines), ZERO)

    def values_used(self) -> list[Value]:
        return self._values_used

    @computed_once
    def _values_used(self) -> list[Value]:  # read twice per analysis (the hardship's parameters, the unverified)
        return [v for line in self.lines for v in line.values if v.amount is not None]


# ---------------------------------------------------------------------- household


def _age(birth: date | None, as_of: date) -> int | None:
    if birth is None or birth > as_of:  # born after the analysis date: the age is not known (analysis notes it)
        return None
    years = as_of.year - birth.year
    return years if dates.add_years(birth, years) <= as_of else years - 1


def household(case: Case, fin: Finances, as_of: date) -> Household:
    """Who is counted (CFS-3) and how old each is on ``as_of``."""
    people: list[tuple[int | None, str]] = [(_age(case.taxpayer.birth_date, as_of), "taxpayer.birth_date")]
    has_spouse_member = any((m.relationship or "").lower() == "spouse" for m in case.household)
    if not has_spouse_member and (case.taxpayer.spouse_name or case.taxpayer.spouse_birth_date):
        people.append((_age(case.taxpayer.spouse_birth_date, as_of), "taxpayer.spouse_birth_date"))
    for i, m in enumerate(case.household):
        people.append((_age(m.birth_date, as_of), f"household[{i}].birth_date"))
    if fin.member_ages is not None:
        size = fin.household_size or len(fin.member_ages)
        ages: list[int | None] = [*fin.member_ages, *([None] * (size - len(fin.member_ages)))]
        paths = ["finances.member_ages"] * size
        basis = message("finances.household.given" if fin.household_size else "finances.household.member_ages")
    elif fin.household_size is not None:
        size = fin.household_size
        ages = [a for a, _ in people[:size]] + [None] * max(0, size - len(people))
        paths = [p for _, p in people[:size]] + ["finances.member_ages"] * max(0, size - len(people))
        basis = message("finances.household.given")
    else:
        size = len(people)
        ages = [a for a, _ in people]
        paths = [p for _, p in people]
        others = size - 1
        basis = message("finances.household.alone") if not others else message("finances.household.others", n=others)
    return Household(size, basis, tuple(ages), tuple(paths))


# ---------------------------------------------------------------------- lines


def _use(line: Line, value: Value) -> Decimal | None:
    line.values.append(value)
    if value.amount is None and value.missing:
        line.missing_values.append(value.missing)
    return value.amount


def national_line(edition: Edition, size: int) -> Line:
    line = Line("national_standards", _label("national_standards"), FULL, ("CFS-1",))
    base = _use(line, edition.national("total", min(size, NATIONAL_SIZES)))
    extra: Decimal | None = ZERO
    if size > NATIONAL_SIZES:
        extra = _use(line, edition.national_additional("total"))
        if extra is not None:
            extra = extra * (size - NATIONAL_SIZES)
    for item in NATIONAL_ITEMS[:-1]:  # the items, for the reader; the allowance is the printed total
        v = edition.national(item, min(size, NATIONAL_SIZES))
        if v.amount is None and v.missing:
            line.notes.append(message("finances.expense_note.item_missing", what=v.missing))
    if base is not None and extra is not None:
        line.standard = line.allowed = line.floor = base + extra
        line.notes.append(message("finances.expense_note.in_full"))
    return line


def _national(edition: Edition, size: int) -> Line:
    """``national_line``, made once per Law bundle, edition and household size and shared (it reads nothing else,
    and the line is not changed once made): every household of a size has the same one."""
    made: dict[tuple[int, int], tuple[Edition, Line]] = lawdata.kept("expenses.national_line")
    key = (id(edition), size)
    hit = made.get(key)
    if hit is None or hit[0] is not edition:
        hit = made[key] = (edition, national_line(edition, size))
    return hit[1]


def _bands(edition: Edition) -> dict[str, Value]:
    """The edition's health-care standard by age group (read once per Law bundle and edition; not changed)."""
    known: dict[int, tuple[Edition, dict[str, Value]]] = lawdata.kept("expenses.health_bands")
    hit = known.get(id(edition))
    if hit is None or hit[0] is not edition:
        hit = known[id(edition)] = (edition, {group: edition.health(group) for group in AGE_GROUPS})
    return hit[1]


def health_line(edition: Edition, hh: Household, actual: Decimal | None) -> Line:
    line = Line("health_out_of_pocket", _label("health_out_of_pocket"), FULL, ("CFS-2",))
    line.actual = actual
    bands = _bands(edition)
    used: set[str] = set()
    total: Decimal | None = ZERO
    floor = ZERO
    for age, path in zip(hh.ages, hh.age_paths, strict=True):
        if age is None:
            line.missing.append(path)
            total = None
            known = [v.amount for v in bands.values() if v.amount is not None]
            floor += min(known) if len(known) == len(bands) else ZERO
            continue
        group = AGE_GROUPS[0] if age < OLDER_AGE else AGE_GROUPS[1]
        used.add(group)
        amount = bands[group].amount
        total = None if total is None or amount is None else total + amount
        floor += amount or ZERO
    unknown_age = None in hh.ages
    for group in AGE_GROUPS:
        if unknown_age or group in used:
            _use(line, bands[group])
    line.standard = line.allowed = total
    line.floor = floor
    if total is not None and actual is not None and actual > total:
        line.notes.append(message("finances.expense_note.health_above"))
    return line


def housing_line(edition: Edition, county: County | None, size: int, fin: Finances) -> Line:
    line = Line("housing_utilities", _label("housing_utilities"), LESSER, ("CFS-4",))
    if fin.housing is None:
        line.missing.append("finances.housing")
    if fin.utilities is None:
        line.missing.append("finances.utilities")
    if fin.housing is not None and fin.utilities is not None:
        line.actual = fin.housing + fin.utilities
    if county is None:
        line.missing.append("taxpayer.county_fips")
    else:
        line.standard = _use(line, edition.housing(county, size))
    _lesser(line)
    return line


def _lesser(line: Line) -> None:
    if line.actual is not None and line.standard is not None:
        line.allowed = line.floor = min(line.actual, line.standard)
        if line.actual > line.standard:
            line.notes.append(SIX_YEAR_NOTE)


# the six-year rule (CFS-6) and the one-year rule (CFS-7); the counts are their rules' own numbers
SIX_YEAR_NOTE = message("finances.expense_note.above_standard", years=6, grace_years=1)


def _label(key: str, what: str | Message | None = None) -> Message:
    """An expense line's name: ``finances.expense.KEY``, with the vehicle it is for."""
    if what is not None:
        return message(f"finances.expense.{key}", what=what)
    # a name without a vehicle is the same message on every case (a message is immutable): made once per key
    label = _LABELS.get(key)
    if label is None:
        label = _LABELS[key] = message(f"finances.expense.{key}")
    return label


_LABELS: dict[str, Message] = {}


def _vehicle(v: Vehicle, i: int) -> str | Message:
    return v.description or message("finances.vehicle_number", n=i + 1)


def transport_lines(edition: Edition, county: County | None, hh: Household, fin: Finances) -> list[Line]:
    cites = ("CFS-4", "CFS-4-TRANSPORTATION")
    if fin.vehicles is None:
        line = Line("transportation", _label("transportation"), LESSER, cites)
        line.missing.append("finances.vehicles")
        return [line]
    if not fin.vehicles:
        line = Line("public_transportation", _label("public_transportation_no_vehicle"), FULL, cites)
        line.actual = fin.public_transportation
        line.standard = line.allowed = _use(line, edition.transport_item("public_transportation"))
        line.floor = line.allowed or ZERO
        line.notes.append(message("finances.expense_note.no_vehicle"))
        return [line]
    limit = SINGLE_PERSON_VEHICLES if hh.size == 1 else VEHICLES_COUNTED
    counted, left_out = vehicles_counted(fin.vehicles, limit)
    lines: list[Line] = []
    for i in counted:
        v = fin.vehicles[i]
        path = f"finances.vehicles[{i}]"
        name = _vehicle(v, i)
        own = Line(f"vehicle_ownership[{i}]", _label("vehicle_ownership", name), LESSER, cites)
        own.actual = v.monthly_payment
        if v.monthly_payment is None:
            own.missing.append(f"{path}.monthly_payment")
        elif v.monthly_payment == ZERO:
            own.standard = own.allowed = own.floor = ZERO
            own.notes.append(message("finances.expense_note.no_payment", zero=ZERO))
        else:
            own.standard = _use(own, edition.transport_item("ownership_one_car"))
            _lesser(own)
        op = Line(f"vehicle_operating[{i}]", _label("vehicle_operating", name), LESSER, cites)
        op.actual = v.operating_cost
        if v.operating_cost is None:
            op.missing.append(f"{path}.operating_cost")
        if county is None:
            op.missing.append("taxpayer.county_fips")
        else:
            op.standard = _use(op, edition.operating(county))
        _lesser(op)
        lines += [own, op]
    if left_out:
        names = [_vehicle(fin.vehicles[i], i) for i in left_out]
        lines[0].notes.append(
            message(
                "finances.expense_note.vehicles_limited",
                limit=limit,
                most=VEHICLES_COUNTED,
                single=SINGLE_PERSON_VEHICLES,
                names=names,
            )
        )
        _unknown_left_out_payment(fin, left_out, lines)
    if fin.public_transportation is None:
        pub = Line("public_transportation", _label("public_transportation_with_vehicle"), LESSER, cites)
        pub.missing.append("finances.public_transportation")
        lines.append(pub)
    elif fin.public_transportation > ZERO:
        pub = Line("public_transportation", _label("public_transportation_with_vehicle"), LESSER, cites)
        pub.actual = fin.public_transportation
        pub.standard = _use(pub, edition.transport_item("public_transportation"))
        _lesser(pub)
        pub.notes.append(message("finances.expense_note.public_with_vehicle"))
        lines.append(pub)
    return lines


def vehicles_counted(vehicles: list[Vehicle], limit: int) -> tuple[list[int], list[int]]:
    """Which vehicles get the allowances when there are more than ``limit``: those with a loan or lease payment
    first, the largest payment first (the ownership allowance is the lesser of the payment and the standard, and
    "If a taxpayer has no lease or car loan payment, the amount allowed for Ownership Costs will be $0" — IRS Local
    Standards: Transportation; IRM 5.15.1), then those whose payment is unknown, then those with none; the order
    listed breaks ties. Returns (counted, left out), as indices into ``vehicles``."""

    def rank(i: int) -> tuple[int, Decimal]:
        pay = vehicles[i].monthly_payment
        if pay is None:
            return (1, ZERO)
        return (0, -pay) if pay > ZERO else (2, ZERO)

    order = sorted(range(len(vehicles)), key=rank)
    return sorted(order[:limit]), sorted(order[limit:])


def _unknown_left_out_payment(fin: Finances, left_out: list[int], lines: list[Line]) -> None:
    """A vehicle left out whose payment is unknown might earn more than a counted one: that line is then open."""
    assert fin.vehicles is not None
    unknown = [i for i in left_out if fin.vehicles[i].monthly_payment is None]
    if not unknown:
        return
    owned = [ln for ln in lines if ln.key.startswith("vehicle_ownership[")]
    short = [ln for ln in owned if ln.allowed is not None and (ln.standard is None or ln.allowed < ln.standard)]
    for line in short[:1]:
        line.floor = line.allowed or ZERO
        line.allowed = None
        line.missing += [f"finances.vehicles[{i}].monthly_payment" for i in unknown]


OTHER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("current_taxes", ()),
    ("health_insurance", ()),
    ("court_ordered_payments", ()),
    ("child_dependent_care", ()),
    ("term_life_insurance", ()),
    ("involuntary_deductions", ()),
    ("secured_debts", ("finances.expense_note.secured_debts",)),
)


def other_lines(fin: Finances) -> list[Line]:
    out = []
    for name, notes in OTHER:
        amount: Decimal | None = getattr(fin, name)
        if amount is None:
            out.append(_not_given(name, notes))
            continue
        line = Line(name, _label(name), ACTUAL, ("CFS-5",), notes=[message(n) for n in notes])
        line.actual = line.allowed = amount
        line.floor = amount or ZERO
        out.append(line)
    return out


def _not_given(name: str, notes: tuple[str, ...]) -> Line:
    """The line of an expense the case does not give: the same on every case (and under every bundle: it reads no
    table), so made once per name and shared with its record (a line is not changed once made)."""
    line = _NOT_GIVEN.get(name)
    if line is None:
        line = _NOT_GIVEN[name] = Line(name, _label(name), ACTUAL, ("CFS-5",), notes=[message(n) for n in notes])
        line.missing.append(f"finances.{name}")
    return line


_NOT_GIVEN: dict[str, Line] = {}


# ---------------------------------------------------------------------- the whole


def resolve_county(case: Case, edition: Edition | None) -> County | None:
    """The county for the Local Standards; an unknown county is an error, a table gap is missing."""
    t = case.taxpayer
    if not t.county_fips and not t.county:
        return None
    state, name = (t.state, t.county) if edition is not None and not t.county_fips else (None, None)
    if edition is not None and state and name:  # a county given by its name, not its code
        meant = edition.counties_named(state, name)
        if len(meant) > 1:  # never a guess: two places with different standards
            names = ", ".join(c.name for c in meant)
            raise FinancesInputError(
                "taxpayer.county",
                f"county {t.county!r} in state {t.state} could be any of: {names}. Give the county's full name, or its"
                " five-digit FIPS code in taxpayer.county_fips.",
                why=message(
                    "finances.error.county_ambiguous",
                    field=field_arg("taxpayer.county"),
                    county=t.county,
                    names=[c.name for c in meant],
                ),
            )
    found = edition.find_county(t.state, t.county, t.county_fips) if edition is not None else None
    placed = found if found is not None and found.fips == t.county_fips else None
    if t.county_fips and placed is None:
        placed = county_of_code(t.county_fips)
    if t.county_fips and t.state and placed is not None and placed.state and placed.state != t.state:
        # never a guess: the code is a county of another state than the one given (both say where the person lives)
        raise FinancesInputError(
            "taxpayer.county_fips",
            f"county FIPS {t.county_fips} is {placed.name}, {placed.state}, not a county of state {t.state}. Give the"
            " five-digit code of the county in taxpayer.state, or correct taxpayer.state.",
            why=message(
                "finances.error.county_other_state",
                field=field_arg("taxpayer.county_fips"),
                code=t.county_fips,
                county=placed.name,
                county_state=construct(LabelArg, enum="state", value=placed.state),  # said by its name
                state=construct(LabelArg, enum="state", value=t.state),
            ),
        )
    if t.county_fips and t.county and placed is not None and not same_county(placed.name, t.county):
        # never a guess: the code and the name are two counties (the code was read and the name left unsaid); which
        # one is the person's is theirs to say, both named
        raise FinancesInputError(
            "taxpayer.county_fips",
            f"county FIPS {t.county_fips} is {placed.name}, {placed.state}, but taxpayer.county is {t.county!r}: two"
            " counties. Give the code of your county or its name, not both.",
            why=message(
                "finances.error.county_name_code",
                field=field_arg("taxpayer.county_fips"),
                code=t.county_fips,
                code_county=placed.name,
                code_state=construct(LabelArg, enum="state", value=placed.state or ""),
                county=t.county,
            ),
        )
    if found is None and not county_known_anywhere(t.state, t.county, t.county_fips):
        where = "taxpayer.county_fips" if t.county_fips else "taxpayer.county"
        close = edition.close_names(state, name) if edition is not None and state and name else []
        if close and state != "CT":
            names = ", ".join(close)
            raise FinancesInputError(
                where,
                f"county {t.county!r} is not a county of state {t.state} in the housing and utilities standards table."
                f" Close names: {names}. Give one of them, or the five-digit FIPS code in taxpayer.county_fips.",
                why=message(
                    "finances.error.county_unknown_close", field=field_arg(where), county=t.county, names=close
                ),
            )
        what = f"FIPS {t.county_fips}" if t.county_fips else f"{t.county!r} in state {t.state or '(no state given)'}"
        region = t.state == "CT" or (t.county_fips or "").startswith("09")
        hint = (
            " Connecticut is listed by planning region: give taxpayer.county as the region's name"
            " (e.g. 'Capitol Planning Region')."
            if region
            else " Check the five-digit county FIPS code, or give taxpayer.state and taxpayer.county."
        )
        why = message(
            "finances.error.county_unknown_region" if region else "finances.error.county_unknown",
            field=field_arg(where),
            county=t.county_fips or t.county or "",
        )
        raise FinancesInputError(
            where, f"county {what} is not in any housing and utilities standards table.{hint}", why=why
        )
    if found is not None:  # the edition in force has the county (only a county it lacks is looked for in the others)
        return found
    return County(t.state or "", t.county or "", t.county_fips)


def allowable_expenses(case: Case, fin: Finances, as_of: date) -> Expenses:
    choice = edition_for(as_of)
    hh = household(case, fin, as_of)
    county = resolve_county(case, choice.edition)
    if choice.edition is None:
        return Expenses(choice, hh, county, _no_edition_lines(fin, choice))
    ed = choice.edition
    lines = [
        _national(ed, hh.size),
        health_line(ed, hh, fin.out_of_pocket_health),
        housing_line(ed, county, hh.size, fin),
        *transport_lines(ed, county, hh, fin),
        *other_lines(fin),
    ]
    return Expenses(choice, hh, county, lines)


def _no_edition_lines(fin: Finances, choice: Choice) -> list[Line]:
    lines = []
    for key, cite in (
        ("national_standards", "CFS-1"),
        ("health_out_of_pocket", "CFS-2"),
        ("housing_utilities", "CFS-4"),
        ("transportation", "CFS-4"),
    ):
        line = Line(key, _label(key), FULL if cite != "CFS-4" else LESSER, (cite,))
        line.missing_values.append(f"standards edition in force on {choice.as_of.isoformat()}")
        lines.append(line)
    return lines + other_lines(fin)
