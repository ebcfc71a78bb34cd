"""The Annotations panel: order, filters, counts, threads, statuses, and the way to the page."""

from __future__ import annotations

import pikepdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip

from mopac_desk.annotations.model import Annotation, Reply
from mopac_desk.review.tags import ensure_register_tag

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _seed(window) -> list[int]:
    """Three comments by two reviewers on the open paper, straight into the register."""
    controller = window.annotations
    paper = controller._papers[0]
    register = window.workspace.register
    made = [
        Annotation(kind="note", page=2, rects=[[300, 700, 320, 720]], author="Tom Reed",
                   contents="Ask finance about the licences", tags=["capital"]),
        Annotation(kind="highlight", page=1, rects=[[72, 600, 200, 612]], author="Priya Shah",
                   quote="End User Device", contents="Title matches the form",
                   status="accepted"),
        Annotation(kind="area", page=1, rects=[[72, 300, 400, 420]], author="Tom Reed",
                   contents="This table needs totals",
                   replies=[Reply(author="Priya Shah", contents="Added in v2")]),
    ]
    ensure_register_tag(register, "capital")
    register.add_annotations(paper.id, made)
    return [a.id for a in register.list_annotations(paper.id)]


def _in_view(view, a) -> bool:
    """The comment is wholly in the view's window on the pages."""
    return view.viewport().rect().contains(view.map_rect_from_pdf(a.page - 1,
                                                                  a.bounds).toRect())


def test_rows_in_page_order_with_counts_and_filters(qtbot, annotating):
    window, controller = annotating
    _seed(window)
    panel = controller.panel
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 3)
    pages = [panel.list.topLevelItem(n).text(0).split(" ·")[0] for n in range(3)]
    assert pages == ["p. 1", "p. 1", "p. 2"]
    # On page 1 the highlight (higher up the page) comes before the area.
    assert "highlight" in panel.list.topLevelItem(0).text(0)
    assert panel.counts.text() == "2 open, 1 accepted"
    assert panel.list.topLevelItem(1).childCount() == 1  # the area's reply
    panel.author_filter.setCurrentIndex(panel.author_filter.findData("Tom Reed"))
    assert panel.list.topLevelItemCount() == 2
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("note"))
    assert panel.list.topLevelItemCount() == 1
    assert panel.counts.text() == "2 open, 1 accepted (showing 1)"
    panel.kind_filter.setCurrentIndex(0)
    panel.author_filter.setCurrentIndex(0)
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("accepted"))
    assert [a.kind for a in panel.shown()] == ["highlight"]
    panel.status_filter.setCurrentIndex(0)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("capital"))
    assert [a.kind for a in panel.shown()] == ["note"]
    panel.tag_filter.setCurrentIndex(0)
    panel.text_filter.setText("added in")  # a reply's words count
    assert [a.kind for a in panel.shown()] == ["area"]


def test_status_reply_edit_and_delete_from_the_panel_are_undoable(qtbot, annotating):
    window, controller = annotating
    ids = _seed(window)
    panel = controller.panel
    register = window.workspace.register
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 3)
    area = next(a for a in controller.annotations() if a.kind == "area")
    panel.select(area.id)
    panel.status.setCurrentIndex(panel.status.findData("completed"))
    panel.status.activated.emit(panel.status.currentIndex())
    assert register.get_annotation(area.id).status == "completed"
    assert panel.counts.text() == "1 open, 1 accepted, 1 completed"
    panel.reply_edit.setText("Totals are in now")
    QTest.keyClick(panel.reply_edit, Qt.Key.Key_Return)
    assert [r.contents for r in register.get_annotation(area.id).replies] == [
        "Added in v2", "Totals are in now"]
    panel.private.setChecked(True)
    assert register.get_annotation(area.id).private
    panel.tags.setText("capital, Legal")
    panel.tags.editingFinished.emit()
    assert register.get_annotation(area.id).tags == ["capital", "legal"]
    # A tagged comment takes its first tag's colour on the page and in the list.
    assert controller.colour_of(register.get_annotation(area.id)) == "#1f77b4"
    panel.tags.setText("not a tag")
    panel.tags.editingFinished.emit()
    assert register.get_annotation(area.id).tags == ["capital", "legal"]
    stack = window.workspace.undo_stack
    for _ in range(4):
        stack.undo()
    back = register.get_annotation(area.id)
    assert (back.status, back.private, back.tags, len(back.replies)) == ("none", False, [], 1)
    panel.select(area.id)
    panel.delete_button.click()
    assert area.id not in [a.id for a in register.list_annotations()]
    stack.undo()
    assert sorted(a.id for a in register.list_annotations()) == sorted(ids)


def test_click_goes_to_the_page_and_a_click_on_the_page_selects_the_row(qtbot, annotating):
    window, controller = annotating
    _seed(window)
    panel, view = controller.panel, window.viewer
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 3)
    window.actions_by_id["annotate.panel"].trigger()  # the dock is a tab behind Review
    qtbot.waitUntil(panel.isVisible)
    note_item = panel.list.topLevelItem(2)
    panel.list.scrollToItem(note_item)
    rect = panel.list.visualItemRect(note_item)
    view.scroll_to(0)
    QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    note = next(a for a in controller.annotations() if a.kind == "note")
    qtbot.waitUntil(lambda: _in_view(view, note))
    assert controller.canvas.selected_id == note.id
    # Back: clicking the highlight on page 1 makes it the panel's row.
    view.scroll_to(0)
    high = next(a for a in controller.annotations() if a.kind == "highlight")
    x0, y0, x1, y1 = high.rects[0]
    pos = view.map_from_pdf(0, (x0 + x1) / 2, (y0 + y1) / 2).toPoint()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert panel.selected_id() == high.id
    assert panel.list.currentItem().data(0, Qt.ItemDataRole.UserRole) == high.id


def test_the_panel_is_reachable_by_keyboard(qtbot, annotating):
    window, controller = annotating
    _seed(window)
    panel = controller.panel
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 3)
    window.viewer.setFocus()
    QTest.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: panel.list.hasFocus())
    QTest.keyClick(panel.list, Qt.Key.Key_Down)
    QTest.keyClick(panel.list, Qt.Key.Key_Down)
    window.viewer.scroll_to(0)
    QTest.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.canvas.selected_id == panel.selected_id() is not None)
    gone = panel.selected_id()
    QTest.keyClick(panel.list, Qt.Key.Key_Delete)
    assert gone not in [a.id for a in controller.annotations()]
    assert len(controller.annotations()) == 2


def test_hover_shows_the_note(qtbot, annotating):
    window, controller = annotating
    _seed(window)
    view = window.viewer
    qtbot.waitUntil(lambda: len(controller.annotations()) == 3)
    high = next(a for a in controller.annotations() if a.kind == "highlight")
    x0, y0, x1, y1 = high.rects[0]
    view.scroll_to(0, high.rects[0])
    pos = view.map_from_pdf(0, (x0 + x1) / 2, (y0 + y1) / 2).toPoint()
    assert view.viewport().rect().contains(pos)
    # Qt drops a move to where the pointer already is: come from somewhere else first.
    QTest.mouseMove(view.viewport(), pos + QPoint(0, 80))
    QTest.mouseMove(view.viewport(), pos)
    qtbot.waitUntil(lambda: "Title matches the form" in QToolTip.text())
    assert "Priya Shah" in QToolTip.text()


def test_a_comment_that_needs_placing_is_marked(qtbot, annotating):
    window, controller = annotating
    paper = controller._papers[0]
    register = window.workspace.register
    [change] = register.add_annotation(paper.id, 1, "note", text="Where did it go?",
                                       rects=[[100, 100, 120, 120]])[:1]
    with register.conn:
        register.conn.execute("UPDATE annotations SET needs_anchor = 1 WHERE id = ?",
                              (change.entity_id,))
    controller.reload()
    assert "needs re-anchoring" in controller.panel.list.topLevelItem(0).text(0)


def test_export_annotated_pdf_reopens_with_every_comment(qtbot, annotating, tmp_path):
    window, controller = annotating
    _seed(window)
    out = tmp_path / "out" / "annotated.pdf"
    out.parent.mkdir()
    with qtbot.waitSignal(controller.exported, timeout=20_000) as blocker:
        controller.export_to(out)
    result = blocker.args[0]
    assert (result.comments, result.replies) == (3, 1)
    with pikepdf.open(out) as pdf:
        subtypes = sorted(str(a.Subtype) for page in pdf.pages for a in page.get("/Annots", [])
                          if str(a.Subtype) != "/Popup")
    assert subtypes.count("/Highlight") == 1 and subtypes.count("/Square") == 1
    assert "/Text" in subtypes


def test_export_to_a_folder_that_does_not_exist_is_one_plain_message(qtbot, annotating,
                                                                     tmp_path):
    window, controller = annotating
    _seed(window)
    with qtbot.waitSignal(controller.export_failed, timeout=20_000) as blocker:
        controller.export_to(tmp_path / "missing" / "out.pdf")
    assert "Traceback" not in blocker.args[0] and blocker.args[0]
    assert not (tmp_path / "missing").exists()


def test_pages_render_without_the_files_own_comments_when_a_register_is_open(annotating):
    window, _controller = annotating
    assert window.document.review_annotations is False
