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

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from .viewer.geometry import MARGIN, PX_PER_POINT

from mopac_desk.paths import demo_papers, user_data_dir
from mopac_desk.register.command import DEMO_MEETING_DATE, DEMO_MEETING_NAME

from .theme import app_icon
from .window_state import hide_stale_tab_bars

if TYPE_CHECKING:
    from .main_window import MainWindow

DEMO, FOLDER, PAPER, EMPTY = "demo", "folder", "paper", "empty"
DEMO_REGISTER_NAME = "demo-register.sqlite"
#: On a first start the page gets at least this share of an A4 page's printed width.
FIRST_START_ZOOM = 0.6
A4_WIDTH_PT = 595.0
THUMBNAILS_WIDTH = 160
SAVED_STATE_KEY = "window/state"  # as ui/window_state.py saves it

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


def show_welcome(window: MainWindow, register_path: Path | None = None) -> WelcomeDialog:
    """Open the welcome over ``window`` (window-modal, not blocking); the choice is followed.
    It names ``register_path``, by default the register open in the window."""
    if register_path is None and window.workspace.register is not None:
        register_path = window.workspace.register.path
    dialog = WelcomeDialog(register_path, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.chosen.connect(lambda choice: follow_choice(window, choice))
    dialog.open()
    return dialog


def has_saved_layout() -> bool:
    """True once the window has saved its docks (ui/window_state.py) on an earlier run."""
    state = QSettings().value(SAVED_STATE_KEY)
    return isinstance(state, QByteArray) and not state.isEmpty()


def arrange_first_start(window: MainWindow) -> None:
    """Dock widths for a window with no saved layout, so the paper opens readable at fit
    width: the review panel takes a quarter of the window (its minimum at least); where the
    register browser beside it would still squeeze the page under FIRST_START_ZOOM (a 1280
    px screen), the browser becomes a tab behind the review panel and the left side keeps
    only the page thumbnails. The clerk's own arrangement is saved and restored after."""
    if has_saved_layout() or window.review_dock.isHidden():
        return
    horizontal = Qt.Orientation.Horizontal
    review_w = max(window.review_panel.minimumWidth(), window.width() // 4)
    left_w = max(window.register_browser.minimumSizeHint().width(), THUMBNAILS_WIDTH)
    needed = FIRST_START_ZOOM * A4_WIDTH_PT * PX_PER_POINT + 2 * MARGIN + 24  # + scroll bar
    if window.width() - review_w - left_w < needed:
        # tabifyDockWidget alone leaves a dock in its own area: move it across first.
        window.removeDockWidget(window.register_dock)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.register_dock)
        window.register_dock.show()
        window.tabifyDockWidget(window.review_dock, window.register_dock)
        window.review_dock.raise_()
        window.thumbnails_dock.raise_()
        window.resizeDocks([window.thumbnails_dock], [THUMBNAILS_WIDTH], horizontal)
        QTimer.singleShot(0, lambda: hide_stale_tab_bars(window))  # once the layout is redone
    window.resizeDocks([window.review_dock], [review_w], horizontal)
