"""What the page view paints over the pages: named highlight layers (the review panel's items,
for example), find hits and the current hit. Kept here, painted page by page; the view
decides where a PDF rectangle lands on screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

from mopac_desk.pdf import Hit, Rect

FIND_COLOR = QColor(255, 226, 80, 150)
FIND_CURRENT_COLOR = QColor(255, 140, 0, 190)
SELECTION_COLOR = QColor(51, 120, 215, 90)

RectTuple = tuple[float, float, float, float]
#: (page index, PDF rect) -> (left, top, width, height) in document pixels
ToDoc = Callable[[int, RectTuple], tuple[float, float, float, float]]
#: (painter, page index, to_doc) -> None: draws a feature's own marks over a page
Painter = Callable[[QPainter, int, ToDoc], None]


@dataclass(frozen=True)
class Highlight:
    """One highlighted item: rectangles on a page, a colour, and what it stands for."""

    page: int
    rects: tuple[RectTuple, ...]
    color: QColor
    payload: Any = None


def as_rect(rect: Sequence[float] | Rect) -> RectTuple:
    """``(x0, y0, x1, y1)`` from a ``Rect`` or any four numbers."""
    if isinstance(rect, Rect):
        return (rect.x0, rect.y0, rect.x1, rect.y1)
    x0, y0, x1, y1 = rect
    return (float(x0), float(y0), float(x1), float(y1))


class Overlays:
    """Highlight layers by key, and the find hits with the current one."""

    def __init__(self) -> None:
        self._layers: dict[str, list[Highlight]] = {}
        self.find_hits: list[Hit] = []
        self._find_by_page: dict[int, list[int]] = {}
        self.find_current = -1
        # Features that draw their own marks (the annotations); kept across papers.
        self._painters: list[Painter] = []

    def clear(self) -> None:
        """Forget everything (another paper is shown)."""
        self._layers.clear()
        self.set_find_results([])

    # ===== highlight layers ==================================================================
    def set_layer(self, key: str, items: Iterable[Sequence[Any]]) -> None:
        """Replace layer ``key``: items ``(page_index, rects, QColor[, payload])`` (payload
        defaults to the item's position); no items removes the layer."""
        layer = []
        for n, item in enumerate(items):
            page, rects, color = item[0], item[1], item[2]
            payload = item[3] if len(item) > 3 else n
            layer.append(Highlight(int(page), tuple(as_rect(r) for r in rects), QColor(color),
                                   payload))
        if layer:
            self._layers[key] = layer
        else:
            self._layers.pop(key, None)

    def keys(self) -> list[str]:
        """The keys of the layers shown, oldest first."""
        return list(self._layers)

    def layer(self, key: str) -> list[Highlight]:
        """The items of layer ``key`` (empty when there is none)."""
        return list(self._layers.get(key, []))

    def has_layers(self) -> bool:
        """Any highlight layer is shown."""
        return bool(self._layers)

    def hit_at(self, page: int, x: float, y: float) -> tuple[str, Any] | None:
        """(layer key, payload) of the topmost highlight under PDF point (x, y) of ``page``."""
        for key in reversed(list(self._layers)):
            for item in self._layers[key]:
                if item.page == page and any(
                    r[0] <= x <= r[2] and r[1] <= y <= r[3] for r in item.rects
                ):
                    return key, item.payload
        return None

    # ===== find hits =========================================================================
    def set_find_results(self, hits: Sequence[Hit]) -> None:
        """Show every hit; none is current."""
        self.find_hits = list(hits)
        self._find_by_page = {}
        for n, hit in enumerate(self.find_hits):
            self._find_by_page.setdefault(hit.index, []).append(n)
        self.find_current = -1

    def set_current_find(self, n: int) -> Hit | None:
        """Make hit ``n`` current; returns it (None when there is no such hit)."""
        if not 0 <= n < len(self.find_hits):
            return None
        self.find_current = n
        return self.find_hits[n]

    # ===== painters of other features ======================================================
    def add_painter(self, painter: Painter) -> None:
        """Call ``painter`` for every page painted, after the highlights and find hits and
        before the text selection (the annotations draw themselves this way)."""
        self._painters.append(painter)

    # ===== painting ==========================================================================
    def paint(self, painter: QPainter, page: int, to_doc: ToDoc,
              selection: Iterable[Sequence[float] | Rect] = ()) -> None:
        """Paint ``page``'s highlights and find hits (multiplied over the page, so the
        print stays legible) and then the text selection."""
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for layer in self._layers.values():
            for item in layer:
                if item.page == page:
                    _fill(painter, page, item.rects, item.color, to_doc)
        for n in self._find_by_page.get(page, ()):
            color = FIND_CURRENT_COLOR if n == self.find_current else FIND_COLOR
            _fill(painter, page, self.find_hits[n].rects, color, to_doc)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        for paint in self._painters:
            painter.save()
            paint(painter, page, to_doc)
            painter.restore()
        _fill(painter, page, selection, SELECTION_COLOR, to_doc, pad=0.5)


def _fill(painter: QPainter, page: int, rects: Iterable[Sequence[float] | Rect], color: QColor,
          to_doc: ToDoc, pad: float = 1.0) -> None:
    for r in rects:
        left, top, w, h = to_doc(page, as_rect(r))
        painter.fillRect(QRectF(left - pad, top - pad, w + 2 * pad, h + 2 * pad), color)
