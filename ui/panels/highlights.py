"""Where the review panel's items stand on the page, as highlight layers for the page view:
every item of the section shown faint, the current one strong."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QPalette

from mopac_desk.register import PaperDetail

from .sections import CHECKS, COSTS, FIELDS, RECOMMENDATIONS

HIGHLIGHT_KEY = "review"
Key = tuple[str, Any]


def locations(detail: PaperDetail | None, section: int) -> list[tuple[Key, int, list]]:
    """(key, 1-based page, rects) of every item of ``section`` that stands on a page."""
    if detail is None:
        return []
    items: list[tuple[Key, int | None, list]]
    if section == FIELDS:
        items = [(("field", n), f.page, f.rects) for n, f in detail.fields.items()]
    elif section == RECOMMENDATIONS:
        items = [(("recommendation", r.id), r.page, r.rects) for r in detail.recommendations]
    elif section == COSTS:
        items = [(("cost", c.id), c.page, c.rects) for c in detail.costs]
    elif section == CHECKS:
        items = [(("finding", f.id), f.page, f.rects) for f in detail.findings]
    else:
        items = []
    return [(key, page, list(rects)) for key, page, rects in items if page]


def colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(strong, faint) from the palette's highlight, so dark mode and high contrast follow."""
    base = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    strong, faint = QColor(base), QColor(base)
    strong.setAlpha(210)
    faint.setAlpha(40)
    return strong, faint


def figure_places(detail: PaperDetail | None,
                  figure: tuple[str, int] | None) -> list[tuple[int, list]] | None:
    """(1-based page, rects) of every place the paper states money figure (kind, index) of
    its summary; None when there is no such figure."""
    if figure is None or detail is None:
        return None
    kind, index = figure
    figures = detail.money.sources.get(kind) or []
    if not 0 <= index < len(figures):
        return None
    return [(p.page, p.rects) for p in figures[index].places if p.page]


def layer(detail: PaperDetail | None, section: int, current: Key | None,
          palette: QPalette, places: list[tuple[int, list]] | None = None,
          places_key: Any = None) -> tuple[list[tuple], tuple[int, list] | None]:
    """The page view's highlight items for ``section`` (0-based page, rects, colour, key),
    the current item last so it paints on top; and where the current item stands
    (1-based page, rects), or None. ``places`` (a money figure's): all strong, in place of a
    current item; the first is where it stands."""
    strong, faint = colours(palette)
    items, chosen = [], None
    for key, page, rects in locations(detail, section):
        if key == current and places is None:
            chosen = (page, rects)
        elif rects:
            items.append((page - 1, rects, faint, key))
    if places:
        items.extend((page - 1, rects, strong, places_key) for page, rects in places if rects)
        chosen = next(((page, rects) for page, rects in places if rects), places[0])
    elif chosen is not None and chosen[1]:
        items.append((chosen[0] - 1, chosen[1], strong, current))
    return items, chosen
