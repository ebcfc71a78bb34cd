"""Start the window: ``run_window(args)`` with the Namespace from ``ui.launch.gui_parser()``."""

from __future__ import annotations

import argparse
import logging
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mopac_desk import __version__
from mopac_desk.paths import (APP_AUTHOR, APP_NAME, default_register_path, demo_papers,
                              user_data_dir)
from mopac_desk.register.command import DEMO_MEETING_DATE, DEMO_MEETING_NAME

from .main_window import MainWindow
from .theme import app_icon
from .workspace import Workspace

log = logging.getLogger("mopac_desk.ui")

REPEAT_QUIET_S = 10.0
DEMO_REGISTER_NAME = "demo-register.sqlite"


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
        return user_data_dir() / DEMO_REGISTER_NAME, True
    return default_register_path(), False


def open_register(window: MainWindow, args: argparse.Namespace) -> bool:
    """Open the register ``args`` name in ``window``'s workspace (a problem is shown in the
    register browser); a demo register is filled from the bundled demo papers on first use."""
    path, demo = register_path(args)
    browser = window.register_browser
    if not browser.open_register(path):
        return False
    register = window.workspace.register
    if demo and register is not None and not register.list_papers():
        meeting_id = browser.create_meeting(DEMO_MEETING_DATE, DEMO_MEETING_NAME)
        browser.start_import(demo_papers(), meeting_id)
    return True


def _log_file() -> Path:
    return user_data_dir() / "mopac-desk.log"


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
                f"Your papers are safe. The details were saved in {log_path or _log_file()}.")
        if window is not None:
            window.messenger.error("Unexpected problem", text)
        else:
            QMessageBox.critical(None, "Unexpected problem", text)

    sys.excepthook = hook


def _setup_logging() -> Path:
    path = _log_file()
    try:
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("mopac_desk").addHandler(handler)
    logging.getLogger("mopac_desk").setLevel(logging.INFO)
    return path


def files_to_open(args: argparse.Namespace) -> list[Path]:
    """The papers named on the command line, or the first demo paper with ``--demo``."""
    files = [Path(f) for f in args.files]
    if not files and args.demo:
        files = demo_papers()[:1]
    return files


def run_window(args: argparse.Namespace) -> int:
    """Run the window until the clerk quits; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    log_path = _setup_logging()
    workspace = Workspace(app)
    window = MainWindow(workspace)
    install_excepthook(window, log_path)
    open_register(window, args)
    app.aboutToQuit.connect(workspace.close)
    window.show()
    # Open after the event loop starts so the window paints first and messages have a parent.
    for path in files_to_open(args):
        QTimer.singleShot(0, lambda p=path: window.open_path(p))
    return app.exec()
