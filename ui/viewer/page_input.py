"""How the mouse and keys act on the page view: drag to select text (scrolling on when the
drag leaves the view), double-click for a word, click a highlight to hear of it, the right-click
menu, page keys and Ctrl+wheel zoom.

A mixin of :class:`~.page_view.PageView` (it uses the view's layout, selection and overlays);
kept apart so the view itself holds the pages, zoom and painting.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu

from .overlays import Painter
from .text_pick import nearest_char, word_span


class InputHook:
    """What a feature that works with the mouse on the page (the annotation tools) is
    offered first: each returns True when it took the event (the view then leaves it)."""

    def press(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        return False

    def move(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        return False

    def release(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        return False

    def key(self, event: QKeyEvent) -> bool:
        return False


class PageInput:
    """Mouse, keyboard and context-menu handling of the page view (mixed in before
    QAbstractScrollArea, whose handlers ``super()`` reaches)."""

    _input_hooks: list[InputHook] = []

    def add_input_hook(self, hook: InputHook) -> None:
        """Offer mouse presses, moves, releases and keys to ``hook`` before the view's own
        handling (text selection, page keys)."""
        self._input_hooks = [*self._input_hooks, hook]

    def add_painter(self, painter: Painter) -> None:
        """Let ``painter`` draw over every page painted (see ``Overlays.add_painter``)."""
        self._overlays.add_painter(painter)
        self.viewport().update()

    def _hooked(self, what: str, event: QMouseEvent | QKeyEvent) -> bool:
        if what == "key":
            return any(h.key(event) for h in self._input_hooks)
        page, x, y = self._pdf_point(event.position())
        for h in self._input_hooks:
            handler = {"press": h.press, "move": h.move, "release": h.release}[what]
            if handler(event, page, x, y):
                return True
        return False

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

    # ===== mouse and keys =======================================================================
    def _pdf_point(self, pos: QPoint | QPointF) -> tuple[int, float, float]:
        dx = pos.x() + self.horizontalScrollBar().value()
        dy = pos.y() + self.verticalScrollBar().value()
        page = self._layout.hit_page(dx, dy)
        if page < 0:
            return -1, 0.0, 0.0
        x, y = self._layout.to_pdf(page, dx, dy)
        return page, x, y

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._doc and self._hooked("press", event):
            return
        if event.button() != Qt.MouseButton.LeftButton or not self._doc:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        page, x, y = self._pdf_point(event.position())
        if page < 0:
            self.clear_selection()
            return
        clicked = self._overlays.hit_at(page, x, y)
        pt = self.page_text(page)
        index = nearest_char(pt, x, y) if pt else None
        if index is None:
            self.clear_selection()
        else:
            self._selection.start(page, index)
            self._dragging = True
            self.viewport().update()
        if clicked is not None:
            self.highlight_clicked.emit(*clicked)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._doc and not self._dragging and self._hooked("move", event):
            return
        if not self._dragging or not self._selection.active:
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
        if index is not None and self._selection.move_to(page, index):
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
        if self._overlays.has_layers():
            page, x, y = self._pdf_point(pos)
            over = page >= 0 and self._overlays.hit_at(page, x, y) is not None
        shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
        if self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._doc and not self._dragging and self._hooked("release", event):
            return
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
        if self._hooked("key", event):
            return
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

