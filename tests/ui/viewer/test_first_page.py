"""A paper's first page first (issue #18): it goes to the PDFium thread alone and is painted
as soon as it is in; the other pages and the rest of the file's stream check follow it, and
a file refused by that check is closed with one plain message."""

from __future__ import annotations

import math
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


def test_a_tall_first_page_is_painted_as_far_as_the_view_first_in_its_final_pixels(
        qtbot) -> None:
    """The view's first paint draws page 1 down to the bottom of the view (the rows below
    follow into the same pixels): what the clerk sees first is what stays."""
    view = PageView()
    qtbot.addWidget(view)
    view.resize(700, 400)  # fitted to the width, an A4 page is twice as tall as this
    view.show()
    qtbot.waitExposed(view)
    first_views: list = []

    def seen(index: int) -> None:  # after the view's own repaint for the part
        first_views.append((view.is_shown(0), view.is_rendered(0), view.viewport().grab()))

    view.render_service.part_ready.connect(seen)
    with PaperDocument.open(bad_pdfs.FIXTURE_PAPER, check_later=True) as doc:
        view.set_document(doc)
        assert view.is_rendered(0)  # the rest was awaited too
        [(shown, whole, part_grab)] = first_views
        assert shown and not whole
        part = view.render_service.image(0)
        assert part.height() > view.viewport().height()  # the page is taller than the view
        view.viewport().repaint()
        assert view.viewport().grab().toImage() == part_grab.toImage()
        view.set_document(None)


def test_a_first_page_that_fits_the_view_is_drawn_whole_at_once(qtbot) -> None:
    view = PageView()
    qtbot.addWidget(view)
    view.resize(300, 1200)
    view.show()
    qtbot.waitExposed(view)
    parts: list[int] = []
    view.render_service.part_ready.connect(parts.append)
    with PaperDocument.open(bad_pdfs.FIXTURE_PAPER, check_later=True) as doc:
        view.set_document(doc)
        assert view.is_rendered(0) and parts == []
        view.set_document(None)


def test_a_first_page_part_arriving_through_the_queue_is_followed_by_the_rest(qtbot) -> None:
    """Without the wait (a slow page, or the thumbnails' service), the part and the rest
    arrive as signals; the pages held back follow the whole page."""
    service = RenderService()
    parts: list[int] = []
    service.part_ready.connect(parts.append)
    with PaperDocument.open(bad_pdfs.FIXTURE_PAPER, check_later=True) as doc:
        service.set_document(doc)
        service.set_scale(1.0)
        service.set_first_rows(200)
        service.request([0, 1])
        qtbot.waitUntil(lambda: service.image(0) is not None and service.image(1) is not None)
        assert parts == [0] and service.part_image(0) is None  # the part is let go of
        whole = service.image(0)
        assert whole.height() == math.ceil(doc.page_size(0)[1])  # all of it, at scale 1
        assert whole.pixel(10, whole.height() - 10) != 0  # the rows below drawn (not black)
        service.set_document(None)
