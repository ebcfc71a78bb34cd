"""Words OCR read with low confidence are marked on the scan: underlined, counted in the
banner, and hovering one says its confidence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from mopac_desk.ocr.figures import LOW_CONFIDENCE
from ui.ocr.hover import doubt_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
OCR_MS = 60000


def test_a_smudged_figure_is_underlined_counted_and_explained(qtbot, window, smudged):
    with qtbot.waitSignal(window.ocr.read_done, timeout=OCR_MS):
        window.open_path(smudged)
    pt = window.viewer.ocr_texts()[0]
    doubtful = [w for w in pt.words if w.confidence < LOW_CONFIDENCE]
    assert doubtful, [(w.text, w.confidence) for w in pt.words if "£" in w.text]
    assert "low confidence" in window.banner.text()
    word = min(doubtful, key=lambda w: w.confidence)
    l, b, r, t = word.box
    view = window.viewer
    view.scroll_to(0, [l, b, r, t])
    qtbot.waitUntil(lambda: view.is_rendered(0), timeout=10000)
    # The underline is painted in amber just under the word.
    image = view.viewport().grab().toImage()
    box = view.map_rect_from_pdf(0, [l, b, r, t])
    dpr = image.devicePixelRatio()
    row = round((box.bottom() - 0.5) * dpr)
    amber = [x for x in range(round(box.left() * dpr), round(box.right() * dpr))
             if (c := image.pixelColor(x, row)).red() > 180 and c.blue() < 90
             and 60 < c.green() < 170]
    assert amber, "no amber underline under the doubtful word"
    # Hovering it tells the clerk what OCR made of it.
    centre = view.map_from_pdf(0, (l + r) / 2, (b + t) / 2)
    move = QMouseEvent(QEvent.Type.MouseMove, centre, view.viewport().mapToGlobal(centre),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), move)
    assert window.ocr.hover.shown is word
    qtbot.waitUntil(lambda: QToolTip.text() == doubt_text(word), timeout=5000)
    away = QPointF(2, 2)
    QApplication.sendEvent(view.viewport(), QMouseEvent(
        QEvent.Type.MouseMove, away, view.viewport().mapToGlobal(away), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert window.ocr.hover.shown is None
