"""What every window test shares."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui.app import configure_application


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
