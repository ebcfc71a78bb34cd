"""File > Export Meeting Pack (Ctrl+E) opens the export dialog on the window's register."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtWidgets import QApplication

from tests.conftest import PAPERS

# The offscreen platform cannot size native windows; that is not a fault of ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_ctrl_e_opens_export_dialog_with_selected_papers(qtbot, tmp_path):
    from mopac_desk.register.importer import import_paths
    from ui.export_dialog import ExportDialog
    from ui.main_window import MainWindow
    from ui.register import install

    window = MainWindow()
    qtbot.addWidget(window)
    args = argparse.Namespace(files=[], register=str(tmp_path / "r.sqlite"), demo=False)
    browser = install(window, args)
    import_paths(browser.register, PAPERS[:2])
    browser.refresh()
    browser.table.selectAll()
    action = window.actions_by_id["file.export_pack"]
    assert action.shortcut().toString() == "Ctrl+E"
    action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog)]
    assert len(dialogs) == 1
    dialogs[0].close()
    dialogs[0].deleteLater()
    browser.shutdown()
    reg = browser.register
    browser.set_register(None)
    reg.close()
