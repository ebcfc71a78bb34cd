"""Each compare side is first-class: it draws its paper's annotations from the register,
takes new ones (saved for that side's paper, undoable, listed in the Annotations panel), is
the one the review panel marks when the reader is in it, and has its own page, zoom and find.
Real fixture papers in a real register file; the window on screen for focus and keys."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.helpers.register_window import IAM_REPORT, PCD977, review_window
from ui.panels.review_panel import HIGHLIGHT_KEY

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@contextmanager
def side_by_side(qtbot, tmp_path):
    """(window, ids by file name): PCD 977 open in the window, the IAM report chosen beside
    it (left, the earlier), both sides knowing their register papers."""
    with review_window(qtbot, tmp_path, papers=(PCD977, IAM_REPORT), shown=True) as (
            window, _panel):
        register = window.workspace.register
        ids = {p.file_name: p.id for p in register.list_papers()}
        with qtbot.waitSignal(window.compare.compared, timeout=30_000):
            assert window.compare.compare_with(IAM_REPORT)
        review = window.compare.review
        qtbot.waitUntil(lambda: all(layer.papers for layer in review.layers.values()),
                        timeout=10_000)
        view = window.compare.view
        qtbot.waitUntil(lambda: all(v.visible_pages() and v.is_rendered(v.visible_pages()[0])
                                    for v in (view.old_view, view.new_view)), timeout=20_000)
        try:
            yield window, ids
        finally:
            window.compare.close()


def _select_phrase(view, phrase: str) -> int:
    hit = view.document().find(phrase)[0]
    pt = view.page_text(hit.index)
    start = pt.text.find(phrase)
    if start < 0:  # the phrase breaks over a line in the text layer
        start = pt.text.replace("\r\n", " ").find(phrase)
    view.select(hit.index, start, start + len(phrase))
    return hit.index


def _point(view, page: int, x: float, y: float) -> QPoint:
    return view.map_from_pdf(page, x, y).toPoint()


def test_a_highlight_on_the_right_side_is_the_right_papers(qtbot, tmp_path):
    with side_by_side(qtbot, tmp_path) as (window, ids):
        view, register = window.compare.view, window.workspace.register
        controller, stack = window.annotations, window.workspace.undo_stack
        view.old_view.setFocus()  # in the left side first: the tools follow the reader
        qtbot.waitUntil(lambda: controller.viewer is view.old_view)
        view.new_view.setFocus()
        qtbot.waitUntil(lambda: controller.viewer is view.new_view)
        page = _select_phrase(view.new_view, "End User Device")
        window.actions_by_id["annotate.highlight"].trigger()
        [a] = register.list_annotations(ids[PCD977.name])
        assert (a.kind, a.quote, a.page) == ("highlight", "End User Device", page + 1)
        assert register.list_annotations(ids[IAM_REPORT.name]) == []
        # Drawn on the right side only, listed in the Annotations panel.
        review = window.compare.review
        assert [x.id for x in review.layers["new"].canvas.annotations()] == [a.id]
        assert review.layers["old"].canvas.annotations() == []
        assert [x.id for x in controller.panel.shown()] == [a.id]
        stack.undo()
        assert register.list_annotations(ids[PCD977.name]) == []
        assert review.layers["new"].canvas.annotations() == []
        stack.redo()
        assert [x.id for x in register.list_annotations(ids[PCD977.name])] == [a.id]


def test_the_left_side_takes_notes_by_mouse_moves_and_deletes_them(qtbot, tmp_path):
    with side_by_side(qtbot, tmp_path) as (window, ids):
        view, register = window.compare.view, window.workspace.register
        left, iam = view.old_view, ids[IAM_REPORT.name]
        controller = window.annotations
        view.new_view.setFocus()
        window.actions_by_id["annotate.note"].trigger()
        page = left.visible_pages()[0]
        w, h = left.document().page_size(page)
        QTest.mouseClick(left.viewport(), Qt.MouseButton.LeftButton,
                         pos=_point(left, page, w / 2, h / 2))
        qtbot.waitUntil(lambda: len(register.list_annotations(iam)) == 1)
        [note] = register.list_annotations(iam)
        assert note.kind == "note" and note.page == page + 1
        assert register.list_annotations(ids[PCD977.name]) == []
        assert controller.viewer is left  # the click put the left side in use
        assert [x.id for x in controller.panel.shown()] == [note.id]
        # Moved by dragging it with the select tool.
        window.actions_by_id["annotate.select"].trigger()
        x0, y0, x1, y1 = note.rects[0]
        start = _point(left, page, (x0 + x1) / 2, (y0 + y1) / 2)
        end = start + QPoint(40, 30)
        QTest.mousePress(left.viewport(), Qt.MouseButton.LeftButton, pos=start)
        QTest.mouseMove(left.viewport(), end)
        QTest.mouseRelease(left.viewport(), Qt.MouseButton.LeftButton, pos=end)
        qtbot.waitUntil(lambda: register.get_annotation(note.id).rects != note.rects)
        moved = register.get_annotation(note.id).rects[0]
        assert moved[0] > x0 + 20 and moved[1] < y0 - 15  # right and down the page
        # Deleted with the key, on that side; undo brings it back.
        left.setFocus()
        QTest.keyClick(left, Qt.Key.Key_Delete)
        assert register.list_annotations(iam) == []
        window.workspace.undo_stack.undo()
        assert [x.id for x in register.list_annotations(iam)] == [note.id]


def test_each_side_draws_its_papers_annotations(qtbot, tmp_path):
    with review_window(qtbot, tmp_path, papers=(PCD977, IAM_REPORT), shown=True) as (
            window, _panel):
        register = window.workspace.register
        ids = {p.file_name: p.id for p in register.list_papers()}
        red, blue = "#ff0000", "#0000ff"
        box = [[100.0, 500.0, 400.0, 560.0]]
        for name, colour in ((PCD977.name, red), (IAM_REPORT.name, blue)):
            register.add_annotation(ids[name], 1, "highlight", text="", rects=box,
                                    colour=colour, who="Priya Shah")
        with qtbot.waitSignal(window.compare.compared, timeout=30_000):
            assert window.compare.compare_with(IAM_REPORT)
        view, review = window.compare.view, window.compare.review
        qtbot.waitUntil(lambda: all(len(layer.canvas.annotations()) == 1
                                    for layer in review.layers.values()), timeout=10_000)
        for v in (view.old_view, view.new_view):
            v.scroll_to(0, box[0])
        qtbot.waitUntil(lambda: view.old_view.is_rendered(0) and view.new_view.is_rendered(0),
                        timeout=20_000)
        for v, strong in ((view.new_view, "red"), (view.old_view, "blue")):
            image = v.viewport().grab().toImage()
            colour = image.pixelColor(_point(v, 0, 250.0, 530.0))
            other = "blue" if strong == "red" else "red"
            # Drawn in its own paper's colour, over the white page.
            assert getattr(colour, strong)() > getattr(colour, other)() + 60
        window.compare.close()


def test_the_review_panel_marks_the_side_the_reader_is_in(qtbot, tmp_path):
    with side_by_side(qtbot, tmp_path) as (window, ids):
        view, panel = window.compare.view, window.review_panel
        view.new_view.setFocus()
        qtbot.waitUntil(lambda: panel.paper_id == ids[PCD977.name], timeout=10_000)
        assert panel.viewer is view.new_view
        panel.show_section(2)  # Costs: the first one, current, is marked on its page
        costs = panel.costs_view
        costs.setCurrentIndex(costs.model().index(0, 0))
        qtbot.waitUntil(lambda: bool(view.new_view.highlights(HIGHLIGHT_KEY)))
        assert view.old_view.highlights(HIGHLIGHT_KEY) == []
        assert window.viewer.highlights(HIGHLIGHT_KEY) == []  # not the hidden viewer
        page = view.new_view.highlights(HIGHLIGHT_KEY)[0].page
        assert page in view.new_view.visible_pages()  # scrolled there on that side
        # The other side: its paper is reviewed, the marks move with the panel.
        view.old_view.setFocus()
        qtbot.waitUntil(lambda: panel.paper_id == ids[IAM_REPORT.name], timeout=10_000)
        assert panel.viewer is view.old_view
        assert view.new_view.highlights(HIGHLIGHT_KEY) == []
        # Back to the one paper: the panel reviews and marks the window's viewer again.
        window.compare.close()
        qtbot.waitUntil(lambda: panel.paper_id == ids[PCD977.name], timeout=10_000)
        assert panel.viewer is window.viewer
        assert window.annotations.viewer is window.viewer


def test_each_side_has_its_own_zoom_and_page(qtbot, tmp_path):
    with side_by_side(qtbot, tmp_path) as (window, _ids):
        view = window.compare.view
        window.actions_by_id["compare.sync"].setChecked(False)  # each side on its own
        left, right = view.panes["old"], view.panes["new"]
        before = right.view.zoom()
        left.zoom_box.apply("150 %")
        assert left.view.zoom() == pytest.approx(1.5)
        assert right.view.zoom() == before
        assert window.viewer.zoom() != pytest.approx(1.5)
        # The window's page and zoom boxes stand for its own viewer: they give way.
        assert window.page_spin.isHidden() or not window.page_spin.isVisibleTo(window)
        assert not window.zoom_box.isVisibleTo(window)
        # Ctrl+G goes to the page box of the side in use.
        left.view.setFocus()
        QTest.keyClick(left.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        assert left.page_box.hasFocus()
        left.page_box.lineEdit().selectAll()
        QTest.keyClicks(left.page_box, "2")
        QTest.keyClick(left.page_box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: left.view.current_page() == 1)
        assert right.view.current_page() == 0 and right.page_box.value() == 1
        window.compare.close()
        qtbot.waitUntil(lambda: window.zoom_box.isVisibleTo(window))  # the toolbar's layout
        assert window.zoom_box.isEnabled() and window.page_spin.isEnabled()


def test_ctrl_f_finds_on_the_side_in_use(qtbot, tmp_path):
    with side_by_side(qtbot, tmp_path) as (window, _ids):
        view = window.compare.view
        left, right = view.panes["old"], view.panes["new"]
        left.view.setFocus()
        QTest.keyClick(left.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert left.find_bar.isVisible() and not right.find_bar.isVisible()
        QTest.keyClicks(left.find_bar.edit, "OneDrive")
        QTest.keyClick(left.find_bar.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(left.view.find_results()), timeout=10_000)
        assert right.view.find_results() == []
        # F3 and Shift+F3 step through that side's matches.
        first, count = left.find_bar.current_index(), left.find_bar.hit_count()
        assert count > 1
        QTest.keyClick(left.view, Qt.Key.Key_F3)
        assert left.find_bar.current_index() == (first + 1) % count
        QTest.keyClick(left.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
        assert left.find_bar.current_index() == first
        # The find match can be highlighted there, for that side's paper.
        window.actions_by_id["annotate.highlight"].trigger()
        register = window.workspace.register
        iam = window.compare.review.layers["old"].papers[0].id
        qtbot.waitUntil(lambda: len(register.list_annotations(iam)) == 1)
        assert "OneDrive" in register.list_annotations(iam)[0].quote


def test_the_windows_paper_comes_back_as_the_reader_left_it(qtbot, tmp_path):
    with review_window(qtbot, tmp_path, papers=(PCD977, IAM_REPORT), shown=True) as (
            window, _panel):
        viewer = window.viewer
        viewer.set_zoom(1.25)
        viewer.scroll_to(2)
        qtbot.waitUntil(lambda: viewer.current_page() == 2)
        with qtbot.waitSignal(window.compare.compared, timeout=30_000):
            assert window.compare.compare_with(IAM_REPORT)
        right = window.compare.view.new_view
        right.setFocus()
        before, a = right.zoom(), window.actions_by_id
        a["view.zoom_in"].trigger()  # the window's actions act on the side in use (and
        a["go.last"].trigger()       # reach the hidden viewer too)
        assert right.zoom() > before
        window.compare.close()
        assert viewer.zoom() == pytest.approx(1.25)
        qtbot.waitUntil(lambda: viewer.current_page() == 2)


def test_beside_its_previous_version_the_panel_marks_the_current_one(qtbot, tmp_path):
    """Both sides are one paper: its items stand on its current document's pages, so the
    panel marks those whichever side the reader is in; annotations still go on the side in
    use, on that side's document."""
    from dataclasses import replace

    from mopac_desk.register.importer import import_paths
    from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, Style, write_decision
    from tests.helpers.paper_pdf import write_report
    from tests.helpers.register_window import window_with_register

    def paper(path, rep):
        flow = Flow(Style())
        write_decision(flow, DecisionSpec(reference="PCD 1577"))
        write_report(flow, rep)
        return flow.save(path)

    rep = ReportSpec()
    changed = [rep.recommendations[0].replace("£2.025 million", "£2.4 million"),
               *rep.recommendations[1:]]
    v1 = paper(tmp_path / "v1.pdf", rep)
    v2 = paper(tmp_path / "v2.pdf", replace(rep, recommendations=changed))
    with window_with_register(qtbot, tmp_path / "register.sqlite", [v1]) as (window, _b):
        window.messenger.interactive = False
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        register = window.workspace.register
        [outcome] = import_paths(register, [v2])
        pid = outcome.papers[0].id
        with qtbot.waitSignal(window.compare.compared, timeout=30_000):
            assert window.compare.compare_paper(register, pid, previous=True)
        view, review, panel = window.compare.view, window.compare.review, window.review_panel
        qtbot.waitUntil(lambda: all(layer.papers for layer in review.layers.values()),
                        timeout=10_000)
        view.old_view.setFocus()
        qtbot.waitUntil(lambda: window.annotations.viewer is view.old_view)
        assert review.marked_side("old") == "new" and review.marked_side("new") == "new"
        assert panel.viewer is view.new_view and panel.paper_id == pid
        # An annotation made on the left goes on the earlier document.
        _select_phrase(view.old_view, "£2.025 million")
        window.actions_by_id["annotate.highlight"].trigger()
        [a] = register.list_annotations(pid)
        earlier = next(d for d in register.documents(pid) if not d.current)
        assert a.document_id == earlier.id and a.quote == "£2.025 million"
        assert [x.id for x in review.layers["old"].canvas.annotations()] == [a.id]
        assert review.layers["new"].canvas.annotations() == []
        window.compare.close()


def test_capture_from_the_page_takes_the_side_in_use(qtbot, tmp_path):
    with side_by_side(qtbot, tmp_path) as (window, ids):
        view, register, capture = window.compare.view, window.workspace.register, window.capture
        pid, right = ids[PCD977.name], view.new_view
        missed = [c for c in register.get_paper(pid).costs if c.page == 5][1]
        register.delete_cost(missed.id)  # extraction "missed" it: the clerk captures it
        before = {c.id for c in register.get_paper(pid).costs}
        view.old_view.setFocus()
        qtbot.waitUntil(lambda: window.review_panel.paper_id == ids[IAM_REPORT.name])
        right.setFocus()
        qtbot.waitUntil(lambda: window.review_panel.paper_id == pid)
        assert capture.viewer is right
        right.scroll_to(4)
        qtbot.waitUntil(lambda: right.page_text(4) is not None, timeout=10_000)
        phrase = "Spend of £14.7M from approved DP Capital"
        start = right.page_text(4).text.index(phrase)
        right.select(4, start, start + len(phrase))
        assert capture.cost_action.isEnabled()
        capture.cost_action.trigger()
        [new] = [c for c in register.get_paper(pid).costs if c.id not in before]
        assert (new.raw, new.page) == ("£14.7M", 5)
        window.compare.close()
        assert capture.viewer is window.viewer


def test_a_scanned_side_finds_and_marks_by_the_words_the_register_keeps(qtbot, settings,
                                                                          tmp_path):
    from tests.helpers.paper_pdf import Flow, ReportSpec, write_report
    from tests.helpers.register_window import window_with_register
    from tests.unit.ocr.scans import make_scan

    flow = Flow()
    write_report(flow, ReportSpec())
    typeset = flow.save(tmp_path / "typeset.pdf")
    scan = make_scan(typeset, tmp_path / "scan.pdf", dpi=200, lean=0.6, pages=[0])
    with window_with_register(qtbot, tmp_path / "register.sqlite", [scan]) as (window, _b):
        window.messenger.interactive = False
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        register = window.workspace.register
        with qtbot.waitSignal(window.compare.compared, timeout=60_000):
            assert window.compare.open_pair(scan, typeset)
        left = window.compare.view.panes["old"]
        qtbot.waitUntil(lambda: bool(left.view.ocr_texts()), timeout=10_000)
        assert window.compare.view.new_view.ocr_texts() == {}  # typeset: its own text layer
        left.view.setFocus()
        QTest.keyClick(left.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(left.find_bar.edit, "million")
        QTest.keyClick(left.find_bar.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(left.view.find_results()), timeout=10_000)
        window.actions_by_id["annotate.highlight"].trigger()
        pid = window.compare.review.layers["old"].papers[0].id
        [a] = register.list_annotations(pid)
        assert a.kind == "highlight" and "million" in a.quote and a.page == 1
        window.compare.close()
