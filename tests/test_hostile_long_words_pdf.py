"""A long run of text with no place to break a line (a name of 20,000 letters without a space, within MAX_TEXT_CHARS)
took the packet 145 s: WeasyPrint breaks such a run by trying ever shorter pieces of it, in time that grows with the
square of its length. ``documents.pdf.breakable`` puts a zero-width space every 10 characters of a run of 1,000 or
more, in the text only (never in a tag, a style, a script or a web address)."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from levynav.documents.pdf import BREAK_EVERY, LONG_RUN, breakable, html_to_pdf, pdf_text

ZWSP = "\u200b"


def test_a_long_word_renders_in_linear_time() -> None:
    html_to_pdf("<p>warm up</p>")
    started = time.monotonic()
    pdf = html_to_pdf(f"<p>Name: <strong>{'A' * 40_000}</strong>, 1 Example St.</p>")
    assert time.monotonic() - started < 10  # was about 28 s on this machine
    assert "1 Example St." in " ".join(pdf_text(pdf).split())  # nothing dropped after the word


def test_only_the_text_gets_breaks() -> None:
    word = "B" * 2 * LONG_RUN
    url = "https://www.irs.gov/" + "c" * LONG_RUN
    html = (
        f"<html><head><style>.x{{background:url(data:image/png;base64,{'Q' * 200})}}</style></head>"
        f'<body><a href="{url}" title="{word}">{url}</a><p class="{word}">{word}</p></body></html>'
    )
    out = breakable(html)
    assert out.replace(ZWSP, "") == html
    assert out.count(ZWSP) == len(word) // BREAK_EVERY - 1  # the paragraph's word only
    assert f'title="{word}"' in out and f'class="{word}"' in out and f">{url}</a>" in out


@settings(deadline=None, max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=50), st.integers(0, 3000).map("x".__mul__)
        ),
        max_size=6,
    ).map("".join)
)
def test_no_long_run_is_left_and_nothing_else_changes(text: str) -> None:
    html = f"<p>{text.replace('<', ' ').replace('>', ' ')}</p>"
    out = breakable(html)
    assert out.replace(ZWSP, "") == html.replace(ZWSP, "")
    for run in re.findall(r"[^\s<>&]+", out.replace(ZWSP, " ")):
        assert len(run) < LONG_RUN or "://" in run or run.lower().startswith("www.")
