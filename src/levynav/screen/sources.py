"""Read a screening input in partitions of a fixed number of rows: JSONL, CSV or Parquet.

Partitions are cut by row count only (never by the reader's own batch sizes), so partition ``k`` always
holds the same rows: that is what lets a crashed run resume and a cluster run match a single-process run.
JSONL lines are handed on as text (a malformed line becomes an error row, not a failed read); CSV cells
are read as text (the case model reports a bad value by its column); Parquet cells keep their types.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INPUT_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}


class InputError(ValueError):
    """The input file as a whole cannot be read (its rows are never echoed)."""


@dataclass
class Partition:
    index: int
    first_row: int  # 1-based: JSONL line number, or CSV/Parquet data row number (header not counted)
    kind: str  # "jsonl" or "table" (what partition.screen_partition reads)
    items: list[Any]


def input_kind(path: Path) -> str:
    if path.is_dir():
        if not dataset_files(path):
            raise InputError(f"{path.name}: the folder holds no .parquet files")
        return "parquet"  # a partitioned Parquet dataset: every .parquet file below, in path order
    kind = INPUT_KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path.name}: the input must end in .jsonl, .ndjson, .csv or .parquet, or be a folder")
    if _is_empty(path):
        raise InputError(f"{path.name}: {EMPTY_INPUT}")
    return kind


EMPTY_INPUT = "is empty; there is nothing to screen (a table needs at least its header line)"
_SMALL = 4096


def _is_empty(path: Path) -> bool:
    """A file of no bytes, or of only a byte order mark and blank space: a CSV of it was "cannot be read as CSV
    (NoDataError)", a Parquet file "(ArrowInvalid)", a JSONL one screened as 0 cases; all three are now refused
    alike. (A CSV or Parquet file with its header and no rows is an inventory of 0 cases, screened as such.)"""
    try:
        if path.stat().st_size > _SMALL:
            return False
        head = path.read_bytes()
    except OSError:
        return False  # the reader says what is wrong with it
    return not head.removeprefix(b"\xef\xbb\xbf").strip()


def dataset_files(folder: Path) -> list[Path]:
    """The Parquet files of a partitioned dataset, in a fixed order (so partitions are the same every run)."""
    return sorted(p for p in folder.rglob("*.parquet") if p.is_file())


def count_rows(path: Path) -> int:
    """How many rows (for the progress bar)."""
    kind = input_kind(path)
    if kind == "jsonl":  # counted a chunk at a time: a line is never held whole
        count, last = 0, b"\n"
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK_BYTES):
                count += chunk.count(b"\n")
                last = chunk[-1:]
        return count + (last != b"\n")
    import polars as pl

    try:
        if kind == "csv":
            return int(pl.scan_csv(path, infer_schema=False).select(pl.len()).collect().item())
        import pyarrow.parquet as pq

        files = dataset_files(path) if path.is_dir() else [path]
        return sum(int(pq.ParquetFile(f).metadata.num_rows) for f in files)
    except InputError:
        raise
    except Exception:
        raise _unreadable(path, kind) from None


def check_columns(path: Path, ignored: tuple[str, ...] = ()) -> None:
    """Every column of a CSV or Parquet input is one the mapping reads, given once (docs/batch-screening.md), or
    one the user named to leave out (``--ignore-column``: an inventory's own notes or names).

    A misspelt column (``houshold_size``) would otherwise be passed over and its facts read as unknown in every
    row, with nothing to say so; a column given twice would be read from one of its copies. Either refuses the
    file, naming the column, before anything is screened. A column levynav reads cannot be left out this way.
    """
    from levynav.screen.columns import ID_COLUMNS, all_columns

    known = {*all_columns(), *ID_COLUMNS}
    for name in ignored:
        if name in known:
            raise InputError(f"--ignore-column {_shown(name)}: {READ_COLUMN}")
    kind = input_kind(path)
    if kind in ("jsonl", "csv"):
        check_utf8(path, whole=kind == "csv")
    if kind == "jsonl":
        return
    for names in _column_names(path, kind):
        if kind == "csv":
            _check_dialect(path, [n for n in names if n not in known and n not in ignored])
        for name in names:
            if name in ignored:
                continue
            copy = _DUPLICATED.fullmatch(name)  # how Polars names the second copy of a CSV column
            if (copy is not None and copy.group(1) in names) or names.count(name) > 1:
                raise InputError(f"{_shown(copy.group(1) if copy else name)}: the column is given twice")
            if name not in known:
                raise InputError(f"{_shown(name)}: {UNKNOWN_COLUMN}")
    if kind == "csv":
        problem = csv_table_problem(path)
        if problem is not None:
            raise InputError(problem)


# A text table saved as UTF-16 or UTF-32 (a spreadsheet's "Unicode text") begins with its byte order mark, or holds
# NUL bytes in its first line (every ASCII character is 2 or 4 bytes, one of them 0). Read as UTF-8 it was a header
# of garbled names ("not a column levynav reads: '\\ufffd\\ufffdc\\x00a\\x00s…'") or every line an error row.
_WIDE_BOMS = (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\xff\xfe", b"\xfe\xff")
NOT_UTF8 = "not UTF-8 text (UTF-16 or UTF-32?); save the table as UTF-8 (CSV UTF-8) and screen it again"


NOT_UTF8_LINE = (
    "not UTF-8 text (saved as Latin-1 or Windows-1252?); save the table as UTF-8 (CSV UTF-8) and screen it again"
)


def check_utf8(path: Path, whole: bool = False) -> None:
    """Refuse a CSV or JSONL input written in UTF-16 or UTF-32, by the file, before anything is screened; with
    ``whole`` (a CSV: its reader refuses the whole file for one byte, as "ComputeError"), any byte that is not UTF-8,
    by its line. A JSONL line that is not UTF-8 is an error row of its own (``_jsonl_rows``)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65_536)
            first_line = head.split(b"\n", 1)[0]
            if head.startswith(_WIDE_BOMS) or b"\x00" in first_line:
                raise InputError(f"{path.name}: {NOT_UTF8}")
            if whole:
                _check_utf8_lines(path, fh, head)
    except OSError as exc:
        raise InputError(f"{path.name}: cannot be read ({type(exc).__name__})") from None


def _check_utf8_lines(path: Path, fh: Any, head: bytes) -> None:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    chunk = head
    while chunk:
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as err:
            bad_line = line + err.object.count(b"\n", 0, err.start)  # the decoder's held bytes hold no line break
            raise InputError(f"{path.name}: line {bad_line} is {NOT_UTF8_LINE}") from None
        line += chunk.count(b"\n")
        chunk = fh.read(_CHUNK_BYTES)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: line {line} is {NOT_UTF8_LINE}") from None


def _check_dialect(path: Path, unknown: list[str]) -> None:
    """A CSV written in another dialect, named as such: old Mac line ends (CR alone: the header ran into the rows), or
    a spreadsheet's semicolons or tabs between the cells (the header read as one column named by all of it)."""
    if any("\r" in name for name in unknown):
        raise InputError(f"{path.name}: {CR_ONLY}")
    for sep, said in ((";", "semicolons"), ("\t", "tabs")):
        if any(sep in name for name in unknown):
            raise InputError(f"{path.name}: the cells are separated by {said}; {COMMAS}")


CR_ONLY = (
    "its lines end in a carriage return alone (CR, an old Mac format); save it with Windows (CRLF) or Unix (LF) line "
    "ends"
)
COMMAS = "levynav reads comma-separated values: save the table as CSV (comma delimited) and screen it again"


UNKNOWN_COLUMN = (
    "not a column levynav reads (check its spelling; docs/batch-screening.md lists them; "
    "--ignore-column NAME leaves out a column of your own)"
)
READ_COLUMN = "levynav reads this column; remove it from the file instead of leaving it out"
_DUPLICATED = re.compile(r"(.+)_duplicated_\d+")


def _shown(name: str) -> str:
    """A column name as a message shows it: as it is when plain, else quoted and escaped to ASCII (a name that is not
    UTF-8 was printed with U+FFFD, and a right-to-left override passed as printable text)."""
    from levynav.intake.field_names import key_text

    return key_text(name)


def _column_names(path: Path, kind: str) -> Iterator[list[str]]:
    import polars as pl

    if kind == "csv":
        try:
            names = list(pl.scan_csv(path, infer_schema=False).collect_schema().names())
        except Exception:
            raise _unreadable(path, kind) from None
        yield names
        return
    import pyarrow.parquet as pq

    for file in dataset_files(path) if path.is_dir() else [path]:
        try:
            names = list(pq.ParquetFile(file).schema_arrow.names)
        except Exception:
            raise _unreadable(path, kind, file) from None
        yield names


NOT_PARQUET = (
    "is not a readable Parquet table (the file is damaged, cut short, or not Parquet at all); write it again from its "
    "source and screen it again"
)
DAMAGED_PARQUET = (
    "is not a readable Parquet table: its rows after row {done} cannot be read (the file is damaged); write it again "
    "from its source and screen it again"
)
NOT_CSV = (
    "is not a readable CSV table; check that it is comma-separated values with one header line, and that every "
    "quoted cell's quotes are closed"
)


def _unreadable(path: Path, kind: str, file: Path | None = None, done: int | None = None) -> InputError:
    """The plain-words refusal of an input its reader could not read (never the library's own error name): a Parquet
    file of a dataset folder is named by its path in the folder; a CSV by its first problem a row check finds."""
    if kind == "csv":
        return InputError(csv_table_problem(path) or f"{path.name}: {NOT_CSV}")
    name = path.name if file is None or file == path else f"{path.name}/{file.relative_to(path).as_posix()}"
    said = NOT_PARQUET if not done else DAMAGED_PARQUET.format(done=done)
    return InputError(f"{name}: {said}")


# A CSV's rows, checked one by one before anything is screened (Python's csv reader, strict: about 15 s a million rows
# of the generated inventory's width). The table reader refused a row with more cells than the header, a quote never
# closed or a quote inside a cell written without quotes in one word of its own ("ComputeError"), and read a row with
# fewer cells with its last columns empty and a header line repeated below (two tables joined) as a case, without a
# word. Each is now refused by its row, its line and, where there is one, its column.
_CSV_CELL = re.compile(r'"(?:[^"]|"")*"|[^",\r\n]*')
# A quote neither opening nor closing a quoted cell nor doubled inside one: how a quote inside a cell written without
# quotes shows (the strict reader refuses every other misplaced quote itself).
_LONE_QUOTE = re.compile(r'[^,"\r\n]"[^,"\r\n]')


def csv_table_problem(path: Path) -> str | None:
    """The first structural problem of a CSV table, in plain words naming its row (data rows, the header not counted),
    its line in the file and its column; None when every row has the header's cells."""
    import csv

    from levynav.screen.partition import MAX_LINE_CHARS

    record: list[str] = []
    line_no = [0]

    def lines(fh: Any) -> Iterator[str]:
        while text := fh.readline(MAX_LINE_CHARS + 1):
            line_no[0] += 1
            if len(text) > MAX_LINE_CHARS and not text.endswith(("\n", "\r")):
                raise _LineTooLong(line_no[0])
            record.append(text)
            yield text

    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_LINE_CHARS)
    row = 0
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            reader = csv.reader(lines(fh), strict=True)
            header: list[str] | None = None
            while True:
                record.clear()
                first_line = line_no[0] + 1
                try:
                    cells = next(reader)
                except StopIteration:
                    return None
                except csv.Error as err:
                    return _quote_problem(path, row + (header is not None), first_line, record, header, str(err))
                if header is None:
                    header = cells
                    continue
                row += 1
                where = f"{path.name}: row {row} (line {first_line})"
                if not cells:
                    continue  # a blank line: a row of empty cells, an error row of its own
                if '"' in record[0] or len(record) > 1:
                    text = "".join(record)
                    if _LONE_QUOTE.search(text) and _first_bad_cell(text)[1] >= 0:
                        return _quote_problem(path, row, first_line, record, header, "")
                if cells == header:
                    return f"{where} repeats the header line (two tables joined into one?); remove it"
                if len(cells) > len(header):
                    return (
                        f"{where} has {len(cells)} cells but the header names {len(header)} columns: the cells past "
                        f"column {len(header)} ({_shown(header[-1])}) have no column (a comma too many, or a value "
                        "holding a comma not written in quotes?)"
                    )
                if len(cells) < len(header):
                    return (
                        f"{where} has {len(cells)} cells but the header names {len(header)} columns: column "
                        f"{len(cells) + 1} ({_shown(header[len(cells)])}) and the ones after it are missing (a "
                        "comma missing, or the row cut short?)"
                    )
    except _LineTooLong as long:
        return f"{path.name}: line {long.line} is longer than {MAX_LINE_CHARS} characters (no case is that long)"
    except OSError as exc:
        return f"{path.name}: cannot be read ({type(exc).__name__})"
    finally:
        csv.field_size_limit(limit)


def _first_bad_cell(text: str) -> tuple[int, int]:
    """The column (1-based) and offset of the first cell of a record's text not written as CSV (the last cell when
    every one is)."""
    column = 1
    at = 0
    while at < len(text):  # the cells well written, one by one, up to the one that is not
        cell = _CSV_CELL.match(text, at)
        end = cell.end() if cell is not None else at
        if end >= len(text) or text[end] != ",":
            if text[end:].strip("\r\n"):
                return column, at
            break
        column += 1
        at = end + 1
    return column, -1


class _LineTooLong(Exception):
    def __init__(self, line: int) -> None:
        self.line = line
        super().__init__(line)


def _quote_problem(
    path: Path, row: int, first_line: int, record: list[str], header: list[str] | None, reason: str
) -> str:
    """Where the csv reader stopped, in words: the row, its first line and the column whose cell is wrongly quoted
    (a quote never closed, a quote inside a cell written without quotes) or too long."""
    from levynav.screen.partition import MAX_LINE_CHARS

    text = "".join(record)
    column, at = _first_bad_cell(text)
    named = f" ({_shown(header[column - 1])})" if header is not None and column <= len(header) else ""
    where = (
        f"{path.name}: row {row} (line {first_line}), column {column}{named}"
        if row
        else (f"{path.name}: the header line, column {column}")
    )
    if "field larger" in reason:
        return f"{where}: the cell is longer than {MAX_LINE_CHARS} characters (no case is that long)"
    if "unexpected end of data" in reason or (at >= 0 and text[at] == '"' and '"' not in text[at + 1 :]):
        return f'{where}: a quote (") opens the cell and is never closed; close it, or double a quote inside a cell'
    return (
        f'{where}: a quote (") inside the cell is not written as CSV: a cell holding a quote is written in quotes, '
        'its own quotes doubled ("a ""b"" c")'
    )


def partitions(path: Path, size: int) -> Iterator[Partition]:
    kind = input_kind(path)
    chunks: Iterator[list[Any]]
    if kind == "jsonl":
        chunks = _jsonl_rows(path)
    elif kind == "csv":
        chunks = _csv_rows(path)
    else:
        chunks = _parquet_rows(path)
    item_kind = "jsonl" if kind == "jsonl" else "table"
    buffer: list[Any] = []
    index = 0
    for chunk in chunks:
        buffer.extend(chunk)
        while len(buffer) >= size:
            yield Partition(index, index * size + 1, item_kind, buffer[:size])
            buffer = buffer[size:]
            index += 1
    if buffer:
        yield Partition(index, index * size + 1, item_kind, buffer)


# A JSONL line is read to at most this many bytes (4 per character of partition.MAX_LINE_CHARS, UTF-8's widest): a
# longer one is passed over to its end without being held, and is an error row. A file of one 2 GB line was read whole
# (then decoded: twice its size again) before the length check refused it.
MAX_LINE_BYTES = 4_000_000
_CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class UnreadLine:
    """A JSONL line that is not read as a case: ``reason`` says why (partition.screen_one makes it an error row)."""

    reason: str


LINE_NOT_UTF8 = "is not UTF-8 text (saved as Latin-1 or Windows-1252?); save the file as UTF-8 and screen it again"


def _read_line(fh: Any) -> bytes | UnreadLine | None:
    """The next line of ``fh`` (None at the end), or UnreadLine past MAX_LINE_BYTES (its rest read and dropped)."""
    raw: bytes = fh.readline(MAX_LINE_BYTES + 1)
    if not raw:
        return None
    if len(raw) <= MAX_LINE_BYTES or raw.endswith(b"\n"):
        return raw
    while raw and not raw.endswith(b"\n"):  # the rest of the line, a chunk at a time, never held
        raw = fh.readline(_CHUNK_BYTES)
    from levynav.screen.partition import MAX_LINE_CHARS

    return UnreadLine(f"is longer than {MAX_LINE_CHARS} characters")


def _jsonl_rows(path: Path) -> Iterator[list[str | UnreadLine]]:
    with path.open("rb") as fh:
        batch: list[str | UnreadLine] = []
        number = 0
        while (raw := _read_line(fh)) is not None:
            if isinstance(raw, UnreadLine):
                batch.append(raw)
            else:
                if number == 0 and raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark (Notepad writes one)
                    raw = raw[3:]
                try:
                    batch.append(raw.decode("utf-8"))
                except UnicodeDecodeError:  # read with U+FFFD in place, a name was changed without a word
                    batch.append(UnreadLine(LINE_NOT_UTF8))
            number += 1
            if len(batch) >= 4096:
                yield batch
                batch = []
        if batch:
            yield batch


def _csv_rows(path: Path) -> Iterator[list[dict[str, Any]]]:
    import polars as pl

    try:
        for frame in pl.scan_csv(path, infer_schema=False).collect_batches(chunk_size=4096):
            yield frame.to_dicts()
    except pl.exceptions.PolarsError:
        raise _unreadable(path, "csv") from None


def _parquet_rows(path: Path) -> Iterator[list[dict[str, Any]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    for file in dataset_files(path) if path.is_dir() else [path]:
        done = 0
        try:
            for batch in pq.ParquetFile(file).iter_batches(batch_size=4096):
                rows = _batch_rows(batch)
                done += len(rows)
                yield rows
        except (pa.ArrowException, OSError):
            raise _unreadable(path, "parquet", file, done) from None


OUT_OF_RANGE = "is a date or time outside the years 1 to 9999; write the date YYYY-MM-DD"


def _batch_rows(batch: Any) -> list[dict[str, Any]]:
    """A record batch's rows as Python values. A cell Python cannot hold (a date32 of year 10183, a timestamp before
    year 1) is ``UnreadableCell`` (an error row by its column, when levynav reads that column): the batch's
    ``to_pylist`` ended the run in an OverflowError. A nanosecond timestamp is read to the microsecond (pyarrow refuses
    to drop its nanoseconds; only its day is read)."""
    import pyarrow as pa

    try:
        return list(batch.to_pylist())
    except (ValueError, OverflowError, pa.ArrowException):
        pass
    names = batch.schema.names
    values = [_column_values(batch.column(i)) for i in range(batch.num_columns)]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def _column_values(column: Any) -> list[Any]:
    import pyarrow as pa
    import pyarrow.compute as pc

    from levynav.screen.columns import UnreadableCell

    if pa.types.is_timestamp(column.type) and column.type.unit == "ns":
        column = pc.cast(column, pa.timestamp("us", column.type.tz), safe=False)
    try:
        return list(column.to_pylist())
    except (ValueError, OverflowError, pa.ArrowException):
        pass
    out: list[Any] = []
    for index in range(len(column)):
        try:
            out.append(column[index].as_py())
        except (ValueError, OverflowError, pa.ArrowException):
            out.append(UnreadableCell(OUT_OF_RANGE))
    return out
