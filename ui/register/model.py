"""The register table's model: lazy over the register's paper ids (display only; no SQL here).

Anki's browser is the model: the register hands out the ids of the rows in order (filtered
and sorted in SQL, counted by their length), and the model fetches the papers themselves a
screen at a time, when the view asks for a row it has not seen. 10,000 papers cost one
screen. A search sets the ids in bm25 order, and each shown row gets its best snippet.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt,
                            Signal)

from mopac_desk.money import format_pence
from mopac_desk.register import PaperSummary
from mopac_desk.register.search import SearchHit

SORT_ROLE = Qt.ItemDataRole.UserRole
PAPER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: the row's best search hit (a SearchHit) while a search filters the table
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
#: rich text (HTML) of a cell: the found words in bold
HTML_ROLE = Qt.ItemDataRole.UserRole + 3

COLUMNS: tuple[str, ...] = (
    "Reference", "Title", "Meeting", "Decision required by", "Capital", "Revenue",
    "Recommendations", "Status", "Open checks", "Found",
)
# Narrow headers for the table; the full names are their tooltips.
SHORT_HEADERS: tuple[str, ...] = (
    "Reference", "Title", "Meeting", "Decision by", "Capital", "Revenue", "Recs", "Status",
    "Checks", "Found",
)
#: the register's sort key for each column (Register.paper_ids(sort=...))
SORT_KEYS: tuple[str, ...] = (
    "reference", "title", "meeting", "decision_required_by", "capital", "revenue",
    "recommendations", "status", "open_checks", "",
)
FOUND_COLUMN = COLUMNS.index("Found")
_NUMERIC = {4, 5, 6, 8}
#: rows fetched at once: a screen and a bit, so scrolling a line does not fetch again
CHUNK = 64

#: ids -> their PaperSummary rows (in any order)
FetchRows = Callable[[Sequence[int]], Sequence[PaperSummary]]
#: paper ids -> each paper's hit with its snippet, by paper id
FetchHits = Callable[[Sequence[int]], "dict[int, SearchHit]"]

__all__ = ["CHUNK", "COLUMNS", "FOUND_COLUMN", "HIT_ROLE", "HTML_ROLE", "PAPER_ID_ROLE",
           "PapersTableModel", "SORT_KEYS", "SORT_ROLE", "format_pence", "marked_html"]


def marked_html(hit: SearchHit) -> str:
    """A hit's snippet as HTML with the matched words in bold (paper text escaped)."""
    return "".join(f"<b>{escape(t)}</b>" if found else escape(t) for t, found in hit.parts)


class PapersTableModel(QAbstractTableModel):
    """Rows are papers, by id; their :class:`PaperSummary` is fetched when first shown."""

    #: the view asked to sort: (the register's sort key, descending)
    sort_requested = Signal(str, bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: dict[int, PaperSummary] = {}
        self._fetch: FetchRows | None = None
        self._fetch_hits: FetchHits | None = None
        self._hits: dict[int, SearchHit] = {}    # paper id -> its hit, once fetched
        self._no_hit: set[int] = set()           # papers whose hit could not be made
        self.fetches = 0  # chunks fetched since the last reset (a test reads it)

    # -- filling ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[PaperSummary]) -> None:
        """Show these rows, all known already (small registers, tests)."""
        self.beginResetModel()
        self._ids = [r.id for r in rows]
        self._rows = {r.id: r for r in rows}
        self._fetch = None
        self._clear_hits()
        self.endResetModel()

    def set_ids(self, ids: Sequence[int], fetch: FetchRows,
                known: Sequence[PaperSummary] = ()) -> None:
        """Show the papers ``ids`` in this order, fetching each screen with ``fetch``;
        ``known`` rows (a first screen read already) are not fetched again."""
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = {r.id: r for r in known}
        self._fetch = fetch
        self._clear_hits()
        self.endResetModel()

    def set_hits(self, fetch_hits: FetchHits, known: dict[int, SearchHit] | None = None) -> None:
        """While a search filters the table: ``fetch_hits(paper_ids)`` gives each paper's hit
        (snippet, page, places matched), fetched with its screen; ``known`` hits (the first
        screen's, by paper id) are not fetched again."""
        self._fetch_hits = fetch_hits
        self._hits, self._no_hit = dict(known or {}), set()
        if self._ids:
            self.dataChanged.emit(self.index(0, FOUND_COLUMN),
                                  self.index(len(self._ids) - 1, FOUND_COLUMN))

    @property
    def searching(self) -> bool:
        return self._fetch_hits is not None

    def paper_ids(self) -> list[int]:
        """Every row's paper id, top to bottom (nothing fetched)."""
        return list(self._ids)

    def paper_id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, paper_id: int) -> int:
        """The row of ``paper_id``, -1 when it is not shown."""
        try:
            return self._ids.index(paper_id)
        except ValueError:
            return -1

    def paper_at(self, row: int) -> PaperSummary:
        pid = self._ids[row]
        if pid not in self._rows:
            self._fetch_around(row)
        return self._rows[pid]

    def hit_at(self, row: int) -> SearchHit | None:
        """The best hit of the paper at ``row`` while searching (fetched with its screen)."""
        if not self.searching:
            return None
        pid = self._ids[row]
        if pid not in self._hits and pid not in self._no_hit:
            self._fetch_around(row)
        return self._hits.get(pid)

    # -- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if not 0 <= column < len(SORT_KEYS) or not SORT_KEYS[column]:
            return
        if self._fetch is None:  # every row is here: sort them here
            self.layoutAboutToBeChanged.emit()
            self._ids.sort(key=lambda i: _sort_key(self._rows[i], column), reverse=descending)
            self.layoutChanged.emit()
            return
        self.sort_requested.emit(SORT_KEYS[column], descending)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        row, col = index.row(), index.column()
        if role == PAPER_ID_ROLE:
            return self._ids[row]
        if col == FOUND_COLUMN:
            return self._found(row, role)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return (int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if col in _NUMERIC else None)
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            return None
        p = self.paper_at(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(p, col)
        if role == SORT_ROLE:
            return _sort_key(p, col)
        if col in (0, 1):
            return f"{p.title or p.file_name}\n{p.file_name}, pages {p.first_page}–{p.last_page}"
        if col == 2 and p.meeting:
            return p.meeting
        return None

    # -- internals ----------------------------------------------------------------------

    def _found(self, row: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, HTML_ROLE, HIT_ROLE,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        hit = self.hit_at(row)
        if hit is None:
            return None
        if role == HIT_ROLE:
            return hit
        n = hit.places
        where = f"p. {hit.page}" if hit.page else "details"
        lead = f"{n} places, {where}: " if n > 1 else f"{where}: "
        if role == HTML_ROLE:
            return escape(lead) + marked_html(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{n} place(s) matched in this paper; best on {where}"
        return lead + "".join(t for t, _ in hit.parts)

    def _fetch_around(self, row: int) -> None:
        """Fetch the chunk holding ``row``: its papers and, while searching, their hits."""
        start = row - row % CHUNK
        ids = self._ids[start:start + CHUNK]
        if self._fetch is not None:
            missing = [i for i in ids if i not in self._rows]
            if missing:
                self.fetches += 1
                for p in self._fetch(missing):
                    self._rows[p.id] = p
        if self._fetch_hits is not None:
            wanted = [i for i in ids if i not in self._hits and i not in self._no_hit]
            if wanted:
                self._hits.update(self._fetch_hits(wanted))
            # a row whose hit could not be made is not asked again
            self._no_hit.update(i for i in wanted if i not in self._hits)
        for i in ids:
            if i not in self._rows:  # gone from the register meanwhile: show it empty
                self._rows[i] = _gone(i)

    def _clear_hits(self) -> None:
        self._hits, self._no_hit = {}, set()
        self._fetch_hits = None
        self.fetches = 0


def _gone(paper_id: int) -> PaperSummary:
    return PaperSummary(id=paper_id, reference=None, title="(removed)", file_name="",
                        stored_path=Path(), first_page=1, last_page=1,
                        status="", meeting_id=None, meeting=None, decision_required_by=None,
                        capital_pence=None, revenue_pence=None, contracts_pence=[],
                        conflicts=[], recommendations=0, open_checks=0, imported_at="")


def _display(p: PaperSummary, col: int) -> str:
    return [
        p.reference or "", p.title or p.file_name, p.meeting or "",
        p.decision_required_by or "", format_pence(p.capital_pence) if p.capital_pence else "",
        format_pence(p.revenue_pence) if p.revenue_pence else "", str(p.recommendations),
        p.status, str(p.open_checks) if p.open_checks else "",
    ][col]


def _sort_key(p: PaperSummary, col: int) -> Any:
    # numbers sort as numbers (pence are ints; Qt compares them exactly)
    return [
        p.reference or "", (p.title or p.file_name).lower(), p.meeting or "",
        p.decision_required_by or "", p.capital_pence or 0, p.revenue_pence or 0,
        p.recommendations, p.status, p.open_checks, 0,
    ][col]
