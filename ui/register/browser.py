"""The register browser: papers table, filters, search, import, meetings and agendas.

A QWidget to dock or tab over the workspace's register. It displays what ``Register`` queries
return and forwards the clerk's intents to ``Register`` operations; it holds no SQL and no
rules, and it refreshes only from the workspace's change stream (once per edit).
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from PySide6.QtCore import (QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer,
                            Signal)
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QHeaderView,
    QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu, QPushButton, QSplitter,
    QTableView, QVBoxLayout, QWidget,
)

from mopac_desk.register import Change, Register, RegisterError
from mopac_desk.register.schema import STATUSES

from ..workspace import Workspace
from .importing import ImportRunner
from .model import PAPER_ID_ROLE, SORT_ROLE, PapersTableModel
from .worker import ImportThread

_HIT_ROLE = Qt.ItemDataRole.UserRole
_SEARCH_DELAY_MS = 250


class RegisterBrowser(QWidget):
    """Browse, search and organise the workspace's register."""

    #: paper id, absolute path of the stored PDF, 0-based page index to show
    open_paper_requested = Signal(int, str, int)
    #: the outcomes (list of FileOutcome) of a finished import, once the table shows them
    import_finished = Signal(list)
    #: a plain-English message was shown in the banner (level, text)
    message_shown = Signal(str, str)
    #: the browser changed these papers in the register (status, agenda, import)
    papers_changed = Signal(list)
    #: compare a paper (id) with its previous version (True) or with a file chosen (False)
    compare_requested = Signal(int, bool)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._register: Register | None = None
        self._importer = ImportRunner(workspace, self)
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
        self.import_files_button = QPushButton("Import files…")
        self.import_folder_button = QPushButton("Import folder…")

        # Search gets a row of its own so the dock stays narrow beside the page and the panel.
        for combo in (self.status_filter, self.meeting_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
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

        self.model = PapersTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(100)  # sizing looks at 100 rows, not 10,000
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # In a narrow dock the title matters most; the meeting shows its date (the full name
        # is in the cell's tooltip) and the figures scroll into view.
        fm = self.fontMetrics()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, fm.horizontalAdvance("End User Device Refresh FY2122") + 16)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, fm.horizontalAdvance("2025-06-12 Invest") + 16)
        self.table.setAlternatingRowColors(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.results = QListWidget()
        self.results.setVisible(False)
        self.results.setWordWrap(True)

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
        layout.addWidget(split, 1)

        # Changes made elsewhere (the review panel, another dock) arrive as register
        # callbacks; coalesce a burst of them into one refresh.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)

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
        """Re-read the papers (with the current filters), meetings and agenda."""
        self._refresh_timer.stop()
        if self._register is None:
            self.model.set_rows([])
            self.agenda.clear()
            return
        try:
            rows = self._register.list_papers(status=self.status_filter.currentData(),
                                              meeting_id=self.meeting_filter.currentData())
        except RegisterError as exc:
            self.show_message("error", str(exc))
            return
        keep = set(self.selected_paper_ids())
        self.model.set_rows(rows)
        if keep:
            selection = self.table.selectionModel()
            for r in range(self.proxy.rowCount()):
                index = self.proxy.index(r, 0)
                if index.data(PAPER_ID_ROLE) in keep:
                    selection.select(index, selection.SelectionFlag.Select
                                     | selection.SelectionFlag.Rows)
        self._fill_agenda()

    def mark_open_paper(self, paper_id: int | None) -> None:
        """Select the row of the paper shown in the window, unless it is already among the
        selected ones (a multi-paper selection for an export is left alone)."""
        if paper_id is None or paper_id in self.selected_paper_ids():
            return
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(PAPER_ID_ROLE) == paper_id:
                flags = QItemSelectionModel.SelectionFlag
                self.table.selectionModel().select(index, flags.ClearAndSelect | flags.Rows)
                self.table.scrollTo(index)
                return

    def selected_paper_ids(self) -> list[int]:
        """Ids of the papers selected in the table, in table order."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [int(i.data(PAPER_ID_ROLE)) for i in rows]

    def run_search(self) -> None:
        """Search now for the text in the search box; results appear under the table."""
        self._search_timer.stop()
        text = self.search_box.text().strip()
        self.results.clear()
        if not text or self._register is None:
            self.results.setVisible(False)
            return
        try:
            hits = self._register.search(text)
        except RegisterError as exc:
            self.show_message("error", str(exc))
            return
        for hit in hits:
            where = f"page {hit.page}" if hit.page else "no page"
            label = hit.reference or hit.title or f"paper {hit.paper_id}"
            item = QListWidgetItem(f"{label} · {where} · {hit.snippet}")
            item.setData(_HIT_ROLE, (hit.paper_id, str(hit.stored_path),
                                     max((hit.page or 1) - 1, 0)))
            self.results.addItem(item)
        if not hits:
            self.results.addItem(QListWidgetItem(f"Nothing found for “{text}”."))
        self.results.setVisible(True)

    def start_import(self, paths: Sequence[str | Path], meeting_id: int | None = None,
                     passwords: Mapping[Path, str] | None = None) -> ImportThread | None:
        """Import files/folders on a worker thread with a cancellable progress dialog;
        ``passwords`` opens protected files already unlocked in the window. None when no
        register is open or an import is already running."""
        return self._importer.start(paths, meeting_id, passwords)

    def create_meeting(self, date: str, name: str = "") -> int | None:
        """Create a meeting and select it in the agenda box; returns its id."""
        if self._register is None:
            return None
        try:
            with self._workspace.acting(self):
                meeting_id = self._register.create_meeting(date, name)[0].entity_id
        except RegisterError as exc:
            self.show_message("error", str(exc))
            return None
        self._fill_meeting_combos(select=meeting_id)
        return meeting_id

    def add_selected_to_meeting(self, meeting_id: int | None = None) -> None:
        """Put the selected papers on the agenda of ``meeting_id`` (default: the one shown)."""
        meeting_id = meeting_id if meeting_id is not None else self.agenda_meeting.currentData()
        ids = self.selected_paper_ids()
        if self._register is None or meeting_id is None:
            self.show_message("info", "Create or choose a meeting first.")
            return
        if not ids:
            self.show_message("info", "Select one or more papers in the table first.")
            return
        try:
            with self._workspace.acting(self):
                self._register.add_to_meeting(meeting_id, ids)
        except RegisterError as exc:
            self.show_message("error", str(exc))
            return
        self._fill_meeting_combos(select=meeting_id)
        self.papers_changed.emit(ids)

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

    def remove_from_agenda(self, paper_id: int) -> None:
        """Take a paper off the agenda shown in the meeting box."""
        meeting_id = self.agenda_meeting.currentData()
        if self._register is None or meeting_id is None:
            return
        try:
            with self._workspace.acting(self):
                self._register.remove_from_meeting(meeting_id, paper_id)
        except RegisterError as exc:
            self.show_message("error", str(exc))
        self._fill_meeting_combos()
        self.papers_changed.emit([paper_id])

    def agenda_paper_ids(self) -> list[int]:
        """The paper ids in the agenda list, top to bottom."""
        return [int(self.agenda.item(i).data(_HIT_ROLE)) for i in range(self.agenda.count())]

    def show_message(self, level: str, text: str) -> None:
        """Show a plain-English message above the table (errors in red)."""
        colour = "#b00020" if level == "error" else "#1b5e20"
        self.banner.setStyleSheet(f"color: {colour};")
        self.banner.setText(text)
        self.banner.setVisible(True)
        self.message_shown.emit(level, text)

    def shutdown(self) -> None:
        """Cancel a running import and wait for its thread (call before the app quits)."""
        self._importer.shutdown()

    # -- internals --------------------------------------------------------------------------

    def _show_register(self, register: Register | None) -> None:
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

    def _fill_meeting_combos(self, select: int | None = None) -> None:
        meetings = self._register.meetings() if self._register else []
        keep_filter = self.meeting_filter.currentData()
        keep_agenda = select if select is not None else self.agenda_meeting.currentData()
        for combo in (self.meeting_filter, self.agenda_meeting):
            combo.blockSignals(True)
            combo.clear()
        self.meeting_filter.addItem("All meetings", None)
        for m in meetings:
            label = f"{m['date']} {m['name']}"
            self.meeting_filter.addItem(label, m["id"])
            self.agenda_meeting.addItem(label, m["id"])
        for combo, want in ((self.meeting_filter, keep_filter),
                            (self.agenda_meeting, keep_agenda)):
            i = combo.findData(want)
            combo.setCurrentIndex(i if i >= 0 else 0)
            combo.blockSignals(False)
        self._fill_agenda()

    def _fill_agenda(self) -> None:
        self.agenda.blockSignals(True)
        self.agenda.model().blockSignals(True)
        self.agenda.clear()
        meeting_id = self.agenda_meeting.currentData()
        if self._register is not None and meeting_id is not None:
            try:
                papers = self._register.agenda(meeting_id)
            except RegisterError as exc:
                papers = []
                self.show_message("error", str(exc))
            for i, p in enumerate(papers, 1):
                name = p.title or p.file_name
                text = f"{i}. {p.reference} — {name}" if p.reference else f"{i}. {name}"
                item = QListWidgetItem(text)
                item.setData(_HIT_ROLE, p.id)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
                self.agenda.addItem(item)
        self.agenda.model().blockSignals(False)
        self.agenda.blockSignals(False)
        self.agenda.reset()

    def _agenda_moved(self) -> None:
        meeting_id = self.agenda_meeting.currentData()
        if self._register is None or meeting_id is None:
            return
        order = self.agenda_paper_ids()
        current = [p.id for p in self._register.agenda(meeting_id)]
        if order == current:
            return
        try:
            if sorted(order) == sorted(current):
                with self._workspace.acting(self):
                    self._register.reorder_agenda(meeting_id, order)
        except RegisterError as exc:
            self.show_message("error", str(exc))
        self._fill_agenda()

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

    def _agenda_menu(self, pos) -> None:
        item = self.agenda.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        pid = int(item.data(_HIT_ROLE))
        menu.addAction("Remove from this agenda", lambda: self.remove_from_agenda(pid))
        menu.popup(self.agenda.viewport().mapToGlobal(pos))

    def _open_row(self, index: QModelIndex) -> None:
        paper = self.model.paper_at(self.proxy.mapToSource(index).row())
        self.open_paper_requested.emit(paper.id, str(paper.stored_path), paper.first_page - 1)

    def _open_hit(self, item: QListWidgetItem) -> None:
        hit = item.data(_HIT_ROLE)
        if hit:
            self.open_paper_requested.emit(int(hit[0]), str(hit[1]), int(hit[2]))

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import papers", "", "PDF papers (*.pdf)")
        if files:
            self.start_import(files)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import every PDF in a folder")
        if folder:
            self.start_import([folder])

    def _ask_new_meeting(self) -> None:
        date, ok = QInputDialog.getText(self, "New meeting", "Meeting date (YYYY-MM-DD):")
        if not ok or not date.strip():
            return
        name, ok = QInputDialog.getText(self, "New meeting", "Meeting name:",
                                        text="Investment Advisory & Monitoring meeting")
        if ok:
            self.create_meeting(date, name)
