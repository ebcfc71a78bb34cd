"""Plain-English messages to the clerk: non-blocking message boxes and the password prompt.

Every message also goes out on ``Messenger.shown`` so features and tests can observe it
without a modal dialog blocking them.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

#: (paper file name, True when a previous password was wrong) -> password, or None if cancelled.
PasswordPrompt = Callable[[str, bool], "str | None"]


class Messenger(QObject):
    """Shows messages window-modally without blocking the caller (``QMessageBox.open``)."""

    shown = Signal(str, str, str)  # level ("error", "warning", "info"), title, text

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._parent = parent
        self.interactive = True  # False: emit only, show no box (headless runs)

    def error(self, title: str, text: str) -> None:
        self._show("error", QMessageBox.Icon.Critical, title, text)

    def warning(self, title: str, text: str) -> None:
        self._show("warning", QMessageBox.Icon.Warning, title, text)

    def info(self, title: str, text: str) -> None:
        self._show("info", QMessageBox.Icon.Information, title, text)

    def _show(self, level: str, box_icon: QMessageBox.Icon, title: str, text: str) -> None:
        self.shown.emit(level, title, text)
        if not self.interactive:
            return
        box = QMessageBox(box_icon, title, text, QMessageBox.StandardButton.Ok, self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("mopac-message")
        box.open()


def ask_password_dialog(parent: QWidget | None) -> PasswordPrompt:
    """The standard password prompt: a masked input dialog, re-worded after a wrong try."""

    def prompt(name: str, retry: bool) -> str | None:
        label = (f"That password did not open “{name}”. Try again:" if retry
                 else f"“{name}” is protected by a password. Enter it to open the paper:")
        text, ok = QInputDialog.getText(parent, "Password needed", label,
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    return prompt
