"""Hovering a word OCR read with low confidence says so: its confidence and what to do."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QToolTip, QWidget

from mopac_desk.ocr.engine import OcrWord
from mopac_desk.ocr.figures import LOW_CONFIDENCE
from mopac_desk.ocr.text import OcrPageText

from ..viewer.page_input import InputHook


def doubt_text(word: OcrWord) -> str:
    """The tooltip over a doubtful word."""
    return (f"Read by OCR with low confidence ({word.confidence:.0f}%): compare “{word.text}” "
            "with the page")


def doubtful_word_at(pt: OcrPageText, x: float, y: float) -> OcrWord | None:
    """The low-confidence word whose box holds PDF point (x, y), if any."""
    for w in pt.words:
        l, b, r, t = w.box
        if w.confidence < LOW_CONFIDENCE and l <= x <= r and b <= y <= t:
            return w
    return None


class DoubtHover(InputHook):
    """Shows :func:`doubt_text` while the mouse is over a doubtful word; never takes the
    event (selection and the other tools work as before)."""

    def __init__(self, texts: Callable[[], dict], widget: QWidget) -> None:
        self._texts, self._widget = texts, widget
        self.shown: OcrWord | None = None

    def move(self, event: QMouseEvent, page: int, x: float, y: float) -> bool:
        pt = self._texts().get(page) if page >= 0 else None
        word = doubtful_word_at(pt, x, y) if isinstance(pt, OcrPageText) else None
        if word is not None and word is not self.shown:
            QToolTip.showText(event.globalPosition().toPoint(), doubt_text(word), self._widget)
        elif word is None and self.shown is not None:
            QToolTip.hideText()
        self.shown = word
        return False
