"""The annotations on the page view: drawn over each page, hit by the mouse, dragged.

The canvas shows what the controller hands it (the open file's comments, by 0-based page)
and reports intents as signals: a box drawn, a point clicked, a comment selected, moved or
resized, Delete pressed. It writes nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QToolTip

from mopac_desk.annotations.model import Annotation

from ..viewer import PageView
from ..viewer.overlays import ToDoc
from ..viewer.page_input import InputHook
from .drawing import SELECTED, annotation_bounds, handle_rect, paint_annotation

#: tool modes: "select" picks comments (and text); the markups act on selected text;
#: the others place a comment with the mouse
TOOLS = ("select", "highlight", "underline", "strikeout", "note", "area", "textbox")
MARKUPS = ("highlight", "underline", "strikeout")
PLACED = ("note", "area", "textbox")
MOVABLE = ("note", "area", "textbox", "insert")
#: drags shorter than this (points) are clicks: the box gets a default size
MIN_DRAG_PT = 6.0
DEFAULT_BOX_PT = {"area": (160.0, 90.0), "textbox": (180.0, 40.0), "note": (20.0, 20.0)}


@dataclass
class _Drag:
    kind: str            # "draw" (a new box), "move" or "resize"
    page: int
    start: tuple[float, float]
    now: tuple[float, float]
    annotation: Annotation | None = None


def box_at(kind: str, x: float, y: float) -> list[float]:
    """The default box of a ``kind`` placed with its top-left corner at PDF point (x, y)."""
    w, h = DEFAULT_BOX_PT[kind]
    return [x, y - h, x + w, y]


class AnnotationCanvas(QObject, InputHook):
    """Paints and hit-tests the comments shown on ``viewer``."""

    #: (tool kind, 0-based page, PDF rect): the reviewer drew or clicked a new place
    place_requested = Signal(str, int, list)
    #: a comment was clicked (its id), or None when a click selected nothing
    selected = Signal(object)
    #: (annotation id, new rects): a comment was dragged or resized
    moved = Signal(int, list)
    #: Delete pressed on the page with a comment selected (its id)
    delete_requested = Signal(int)
    #: Escape on the page: back to the select tool
    escape_pressed = Signal()
    #: Return on the page while a placing tool is on: place at the middle of the view
    place_here_requested = Signal()

    def __init__(self, viewer: PageView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.viewer = viewer
        self.tool = "select"
        self._items: dict[int, list[Annotation]] = {}
        self._colours: dict[int, QColor] = {}
        self.selected_id: int | None = None
        self._drag: _Drag | None = None
        self._hover: int | None = None
        viewer.add_painter(self.paint)
        viewer.add_input_hook(self)

    # ===== what is shown =====================================================================
    def set_annotations(self, items: list[Annotation], colours: dict[int, str]) -> None:
        """Show ``items`` (comments of the open file; ``page`` 1-based) in ``colours`` by id."""
        self._items = {}
        for a in items:
            self._items.setdefault(a.page - 1, []).append(a)
        self._colours = {k: QColor(v) for k, v in colours.items()}
        if self.selected_id is not None and self.annotation(self.selected_id) is None:
            self.selected_id = None
        self.viewer.viewport().update()

    def annotations(self) -> list[Annotation]:
        """Every comment shown, page by page."""
        return [a for page in sorted(self._items) for a in self._items[page]]

    def annotation(self, annotation_id: int | None) -> Annotation | None:
        return next((a for a in self.annotations() if a.id == annotation_id), None)

    def select(self, annotation_id: int | None) -> None:
        """Mark ``annotation_id`` selected (None: nothing)."""
        if annotation_id != self.selected_id:
            self.selected_id = annotation_id
            self.viewer.viewport().update()

    def set_tool(self, tool: str) -> None:
        self.tool = tool if tool in TOOLS else "select"
        cursor = (Qt.CursorShape.CrossCursor if self.tool in PLACED
                  else Qt.CursorShape.IBeamCursor)
        self.viewer.viewport().setCursor(cursor)

    # ===== painting ==========================================================================
    def paint(self, painter: QPainter, page: int, to_doc: ToDoc) -> None:
        for a in self._items.get(page, ()):
            shown = self._shown(a)
            paint_annotation(painter, page, shown, self._colours.get(a.id, QColor(a.colour)),
                             to_doc, selected=a.id == self.selected_id)
        drag = self._drag
        if drag is not None and drag.kind == "draw" and drag.page == page:
            painter.setPen(QPen(SELECTED, 1.5, Qt.PenStyle.DashLine))
            (x0, y0), (x1, y1) = drag.start, drag.now
            left, top, w, h = to_doc(page, (min(x0, x1), min(y0, y1), max(x0, x1),
                                            max(y0, y1)))
            painter.drawRect(QRectF(left, top, w, h))

    def _shown(self, a: Annotation) -> Annotation:
        """``a`` where a drag in progress has it."""
        drag = self._drag
        if drag is None or drag.annotation is None or drag.annotation.id != a.id:
            return a
        from copy import copy

        moved = copy(a)
        moved.rects = self._dragged_rects(drag)
        return moved

    def _dragged_rects(self, drag: _Drag) -> list[list[float]]:
        a = drag.annotation
        assert a is not None
        dx, dy = drag.now[0] - drag.start[0], drag.now[1] - drag.start[1]
        if drag.kind == "move":
            return [[r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy] for r in a.rects]
        x0, y0, x1, y1 = a.rects[0]
        # The handle is the bottom-right corner: right edge and foot follow the mouse.
        return [[x0, min(y1 - 4, y0 + dy), max(x0 + 4, x1 + dx), y1]] + a.rects[1:]

    # ===== hit testing =======================================================================
    def _to_doc(self, page: int, r: tuple[float, float, float, float]):
        v = self.viewer
        rect = v.map_rect_from_pdf(page, r)
        return (rect.left(), rect.top(), rect.width(), rect.height())

    def hit(self, pos: QPointF | QPoint) -> tuple[Annotation, bool] | None:
        """(comment under viewport pixel ``pos``, on its resize handle?)."""
        page, _x, _y = self.viewer.pdf_point_at(pos)
        if page < 0:
            return None
        point = QPointF(pos)
        for a in reversed(self._items.get(page, [])):
            bounds = annotation_bounds(a, self._to_doc, page)
            if bounds is None:
                continue
            if a.id == self.selected_id and a.kind in MOVABLE and \
                    handle_rect(bounds).adjusted(-3, -3, 3, 3).contains(point):
                return a, True
            if a.kind in ("highlight", "underline", "strikeout"):
                inside = any(QRectF(*self._to_doc(page, tuple(r))).adjusted(-2, -2, 2, 2)
                             .contains(point) for r in a.rects)
            else:
                inside = bounds.adjusted(-3, -3, 3, 3).contains(point)
            if inside:
                return a, False
        return None

    # ===== the mouse and keys (InputHook) ====================================================
    def press(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or page < 0:
            return False
        if self.tool in PLACED:
            self.viewer.setFocus(Qt.FocusReason.MouseFocusReason)
            self._drag = _Drag("draw", page, (x, y), (x, y))
            return True
        if self.tool in MARKUPS:
            return False  # the view selects text; the controller marks it on release
        found = self.hit(event.position())
        if found is None:
            if self.selected_id is not None:
                self.select(None)
                self.selected.emit(None)
            return False
        a, on_handle = found
        self.viewer.setFocus(Qt.FocusReason.MouseFocusReason)
        self.viewer.clear_selection()
        self.select(a.id)
        self.selected.emit(a.id)
        if a.kind in MOVABLE:
            self._drag = _Drag("resize" if on_handle and a.kind != "note" else "move",
                               page, (x, y), (x, y), a)
        return True

    def move(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        drag = self._drag
        if drag is not None:
            if page == drag.page or page < 0:
                # Off the page the drag keeps its last point on the page it started on.
                if page == drag.page:
                    drag.now = (x, y)
                self.viewer.viewport().update()
            return True
        if event.buttons() != Qt.MouseButton.NoButton:
            return False
        if self.tool in PLACED:
            self.viewer.viewport().setCursor(Qt.CursorShape.CrossCursor)
            return True
        found = self.hit(event.position()) if self.tool == "select" else None
        over = found[0] if found else None
        if over is None:
            if self._hover is not None:
                self._hover = None
                QToolTip.hideText()
            return False
        if over.id != self._hover or not QToolTip.isVisible():
            self._hover = over.id
            QToolTip.showText(event.globalPosition().toPoint(), hover_text(over),
                              self.viewer.viewport())
        shape = (Qt.CursorShape.SizeFDiagCursor if found[1] else
                 Qt.CursorShape.SizeAllCursor if over.kind in MOVABLE
                 else Qt.CursorShape.PointingHandCursor)
        self.viewer.viewport().setCursor(shape)
        return True

    def release(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        drag, self._drag = self._drag, None
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        self.viewer.viewport().update()
        (x0, y0), (x1, y1) = drag.start, drag.now
        small = abs(x1 - x0) < MIN_DRAG_PT and abs(y1 - y0) < MIN_DRAG_PT
        if drag.kind == "draw":
            tool = self.tool
            rect = (box_at(tool, x0, y0) if small or tool == "note"
                    else [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)])
            self.place_requested.emit(tool, drag.page, rect)
        elif not small and drag.annotation is not None:
            self.moved.emit(drag.annotation.id, self._dragged_rects(drag))
        return True

    def key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_id is not None:
            self.delete_requested.emit(self.selected_id)
            return True
        if key == Qt.Key.Key_Escape and (self.tool != "select" or self.selected_id is not None):
            self.escape_pressed.emit()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tool in PLACED:
            self.place_here_requested.emit()
            return True
        return False


def hover_text(a: Annotation) -> str:
    """What hovering over a comment shows: who, what it says, its thread's length."""
    head = f"{a.author or 'Someone'}: {a.kind}"
    if a.status != "none":
        head += f" ({a.status})"
    lines = [head]
    if a.quote:
        lines.append(f"“{a.quote[:120]}”")
    if a.contents:
        lines.append(a.contents[:400])
    if a.replies:
        lines.append(f"{len(a.replies)} repl{'y' if len(a.replies) == 1 else 'ies'}")
    if a.needs_anchor:
        lines.append("Needs placing again: a new version of the paper moved its words.")
    return "\n".join(lines)
