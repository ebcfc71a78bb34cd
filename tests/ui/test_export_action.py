"""File > Export Meeting Pack (Ctrl+E) opens the export dialog on the window's register."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.conftest import PAPERS
from tests.helpers.register_window import window_with_register

# The offscreen platform cannot size native windows; that is not a fault of ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_ctrl_e_opens_export_dialog_with_selected_papers(qtbot, tmp_path):
    from ui.export_dialog import ExportDialog

    with window_with_register(qtbot, tmp_path / "r.sqlite", PAPERS[:2]) as (window, browser):
        browser.table.selectAll()
        action = window.actions_by_id["file.export_pack"]
        assert action.shortcut().toString() == "Ctrl+E"
        action.trigger()
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog)]
        assert len(dialogs) == 1
        dialogs[0].close()
        dialogs[0].deleteLater()
