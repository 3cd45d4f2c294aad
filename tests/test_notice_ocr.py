"""A photo or scan of a paper notice, read with Tesseract OCR and then the notice reader: images the test renders from
the sample LT11 (turned sideways, low resolution, blurred and grey like a phone photo), through the reader, the CLI
(`levynav notice photo.png`) and the web API."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from typer.testing import CliRunner

from levynav.cli.app import app as cli_app
from levynav.intake.notices import NoticeFileError, read_notice_file

if shutil.which("tesseract") is None:
    if os.environ.get("CI"):
        raise RuntimeError("tesseract is missing in CI (make system-deps installs tesseract-ocr)")
    pytest.skip("Debian's tesseract-ocr is not installed (make system-deps installs it)", allow_module_level=True)

LT11 = Path(__file__).parent.parent / "examples" / "notices" / "lt11.txt"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def photo(rotate: int, scale: float) -> bytes:
    """The first page of the sample notice as a phone might photograph it: grey paper, a little blur, turned."""
    lines = LT11.read_text(encoding="utf-8").splitlines()[:40]
    font = ImageFont.truetype(FONT, 22)
    page = Image.new("L", (1300, 40 + 30 * len(lines)), color=235)
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((40, 20 + 30 * i), line, fill=40, font=font)
    page = page.filter(ImageFilter.GaussianBlur(0.8)).rotate(rotate, expand=True, fillcolor=235)
    page = page.resize((round(page.width * scale), round(page.height * scale)))
    out = io.BytesIO()
    page.save(out, format="JPEG", quality=70)
    return out.getvalue()


def test_a_sideways_low_resolution_photo_reads_like_the_text(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(photo(rotate=90, scale=0.6))
    read = read_notice_file(path)
    text = read_notice_file(LT11)
    assert read.type == text.type and read.type is not None and read.type.value == "LT11"
    assert read.notice_date is not None and text.notice_date is not None
    assert read.notice_date.value == text.notice_date.value
    assert read.amount_due is not None and text.amount_due is not None
    assert read.amount_due.amount == text.amount_due.amount


def test_the_cli_reads_a_photo(tmp_path: Path) -> None:
    path = tmp_path / "notice.png"
    Image.open(io.BytesIO(photo(rotate=0, scale=0.8))).save(path)
    out = CliRunner().invoke(cli_app, ["notice", str(path), "--as-of", "2025-06-10", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["notice"]["type"] == "LT11"


def test_a_file_that_is_not_an_image_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff not really a jpeg")
    with pytest.raises(NoticeFileError, match="not an image"):
        read_notice_file(path)
    out = CliRunner().invoke(cli_app, ["notice", str(path)])
    assert out.exit_code == 2 and "Traceback" not in out.output


def test_the_web_upload_reads_a_photo_for_the_person_to_confirm(tmp_path: Path) -> None:
    from datetime import date

    from fastapi.testclient import TestClient

    from levynav.web import Settings, create_app

    app = create_app(Settings(data_dir=tmp_path / "data", as_of=date(2025, 6, 10)))
    with TestClient(app, follow_redirects=False) as client:
        from tests.web.conftest import with_token

        form = with_token(client, {"code": ""})
        r = client.post("/upload", files={"file": ("photo.jpg", photo(rotate=0, scale=0.7))}, data=form)
        assert r.status_code == 200
        assert 'name="payload"' in r.text and "LT11" in r.text  # shown before anything is saved
        api = client.post("/api/v1/intake/notice", files={"file": ("photo.jpg", b"\xff\xd8\xff broken")})
        assert api.status_code == 422 and api.json()["problems"][0]["field"] == "file"
