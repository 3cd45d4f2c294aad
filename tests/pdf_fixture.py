"""Write a small PDF with a real text layer (Courier, one line per text row) for reader tests; no extra packages."""

from __future__ import annotations

from pathlib import Path


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_text_pdf(path: Path, text: str, lines_per_page: int = 60) -> Path:
    rows = text.splitlines()
    pages = [rows[i : i + lines_per_page] for i in range(0, len(rows), lines_per_page)] or [[]]
    objects: list[bytes] = []
    kids = []
    font_id = 3 + 2 * len(pages)
    for n, page in enumerate(pages):
        page_id, content_id = 3 + 2 * n, 4 + 2 * n
        kids.append(f"{page_id} 0 R")
        body = ["BT", "/F1 8 Tf", "10 TL", "20 770 Td"]
        body += [f"({_escape(line.encode('latin-1', 'replace').decode('latin-1'))}) Tj T*" for line in page]
        body.append("ET")
        stream = "\n".join(body).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    tree = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"
    all_objects = [catalog, tree, *objects, font]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(all_objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(all_objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(all_objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
