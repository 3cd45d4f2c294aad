"""The text of a document a reader is given (a transcript or a notice), the same way for every reader.

A file is read within its size limit (``input_files``); a PDF gives its text layer (at most
MAX_PDF_PAGES pages); other files are decoded as text. Input that holds no text to read is refused
with the reason, for every reader alike:

- an empty file (or only spaces);
- binary data (NUL bytes, or mostly control characters);
- a PDF that cannot be opened, or whose pages hold no text (a scan: OCR it first);
- a line longer than MAX_LINE_CHARS.

The refusal is an ``InputFileError`` (one line, the path as the user gave it or the field that named it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from levynav.core.model import limits
from levynav.core.model.bounded import CONTROL_CHARACTERS
from levynav.intake.input_files import InputFileError, check_line_lengths, read_input_file

_CONTROL = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r", "\f", "\v"}


def without_controls(text: str) -> str:
    """A document's text with every control character a case may not hold (terminal, text-direction, NUL codes)
    made a space: a stray one in a transcript or notice (a PDF's text layer has them) must not make the facts read
    from it a case the model refuses. Tabs and line ends stay."""
    return text if text.isprintable() or CONTROL_CHARACTERS.search(text) is None else CONTROL_CHARACTERS.sub(" ", text)


# A taxpayer identification number as a notice, a transcript or a person writes it: an SSN or ITIN (123-45-6789,
# 123 45 6789), an EIN (12-3456789), or nine digits in a row. A document's text is read with every such number masked
# but its last four digits (as the IRS prints it: XXX-XX-6789): the readers echo lines they could not read, and the
# web pages and reports show them, and a full number must never be on a page or in a file levynav writes. An amount
# (123,456,789.00; $123456789), a longer number (a tracking number), a date or a phone number is not one.
_TIN = re.compile(r"(?<![\d$.,-])(?:(\d{3})([- ])(\d{2})\2(\d{4})|(\d{2})-(\d{7})|(\d{9}))(?!\d|[.,-]\d)")


def _masked(m: re.Match[str]) -> str:
    if m[1] is not None:
        return f"XXX{m[2]}XX{m[2]}{m[4]}"
    if m[5] is not None:
        return f"XX-XXX{m[6][-4:]}"
    return f"XXXXX{m[7][-4:]}"


def mask_tins(text: str) -> str:
    """``text`` with every full taxpayer identification number masked but its last four digits."""
    return _TIN.sub(_masked, text) if any(c.isdigit() for c in text) else text


def source_name(path: str | Path) -> str:
    """A file's path as the source of what is read from it: every fact read (a transcript's legal action keeps it in
    the case) and every line naming the file. A file named by its taxpayer's SSN (``987-65-4321.txt``, a common
    practice) put the full number into the case, whose check of text then refused every fact of the transcript, and
    onto every line printed; a terminal or text-direction code in the name drove the terminal. Masked and blanked as
    a document's text is (``document_text``), and more widely: in a name, a number joined to a word by a hyphen
    (``client-987-65-4321.pdf``) is one too."""
    return _NAME_TIN.sub(_masked, document_text(str(path)))


# In a file's name: an SSN or ITIN (3-2-4 digits, with hyphens, spaces or nothing between) or an EIN (2-7), whatever
# comes before or after it but another digit (or, as for an amount, a dollar sign, point or comma joined to a digit).
_NAME_TIN = re.compile(r"(?<![\d$.,])(?:(\d{3})([- ]?)(\d{2})\2(\d{4})|(\d{2})-(\d{7}))(?!\d|[.,]\d)")


def document_text(text: str) -> str:
    """A notice's or a transcript's text as the readers read it: control characters blanked (``without_controls``)
    and full taxpayer identification numbers masked (``mask_tins``)."""
    return mask_tins(without_controls(text))


@dataclass
class InputText:
    text: str
    is_pdf: bool
    notes: list[str] = field(default_factory=list)  # pages without text, bytes replaced in decoding
    replaced: bool = False  # some bytes were not text in the expected encoding
    blank_pages: list[int] = field(default_factory=list)  # the PDF's pages without a text layer (1-based), typed


def decode_text(raw: bytes, name: str, fallback: str = "cp1252") -> tuple[str, bool]:
    """Text from bytes (UTF-16 with a byte-order mark, UTF-8, else ``fallback`` with replacements);
    refuses binary data."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    else:
        if b"\x00" in raw:
            raise InputFileError(f"{name}: is not text (binary data); give a text or PDF file")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode(fallback, errors="replace")
    sample = text[:65536]
    odd = sum(1 for c in sample if c in _CONTROL or c == "\ufffd")
    if sample and odd * 20 > len(sample):  # more than 5 % control characters: not a document
        raise InputFileError(f"{name}: is not text (binary data); give a text or PDF file")
    return text, "\ufffd" in text


def pdf_pages(raw: bytes, name: str, layout: bool) -> tuple[str, list[int]]:
    """The text layer of a PDF, page by page, and the pages without text. Refuses an unreadable PDF.

    The PDF is read in a process of its own (``pdf_worker``) bounded in time (MAX_PDF_SECONDS) and memory
    (MAX_PDF_MEMORY_BYTES): a file small on disk may inflate to gigabytes or hold pages that take minutes to lay out.
    """
    try:
        import pdfplumber  # noqa: F401 - the worker's dependency: say it is missing here, in one line
    except ImportError:  # pragma: no cover - pdfplumber is a dependency
        raise InputFileError(f"{name}: reading a PDF needs the pdfplumber package") from None
    answer = _read_in_worker(raw, name, layout)
    if "error" in answer:
        kind = answer["error"]
        if kind == "pages":
            raise InputFileError(f"{name}: the PDF has more than {limits.limit_text('MAX_PDF_PAGES')} pages")
        if kind == "memory":
            raise InputFileError(_too_much_memory(name))
        raise InputFileError(f"{name}: not a readable PDF ({answer.get('kind', 'error')})")
    pages = [str(p) for p in answer.get("pages", [])]
    blank = [i for i, text in enumerate(pages, start=1) if not text.strip()]
    text = "\n".join(pages)
    if not text.strip():
        raise InputFileError(
            f"{name}: the PDF has no text layer (a scanned image?); run it through OCR or paste the text instead"
        )
    return text, blank


def _too_much_memory(name: str) -> str:
    return f"{name}: reading the PDF needs more memory than {limits.limit_text('MAX_PDF_MEMORY_BYTES')} bytes"


def _read_in_worker(raw: bytes, name: str, layout: bool) -> dict[str, Any]:
    import json
    import os
    import subprocess
    import sys

    command = [
        sys.executable,
        "-m",
        "levynav.intake.pdf_worker",
        "1" if layout else "0",
        str(limits.MAX_PDF_PAGES),
        str(limits.MAX_PDF_MEMORY_BYTES),
    ]
    # the child imports levynav from where this process did (an installed package, or PYTHONPATH=src)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    try:
        done = subprocess.run(
            command, input=raw, capture_output=True, timeout=limits.MAX_PDF_SECONDS, env=env, check=False
        )
    except subprocess.TimeoutExpired:  # run() has killed the reader
        raise InputFileError(
            f"{name}: reading the PDF took longer than {limits.limit_text('MAX_PDF_SECONDS')} seconds"
        ) from None
    except OSError as exc:
        raise InputFileError(f"{name}: the PDF reader could not be started ({exc.__class__.__name__})") from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):  # killed or crashed: past the memory limit (it cannot even answer)
        if done.returncode != 0 and b"MemoryError" in done.stderr:
            raise InputFileError(_too_much_memory(name))
        raise InputFileError(f"{name}: not a readable PDF (the reader stopped, code {done.returncode})")
    return answer


def read_input_text(
    path: str | Path, limit_name: str, label: str | None = None, layout: bool = False, fallback: str = "cp1252"
) -> InputText:
    """The text of a document file, or ``InputFileError`` saying why there is none."""
    name = label if label is not None else str(path)
    raw = read_input_file(path, limit_name, name)
    if not raw.strip():
        raise InputFileError(f"{name}: is empty; there is nothing to read")
    if raw.lstrip()[:5] == b"%PDF-" or Path(path).suffix.lower() == ".pdf":
        text, blank = pdf_pages(raw, name, layout)
        check_line_lengths(text, name)
        notes = [f"page {i} has no text layer (a scan?); it was not read" for i in blank]
        return InputText(text, True, notes, blank_pages=blank)
    text, replaced = decode_text(raw, name, fallback)
    if not text.strip():
        raise InputFileError(f"{name}: is empty; there is nothing to read")
    check_line_lengths(text, name)
    return InputText(text, False, [], replaced)
