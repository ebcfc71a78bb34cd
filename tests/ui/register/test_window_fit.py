"""The window from 1024×640 up, with a real register: docks do not overlap and leave the
page its room, tabbed docks keep their own widths, the Pages dock folds away in a
half-screen window; a register search hit opens with the viewer's find marks; the export
progress is busy before it has progress; the responsiveness helper itself fails a blocked
loop."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from tests.helpers.event_loop import responsive
from tests.helpers.register_window import IAM_REPORT, PCD977, window_with_register

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _shown(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.width() <= width + 1)


def _visible_docks(window) -> list[QDockWidget]:
    """Docks on screen (Qt parks a tab that is not in front outside the window)."""
    return [d for d in window.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()
            and window.rect().contains(QRect(d.mapTo(window, d.rect().topLeft()), d.size()))]


def test_at_1024_by_640_no_dock_overlaps_another_and_the_page_has_room(qtbot, tmp_path):
    with window_with_register(qtbot, tmp_path / "r.sqlite", [PCD977]) as (window, _b):
        _shown(qtbot, window, 1024, 640)
        assert window.open_path(PCD977)
        qtbot.waitUntil(lambda: window.review_panel.paper_id is not None, timeout=20_000)
        docks = _visible_docks(window)
        rects = [QRect(d.mapTo(window, d.rect().topLeft()), d.size()) for d in docks]
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert not a.intersects(b), [d.windowTitle() for d in docks]
        assert window.viewer.width() >= 320
        assert window.height() <= 640 + 1


def test_the_pages_tab_keeps_its_own_width_beside_the_register_tab(qtbot, tmp_path):
    with window_with_register(qtbot, tmp_path / "r.sqlite") as (window, _b):
        _shown(qtbot, window, 1280, 800)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        window.removeDockWidget(window.register_dock)
        window.addDockWidget(left, window.register_dock)
        window.register_dock.show()
        window.tabifyDockWidget(window.thumbnails_dock, window.register_dock)
        window.register_dock.raise_()
        qtbot.waitUntil(lambda: window.register_dock.isVisible())
        wide = window.register_dock.width()
        assert wide >= window.register_browser.minimumSizeHint().width() - 1
        window.thumbnails_dock.raise_()
        qtbot.waitUntil(lambda: window.thumbnails_dock.width() <= 200)
        window.register_dock.raise_()
        qtbot.waitUntil(lambda: window.register_dock.width() >= wide - 1)


def test_a_half_screen_window_folds_the_pages_dock_and_brings_it_back(qtbot, tmp_path):
    with window_with_register(qtbot, tmp_path / "r.sqlite") as (window, _b):
        _shown(qtbot, window, 1280, 800)
        window.register_dock.hide()
        window.thumbnails_dock.show()  # an earlier test's saved layout may have hidden it
        qtbot.waitUntil(lambda: window.thumbnails_dock.isVisible())
        window.resize(800, 600)  # narrower than the docks' minimums allow with Pages
        qtbot.waitUntil(lambda: window.thumbnails_dock.isHidden())
        assert window.dock_fit[1].folded
        window.resize(1400, 800)

        qtbot.waitUntil(lambda: window.thumbnails_dock.isVisible())


def test_opening_a_search_hit_shows_the_find_marks_on_its_page(qtbot, tmp_path):
    with window_with_register(qtbot, tmp_path / "r.sqlite", [IAM_REPORT]) as (window, browser):
        with responsive(), qtbot.waitSignal(browser.search_finished, timeout=20_000):
            browser.search_box.setText("OneDrive")
        assert browser.model.rowCount() == 1 and "OneDrive" in browser.search_label.text()
        hit = browser.model.hit_at(0)
        browser.table.activated.emit(browser.model.index(0, 1))
        assert window.document is not None
        qtbot.waitUntil(lambda: window.find_bar.hit_count() > 0, timeout=20_000)
        assert window.find_bar.isVisibleTo(window) and window.find_bar.edit.text() == hit.words[0]
        assert window.viewer.current_page() == hit.page - 1


def test_the_export_bar_is_busy_until_there_is_progress(qtbot, tmp_path):
    import openpyxl
    from PySide6.QtCore import QSettings

    from ui.export_dialog import ExportDialog
    from ui.settings_dialog import CLERK_KEY

    QSettings().setValue(CLERK_KEY, "Alex Clerk")  # Preferences: the pack says who made it
    try:
        _export_busy_then_done(qtbot, tmp_path, ExportDialog)
    finally:
        QSettings().remove(CLERK_KEY)  # the run's settings are shared by later tests
    summary = openpyxl.load_workbook(tmp_path / "pack.xlsx")["Summary"]
    cells = [c.value for row in summary.iter_rows() for c in row]
    assert cells[cells.index("Generated by") + 1] == "Alex Clerk"


def _export_busy_then_done(qtbot, tmp_path, ExportDialog) -> None:

    with window_with_register(qtbot, tmp_path / "r.sqlite", [PCD977, IAM_REPORT]) as (
            window, _b):
        dialog = ExportDialog.for_register(window.workspace.register, [], window)
        qtbot.addWidget(dialog)
        dialog.all_radio.setChecked(True)
        dialog.path_edit.setText(str(tmp_path / "pack.xlsx"))
        with responsive(), qtbot.waitSignal(dialog.exported, timeout=60_000):
            dialog.start_export()
            assert dialog.progress_bar.maximum() == 0  # busy, not "0 %"
        qtbot.waitUntil(lambda: not dialog.is_running())
        assert dialog.progress_bar.maximum() == 100 and dialog.progress_bar.value() == 100


def test_the_responsiveness_helper_fails_a_blocked_loop(qtbot):
    def block() -> None:
        end = time.thread_time() + 0.25
        while time.thread_time() < end:  # GUI-thread work, as a slow query would be
            pass

    with pytest.raises(AssertionError, match="blocked"):
        with responsive():
            QTimer.singleShot(20, block)
            qtbot.wait(400)
