"""Choosing characters under the mouse and turning a character span into clipboard text."""

from __future__ import annotations

import re

from mopac_desk.pdf import PageText

_WORD = re.compile(r"[\w£$€%.,'’\-/&]+")


def nearest_char(pt: PageText, x: float, y: float) -> int | None:
    """Index of the character nearest PDF point (x, y): the nearest line first, then along it.

    Dragging through the white space between lines or beyond a line end must still pick a
    sensible character, so this never gives up the way an exact hit test would.
    """
    best: int | None = None
    best_key = (float("inf"), float("inf"))
    for i, (l, b, r, t) in enumerate(pt.boxes):
        if r <= l and t <= b:
            continue
        dy = 0.0 if b <= y <= t else min(abs(y - b), abs(y - t))
        dx = 0.0 if l <= x <= r else min(abs(x - l), abs(x - r))
        key = (round(dy, 1), dx)
        if key < best_key:
            best, best_key = i, key
            if key == (0.0, 0.0):
                break
    if best is None:
        return None
    # Past the right half of a character the caret sits after it.
    l, _b, r, _t = pt.boxes[best]
    return best + 1 if x > (l + r) / 2 else best


def word_span(pt: PageText, index: int) -> tuple[int, int]:
    """The span of the word holding character ``index`` (for double-click selection)."""
    for m in _WORD.finditer(pt.text):
        if m.start() <= index < m.end():
            return m.start(), m.end()
    return index, min(index + 1, len(pt.text))


def span_text(pt: PageText, start: int, end: int) -> str:
    """``text[start:end]`` with PDFium's ``\\r\\n`` line breaks as plain newlines."""
    return pt.text[start:end].replace("\r\n", "\n").replace("\r", "\n")
