"""Side by side in the window: opening, scrolling together by content, next change on both
sides, the change list (money first), sync off, export."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from tests.helpers import versions
from ui.app import open_files
from ui.compare.marks import LAYER
from ui.compare.sync import READING_HEIGHT

from .conftest import compared

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def reading_place(view) -> tuple[int, float]:
    return view.page_position_at(view.viewport().height() * READING_HEIGHT)


def test_side_by_side_opens_from_the_view_menu(qtbot, window, tmp_path, monkeypatch):
    old, new = versions.amounts_changed(tmp_path)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(new)
    pages = window.thumbnails_dock
    assert not pages.isHidden()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(old), "")))
    with qtbot.waitSignal(window.compare.compared, timeout=30_000):
        window.actions_by_id["view.side_by_side"].trigger()
    view = window.compare.view
    assert window.compare.active and not view.isHidden()
    assert window.viewer.isHidden()  # the single viewer gives way to the two sides
    assert pages.isHidden()  # and so do its thumbnails: each side has its own page box
    assert view.old_view.document().path == old and view.new_view.document().path == new
    # Changes are coloured on both pages.
    assert view.old_view.highlights(LAYER) and view.new_view.highlights(LAYER)
    window.actions_by_id["compare.close"].trigger()
    assert not window.compare.active and view.isHidden() and not window.viewer.isHidden()
    assert not pages.isHidden() and window.actions_by_id["view.thumbnails"].isChecked()


def test_two_files_on_the_command_line_open_side_by_side(qtbot, window, tmp_path):
    old, new = versions.dates_changed(tmp_path)
    with qtbot.waitSignal(window.compare.compared, timeout=30_000):
        open_files(window, [old, new])
    assert window.document.path == new  # the later paper is the window's (and reviewed)
    view = window.compare.view
    assert view.old_view.document().path == old and view.new_view.document().path == new
    assert window.compare.comparison.changes


def test_scrolls_in_sync_by_content_when_layouts_differ(qtbot, window, tmp_path):
    old, new = versions.two_layouts(tmp_path)
    result = compared(qtbot, window, old, new)
    view = window.compare.view
    window.show()
    qtbot.waitExposed(window)
    pins = result.alignment.pins
    # A matching line far down, standing at quite another height in the other layout.
    (op, oy), (np_, ny) = max(pins[len(pins) // 3:],
                              key=lambda p: abs(result.alignment.old_position(*p[0])
                                                - result.alignment.new_position(*p[1])))
    assert abs(result.alignment.old_position(op, oy)
               - result.alignment.new_position(np_, ny)) > 30
    ref = view.old_view.viewport().height() * READING_HEIGHT
    view.old_view.scroll_page_position_to(op - 1, oy, ref)
    page, y = reading_place(view.new_view)
    assert page == np_ - 1 and abs(y - ny) < 3  # the same line, level on both sides
    # And back: scrolling the later paper brings the earlier one level.
    (op, oy), (np_, ny) = pins[len(pins) // 2]
    view.new_view.scroll_page_position_to(np_ - 1, ny, ref)
    page, y = reading_place(view.old_view)
    assert page == op - 1 and abs(y - oy) < 3


def test_sync_off_leaves_the_other_side_still(qtbot, window, tmp_path):
    old, new = versions.two_layouts(tmp_path)
    compared(qtbot, window, old, new)
    view = window.compare.view
    window.show()
    qtbot.waitExposed(window)
    window.actions_by_id["compare.sync"].setChecked(False)
    still = view.new_view.verticalScrollBar().value()
    view.old_view.verticalScrollBar().setValue(view.old_view.verticalScrollBar().value() + 600)
    assert view.new_view.verticalScrollBar().value() == still
    window.actions_by_id["compare.sync"].setChecked(True)  # on again: brought level
    assert view.new_view.verticalScrollBar().value() != still


def test_next_change_moves_both_sides(qtbot, window, tmp_path):
    old, new = versions.long_paper(tmp_path, "long-v1.pdf", 60), versions.long_paper(
        tmp_path, "long-v2.pdf", 60, edits={
            5: "A short paragraph on the capital plan, now £4.5m over two years.",
            48: "The estates survey is postponed to the spring."})
    result = compared(qtbot, window, old, new)
    view = window.compare.view
    window.show()
    qtbot.waitExposed(window)
    assert len(result.changes) >= 2
    before = (view.old_view.verticalScrollBar().value(),
              view.new_view.verticalScrollBar().value())
    next_change = window.actions_by_id["compare.next"]
    next_change.trigger()
    next_change.trigger()
    assert view.current == 1
    change = result.changes[1]
    for side, at in ((view.old_view, change.old), (view.new_view, change.new)):
        page, y = reading_place(side)
        assert page == at.page - 1 and abs(y - at.rects[0][3]) < 3
    after = (view.old_view.verticalScrollBar().value(),
             view.new_view.verticalScrollBar().value())
    assert after[0] > before[0] + 500 and after[1] > before[1] + 500  # both sides moved
    window.actions_by_id["compare.previous"].trigger()
    assert view.current == 0
    # The current change is marked darker than the rest on both pages.
    alphas = {h.payload: h.color.alpha() for h in view.new_view.highlights(LAYER)}
    assert alphas[0] > alphas[1]


def test_next_change_key_works_with_the_pages_focused(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)
    view = window.compare.view
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    view.old_view.setFocus()
    qtbot.waitUntil(lambda: view.old_view.hasFocus())
    from PySide6.QtCore import Qt
    qtbot.keyClick(view.old_view, Qt.Key.Key_F7)
    assert view.current == 0


def test_the_change_list_lists_money_first(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    result = compared(qtbot, window, old, new)
    entries = window.compare.view.changes.entries()
    titles = [t for t, _rows in entries]
    assert titles[0].startswith("Money")
    money = entries[0][1]
    assert any("capital" in row and "→" in row and "£2.7m" in row for row in money), money
    assert any(t.startswith("Financial summary") for t in titles)
    changes = dict(entries)[next(t for t in titles if t.startswith("Changes"))]
    n_money = sum(c.money for c in result.changes)
    assert n_money and all(row.startswith("£") for row in changes[:n_money])
    assert not any(row.startswith("£") for row in changes[n_money:])


def test_renumbering_is_one_note_and_recommendations_are_listed(qtbot, window, tmp_path):
    old, new = versions.inserted_paragraph(tmp_path)
    compared(qtbot, window, old, new)
    rows = [r for _t, rs in window.compare.view.changes.entries() for r in rs]
    assert sum("renumbered" in r for r in rows) == 1
    old, new = versions.recommendation_replaced(tmp_path)
    compared(qtbot, window, old, new)
    entries = dict(window.compare.view.changes.entries())
    recs = next(rows for t, rows in entries.items() if t.startswith("Recommendations"))
    assert any(r.startswith("reworded") for r in recs)
    assert any(r.startswith("added") for r in recs) and any(r.startswith("removed") for r in recs)


def test_choosing_a_change_in_the_list_shows_it_on_both_sides(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    result = compared(qtbot, window, old, new)
    view = window.compare.view
    with qtbot.waitSignal(view.current_changed) as blocker:
        view.changes.change_chosen.emit(len(result.changes) - 1)
    assert blocker.args == [len(result.changes) - 1]


def test_cancel_stops_the_comparison(qtbot, window, tmp_path):
    old = versions.long_paper(tmp_path, "big-v1.pdf", 400)
    new = versions.long_paper(tmp_path, "big-v2.pdf", 400, edits={7: "Changed."})
    c = window.compare
    assert c.open_pair(old, new)
    assert c.running and window.actions_by_id["compare.cancel"].isEnabled()
    window.actions_by_id["compare.cancel"].trigger()
    qtbot.waitUntil(lambda: not c.running, timeout=30_000)
    assert c.comparison is None and "cancelled" in c.view.status.text()
    assert not window.actions_by_id["compare.next"].isEnabled()
    assert c.active  # the papers stay side by side


def test_export_changes_writes_a_sheet(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)
    out = tmp_path / "changes.xlsx"
    with qtbot.waitSignal(window.compare.message, timeout=20_000) as blocker:
        window.compare.export_to(out)
    assert str(out) in blocker.args[0]
    sheet = openpyxl.load_workbook(out).active
    assert sheet.max_row > 1


def test_a_file_that_cannot_be_read_is_one_message(qtbot, window, tmp_path):
    _old, new = versions.amounts_changed(tmp_path)
    bad = tmp_path / "not.pdf"
    bad.write_text("hello")
    with qtbot.waitSignal(window.messenger.shown) as blocker:
        assert not window.compare.open_pair(bad, new)
    assert blocker.args[0] == "error" and "Traceback" not in blocker.args[2]
    assert not window.compare.active


def test_the_focused_side_is_the_one_reviewed(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)
    view = window.compare.view
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    with qtbot.waitSignal(window.compare.document_focused) as blocker:
        view.old_view.setFocus()
    assert blocker.args[0].path == old
    with qtbot.waitSignal(window.compare.document_focused) as blocker:
        view.new_view.setFocus()
    assert blocker.args[0].path == new


def test_the_windows_zoom_and_page_actions_act_on_the_focused_side(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)
    view = window.compare.view
    before = (view.old_view.zoom(), view.new_view.zoom())
    window.actions_by_id["view.zoom_in"].trigger()  # the later side is focused at first
    assert view.new_view.zoom() > before[1] and view.old_view.zoom() == before[0]


def test_opening_another_paper_leaves_compare_mode(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)  # opened with no paper in the window
    assert not window.actions_by_id["edit.find"].isEnabled()  # each side has its own find
    assert window.open_path(new)
    assert not window.compare.active and not window.viewer.isHidden()
    assert window.actions_by_id["edit.find"].isEnabled()


def test_a_scroll_is_followed_once_and_never_echoed_back(qtbot, window, tmp_path):
    old, new = versions.two_layouts(tmp_path)
    compared(qtbot, window, old, new)
    view = window.compare.view
    moves = {"old": [], "new": []}
    view.old_view.verticalScrollBar().valueChanged.connect(moves["old"].append)
    view.new_view.verticalScrollBar().valueChanged.connect(moves["new"].append)
    view.old_view.verticalScrollBar().setValue(900)
    assert moves["old"] == [900]  # the follower's scroll did not come back to move it again
    assert len(moves["new"]) == 1


def test_arrowing_through_the_change_list_shows_each_change(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    result = compared(qtbot, window, old, new)
    view = window.compare.view
    tree = view.changes.tree
    window.activateWindow()
    tree.setFocus()
    last = len(result.changes) - 1
    view.show_change(last - 1)  # the list follows: that row is current
    assert tree.currentItem().text(0).endswith("]")
    from PySide6.QtCore import Qt
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert view.current != last - 1 and view.current >= 0


def test_swap_sides_compares_the_other_way(qtbot, window, tmp_path):
    old, new = versions.amounts_changed(tmp_path)
    compared(qtbot, window, old, new)
    view = window.compare.view
    pane = view.panes["old"]
    assert pane.title.text() == f"Earlier: {old.name}" and pane.page_box.value() == 1
    with qtbot.waitSignal(window.compare.compared, timeout=30_000) as blocker:
        window.actions_by_id["compare.swap"].trigger()
    assert view.old_view.document().path == new and view.new_view.document().path == old
    assert any(a.old_text and "2.7" in a.old_text for a in blocker.args[0].amounts)


def test_the_marker_strip_ticks_each_change_and_a_click_goes_to_it(qtbot, window, tmp_path):
    old = versions.long_paper(tmp_path, "strip-v1.pdf", 40)
    new = versions.long_paper(tmp_path, "strip-v2.pdf", 40, edits={
        35: "The estates survey is postponed to the spring."})
    result = compared(qtbot, window, old, new)
    strip = window.compare.view.panes["new"].strip
    ticks = strip.fractions()
    assert len(ticks) == len(result.changes)
    k, frac = ticks[-1]
    assert frac > 0.6  # paragraph 35 of 40 stands low down the strip
    from PySide6.QtCore import QPoint, Qt
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(5, round(frac * strip.height())))
    assert window.compare.view.current == k


def test_side_by_side_with_no_paper_open_asks_for_two_and_puts_the_older_left(
        qtbot, window, tmp_path, monkeypatch):
    import os

    old, new = versions.dates_changed(tmp_path)
    os.utime(new, (1_700_000_000, 1_700_000_000))  # the "new" file is the older one on disk
    os.utime(old, (1_700_100_000, 1_700_100_000))
    window.show()
    qtbot.waitExposed(window)
    chosen = [[str(old)], [str(old), str(new)]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: (chosen.pop(0), "")))
    with qtbot.waitSignal(window.messenger.shown) as said:
        window.actions_by_id["view.side_by_side"].trigger()  # one file: not enough
    assert "exactly two" in said.args[2] and not window.compare.active
    with qtbot.waitSignal(window.compare.compared, timeout=30_000):
        window.actions_by_id["view.side_by_side"].trigger()
    view = window.compare.view
    assert view.old_view.document().path == new and view.new_view.document().path == old


def test_a_protected_earlier_paper_asks_for_its_password(qtbot, tmp_path, settings):
    import pikepdf

    from ui.main_window import MainWindow

    old, new = versions.amounts_changed(tmp_path)
    locked = tmp_path / "amounts-v1-locked.pdf"
    with pikepdf.open(old) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="iam-2024", owner="o", R=6))
    asked: list[tuple[str, bool]] = []
    answers = iter(["wrong", "iam-2024"])

    def prompt(name: str, retry: bool) -> str | None:
        asked.append((name, retry))
        return next(answers)

    window = MainWindow(password_prompt=prompt)
    window.messenger.interactive = False
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(new)
    with qtbot.waitSignal(window.compare.compared, timeout=30_000) as blocker:
        assert window.compare.compare_with(locked)
    assert asked == [(locked.name, False), (locked.name, True)]  # asked again when wrong
    assert len(blocker.args[0].amounts) == 5
    window.compare.close()
    window.close_document()


def test_a_file_refused_once_measured_whole_closes_the_comparison(qtbot, window, tmp_path):
    # Only page 1 is measured as the pair opens (the whole of two meeting packs took the
    # window ~100 ms each); the bomb past page 1 is found on the PDFium thread, before
    # the comparison reads that page, and the pair is closed with the reason.
    from tests.helpers import bomb_pdfs

    old, _new = versions.amounts_changed(tmp_path)
    bomb = bomb_pdfs.bomb_on_page_2_pdf(tmp_path)
    window.show()
    with qtbot.waitSignal(window.messenger.shown, timeout=30_000) as shown:
        assert window.compare.open_pair(old, bomb)  # page 1 of each is fine: they open
    level, title, text = shown.args
    assert (level, title) == ("error", "Cannot compare")
    assert "more than a paper may cost" in text
    qtbot.waitUntil(lambda: not window.compare.active)
