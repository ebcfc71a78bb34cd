"""Where the review panel's items stand on the page, as highlight layers for the page view:
every item of the section shown faint, the current one strong."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QPalette

from .sections import CHECKS, COSTS, FIELDS, RECOMMENDATIONS

HIGHLIGHT_KEY = "review"
Key = tuple[str, Any]


def locations(detail: dict[str, Any] | None, section: int) -> list[tuple[Key, int, list]]:
    """(key, 1-based page, rects) of every item of ``section`` that stands on a page."""
    if detail is None:
        return []
    if section == FIELDS:
        items = [(("field", n), f) for n, f in detail["fields"].items()]
    elif section == RECOMMENDATIONS:
        items = [(("recommendation", r["id"]), r) for r in detail["recommendations"]]
    elif section == COSTS:
        items = [(("cost", c["id"]), c) for c in detail["costs"]]
    elif section == CHECKS:
        items = [(("finding", f["id"]), f) for f in detail["findings"]]
    else:
        items = []
    return [(key, row["page"], row.get("rects") or []) for key, row in items if row.get("page")]


def colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(strong, faint) from the palette's highlight, so dark mode and high contrast follow."""
    base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    strong, faint = QColor(base), QColor(base)
    strong.setAlpha(210)
    faint.setAlpha(40)
    return strong, faint


def layer(detail: dict[str, Any] | None, section: int, current: Key | None,
          palette: QPalette) -> tuple[list[tuple], tuple[int, list] | None]:
    """The page view's highlight items for ``section`` (0-based page, rects, colour, key),
    the current item last so it paints on top; and where the current item stands
    (1-based page, rects), or None."""
    strong, faint = colours(palette)
    items, chosen = [], None
    for key, page, rects in locations(detail, section):
        if key == current:
            chosen = (page, rects)
        elif rects:
            items.append((page - 1, rects, faint, key))
    if chosen is not None and chosen[1]:
        items.append((chosen[0] - 1, chosen[1], strong, current))
    return items, chosen
