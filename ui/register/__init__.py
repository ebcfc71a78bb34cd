"""The register browser and how it adds itself to the main window."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mopac_desk.paths import default_register_path, demo_papers, user_data_dir

from .browser import RegisterBrowser
from .model import PapersTableModel, format_pence

__all__ = ["PapersTableModel", "RegisterBrowser", "format_pence", "install"]

DEMO_REGISTER_NAME = "demo-register.sqlite"


def install(window: Any, args: argparse.Namespace) -> RegisterBrowser:
    """Dock a register browser in ``window`` and open the register named by ``args``.

    ``--register FILE`` names the register; ``--demo`` uses a demo register that is filled
    from the bundled demo papers on first use. Opening a paper goes through the window.
    """
    browser = RegisterBrowser(window)
    path = Path(args.register) if getattr(args, "register", None) else None
    demo = bool(getattr(args, "demo", False)) and path is None
    if path is None:
        path = user_data_dir() / DEMO_REGISTER_NAME if demo else default_register_path()
    browser.open_register(path)
    window.add_dock(browser, "Register", Qt.DockWidgetArea.LeftDockWidgetArea)

    def open_paper(paper_id: int, stored_pdf_path: str, page_index: int) -> None:
        if window.open_path(stored_pdf_path):
            window.viewer.scroll_to(page_index)

    browser.open_paper_requested.connect(open_paper)
    if demo and browser.register is not None and not browser.register.list_papers():
        from mopac_desk.register.command import DEMO_MEETING_DATE, DEMO_MEETING_NAME

        meeting_id = browser.create_meeting(DEMO_MEETING_DATE, DEMO_MEETING_NAME)
        browser.start_import(demo_papers(), meeting_id)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(browser.shutdown)
    window.register_browser = browser
    _connect_export(window, browser)
    return browser


def _connect_export(window: Any, browser: RegisterBrowser) -> None:
    """File > Export Meeting Pack works on this register, preselecting the browser's papers."""
    action = getattr(window, "actions_by_id", {}).get("file.export_pack")
    if action is None:
        return

    def export_pack() -> None:
        from ui.export_dialog import ExportDialog

        if browser.register is None:
            return
        dialog = ExportDialog.for_register(browser.register, browser.selected_paper_ids(), window)
        dialog.open()

    action.triggered.connect(export_pack)
