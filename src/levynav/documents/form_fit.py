"""Whether a value fits its box on an official fillable form, and what is done when it does not.

The IRS forms' text boxes are fixed in size with a fixed font size (433-F: Times 9 pt; 433-A (OIC) and 656: Arial
10 pt) and "do not scroll": a viewer draws what fits and drops the rest without a mark. A name and address of a few
hundred characters (a trust, a long street, a care-of line) came out cut off on the printed form, and nothing said
so. Each value is now measured with the form's own font widths (the ``/Widths`` of its AcroForm fonts):

- it fits at the box's size: written as it is;
- it fits at a smaller size, down to ``MIN_FONT_SIZE``: written whole, at that size (the box's own ``/DA``);
- it fits at no readable size: the box says where it is written in full ("See continuation sheet, item 1") and the
  form gets a continuation sheet after its last page, naming each such box and holding its value whole.

Nothing a person wrote is dropped. A box with a character limit of its own (``/MaxLen``, ``max_length`` in the field
list) is not measured here: ``forms_fill.values_for`` reports a value past it as a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MIN_FONT_SIZE = 6.0  # the smallest size a value is shrunk to (a form's own fine print is 7 pt)
_STEP = 0.5
_PADDING = 2.0  # each side, as viewers inset a box's text (its border and padding)
_LINE_HEIGHT = 1.16  # a line of a multi-line box, in font sizes (the font's ascent to descent plus leading)
_MULTILINE = 1 << 12
_UNKNOWN_WIDTH = 1000  # a character the font's table does not hold: counted as wide as a character can be
_SIZE = re.compile(r"(/[^\s/]+)\s+([\d.]+)\s+Tf")


@dataclass(frozen=True)
class Box:
    """A text box's place and type: its width and height in points, its font's widths, its size, multi-line."""

    width: float
    height: float
    widths: dict[str, int]
    size: float
    multiline: bool


def font_widths(font: Any) -> dict[str, int]:
    """A simple font's character widths (thousandths of its size) from its ``/Widths``, by character (WinAnsi, the
    encoding of the forms' fonts). A font without widths gives none: every character is then counted widest."""
    widths = font.get("/Widths")
    if widths is None:
        return {}
    first = int(font.get("/FirstChar", 0))
    out: dict[str, int] = {}
    for index, width in enumerate(widths):
        code = first + index
        try:
            char = bytes([code]).decode("cp1252")
        except (UnicodeDecodeError, ValueError):
            continue
        out[char] = int(float(width))
    return out


def box_of(widget: Any, fonts: Any, default_da: str) -> Box | None:
    """The box of a text widget, or None when its font or size cannot be read (it is then written as it is)."""
    parent = widget["/Parent"].get_object() if "/Parent" in widget else {}
    da = str(widget.get("/DA") or parent.get("/DA") or default_da)
    found = _SIZE.search(da)
    if found is None or "/Rect" not in widget:
        return None
    size = float(found.group(2))
    if size <= 0:  # "auto": the viewer shrinks it to fit itself
        return None
    font = fonts.get(found.group(1)) if fonts is not None else None
    widths = font_widths(font.get_object()) if font is not None else {}
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    flags = int(widget.get("/Ff", parent.get("/Ff", 0)))
    return Box(abs(x1 - x0), abs(y1 - y0), widths, size, bool(flags & _MULTILINE))


def text_width(text: str, widths: dict[str, int], size: float) -> float:
    return sum(widths.get(char, _UNKNOWN_WIDTH) for char in text) * size / 1000


def fits(text: str, box: Box, size: float) -> bool:
    """Whether ``text`` is drawn whole in ``box`` at ``size``: one line within its width, or (multi-line) its lines,
    wrapped at spaces (a word wider than the box at any character), within its height."""
    room = box.width - 2 * _PADDING
    if not box.multiline:
        return "\n" not in text and text_width(text, box.widths, size) <= room
    lines = 0
    allowed = max(0, int((box.height - 2 * _PADDING) // (size * _LINE_HEIGHT)))
    for paragraph in text.split("\n"):
        lines += _lines_of(paragraph, box.widths, size, room)
        if lines > allowed:
            return False
    return True


def _lines_of(paragraph: str, widths: dict[str, int], size: float, room: float) -> int:
    space = text_width(" ", widths, size)
    lines, used = 1, 0.0
    for word in paragraph.split(" "):
        width = text_width(word, widths, size)
        if used and used + space + width <= room:
            used += space + width
            continue
        if used:
            lines += 1
        if width <= room:
            used = width
            continue
        used = 0.0  # a word wider than the box: broken at a character, as viewers do
        for char in word:
            step = text_width(char, widths, size)
            if used + step > room and used:
                lines += 1
                used = 0.0
            used += step
    return lines


def size_for(text: str, box: Box) -> float | None:
    """The largest size, from the box's own down to ``MIN_FONT_SIZE``, at which ``text`` fits; None if none."""
    size = box.size
    while size >= MIN_FONT_SIZE:
        if fits(text, box, size):
            return size
        size -= _STEP
    return None


def with_size(da: str, size: float) -> str:
    """A ``/DA`` string with its font size replaced."""
    return _SIZE.sub(lambda m: f"{m.group(1)} {size:.2f} Tf", da, count=1)
