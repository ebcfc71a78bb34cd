"""The test run never touches the clerk's own settings, vocabulary or register."""

from __future__ import annotations

import os

import pytest

from mopac_desk.paths import default_register_path, user_data_dir

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_per_user_folders_are_throw_away(qapp):
    from PySide6.QtCore import QSettings

    home = os.environ["XDG_CONFIG_HOME"].rsplit(os.sep, 1)[0]
    assert str(user_data_dir()).startswith(home)
    assert str(default_register_path()).startswith(home)
    assert QSettings().fileName().startswith(home)
