"""How each kind of annotation looks on the page: Qt vector drawing in document pixels, so
marks stay crisp at any zoom and device pixel ratio (nothing is a scaled bitmap)."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from mopac_desk.annotations.model import Annotation

from ..viewer.overlays import ToDoc

SELECTED = QColor(30, 100, 220)
NEEDS_ANCHOR = QColor(200, 40, 40)
HANDLE_PX = 8.0
#: a text box's words at 100 % (points); scaled with the page
TEXTBOX_POINTS = 10.0


def doc_rect(to_doc: ToDoc, page: int, rect: Sequence[float]) -> QRectF:
    """Document-pixel rectangle of PDF rect ``rect`` on ``page``."""
    left, top, w, h = to_doc(page, (rect[0], rect[1], rect[2], rect[3]))
    return QRectF(left, top, w, h)


def paint_annotation(painter: QPainter, page: int, a: Annotation, colour: QColor,
                     to_doc: ToDoc, selected: bool = False) -> None:
    """Draw comment ``a`` (on 0-based ``page``) in ``colour``."""
    rects = [doc_rect(to_doc, page, r) for r in a.rects]
    if a.kind == "highlight":
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        fill = QColor(colour)
        fill.setAlpha(150)
        for r in rects:
            painter.fillRect(r, fill)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    elif a.kind in ("underline", "strikeout"):
        for r in rects:
            width = max(1.0, r.height() * 0.08)
            painter.setPen(QPen(colour, width))
            y = r.bottom() - width / 2 if a.kind == "underline" else r.center().y()
            painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
    elif a.kind == "note" and rects:
        _note_icon(painter, rects[0], colour)
    elif a.kind == "area":
        for r in rects:
            fill = QColor(colour)
            fill.setAlpha(28)
            painter.fillRect(r, fill)
            painter.setPen(QPen(colour, max(1.5, r.width() / 400 + 1.5)))
            painter.drawRect(r)
    elif a.kind == "textbox" and rects:
        _text_box(painter, rects[0], colour, a.contents, to_doc, page)
    elif a.kind == "insert" and rects:
        r = rects[0]
        painter.setPen(QPen(colour, 1.5))
        painter.drawPolyline(QPolygonF([r.bottomLeft(), QPointF(r.center().x(), r.top()),
                                        r.bottomRight()]))
    elif a.kind == "ink":
        painter.setPen(QPen(colour, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for stroke in a.ink:
            points = [QPointF(*_point(to_doc, page, x, y)) for x, y in stroke]
            if len(points) > 1:
                painter.drawPolyline(QPolygonF(points))
    bounds = annotation_bounds(a, to_doc, page)
    if bounds is None:
        return
    if a.needs_anchor:
        painter.setPen(QPen(NEEDS_ANCHOR, 1.5, Qt.PenStyle.DashLine))
        painter.drawRect(bounds.adjusted(-3, -3, 3, 3))
        badge = QRectF(bounds.right() - 4, bounds.top() - 12, 16, 16)
        painter.setBrush(NEEDS_ANCHOR)
        painter.drawEllipse(badge)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "?")
        painter.setBrush(Qt.BrushStyle.NoBrush)
    if selected:
        painter.setPen(QPen(SELECTED, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bounds.adjusted(-2, -2, 2, 2))
        if a.kind in ("area", "textbox", "note"):
            painter.fillRect(handle_rect(bounds), SELECTED)


def handle_rect(bounds: QRectF) -> QRectF:
    """The resize handle at the bottom-right corner of a selected box."""
    return QRectF(bounds.right() - HANDLE_PX / 2, bounds.bottom() - HANDLE_PX / 2,
                  HANDLE_PX, HANDLE_PX)


def annotation_bounds(a: Annotation, to_doc: ToDoc, page: int) -> QRectF | None:
    """Document-pixel rectangle around the whole comment (None when it has no place)."""
    b = a.bounds
    return doc_rect(to_doc, page, b) if b is not None else None


def _point(to_doc: ToDoc, page: int, x: float, y: float) -> tuple[float, float]:
    left, top, _w, _h = to_doc(page, (x, y, x, y))
    return left, top


def _note_icon(painter: QPainter, r: QRectF, colour: QColor) -> None:
    # A folded sticky note: a square with a turned corner and three lines of "writing".
    fold = r.width() * 0.3
    path = QPainterPath()
    path.moveTo(r.topLeft())
    path.lineTo(r.right(), r.top())
    path.lineTo(r.right(), r.bottom() - fold)
    path.lineTo(r.right() - fold, r.bottom())
    path.lineTo(r.left(), r.bottom())
    path.closeSubpath()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(colour.darker(160), 1.0))
    painter.setBrush(colour)
    painter.drawPath(path)
    painter.setPen(QPen(colour.darker(220), max(1.0, r.height() / 14)))
    for n in range(1, 4):
        y = r.top() + r.height() * n / 4.5
        painter.drawLine(QPointF(r.left() + r.width() * 0.2, y),
                         QPointF(r.right() - r.width() * 0.2, y))
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _text_box(painter: QPainter, r: QRectF, colour: QColor, text: str, to_doc: ToDoc,
              page: int) -> None:
    painter.fillRect(r, QColor(255, 255, 255, 215))
    painter.setPen(QPen(colour, 1.5))
    painter.drawRect(r)
    # The words scale with the page: a text box is part of the page, not a label.
    k = to_doc(page, (0.0, 0.0, 1.0, 1.0))[2]
    font = QFont()
    font.setPixelSize(max(4, round(TEXTBOX_POINTS * k)))
    painter.setFont(font)
    painter.setPen(QColor(20, 20, 20))
    pad = 3 * k
    painter.drawText(r.adjusted(pad, pad, -pad, -pad),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                     | int(Qt.TextFlag.TextWordWrap), text)
