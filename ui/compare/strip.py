"""The change marker strip beside a page view's scrollbar: one tick per change where it
stands down the whole paper (Draftable's gutter), the part on screen shaded; a click goes to
the change nearest the click."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ..viewer import PageView
from .marks import CURRENT_ALPHA, kind_colour

STRIP_WIDTH = 12
TRACK = QColor(0x4a, 0x50, 0x58)
SHOWN = QColor(255, 255, 255, 45)


class MarkerStrip(QWidget):
    """Ticks for ``(change index, kind, 1-based page, y)`` places on ``view``'s paper."""

    change_clicked = Signal(int)

    def __init__(self, view: PageView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeStrip")
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Where the changes are: click a mark to go to it")
        self._view = view
        self._places: list[tuple[int, str, int, float]] = []
        self.current = -1
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.update())
        view.verticalScrollBar().rangeChanged.connect(lambda _a, _b: self.update())

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 100)

    def set_places(self, places: list[tuple[int, str, int, float]]) -> None:
        self._places = list(places)
        self.update()

    def fractions(self) -> list[tuple[int, float]]:
        """``(change index, 0..1 down the paper)`` of every tick, as drawn."""
        bar = self._view.verticalScrollBar()
        total = bar.maximum() + self._view.viewport().height()
        if total <= 0 or self._view.document() is None:
            return []
        out = []
        for k, _kind, page, y in self._places:
            doc_y = self._view.map_from_pdf(page - 1, 0.0, y).y() + bar.value()
            out.append((k, min(1.0, max(0.0, doc_y / total))))
        return out

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), TRACK)
        h = self.height()
        bar = self._view.verticalScrollBar()
        total = bar.maximum() + self._view.viewport().height()
        if total > 0:
            top = bar.value() / total * h
            painter.fillRect(QRectF(0, top, self.width(),
                                    max(2.0, self._view.viewport().height() / total * h)), SHOWN)
        kinds = {k: kind for k, kind, _p, _y in self._places}
        for k, frac in self.fractions():
            colour = kind_colour(kinds[k], 255)
            tall = 4.0 if k == self.current else 2.0
            if k == self.current:
                colour.setAlpha(CURRENT_ALPHA + 55)
            painter.fillRect(QRectF(1, frac * h - tall / 2, self.width() - 2, tall), colour)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        ticks = self.fractions()
        if not ticks or self.height() <= 0:
            return
        at = event.position().y() / self.height()
        k, _f = min(ticks, key=lambda t: abs(t[1] - at))
        self.change_clicked.emit(k)
