"""The top of the review panel: which paper is shown (its reference and title), which paper
of a multi-paper file, and the paper's status. Shows what it is given and emits the clerk's
choices; the panel turns them into steps."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mopac_desk.register import ImportedPaper, PaperDetail, PaperSummary
from mopac_desk.register.schema import STATUSES

from .file_papers import NO_PAPER


def paper_label(summary: PaperSummary | None) -> str:
    """How the undo history names a paper: its reference, else its title (short)."""
    if summary is None:
        return ""
    if summary.reference:
        return summary.reference
    title = summary.title or ""
    return title if len(title) <= 30 else title[:29] + "…"


class PaperHeader(QWidget):
    """Title line, paper box (several papers in one file) and status box."""

    #: the clerk chose a status in the box
    status_chosen = Signal(str)
    #: the clerk chose another paper of the file (its register id)
    paper_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self.title_label = QLabel(NO_PAPER)
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setAccessibleName("Paper shown")
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.paper_combo = QComboBox()
        self.paper_combo.setAccessibleName("Paper in this file")
        self.paper_combo.setToolTip("This file holds several papers: choose one to review")
        self.paper_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.paper_combo.setMinimumContentsLength(16)
        self.paper_combo.setVisible(False)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Paper status")
        # A wheel turned while passing over the box must not change the paper's status.
        self.status_combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.status_combo.setToolTip("Where this paper stands in the review")
        for s in STATUSES:
            self.status_combo.addItem(s.capitalize(), s)
        status_label = QLabel("&Status:")
        status_label.setBuddy(self.status_combo)
        head = QHBoxLayout()
        head.addWidget(self.paper_combo, 1)
        head.addStretch(0)
        head.addWidget(status_label)
        head.addWidget(self.status_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addLayout(head)
        self.status_combo.currentIndexChanged.connect(self._status_chosen)
        self.paper_combo.currentIndexChanged.connect(self._paper_chosen)

    def show_paper(self, detail: PaperDetail) -> None:
        """Show ``detail``'s reference, title, pages and status."""
        summary = detail.summary
        ref = summary.reference or "No reference"
        title = summary.title or summary.file_name
        pages = (f"page {summary.first_page}" if summary.first_page == summary.last_page
                 else f"pages {summary.first_page}–{summary.last_page}")
        self.title_label.setText(f"{ref} — {title}")
        self.title_label.setToolTip(f"{summary.file_name}, {pages}")
        self._filling = True
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(summary.status)))
        self._filling = False

    def show_state(self, text: str | None) -> None:
        """No paper to show (``text`` says why), or None: a paper is shown."""
        has_paper = text is None
        self.status_combo.setEnabled(has_paper)
        if not has_paper:
            self.title_label.setText("No paper" if text and text.startswith("No paper")
                                     else "Review")

    def show_file_papers(self, papers: Sequence[ImportedPaper], shown: int | None) -> None:
        """List the papers of the open file (the box shows only for two or more)."""
        self._filling = True
        self.paper_combo.clear()
        for p in papers:
            label = p.reference or p.title or f"Paper from page {p.starts_at}"
            self.paper_combo.addItem(f"{label} (from page {p.starts_at})", p.id)
        self.paper_combo.setCurrentIndex(self.paper_combo.findData(shown))
        self.paper_combo.setVisible(len(papers) > 1)
        self._filling = False

    def _status_chosen(self, index: int) -> None:
        if not self._filling and index >= 0:
            self.status_chosen.emit(self.status_combo.itemData(index))

    def _paper_chosen(self, index: int) -> None:
        if not self._filling and index >= 0:
            self.paper_chosen.emit(int(self.paper_combo.itemData(index)))
