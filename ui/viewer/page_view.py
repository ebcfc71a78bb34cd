"""PageView: every page of a paper in one continuous vertical scroll, painted by hand.

Only pages near the viewport are rendered (off the GUI thread, see ``RenderService``); the
others are grey placeholders. On top of each page it paints named highlight layers, find hits
and the mouse selection. All public coordinates are PDF points, origin bottom-left.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QMenu, QWidget

from mopac_desk.pdf import Hit, PageText, PaperDocument, PaperError

from .geometry import PAGE_GAP, PageLayout
from .render_service import RenderService
from .text_pick import nearest_char, span_text, word_span

MIN_ZOOM, MAX_ZOOM = 0.25, 6.0
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0,
              4.0, 5.0, 6.0)

FIND_COLOR = QColor(255, 226, 80, 150)
FIND_CURRENT_COLOR = QColor(255, 140, 0, 190)
SELECTION_COLOR = QColor(51, 120, 215, 90)
TEXT_CACHE_PAGES = 24
BACKGROUND = QColor(0x5f, 0x66, 0x70)
PLACEHOLDER = QColor(0xe4, 0xe6, 0xea)
SHADOW = QColor(0x3c, 0x41, 0x48)


@dataclass(frozen=True)
class Highlight:
    """One highlighted item: rectangles on a page, a colour, and what it stands for."""

    page: int
    rects: tuple[tuple[float, float, float, float], ...]
    color: QColor
    payload: Any = None


def _as_tuple(rect: Any) -> tuple[float, float, float, float]:
    if hasattr(rect, "x0"):
        return (rect.x0, rect.y0, rect.x1, rect.y1)
    x0, y0, x1, y1 = rect
    return (float(x0), float(y0), float(x1), float(y1))


class PageView(QAbstractScrollArea):
    """The continuous page view. Zoom 1.0 shows a page at its printed size."""

    current_page_changed = Signal(int)  # 0-based page index
    zoom_changed = Signal(float)
    selection_changed = Signal(str)
    highlight_clicked = Signal(str, object)  # layer key, the item's payload
    context_menu_requested = Signal(QMenu, int, float, float)  # menu, page (-1), PDF x, y
    document_changed = Signal()

    FIT_NONE, FIT_WIDTH, FIT_PAGE = "none", "width", "page"

    #: Shown when no paper is open.
    empty_text = "Open a paper with File › Open (Ctrl+O), or drop a PDF here."

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.viewport().setAutoFillBackground(False)
        self.viewport().setMouseTracking(True)  # for the hand cursor over highlights
        self._doc: PaperDocument | None = None
        self._zoom = 1.0
        self._fit = self.FIT_WIDTH
        self._layout = PageLayout((), 1.0)
        self._renders = RenderService(parent=self)
        self._renders.page_ready.connect(self._on_page_ready)
        self._current = -1
        self._texts: "OrderedDict[int, PageText]" = OrderedDict()
        self._layers: dict[str, list[Highlight]] = {}
        self._find_hits: list[Hit] = []
        self._find_by_page: dict[int, list[int]] = {}
        self._find_current = -1
        # Selection ends as (page, char index); the anchor is where the drag began.
        self._sel_anchor: tuple[int, int] | None = None
        self._sel_cursor: tuple[int, int] = (0, 0)
        self._dragging = False
        self._extra_actions: list[QAction] = []
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().setSingleStep(40)
        # While a drag-selection is held outside the viewport, keep scrolling towards it.
        self._autoscroll = QTimer(self, interval=30)
        self._autoscroll.timeout.connect(self._autoscroll_step)
        self._drag_pos = QPointF()
        # Coalesces bursts of resize events into one relayout.
        self._relayout_timer = QTimer(self, singleShot=True, interval=0)
        self._relayout_timer.timeout.connect(self._apply_fit)

    # ===== document ==========================================================================
    def set_document(self, doc: PaperDocument | None) -> None:
        """Show ``doc`` (or nothing) from its first page; the caller keeps ownership of it."""
        self._doc = doc
        self._renders.set_document(doc)
        self._texts.clear()
        self._layers.clear()
        self._find_hits, self._find_by_page, self._find_current = [], {}, -1
        self._sel_anchor = None
        self._current = -1
        self._relayout(self._zoom)
        self._apply_fit()
        self.verticalScrollBar().setValue(0)
        self._request_renders()  # start page 1 now, before anyone reacts to the new paper
        self._update_current()
        self.viewport().update()
        self.document_changed.emit()

    def document(self) -> PaperDocument | None:
        return self._doc

    @property
    def page_count(self) -> int:
        return self._doc.page_count if self._doc else 0

    @property
    def render_service(self) -> RenderService:
        return self._renders

    # ===== zoom =============================================================================
    def zoom(self) -> float:
        return self._zoom

    def fit_mode(self) -> str:
        return self._fit

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom`` (1.0 = actual size) keeping the point under ``anchor`` (viewport
        pixels; default the top-left) over the same spot of the same page."""
        self._fit = self.FIT_NONE
        self._zoom_to(zoom, anchor)

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 1e-3), MAX_ZOOM))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom - 1e-3), MIN_ZOOM))

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit_width(self) -> None:
        self._fit = self.FIT_WIDTH
        self._apply_fit()

    def fit_page(self) -> None:
        self._fit = self.FIT_PAGE
        self._apply_fit()

    def _fit_zoom(self) -> float | None:
        if not self._doc or self._fit == self.FIT_NONE:
            return None
        from .geometry import MARGIN, PX_PER_POINT

        vw = max(50, self.viewport().width() - 2 * MARGIN)
        vh = max(50, self.viewport().height() - 2 * PAGE_GAP)
        widest = max(w for w, _h in self._doc.page_sizes)
        z = vw / (widest * PX_PER_POINT)
        if self._fit == self.FIT_PAGE:
            tallest = max(h for _w, h in self._doc.page_sizes)
            z = min(z, vh / (tallest * PX_PER_POINT))
        return z

    def _apply_fit(self) -> None:
        z = self._fit_zoom()
        if z is not None:
            self._zoom_to(z, None)

    def _zoom_to(self, zoom: float, anchor: QPointF | None) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if not self._doc:
            self._zoom = zoom
            return
        ax = anchor.x() if anchor else 0.0
        ay = anchor.y() if anchor else 0.0
        # Remember which PDF point sits under the anchor so it stays there after relayout.
        dx = self.horizontalScrollBar().value() + ax
        dy = self.verticalScrollBar().value() + ay
        page = self._layout.page_at_y(dy)
        px, py = self._layout.doc_to_display(page, dx, dy) if page >= 0 else (0.0, 0.0)
        changed = abs(zoom - self._zoom) > 1e-6
        self._relayout(zoom)
        if page >= 0:
            nx, ny = self._layout.display_to_doc(page, px, py)
            self.horizontalScrollBar().setValue(round(nx - ax))
            self.verticalScrollBar().setValue(round(ny - ay))
        self.viewport().update()
        if changed:
            self.zoom_changed.emit(self._zoom)

    def _relayout(self, zoom: float) -> None:
        self._zoom = zoom
        sizes = self._doc.page_sizes if self._doc else ()
        self._layout = PageLayout(sizes, zoom, min_width=self.viewport().width(),
                                  rotation_of=self._rotation)
        self._renders.set_scale(self._layout.k * self.devicePixelRatioF())
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        vbar.setPageStep(max(1, self.viewport().height()))
        hbar.setPageStep(max(1, self.viewport().width()))
        vbar.setRange(0, max(0, round(self._layout.height - self.viewport().height())))
        hbar.setRange(0, max(0, round(self._layout.width - self.viewport().width())))

    # ===== navigation =======================================================================
    def current_page(self) -> int:
        """The page the reader is on (0-based): the one across the viewport's upper third."""
        return self._current

    def scroll_to(self, page_index: int, rect: Sequence[float] | Any = None) -> None:
        """Bring page ``page_index`` to the top, or ``rect`` (PDF points) into clear view."""
        if not self._doc or not 0 <= page_index < self.page_count:
            return
        if rect is None:
            _l, top, _w, _h = self._layout.page_rect(page_index)
            self.verticalScrollBar().setValue(round(top - PAGE_GAP / 2))
        else:
            left, top, w, h = self._layout.rect_to_doc(page_index, _as_tuple(rect))
            vy, vh = self.verticalScrollBar().value(), self.viewport().height()
            if top < vy or top + h > vy + vh:
                self.verticalScrollBar().setValue(round(top - vh / 3))
            # Sideways, move only as far as needed: the page's left margin, where numbered
            # paragraphs start, stays in view whenever the item allows it.
            vx, vw = self.horizontalScrollBar().value(), self.viewport().width()
            if left < vx:
                self.horizontalScrollBar().setValue(round(left - 20))
            elif left + w > vx + vw:
                self.horizontalScrollBar().setValue(round(min(left - 20, left + w + 20 - vw)))
        self._update_current()

    def next_page(self) -> None:
        self.scroll_to(min(self.page_count - 1, self._current + 1))

    def previous_page(self) -> None:
        self.scroll_to(max(0, self._current - 1))

    def first_page(self) -> None:
        self.scroll_to(0)

    def last_page(self) -> None:
        self.scroll_to(self.page_count - 1)

    def visible_pages(self) -> range:
        """Pages intersecting the viewport."""
        if not self._doc:
            return range(0)
        y = self.verticalScrollBar().value()
        return self._layout.pages_between(y, y + self.viewport().height())

    def is_rendered(self, page_index: int) -> bool:
        """True when the page's image at the current zoom is ready to paint."""
        return self._renders.image(page_index) is not None

    def _on_scrolled(self) -> None:
        self._update_current()
        self.viewport().update()

    def _update_current(self) -> None:
        if not self._doc:
            new = -1
        else:
            y = self.verticalScrollBar().value() + self.viewport().height() / 3
            new = self._layout.page_at_y(y)
            if self.verticalScrollBar().value() >= self.verticalScrollBar().maximum() > 0:
                new = max(new, self._layout.page_at_y(y + self.viewport().height() / 2))
        if new != self._current:
            self._current = new
            self.current_page_changed.emit(new)

    # ===== highlights ===========================================================================
    def set_highlights(self, key: str, items: Iterable[Sequence[Any]]) -> None:
        """Replace highlight layer ``key`` with ``items``: ``(page_index, rects, QColor)`` or
        ``(page_index, rects, QColor, payload)``; rects are ``[x0, y0, x1, y1]`` PDF points or
        ``Rect``. Clicking one emits ``highlight_clicked(key, payload)`` (payload defaults to
        the item's position in ``items``)."""
        layer = []
        for n, item in enumerate(items):
            page, rects, color = item[0], item[1], item[2]
            payload = item[3] if len(item) > 3 else n
            layer.append(Highlight(int(page), tuple(_as_tuple(r) for r in rects), QColor(color),
                                   payload))
        if layer:
            self._layers[key] = layer
        else:
            self._layers.pop(key, None)
        self.viewport().update()

    def clear_highlights(self, key: str) -> None:
        self.set_highlights(key, [])

    def highlight_keys(self) -> list[str]:
        return list(self._layers)

    def highlights(self, key: str) -> list[Highlight]:
        return list(self._layers.get(key, []))

    # ===== find results =========================================================================
    def set_find_results(self, hits: Sequence[Hit]) -> None:
        """Show every hit; none is current until ``set_current_find``."""
        self._find_hits = list(hits)
        self._find_by_page = {}
        for n, hit in enumerate(self._find_hits):
            self._find_by_page.setdefault(hit.index, []).append(n)
        self._find_current = -1
        self.viewport().update()

    def set_current_find(self, n: int) -> None:
        """Mark hit ``n`` as current and scroll it into view."""
        if not 0 <= n < len(self._find_hits):
            return
        self._find_current = n
        hit = self._find_hits[n]
        rect = hit.rects[0]
        for r in hit.rects[1:]:
            rect = rect.union(r)
        self.scroll_to(hit.index, rect)
        self.viewport().update()

    def find_results(self) -> list[Hit]:
        return list(self._find_hits)

    # ===== selection ============================================================================
    def _rotation(self, index: int) -> int:
        # Asked only when something is placed on the page (selection, highlight, mouse).
        if not self._doc:
            return 0
        try:
            return self._doc.page_rotation(index)
        except PaperError:
            return 0

    def page_text(self, index: int) -> PageText | None:
        """The page's text layer (kept for the pages the reader touched)."""
        if not self._doc:
            return None
        pt = self._texts.get(index)
        if pt is None:
            try:
                pt = self._doc.page_text(index)
            except PaperError:
                return None
            self._texts[index] = pt
            if len(self._texts) > TEXT_CACHE_PAGES:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(index)
        return pt

    def _span_on_page(self, page: int) -> tuple[int, int] | None:
        """The selected character span on ``page`` (the selection may cross pages)."""
        if self._sel_anchor is None:
            return None
        (p0, i0), (p1, i1) = sorted((self._sel_anchor, self._sel_cursor))
        if not p0 <= page <= p1:
            return None
        pt = self.page_text(page)
        if pt is None:
            return None
        start = i0 if page == p0 else 0
        end = i1 if page == p1 else len(pt.text)
        return (start, end) if end > start else None

    def selection_spans(self) -> list[tuple[int, int, int, list]]:
        """``(page_index, start, end, rects)`` for every page the selection covers."""
        if self._sel_anchor is None:
            return []
        (p0, _i0), (p1, _i1) = sorted((self._sel_anchor, self._sel_cursor))
        spans = []
        for page in range(p0, p1 + 1):
            span = self._span_on_page(page)
            pt = self.page_text(page)
            if span is not None and pt is not None:
                spans.append((page, span[0], span[1], pt.rects_for_span(*span)))
        return spans

    def selection(self) -> tuple[int, int, int, list] | None:
        """``(page_index, start, end, rects)`` of the selected characters, or None.

        A selection across pages reports its first page here; see ``selection_spans``."""
        spans = self.selection_spans()
        return spans[0] if spans else None

    def selected_text(self) -> str:
        """The selected text, line breaks as newlines, pages joined by a newline."""
        parts = []
        for page, start, end, _rects in self.selection_spans():
            pt = self.page_text(page)
            if pt is not None:
                parts.append(span_text(pt, start, end).strip("\n"))
        return "\n".join(parts)

    def select(self, page_index: int, start: int, end: int,
               end_page: int | None = None) -> None:
        """Select from character ``start`` of a page to ``end`` (of ``end_page``, default the
        same page), as if dragged."""
        self._sel_anchor = (page_index, start)
        self._sel_cursor = (page_index if end_page is None else end_page, end)
        self.viewport().update()
        self.selection_changed.emit(self.selected_text())

    def clear_selection(self) -> None:
        if self._sel_anchor is not None:
            self._sel_anchor = None
            self.viewport().update()
            self.selection_changed.emit("")

    def copy(self) -> bool:
        """Put the selected text on the clipboard; False when nothing is selected."""
        text = self.selected_text()
        if not text:
            return False
        QGuiApplication.clipboard().setText(text)
        return True

    # ===== context menu =========================================================================
    def add_context_action(self, action: QAction) -> None:
        """Add ``action`` to every context menu of the page view."""
        self._extra_actions.append(action)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        page, x, y = self._pdf_point(event.pos())
        menu = QMenu(self)
        copy = menu.addAction("Copy")
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setEnabled(bool(self.selected_text()))
        copy.triggered.connect(self.copy)
        if self._extra_actions:
            menu.addSeparator()
            for action in self._extra_actions:
                menu.addAction(action)
        self.context_menu_requested.emit(menu, page, x, y)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())  # non-blocking: the menu deletes itself when closed

    # ===== coordinates ==========================================================================
    def map_from_pdf(self, page_index: int, x: float, y: float) -> QPointF:
        """Viewport pixel of PDF point (x, y) on a page."""
        dx, dy = self._layout.to_doc(page_index, x, y)
        return QPointF(dx - self.horizontalScrollBar().value(),
                       dy - self.verticalScrollBar().value())

    def map_rect_from_pdf(self, page_index: int, rect: Sequence[float] | Any) -> QRectF:
        """Viewport rectangle covering PDF rect ``[x0, y0, x1, y1]`` (or ``Rect``) on a page."""
        left, top, w, h = self._layout.rect_to_doc(page_index, _as_tuple(rect))
        return QRectF(left - self.horizontalScrollBar().value(),
                      top - self.verticalScrollBar().value(), w, h)

    def pdf_point_at(self, pos: QPoint | QPointF) -> tuple[int, float, float]:
        """``(page_index, x, y)`` in PDF points under viewport pixel ``pos`` (page -1 if none)."""
        return self._pdf_point(pos)

    # ===== mouse and keys =======================================================================
    def _pdf_point(self, pos: QPoint | QPointF) -> tuple[int, float, float]:
        dx = pos.x() + self.horizontalScrollBar().value()
        dy = pos.y() + self.verticalScrollBar().value()
        page = self._layout.hit_page(dx, dy)
        if page < 0:
            return -1, 0.0, 0.0
        x, y = self._layout.to_pdf(page, dx, dy)
        return page, x, y

    def _clicked_highlight(self, page: int, x: float, y: float) -> tuple[str, Any] | None:
        for key in reversed(list(self._layers)):
            for item in self._layers[key]:
                if item.page == page and any(
                    r[0] <= x <= r[2] and r[1] <= y <= r[3] for r in item.rects
                ):
                    return key, item.payload
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._doc:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        page, x, y = self._pdf_point(event.position())
        if page < 0:
            self.clear_selection()
            return
        clicked = self._clicked_highlight(page, x, y)
        pt = self.page_text(page)
        index = nearest_char(pt, x, y) if pt else None
        if index is None:
            self.clear_selection()
        else:
            self._sel_anchor = self._sel_cursor = (page, index)
            self._dragging = True
            self.viewport().update()
        if clicked is not None:
            self.highlight_clicked.emit(*clicked)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._dragging or self._sel_anchor is None:
            self._update_cursor(event.position())
            super().mouseMoveEvent(event)
            return
        self._drag_pos = event.position()
        self._extend_selection_to(self._drag_pos)
        outside = not self.viewport().rect().contains(self._drag_pos.toPoint())
        if outside and not self._autoscroll.isActive():
            self._autoscroll.start()
        elif not outside:
            self._autoscroll.stop()

    def _extend_selection_to(self, pos: QPointF) -> None:
        dx = pos.x() + self.horizontalScrollBar().value()
        dy = pos.y() + self.verticalScrollBar().value()
        # The page under the pointer, or the one above the gap it is in.
        page = min(max(0, self._layout.page_at_y(dy)), self.page_count - 1)
        pt = self.page_text(page)
        if pt is None:
            return
        x, y = self._layout.to_pdf(page, dx, dy)
        index = nearest_char(pt, x, y)
        if index is not None and (page, index) != self._sel_cursor:
            self._sel_cursor = (page, index)
            self.viewport().update()

    def _autoscroll_step(self) -> None:
        if not self._dragging:
            self._autoscroll.stop()
            return
        y, h = self._drag_pos.y(), self.viewport().height()
        step = y if y < 0 else (y - h if y > h else 0)
        if step:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + int(max(-60, min(60, step))))
            self._extend_selection_to(self._drag_pos)

    def _update_cursor(self, pos: QPointF) -> None:
        # A hand over highlights that lead somewhere (clicking them is reported).
        over = False
        if self._layers:
            page, x, y = self._pdf_point(pos)
            over = page >= 0 and self._clicked_highlight(page, x, y) is not None
        shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
        if self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._dragging:
            self._dragging = False
            self._autoscroll.stop()
            self.selection_changed.emit(self.selected_text())
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        page, x, y = self._pdf_point(event.position())
        pt = self.page_text(page) if page >= 0 else None
        index = nearest_char(pt, x, y) if pt else None
        if pt is None or index is None:
            return
        start, end = word_span(pt, min(index, len(pt.text) - 1))
        self.select(page, start, end)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Page keys that belong to the view only (window-wide they would steal arrow keys
        # from tables and text boxes in other panels).
        keys = {
            Qt.Key.Key_Right: self.next_page, Qt.Key.Key_Left: self.previous_page,
            Qt.Key.Key_Home: self.first_page, Qt.Key.Key_End: self.last_page,
        }
        action = keys.get(Qt.Key(event.key()))
        if action is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            action()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Space:
            bar = self.verticalScrollBar()
            step = bar.pageStep() - 40
            up = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            bar.setValue(bar.value() - step if up else bar.value() + step)
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self._zoom * (1.1 ** steps), event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            # Moved to a screen with another pixel density: re-render crisp for it.
            self._zoom_to(self._zoom, None)
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit != self.FIT_NONE:
            self._relayout_timer.start()
        self._zoom_to(self._zoom, None)
        self._update_current()

    # ===== painting =============================================================================
    def _on_page_ready(self, index: int) -> None:
        if index in self.visible_pages():
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        if not self._doc:
            painter.setPen(QColor(0xdd, 0xe1, 0xe6))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter,
                             self.empty_text)
            painter.end()
            return
        ox, oy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        visible = self._request_renders()
        dpr = self.devicePixelRatioF()
        painter.translate(-ox, -oy)
        for i in visible:
            left, top, w, h = self._layout.page_rect(i)
            target = QRectF(left, top, w, h)
            # A drop shadow along the right and bottom edges only: blending a whole page-sized
            # rectangle costs milliseconds a page.
            painter.fillRect(QRectF(left + w, top + 3, 3, h), SHADOW)
            painter.fillRect(QRectF(left + 3, top + h, w, 3), SHADOW)
            image = self._renders.image(i)
            if image is not None:
                painter.drawImage(QRectF(left, top, image.width() / dpr, image.height() / dpr),
                                  image)
            else:
                stand_in = self._renders.any_image(i)
                if stand_in is not None:
                    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                    painter.drawImage(target, stand_in)
                    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                else:
                    self._paint_placeholder(painter, target, i)
            self._paint_overlays(painter, i)
        painter.end()

    def _request_renders(self) -> range:
        """Ask for the pages on screen first, then one screen above and below (smooth
        scrolling); returns the pages on screen."""
        if not self._doc:
            return range(0)
        oy, vh = self.verticalScrollBar().value(), self.viewport().height()
        visible = self._layout.pages_between(oy, oy + vh)
        ahead = self._layout.pages_between(max(0, oy - vh), oy + 2 * vh)
        self._renders.request(list(visible) + [i for i in ahead if i not in visible])
        return visible

    def _paint_placeholder(self, painter: QPainter, target: QRectF, index: int) -> None:
        painter.fillRect(target, PLACEHOLDER)
        font = QFont(self.font())
        font.setPointSizeF(max(9.0, 14 * self._zoom))
        painter.setFont(font)
        painter.setPen(QPen(QColor(0x80, 0x86, 0x8f)))
        painter.drawText(target, Qt.AlignmentFlag.AlignCenter, f"Page {index + 1}")

    def _fill_pdf_rects(self, painter: QPainter, page: int, rects: Iterable[Sequence[float]],
                        color: QColor, pad: float = 1.0) -> None:
        for r in rects:
            left, top, w, h = self._layout.rect_to_doc(page, _as_tuple(r))
            painter.fillRect(QRectF(left - pad, top - pad, w + 2 * pad, h + 2 * pad), color)

    def _paint_overlays(self, painter: QPainter, page: int) -> None:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for layer in self._layers.values():
            for item in layer:
                if item.page == page:
                    self._fill_pdf_rects(painter, page, item.rects, item.color)
        for n in self._find_by_page.get(page, ()):
            color = FIND_CURRENT_COLOR if n == self._find_current else FIND_COLOR
            self._fill_pdf_rects(painter, page, self._find_hits[n].rects, color)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        span = self._span_on_page(page)
        if span is not None:
            pt = self.page_text(page)
            if pt is not None:
                self._fill_pdf_rects(painter, page, pt.rects_for_span(*span), SELECTION_COLOR,
                                     pad=0.5)
