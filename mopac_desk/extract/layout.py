"""Text lines with boxes, running header/footer removal, and paper/part segmentation."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import RectList

CharBox = tuple[float, float, float, float]  # (x0, y0, x1, y1), PDF points, origin bottom-left


@dataclass
class Line:
    """One visual line of a page.

    ``boxes[i]`` is the box of ``text[i]`` (spaces that PDFium generated get a box squeezed
    between their neighbours), so any substring maps to rectangles with :meth:`rects_for`.
    """

    page: int  # 1-based
    text: str
    boxes: list[CharBox] = field(repr=False)
    x0: float = 0.0
    y0: float = 0.0  # bottom of the line
    x1: float = 0.0
    y1: float = 0.0  # top of the line
    font_size: float = 0.0
    running: bool = False  # a running header or footer repeated across pages

    @property
    def rect(self) -> list[float]:
        return [round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2)]

    def rects_for(self, start: int, end: int) -> RectList:
        """Rectangles covering ``text[start:end]`` (one, since a line is one row)."""
        xs0, ys0, xs1, ys1 = [], [], [], []
        for x0, y0, x1, y1 in self.boxes[max(0, start):min(end, len(self.boxes))]:
            if x1 <= x0 and y1 <= y0:
                continue
            xs0.append(x0); ys0.append(y0); xs1.append(x1); ys1.append(y1)
        if not xs0:
            return []
        return [[round(min(xs0), 2), round(min(ys0), 2), round(max(xs1), 2), round(max(ys1), 2)]]
