"""Where each page sits in the continuous view, and PDF point <-> view pixel mapping. Qt-light.

Document coordinates are logical pixels from the top-left of the whole scroll surface; PDF
coordinates are points with the origin at each page's bottom-left.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable, Sequence

# Logical pixels per point at 100 %: Qt's logical 96 dpi against PDF's 72 points an inch.
PX_PER_POINT = 96.0 / 72.0
PAGE_GAP = 14.0
MARGIN = 18.0
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0


def fit_zoom(fit: str, view_width: int, view_height: int, widest: float,
             tallest: float) -> float | None:
    """The zoom that fits pages at most ``widest`` × ``tallest`` points into a viewport of
    that size: ``fit`` is "width" or "page" (PageView.FIT_WIDTH, FIT_PAGE), else None."""
    if fit not in ("width", "page"):
        return None
    z = max(50, view_width - 2 * MARGIN) / (widest * PX_PER_POINT)
    if fit == "page":
        z = min(z, max(50, view_height - 2 * PAGE_GAP) / (tallest * PX_PER_POINT))
    return max(MIN_ZOOM, min(MAX_ZOOM, z))


@dataclass
class PageLayout:
    """The vertical stack of pages at one zoom, centred in a surface at least ``min_width`` wide."""

    sizes_pt: Sequence[tuple[float, float]]
    zoom: float
    min_width: float = 0.0
    # Clockwise display turn of each page (0/90/180/270); PDF coordinates arrive unturned.
    rotation_of: Callable[[int], int] = lambda _index: 0
    tops: list[float] = field(default_factory=list)
    lefts: list[float] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0

    def __post_init__(self) -> None:
        k, sizes = self.k, self.sizes_pt
        if sizes and sizes.count(sizes[0]) == len(sizes):
            # Every page alike (most papers, and any paper until its sizes are read): no
            # loop in Python, on the way to a paper's first page.
            w, h = sizes[0]
            self.width = max(w * k + 2 * MARGIN, self.min_width)
            step = h * k + PAGE_GAP
            self.tops = [MARGIN + i * step for i in range(len(sizes))]
            self.lefts = [(self.width - w * k) / 2] * len(sizes)
            self.height = MARGIN + len(sizes) * step - PAGE_GAP + MARGIN
            return
        widest = max((w for w, _h in sizes), default=0.0) * k
        self.width = max(widest + 2 * MARGIN, self.min_width)
        y = MARGIN
        for w, h in sizes:
            self.tops.append(y)
            self.lefts.append((self.width - w * k) / 2)
            y += h * k + PAGE_GAP
        self.height = y - PAGE_GAP + MARGIN if sizes else 0.0

    @property
    def k(self) -> float:
        """Logical pixels per PDF point."""
        return self.zoom * PX_PER_POINT

    def page_rect(self, index: int) -> tuple[float, float, float, float]:
        """(left, top, width, height) of page ``index`` in document pixels."""
        w, h = self.sizes_pt[index]
        return self.lefts[index], self.tops[index], w * self.k, h * self.k

    def page_at_y(self, y: float) -> int:
        """The page whose slot (page plus the gap below it) holds document y."""
        if not self.tops:
            return -1
        return max(0, bisect_right(self.tops, y) - 1)

    def pages_between(self, y0: float, y1: float) -> range:
        """Indices of pages that intersect the document band [y0, y1]."""
        if not self.tops:
            return range(0)
        first = self.page_at_y(y0)
        last = self.page_at_y(y1)
        return range(first, last + 1)

    def _turn(self, index: int, x: float, y: float) -> tuple[float, float]:
        """Unturned PDF point -> the same point on the page as displayed (origin bottom-left)."""
        rotation = self.rotation_of(index)
        if not rotation:
            return x, y
        w, h = self.sizes_pt[index]  # displayed size
        if rotation == 90:
            return y, h - x
        if rotation == 180:
            return w - x, h - y
        return w - y, x  # 270

    def _unturn(self, index: int, x: float, y: float) -> tuple[float, float]:
        """Displayed point -> unturned PDF point (the inverse of ``_turn``)."""
        rotation = self.rotation_of(index)
        if not rotation:
            return x, y
        w, h = self.sizes_pt[index]
        if rotation == 90:
            return h - y, x
        if rotation == 180:
            return w - x, h - y
        return y, w - x  # 270

    def display_to_doc(self, index: int, x: float, y: float) -> tuple[float, float]:
        """Point on the page as displayed (points, origin bottom-left) -> document pixel."""
        _w, h = self.sizes_pt[index]
        return self.lefts[index] + x * self.k, self.tops[index] + (h - y) * self.k

    def doc_to_display(self, index: int, x: float, y: float) -> tuple[float, float]:
        """Document pixel -> point on the page as displayed."""
        _w, h = self.sizes_pt[index]
        return (x - self.lefts[index]) / self.k, h - (y - self.tops[index]) / self.k

    def to_doc(self, index: int, x: float, y: float) -> tuple[float, float]:
        """PDF point on page ``index`` -> document pixel."""
        return self.display_to_doc(index, *self._turn(index, x, y))

    def rect_to_doc(self, index: int, rect: Sequence[float]) -> tuple[float, float, float, float]:
        """PDF rect [x0, y0, x1, y1] on page ``index`` -> (left, top, width, height) in pixels."""
        x0, y0, x1, y1 = rect
        ax, ay = self.to_doc(index, x0, y0)
        bx, by = self.to_doc(index, x1, y1)
        return min(ax, bx), min(ay, by), abs(bx - ax), abs(by - ay)

    def to_pdf(self, index: int, x: float, y: float) -> tuple[float, float]:
        """Document pixel -> PDF point on page ``index``."""
        return self._unturn(index, *self.doc_to_display(index, x, y))

    def hit_page(self, x: float, y: float) -> int:
        """The page under document pixel (x, y), or -1 in a gap or margin."""
        i = self.page_at_y(y)
        if i < 0:
            return -1
        left, top, w, h = self.page_rect(i)
        return i if left <= x <= left + w and top <= y <= top + h else -1
