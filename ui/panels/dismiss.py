"""Dismissing a check with a reason, and its identical twins with it.

A twin is the same finding found again elsewhere in the paper (same rule, same words or same
message, another row): dismissing one usually means dismissing all. The dialog says how many
twins there are and on which pages, and offers to dismiss them too (ticked by default). Which
rows are twins is read from the rows the register gave; nothing is computed from the paper.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from mopac_desk.register.detail import FindingRow as Finding


def twins(findings: list[Finding], finding: Finding) -> list[Finding]:
    """The open findings that say the same as ``finding`` (same rule; same key or message)."""
    def base(f: Finding) -> str:  # the register numbers repeats of one key "key#2", "key#3"
        return (f.key or "").split("#")[0]

    return [f for f in findings
            if f.id != finding.id and not f.dismissed and f.code == finding.code
            and (base(f) == base(finding) or f.message == finding.message)]


def twins_text(found: list[Finding]) -> str:
    """"Also dismiss the same check on 2 other pages (pp. 5, 7)"."""
    n = len(found)
    pages = sorted({f.page for f in found if f.page})
    where = (f" ({'p.' if len(pages) == 1 else 'pp.'} {', '.join(map(str, pages))})"
             if pages else "")
    places = "other page" if pages else "other place"
    return (f"Also dismiss the same check found {n} more time{'s' if n != 1 else ''} "
            f"on {'an' if n == 1 else n} {places}{'s' if n != 1 else ''}{where}")


class DismissDialog(QDialog):
    """Asks why a check is not a problem; offers to dismiss its twins too. ``answered``
    carries the reason and whether the twins go with it."""

    answered = Signal(str, bool)

    def __init__(self, finding: Finding, found_twins: list[Finding],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dismissDialog")
        self.setWindowTitle("Dismiss check")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        message = QLabel(f"Why is this not a problem?\n{finding.message}")
        message.setTextFormat(Qt.TextFormat.PlainText)
        message.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for dismissing the check")
        message.setBuddy(self.reason)
        self.twins_box = QCheckBox(twins_text(found_twins) if found_twins else "")
        self.twins_box.setChecked(True)
        self.twins_box.setVisible(bool(found_twins))
        self.twins_box.setAccessibleName(self.twins_box.text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Dismiss")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.reason)
        layout.addWidget(self.twins_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        self.answered.emit(self.reason.text(),
                           self.twins_box.isVisible() and self.twins_box.isChecked())
        super().accept()


def ask(parent: QWidget, finding: Finding, found_twins: list[Finding],
        answer: Callable[[str, bool], None], finished: Callable[[], None]) -> DismissDialog:
    """Open the dialog (window-modal, not blocking: the answer arrives through ``answer``)."""
    dialog = DismissDialog(finding, found_twins, parent)
    dialog.answered.connect(answer)
    dialog.finished.connect(lambda _r: finished())
    dialog.open()
    return dialog
