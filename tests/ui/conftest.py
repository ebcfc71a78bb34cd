"""What every window test shares."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui.app import configure_application
from ui.collector import GuiThreadCollector


@pytest.fixture
def settings(tmp_path: Path, qapp):
    """Settings in a throwaway INI folder: tests never touch the clerk's real settings."""
    configure_application(qapp)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    QSettings().clear()
    yield tmp_path / "settings"
    QSettings().clear()
    # Back to the run's throw-away home (tests/conftest.py), not this test's folder: a later
    # test without this fixture must not write into (or check) a finished test's settings.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      os.environ["XDG_CONFIG_HOME"])


@pytest.fixture(scope="package", autouse=True)
def gui_thread_collector(qapp):
    """As in the app: cycles are collected on the GUI thread only (a worker's export must
    not free a dialog left over from an earlier test)."""
    collector = GuiThreadCollector(qapp)
    collector.settle()  # what the modules imported hold, as the app settles once started
    yield collector
    collector.stop()
