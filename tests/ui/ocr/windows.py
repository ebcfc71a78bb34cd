"""Opening a window for the OCR tests, and waiting for its background work to end."""

from __future__ import annotations

import threading
from pathlib import Path

from ui.main_window import MainWindow

# The threads the window's OCR work runs on (ui.workspace.Task names).
THREADS = {"review-locate", "ocr-read", "ocr-words", "ocr-searchable-copy", "ocr-check"}


def open_window(qtbot, register: Path | None = None) -> MainWindow:
    w = MainWindow(password_prompt=lambda _name, _retry: None)
    qtbot.addWidget(w)
    if register is not None:
        w.workspace.open_register(register)
    w.resize(1000, 760)
    w.show()
    qtbot.waitExposed(w)
    w.register_dock.hide()
    w.thumbnails_dock.hide()
    w.layout().activate()
    return w


def wait_idle(qtbot) -> None:
    """Until no OCR or lookup thread of the window is still running (a cancelled import
    finishes its page before it stops)."""
    qtbot.waitUntil(lambda: not any(t.name in THREADS for t in threading.enumerate()),
                    timeout=30000)
