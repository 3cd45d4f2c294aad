"""A photo or scan of a paper notice read into text with Tesseract OCR (Debian ``tesseract-ocr`` with the English
and Spanish data; ``pytesseract``). The text then goes to the same notice reader as a pasted or PDF notice, and the
person confirms what was read before it joins a case."""

from __future__ import annotations

import io
import os
import re
import warnings

IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp"}
TESSERACT_MAX_SIDE = 32_767  # pixels: Tesseract refuses a wider or taller image ("Image too large")
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
    from levynav.core.model.limits import MAX_IMAGE_PIXELS, MAX_OCR_SECONDS, limit_text

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # Pillow's own check: refuses past twice this, warns past it
    too_large = f"the image has more pixels than {limit_text('MAX_IMAGE_PIXELS')}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))  # reads the header: the size is known before anything is decoded
            width, height = opened.size
            if width * height > MAX_IMAGE_PIXELS:
                raise OcrError(f"{too_large} ({width:,} x {height:,})")
            opened.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise OcrError(too_large) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise OcrError("not an image that can be read (PNG, JPEG, TIFF, …)") from None
    if width < MIN_WIDTH:  # enlarged for reading: a 1-pixel-wide strip would become a bomb of its own
        enlarged = max(1, round(height * MIN_WIDTH / width))
        if MIN_WIDTH * enlarged > MAX_IMAGE_PIXELS:
            raise OcrError(f"{too_large} once enlarged to {MIN_WIDTH:,} pixels wide for reading (a thin strip?)")
    try:
        image: Image.Image = ImageOps.exif_transpose(opened).convert("L")
        if image.width < MIN_WIDTH:
            factor = MIN_WIDTH / image.width
            image = image.resize((MIN_WIDTH, max(1, round(image.height * factor))), Image.Resampling.LANCZOS)
        image = ImageOps.autocontrast(image)
    except (OSError, ValueError, SyntaxError, EOFError):  # a damaged image found only while it is decoded
        raise OcrError("not an image that can be read (PNG, JPEG, TIFF, …)") from None
    if max(image.size) > TESSERACT_MAX_SIDE:
        raise OcrError(f"the image is wider or taller than Tesseract reads ({TESSERACT_MAX_SIDE:,} pixels)")
    try:
        try:
            osd = pytesseract.image_to_osd(image, config="--psm 0", timeout=MAX_OCR_SECONDS)
            match = re.search(r"Rotate: (\d+)", osd)
            if match and int(match.group(1)) % 360:
                image = image.rotate(-int(match.group(1)), expand=True, fillcolor=255)
        except pytesseract.TesseractError:
            pass  # too little text to tell the orientation: read it as it is
        text: str = pytesseract.image_to_string(image, lang="eng+spa", config="--psm 6", timeout=MAX_OCR_SECONDS)
    except pytesseract.TesseractNotFoundError:
        raise OcrError("OCR is not available (install Debian's tesseract-ocr)") from None
    except pytesseract.TesseractError as err:  # Tesseract refused the image; its own words may hold file paths
        raise OcrError(f"Tesseract could not read the image (exit status {err.status})") from None
    except RuntimeError:  # pytesseract's timeout
        raise OcrError(f"reading the image took longer than {limit_text('MAX_OCR_SECONDS')} seconds") from None
    return text
