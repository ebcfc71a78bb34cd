"""Editors for review cells: text, dates with a "not set" state, and fixed choices."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt,
)
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QTreeView,
    QWidget,
)

from .models import CHOICES_ROLE, DATE_ROLE, VALUE_ROLE

# The earliest date a date editor offers stands for "no date" (shown as "not set").
NOT_SET = QDate(1900, 1, 1)

Index = QModelIndex | QPersistentModelIndex


class ReviewDelegate(QStyledItemDelegate):
    """Edits a cell from its raw value: a combo for choices, a date editor for dates, else
    a line edit. The new value goes to the model, which asks the register for it."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        # A screen reader hears what is being edited: "Outcome of 2.1", "Title".
        model = index.model()
        column = str(model.headerData(index.column(), Qt.Orientation.Horizontal) or "Value")
        row_name = str(index.siblingAtColumn(0).data() or "").strip()
        what = f"{column} of {row_name}" if row_name and column not in ("Value",) else (
            row_name or column)
        choices = index.data(CHOICES_ROLE)
        if choices is not None:
            combo = QComboBox(parent)
            for label, value in choices:
                combo.addItem(label, value)
            combo.setAccessibleName(what)
            return combo
        if index.data(DATE_ROLE):
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("d MMM yyyy")
            editor.setMinimumDate(NOT_SET)
            editor.setSpecialValueText("not set")
            editor.setAccessibleName(f"{what}, a date (the earliest value means not set; "
                                     "Delete on the row clears it)")
            return editor
        line = QLineEdit(parent)
        line.setAccessibleName(what)
        line.setPlaceholderText("not found")
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(VALUE_ROLE)
        if isinstance(editor, QComboBox):
            i = editor.findData(value)
            editor.setCurrentIndex(max(i, 0))
        elif isinstance(editor, QDateEdit):
            editor.setDate(_qdate(value))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        new: Any
        if isinstance(editor, QComboBox):
            new = editor.currentData()
        elif isinstance(editor, QDateEdit):
            d = editor.date()
            new = None if d <= NOT_SET else d.toString("yyyy-MM-dd")
        elif isinstance(editor, QLineEdit):
            new = editor.text().strip() or None
        else:
            return
        if new != index.data(VALUE_ROLE):
            model.setData(index, new, Qt.ItemDataRole.EditRole)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        # A tree does not wrap text to its column by itself: measure against the column.
        if isinstance(view, QTreeView) and view.wordWrap():
            text = index.data(Qt.ItemDataRole.DisplayRole)
            width = view.header().sectionSize(index.column()) - 10
            if index.column() == 0:
                depth, parent = 0, index.parent()
                while parent.isValid():
                    depth, parent = depth + 1, parent.parent()
                width -= view.indentation() * (depth + 1)
            if isinstance(text, str) and text and width > 20:
                box = option.fontMetrics.boundingRect(
                    QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text)
                size.setHeight(max(size.height(), box.height() + 6))
        return size

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        editor.setGeometry(option.rect)


def _qdate(value: Any) -> QDate:
    if isinstance(value, str):
        try:
            d = date.fromisoformat(value)
            return QDate(d.year, d.month, d.day)
        except ValueError:
            pass
    return NOT_SET
