"""PDFs small on disk that cost a reader far more than a notice or a transcript does (audit 2026-12-07, round 2).

Before: a 330 KB PDF of 500 dense pages read for more than 5 minutes and grew past 9 GB (every page's layout was
kept); a 300 KB PDF whose content stream inflates to 300 MB took 650 MB. The text layer is now read in a separate
process bounded in time (MAX_PDF_SECONDS) and memory (MAX_PDF_MEMORY_BYTES): past either, the file is refused in one
line, and the command goes on as for any unreadable PDF.
"""

from __future__ import annotations

import time
import zlib
from pathlib import Path

import pytest

from levynav.core.model import limits
from levynav.intake import input_text
from levynav.intake.input_files import InputFileError
from tests.helpers import run_cli

AS_OF = ("--as-of", "2026-11-23")


def make_pdf(contents: list[bytes], compress: bool = True) -> bytes:
    """A PDF with one page per content stream, Helvetica as F1."""
    n = len(contents)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    font = 3 + 2 * n
    for i, content in enumerate(contents):
        stream = zlib.compress(content, 9) if compress else content
        filt = b"/Filter /FlateDecode " if compress else b""
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objs.append(b"<< /Length %d %s>>\nstream\n" % (len(stream), filt) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def dense_page(lines: int = 110) -> bytes:
    rows = b"".join(b"1 0 0 1 10 %d Tm (%s) Tj " % (10 + 7 * y, b"ABCDEFGHIJ" * 15) for y in range(lines))
    return b"BT /F1 6 Tf " + rows + b" ET"


def test_a_small_pdf_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    path.write_bytes(
        make_pdf([b"BT /F1 12 Tf 72 700 Td (Notice LT11) Tj ET", b"BT /F1 12 Tf 72 700 Td (page 2) Tj ET"])
    )
    got = input_text.read_input_text(path, "MAX_NOTICE_FILE_BYTES")
    assert got.is_pdf and "Notice LT11" in got.text and "page 2" in got.text


def test_a_pdf_of_many_dense_pages_is_refused_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PDF_SECONDS", 3)
    path = tmp_path / "dense.pdf"
    path.write_bytes(make_pdf([dense_page()] * 300))
    start = time.monotonic()
    with pytest.raises(InputFileError) as err:
        input_text.read_input_text(path, "MAX_TRANSCRIPT_FILE_BYTES", layout=True)
    assert time.monotonic() - start < 30
    assert "MAX_PDF_SECONDS" in str(err.value) and str(path) in str(err.value)


def test_a_pdf_that_inflates_past_the_memory_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PDF_MEMORY_BYTES", 400_000_000)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(make_pdf([b" " * 600_000_000]))  # 600 MB of spaces, 600 KB on disk
    assert path.stat().st_size < 1_000_000
    with pytest.raises(InputFileError) as err:
        input_text.read_input_text(path, "MAX_NOTICE_FILE_BYTES")
    assert "MAX_PDF_MEMORY_BYTES" in str(err.value)


@pytest.mark.parametrize("command", ["notice", "transcript"])
def test_the_commands_refuse_it_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.setattr(limits, "MAX_PDF_SECONDS", 2)
    path = tmp_path / "dense.pdf"
    path.write_bytes(make_pdf([dense_page()] * 300))
    code, out, err = run_cli(command, str(path), *AS_OF)
    assert code == 2 and out == "" and "Traceback" not in err
    assert "MAX_PDF_SECONDS" in err and len(err.strip().splitlines()) <= 2


def test_the_limits_are_documented() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "input-limits.md").read_text(encoding="utf-8")
    for name in ("MAX_PDF_SECONDS", "MAX_PDF_MEMORY_BYTES"):
        assert f"`{name}`" in doc


def test_the_transcript_modules_pdf_text_is_bounded_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from levynav.intake.transcript import pdf_text

    monkeypatch.setattr(limits, "MAX_PDF_SECONDS", 2)
    path = tmp_path / "dense.pdf"
    path.write_bytes(make_pdf([dense_page()] * 300))
    start = time.monotonic()
    text, problems = pdf_text(path)
    assert time.monotonic() - start < 30
    assert text == "" and [p.what.key for p in problems] == ["transcript.problem.pdf_unreadable"]
