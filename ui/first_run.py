"""The first start of the installed app: a short welcome over the new, empty register.

The clerk's own register is created on the first launch (opening it makes the file); the
welcome then offers the three ways in: look around the demo register, import a folder of
papers, or open one paper. Whatever is chosen, the welcome does not come back on later starts
(the register file exists by then); Help › Welcome shows it again.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from mopac_desk.paths import demo_papers, user_data_dir
from mopac_desk.register.command import DEMO_MEETING_DATE, DEMO_MEETING_NAME

from .theme import app_icon

if TYPE_CHECKING:
    from .main_window import MainWindow

DEMO, FOLDER, PAPER, EMPTY = "demo", "folder", "paper", "empty"
DEMO_REGISTER_NAME = "demo-register.sqlite"

WELCOME_TEXT = (
    "<h3>Welcome to mopac-desk</h3>"
    "<p>Your register is a file on this computer; nothing is sent anywhere. "
    "It was created at:<br><tt>{path}</tt></p>"
    "<p>How would you like to start?</p>"
)


def is_first_run(register_path: Path) -> bool:
    """True before the clerk's register exists (so this start is the first)."""
    return not register_path.exists()


class WelcomeDialog(QDialog):
    """Three ways in, one button each; ``chosen`` says which (DEMO, FOLDER, PAPER or EMPTY
    when the clerk just closes it)."""

    chosen = Signal(str)

    def __init__(self, register_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome to mopac-desk")
        self.setWindowIcon(app_icon())
        text = QLabel(WELCOME_TEXT.format(
            path=html.escape(str(register_path) if register_path else "(no register open)")), self)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QPushButton] = {}
        box = QVBoxLayout(self)
        box.addWidget(text)
        for choice, label, tip in (
            (DEMO, "Look around the demo register",
             "Three real MOPAC papers in a register of their own; yours stays empty"),
            (FOLDER, "Import a folder of papers…",
             "Every PDF in a folder (and its subfolders) goes into your register"),
            (PAPER, "Open a paper…", "Open one PDF; it is added to your register"),
            (EMPTY, "Start with the empty register", "Close this and start working"),
        ):
            button = QPushButton(label, self)
            button.setObjectName(f"welcome-{choice}")
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, c=choice: self._choose(c))
            box.addWidget(button)
            self.buttons[choice] = button
        self.buttons[DEMO].setDefault(True)
        self.rejected.connect(lambda: self.chosen.emit(EMPTY) if not self._done else None)
        self._done = False
        self.setMinimumWidth(440)

    def _choose(self, choice: str) -> None:
        self._done = True
        self.accept()
        self.chosen.emit(choice)


def demo_register_path() -> Path:
    """The demo register: a file of its own beside the clerk's, never mixed with it."""
    return user_data_dir() / DEMO_REGISTER_NAME


def open_demo(window: MainWindow, path: Path | None = None) -> bool:
    """Open the demo register in ``window`` (filled from the bundled demo papers on first
    use, on the import thread) and show its first paper; False if it could not be opened."""
    browser = window.register_browser
    if not browser.open_register(path or demo_register_path()):
        return False
    register = window.workspace.register
    if register is not None and not register.list_papers():
        meeting_id = browser.create_meeting(DEMO_MEETING_DATE, DEMO_MEETING_NAME)
        browser.start_import(demo_papers(), meeting_id)
    return True


def follow_choice(window: MainWindow, choice: str) -> None:
    """Do what the clerk picked in the welcome."""
    if choice == DEMO:
        if open_demo(window) and demo_papers():
            window.open_path(demo_papers()[0])
    elif choice == FOLDER:
        folder = QFileDialog.getExistingDirectory(window, "Import a folder of papers",
                                                  str(Path.home()))
        if folder:
            window.register_browser.start_import([Path(folder)])
    elif choice == PAPER:
        path, _filter = QFileDialog.getOpenFileName(window, "Open a paper", str(Path.home()),
                                                    "PDF papers (*.pdf);;All files (*)")
        if path:
            window.open_path(path)


def show_welcome(window: MainWindow, register_path: Path | None) -> WelcomeDialog:
    """Open the welcome over ``window`` (window-modal, not blocking); the choice is followed."""
    dialog = WelcomeDialog(register_path, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.chosen.connect(lambda choice: follow_choice(window, choice))
    dialog.open()
    return dialog
