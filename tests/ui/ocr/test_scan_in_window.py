"""A scan opened in the window: read by OCR in the background (the window keeps painting),
then found, selected and captured like a typeset page; cancel, "ask" and "never"."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer

from mopac_desk.register import Register
from tests.helpers.event_loop import responsive
from tests.unit.ocr.scans import find_rect, near
from ui.ocr import banner as B
from ui.ocr.settings import ASK, NEVER, set_ocr_mode

from .windows import open_window, wait_idle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
OCR_MS = 60000  # a page reads in about a second; a loaded machine is slower


class PaintCounter(QObject):
    """Notes when the page view paints."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.times: list[float] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.times.append(time.perf_counter())
        return False

    def between(self, start: float, end: float) -> tuple[int, float]:
        """Paints from ``start`` to ``end`` and the longest wait for one (edges included)."""
        inside = [t for t in self.times if start <= t <= end]
        marks = [start, *inside, end]
        return len(inside), max(b - a for a, b in zip(marks, marks[1:]))


def stored_files(folder: Path) -> list[str]:
    """Every file the register keeps beside itself (stored copies, parts), but its database."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and not p.name.startswith("register.sqlite"))


def test_a_scan_is_read_in_the_background_and_the_window_keeps_painting(qtbot, window, scan):
    counter = PaintCounter(window.viewer.viewport())
    ticker = QTimer(window, interval=20)  # the window asks to repaint, as scrolling would
    ticker.timeout.connect(window.viewer.viewport().update)
    ticker.start()
    progress: list[tuple[int, int, float]] = []
    window.review_panel.file_papers.ocr_progress.connect(
        lambda d, n: progress.append((d, n, time.perf_counter())))
    with responsive() as watch, qtbot.waitSignal(window.ocr.read_done, timeout=OCR_MS) as done:
        assert window.open_path(scan.scan)
        qtbot.waitUntil(lambda: window.ocr.reading, timeout=10000)
        assert window.banner.isVisible() and window.banner.text() == B.READING_TEXT
    ticker.stop()
    assert watch.gaps  # the GUI thread's timer kept ticking while the scan was read
    assert done.args == [1]
    assert [p[:2] for p in progress] == [(0, 1), (1, 1)]
    # While OCR read the page (a second or so), the window kept painting.
    count, longest = counter.between(progress[0][2], progress[-1][2])
    assert count >= 5, count
    assert longest < 0.5, longest
    assert window.banner.text().startswith("Read by OCR (1 page)")
    # The register keeps the paper, with its words.
    register = window.workspace.register
    papers = register.list_papers()
    assert [p.reference for p in papers] == ["PCD 1234"]
    docs = register.documents(papers[0].id)
    assert set(register.ocr_pages(docs[0].id)) == {0}


def test_find_selection_and_copy_work_on_the_scan(qtbot, window, scan):
    with qtbot.waitSignal(window.ocr.read_done, timeout=OCR_MS):
        window.open_path(scan.scan)
    bar = window.find_bar
    bar.open_bar()
    with qtbot.waitSignal(bar.results_changed, timeout=10000) as found:
        bar.search("Custody Estate Renewal")
    assert found.args[1] >= 1
    hit = window.viewer.find_results()[0]
    assert hit.index == 0
    rect = hit.rects[0]
    want = find_rect(scan.typeset, 0, "Custody Estate Renewal")
    assert near((rect.x0, rect.y0, rect.x1, rect.y1), want, lean=0.6, tolerance=3.0), (rect,
                                                                                          want)
    # Selecting the found words and copying them gives the words, as on a typeset page.
    window.viewer.select(0, hit.start, hit.end)
    assert window.viewer.selected_text() == "Custody Estate Renewal"
    assert window.viewer.copy()
    assert window.viewer.page_text(0).text[hit.start:hit.end] == "Custody Estate Renewal"


def test_reopening_a_scan_takes_the_registers_words_without_reading_again(qtbot, window,
                                                                            scan):
    with qtbot.waitSignal(window.ocr.read_done, timeout=OCR_MS):
        window.open_path(scan.scan)
    window.close_document()
    wait_idle(qtbot)
    progress: list[tuple[int, int]] = []
    window.review_panel.file_papers.ocr_progress.connect(lambda d, n: progress.append((d, n)))
    with qtbot.waitSignal(window.ocr.read_done, timeout=10000):
        window.open_path(scan.scan)
    assert progress == []
    assert "PCD 1234" in window.viewer.page_text(0).text
    qtbot.waitUntil(lambda: window.banner.text().startswith("Read by OCR"), timeout=5000)


def test_cancel_leaves_nothing_written(qtbot, window, scan, tmp_path):
    folder = tmp_path / "register"
    before = stored_files(folder)
    window.open_path(scan.scan)
    qtbot.waitUntil(lambda: window.ocr.reading and window.banner.cancel_button.isVisible(),
                    timeout=10000)
    window.banner.cancel_button.click()
    assert window.banner.text() == B.STOPPED_TEXT
    assert window.banner.read_button.isVisible()
    wait_idle(qtbot)
    assert window.workspace.register.list_papers() == []
    assert stored_files(folder) == before
    assert window.viewer.ocr_texts() == {}
    # Asking again reads it.
    with qtbot.waitSignal(window.ocr.read_done, timeout=OCR_MS):
        window.banner.read_button.click()
    assert [p.reference for p in window.workspace.register.list_papers()] == ["PCD 1234"]


def test_never_shows_the_banner_only(qtbot, settings, tmp_path, scan):
    set_ocr_mode(NEVER)
    (tmp_path / "register").mkdir()
    window = open_window(qtbot, tmp_path / "register" / "register.sqlite")
    progress: list[tuple[int, int]] = []
    window.review_panel.file_papers.ocr_progress.connect(lambda d, n: progress.append((d, n)))
    with qtbot.waitSignal(window.text_layer_checked):
        window.open_path(scan.scan)
    assert window.banner.isVisible() and window.banner.text() == B.NEVER_TEXT
    assert not window.banner.read_button.isVisible()
    assert not window.ocr.reading
    wait_idle(qtbot)
    assert progress == [] and window.viewer.ocr_texts() == {}
    assert window.workspace.register.list_papers() == []
    window.close_document()


def test_ask_reads_when_the_clerk_says(qtbot, settings, tmp_path, scan):
    set_ocr_mode(ASK)
    (tmp_path / "register").mkdir()
    window = open_window(qtbot, tmp_path / "register" / "register.sqlite")
    with qtbot.waitSignal(window.text_layer_checked):
        window.open_path(scan.scan)
    # Whether the engine loads is found off the GUI thread, then the banner asks.
    qtbot.waitUntil(lambda: window.banner.text() == B.ASK_TEXT, timeout=10000)
    assert window.banner.read_button.isVisible()
    wait_idle(qtbot)
    assert window.workspace.register.list_papers() == []  # nothing read, nothing imported
    with qtbot.waitSignal(window.ocr.read_done, timeout=OCR_MS):
        window.banner.read_button.click()
    assert [p.reference for p in window.workspace.register.list_papers()] == ["PCD 1234"]
    window.close_document()


def test_without_a_register_the_open_scan_is_read_for_find(qtbot, settings, scan):
    window = open_window(qtbot)
    with qtbot.waitSignal(window.ocr.read_done, timeout=OCR_MS):
        window.open_path(scan.scan)
    bar = window.find_bar
    bar.open_bar()
    with qtbot.waitSignal(bar.results_changed, timeout=10000) as found:
        bar.search("PCD 1234")
    assert found.args[1] >= 1 and window.viewer.find_results()[0].index == 0
    window.close_document()


def test_the_registers_copy_is_the_scan_as_it_came(qtbot, window, scan, tmp_path):
    from mopac_desk.files import file_sha256

    with qtbot.waitSignal(window.ocr.read_done, timeout=OCR_MS):
        window.open_path(scan.scan)
    wait_idle(qtbot)
    with Register(tmp_path / "register" / "register.sqlite") as reg:
        paper = reg.list_papers()[0]
        assert file_sha256(paper.stored_path) == file_sha256(scan.scan)
