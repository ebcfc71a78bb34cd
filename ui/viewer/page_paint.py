"""Painting the pages of a PageView: the grey ground, each page's image (or its stand-in), its
shadow and its overlays. Kept apart from the view's state and input."""

from __future__ import annotations

from math import ceil, floor
from typing import Callable

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QRegion

from .geometry import PageLayout
from .render_service import RenderService

BACKGROUND = QColor(0x5f, 0x66, 0x70)
PLACEHOLDER = QColor(0xe4, 0xe6, 0xea)
SHADOW = QColor(0x3c, 0x41, 0x48)


def paint_pages(painter: QPainter, area: QRect, layout: PageLayout, renders: RenderService,
                pages: range, offset: tuple[int, int], dpr: float, font: QFont, zoom: float,
                paint_overlays: Callable[[QPainter, int], None]) -> None:
    """Paint ``pages`` into ``area`` of a viewport scrolled to ``offset`` (every pixel of
    ``area`` is painted: the viewport is opaque)."""
    ox, oy = offset
    # The grey ground only where no page image will cover it (filling 1400 × 900 px is
    # about 0.4 ms).
    ground = QRegion(area)
    for i in pages:
        image = renders.image(i) or renders.part_image(i)
        if image is not None:
            left, top, _w, _h = layout.page_rect(i)
            x0, y0 = ceil(left - ox), ceil(top - oy)
            ground -= QRect(x0, y0, floor(left - ox + image.width() / dpr) - x0,
                            floor(top - oy + image.height() / dpr) - y0)
    for rect in ground:
        painter.fillRect(rect, BACKGROUND)
    painter.translate(-ox, -oy)
    for i in pages:
        left, top, w, h = layout.page_rect(i)
        target = QRectF(left, top, w, h)
        # A drop shadow along the right and bottom edges only: blending a whole page-sized
        # rectangle costs milliseconds a page.
        painter.fillRect(QRectF(left + w, top + 3, 3, h), SHADOW)
        painter.fillRect(QRectF(left + 3, top + h, w, 3), SHADOW)
        image = renders.image(i)
        part = renders.part_image(i) if image is None else None
        if image is not None:
            painter.drawImage(QRectF(left, top, image.width() / dpr, image.height() / dpr),
                              image)
        elif part is not None:  # the top of a first page, as far down as the view goes
            drawn = part.height() / dpr
            painter.drawImage(QRectF(left, top, part.width() / dpr, drawn), part)
            painter.fillRect(QRectF(left, top + drawn, w, h - drawn), PLACEHOLDER)
        else:
            stand_in = renders.any_image(i)
            if stand_in is not None:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(target, stand_in)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            else:
                paint_placeholder(painter, target, i, font, zoom)
        paint_overlays(painter, i)


def paint_empty(painter: QPainter, area: QRect, whole: QRect, text: str) -> None:
    """The view with no paper: the grey ground and a line of help in the middle."""
    painter.fillRect(area, BACKGROUND)
    painter.setPen(QColor(0xdd, 0xe1, 0xe6))
    painter.drawText(whole, Qt.AlignmentFlag.AlignCenter, text)


def paint_placeholder(painter: QPainter, target: QRectF, index: int, font: QFont,
                      zoom: float) -> None:
    """A page not drawn yet: light grey with its number."""
    painter.fillRect(target, PLACEHOLDER)
    font = QFont(font)
    font.setPointSizeF(max(9.0, 14 * zoom))
    painter.setFont(font)
    painter.setPen(QPen(QColor(0x80, 0x86, 0x8f)))
    painter.drawText(target, Qt.AlignmentFlag.AlignCenter, f"Page {index + 1}")
