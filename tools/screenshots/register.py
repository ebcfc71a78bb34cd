"""Screenshots of the window at its smallest supported size and of a register search, for
tools/screenshots: ``window-1024x640.png`` (a paper open beside the docks at 1024×640) and
``register-search.png`` (the register table filtered by a search, snippets in bold, the hit
opened with the viewer's find marks)."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from mopac_desk.paths import demo_papers

from ui.app import open_register
from ui.main_window import MainWindow
from ui.workspace import Workspace

Wait = Callable[..., None]


def register_shots(app: QApplication, outdir: Path, wait: Wait,
                   settled: Callable[[MainWindow], Callable[[], bool]]) -> list[Path]:
    """Save both screenshots into ``outdir`` (a demo register of its own); their paths."""
    from mopac_desk.register import Register
    from mopac_desk.register.command import build_demo_register

    folder = Path(tempfile.mkdtemp(prefix="mopac-shots-search-"))
    with Register(folder / "register.sqlite") as register:
        build_demo_register(register)
    workspace = Workspace(app)
    window = MainWindow(workspace)
    window.messenger.interactive = False
    open_register(window, argparse.Namespace(files=[], register=str(folder / "register.sqlite"),
                                             demo=False))
    shots = [outdir / "window-1024x640.png", outdir / "register-search.png"]
    try:
        window.resize(QSize(1024, 640))
        window.show()
        paper = next(p for p in demo_papers() if "pcd-977" in p.name)
        window.open_path(paper)
        wait(app, lambda: window.review_panel.paper_id is not None)
        window.viewer.scroll_to(0)
        window.review_dock.raise_()  # the panel beside the paper (an earlier shot's layout
        wait(app, settled(window))   # may have left another tab in front)
        window.grab().save(str(shots[0]))

        # The search: the register in front on the left, beside the page it opened.
        window.resize(QSize(1400, 860))
        window.review_dock.hide()
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        if window.dockWidgetArea(window.register_dock) != left:
            window.removeDockWidget(window.register_dock)
            window.addDockWidget(left, window.register_dock)
            window.register_dock.show()
            window.tabifyDockWidget(window.thumbnails_dock, window.register_dock)
        window.register_dock.raise_()
        browser = window.register_browser
        browser.search_box.setText("laptops")
        wait(app, lambda: browser.model.searching and not browser.searching)
        window.resizeDocks([window.register_dock], [640], Qt.Orientation.Horizontal)
        browser.table.setCurrentIndex(browser.model.index(0, 1))
        browser.table.activated.emit(browser.model.index(0, 1))
        wait(app, lambda: window.find_bar.hit_count() > 0)
        wait(app, settled(window))
        window.grab().save(str(shots[1]))
    finally:
        window.close()
        workspace.close()
    return shots
