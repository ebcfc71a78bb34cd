"""Editors for review cells: text, dates with a "not set" state, and fixed choices."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt,
)
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QDateEdit, QHeaderView, QLineEdit, QStyle,
    QStyledItemDelegate, QStyleOptionViewItem, QTableView, QTreeView, QWidget,
)

from .models import CHIPS_ROLE, CHOICES_ROLE, DATE_ROLE, VALUE_ROLE

CHIP_PAD, CHIP_GAP = 6, 4
# Room a cell needs around its text: the style's margins and a little air.
CELL_PAD = 12

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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        chips = index.data(CHIPS_ROLE)
        if not chips:
            super().paint(painter, option, index)
            return
        # The cell's background and selection as the style draws them, then the chips.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        paint_chips(painter, opt.rect.adjusted(4, 0, -2, 0), chips, opt.fontMetrics)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        chips = index.data(CHIPS_ROLE)
        if chips:
            size.setWidth(chips_width(chips, option.fontMetrics) + 8)
            view = self.parent()
            if isinstance(view, QTreeView):  # rows grow to hold chips wrapped to the column
                lines = chip_lines(chips, option.fontMetrics,
                                   view.header().sectionSize(index.column()) - 6)
                size.setHeight(max(size.height(),
                                   lines * (option.fontMetrics.height() + 4 + CHIP_GAP) + 4))
        view = self.parent()
        # A tree does not wrap text to its column by itself: measure against the column.
        if isinstance(view, QTreeView) and view.wordWrap() and not chips:
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


def chip_text_colour(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    luminance = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF()
    return QColor("#000000") if luminance > 0.55 else QColor("#ffffff")


def chips_width(chips: list[tuple[str, str]], fm: QFontMetrics) -> int:
    """How wide ``chips`` are side by side."""
    return sum(fm.horizontalAdvance(name) + 2 * CHIP_PAD for name, _c in chips) + \
        CHIP_GAP * max(len(chips) - 1, 0)


def chip_lines(chips: list[tuple[str, str]], fm: QFontMetrics, width: int) -> int:
    """How many lines ``chips`` take wrapped to ``width`` pixels."""
    lines, x = 1, 0
    for name, _c in chips:
        w = fm.horizontalAdvance(name) + 2 * CHIP_PAD
        if x and x + w > width:
            lines, x = lines + 1, 0
        x += w + CHIP_GAP
    return lines


def paint_chips(painter: QPainter, rect: QRect, chips: list[tuple[str, str]],
                fm: QFontMetrics) -> None:
    """Each tag as a rounded chip of its vocabulary colour, left to right within ``rect``,
    wrapping onto another line where the cell is tall enough."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipRect(rect)
    height = fm.height() + 4
    lines = max(1, min(chip_lines(chips, fm, rect.width()),
                       (rect.height() + CHIP_GAP) // (height + CHIP_GAP)))
    top = rect.top() + (rect.height() - lines * height - (lines - 1) * CHIP_GAP) / 2
    x, line = float(rect.left()), 0
    for name, colour in chips:
        fill = QColor(colour)
        if not fill.isValid():
            fill = QColor("#9e9e9e")
        if fm.horizontalAdvance(name) + 2 * CHIP_PAD > rect.width():  # a narrow column
            name = fm.elidedText(name, Qt.TextElideMode.ElideRight, rect.width() - 2 * CHIP_PAD)
        width = fm.horizontalAdvance(name) + 2 * CHIP_PAD
        if x > rect.left() and x + width > rect.right() and line + 1 < lines:
            x, line = float(rect.left()), line + 1
        box = QRectF(x, top + line * (height + CHIP_GAP), width, height)
        painter.setPen(QPen(fill.darker(160), 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), height / 2.5, height / 2.5)
        painter.setPen(chip_text_colour(fill))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), name)
        x += width + CHIP_GAP
    painter.restore()


def _header(view: QAbstractItemView) -> QHeaderView:
    return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()


def cell_width(view: QAbstractItemView, index: QModelIndex) -> int:
    """The width ``index`` needs to show whole: its text (or chips), icon and tick box, and
    room for its combo editor's longest choice."""
    fm = view.fontMetrics()
    chips = index.data(CHIPS_ROLE)
    text = index.data(Qt.ItemDataRole.DisplayRole)
    width = chips_width(chips, fm) + 8 if chips else (
        fm.horizontalAdvance(text) if isinstance(text, str) else 0)
    style = view.style()
    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
        width += view.iconSize().width() if view.iconSize().width() > 0 else \
            style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        width += 6
    if index.data(Qt.ItemDataRole.CheckStateRole) is not None:
        width += style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
    if index.data(CHOICES_ROLE):
        # Room for the combo's arrow, so its editor shows the value whole.
        width += style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 4
    return width + CELL_PAD


def fit_columns(view: QAbstractItemView, stretch: int, caps: dict[int, int],
                least: int = 0) -> None:
    """Size every column but ``stretch`` to the widest of its header and ALL its cells (a
    hidden tab measures the same as a shown one); ``stretch`` takes the room left, and never
    less than ``least`` pixels (a scroll bar rather than a squeezed text); a column in
    ``caps`` stops at that many pixels (its cells wrap or show a tooltip)."""
    model, header = view.model(), _header(view)
    columns = model.columnCount()
    hfm = header.fontMetrics()
    widths = [hfm.horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
              + CELL_PAD + 6 for c in range(columns)]
    tree = view if isinstance(view, QTreeView) else None
    stack: list[tuple[QModelIndex, int]] = [(QModelIndex(), 0)]
    while stack:
        parent, depth = stack.pop()
        for r in range(model.rowCount(parent)):
            for c in range(columns):
                index = model.index(r, c, parent)
                width = cell_width(view, index)
                if tree is not None and c == 0:
                    width += tree.indentation() * (depth + 1)
                widths[c] = max(widths[c], width)
            first = model.index(r, 0, parent)
            if model.hasChildren(first):
                stack.append((first, depth + 1))
    fixed = {c: (min(widths[c], caps[c]) if c in caps else widths[c])
             for c in range(columns) if c != stretch}
    view.setProperty("fit_widths", fixed)
    view.setProperty("fit_stretch", (stretch, max(least, widths[stretch] if
                                                  stretch < len(widths) else 0)))
    for c, width in fixed.items():
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        if header.sectionSize(c) != width:
            header.resizeSection(c, width)
    fill_stretch(view)


def fill_stretch(view: QAbstractItemView) -> None:
    """Give the stretch column what the view's width leaves (called again on a resize)."""
    fixed, (stretch, least) = view.property("fit_widths"), view.property("fit_stretch")
    header = _header(view)
    if fixed is None or stretch >= view.model().columnCount():
        return
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Interactive)
    room = view.viewport().width() - sum(header.sectionSize(c) for c in fixed)
    width = max(room, min(least, 180), 40)
    if header.sectionSize(stretch) != width:
        header.resizeSection(stretch, width)
    if isinstance(view, QTableView) and view.wordWrap():
        view.resizeRowsToContents()
