"""The find bar under the pages: type a phrase, see "3 of 12", step with F3 / Shift+F3."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from mopac_desk.pdf import Hit

from ..theme import icon
from .page_view import PageView
from .search import SearchRunner


class FindBar(QWidget):
    """Searches the viewer's paper off the GUI thread and drives its find highlights."""

    results_changed = Signal(int, int)  # current (1-based, 0 = none), total

    def __init__(self, view: PageView, parent: QWidget | None = None):
        super().__init__(parent)
        self._view = view
        self._runner = SearchRunner(self)
        self._runner.finished.connect(self._on_finished)
        self._runner.failed.connect(self._on_failed)
        self._hits: list[Hit] = []
        self._current = -1
        self._query = ""

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in paper")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(260)
        self.label = QLabel("", self)
        self.label.setMinimumWidth(110)
        self.prev_button = self._button("go-up", "Previous match (Shift+F3)", self.find_previous)
        self.next_button = self._button("go-down", "Next match (F3)", self.find_next)
        close = self._button("window-close", "Close the find bar (Esc)", self.close_bar)

        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(QLabel("Find:", self))
        row.addWidget(self.edit)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addWidget(self.label)
        row.addStretch(1)
        row.addWidget(close)

        # Search as the clerk types, but not on every keystroke.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.search_now)
        self.edit.textChanged.connect(lambda _t: self._debounce.start())
        self.edit.returnPressed.connect(self._on_return)
        view.document_changed.connect(self._on_document_changed)
        view.ocr_texts_changed.connect(self._on_document_changed)  # OCR words arrived
        self.hide()

    def _button(self, icon_name: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(icon_name))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- public ------------------------------------------------------------------------
    def open_bar(self) -> None:
        """Show the bar with the phrase selected, seeded from the text selection if any."""
        selected = self._view.selected_text().strip()
        if selected and "\n" not in selected and len(selected) < 80:
            self.edit.setText(selected)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self._runner.cancel()
        self.hide()
        self._view.set_find_results([])
        self._view.setFocus()

    def search(self, query: str) -> None:
        """Search for ``query`` now (the bar's text is set to it)."""
        self.edit.blockSignals(True)
        self.edit.setText(query)
        self.edit.blockSignals(False)
        self.search_now()

    def search_now(self) -> None:
        self._debounce.stop()
        query = self.edit.text().strip()
        self._query = query
        doc = self._view.document()
        if not query or doc is None:
            self._runner.cancel()
            self._set_hits([])
            self.label.setText("")
            return
        self.label.setText("Searching…")
        self._runner.start(doc, query, self._view.ocr_texts())  # OCR (issue #17)

    @property
    def searching(self) -> bool:
        return self._runner.running

    def hit_count(self) -> int:
        return len(self._hits)

    def current_index(self) -> int:
        """0-based index of the current hit, -1 when none."""
        return self._current

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    # -- internals ---------------------------------------------------------------------
    def _on_return(self) -> None:
        if self._debounce.isActive() or self.edit.text().strip() != self._query:
            self.search_now()
        else:
            self.find_next()

    def _step(self, delta: int) -> None:
        if not self._hits:
            if self.edit.text().strip() and not self._runner.running:
                self.search_now()
            return
        self._current = (self._current + delta) % len(self._hits)
        self._show_current()

    def _on_finished(self, query: str, hits: list) -> None:
        self._set_hits(hits)
        if hits:
            # Start from the first hit at or after the page being read.
            page = max(0, self._view.current_page())
            self._current = next((n for n, h in enumerate(hits) if h.index >= page), 0)
            self._show_current()
        else:
            self.label.setText("No matches")
            self.results_changed.emit(0, 0)

    def _on_failed(self, message: str) -> None:
        self._set_hits([])
        self.label.setText(message)

    def _set_hits(self, hits: list[Hit]) -> None:
        self._hits = hits
        self._current = -1
        self._view.set_find_results(hits)

    def _show_current(self) -> None:
        self._view.set_current_find(self._current)
        self.label.setText(f"{self._current + 1} of {len(self._hits)}")
        self.results_changed.emit(self._current + 1, len(self._hits))

    def _on_document_changed(self) -> None:
        self._runner.cancel()
        self._hits, self._current = [], -1
        self.label.setText("")
        if self.isVisible() and self.edit.text().strip():
            self.search_now()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
