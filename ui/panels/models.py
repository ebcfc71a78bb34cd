"""Item models for the review sections, built from what ``Register.get_paper`` returns.

Rows are described as plain :class:`Row`/:class:`Cell` values; :class:`ReviewModel` shows
them and, when the same items come back after an edit, updates the cells in place (an open
editor, the selection and the scroll position survive). An edit in a cell is not stored in
the model: it is announced with ``edit_requested`` and comes back from the register.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QIcon, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication

KEY_ROLE = Qt.ItemDataRole.UserRole + 1     # (entity, id) on every cell of a row
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2   # the raw value an editor starts from
EDIT_ROLE = Qt.ItemDataRole.UserRole + 3    # what editing this cell changes ("value", ...)
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 4  # [(label, value)] for a combo editor
DATE_ROLE = Qt.ItemDataRole.UserRole + 5    # True: edit with a date editor
CHIPS_ROLE = Qt.ItemDataRole.UserRole + 6   # [(tag name, "#rrggbb")] painted as chips


@dataclass
class Cell:
    """One cell: what it shows and how it edits."""

    text: str = ""
    value: Any = None
    tooltip: str = ""
    edit: str | None = None
    check: bool | None = None
    dim: bool = False
    icon: QIcon | None = None
    choices: Sequence[tuple[str, Any]] | None = None
    date: bool = False
    accessible: str = ""
    align_right: bool = False  # amounts line up on their last digit
    chips: Sequence[tuple[str, str]] | None = None


@dataclass
class Row:
    """One row: its item key, the key of its parent row (sub-items) and its cells."""

    key: tuple[str, Any]
    cells: list[Cell]
    parent: tuple[str, Any] | None = None
    children: list["Row"] = field(default_factory=list)


def _dim_brush() -> QBrush:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    return QBrush(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))


class ReviewModel(QStandardItemModel):
    """Rows of one review section; edits are requested, never stored here."""

    #: key of the row, what the cell edits, the new value
    edit_requested = Signal(object, str, object)

    def __init__(self, headers: Sequence[str], parent=None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(headers))
        self._shape: list[Any] = []

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        edit = index.data(EDIT_ROLE)
        if edit and role in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole):
            if role == Qt.ItemDataRole.CheckStateRole:
                value = Qt.CheckState(value) == Qt.CheckState.Checked
            self.edit_requested.emit(index.data(KEY_ROLE), edit, value)
            return True
        return super().setData(index, value, role)

    def set_rows(self, rows: Sequence[Row]) -> bool:
        """Show ``rows`` (children nested); returns True when the rows were rebuilt rather
        than updated in place."""
        shape = _shape(rows)
        if shape == self._shape and self.rowCount() == len(rows):
            self._update(self.invisibleRootItem(), rows)
            return False
        self.removeRows(0, self.rowCount())
        self._append(self.invisibleRootItem(), rows)
        self._shape = shape
        return True

    def index_of(self, key: tuple[str, Any], column: int = 0) -> QModelIndex:
        """The index of the row whose key is ``key`` (invalid if none)."""
        key = tuple(key)
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for r in range(self.rowCount(parent)):
                index = self.index(r, 0, parent)
                found = index.data(KEY_ROLE)
                if found is not None and tuple(found) == key:
                    return index.siblingAtColumn(column)
                if self.hasChildren(index):
                    stack.append(index)
        return QModelIndex()

    def _append(self, parent: QStandardItem, rows: Sequence[Row]) -> None:
        for row in rows:
            items = [QStandardItem() for _ in row.cells]
            for item, cell in zip(items, row.cells):
                _fill(item, row.key, cell)
            parent.appendRow(items)
            if row.children:
                self._append(items[0], row.children)

    def _update(self, parent: QStandardItem, rows: Sequence[Row]) -> None:
        for r, row in enumerate(rows):
            for c, cell in enumerate(row.cells):
                item = parent.child(r, c)
                if item is not None:
                    _fill(item, row.key, cell)
            if row.children:
                self._update(parent.child(r, 0), row.children)


def _shape(rows: Sequence[Row]) -> list[Any]:
    return [(row.key, len(row.cells), _shape(row.children)) for row in rows]


def _fill(item: QStandardItem, key: tuple[str, Any], cell: Cell) -> None:
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if cell.edit and cell.check is None:
        flags |= Qt.ItemFlag.ItemIsEditable
    if cell.check is not None:
        flags |= Qt.ItemFlag.ItemIsUserCheckable
    item.setFlags(flags)
    values = {
        Qt.ItemDataRole.DisplayRole: cell.text,
        Qt.ItemDataRole.ToolTipRole: cell.tooltip or None,
        Qt.ItemDataRole.AccessibleTextRole: cell.accessible or cell.text or None,
        KEY_ROLE: key,
        VALUE_ROLE: cell.value,
        EDIT_ROLE: cell.edit,
        CHOICES_ROLE: list(cell.choices) if cell.choices is not None else None,
        DATE_ROLE: cell.date or None,
        CHIPS_ROLE: [tuple(c) for c in cell.chips] if cell.chips else None,
        Qt.ItemDataRole.TextAlignmentRole: (
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if cell.align_right else None),
        Qt.ItemDataRole.ForegroundRole: _dim_brush() if cell.dim else None,
        Qt.ItemDataRole.DecorationRole: cell.icon,
        Qt.ItemDataRole.CheckStateRole: (
            None if cell.check is None
            else (Qt.CheckState.Checked if cell.check else Qt.CheckState.Unchecked)),
    }
    for role, value in values.items():
        if item.data(role) != value:
            # QStandardItem.setData, not the model's: this is display, not an edit request
            item.setData(value, role)
