"""A paper's first page first (issue #18): it goes to the PDFium thread alone and is painted
as soon as it is in; the other pages and the rest of the file's stream check follow it, and
a file refused by that check is closed with one plain message."""

from __future__ import annotations

from pathlib import Path

import pytest

from mopac_desk.pdf import PaperDocument
from tests.helpers import bad_pdfs, bomb_pdfs
from ui.main_window import MainWindow
from ui.viewer import PageView, ThumbnailList
from ui.viewer.geometry import PAGE_GAP
from ui.viewer.render_service import RenderService

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_first_page_goes_alone_and_the_rest_follow_it(qtbot) -> None:
    service = RenderService()
    with PaperDocument.open(bad_pdfs.FIXTURE_PAPER, check_later=True) as doc:
        service.set_document(doc)
        service.set_scale(0.3)
        service.request([0, 1, 2])
        assert service._pending.keys() == {0}  # nothing else competes with page 1
        with qtbot.waitSignal(service.page_ready) as ready:
            pass
        assert ready.args == [0]
        qtbot.waitUntil(lambda: all(service.image(i) is not None for i in (0, 1, 2)))
        assert doc.rest_checked.result(timeout=5) is None  # asked for after page 1
        service.request([3, 4])  # from now on, pages go as asked
        assert service._pending.keys() == {3, 4}
        qtbot.waitUntil(lambda: not service.is_pending())
        service.set_document(None)


def test_the_window_shows_page_1_then_closes_a_file_refused_past_it(
        qtbot, settings, tmp_path: Path) -> None:
    window = MainWindow()
    window.messenger.interactive = False
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    with qtbot.waitSignal(window.messenger.shown, timeout=10_000) as shown:
        assert window.open_path(bomb_pdfs.bomb_on_page_2_pdf(tmp_path))
    level, _title, text = shown.args
    assert level == "error" and "more than a paper may cost" in text
    assert "not opened" in text
    assert window.document is None


def test_the_window_opens_an_ordinary_paper_checked_whole_after_page_1(
        qtbot, settings) -> None:
    window = MainWindow()
    window.messenger.interactive = False
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(bad_pdfs.FIXTURE_PAPER)
    doc = window.document
    qtbot.waitUntil(lambda: window.viewer.is_rendered(0))
    qtbot.waitUntil(doc.rest_checked.done, timeout=10_000)  # queued once page 1 is shown
    assert doc.rest_checked.result() is None
    assert window.document is doc
    window.close_document()


def test_the_first_page_awaited_is_delivered_once_without_the_event_queue(qtbot) -> None:
    service = RenderService(first_wait=10.0)
    ready: list[int] = []
    service.page_ready.connect(ready.append)
    with PaperDocument.open(bad_pdfs.FIXTURE_PAPER) as doc:
        service.set_document(doc)
        service.set_scale(0.3)
        service.request([0, 1])
        service.await_first()
        assert ready == [0] and service.image(0) is not None  # before any event is processed
        qtbot.waitUntil(lambda: service.image(1) is not None)
        assert ready == [0, 1]  # page 0's queued copy of its delivery was dropped
        assert service.cached_bytes == sum(
            service.image(i).sizeInBytes() for i in (0, 1))
        service.set_document(None)


def test_the_other_pages_sizes_follow_page_1_without_moving_the_page_in_view(
        qtbot, tmp_path: Path) -> None:
    """Opened first page first, a paper is laid out with page 1's size for every page; the
    real sizes (page 3 a landscape sheet) are read after page 1 and the view is laid out
    again around the page at the top; the thumbnails wait for them."""
    view = PageView()
    thumbs = ThumbnailList(view)
    qtbot.addWidget(view)
    qtbot.addWidget(thumbs)
    view.resize(700, 600)
    view.show()
    qtbot.waitExposed(view)
    path = bad_pdfs.landscape_page_pdf(tmp_path)
    with PaperDocument.open(path, check_later=True) as doc:
        with qtbot.waitSignal(view.page_sizes_read, timeout=10_000):
            view.set_document(doc)
            first = view.map_rect_from_pdf(0, [0, 0, *doc.page_size(0)])
            sheet = view.map_rect_from_pdf(2, [0, 0, 10, 10])
            assert sheet.width() == pytest.approx(first.width() * 10 / doc.page_size(0)[0])
            assert thumbs.model().rowCount() == 0  # not before the sizes
            view.scroll_to(1)
            top = view.map_from_pdf(1, 0, doc.page_size(1)[1]).y()
        assert doc.sizes_read and view.current_page() == 1
        # still at the top (the zoom that fits the sheet's width scales the gap's part)
        assert view.map_from_pdf(1, 0, doc.page_size(1)[1]).y() == pytest.approx(
            top, abs=PAGE_GAP / 2)
        w, h = doc.page_size(2)
        sheet = view.map_rect_from_pdf(2, [0, 0, w, h])
        assert sheet.width() > sheet.height()  # laid out at its own size now
        assert thumbs.model().rowCount() == doc.page_count
        view.set_document(None)
