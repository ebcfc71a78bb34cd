"""The Preferences setting for scans: read them by OCR automatically, ask first, or never."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

OCR_MODE_KEY = "ocr/mode"
AUTOMATIC, ASK, NEVER = "automatic", "ask", "never"
MODES = (AUTOMATIC, ASK, NEVER)
_LABELS = {AUTOMATIC: "Read them by OCR automatically",
           ASK: "Ask before reading them by OCR",
           NEVER: "Never read them by OCR"}


def ocr_mode() -> str:
    """The clerk's choice for scans (:data:`AUTOMATIC` unless Preferences say otherwise)."""
    value = str(QSettings().value(OCR_MODE_KEY, AUTOMATIC))
    return value if value in MODES else AUTOMATIC


def set_ocr_mode(mode: str) -> None:
    """Keep ``mode`` (one of :data:`MODES`) for this and later sessions."""
    if mode not in MODES:
        raise ValueError(f"unknown OCR mode {mode!r}")
    settings = QSettings()
    settings.setValue(OCR_MODE_KEY, mode)
    settings.sync()


class OcrModeBox(QGroupBox):
    """The "Scanned papers" group of Preferences; :meth:`save` keeps the choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Scanned papers", parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName("ocr-mode")
        self.combo.setAccessibleName("Scanned papers")
        self.combo.setToolTip("A scan has no text of its own: OCR reads its words (offline) so "
                              "it can be extracted, searched and highlighted.")
        for mode in MODES:
            self.combo.addItem(_LABELS[mode], mode)
        self.combo.setCurrentIndex(MODES.index(ocr_mode()))
        form = QFormLayout(self)
        label = QLabel("&Scans:", self)
        label.setBuddy(self.combo)
        form.addRow(label, self.combo)

    def mode(self) -> str:
        return str(self.combo.currentData())

    def save(self) -> None:
        set_ocr_mode(self.mode())
