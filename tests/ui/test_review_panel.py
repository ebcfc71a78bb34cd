"""The review panel on a real register file and real papers: edits, undo, page links."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtCore import Qt

from mopac_desk.register import Register
from tests.helpers.register_window import window_with_register

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "papers"
PCD977 = FIXTURES / "pcd-977-end-user-device-refresh.pdf"


@contextmanager
def review_window(qtbot, tmp_path: Path, papers=(PCD977,), open_paper=PCD977) -> Iterator:
    """A window with the register and the review panel, ``open_paper`` open and shown."""
    from ui.panels import install

    with window_with_register(qtbot, tmp_path / "register.sqlite", papers) as (window, browser):
        panel = install(window)
        if open_paper is not None:
            assert window.open_path(open_paper)
            qtbot.waitUntil(lambda: panel.paper_id is not None, timeout=10_000)
        yield window, panel


def test_opening_an_imported_paper_shows_it(qtbot, tmp_path):
    with review_window(qtbot, tmp_path) as (window, panel):
        assert "PCD 977" in panel.title_label.text()
        assert panel._models[0].rowCount() == 10
