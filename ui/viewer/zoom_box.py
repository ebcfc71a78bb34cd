"""The zoom box in the toolbar: type or pick a percentage, or fit width / fit page."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from .page_view import MAX_ZOOM, MIN_ZOOM, PageView

PRESETS = (50, 75, 100, 125, 150, 200, 300, 400)
FIT_WIDTH, FIT_PAGE = "Fit width", "Fit page"


class ZoomBox(QComboBox):
    """Shows the view's zoom; choosing or typing a value zooms the view."""

    def __init__(self, view: PageView, parent: QWidget | None = None):
        super().__init__(parent)
        self._view = view
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setToolTip("Zoom")
        self.setMinimumContentsLength(8)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addItems([f"{p} %" for p in PRESETS] + [FIT_WIDTH, FIT_PAGE])
        self.textActivated.connect(self.apply)
        self.lineEdit().returnPressed.connect(lambda: self.apply(self.currentText()))
        self.lineEdit().setAlignment(Qt.AlignmentFlag.AlignRight)
        view.zoom_changed.connect(self._show)
        self._show(view.zoom())

    def apply(self, text: str) -> None:
        """Zoom to ``text``: "125", "125 %", "Fit width" or "Fit page" (else left as it is)."""
        if text == FIT_WIDTH:
            self._view.fit_width()
        elif text == FIT_PAGE:
            self._view.fit_page()
        else:
            m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*%?\s*", text)
            if m:
                pct = float(m.group(1).replace(",", "."))
                self._view.set_zoom(max(MIN_ZOOM, min(MAX_ZOOM, pct / 100)))
        self._show(self._view.zoom())
        self._view.setFocus()

    def _show(self, zoom: float) -> None:
        self.setEditText(f"{round(zoom * 100)} %")
