"""The register browser: papers table, filters, search, import, meetings and agendas.

A QWidget to dock or tab over the workspace's register. It displays what ``Register`` queries
return and forwards the clerk's intents to ``Register`` operations; it holds no SQL and no
rules, and it refreshes only from the workspace's change stream (once per edit).
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QMenu, QPushButton, QSplitter,
    QTableView, QToolButton, QVBoxLayout, QWidget,
)

from mopac_desk.register import Change, Register, RegisterError
from mopac_desk.register.schema import STATUSES

from ..workspace import Workspace
from .delegates import HtmlDelegate
from .importing import ImportRunner
from .agenda_view import AgendaMixin
from .model import CHUNK, FOUND_COLUMN, PapersTableModel
from .search_view import SearchMixin
from .searching import SearchRunner
from .worker import ImportThread

# Long enough to skip the words on the way to "vodafone", short enough to feel immediate.
_SEARCH_DELAY_MS = 150
#: how long a message stays above the table (ms): a sentence read, then out of the way
INFO_MESSAGE_MS = 8_000
ERROR_MESSAGE_MS = 20_000
# Sample texts sizing the columns (the table never measures 10,000 rows to size them).
_COLUMN_SAMPLES = ("PCD 1234a", "End User Device Refresh", "2025-06-12", "2025-06-12",
                   "£14,700,000", "£14,700,000", "Recs", "checked", "Checks",
                   "3 places, p. 12: … the Vodafone contract for …")


class RegisterBrowser(SearchMixin, AgendaMixin, QWidget):
    """Browse, search and organise the workspace's register."""

    #: From this many papers the table's listing (sorted and filtered in SQL) is read off
    #: the GUI thread, as a search is: at 10,000 papers sorting by a field takes SQLite
    #: 12-20 ms, over a frame of the window's time; a few hundred papers take a few ms,
    #: and are listed at once.
    list_aside_from = 2_000

    #: paper id, absolute path of the stored PDF, 0-based page index to show
    open_paper_requested = Signal(int, str, int)
    #: the outcomes (list of FileOutcome) of a finished import, once the table shows them
    import_finished = Signal(list)
    #: a plain-English message was shown in the banner (level, text)
    message_shown = Signal(str, str)
    #: the browser changed these papers in the register (status, agenda, import)
    papers_changed = Signal(list)
    #: a search hit was opened: paper id, stored PDF, 0-based page, the words to mark there
    open_hit_requested = Signal(int, str, int, str)
    #: a search finished and the table shows its papers (how many matched)
    search_finished = Signal(int)
    #: compare a paper (id) with its previous version (True) or with a file chosen (False)
    compare_requested = Signal(int, bool)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._register: Register | None = None
        self._importer = ImportRunner(workspace, self)
        self._searcher = SearchRunner(workspace, CHUNK, self)
        self._sort = ("reference", False)
        self._search_text = ""  # the search the table shows ("" = none)
        self._mark_when_listed: int | None = None  # the open paper, once the listing comes
        self._build()
        self._connect()
        self._show_register(workspace.register)

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.search_box = QLineEdit(placeholderText='Search papers: words, devic*, "end user"')
        self.search_box.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem("All statuses", None)
        for s in STATUSES:
            self.status_filter.addItem(s.capitalize(), s)
        self.meeting_filter = QComboBox()
        self.import_files_button = QPushButton("Import…")
        self.import_files_button.setToolTip("Import PDF papers into the register")
        self.import_folder_button = QToolButton()
        self.import_folder_button.setText("Folder…")
        self.import_folder_button.setToolTip("Import every PDF in a folder")

        # Search gets a row of its own so the dock stays narrow beside the page and the panel.
        for combo in (self.status_filter, self.meeting_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.meeting_filter, 1)
        filters.addWidget(self.import_files_button)
        filters.addWidget(self.import_folder_button)
        bar = QVBoxLayout()
        bar.addWidget(self.search_box)
        bar.addLayout(filters)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        # How many papers a search matched, and where (the table lists them, best first).
        self.search_label = QLabel()
        self.search_label.setVisible(False)

        self.model = PapersTableModel(self)
        # The model sorts and filters in SQL itself; ``proxy`` is the same model, kept for
        # callers that read the table's rows through it.
        self.proxy = self.model
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(FOUND_COLUMN, HtmlDelegate(self.table))
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Widths from sample texts, not from the rows: sizing to contents would read
        # every row of a lazy model. In a narrow dock the title matters most; the meeting
        # shows its date (the full name is in the cell's tooltip), the figures scroll in.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fm = self.fontMetrics()
        for col, sample in enumerate(_COLUMN_SAMPLES):
            header.resizeSection(col, max(fm.horizontalAdvance(sample),
                                          fm.horizontalAdvance(self.model.headerData(
                                              col, Qt.Orientation.Horizontal) or "") + 24) + 16)
        # While searching, the snippet stands beside the title; otherwise it is hidden.
        header.moveSection(header.visualIndex(FOUND_COLUMN), 2)
        self.table.setColumnHidden(FOUND_COLUMN, True)
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        # Hits on meeting packs' agenda covers: the cover is the pack's, not a paper's.
        self.results = QListWidget()
        self.results.setVisible(False)
        self.results.setWordWrap(True)
        self.results.setItemDelegate(HtmlDelegate(self.results))

        self.agenda_meeting = QComboBox()
        self.new_meeting_button = QPushButton("New meeting…")
        self.add_to_meeting_button = QPushButton("Add selected papers")
        self.agenda = QListWidget()
        self.agenda.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda.setToolTip("Drag papers to change the agenda order")
        self.agenda.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        meet_bar = QHBoxLayout()
        meet_bar.addWidget(self.agenda_meeting, 1)
        meet_bar.addWidget(self.new_meeting_button)
        meet_bar.addWidget(self.add_to_meeting_button)
        meetings = QGroupBox("Meeting agenda")
        meet_layout = QVBoxLayout(meetings)
        meet_layout.addLayout(meet_bar)
        meet_layout.addWidget(self.agenda)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.results)
        split.addWidget(meetings)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.search_label)
        layout.addWidget(split, 1)

        # Changes made elsewhere (the review panel, another dock) arrive as register
        # callbacks; coalesce a burst of them into one refresh.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)

        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(lambda: self.banner.setVisible(False))

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_DELAY_MS)

    def _connect(self) -> None:
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self.run_search)
        self._search_timer.timeout.connect(self.run_search)
        self._refresh_timer.timeout.connect(self.refresh)
        self._workspace.changed.connect(self._follow_changes)
        self._workspace.register_switched.connect(self._show_register)
        self._importer.busy_changed.connect(lambda _busy: self._update_enabled())
        self._importer.message.connect(self.show_message)
        self._importer.finished.connect(self._import_finished)
        self._searcher.finished.connect(self._search_done)
        self.model.sort_requested.connect(self._sort_by)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.meeting_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.activated.connect(self._open_row)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.agenda.customContextMenuRequested.connect(self._agenda_menu)
        self.results.itemActivated.connect(self._open_hit)
        self.import_files_button.clicked.connect(self._choose_files)
        self.import_folder_button.clicked.connect(self._choose_folder)
        self.new_meeting_button.clicked.connect(self._ask_new_meeting)
        self.add_to_meeting_button.clicked.connect(lambda: self.add_selected_to_meeting())
        self.agenda_meeting.currentIndexChanged.connect(lambda _i: self._fill_agenda())
        # A drop may arrive as a move or as insert + remove; read the order once it settles.
        self.agenda.model().rowsMoved.connect(lambda *a: QTimer.singleShot(0, self._agenda_moved))
        self.agenda.model().rowsRemoved.connect(
            lambda *a: QTimer.singleShot(0, self._agenda_moved))

    # -- public API -------------------------------------------------------------------------

    @property
    def register(self) -> Register | None:
        """The register shown (the workspace's)."""
        return self._register

    def open_register(self, path: str | Path) -> bool:
        """Ask the workspace to open the register file at ``path``; a problem is shown in
        plain English (and no register is open then)."""
        try:
            self._workspace.open_register(path)
        except RegisterError as exc:
            self._workspace.set_register(None)
            self.show_message("error", str(exc))
            return False
        return True

    def refresh(self) -> None:
        """Re-read the papers (with the current filters and sort), meetings and agenda.

        The register gives the ids in order (sorted and filtered in SQL); the first screen
        of rows is read now, the rest as the table scrolls to them. While a search filters
        the table it is run again instead (off the GUI thread).
        """
        self._refresh_timer.stop()
        if self._register is None:
            self.model.set_rows([])
            self.agenda.clear()
            return
        if self._search_text:
            self._start_search(self._search_text)
            self._fill_agenda()
            return
        register = self._register
        status, meeting_id = self.status_filter.currentData(), self.meeting_filter.currentData()
        try:
            if register.papers_at_most() >= self.list_aside_from:
                self._searcher.start_listing(status, meeting_id, *self._sort)
                self._fill_agenda()
                return
            keep = set(self.selected_paper_ids())
            ids = register.paper_ids(status=status, meeting_id=meeting_id,
                                     sort=self._sort[0], descending=self._sort[1])
            first = register.list_papers(paper_ids=ids[:CHUNK]) if ids else []
        except RegisterError as exc:
            self.show_message("error", str(exc))
            return
        self._show_listing(ids, first, keep)
        self._fill_agenda()

    def _show_listing(self, ids: list[int], first: list, keep: set[int]) -> None:
        register = self._register
        assert register is not None
        self.model.set_ids(ids, lambda chunk: register.list_papers(paper_ids=chunk), first)
        self._show_found(False)
        self._reselect(keep)
        if self._mark_when_listed is not None:
            pid, self._mark_when_listed = self._mark_when_listed, None
            self.mark_open_paper(pid)

    def mark_open_paper(self, paper_id: int | None) -> None:
        """Select the row of the paper shown in the window, unless it is already among the
        selected ones (a multi-paper selection for an export is left alone)."""
        if paper_id is None or paper_id in self.selected_paper_ids():
            return
        if self._searcher.running and not self._search_text:  # listed off the GUI thread
            self._mark_when_listed = paper_id
        row = self.model.row_of(paper_id)
        if row >= 0:
            index = self.model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().select(index, flags.ClearAndSelect | flags.Rows)
            self.table.scrollTo(index)

    def selected_paper_ids(self) -> list[int]:
        """Ids of the papers selected in the table, in table order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.paper_id_at(r) for r in rows]

    def start_import(self, paths: Sequence[str | Path], meeting_id: int | None = None,
                     passwords: Mapping[Path, str] | None = None) -> ImportThread | None:
        """Import files/folders on a worker thread with a cancellable progress dialog;
        ``passwords`` opens protected files already unlocked in the window. None when no
        register is open or an import is already running."""
        return self._importer.start(paths, meeting_id, passwords)

    def set_status_of_selected(self, status: str) -> None:
        """Move every selected paper to ``status`` (one transaction, all or none)."""
        ids = self.selected_paper_ids()
        if self._register is None or not ids:
            return
        try:
            with self._workspace.acting(self):
                self._register.set_status_many(ids, status)
        except RegisterError as exc:
            self.show_message("error", str(exc))
        self.papers_changed.emit(ids)

    def show_message(self, level: str, text: str) -> None:
        """Show a plain-English message above the table (errors in red). It goes away by
        itself (an error stays longer), so an old "1 file(s) handled" never lingers."""
        colour = "#b00020" if level == "error" else "#1b5e20"
        self.banner.setStyleSheet(f"color: {colour};")
        self.banner.setText(text)
        self.banner.setVisible(True)
        self._banner_timer.start(ERROR_MESSAGE_MS if level == "error" else INFO_MESSAGE_MS)
        self.message_shown.emit(level, text)

    def shutdown(self) -> None:
        """Cancel a running import and search and wait for their threads (call before the
        app quits)."""
        self._importer.shutdown()
        self._searcher.shutdown()

    # -- internals --------------------------------------------------------------------------

    def _reselect(self, keep: set[int]) -> None:
        if not keep:
            return
        selection = self.table.selectionModel()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for pid in keep:
            row = self.model.row_of(pid)
            if row >= 0:
                selection.select(self.model.index(row, 0), flags)

    def _sort_by(self, key: str, descending: bool) -> None:
        if (key, descending) == self._sort:
            return  # the header's indicator and sortByColumn both ask: read once
        self._sort = (key, descending)
        if not self._search_text:  # search results keep their rank order
            self.refresh()

    def _show_register(self, register: Register | None) -> None:
        self._searcher.shutdown()  # its connection is to the register shown before
        self._register = register
        self.banner.setVisible(False)
        self._fill_meeting_combos()
        self.refresh()
        self._update_enabled()

    def _follow_changes(self, changes: list[Change], who: object) -> None:
        if who is not None:  # one edit made in this window: re-read once, now
            if any(c.entity == "meeting" for c in changes):
                self._fill_meeting_combos()
            self.refresh()
            return
        if any(c.entity == "meeting" for c in changes):  # a burst from elsewhere: settle first
            QTimer.singleShot(0, self._fill_meeting_combos)
        self._refresh_timer.start()

    def _import_finished(self, outcomes: list) -> None:
        # The table shows the new papers before anyone hears the import is over.
        self._fill_meeting_combos()
        self.refresh()
        added = [p.id for o in outcomes if o.status == "imported" for p in o.papers]
        if added:
            self.papers_changed.emit(added)
        self.import_finished.emit(outcomes)

    def _update_enabled(self) -> None:
        ready = self._register is not None
        idle = not self._importer.busy
        for w in (self.import_files_button, self.import_folder_button):
            w.setEnabled(ready and idle)
        for w in (self.search_box, self.status_filter, self.meeting_filter,
                  self.new_meeting_button, self.add_to_meeting_button, self.agenda_meeting):
            w.setEnabled(ready)

    def _table_menu(self, pos) -> None:
        if self._register is None or not self.selected_paper_ids():
            return
        menu = QMenu(self)
        status_menu = menu.addMenu("Set status")
        for status in STATUSES:
            status_menu.addAction(status.capitalize(),
                                  lambda s=status: self.set_status_of_selected(s))
        add = menu.addAction("Add to the agenda shown below", self.add_selected_to_meeting)
        add.setEnabled(self.agenda_meeting.currentData() is not None)
        pid = self.selected_paper_ids()[0]  # compare: ui/compare/ (side by side)
        menu.addAction("Compare with…", lambda: self.compare_requested.emit(pid, False))
        menu.addAction("Compare with previous version", lambda: self.compare_requested.emit(
            pid, True)).setEnabled(any(d.role == "version" for d in self._register.documents(pid)))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _open_row(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index.row())
        if hit is not None:
            self._emit_hit(hit)
            return
        paper = self.model.paper_at(index.row())
        self.open_paper_requested.emit(paper.id, str(paper.stored_path), paper.first_page - 1)

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import papers", "", "PDF papers (*.pdf)")
        if files:
            self.start_import(files)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import every PDF in a folder")
        if folder:
            self.start_import([folder])
