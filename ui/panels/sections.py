"""The review panel's four sections (Fields, Recommendations, Costs, Checks): their views,
models, buttons and column widths, and how a refill keeps the clerk's selection and scroll.

Display only: what the rows say is ``rows``' job, what an edit does is the panel's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView, QTabWidget,
    QTreeView, QVBoxLayout, QWidget,
)

from mopac_desk.register import PaperDetail

from . import rows as R
from .delegates import ReviewDelegate, fill_stretch, fit_columns
from .models import KEY_ROLE, ReviewModel
from .money_summary import MoneySummary

FIELDS, RECOMMENDATIONS, COSTS, CHECKS = range(4)
SECTION_OF = {"field": FIELDS, "recommendation": RECOMMENDATIONS, "cost": COSTS,
              "finding": CHECKS}
# Which column Enter edits when the current cell is not editable itself.
EDIT_COLUMN = {FIELDS: 1, RECOMMENDATIONS: 5, COSTS: 1}
CONFIRMED_COLUMN = 2  # the Fields tick column: the only place Space ticks
# The column of each section that takes the room left; the others fit their contents.
STRETCH_COLUMN = {FIELDS: 1, RECOMMENDATIONS: 1, COSTS: 3, CHECKS: 2}
# Columns that may wrap rather than widen past this many pixels (long reasons, many tags).
CAPPED = {RECOMMENDATIONS: {6: 110}, CHECKS: {4: 180}}
SECTION_NAMES = ("Fields", "Recommendations", "Costs", "Checks")
HEADERS = (R.FIELD_HEADERS, R.REC_HEADERS, R.COST_HEADERS, R.CHECK_HEADERS)
ROW_BUILDERS = (R.field_rows, R.recommendation_rows, R.cost_rows, R.finding_rows)


class Sections(QTabWidget):
    """The four tabs; ``views[i]``/``models[i]`` belong to section ``i``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Review sections")
        self.tabBar().setAccessibleName("Review sections")
        self.setDocumentMode(True)
        self.fields_view = _table("Fields")
        self.recommendations_view = QTreeView()
        _setup_view(self.recommendations_view, "Recommendations")
        self.recommendations_view.setWordWrap(True)
        self.recommendations_view.setUniformRowHeights(False)
        self.recommendations_view.setAllColumnsShowFocus(True)
        self.costs_view = _table("Costs")
        self.checks_view = _table("Checks")
        self.checks_view.setWordWrap(True)
        self.views: list[QAbstractItemView] = [
            self.fields_view, self.recommendations_view, self.costs_view, self.checks_view]
        self.models = [ReviewModel(h, self) for h in HEADERS]
        for view, model in zip(self.views, self.models):
            view.setModel(model)
            view.viewport().installEventFilter(self)  # the text column follows the width
            # One delegate per view: a shared one would hand each view the others' editors.
            view.setItemDelegate(ReviewDelegate(view))

        self.show_button = _button("Show on &page", "Show the selected field on the page")
        self.delete_rec_button = _button("&Delete", "Delete the selected recommendations")
        self.delete_cost_button = _button("&Delete", "Delete the selected costs")
        self.dismiss_button = _button("D&ismiss…", "Dismiss the selected check with a reason")
        self.reopen_button = _button("&Reopen", "Reopen the selected dismissed check")
        self.money = MoneySummary()

        self.addTab(_page(self.fields_view, [self.show_button]), "Fields")
        self.addTab(_page(self.recommendations_view, [self.delete_rec_button]),
                    "Recommendations")
        self.addTab(_page(self.costs_view, [self.delete_cost_button], above=self.money),
                    "Costs")
        self.addTab(_page(self.checks_view, [self.dismiss_button, self.reopen_button]),
                    "Checks")
        for i, name in enumerate(SECTION_NAMES):
            self.setTabToolTip(i, f"{name} (Alt+{i + 1})")
        self._size_columns()

    # ===== reads =============================================================================
    def current_view(self) -> QAbstractItemView:
        """The view of the section shown."""
        return self.views[self.currentIndex()]

    def current_key(self, section: int) -> tuple[str, Any] | None:
        """The key of the current row of ``section`` (None when there is none)."""
        index = self.views[section].currentIndex()
        key = index.data(KEY_ROLE) if index.isValid() else None
        return tuple(key) if key else None

    def selected_rows(self, section: int) -> list:
        """The selected rows (column 0 indexes) of ``section``."""
        return self.views[section].selectionModel().selectedRows(0)

    def selected_items(self) -> list[tuple[str, int]]:
        """The recommendations or costs selected in the section shown, in display order."""
        view = self.current_view()
        keys: list[tuple[str, int]] = []
        for index in sorted(view.selectionModel().selectedRows(0),
                            key=lambda i: (view.visualRect(i).top(), i.row())):
            key = index.data(KEY_ROLE)
            if key and key[0] in ("recommendation", "cost") and tuple(key) not in keys:
                keys.append(tuple(key))
        return keys

    def layout_pending(self) -> bool:
        """True while wrapped rows are still to be measured against a changed column."""
        return self._relayout_timer.isActive()

    def tab_order(self) -> list[QWidget]:
        """The sections' widgets in Tab order (views, then their buttons)."""
        return [self, self.fields_view, self.show_button, self.recommendations_view,
                self.delete_rec_button, self.costs_view, self.delete_cost_button,
                self.checks_view, self.dismiss_button, self.reopen_button]

    # ===== filling ===========================================================================
    def fill(self, detail: PaperDetail | None, colours: R.TagColours | None = None) -> None:
        """Show ``detail``'s rows (None: empty), keeping each section's current row,
        selection and scroll where the rows still exist; ``colours`` are the tags'."""
        for section, build in enumerate(ROW_BUILDERS):
            view, model = self.views[section], self.models[section]
            current = view.currentIndex()
            keep_key, keep_col = current.data(KEY_ROLE), current.column()
            keep_sel = {tuple(i.data(KEY_ROLE)) for i in view.selectionModel().selectedRows(0)
                        if i.data(KEY_ROLE)}
            scroll = view.verticalScrollBar().value()
            if model.set_rows(build(detail, colours) if detail is not None else []):
                _restore(view, model, keep_key, keep_col, keep_sel, scroll)
        self.fit_columns()
        review = (sum(r.needs_review for r in detail.recommendations)
                  + sum(c.needs_review for c in detail.costs)) if detail is not None else 0
        self.money.show_summary(detail.money if detail is not None else None, review)
        # Tab reaches the summary's figures between the tab bar and the costs list.
        chain = [self.delete_rec_button, *self.money.focus_chain(), self.costs_view]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def fit_columns(self) -> None:
        """Size every column to its contents over ALL rows (not the ones in view), whether the
        tab is shown or not: amounts are never elided, years never wrap; the section's text
        column takes the room left."""
        for section, view in enumerate(self.views):
            fit_columns(view, STRETCH_COLUMN[section], CAPPED.get(section, {}))

    def forget_selection(self) -> None:
        """Clear every section's selection and current row (another paper is shown)."""
        for view in self.views:
            view.clearSelection()
            view.setCurrentIndex(QModelIndex())

    def commit_editors(self) -> None:
        """An editor still open commits now (before the paper shown changes)."""
        for view in self.views:
            if view.state() == QAbstractItemView.State.EditingState:
                view.setCurrentIndex(QModelIndex())

    def _size_columns(self) -> None:
        fm = self.fontMetrics()
        for section, view in enumerate(self.views):
            header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
            header.setStretchLastSection(False)
            header.setMinimumSectionSize(fm.horizontalAdvance("p. 10") + 12)
        # Nothing in Costs wraps: "FY 23/24" stays on one line, amounts stay whole.
        self.costs_view.setWordWrap(False)
        self.costs_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        for view in (self.fields_view, self.checks_view):
            view.setWordWrap(True)
            view.verticalHeader().setMinimumSectionSize(fm.height() + 12)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.fit_columns()
        # Re-measure wrapped recommendation text when its column changes width.
        r = self.recommendations_view.header()
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self.recommendations_view.doItemsLayout)
        r.sectionResized.connect(lambda *_a: self._relayout_timer.start())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            for view in self.views:
                if obj is view.viewport():
                    fill_stretch(view)
        return super().eventFilter(obj, event)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.fit_columns()


def _button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    return button


def _table(name: str) -> QTableView:
    view = QTableView()
    _setup_view(view, name)
    # Tab leaves the table for the buttons below it (arrows move between cells).
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    return view


def _setup_view(view: QAbstractItemView, name: str) -> None:
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.SelectedClicked)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)


def _page(view: QWidget, buttons: list[QPushButton], above: QWidget | None = None) -> QWidget:
    page = QWidget()
    box = QVBoxLayout(page)
    box.setContentsMargins(0, 4, 0, 0)
    if above is not None:
        box.addWidget(above)
    box.addWidget(view, 1)
    bar = QHBoxLayout()
    bar.addStretch(1)
    for b in buttons:
        b.setAutoDefault(False)
        bar.addWidget(b)
    box.addLayout(bar)
    return page


def _restore(view: QAbstractItemView, model: ReviewModel, key: Any, column: int,
             selected: set, scroll: int) -> None:
    if isinstance(view, QTreeView):
        view.expandAll()
    sel = view.selectionModel()
    sel.blockSignals(True)
    try:
        for k in selected:
            index = model.index_of(k)
            if index.isValid():
                sel.select(index, sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
        if key is not None:
            index = model.index_of(tuple(key), max(column, 0))
            if index.isValid():
                sel.setCurrentIndex(index, sel.SelectionFlag.NoUpdate)
    finally:
        sel.blockSignals(False)
    view.verticalScrollBar().setValue(scroll)
