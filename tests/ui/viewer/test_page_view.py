"""The page view on the real papers: rendering, find, mouse selection, zoom, highlights."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from mopac_desk.pdf import PaperDocument
from ui.viewer import FindBar, PageView, RenderService

# The offscreen platform cannot resize to contents, raise or grab; Qt warns that it cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def view(qtbot):
    v = PageView()
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    yield v
    doc = v.document()
    v.set_document(None)
    if doc is not None:
        doc.close()


def open_in(view: PageView, path: Path) -> PaperDocument:
    doc = PaperDocument.open(path)
    view.set_document(doc)
    return doc


def wait_rendered(qtbot, view: PageView) -> None:
    qtbot.waitUntil(lambda: all(view.is_rendered(i) for i in view.visible_pages()), timeout=10000)


def test_scroll_to_last_page_renders_it(qtbot, view: PageView, paper_path: Path) -> None:
    doc = open_in(view, paper_path)
    wait_rendered(qtbot, view)
    assert view.current_page() == 0
    assert not view.is_rendered(doc.page_count - 1)  # lazy: far pages wait until seen
    with qtbot.waitSignal(view.current_page_changed):
        view.last_page()
    last = doc.page_count - 1
    assert last in view.visible_pages()
    qtbot.waitUntil(lambda: view.is_rendered(last), timeout=10000)
    assert view.current_page() == last
    # The painted page is the rendered page, not a grey placeholder: dark text pixels exist.
    image = view.viewport().grab().toImage()
    assert any(QColor(image.pixel(x, y)).lightness() < 80
               for x in range(0, image.width(), 3) for y in range(0, image.height(), 7))


def test_scroll_to_an_item_moves_sideways_only_as_far_as_needed(qtbot, view: PageView,
                                                                 pcd977: Path) -> None:
    doc = open_in(view, pcd977)
    view.set_zoom(2.0)
    wait_rendered(qtbot, view)
    width = doc.page_sizes[1][0]
    item = [width - 140, 400, width - 90, 412]  # near the right margin of page 2
    view.scroll_to(1, item)
    bar = view.horizontalScrollBar()
    on_screen = view.map_rect_from_pdf(1, item)  # viewport pixels: the page's x less the bar
    left, w = on_screen.left() + bar.value(), on_screen.width()
    assert bar.value() <= left and left + w <= bar.value() + view.viewport().width()
    assert bar.value() == round(left + w + 20 - view.viewport().width())
    view.scroll_to(1, [60, 400, 90, 412])  # back at the left margin
    assert view.map_rect_from_pdf(1, (60, 400, 90, 412)).left() >= 0


def test_find_counts_hits_and_steps(qtbot, view: PageView, paper_path: Path) -> None:
    doc = open_in(view, paper_path)
    bar = FindBar(view)
    qtbot.addWidget(bar)
    expected = len(doc.find("MOPAC"))
    bar.open_bar()
    bar.search("MOPAC")
    qtbot.waitUntil(lambda: bar.hit_count() == expected and not bar.searching, timeout=10000)
    assert bar.label.text() == f"1 of {expected}"
    assert len(view.find_results()) == expected
    bar.find_next()
    assert bar.label.text() == f"2 of {expected}"
    bar.find_previous()
    bar.find_previous()
    assert bar.label.text() == f"{expected} of {expected}"  # wraps round
    hit = view.find_results()[expected - 1]
    assert hit.index in view.visible_pages()
    bar.search("no such phrase anywhere")
    qtbot.waitUntil(lambda: bar.label.text() == "No matches", timeout=10000)
    assert view.find_results() == []


def test_mouse_selection_copies_the_sentence(qtbot, view: PageView, pcd977: Path) -> None:
    open_in(view, pcd977)
    wait_rendered(qtbot, view)
    pt = view.page_text(0)
    phrase = "This decision concerns the refresh of laptop"
    start = pt.text.index(phrase)
    end = start + len(phrase)
    l, b, r, t = pt.boxes[start]
    press = view.map_from_pdf(0, l + 0.5, (b + t) / 2).toPoint()
    l, b, r, t = pt.boxes[end - 1]
    release = view.map_from_pdf(0, r - 0.5, (b + t) / 2).toPoint()
    with qtbot.waitSignal(view.selection_changed) as changed:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=press)
        qtbot.mouseMove(view.viewport(), pos=QPoint((press.x() + release.x()) // 2, press.y()))
        qtbot.mouseMove(view.viewport(), pos=release)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=release)
    assert changed.args == [phrase]
    page, s, e, rects = view.selection()
    assert (page, s, e) == (0, start, end) and len(rects) == 1
    QApplication.clipboard().clear()
    assert view.copy()
    assert QApplication.clipboard().text() == phrase


def test_multi_line_selection_keeps_line_breaks(qtbot, view: PageView, pcd977: Path) -> None:
    open_in(view, pcd977)
    pt = view.page_text(0)
    start = pt.text.index("used by MPS officers")
    end = pt.text.index("end of life") + len("end of life")
    view.select(0, start, end)
    text = view.selected_text()
    assert text.startswith("used by MPS officers and") and text.endswith("end of life")
    assert "\n" in text and "\r" not in text
    assert len(view.selection()[3]) == 2  # one rectangle per line


def test_zoom_keeps_the_reading_position(qtbot, view: PageView, pcd977: Path) -> None:
    open_in(view, pcd977)
    view.scroll_to(3)
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 150)
    probe = QPoint(view.viewport().width() // 2, 10)
    page, _x, y = view.pdf_point_at(probe)
    assert page == 3
    for action in (view.zoom_in, view.zoom_in, view.zoom_out, view.fit_page, view.actual_size):
        with qtbot.waitSignal(view.zoom_changed):
            action()
        assert view.current_page() == 3
        page_after, _x, y_after = view.pdf_point_at(QPoint(view.viewport().width() // 2, 10))
        if view.fit_mode() == view.FIT_NONE:
            assert page_after == 3 and abs(y_after - y) < 2.0
    assert view.zoom() == 1.0


def test_ctrl_wheel_zooms(qtbot, view: PageView, pcd977: Path) -> None:
    open_in(view, pcd977)
    before = view.zoom()
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    pos = QPointF(200, 200)
    event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() > before


def test_highlights_paint_and_report_clicks(qtbot, view: PageView, pcd977: Path) -> None:
    open_in(view, pcd977)
    wait_rendered(qtbot, view)
    hit = PaperDocument.find(view.document(), "£14,700,000")[0]
    rect = hit.rects[0]
    view.set_highlights("review", [(hit.index, [rect], QColor(255, 230, 0), {"cost": 1})])
    assert view.highlight_keys() == ["review"]
    centre = view.map_from_pdf(hit.index, (rect.x0 + rect.x1) / 2,
                                (rect.y0 + rect.y1) / 2).toPoint()
    image = view.viewport().grab().toImage()
    painted = QColor(image.pixel(centre))
    assert painted.blue() < 60 and painted.red() > 200  # yellow over white paper
    qtbot.mouseMove(view.viewport(), pos=centre)
    assert view.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    with qtbot.waitSignal(view.highlight_clicked) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert clicked.args == ["review", {"cost": 1}]
    view.clear_highlights("review")
    assert view.highlight_keys() == []


def test_stale_renders_are_dropped_and_cache_is_bounded(qtbot, pcd977: Path) -> None:
    with PaperDocument.open(pcd977) as doc:
        service = RenderService(budget_bytes=3 * 1024 * 1024)
        service.set_document(doc)
        service.set_scale(1.0)
        service.request(list(range(8)))
        service.set_scale(0.75)  # everything asked at 1.0 is now stale
        service.request(list(range(8)))
        qtbot.waitUntil(lambda: not service.is_pending(), timeout=10000)
        keys = service.cached_keys()
        assert keys and all(scale == 0.75 for _i, scale in keys)
        assert service.cached_bytes <= 3 * 1024 * 1024
        assert len(keys) < 8  # 8 pages at 0.75 do not fit in 3 MB: the oldest went
        assert service.image(7) is not None
        service.set_document(None)


def test_context_menu_can_be_extended(qtbot, view: PageView, pcd977: Path) -> None:
    from PySide6.QtGui import QAction, QContextMenuEvent

    open_in(view, pcd977)
    extra = QAction("Tag as cost", view)
    view.add_context_action(extra)
    pt = view.page_text(0)
    i = pt.text.index("PCD 977")
    l, b, r, t = pt.boxes[i]
    pos = view.map_from_pdf(0, (l + r) / 2, (b + t) / 2).toPoint()
    view.select(0, i, i + 7)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    with qtbot.waitSignal(view.context_menu_requested) as requested:
        QApplication.sendEvent(view.viewport(), event)
    menu, page, x, y = requested.args
    assert page == 0 and l <= x <= r and b <= y <= t
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Copy" and menu.actions()[0].isEnabled()
    assert "Tag as cost" in texts
    menu.close()


def test_escape_closes_the_find_bar(qtbot, view: PageView, pcd977: Path) -> None:
    open_in(view, pcd977)
    bar = FindBar(view)
    qtbot.addWidget(bar)
    bar.open_bar()
    bar.search("MOPAC")
    qtbot.waitUntil(lambda: bar.hit_count() > 0, timeout=10000)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert view.find_results() == []


def test_dragging_below_the_view_scrolls_and_extends_the_selection(qtbot, view: PageView,
                                                                   pcd977: Path) -> None:
    open_in(view, pcd977)
    view.set_zoom(2.0)
    view.scroll_to(0)
    pt = view.page_text(0)
    i = pt.text.index("Executive Summary")
    l, b, r, t = pt.boxes[i]
    press = view.map_from_pdf(0, l + 0.5, (b + t) / 2).toPoint()
    below = QPoint(press.x(), view.viewport().height() + 40)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=press)
    qtbot.mouseMove(view.viewport(), pos=below)
    start = view.verticalScrollBar().value()
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > start + 200, timeout=5000)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=below)
    text = view.selected_text()
    assert text.startswith("Executive Summary") and text.count("\n") >= 3


def test_page_keys_in_the_view(qtbot, view: PageView, pcd977: Path) -> None:
    open_in(view, pcd977)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_page() == 1
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current_page() == 7
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.current_page() == 6
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current_page() == 0
    before = view.verticalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.verticalScrollBar().value() > before


def test_churn_of_zoom_scroll_and_papers_settles(qtbot, view: PageView, paper_path: Path,
                                                 pcd977: Path) -> None:
    """Zooms, scrolls and paper swaps in quick succession: nothing stale is ever shown."""
    import random

    rng = random.Random(977)
    docs = [PaperDocument.open(paper_path), PaperDocument.open(pcd977)]
    try:
        view.set_document(docs[0])
        for step in range(150):
            choice = rng.random()
            if choice < 0.3:
                view.set_zoom(rng.uniform(0.3, 3.0))
            elif choice < 0.7:
                bar = view.verticalScrollBar()
                bar.setValue(rng.randint(0, bar.maximum()))
            elif choice < 0.8:
                view.set_document(docs[step % 2])
            else:
                view.fit_width()
            QApplication.processEvents()
            assert 0 <= view.current_page() < view.page_count
        wait_rendered(qtbot, view)
        scale = view.render_service.scale
        for i in view.visible_pages():
            image = view.render_service.image(i)
            w, h = view.document().page_size(i)
            assert abs(image.width() - w * scale) <= 1.5 and abs(image.height() - h * scale) <= 1.5
    finally:
        view.set_document(None)
        for d in docs:
            d.close()


def test_selection_can_cross_a_page_break(qtbot, view: PageView, pcd977: Path) -> None:
    doc = open_in(view, pcd977)
    view.set_zoom(0.4)  # pages 1 and 2 both on screen
    first, second = view.page_text(0), view.page_text(1)
    last_word = first.text.rstrip().split()[-1]
    start = first.text.rindex(last_word)
    phrase_2 = doc.text(1).split("\n")[1][:12]
    end = second.text.index(phrase_2) + len(phrase_2)
    l, b, r, t = first.boxes[start]
    press = view.map_from_pdf(0, l + 0.2, (b + t) / 2).toPoint()
    l, b, r, t = second.boxes[end - 1]
    release = view.map_from_pdf(1, r - 0.2, (b + t) / 2).toPoint()
    assert view.viewport().rect().contains(release)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=press)
    qtbot.mouseMove(view.viewport(), pos=release)
    with qtbot.waitSignal(view.selection_changed) as changed:
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=release)
    text = changed.args[0]
    assert text.startswith(last_word) and text.endswith(phrase_2)
    spans = view.selection_spans()
    assert [s[0] for s in spans] == [0, 1]
    assert view.selection()[0] == 0


def test_marks_sit_on_the_text_of_a_turned_page(qtbot, view: PageView, tmp_path: Path,
                                                pcd977: Path) -> None:
    import pikepdf

    turned = tmp_path / "turned.pdf"
    with pikepdf.open(pcd977) as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(turned)
    doc = open_in(view, turned)
    view.fit_page()
    wait_rendered(qtbot, view)
    hit = doc.find("PCD 977")[0]
    assert hit.index == 0
    # The mapped rectangle is taller than wide: the text runs down the turned page ...
    box = view.map_rect_from_pdf(0, hit.rects[0])
    assert box.height() > box.width()
    # ... and covers dark text pixels of the rendered page.
    image = view.viewport().grab().toImage()
    dark = [QColor(image.pixel(int(box.left() + dx), int(box.top() + dy))).lightness() < 100
            for dx in range(int(box.width())) for dy in range(int(box.height()))]
    assert sum(dark) > len(dark) * 0.1
    # Clicking on it finds the same characters.
    centre = box.center().toPoint()
    page, x, y = view.pdf_point_at(centre)
    assert page == 0 and hit.rects[0].contains(x, y)


def test_find_in_a_long_paper_runs_in_the_background(qtbot, view: PageView, tmp_path: Path,
                                                     pcd977: Path) -> None:
    import pikepdf

    long_paper = tmp_path / "long.pdf"
    with pikepdf.open(pcd977) as src, pikepdf.new() as out:
        for _ in range(30):
            out.pages.extend(src.pages)
        out.save(long_paper)
    doc = open_in(view, long_paper)
    assert doc.page_count == 240
    with PaperDocument.open(pcd977) as one:
        per_copy = len(one.find("laptop"))
    bar = FindBar(view)
    qtbot.addWidget(bar)
    bar.open_bar()
    bar.search("laptop")
    assert bar.searching and bar.label.text() == "Searching…"  # returned before the result
    qtbot.waitUntil(lambda: not bar.searching, timeout=30000)
    assert bar.hit_count() == 30 * per_copy
    assert bar.label.text() == f"1 of {30 * per_copy}"
