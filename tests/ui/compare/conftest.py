"""Fixtures of the side-by-side tests: a window with throwaway settings, version pairs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui.app import configure_application
from ui.main_window import MainWindow


@pytest.fixture
def window(tmp_path: Path, qapp, qtbot):
    """A main window (no register) whose messages are only emitted, never shown."""
    configure_application(qapp)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    w = MainWindow(password_prompt=lambda _name, _retry: None)
    w.messenger.interactive = False
    qtbot.addWidget(w)
    w.resize(1300, 850)
    yield w
    w.compare.close()
    w.close_document()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      os.environ["XDG_CONFIG_HOME"])  # the run's throw-away home again


def compared(qtbot, window: MainWindow, old: Path, new: Path):
    """Open ``old`` and ``new`` side by side (the window on screen) and wait for their
    comparison and for both sides to have their size."""
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.compare.compared, timeout=30_000) as blocker:
        assert window.compare.open_pair(old, new)
    view = window.compare.view
    for v in (view.old_view, view.new_view):
        v.set_zoom(1.0)  # long enough to scroll whatever room the docks leave
    qtbot.waitUntil(lambda: all(v.visible_pages() and v.is_rendered(v.visible_pages()[0])
                                for v in (view.old_view, view.new_view)), timeout=20_000)
    return blocker.args[0]
