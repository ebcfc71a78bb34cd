"""Making each kind of annotation with the mouse and with the keyboard, and undoing it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _register(window):
    return window.workspace.register


def _select_phrase(window, phrase: str) -> tuple[int, list]:
    view = window.viewer
    hit = view.document().find(phrase)[0]
    pt = view.page_text(hit.index)
    start = pt.text.find(phrase)
    if start < 0:  # the phrase breaks over a line in the text layer
        start = pt.text.replace("\r\n", " ").find(phrase)
    view.select(hit.index, start, start + len(phrase))
    return hit.index, hit.rects


def _near(rect, expected) -> bool:
    """Within a pixel's worth of points (the mouse lands on whole pixels)."""
    return all(abs(a - b) <= 1.5 for a, b in zip(rect, expected))


def _point(view, page: int, x: float, y: float) -> QPoint:
    return view.map_from_pdf(page, x, y).toPoint()


def test_highlight_of_selected_text_by_keyboard_keeps_its_quote_and_undoes(
        qtbot, annotating, clerk):
    window, controller = annotating
    page, _rects = _select_phrase(window, "End User Device")
    window.viewer.setFocus()
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(controller.annotations()) == 1)
    [a] = _register(window).list_annotations()
    assert (a.kind, a.quote, a.author, a.page) == ("highlight", "End User Device", clerk,
                                                     page + 1)
    assert a.rects and a.created
    assert window.viewer.selected_text() == ""
    stack = window.workspace.undo_stack
    assert stack.undoText() == "Add highlight"
    stack.undo()
    assert _register(window).list_annotations() == []
    assert controller.annotations() == []
    stack.redo()
    [again] = _register(window).list_annotations()
    assert again.id == a.id and again.quote == a.quote


def test_underline_by_dragging_over_text_with_the_tool_on(qtbot, annotating):
    window, controller = annotating
    view = window.viewer
    window.actions_by_id["annotate.underline"].trigger()
    assert controller.canvas.tool == "underline"
    hit = view.document().find("End User Device")[0]
    r = hit.rects[0]
    start = _point(view, hit.index, r.x0 + 0.5, (r.y0 + r.y1) / 2)
    end = _point(view, hit.index, r.x1 - 0.5, (r.y0 + r.y1) / 2)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view.viewport(), end)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: len(controller.annotations()) == 1)
    [a] = controller.annotations()
    assert a.kind == "underline" and "User" in a.quote


def test_strike_out_by_the_menu_with_text_selected(qtbot, annotating):
    window, controller = annotating
    _select_phrase(window, "End User Device")
    window.actions_by_id["annotate.strikeout"].trigger()
    [a] = controller.annotations()
    assert a.kind == "strikeout" and a.quote == "End User Device"
    assert controller.canvas.tool == "select"


def test_note_by_a_click_and_by_return(qtbot, annotating):
    window, controller = annotating
    view = window.viewer
    window.actions_by_id["annotate.note"].trigger()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=_point(view, 0, 300, 500))
    qtbot.waitUntil(lambda: len(controller.annotations()) == 1)
    [a] = controller.annotations()
    assert a.kind == "note" and a.page == 1
    x0, y0, x1, y1 = a.rects[0]
    assert abs(x0 - 300) < 2 and abs(y1 - 500) < 2 and round(x1 - x0) == 20
    # The note's words go in the panel's editor, which has the keyboard now.
    panel = controller.panel
    assert panel.selected_id() == a.id
    panel.contents.setPlainText("Is the device count right?")
    QTest.keyClick(panel.contents, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.annotations()[0].contents
                    == "Is the device count right?")
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(controller.annotations()) == 2)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert controller.canvas.tool == "select"


def test_area_by_dragging_then_moved_and_resized_all_undoable(qtbot, annotating):
    window, controller = annotating
    view = window.viewer
    window.actions_by_id["annotate.area"].trigger()
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, pos=_point(view, 0, 100, 600))
    QTest.mouseMove(vp, _point(view, 0, 250, 500))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=_point(view, 0, 250, 500))
    qtbot.waitUntil(lambda: len(controller.annotations()) == 1)
    [a] = controller.annotations()
    assert a.kind == "area"
    assert _near(a.rects[0], [100, 500, 250, 600])
    window.actions_by_id["annotate.select"].trigger()
    # Move: drag from inside the box.
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, pos=_point(view, 0, 150, 550))
    QTest.mouseMove(vp, _point(view, 0, 200, 520))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=_point(view, 0, 200, 520))
    qtbot.waitUntil(lambda: _near(controller.annotations()[0].rects[0], [150, 470, 300, 570]))
    # Resize: drag the bottom-right handle of the selected box.
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, pos=_point(view, 0, 300, 470))
    QTest.mouseMove(vp, _point(view, 0, 350, 440))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=_point(view, 0, 350, 440))
    qtbot.waitUntil(lambda: _near(controller.annotations()[0].rects[0], [150, 440, 350, 570]))
    stack = window.workspace.undo_stack
    stack.undo()
    stack.undo()
    assert _near(controller.annotations()[0].rects[0], [100, 500, 250, 600])
    # Delete on the page removes the selected box; undo brings it back.
    controller.canvas.select(a.id)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert controller.annotations() == []
    stack.undo()
    assert [x.id for x in controller.annotations()] == [a.id]


def test_text_box_by_keyboard(qtbot, annotating):
    window, controller = annotating
    view = window.viewer
    view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert controller.canvas.tool == "textbox"
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(controller.annotations()) == 1)
    assert controller.annotations()[0].kind == "textbox"


def test_every_step_is_audited(qtbot, annotating):
    window, controller = annotating
    _select_phrase(window, "End User Device")
    window.actions_by_id["annotate.highlight"].trigger()
    register = _register(window)
    rows = register.db.execute(
        "SELECT entity, what, who FROM audit WHERE entity = 'annotation'").fetchall()
    assert rows and rows[-1][2] == "Priya Shah"


def test_highlight_without_a_mouse_marks_the_current_find_match(qtbot, annotating):
    window, controller = annotating
    bar = window.find_bar
    window.actions_by_id["edit.find"].trigger()
    bar.search("Digital Policing")
    qtbot.waitUntil(lambda: bar.hit_count() > 0, timeout=10_000)
    bar.find_next()
    window.viewer.setFocus()
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(controller.annotations()) == 1)
    [a] = controller.annotations()
    assert a.kind == "highlight" and a.quote == "Digital Policing"
