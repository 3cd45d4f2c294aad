"""Every limit on input, in one place (docs/input-limits.md lists them with their reasons).

Input is hostile until checked: a case file, a transcript or a notice may be an anchor bomb, a
50 MB line, a 5,000-deep list or a date in the year 9999. Each limit here is generous for a real
case and small enough that nothing past it can hang the program or exhaust memory. The message
of every refusal names the limit (``LIMIT_NAME (value)``) so that the person knows what to change.

This module is part of the core (the model imports it) and imports nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

# ---------------------------------------------------------------- files

MAX_CASE_FILE_BYTES = 2_000_000
"""A case file (YAML or JSON). The largest example is under 10 KB; 1,000 levies are about 300 KB."""

MAX_TRANSCRIPT_FILE_BYTES = 20_000_000
"""One account transcript, text or PDF."""

MAX_TRANSCRIPTS_TOTAL_BYTES = 20_000_000
"""The transcripts of one case, or given to one ``levynav transcript``, together: a case naming one 5 MB file fifty
times was read fifty times (minutes of work from a 300-byte case file). One real transcript is about 10 KB."""

MAX_NOTICE_FILE_BYTES = 20_000_000
"""One notice, text or PDF."""

MAX_DATA_FILE_BYTES = 20_000_000
"""Any other file a command reads (finances, standards tables)."""

MAX_RECORD_FILE_BYTES = 30_000_000
"""A saved analysis record (`levynav render`); a case with 1,000 levies gives a record of a few MB."""

MAX_LINE_CHARS = 100_000
"""One line of a YAML case file, a transcript or a notice (a printed page line is under 200)."""

MAX_NOTICE_LINES = 2_000
"""Lines of a notice that are read (a notice is a few pages of about 60 lines; the rest is not read)."""

MAX_NOTICE_LINE_CHARS = 500
"""Characters of one notice line that are read (a printed line is under 200)."""

MAX_PDF_PAGES = 500
"""Pages read from one PDF."""

MAX_PDF_SECONDS = 60
"""How long the text layer of one PDF may take to read (in a process of its own, stopped past it). A notice or a
transcript of a few pages takes under two seconds; 300 pages of dense small print take minutes."""

MAX_PDF_MEMORY_BYTES = 2_000_000_000
"""Memory (address space) of the process that reads one PDF. A content stream may inflate a thousandfold: a 2 MB file
to 2 GB of text operators; a real notice or transcript needs under 200 MB."""

MAX_IMAGE_PIXELS = 60_000_000
"""Pixels of a photo or scan given to the notice reader (OCR), checked from the image's header before it is
decoded, and again for the image as enlarged for reading. A letter-size page scanned at 600 dpi is 34 million
pixels, a legal-size one 43 million; a PNG of 20,000 x 20,000 pixels is a few kilobytes on disk and 400 MB decoded.
Pillow's own bomb limit (``PIL.Image.MAX_IMAGE_PIXELS``) is set to this value too."""

MAX_OCR_SECONDS = 120
"""How long Tesseract may read one image before the reading is given up (a page takes a few seconds)."""

# ---------------------------------------------------------------- structure of a case file

MAX_NESTING_DEPTH = 64
"""Lists and mappings inside each other. A case is about 6 deep."""

MAX_ALIASES = 100
"""YAML aliases (``*name``) in one file."""

MAX_EXPANDED_NODES = 2_000_000
"""Values in a YAML file once every alias is expanded (stops "billion laughs")."""

MAX_INTEGER_DIGITS = 30
"""Digits of a whole number in a case file (Python refuses past 4,300; no fact needs more than 30)."""

MAX_LIST_ITEMS = 2_000
"""Items in any one list of a case: levies, tax periods, notices, household members, payments…"""

MAX_TEXT_CHARS = 20_000
"""Characters of any one text field of a case (a name, an address, a description)."""

# ---------------------------------------------------------------- values

MAX_AMOUNT = Decimal("999999999999.99")
"""The largest amount of money a case holds (14 digits, 2 of them cents: just under a trillion dollars). A case's
money field refuses more; a transcript's or a notice's larger "amount" is not read as one (it is a misread number
or an attack: thirty digits broke the formatting of the page)."""

MAX_HOUSEHOLD_SIZE = 30
"""People in one household (household_size, finances.household_size)."""

MAX_DEPENDENTS = 30
"""Dependents on a statement of exemptions (Form 668-W) or given to ``wage-exempt --dependents``."""

# ---------------------------------------------------------------- command options

MAX_WORKERS = 64
"""Worker processes ``screen --workers`` or ``serve --workers`` starts on this machine (each holds the rules and
tables)."""

MAX_GENERATED_CASES = 1_000_000
"""Cases ``generate-cases`` writes in one run (a million is the largest benchmark; more fills a disk)."""

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
"""Every date of a case and ``--as-of`` lie in this range; the rules and tables cover less, and an
analysis says so when a date falls outside what its parameters cover."""


def limit_text(name: str) -> str:
    """``MAX_LIST_ITEMS (2000)`` — how a message names a limit."""
    value = globals()[name]
    return f"{name} ({value})"


def date_range_text() -> str:
    return f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()} (EARLIEST_DATE to LATEST_DATE)"
