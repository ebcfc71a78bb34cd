"""Help › About: version, the register in use and where the logs are kept."""

from __future__ import annotations

import html
import platform
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from mopac_desk import __version__

from .logs import log_dir
from .theme import app_icon

if TYPE_CHECKING:
    from .main_window import MainWindow


def about_text(register_path: Path | None, logs: Path) -> str:
    """The About box's text (rich text; paths escaped, they are the clerk's own names)."""
    register = html.escape(str(register_path)) if register_path else "none open"
    return (
        f"<h3>mopac-desk {html.escape(__version__)}</h3>"
        "<p>Offline register of MOPAC decision papers. Nothing is sent over the network.</p>"
        f"<p><b>Register:</b> {register}<br>"
        f"<b>Logs:</b> {html.escape(str(logs))}</p>"
        f"<p>Python {html.escape(platform.python_version())} on "
        f"{html.escape(platform.system())}</p>"
    )


class AboutDialog(QDialog):
    """Version, register path and log folder; the paths can be selected and copied."""

    def __init__(self, register_path: Path | None, logs: Path | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About mopac-desk")
        self.setWindowIcon(app_icon())
        self.text = QLabel(about_text(register_path, logs or log_dir()), self)
        self.text.setObjectName("aboutText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.text)
        box.addWidget(buttons)
        self.setMinimumWidth(460)


def show_about(window: MainWindow) -> AboutDialog:
    """Open the About box over ``window`` (window-modal, not blocking the caller), naming
    the register open in it."""
    register = window.workspace.register
    dialog = AboutDialog(register.path if register is not None else None, parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
