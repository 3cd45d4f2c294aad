"""How a message names a field: ``levies[0].served_date``, with a key that is not a plain name quoted.

A key comes from the file, so it may be anything: empty, a control character, a right-to-left override, a
100,000-character line. A plain name (letters, digits, ``_`` and ``-``, not longer than a line) is shown as it is;
any other key is shown quoted and escaped to ASCII (``taxpayer.''``, ``taxpayer.'\\u202ex'``), and a long one is
cut, with its length, so that a message is always one readable line that cannot drive the terminal.
"""

from __future__ import annotations

import re

PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,59}")
SHOWN_KEY_CHARS = 40  # a longer key that is not plain is cut here


def key_text(key: str) -> str:
    """A mapping key as a message shows it."""
    if PLAIN_KEY.fullmatch(key):
        return key
    if len(key) <= SHOWN_KEY_CHARS:
        return ascii(key)
    return f"{key[:SHOWN_KEY_CHARS]!a}… ({len(key):,} characters)"


def field_path(loc: tuple[int | str, ...]) -> str:
    """``('levies', 0, 'served_date')`` -> ``levies[0].served_date``; the whole case is ``(case)``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + key_text(str(part))
    return out or "(case)"
