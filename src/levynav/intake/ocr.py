"""A photo or scan of a paper notice read into text with Tesseract OCR (Debian ``tesseract-ocr`` with the English
and Spanish data; ``pytesseract``). The text then goes to the same notice reader as a pasted or PDF notice, and the
person confirms what was read before it joins a case."""

from __future__ import annotations

import io
import os
import re

IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp"}
MIN_WIDTH = 1800  # pixels: smaller images are enlarged before reading (phone photos of a page are often smaller)


class OcrError(Exception):
    """The image cannot be read (not an image, or Tesseract is not installed)."""


def is_image(head: bytes) -> bool:
    return head.startswith(IMAGE_MAGIC)


def image_text(data: bytes) -> str:
    """The text of an image of a page, turned upright first (Tesseract's orientation detection)."""
    # one thread per page: Tesseract's OpenMP threads only compete with each other (and with the web server)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import pytesseract
        from PIL import Image, ImageOps, UnidentifiedImageError
    except ImportError as err:  # pragma: no cover - both are dependencies
        raise OcrError(f"OCR is not available ({err.name} is not installed)") from None
    try:
        opened = Image.open(io.BytesIO(data))
        opened.load()
    except (UnidentifiedImageError, OSError, ValueError):
        raise OcrError("not an image that can be read (PNG, JPEG, TIFF, …)") from None
    image: Image.Image = ImageOps.exif_transpose(opened).convert("L")
    if image.width < MIN_WIDTH:
        factor = MIN_WIDTH / image.width
        image = image.resize((MIN_WIDTH, max(1, round(image.height * factor))), Image.Resampling.LANCZOS)
    image = ImageOps.autocontrast(image)
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0")
        match = re.search(r"Rotate: (\d+)", osd)
        if match and int(match.group(1)) % 360:
            image = image.rotate(-int(match.group(1)), expand=True, fillcolor=255)
    except pytesseract.TesseractNotFoundError:
        raise OcrError("OCR is not available (install Debian's tesseract-ocr)") from None
    except pytesseract.TesseractError:
        pass  # too little text to tell the orientation: read it as it is
    text: str = pytesseract.image_to_string(image, lang="eng+spa", config="--psm 6")
    return text
