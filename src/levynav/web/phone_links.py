"""A U.S. phone number in a line a person reads ("Call: IRS: 1-800-829-1040 …", "Contact: IRS at 215-555-0199") made
a link that calls it when tapped on a phone (``tel:``), the rest of the line escaped as usual."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# 1-800-829-1040, 800-829-1040, (800) 829-1040: ten digits of a U.S. number, not part of a longer run of digits
PHONE = re.compile(r"(?<![\d-])(?:1-)?(?:\(\d{3}\) |\d{3}-)\d{3}-\d{4}(?![\d-])")


def linked(text: object) -> Markup:
    escaped = str(escape(text))  # digits, hyphens, parentheses and spaces are kept as they are by escaping
    out, last = [], 0
    for m in PHONE.finditer(escaped):
        digits = re.sub(r"\D", "", m.group(0))
        number = digits if len(digits) == 11 else "1" + digits
        out += [escaped[last : m.start()], f'<a class="usa-link" href="tel:+{number}">{m.group(0)}</a>']
        last = m.end()
    out.append(escaped[last:])
    return Markup("".join(out))  # escaped above: only the link tags are added
