"""The window stays responsive while it reads a scan by OCR (issue #17).

A real MainWindow with a register open opens a 20-page scan; OCR runs in the import the
review panel starts, on a worker thread, rendering through the PDFium thread. Meanwhile a
10 ms timer on the GUI thread notes how late each tick comes and the page view is asked to
repaint every 20 ms (as scrolling would): the figure is the longest the event loop was held
up between the first page read and the last, in milliseconds (target <= 100).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TICK_MS = 10


class _Paints(QObject):
    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.times: list[float] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.times.append(time.perf_counter())
        return False


def responsiveness(scan: Path) -> tuple[float, int, float]:
    """(longest hold-up of the event loop in ms, paints while reading, seconds reading)."""
    from ui.app import configure_application
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    configure_application(app)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(Path(tmp) / "settings"))
        window = MainWindow(password_prompt=lambda _n, _r: None)
        window.workspace.open_register(Path(tmp) / "register.sqlite")
        window.resize(1200, 800)
        window.show()
        ticks: list[float] = []
        progress: list[float] = []
        timer = QTimer(interval=TICK_MS)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        repaint = QTimer(interval=20)
        repaint.timeout.connect(window.viewer.viewport().update)
        paints = _Paints(window.viewer.viewport())
        window.review_panel.file_papers.ocr_progress.connect(
            lambda _d, _n: progress.append(time.perf_counter()))
        loop = QEventLoop()
        window.ocr.read_done.connect(lambda _n: loop.quit())
        QTimer.singleShot(600_000, loop.quit)  # a broken run must end
        timer.start()
        repaint.start()
        window.open_path(scan)
        loop.exec()
        timer.stop()
        repaint.stop()
        window.close_document()
        window.workspace.close()
        window.deleteLater()
    if len(progress) < 2:
        raise RuntimeError("the scan was not read by OCR")
    start, end = progress[0], progress[-1]
    inside = [t for t in ticks if start <= t <= end]
    marks = [start, *inside, end]
    held = max(b - a for a, b in zip(marks, marks[1:])) * 1000 - TICK_MS
    painted = sum(1 for t in paints.times if start <= t <= end)
    return max(0.0, held), painted, end - start
