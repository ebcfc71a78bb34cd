"""``mopac-desk --self-test``: open the window on a paper, check every panel is there, exit.

The installer check runs it in the frozen bundle (offscreen), so a bundle that lost a panel,
an icon plugin or the PDF renderer fails the build instead of a clerk's first morning. It
prints one line per check and returns 0 only when all of them passed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDockWidget

from .main_window import MainWindow

#: Docks every window must have (dock titles): a panel missing from a bundle fails it.
EXPECTED_DOCKS = ("Pages", "Register", "Review", "Annotations")
#: A first start's window (1280 px wide at least) leaves the page this much at fit width.
MIN_ZOOM = 0.5
BUNDLED_FONT = "DejaVu Sans"  # build_installer.spec copies it in from the build machine
TIMEOUT_S = 90.0
POLL_MS = 100


def dock_titles(window: MainWindow) -> set[str]:
    """Titles of the window's docks (each a panel)."""
    return {d.windowTitle() for d in window.findChildren(QDockWidget)}


def checks(window: MainWindow) -> list[tuple[str, Callable[[], bool]]]:
    """(what, passes?) for each thing the self-test waits for."""
    out: list[tuple[str, Callable[[], bool]]] = [
        (f"{name} panel present", lambda n=name: n in dock_titles(window))
        for name in EXPECTED_DOCKS
    ]
    out += [
        ("a paper is open", lambda: window.document is not None),
        ("the register holds the paper",
         lambda: window.workspace.register is not None
         and bool(window.workspace.register.list_papers())),
        ("the review panel shows the paper", lambda: window.review_panel.paper_id is not None),
        (f"the page is shown at fit width, {round(MIN_ZOOM * 100)} % or more",
         lambda: window.document is not None and window.viewer.fit_mode() == "width"
         and window.viewer.zoom() >= MIN_ZOOM),
        ("application icon loads", lambda: not window.windowIcon().isNull()),
    ]
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller in a frozen build only
    if bundle and (Path(bundle) / "fonts").is_dir():  # a Linux build carries DejaVu
        out.append(("bundled fonts load", lambda: BUNDLED_FONT in QFontDatabase.families()))
    return out


def run_self_test(window: MainWindow, finish: Callable[[int], None],
                  timeout_s: float = TIMEOUT_S,
                  out: Callable[[str], None] | None = None) -> QTimer:
    """Poll the checks until all pass or ``timeout_s`` runs out, then call ``finish`` with
    0 (all passed) or 1 (``QApplication.exit`` in the program); one line per check goes to
    ``out`` (default stdout). Returns the polling timer."""
    say = out or (lambda line: print(line, flush=True))
    todo = checks(window)
    deadline = time.monotonic() + timeout_s
    timer = QTimer(window)
    timer.setInterval(POLL_MS)

    def poll() -> None:
        results = [(what, _passes(test)) for what, test in todo]
        if all(ok for _w, ok in results) or time.monotonic() > deadline:
            timer.stop()
            for what, ok in results:
                say(f"self-test: {'ok  ' if ok else 'FAIL'} {what}")
            finish(0 if all(ok for _w, ok in results) else 1)

    timer.timeout.connect(poll)
    timer.start()
    return timer


def _passes(test: Callable[[], bool]) -> bool:
    try:
        return bool(test())
    except Exception:  # a check that raises is a check that failed; the line says which
        return False
