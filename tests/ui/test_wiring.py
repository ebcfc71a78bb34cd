"""The window's shape: every feature is built by plain imports in the main window and shares
its workspace; nothing is loaded by name, and no ui module outgrows one room."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDockWidget

import ui

UI_DIR = Path(ui.__file__).parent
SOURCES = sorted(UI_DIR.rglob("*.py"))
MAX_LINES = 500

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_every_feature_is_in_the_window_and_shares_its_workspace(qtbot):
    from ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    ws = window.workspace
    docks = {d.windowTitle(): d.widget() for d in window.findChildren(QDockWidget)}
    assert docks["Register"] is window.register_browser
    assert docks["Review"] is window.review_panel
    assert window.review_panel.workspace is ws and window.tagging.workspace is ws
    assert window.capture.workspace is ws
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Tag" in menus
    assert window.capture.menu.menuAction() in window.menus["Edit"].actions()
    assert {"file.export_pack", "edit.undo", "edit.redo"} <= set(window.actions_by_id)


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(UI_DIR)) for p in SOURCES])
def test_no_feature_is_loaded_by_name_and_no_module_is_too_big(path: Path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"import_module|__import__\(|\bimportlib\b", text)
    assert not re.search(r"(getattr|hasattr)\(\s*(self\.)?_?window\b", text)
    assert len(text.splitlines()) <= MAX_LINES


APP_SOURCES = sorted(UI_DIR.rglob("*.py")) + sorted((UI_DIR.parent / "mopac_desk").rglob("*.py"))


def test_no_module_of_the_app_is_over_500_lines():
    """The core's rooms too, not only the window's (each named for what it holds)."""
    too_big = [f"{p.relative_to(UI_DIR.parent)} ({n})" for p in APP_SOURCES
               if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert too_big == []


def test_the_app_never_imports_the_tests():
    """The bundle collects every module of ui and mopac_desk: one that imports a test helper
    (the docs' screenshots did) would carry tests/ into the installer or fail there."""
    importing = [str(p) for p in APP_SOURCES
                 if re.search(r"^\s*(from|import) tests\b", p.read_text(encoding="utf-8"), re.M)]
    assert importing == []
