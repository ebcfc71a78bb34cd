"""Table model over the register's paper summaries (display only; no SQL here)."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from mopac_desk.money import format_pence
from mopac_desk.register import PaperSummary

SORT_ROLE = Qt.ItemDataRole.UserRole
PAPER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS: tuple[str, ...] = (
    "Reference", "Title", "Meeting", "Decision required by", "Capital", "Revenue",
    "Recommendations", "Status", "Open checks",
)
# Narrow headers for the table; the full names are their tooltips.
SHORT_HEADERS: tuple[str, ...] = (
    "Reference", "Title", "Meeting", "Decision by", "Capital", "Revenue", "Recs", "Status",
    "Checks",
)
_NUMERIC = {4, 5, 6, 8}

__all__ = ["COLUMNS", "PAPER_ID_ROLE", "PapersTableModel", "SORT_ROLE", "format_pence"]


class PapersTableModel(QAbstractTableModel):
    """Rows are :class:`PaperSummary` objects from ``Register.list_papers``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PaperSummary] = []

    def set_rows(self, rows: Sequence[PaperSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def paper_at(self, row: int) -> PaperSummary:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return SHORT_HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        p = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(p, col)
        if role == SORT_ROLE:
            return self._sort_key(p, col)
        if role == PAPER_ID_ROLE:
            return p.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 1):
            return f"{p.title or p.file_name}\n{p.file_name}, pages {p.first_page}–{p.last_page}"
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and p.meeting:
            return p.meeting
        return None

    @staticmethod
    def _display(p: PaperSummary, col: int) -> str:
        return [
            p.reference or "", p.title or p.file_name, p.meeting or "",
            p.decision_required_by or "", format_pence(p.capital_pence) if p.capital_pence else "",
            format_pence(p.revenue_pence) if p.revenue_pence else "", str(p.recommendations),
            p.status, str(p.open_checks) if p.open_checks else "",
        ][col]

    @staticmethod
    def _sort_key(p: PaperSummary, col: int) -> Any:
        # numbers sort as numbers (pence are ints; Qt compares them exactly)
        return [
            p.reference or "", (p.title or p.file_name).lower(), p.meeting or "",
            p.decision_required_by or "", p.capital_pence or 0, p.revenue_pence or 0,
            p.recommendations,
            p.status, p.open_checks,
        ][col]
