"""Start the window: ``run_window(args)`` with the Namespace from ``ui.launch.gui_parser()``."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from mopac_desk import __version__
from mopac_desk.paths import APP_AUTHOR, APP_NAME, default_register_path, demo_papers

from .collector import GuiThreadCollector
from .first_run import demo_register_path, is_first_run, open_demo, show_welcome
from .logs import log_file, setup_logging
from .main_window import MainWindow
from .self_test import run_self_test
from .theme import app_icon
from .workspace import Workspace

log = logging.getLogger("mopac_desk.ui")

REPEAT_QUIET_S = 10.0


def configure_application(app: QCoreApplication) -> None:
    """Names QSettings and the desktop use for this application, and thread hand-over."""
    # The PDFium thread needs the GIL to start each render; with the default 5 ms switch
    # interval a busy GUI thread delays page 1 by several milliseconds.
    sys.setswitchinterval(0.001)
    app.setOrganizationName(APP_AUTHOR)
    app.setOrganizationDomain("london.gov.uk")
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    if isinstance(app, QApplication):
        app.setApplicationDisplayName("mopac-desk")
        app.setWindowIcon(app_icon())
        app.setDesktopFileName(APP_NAME)


def register_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The register ``args`` name and whether it is the demo one: ``--register FILE``, else
    with ``--demo`` a demo register in the data folder, else the clerk's own register."""
    if args.register:
        return Path(args.register), False
    if args.demo:
        return demo_register_path(), True
    return default_register_path(), False


def open_register(window: MainWindow, args: argparse.Namespace) -> bool:
    """Open the register ``args`` name in ``window``'s workspace (a problem is shown in the
    register browser); a demo register is filled from the bundled demo papers on first use."""
    path, demo = register_path(args)
    if demo:
        return open_demo(window, path)
    return window.register_browser.open_register(path)


def install_excepthook(window: MainWindow | None = None, log_path: Path | None = None) -> None:
    """Unexpected errors are logged in full and shown to the clerk as one plain sentence."""

    last_shown = [float("-inf")]

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        # An error in a paint or timer handler repeats many times a second: one box is enough.
        now = time.monotonic()
        if now - last_shown[0] < REPEAT_QUIET_S:
            return
        last_shown[0] = now
        text = ("Something went wrong and the last action may not have finished. "
                f"Your papers are safe. The details were saved in {log_path or log_file()}.")
        if window is not None:
            window.messenger.error("Unexpected problem", text)
        else:
            QMessageBox.critical(None, "Unexpected problem", text)

    sys.excepthook = hook


def load_bundled_fonts() -> int:
    """Fonts shipped in an installer bundle (``<bundle>/fonts``), so a Linux machine without
    system fonts still shows text; a source checkout uses the system's. Returns how many."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller in a frozen build only
    if not bundle:
        return 0
    return sum(QFontDatabase.addApplicationFont(str(f)) >= 0
               for f in sorted((Path(bundle) / "fonts").glob("*.ttf")))


def files_to_open(args: argparse.Namespace) -> list[Path]:
    """The papers named on the command line, or the first demo paper with ``--demo``."""
    files = [Path(f) for f in args.files]
    if not files and args.demo:
        files = demo_papers()[:1]
    return files


def open_files(window: MainWindow, papers: list[Path]) -> None:
    """Open the papers named on the command line: two are shown side by side (the later one
    open in the window, the earlier beside it); otherwise each opens in turn."""
    if len(papers) == 2:
        if window.open_path(papers[1]):
            window.compare.compare_with(papers[0])
        return
    for paper in papers:
        window.open_path(paper)


def run_window(args: argparse.Namespace) -> int:
    """Run the window until the clerk quits; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    collector = GuiThreadCollector(app)  # cycles (and the Qt objects in them) die here only
    log_path = setup_logging()
    load_bundled_fonts()
    scratch: Path | None = None
    if args.self_test and not args.register:
        # The self-test never touches the clerk's register: a throw-away one, removed after.
        scratch = Path(tempfile.mkdtemp(prefix="mopac-desk-self-test-"))
        args.register = str(scratch / "register.sqlite")
    path, demo = register_path(args)
    first_run = not demo and not args.self_test and is_first_run(path)
    workspace = Workspace(app)
    window = MainWindow(workspace)
    install_excepthook(window, log_path)
    collector.settle()  # the window's objects live as long as the process (before a register)
    open_register(window, args)
    app.aboutToQuit.connect(workspace.close)
    window.show()
    log.info("mopac-desk %s started on %s", __version__, path)
    # Open after the event loop starts so the window paints first and messages have a parent.
    # The self-test opens a bundled paper whichever register it is given.
    papers = files_to_open(args) or (demo_papers()[:1] if args.self_test else [])
    QTimer.singleShot(0, lambda: open_files(window, papers))
    if first_run and not args.files:
        QTimer.singleShot(0, lambda: show_welcome(window, path))
    if args.self_test:
        run_self_test(window, app.exit)
    status = app.exec()
    collector.stop()
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)
    return status
