"""Screenshots of trust under faults for the docs (``python -m tools.screenshots``, or on their
own: ``python -m tools.screenshots.trust OUTDIR``): Tools › Check Register reporting a missing
copy and a leftover file, and the message for a register paper whose stored copy is missing,
shown over the window."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QToolTip

from ui.main_window import MainWindow
from ui.workspace import Workspace

Wait = Callable[[QApplication, Callable[[], bool]], None]


def _register(app: QApplication, wait: Wait) -> tuple[MainWindow, Path]:
    """A window over a register of the two fixture papers, PCD 977's stored copy deleted and
    a file from a stopped import left in store/."""
    from mopac_desk.files import file_sha256
    from mopac_desk.register.importer import import_paths
    from tests.helpers.register_window import IAM_REPORT, PCD977

    folder = Path(tempfile.mkdtemp(prefix="mopac-shots-trust-"))
    workspace = Workspace(app)
    window = MainWindow(workspace)
    window.messenger.interactive = False
    window.resize(1280, 800)
    assert window.register_browser.open_register(folder / "register.sqlite")
    register = workspace.register
    import_paths(register, [PCD977, IAM_REPORT])
    wait(app, lambda: window.register_browser.model.rowCount() == 2)
    for paper in register.list_papers():
        stored = Path(paper.stored_path)
        if file_sha256(stored) == file_sha256(PCD977):
            stored.unlink()
            (stored.parent / "0000-left-by-a-stopped-import.pdf").write_bytes(b"%PDF-1.4\n")
    return window, folder


def trust_shots(app: QApplication, outdir: Path, wait: Wait) -> list[Path]:
    """Save ``check-register.png`` and ``missing-copy.png`` into ``outdir``."""
    window, folder = _register(app, wait)
    window.show()
    shots = [outdir / "check-register.png", outdir / "missing-copy.png"]
    dialog = window.trust.check_register()
    assert dialog is not None
    wait(app, lambda: dialog.report is not None)
    dialog.resize(720, 330)
    wait(app, lambda: dialog.isVisible())
    dialog.grab().save(str(shots[0]))
    dialog.reject()
    browser = window.register_browser
    window.register_dock.raise_()  # the register list, where the clerk asked for the paper
    view = browser.table.model()
    row = next(r for r in range(view.rowCount()) for c in range(view.columnCount())
               if view.index(r, c).data() == "PCD 977")
    browser.table.selectRow(row)
    pcd = next(p for p in window.workspace.register.list_papers() if p.reference == "PCD 977")
    window.trust.offer_missing(pcd.id, str(pcd.stored_path))
    box = window.trust.missing.box
    assert box is not None
    wait(app, lambda: box.isVisible())
    window.register_dock.raise_()  # (the selected paper's panel may have raised its own tab)
    QToolTip.hideText()
    app.processEvents()
    _over(window, box.grab()).save(str(shots[1]))
    box.reject()
    browser.shutdown()
    window.close()
    window.workspace.close()
    shutil.rmtree(folder, ignore_errors=True)
    return shots


def _over(window: MainWindow, box: QPixmap) -> QPixmap:
    """The window with the message drawn over its middle (offscreen, a dialog is its own
    top-level window and a grab of the main window would not show it)."""
    shot = window.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 60))
    painter.drawPixmap(QPoint((shot.width() - box.width()) // 2,
                              (shot.height() - box.height()) // 3), box)
    painter.end()
    return shot


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle in time")
        app.processEvents()
        time.sleep(0.01)  # an offscreen run with nothing else to do: do not spin hot


if __name__ == "__main__":
    application = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for saved in trust_shots(application, out, _wait):
        print(saved)
