"""PageView: every page of a paper in one continuous vertical scroll, painted by hand.

Only pages near the viewport are rendered (off the GUI thread, see ``RenderService``); the
others are grey placeholders. On top of each page it paints named highlight layers, find hits
and the mouse selection. All public coordinates are PDF points, origin bottom-left.
"""

from __future__ import annotations

import math
import time
from concurrent.futures import Future
from contextlib import suppress
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QMenu, QWidget

from mopac_desk.pdf import Hit, PageText, PaperDocument, PaperError

from .geometry import MAX_ZOOM, MIN_ZOOM, PAGE_GAP, PX_PER_POINT, PageLayout, fit_zoom
from .overlays import Highlight, Overlays, as_rect
from .page_paint import paint_empty, paint_pages
from .render_service import RenderService
from .selection import PageTexts, TextSelection
from .page_input import PageInput

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0,
              4.0, 5.0, 6.0)

#: Seconds the GUI thread waits for a paper's first page before painting (see RenderService).
FIRST_PAGE_WAIT = 0.05


class PageView(PageInput, QAbstractScrollArea):
    """The continuous page view. Zoom 1.0 shows a page at its printed size (the mouse and
    keys are :class:`~.page_input.PageInput`'s)."""

    current_page_changed = Signal(int)  # 0-based page index
    zoom_changed = Signal(float)
    selection_changed = Signal(str)
    highlight_clicked = Signal(str, object)  # layer key, the item's payload
    context_menu_requested = Signal(QMenu, int, float, float)  # menu, page (-1), PDF x, y
    document_changed = Signal()
    #: the paper's page sizes are in (a paper opened first page first is laid out with page
    #: 1's size for every page until then; see ``PaperDocument.sizes_read``)
    page_sizes_read = Signal()
    _sizes_arrived = Signal(object, object)  # (doc, Future): from the PDFium thread
    ocr_texts_changed = Signal()  # OCR (issue #17): set_ocr_texts gave pages their words

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
        # paintEvent covers every pixel, so Qt need not paint the widgets under it first
        # (1–2 ms a paint of a large window).
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.viewport().setMouseTracking(True)  # for the hand cursor over highlights
        self._doc: PaperDocument | None = None
        self._zoom = 1.0
        self._fit = self.FIT_WIDTH
        self._layout = PageLayout((), 1.0)
        self._renders = RenderService(parent=self, first_wait=FIRST_PAGE_WAIT)
        self._renders.page_ready.connect(self._on_page_ready)
        # A paper's first view (page 1's top): painted now, before queued events run.
        self._renders.part_ready.connect(lambda _index: self.viewport().repaint())
        self._current = -1
        self._texts = PageTexts()
        self._overlays = Overlays()
        self._selection = TextSelection(self._texts)
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
        self._sizes_arrived.connect(self._on_sizes_arrived)

    # ===== document ==========================================================================
    def set_document(self, doc: PaperDocument | None) -> None:
        """Show ``doc`` (or nothing) from its first page; the caller keeps ownership of it."""
        self._doc = doc
        self._renders.set_document(doc)
        self._texts.set_document(doc)
        self._overlays.clear()
        self._selection.clear()
        self._current = -1
        old_zoom, fit = self._zoom, self._fit_zoom()
        zoom = self._zoom if fit is None else fit
        if doc is not None:
            # Page 1 (at the top, first as far down as the view goes; the rest follows at
            # once) goes to the PDFium thread first: the layout is built while it renders.
            dpr = self.devicePixelRatioF()
            self._renders.set_scale(zoom * PX_PER_POINT * dpr)
            self._renders.set_first_rows(math.ceil(self.viewport().height() * dpr))
            self._renders.request([0])
            # Let go of the interpreter a moment: the PDFium thread takes it into PDFium
            # (which frees it) while this one lays out, not once it blocks (0.2 ms sooner).
            time.sleep(0)
        self._relayout(zoom)
        self.verticalScrollBar().setValue(0)
        self._request_renders()  # start page 1 now, before anyone reacts to the new paper
        self._renders.await_first()  # and paint it as soon as it is in (issue #18)
        if doc is not None and not doc.sizes_read:
            self._read_sizes(doc)  # queued behind page 1: the layout is corrected after it
        self._update_current()
        self.viewport().update()
        if abs(self._zoom - old_zoom) > 1e-6:
            self.zoom_changed.emit(self._zoom)
        self.document_changed.emit()

    def _read_sizes(self, doc: PaperDocument) -> None:
        def arrived(f: Future) -> None:
            with suppress(RuntimeError):  # the view was deleted meanwhile
                self._sizes_arrived.emit(doc, f)
        doc.read_sizes_async().add_done_callback(arrived)

    def _on_sizes_arrived(self, doc: PaperDocument, f: Future) -> None:
        if doc is not self._doc or f.exception() is not None:
            return  # another paper since, or one refused (its window closes it)
        # Relaid out around the page at the top, so nothing the reader sees moves unless
        # its own size changed (or, fitted, a wider page changed the zoom).
        self._zoom_to(self._fit_zoom() or self._zoom, None)
        self._update_current()
        self.page_sizes_read.emit()

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
        if not self._doc:
            return None
        if self._doc.sizes_read:
            sizes = self._doc.page_sizes
            widest, tallest = max(w for w, _h in sizes), max(h for _w, h in sizes)
        else:
            widest, tallest = self._doc.page_size(0)  # every page is laid out as page 1
        return fit_zoom(self._fit, self.viewport().width(), self.viewport().height(),
                        widest, tallest)

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

    def _page_sizes(self) -> Sequence[tuple[float, float]]:
        """The paper's page sizes, or page 1's for every page until they are read."""
        doc = self._doc
        if doc is None:
            return ()
        return doc.page_sizes if doc.sizes_read else (doc.page_size(0),) * doc.page_count

    def _relayout(self, zoom: float) -> None:
        self._zoom = zoom
        sizes = self._page_sizes()
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
            left, top, w, h = self._layout.rect_to_doc(page_index, as_rect(rect))
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

    def is_shown(self, page_index: int) -> bool:
        """True when what the view shows of the page can be painted in its final pixels: its
        whole image, or (a paper's first page, just opened) its top part as high as the view."""
        return self.is_rendered(page_index) or self._renders.part_image(page_index) is not None

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
        self._overlays.set_layer(key, items)
        self.viewport().update()

    def clear_highlights(self, key: str) -> None:
        self.set_highlights(key, [])

    def highlight_keys(self) -> list[str]:
        return self._overlays.keys()

    def highlights(self, key: str) -> list[Highlight]:
        return self._overlays.layer(key)

    # ===== find results =========================================================================
    def set_find_results(self, hits: Sequence[Hit]) -> None:
        """Show every hit; none is current until ``set_current_find``."""
        self._overlays.set_find_results(hits)
        self.viewport().update()

    def set_current_find(self, n: int) -> None:
        """Mark hit ``n`` as current and scroll it into view."""
        hit = self._overlays.set_current_find(n)
        if hit is None:
            return
        rect = hit.rects[0]
        for r in hit.rects[1:]:
            rect = rect.union(r)
        self.scroll_to(hit.index, rect)
        self.viewport().update()

    def find_results(self) -> list[Hit]:
        return list(self._overlays.find_hits)

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
        return self._texts.get(index)

    # -- OCR (issue #17): find, selection and capture read a scan's OCR words ---------------
    def set_ocr_texts(self, texts: dict[int, PageText]) -> None:
        """Use ``texts`` (0-based page -> OCR page text) for pages with no text layer: find,
        selection, copy and capture then work on them as on typeset pages."""
        self._texts.set_read_elsewhere(texts)
        self.ocr_texts_changed.emit()
        self.viewport().update()

    def ocr_texts(self) -> dict[int, PageText]:
        """The OCR page texts in use (empty for a typeset paper)."""
        return self._texts.read_elsewhere()

    def selection_spans(self) -> list[tuple[int, int, int, list]]:
        """``(page_index, start, end, rects)`` for every page the selection covers."""
        return self._selection.spans()

    def selection(self) -> tuple[int, int, int, list] | None:
        """``(page_index, start, end, rects)`` of the selected characters, or None.

        A selection across pages reports its first page here; see ``selection_spans``."""
        spans = self.selection_spans()
        return spans[0] if spans else None

    def selected_text(self) -> str:
        """The selected text, line breaks as newlines, pages joined by a newline."""
        return self._selection.text()

    def select(self, page_index: int, start: int, end: int,
               end_page: int | None = None) -> None:
        """Select from character ``start`` of a page to ``end`` (of ``end_page``, default the
        same page), as if dragged."""
        self._selection.set(page_index, start, end, end_page)
        self.viewport().update()
        self.selection_changed.emit(self.selected_text())

    def clear_selection(self) -> None:
        if self._selection.clear():
            self.viewport().update()
            self.selection_changed.emit("")

    def copy(self) -> bool:
        """Put the selected text on the clipboard; False when nothing is selected."""
        text = self.selected_text()
        if not text:
            return False
        QGuiApplication.clipboard().setText(text)
        return True

    # ===== coordinates ==========================================================================
    def map_from_pdf(self, page_index: int, x: float, y: float) -> QPointF:
        """Viewport pixel of PDF point (x, y) on a page."""
        dx, dy = self._layout.to_doc(page_index, x, y)
        return QPointF(dx - self.horizontalScrollBar().value(),
                       dy - self.verticalScrollBar().value())

    def map_rect_from_pdf(self, page_index: int, rect: Sequence[float] | Any) -> QRectF:
        """Viewport rectangle covering PDF rect ``[x0, y0, x1, y1]`` (or ``Rect``) on a page."""
        left, top, w, h = self._layout.rect_to_doc(page_index, as_rect(rect))
        return QRectF(left - self.horizontalScrollBar().value(),
                      top - self.verticalScrollBar().value(), w, h)

    def page_position_at(self, viewport_y: float) -> tuple[int, float]:
        """``(page_index, y)`` level with viewport row ``viewport_y``: y in points from the
        page's foot as displayed (a gap counts as the foot of the page above), for keeping
        two views level; ``(-1, 0.0)`` with no paper."""
        if not self._doc:
            return -1, 0.0
        dy = self.verticalScrollBar().value() + viewport_y
        page = self._layout.page_at_y(dy)
        _x, y = self._layout.doc_to_display(page, 0.0, dy)
        return page, max(0.0, min(self._layout.sizes_pt[page][1], y))

    def scroll_page_position_to(self, page_index: int, y: float, viewport_y: float) -> None:
        """Scroll so that height ``y`` (points from the foot, as displayed) of page
        ``page_index`` stands at viewport row ``viewport_y``."""
        if not self._doc or not 0 <= page_index < self.page_count:
            return
        _x, dy = self._layout.display_to_doc(page_index, 0.0, y)
        self.verticalScrollBar().setValue(round(dy - viewport_y))

    def pdf_point_at(self, pos: QPoint | QPointF) -> tuple[int, float, float]:
        """``(page_index, x, y)`` in PDF points under viewport pixel ``pos`` (page -1 if none)."""
        return self._pdf_point(pos)

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
            if len(self._renders.cached_keys()) == 1:
                # A paper's first page is painted now, before the signal's other listeners
                # (thumbnails) and queued events run: it is what the clerk waits for.
                self.viewport().repaint()
            else:
                self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        if not self._doc:
            paint_empty(painter, event.rect(), self.viewport().rect(), self.empty_text)
            painter.end()
            return
        offset = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        paint_pages(painter, event.rect(), self._layout, self._renders, self._request_renders(),
                    offset, self.devicePixelRatioF(), self.font(), self._zoom,
                    self._paint_overlays)
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

    def _paint_overlays(self, painter: QPainter, page: int) -> None:
        self._overlays.paint(painter, page, self._layout.rect_to_doc,
                             self._selection.rects_on_page(page))
