"""What the side-by-side view colours on each page: deleted words red on the old page,
inserted words green on the new one, changed words amber on both (the annotation palette's
colours, light enough to multiply over print)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from mopac_desk.annotations.model import PALETTE
from mopac_desk.compare import Comparison

#: kind of change -> colour name in the palette
KIND_COLOURS = {"delete": "red", "insert": "green", "replace": "orange", "renumber": "blue",
                "format": "purple"}
MARK_ALPHA = 110  # over a white page, multiplied: the text stays black and legible
CURRENT_ALPHA = 200
LAYER = "compare"  # the page views' highlight layer of the changes


def kind_colour(kind: str, alpha: int = MARK_ALPHA) -> QColor:
    """The colour of a change of ``kind`` (a palette colour at ``alpha``)."""
    colour = QColor(PALETTE[KIND_COLOURS.get(kind, "orange")])
    colour.setAlpha(alpha)
    return colour


def side_marks(comparison: Comparison, side: str,
               current: int = -1) -> list[tuple[int, list, QColor, int]]:
    """Highlight items ``(page_index, rects, colour, change index)`` for every change standing
    on ``side`` ("old" or "new"), the ``current`` change darker."""
    out = []
    for k, change in enumerate(comparison.changes):
        s = change.old if side == "old" else change.new
        if s is None:
            continue
        colour = kind_colour(change.kind, CURRENT_ALPHA if k == current else MARK_ALPHA)
        for page, rects in s.spans:
            if rects:
                out.append((page - 1, rects, colour, k))
    return out
