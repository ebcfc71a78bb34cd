"""A window over a real register holding the PCD 977 paper, opened, with its papers found."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tests.helpers.register_window import review_window


@pytest.fixture
def clerk() -> str:
    QSettings().setValue("clerk/name", "Priya Shah")
    yield "Priya Shah"
    QSettings().remove("clerk/name")


@pytest.fixture
def annotating(qtbot, tmp_path, clerk):
    """(window, controller) with the paper open and the annotations feature knowing it."""
    with review_window(qtbot, tmp_path, shown=True) as (window, panel):
        controller = window.annotations
        qtbot.waitUntil(lambda: bool(controller._papers) or bool(
            controller.file_papers.papers), timeout=10_000)
        qtbot.waitUntil(lambda: window.viewer.is_rendered(0), timeout=10_000)
        yield window, controller
        # The window remembers its docks and size on closing: close it now and forget
        # them, so the next test's window starts as a first start does.
        window.close()
        forget_window()


def forget_window() -> None:
    settings = QSettings()
    for group in ("window", "viewer"):
        settings.remove(group)
