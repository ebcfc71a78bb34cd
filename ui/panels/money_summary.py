"""The top of the Costs section: what the paper asks the DMPC to approve (capital, revenue over
its whole period, contracts, conflicts), from the register's summary of the paper.

Display only: every figure comes from ``get_paper(id).money`` (the one summary rule in
``mopac_desk.extract.summary``); this widget formats it with ``format_pence`` and emits the
clerk's intents: a figure selected (to show its places on the page) and a figure chosen where
the paper conflicts (the panel turns that into an undoable register step).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QButtonGroup, QFrame, QLabel, QMenu, QToolButton, QVBoxLayout,
    QWidget,
)

from mopac_desk.extract.summary import Figure, Place, Summary
from mopac_desk.money import format_pence

from .flow_layout import FlowLayout

KIND_LABELS = {"capital": "Capital", "revenue": "Revenue", "contract": "Contracts"}
PART_LABELS = {"decision": "decision form", "report": "report", "part2": "Part 2",
               "cover": "cover", "other": "paper"}


def pages_text(places: list[Place]) -> str:
    """"p. 2" or "pp. 2, 7" (each page once, in order)."""
    pages = sorted({p.page for p in places if p.page})
    if not pages:
        return ""
    return ("p. " if len(pages) == 1 else "pp. ") + ", ".join(str(p) for p in pages)


def where_text(figure: Figure) -> str:
    """Where the paper states a figure: "recommendation, p. 2" or "report, pp. 5, 7"."""
    if figure.in_recommendation:
        what = "recommendation"
    else:
        parts = list(dict.fromkeys(PART_LABELS.get(p.part, p.part) for p in figure.places))
        what = " and ".join(parts) if parts else "paper"
    pages = pages_text(figure.places)
    return f"{what}, {pages}" if pages else what


def figure_detail(figure: Figure) -> str:
    """What a figure is made of, in words: its yearly sum, its headroom, its budget."""
    bits = []
    if figure.per_annum_pence is not None and figure.period_years:
        years = figure.period_years
        bits.append(f"{format_pence(figure.per_annum_pence)} a year for {years} "
                    f"year{'s' if years != 1 else ''} = {format_pence(figure.pence)}")
    if figure.headroom_pence:
        bits.append(f"headroom of {format_pence(figure.headroom_pence)} included")
    if figure.funded_from:
        bits.append(f"funded from the {figure.funded_from} budget")
    return "; ".join(bits)


def figure_tooltip(figure: Figure) -> str:
    """Every place the figure is stated, with its sentence (plain text)."""
    lines = [f"{format_pence(figure.pence)}, stated {len(figure.places)} "
             f"time{'s' if len(figure.places) != 1 else ''}:"]
    for place in figure.places:
        context = " ".join((place.context or place.quote or "").split())
        if len(context) > 160:
            context = context[:159] + "…"
        lines.append(f"p. {place.page}: “{context}”")
    lines.append("Click to show every place on the page.")
    return "\n".join(lines)


class MoneySummary(QFrame):
    """Capital, revenue, contracts and conflicts of the paper shown; each figure a button."""

    #: a figure was selected: its kind and its position in ``summary.sources[kind]``
    figure_selected = Signal(str, int)
    #: the clerk picked the right figure of a conflict: kind, pence (None: the rule's choice)
    figure_chosen = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moneySummary")
        self.setAccessibleName("What the paper asks the DMPC to approve")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(8, 4, 8, 4)
        self._box.setSpacing(2)
        self._height = QToolButton().sizeHint().height()  # labels sit level with buttons
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # none selected is allowed (a cost row is current)
        self.buttons: dict[tuple[str, int], QToolButton] = {}
        self.choose_buttons: dict[str, QToolButton] = {}
        self.lines: dict[str, QWidget] = {}
        self._summary: Summary | None = None
        self._shown: tuple | None = None
        self._chain: list[QWidget] = []

    # ===== reads ==============================================================================
    def text(self) -> str:
        """Everything the summary says, as plain lines (what a screen reader reads)."""
        return "\n".join(label.accessibleDescription() for label in self.lines.values())

    def focus_chain(self) -> list[QWidget]:
        """The figure and Choose… buttons in reading order (for the Tab order)."""
        return list(self._chain)

    def selected(self) -> tuple[str, int] | None:
        """The figure shown on the page (kind, index), or None."""
        return next((k for k, b in self.buttons.items() if b.isChecked()), None)

    # ===== showing ============================================================================
    def show_summary(self, summary: Summary | None, needs_review: int = 0) -> None:
        """Show ``summary`` (None: no paper); ``needs_review`` items changed in a new version."""
        shown = (summary.to_dict() if summary is not None else None, needs_review)
        if shown == self._shown:
            return  # an edit that left the money as it was (a tag, an outcome): no rebuild
        self._shown = shown
        self._summary = summary
        chosen = self.selected()
        self._clear()
        if summary is None:
            self.setVisible(False)
            return
        self.setVisible(True)
        row = 0
        for kind in ("capital", "revenue", "contract"):
            figures = summary.sources.get(kind) or []
            if kind == "contract":
                if figures:
                    self._row(row, kind, "Contracts", figures, note="never added to spend")
                    row += 1
                continue
            if not figures:
                continue
            self._row(row, kind, KIND_LABELS[kind], figures, summary=summary)
            row += 1
        if row == 0:
            self._plain(row, "money", "Money", "The paper asks for no capital or revenue and "
                        "names no contract.")
            row += 1
        if needs_review:
            self._plain(row, "review", "Check",
                        f"{needs_review} item{'s' if needs_review != 1 else ''} changed in the "
                        "new version (marked ⚑ below): check "
                        f"{'them' if needs_review != 1 else 'it'}.")
        if chosen in self.buttons:
            self.buttons[chosen].setChecked(True)

    def select(self, kind: str, index: int | None) -> None:
        """Mark figure (kind, index) selected (None: none is)."""
        for key, button in self.buttons.items():
            button.setChecked(index is not None and key == (kind, index))

    # ===== building ===========================================================================
    def _clear(self) -> None:
        while self._box.count():
            item = self._box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for button in self._group.buttons():
            self._group.removeButton(button)
        self.buttons, self.choose_buttons, self.lines = {}, {}, {}
        self._chain: list[QWidget] = []

    def _line(self, key: str, name: str) -> tuple[QWidget, FlowLayout]:
        holder = QWidget()
        flow = FlowLayout(holder)
        title = self._word(f"{name}:")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        flow.addWidget(title)
        self._box.addWidget(holder)
        self.lines[key] = holder
        holder.setAccessibleName(f"{name} figures")
        return holder, flow

    def _word(self, text: str, dim: bool = False) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)  # never markup
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        label.setMinimumHeight(self._height)
        if dim:
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return label

    def _plain(self, row: int, key: str, name: str, text: str) -> None:
        holder, flow = self._line(key, name)
        for word in _chunks(text):
            flow.addWidget(self._word(word))
        holder.setAccessibleDescription(f"{name}: {text}")

    def _row(self, row: int, kind: str, name: str, figures: list[Figure], *,
             summary: Summary | None = None, note: str = "") -> None:
        # Words and figures flow and wrap like a sentence: a narrow panel is never widened.
        conflict = summary is not None and kind in summary.conflicts
        settled = summary is not None and kind in summary.chosen_by_clerk
        holder, flow = self._line(kind, name)
        said: list[str] = []

        def words(text: str, bold: bool = False, dim: bool = False) -> None:
            for chunk in _chunks(text):
                label = self._word(chunk, dim)
                if bold:
                    font = label.font()
                    font.setBold(True)
                    label.setFont(font)
                flow.addWidget(label)
            said.append(text)

        order = sorted(range(len(figures)), key=lambda i: not figures[i].stands) \
            if conflict else list(range(len(figures)))
        for n, i in enumerate(order):
            figure = figures[i]
            if conflict and n == 0:
                words("settled by the clerk —" if settled else "conflict —", bold=not settled)
            elif conflict:
                words("also")
            elif n:
                words("·")
            yearly = figure.per_annum_pence is not None and bool(figure.period_years)
            if yearly:
                years = figure.period_years or 0
                words(f"{format_pence(figure.per_annum_pence or 0)} a year for {years} "
                      f"year{'s' if years != 1 else ''} =")
            flow.addWidget(self._figure_button(kind, i, figure))
            said.append(format_pence(figure.pence))
            where = f"({where_text(figure)})"
            if conflict and figure.stands:
                where = f"{'chosen' if settled else 'stands'} {where}"
            extra = "" if yearly else figure_detail(figure)
            more = ";" if conflict and n < len(order) - 1 else ""
            words((f"{where}, {extra}" if extra else where) + more)
        if note:
            words(f"({note})", dim=True)
        if conflict:
            flow.addWidget(self._choose_button(kind, figures, settled))
        holder.setAccessibleDescription(
            f"{name}: " + " ".join(said).replace(" · ", ", "))

    def _figure_button(self, kind: str, index: int, figure: Figure) -> QToolButton:
        button = QToolButton()
        button.setObjectName(f"figure.{kind}.{index}")
        button.setText(format_pence(figure.pence))
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setToolTip(figure_tooltip(figure))
        button.setAccessibleName(f"{KIND_LABELS[kind]} {format_pence(figure.pence)}, "
                                 f"{where_text(figure)}: show on the page")
        font = button.font()
        font.setBold(figure.stands)
        font.setUnderline(True)
        button.setFont(font)
        button.setForegroundRole(QPalette.ColorRole.Link)
        button.setStyleSheet("QToolButton { padding: 0 2px; }")
        button.clicked.connect(lambda checked, k=kind, i=index: self._clicked(k, i, checked))
        self._group.addButton(button)
        self.buttons[(kind, index)] = button
        self._chain.append(button)
        return button

    def _choose_button(self, kind: str, figures: list[Figure], settled: bool) -> QToolButton:
        button = QToolButton()
        button.setObjectName(f"choose.{kind}")
        button.setText("Choose…")
        button.setToolTip(f"Pick the right {kind} figure (undoable)")
        button.setAccessibleName(f"Choose the right {kind} figure")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for figure in figures:
            action = QAction(f"{format_pence(figure.pence)} ({where_text(figure)})", menu)
            action.setCheckable(True)
            action.setChecked(figure.stands)
            action.triggered.connect(
                lambda _c=False, k=kind, p=figure.pence: self.figure_chosen.emit(k, p))
            menu.addAction(action)
        menu.addSeparator()
        rule = QAction("The recommendation's figure (the rule)", menu)
        rule.setEnabled(settled)
        rule.triggered.connect(lambda _c=False, k=kind: self.figure_chosen.emit(k, None))
        menu.addAction(rule)
        button.setMenu(menu)
        self.choose_buttons[kind] = button
        self._chain.append(button)
        return button

    def _clicked(self, kind: str, index: int, checked: bool) -> None:
        self.select(kind, index if checked else None)
        if checked:
            self.figure_selected.emit(kind, index)
        else:
            self.figure_selected.emit(kind, -1)


def _chunks(text: str) -> list[str]:
    """The places where a line may wrap: between words, but a short bracket stays whole."""
    chunks: list[str] = []
    for word in text.split():
        inside = bool(chunks) and chunks[-1].count("(") > chunks[-1].count(")")
        if inside and len(chunks[-1]) + len(word) < 40:
            chunks[-1] += " " + word
        else:
            chunks.append(word)
    return chunks
