"""Shapes on a page: rectangles in PDF points and the matches a search finds.

Coordinates are PDF points with the origin at the page's bottom-left, as PDFium reports them.
"""

from __future__ import annotations

from dataclasses import dataclass

CharBox = tuple[float, float, float, float]  # (l, b, r, t)


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF points, origin bottom-left (x0 < x1, y0 < y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def as_list(self) -> list[float]:
        return [round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2)]

    def union(self, other: "Rect") -> "Rect":
        return Rect(
            min(self.x0, other.x0), min(self.y0, other.y0),
            max(self.x1, other.x1), max(self.y1, other.y1),
        )

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass(frozen=True)
class Hit:
    """One match of a search: page index, character span and the rectangles covering it."""

    index: int
    start: int
    end: int
    rects: tuple[Rect, ...]
