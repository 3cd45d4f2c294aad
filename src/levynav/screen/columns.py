"""The flat column mapping of a screening table (docs/batch-screening.md): one row, one Case.

A CSV or Parquet row holds the common facts in named columns (``taxpayer_kind``, ``levy_1_served_date``,
``notice_2_type``, …) and anything beyond them in a ``case_json`` column holding a (partial) Case as JSON.
The two are merged: mappings (taxpayer, circumstances, finances, …) are merged key by key, a key given in
both places is an error; a list (levies, notices, tax_periods, finances.income) comes from one place only.

``row_to_case_data`` turns a row into the data ``Case.model_validate`` reads, and remembers which column
each case field came from, so that a problem is reported by the column the user wrote. ``case_to_row`` is
the inverse the generator uses: the facts that fit the columns go there, the rest into ``case_json``.
Values are read as text (CSV) or typed (Parquet: dates, numbers, booleans); an empty cell is unknown.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from levynav.intake.field_names import key_text

ID_COLUMNS = ("case_id", "id")
CASE_JSON = "case_json"
LIST_SEPARATOR = ";"

# How many levies, notices and tax periods have their own columns (more go into case_json).
LEVY_SLOTS = 3
NOTICE_SLOTS = 4
PERIOD_SLOTS = 3


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[str, ...]  # where the value goes in the case, e.g. ("taxpayer", "kind")
    is_list: bool = False  # a ";"-separated list of tax period ids


def _scalars() -> list[Column]:
    cols = [
        Column("taxpayer_kind", ("taxpayer", "kind")),
        Column("filing_status", ("taxpayer", "filing_status")),
        Column("state", ("taxpayer", "state")),
        Column("county", ("taxpayer", "county")),
        Column("county_fips", ("taxpayer", "county_fips")),
        Column("household_size", ("circumstances", "household_size")),
        Column("unfiled_returns", ("circumstances", "unfiled_returns")),
        Column("liability_paid", ("circumstances", "liability_paid")),
        Column("represented", ("circumstances", "represented")),
        Column("open_bankruptcy", ("circumstances", "open_bankruptcy")),
        Column("economic_hardship", ("circumstances", "economic_hardship")),
        Column("finances_household_size", ("finances", "household_size")),
        Column("housing", ("finances", "housing")),
        Column("utilities", ("finances", "utilities")),
        Column("out_of_pocket_health", ("finances", "out_of_pocket_health")),
        Column("health_insurance", ("finances", "health_insurance")),
        Column("current_taxes", ("finances", "current_taxes")),
        Column("cash_on_hand", ("finances", "assets", "cash_on_hand")),
    ]
    return cols


PERIOD_FIELDS = ("id", "form", "period", "tax_kind", "assessment_date", "balance", "csed")
NOTICE_FIELDS = ("type", "notice_date", "mailing_date", "received_date", "amount_due", "tax_periods")
LEVY_FIELDS = (
    "id",
    "kind",
    "served_date",
    "amount",
    "amount_taken",
    "owner",
    "method",
    "proceeds_sent",
    "proceeds_sent_date",
    "released_date",
    "return_requested_date",
    "take_home_pay",
    "pay_period",
    "monthly_amount",
    "tax_periods",
)
# A short column name for a long field name.
_SHORT = {"tax_periods": "periods", "notice_date": "date"}

SLOTTED: tuple[tuple[str, str, int, tuple[str, ...]], ...] = (
    # (case list, column prefix, slots, fields)
    ("tax_periods", "period", PERIOD_SLOTS, PERIOD_FIELDS),
    ("notices", "notice", NOTICE_SLOTS, NOTICE_FIELDS),
    ("levies", "levy", LEVY_SLOTS, LEVY_FIELDS),
)

# Monthly income by kind: each column, when given, is one finances.income source paid monthly.
INCOME_COLUMNS = (
    ("wages_gross_monthly", "wages", "gross"),
    ("wages_net_monthly", "wages", "net"),
    ("social_security_monthly", "social_security", "gross"),
    ("pension_monthly", "pension", "gross"),
)

SCALARS = _scalars()


def slot_column(prefix: str, slot: int, field: str) -> str:
    return f"{prefix}_{slot}_{_SHORT.get(field, field)}"


def all_columns() -> list[str]:
    """Every column of the mapping, in the documented order (the generator writes them in this order)."""
    names = ["case_id", *(c.name for c in SCALARS), *(c for c, _, _ in INCOME_COLUMNS)]
    for _, prefix, slots, fields in SLOTTED:
        names += [slot_column(prefix, i, f) for i in range(1, slots + 1) for f in fields]
    return [*names, CASE_JSON]


class RowProblem(ValueError):
    """A row that cannot become case data: ``field`` names the column, ``reason`` says why (no input echoed)."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


@dataclass(frozen=True)
class UnreadableCell:
    """A cell its reader could not turn into a Python value (sources.py: a Parquet date past year 9999); ``reason``
    says so. A column levynav reads that holds one makes its row an error row, named by the column."""

    reason: str


def _cell(row: dict[str, Any], name: str) -> Any:
    value = row.get(name)
    if isinstance(value, UnreadableCell):
        raise RowProblem(name, value.reason)
    return value


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _plain(value: Any) -> Any:
    """A cell as the case model reads it: text stays text, dates become ISO text, numbers stay exact."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(Decimal(repr(value)))  # a float column: read its written digits, never binary noise
    if isinstance(value, str):
        return value.strip()
    return value


def _set(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _path_text(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + key_text(part)
    return out


def case_id_of(row: dict[str, Any], row_number: int) -> str:
    for name in ID_COLUMNS:
        value = _cell(row, name)
        if not _empty(value):
            return id_text(value, name)
    return str(row_number)


def _checked_id(text: str, name: str) -> str:
    """A text id held to the rule of every text of a case (core/model/bounded.py): no control character (NUL, ESC,
    a text-direction override: it would reach the output tables, a terminal and a spreadsheet as given), no full SSN,
    ITIN or EIN, and at most MAX_TEXT_CHARS characters. A refused id is never written: its row is an error row known
    by its row number."""
    from levynav.core.model import limits
    from levynav.core.model.bounded import CONTROL_CHARACTER, CONTROL_CHARACTERS, FULL_TIN, FULL_TINS

    if len(text) > limits.MAX_TEXT_CHARS:
        raise RowProblem(name, f"is longer than {limits.limit_text('MAX_TEXT_CHARS')} characters")
    if not text.isprintable() and CONTROL_CHARACTERS.search(text) is not None:
        raise RowProblem(name, CONTROL_CHARACTER)
    if FULL_TINS.search(text) is not None or _NINE_DIGITS.search(text) is not None:
        raise RowProblem(name, FULL_TIN)  # an inventory keyed by SSN: never written to the tables
    if _SURROGATES.search(text) is not None:  # JSON's "\\ud800": no character, and no UTF-8 to write the table in
        raise RowProblem(name, LONE_SURROGATE)
    return text


_SURROGATES = re.compile("[\ud800-\udfff]")
# An id is a key, as a file's name is (intake/input_text.source_name): an inventory keyed by SSN most often writes it
# as nine digits in a row (123456789, a whole-number column, client-123456789), which the text rule of a case
# (FULL_TINS: 123-45-6789, 123 45 6789) leaves alone, so as not to take a ZIP+4 written without its hyphen in an
# address for one. Such an id was written whole into the output tables.
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
LONE_SURROGATE = "is not valid text (a lone surrogate code); remove it"


def id_text(value: Any, name: str) -> str:
    """A case id as the output writes it: text or a whole number (a float column's 7.0 is 7); RowProblem if not."""
    if isinstance(value, str):
        return _checked_id(value.strip(), name)
    if isinstance(value, int) and not isinstance(value, bool):
        return _checked_id(str(value), name)
    if isinstance(value, float | Decimal):
        try:
            whole = int(value)
        except (ValueError, OverflowError):  # NaN, infinity
            whole = None
        if whole is not None and isinstance(value, float) and abs(whole) > _EXACT_FLOAT:
            # 12345678901234567 is stored as ...568: written as read, it could be another case's id when joined back
            raise RowProblem(name, INEXACT_ID)
        if whole is not None and whole == value:
            return _checked_id(str(whole), name)
    raise RowProblem(name, "must be text or a whole number")


_EXACT_FLOAT = 2**53  # past it a float holds no exact whole number
INEXACT_ID = (
    "is a floating-point number too large to be an exact id (past 9,007,199,254,740,992); store the ids as text or "
    "whole numbers"
)


def json_object(text: str, field: str, what: str) -> dict[str, Any]:
    """A JSON object read as a case file is (a key given twice refused by name, numbers within their limit)."""
    from levynav.intake.bounded_parse import BoundsError, loads_unique

    try:
        value = loads_unique(text)
    except BoundsError as err:
        where, _, reason = err.problem.partition(": ")
        if where == "(file)":  # a limit of the whole text (depth, a number's digits): the cell or the line's
            raise RowProblem(field, reason) from None
        raise RowProblem(f"{field}.{where}" if field == CASE_JSON else where, reason) from None
    except json.JSONDecodeError as err:
        raise RowProblem(field, json_error_text(err)) from None
    except RecursionError:
        raise RowProblem(field, "is not valid JSON (nested too deeply)") from None
    except ValueError:  # Python's own limit on the digits of a whole number
        raise RowProblem(field, "holds a number with too many digits") from None
    if not isinstance(value, dict):
        raise RowProblem(field, f"must hold a JSON object ({what}), not {json_kind(value)}")
    return value


def json_error_text(err: json.JSONDecodeError) -> str:
    """Where a JSON text goes wrong, in plain words: its column (and line, for a text of several lines), and whether
    it ends before its object is closed (a line cut short: the last line of a file copied in part)."""
    lines = err.doc.count("\n", 0, len(err.doc.rstrip()))

    def where(line: int, column: int) -> str:
        return f"line {line}, column {column}" if lines else f"column {column}"

    if not err.doc.strip():
        return "is not valid JSON: it is empty"
    if not err.doc[err.pos :].strip():
        text = err.doc.rstrip()  # where its last character is
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1)
        return f"is not valid JSON: it stops after {where(line, column)} before its object is closed (cut short?)"
    if err.msg.startswith("Unterminated string"):
        return f'is not valid JSON: the text in quotes (") begun at {where(err.lineno, err.colno)} is never closed'
    return f"is not valid JSON at {where(err.lineno, err.colno)}"


def json_kind(value: Any) -> str:
    """What a JSON value is, in words (for a message saying it is not an object)."""
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "null"
    return "a number"


def row_to_case_data(row: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The case data of one row and, for each case field path filled from a column, that column's name."""
    data: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for col in SCALARS:
        value = _cell(row, col.name)
        if not _empty(value):
            _set(data, col.path, _plain(value))
            origin[_path_text(col.path)] = col.name
    income: list[dict[str, Any]] = []
    for name, kind, amount_field in INCOME_COLUMNS:
        value = _cell(row, name)
        if not _empty(value):
            origin[f"finances.income[{len(income)}]"] = name
            origin[f"finances.income[{len(income)}].{amount_field}"] = name
            income.append({"kind": kind, "frequency": "monthly", amount_field: _plain(value)})
    if income:
        _set(data, ("finances", "income"), income)
    for list_name, prefix, slots, fields in SLOTTED:
        items: list[dict[str, Any]] = []
        for slot in range(1, slots + 1):
            item: dict[str, Any] = {}
            names: dict[str, str] = {}
            for field in fields:
                name = slot_column(prefix, slot, field)
                value = _cell(row, name)
                if _empty(value):
                    continue
                value = _plain(value)
                if field == "tax_periods":
                    value = [p.strip() for p in str(value).split(LIST_SEPARATOR) if p.strip()]
                item[field] = value
                names[field] = name
            if item:
                index = len(items)
                origin[f"{list_name}[{index}]"] = slot_column(prefix, slot, fields[0])
                # every fact of the slot is named by its column, the empty ones too: a required one left empty
                # ("levy_1_kind: is required") is the row's column, not a case_json path the row never wrote
                for field in fields:
                    origin[f"{list_name}[{index}].{field}"] = names.get(field, slot_column(prefix, slot, field))
                items.append(item)
        if items:
            data[list_name] = items
    raw = _cell(row, CASE_JSON)
    if not _empty(raw):
        extra = json_object(raw, CASE_JSON, "a partial case") if isinstance(raw, str) else raw
        if not isinstance(extra, dict):
            raise RowProblem(CASE_JSON, "must hold a JSON object (a partial case)")
        _merge(data, extra, ())
    return data, origin


def _merge(into: dict[str, Any], extra: dict[str, Any], where: tuple[str, ...]) -> None:
    for key, value in extra.items():
        if key not in into:
            into[key] = value
        elif isinstance(into[key], dict) and isinstance(value, dict):
            _merge(into[key], value, (*where, key))
        else:
            path = _path_text((*where, key))
            raise RowProblem(CASE_JSON, f"{path} is given both in its own column(s) and in case_json")


def case_to_row(case: dict[str, Any], case_id: str) -> dict[str, str | None]:
    """The generator's inverse: a case's data as one flat row of text cells (None = empty)."""
    rest = json.loads(json.dumps(case))  # a deep copy; what is not moved to a column stays here
    row: dict[str, str | None] = dict.fromkeys(all_columns())
    row["case_id"] = case_id
    for col in SCALARS:
        parent = rest
        for key in col.path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
            if parent is None:
                break
        if isinstance(parent, dict) and col.path[-1] in parent and _is_scalar(parent[col.path[-1]]):
            row[col.name] = _text(parent.pop(col.path[-1]))
    finances = rest.get("finances")
    if isinstance(finances, dict) and isinstance(finances.get("income"), list):
        _income_to_columns(finances, row)
    for list_name, prefix, slots, fields in SLOTTED:
        items = rest.get(list_name)
        if not items or len(items) > slots or any(set(item) - set(fields) for item in items):
            continue  # does not fit the columns: the whole list stays in case_json
        for slot, item in enumerate(items, start=1):
            for field, value in item.items():
                cell = LIST_SEPARATOR.join(value) if field == "tax_periods" else _text(value)
                row[slot_column(prefix, slot, field)] = cell or None
        del rest[list_name]
    _drop_empty(rest)
    row[CASE_JSON] = json.dumps(rest, separators=(",", ":"), sort_keys=True) if rest else None
    return row


def _income_to_columns(finances: dict[str, Any], row: dict[str, str | None]) -> None:
    wanted = {(kind, field): name for name, kind, field in INCOME_COLUMNS}
    income = finances["income"]
    used: set[str] = set()
    cells: dict[str, str] = {}
    for item in income:
        keys = set(item) - {"kind", "frequency"}
        if item.get("frequency") != "monthly" or len(keys) != 1:
            return
        field = next(iter(keys))
        name = wanted.get((item.get("kind"), field))
        if name is None or name in used:
            return
        used.add(name)
        cells[name] = _text(item[field])
    if not income:
        return
    row.update(cells)
    del finances["income"]


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _drop_empty(data: dict[str, Any]) -> None:
    for key in list(data):
        value = data[key]
        if isinstance(value, dict):
            _drop_empty(value)
            if not value:
                del data[key]
