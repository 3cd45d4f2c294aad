"""Screen one partition of rows: each row becomes a Case, goes through ``analyze``, and leaves its flags.

This is what runs on a worker (in this process, or a Dask worker process). It holds no legal logic: it
calls the same ``analyze`` as ``levynav analyze`` (or, when no record is written, its decided part, ``decide``) and
reads the flags with ``flags.flags`` (``flags.decision_flags``). A bad row is
an ``error`` row plus one error line per problem (row number, field, reason) — the reason never repeats
the input's values. The law data (the ``Law`` bundle: parameters, standards, citations) is loaded and installed
once per process, the first time a partition runs there (``_law_loaded``: a Dask worker is a process of its own),
and kept for every later case.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from levynav.core.analyze import Decision, analyze, decide
from levynav.core.model.case import Case
from levynav.intake.case_problems import model_reason
from levynav.intake.field_names import field_path
from levynav.intake.input_text import mask_tins
from levynav.screen import batch_process, columns
from levynav.screen.flags import FLAG_COLUMNS, decision_flags, flags
from levynav.screen.sources import Partition, UnreadLine

ROW_KINDS = ("jsonl", "table")
MAX_LINE_CHARS = 1_000_000  # a case line longer than this is refused (a real case is a few kilobytes)

_law_ready = False  # module-level: set once per worker process


@dataclass
class PartitionResult:
    index: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    # The resident memory of the process that screened the partition, in bytes, read when it finished (None where
    # the system does not say): the bench follows it from partition to partition to show memory stays flat.
    resident_bytes: int | None = None
    process_id: int | None = None


def prepare_process() -> None:
    """Make this process ready to screen: its code imported (importing this module does it) and its Law bundle
    loaded. A Dask worker runs it when the run starts (``cluster.prepare_workers``), so its first partition does not
    pay the start of a process; a process that never ran it loads the law with its first partition."""
    _law_loaded()


def _law_loaded() -> None:
    """Load this process's Law bundle once and install it (later cases reuse it)."""
    global _law_ready
    if _law_ready:
        return
    from levynav import lawbook

    lawbook.install()
    lawbook.packaged()
    _law_ready = True


def screen_part(part: Partition, as_of: date, with_record: bool) -> PartitionResult:
    """``screen_partition`` of a partition as read: a cluster's task is given the partition whole, so Dask passes it
    on as one value (given its list of rows, the client walked every row looking for tasks inside it)."""
    return screen_partition(part.index, part.kind, part.first_row, part.items, as_of, with_record)


def screen_partition(
    index: int, kind: str, first_row: int, items: list[Any], as_of: date, with_record: bool
) -> PartitionResult:
    """Screen ``items`` (JSONL lines or table rows); ``first_row`` is the 1-based row number of the first."""
    _law_loaded()
    out = PartitionResult(index)
    with batch_process.for_batch():  # the collector and the models' attribute reads, for the partition
        for offset, item in enumerate(items):
            number = first_row + offset
            if kind == "jsonl" and isinstance(item, str) and not item.strip():
                continue  # a blank line is not a case
            row, problems = screen_one(kind, item, number, as_of, with_record)
            out.rows.append(row)
            # a key named by a full SSN (``{"123-45-6789": 1}``) was written whole into the errors file: masked
            out.errors += [{"row": number, "field": mask_tins(f), "reason": mask_tins(r)} for f, r in problems]
    out.resident_bytes = resident_bytes()
    out.process_id = os.getpid()
    return out


_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int | None:
    """This process's resident memory now (Linux: /proc/self/statm; elsewhere psutil when installed; else None)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE_BYTES
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil  # type: ignore[import-untyped]
    except ImportError:
        return None
    return int(psutil.Process().memory_info().rss)


def screen_one(
    kind: str, item: Any, number: int, as_of: date, with_record: bool
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One output row and the problems that made it an error row (empty when it is ``ok``)."""
    known = [str(number)]  # the row's id as soon as it is read: an error row after it keeps it (not its number)
    try:
        data, origin, case_id = _case_data(kind, item, number, known)
        case = _validate(data, origin)
        if case.transcripts:
            raise _Problems([("transcripts", "screening does not read transcript files; give their facts in the case")])
        # without --with-record only the flags are written: the decision is enough (analyze = decide + its plan,
        # questions, history and notes; docs/adr/0015-screening-decides.md); with it, the whole record
        result = analyze(case, as_of) if with_record else decide(case, as_of, deciding_only=True)
    except _Problems as bad:
        return _row(number, known[0], "error", len(bad.problems), None, None), bad.problems
    except columns.RowProblem as bad:
        return _row(number, known[0], "error", 1, None, None), [(bad.field, bad.reason)]
    except Exception as exc:  # a fault in the analysis must not stop the run; its message may hold facts
        problem = ("(case)", f"the analysis failed ({type(exc).__name__}); please report it")
        return _row(number, known[0], "error", 1, None, None), [problem]
    if isinstance(result, Decision):
        return _row(number, case_id, "ok", 0, decision_flags(result).as_row(), None), []
    return _row(number, case_id, "ok", 0, flags(result).as_row(), _record_json(result)), []


def _record_json(result: Any) -> str:
    from levynav.cli.arguments import analysis_json  # the same function `levynav analyze --format json` uses

    return analysis_json(result)


class _Problems(Exception):
    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


def _case_data(
    kind: str, item: Any, number: int, known: list[str]
) -> tuple[dict[str, Any], dict[str, str] | None, str]:
    """The case data of a row, its columns' field paths (a table row), and its id; ``known[0]`` is set to the id as soon
    as it is read, so a problem found after it (a bad cell, ``case_json`` garbage) is an error row under the row's own
    id — under its row number it took another row's id, and the two became error rows both."""
    if kind == "jsonl":
        if isinstance(item, UnreadLine):  # too long, or not UTF-8 (sources._jsonl_rows)
            raise _Problems([("(line)", item.reason)])
        if len(item) > MAX_LINE_CHARS:
            raise _Problems([("(line)", f"is longer than {MAX_LINE_CHARS} characters")])
        data = columns.json_object(item, "(line)", "one case")
        ids = {name: data.pop(name) for name in columns.ID_COLUMNS if name in data}
        given = {name: columns.id_text(value, name) for name, value in ids.items() if value is not None}
        given = {name: text for name, text in given.items() if text}  # "" or blanks: none given, as an empty cell
        if len(set(given.values())) > 1:
            raise _Problems([("id", "differs from case_id: give one id")])
        known[0] = next(iter(given.values()), str(number))
        return data, None, known[0]
    row = dict(item)
    known[0] = columns.case_id_of(row, number)
    data, origin = columns.row_to_case_data(row)
    return data, origin, known[0]


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_AMOUNT = re.compile(r"\$?\d[\d,]*\.\d+")


def _validate(data: dict[str, Any], origin: dict[str, str] | None) -> Case:
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise _Problems([_problem(e, origin) for e in exc.errors()]) from None
    except RecursionError:
        raise _Problems([("(case)", "is nested too deeply")]) from None


def _problem(err: Any, origin: dict[str, str] | None) -> tuple[str, str]:
    """(field, reason): a table row's field is named by its column, or by ``case_json.<path>``."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    path = field_path(loc)
    where = (origin or {}).get(path)
    if where is None and path != "(case)":
        where = path if origin is None else f"{columns.CASE_JSON}.{path}"
    kind = err["type"]
    if kind == "extra_forbidden":
        reason = "is not a known field (check the spelling)"
    elif kind == "missing":
        reason = "is required"
    else:
        # the model's message, with any date or amount from the input masked: no taxpayer data in the file
        reason = model_reason(err)
        reason = _AMOUNT.sub("<amount>", _DATE.sub("<date>", reason))
    return where or "(case)", reason


def _row(
    number: int,
    case_id: str,
    status: str,
    errors: int,
    values: dict[str, Any] | None,
    record: str | None,
) -> dict[str, Any]:
    row: dict[str, Any] = {"row": number, "case_id": case_id, "status": status, "errors": errors}
    for name, _ in FLAG_COLUMNS:
        row[name] = values.get(name) if values else None
    row["record"] = record
    return row
