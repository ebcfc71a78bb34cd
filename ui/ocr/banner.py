"""The banner over a scan's pages: what OCR is doing with it, and the clerk's choices.

It replaces the old one-line "no text layer" label: plain when OCR cannot help (or is off),
with "Read it by OCR" when Preferences say ask, a progress bar and Cancel while it reads.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

PLAIN = ("This paper has no text layer (it looks like a scan): "
         "fields cannot be extracted.")
ASK_TEXT = ("This paper is a scan: it has no text of its own. Read it by OCR to extract, "
            "search and highlight it.")
READING_TEXT = "Reading this scan by OCR…"
UNAVAILABLE = PLAIN[:-1] + " (OCR could not be loaded)."
NEVER_TEXT = PLAIN[:-1] + " (reading by OCR is off in Preferences)."
STOPPED_TEXT = "Reading by OCR was stopped; nothing was saved. " + ASK_TEXT


def read_text(pages: int, doubtful: int) -> str:
    """The banner once OCR has read a scan's ``pages``."""
    said = f"Read by OCR ({pages} page{'s' if pages != 1 else ''}): compare its figures " \
           "with the page"
    if doubtful == 1:
        said += "; the word read with low confidence is underlined"
    elif doubtful:
        said += f"; the {doubtful} words read with low confidence are underlined"
    return said + "."


class OcrBanner(QFrame):
    """Message, a "Read it by OCR" button, progress and Cancel, in one strip."""

    read_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noTextBanner")
        self.setStyleSheet(
            "QFrame#noTextBanner { background: #fff4ce; border-bottom: 1px solid #e5cf83; }"
            " QFrame#noTextBanner QLabel { color: #5c4400; }")
        self.label = QLabel(PLAIN, self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Scan")
        self.read_button = QPushButton("&Read it by OCR", self)
        self.read_button.setToolTip("Read this scan's words by OCR (offline); it takes about "
                                    "a second a page")
        self.read_button.clicked.connect(self.read_requested.emit)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(200)
        self.progress.setAccessibleName("OCR progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop reading this scan (nothing is saved)")
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.progress)
        row.addWidget(self.read_button)
        row.addWidget(self.cancel_button)
        self.show_plain(PLAIN)
        self.hide()

    def text(self) -> str:
        """What the banner says now."""
        return self.label.text()

    def _show(self, text: str, *, read: bool = False, busy: bool = False) -> None:
        self.label.setText(text)
        self.read_button.setVisible(read)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.show()

    def show_plain(self, text: str) -> None:
        """Only a message (OCR cannot or may not help)."""
        self._show(text)

    def show_ask(self, text: str = ASK_TEXT) -> None:
        """The message with "Read it by OCR"."""
        self._show(text, read=True)

    def show_progress(self, done: int, total: int) -> None:
        """Reading: ``done`` of ``total`` pages (total 0: not known yet)."""
        self.progress.setRange(0, max(0, total))
        self.progress.setValue(done)
        self.progress.setFormat(f"page {min(done + 1, total)} of {total}" if total else "")
        self._show(READING_TEXT, busy=True)
