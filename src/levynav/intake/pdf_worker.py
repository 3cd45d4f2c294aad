"""The text layer of a PDF, read in a process of its own: ``python -m levynav.intake.pdf_worker LAYOUT MAX_PAGES``.

A PDF a few hundred kilobytes long can cost a reader minutes and gigabytes: a content stream that inflates to
hundreds of megabytes, hundreds of pages of dense text (pdfminer lays out every glyph). The parent
(``input_text.pdf_pages``) gives this process the file's bytes on stdin, a time limit (it is killed past
MAX_PDF_SECONDS) and a memory limit (RLIMIT_AS here, MAX_PDF_MEMORY_BYTES), and reads one JSON answer on stdout:
``{"pages": [...]}`` or ``{"error": "..."}`` (a kind, never the file's text). Nothing else is written.
"""

from __future__ import annotations

import io
import json
import sys


def read_pages(raw: bytes, layout: bool, max_pages: int) -> dict[str, object]:
    import pdfplumber

    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            if len(pdf.pages) > max_pages:
                return {"error": "pages"}
            for page in pdf.pages:
                text = (page.extract_text(layout=True) if layout else page.extract_text()) or ""
                pages.append(text)
                page.close()  # drop the page's layout: memory stays that of one page
    except MemoryError:
        return {"error": "memory"}
    except Exception as exc:  # pdfminer raises many kinds of errors on a damaged file (pdfplumber wraps them)
        if _ran_out_of_memory(exc):
            return {"error": "memory"}
        return {"error": "unreadable", "kind": exc.__class__.__name__}
    return {"pages": pages}


def _ran_out_of_memory(exc: BaseException) -> bool:
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, MemoryError):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def main() -> None:
    layout, max_pages, memory = sys.argv[1] == "1", int(sys.argv[2]), int(sys.argv[3])
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on this platform: the time limit still holds
        pass
    raw = sys.stdin.buffer.read()
    try:
        answer = read_pages(raw, layout, max_pages)
        out = json.dumps(answer, ensure_ascii=True)
    except MemoryError:
        out = json.dumps({"error": "memory"})
    sys.stdout.write(out)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
