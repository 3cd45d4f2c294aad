"""Images the notice reader (OCR) must refuse in one line, exit 2, before decoding them: a PNG whose header claims more
pixels than MAX_IMAGE_PIXELS (a few KB on disk; it took 47 s, or raised MemoryError as a thin strip enlarged for
reading), and an image Tesseract refuses (a traceback). Found by tests/fuzz/drive_commands.py."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from levynav.core.model import limits
from levynav.intake import ocr
from tests.helpers import run_cli


def _bilevel_png(width: int, height: int) -> bytes:
    """A white 1-bit PNG of any size, compressed to almost nothing (its rows are written, never held whole)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def _refused(tmp_path: Path, data: bytes, says: str) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(data)
    code, out, err = run_cli("notice", str(path))
    assert code == 2, (code, out, err)
    assert err.startswith("levynav: ") and len(err.strip().splitlines()) == 1, err
    assert says in err and "Traceback" not in err, err


@pytest.mark.parametrize("size", [(8_000, 8_000), (20_000, 20_000)])  # past the limit; past twice the limit
def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(tmp_path: Path, size: tuple[int, int]) -> None:
    _refused(tmp_path, _bilevel_png(*size), "MAX_IMAGE_PIXELS")


def test_a_thin_strip_that_would_be_enlarged_past_the_limit_is_refused(tmp_path: Path) -> None:
    _refused(tmp_path, _bilevel_png(1, 200_000), "once enlarged")


def test_an_image_tesseract_cannot_take_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("L", (40_000, 20), 255).save(out, format="PNG")  # Tesseract: "Image too large"
    _refused(tmp_path, out.getvalue(), "wider or taller than Tesseract reads")


def test_a_tesseract_refusal_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    def refuse(*args: object, **kwargs: object) -> str:
        raise pytesseract.TesseractError(1, "Error during processing: /tmp/secret/path")

    monkeypatch.setattr(pytesseract, "image_to_osd", refuse)
    monkeypatch.setattr(pytesseract, "image_to_string", refuse)
    out = io.BytesIO()
    Image.new("L", (2000, 100), 255).save(out, format="PNG")
    _refused(tmp_path, out.getvalue(), "Tesseract could not read the image")


def test_the_limit_is_pillows_too() -> None:
    with pytest.raises(ocr.OcrError):
        ocr.image_text(_bilevel_png(8_000, 8_000))
    assert Image.MAX_IMAGE_PIXELS == limits.MAX_IMAGE_PIXELS
