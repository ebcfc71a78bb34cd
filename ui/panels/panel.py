"""The review panel: the open paper's fields, recommendations, costs and checks, linked to
the page, every edit an undoable register operation.

Which paper: the file open in the window is found in the register by its hash (imported
first when it is new); a file holding several papers shows the one on the current page.
"""

from __future__ import annotations

import getpass
from typing import Any, Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (QAccessible, QAccessibleEvent, QAction, QColor, QKeyEvent, QPalette,
                           QUndoCommand, QUndoStack)
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QMenu, QPushButton, QTableView, QTabWidget, QTreeView, QVBoxLayout, QWidget,
)

from mopac_desk.register import Register, RegisterError
from mopac_desk.register.schema import STATUSES

from . import rows as R
from .commands import (
    ConfirmFieldCommand, DeleteItemsCommand, DismissFindingCommand, ReopenFindingCommand,
    SetCostKindCommand, SetFieldCommand, SetOutcomeCommand, SetStatusCommand,
)
from .delegates import ReviewDelegate
from .locate import FileHasher
from .models import KEY_ROLE, ReviewModel

HIGHLIGHT_KEY = "review"
FIELDS, RECOMMENDATIONS, COSTS, CHECKS = range(4)
SECTION_OF = {"field": FIELDS, "recommendation": RECOMMENDATIONS, "cost": COSTS,
              "finding": CHECKS}
# Which column Enter edits when the current cell is not editable itself.
EDIT_COLUMN = {FIELDS: 1, RECOMMENDATIONS: 3, COSTS: 1}
NO_PAPER = "No paper: open a PDF, or choose a paper in the register."


def _clerk_from(stored: object) -> str:
    try:
        from mopac_desk.review.clerk import clerk_name
    except ImportError:
        if isinstance(stored, str) and stored.strip():
            return " ".join(stored.split())
        try:
            return getpass.getuser()
        except Exception:  # no login name in some service contexts
            return "clerk"
    return clerk_name(stored)


class ReviewPanel(QWidget):
    """Review one paper of the register. ``window`` provides ``viewer`` and
    ``register_browser`` (whose register the panel uses, whichever is open)."""

    #: the paper shown changed (register paper id, or None)
    paper_changed = Signal(object)
    #: a plain-English message was shown to the clerk
    message_shown = Signal(str)
    _changed_elsewhere = Signal(list)

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.setAccessibleName("Review panel")
        self._window = window
        self.viewer = window.viewer
        self.undo_stack = QUndoStack(self)
        self._listened: Register | None = None
        self._paper_id: int | None = None
        self._file_papers: list[Any] = []   # ImportedPaper of the open file, by first page
        self._detail: dict[str, Any] | None = None
        self._token = 0                       # which opened document a hash belongs to
        self._pending: dict[str, Any] = {}    # the open file while it is located/imported
        self._filling = False
        self._hasher = FileHasher(self)
        self._build()
        self._connect()
        self._show_state(NO_PAPER)

    # ===== contract ==========================================================================
    @property
    def register(self) -> Register | None:
        """The register the window's register browser has open (None if none)."""
        browser = getattr(self._window, "register_browser", None)
        register = browser.register if browser is not None else None
        if register is not self._listened:
            self._follow_register(register)
        return register

    @property
    def paper_id(self) -> int | None:
        """The register id of the paper shown, or None."""
        return self._paper_id

    def clerk(self) -> str:
        """Who the audit history names for edits made here."""
        return _clerk_from(QSettings().value("clerk/name", ""))

    def push(self, command: QUndoCommand) -> None:
        """Do ``command`` and put it on the undo stack. Commands derived from
        ``ui.panels.commands.RegisterCommand`` show a register refusal as a plain message
        (and are then not kept)."""
        label = self._paper_label()
        if label and not command.text().endswith(f"({label})"):
            # The history spans papers: Edit › Undo says which paper a step belongs to.
            command.setText(f"{command.text()} ({label})")
        try:
            self.undo_stack.push(command)
        except RegisterError as exc:
            self.show_message(str(exc))
            self.refresh()

    def _paper_label(self) -> str:
        summary = self._detail["summary"] if self._detail else None
        if summary is None:
            return ""
        if summary.reference:
            return summary.reference
        title = summary.title or ""
        return title if len(title) <= 30 else title[:29] + "…"

    def selected_items(self) -> list[tuple[str, int]]:
        """The recommendations or costs selected in the section shown, in display order."""
        view = self._views[self.tabs.currentIndex()]
        keys: list[tuple[str, int]] = []
        for index in sorted(view.selectionModel().selectedRows(0),
                            key=lambda i: (view.visualRect(i).top(), i.row())):
            key = index.data(KEY_ROLE)
            if key and key[0] in ("recommendation", "cost") and key not in keys:
                keys.append(tuple(key))
        return keys

    def select_item(self, entity: str, item_id: Any) -> None:
        """Show ``entity``'s section and select that item (and its place on the page)."""
        section = SECTION_OF.get(entity)
        if section is None:
            return
        self.tabs.setCurrentIndex(section)
        view, model = self._views[section], self._models[section]
        index = model.index_of((entity, item_id))
        if index.isValid():
            view.setCurrentIndex(index)
            view.scrollTo(index)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Switching to dark mode or high contrast re-colours greyed cells and highlights,
        # which take their colours from the palette when they are filled.
        if event.type() == QEvent.Type.PaletteChange and self._paper_id is not None:
            self._refresh_timer.start()

    def refresh(self) -> None:
        """Re-read the paper from the register, keeping selection and scroll."""
        self._refresh_timer.stop()
        register, pid = self.register, self._paper_id
        detail = None
        if register is not None and pid is not None:
            try:
                detail = register.get_paper(pid)
            except RegisterError:
                detail = None
        self._detail = detail
        if detail is None:
            if pid is not None:
                self._paper_id = None
                self.paper_changed.emit(None)
            for model in self._models:
                model.set_rows([])
            self._show_state(self._state_text or NO_PAPER)
            self._update_highlights()
            return
        self._show_state(None)
        self._fill_header(detail)
        builders: list[Callable[[dict], list]] = [
            R.field_rows, R.recommendation_rows, R.cost_rows, R.finding_rows]
        for section, build in enumerate(builders):
            view, model = self._views[section], self._models[section]
            current = view.currentIndex()
            keep_key, keep_col = current.data(KEY_ROLE), current.column()
            keep_sel = {tuple(i.data(KEY_ROLE)) for i in view.selectionModel().selectedRows(0)
                        if i.data(KEY_ROLE)}
            scroll = view.verticalScrollBar().value()
            if model.set_rows(build(detail)):
                self._restore(view, model, keep_key, keep_col, keep_sel, scroll)
        self.totals_label.setText(R.totals_text(detail["summary"].totals))
        self._update_buttons()
        self._update_highlights()

    # ===== other public API ==================================================================
    def show_message(self, text: str) -> None:
        """Tell the clerk something in plain English (banner in the panel, status bar)."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        if text:  # screen readers announce it, as they would a message box
            QAccessible.updateAccessibility(QAccessibleEvent(self.banner, QAccessible.Event.Alert))
        status = getattr(self._window, "statusBar", None)
        if text and callable(status):
            status().showMessage(text, 8000)
        if text:
            self.message_shown.emit(text)

    def clear_refusal(self) -> None:
        """A step went through: an earlier refusal in the banner is no longer news."""
        self.banner.setVisible(False)

    def show_paper(self, paper_id: int | None) -> None:
        """Show register paper ``paper_id`` (None: no paper). The undo history carries on:
        every step names its own paper, so undoing an edit made on another paper is exact."""
        if paper_id == self._paper_id and self._detail is not None:
            return
        # An editor still open (the clerk scrolled into the next paper of a pack, or opened
        # another file) commits now, while the paper it was opened on is still the one shown.
        for view in self._views:
            if view.state() == QAbstractItemView.State.EditingState:
                view.setCurrentIndex(QModelIndex())
        self._paper_id = paper_id
        self.banner.setVisible(False)
        for view in self._views:
            view.clearSelection()
            view.setCurrentIndex(QModelIndex())
        self.refresh()
        self._fill_paper_combo()
        self.paper_changed.emit(self._paper_id)

    def show_section(self, section: int) -> None:
        """Switch to section ``section`` (0 Fields … 3 Checks) and put the focus in it."""
        self.tabs.setCurrentIndex(section)
        view = self._views[section]
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not view.currentIndex().isValid() and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))

    def focus_panel(self) -> None:
        """Put the keyboard focus in the section shown."""
        self.show_section(self.tabs.currentIndex())

    def cycle_focus(self) -> None:
        """F6: move the focus between the page view and the panel."""
        focused = QApplication.focusWidget()
        if focused is not None and (focused is self or self.isAncestorOf(focused)):
            self.viewer.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.focus_panel()

    def edit_field(self, name: str, value: str | None) -> None:
        """Set field ``name`` to ``value`` (undoable)."""
        if self._detail is None or self._paper_id is None:
            return
        f = self._detail["fields"].get(name) or {}
        self.push(SetFieldCommand(self, self._paper_id, name, value, f.get("value"),
                                  bool(f.get("confirmed")), R.field_label(name)))

    def set_field_confirmed(self, name: str, confirmed: bool) -> None:
        """Tick or untick field ``name`` (undoable)."""
        if self._paper_id is None:
            return
        self.push(ConfirmFieldCommand(self, self._paper_id, name, confirmed,
                                      R.field_label(name)))

    def set_status(self, status: str) -> None:
        """Move the paper to ``status`` (undoable)."""
        if self._detail is None or self._paper_id is None:
            return
        old = self._detail["summary"].status
        if status != old:
            self.push(SetStatusCommand(self, self._paper_id, status, old))

    def set_outcome(self, rec_id: int, outcome: str | None) -> None:
        """Record a recommendation's outcome (None clears it; undoable)."""
        rec = self._item("recommendations", rec_id)
        if rec is not None and rec.get("outcome") != outcome:
            self.push(SetOutcomeCommand(self, rec_id, outcome, rec.get("outcome")))

    def set_cost_kind(self, cost_id: int, kind: str) -> None:
        """Reclassify a cost (undoable)."""
        cost = self._item("costs", cost_id)
        if cost is not None and cost.get("kind") != kind:
            self.push(SetCostKindCommand(self, cost_id, kind, cost.get("kind"),
                                         bool(cost.get("kind_edited"))))

    def delete_selected(self) -> None:
        """Remove the selected recommendations or costs (undoable)."""
        keys = self.selected_items()
        if not keys or self._detail is None:
            return
        entity = keys[0][0]
        table = "recommendations" if entity == "recommendation" else "costs"
        rows = [r for r in self._detail[table] if (entity, r["id"]) in keys]
        children: dict[int, list[int]] = {}
        if entity == "recommendation":
            for r in self._detail["recommendations"]:
                if r.get("parent_id") is not None:
                    children.setdefault(r["parent_id"], []).append(r["id"])
        if rows:
            self.push(DeleteItemsCommand(self, entity, rows, children))

    def dismiss_selected_finding(self, reason: str | None = None) -> None:
        """Dismiss the selected check with ``reason`` (asked for when None; undoable)."""
        finding = self._current_finding()
        if finding is None or finding.get("dismissed"):
            return
        if reason is None:
            # Window-modal but not blocking: the answer arrives through the signal.
            dialog = QInputDialog(self)
            dialog.setObjectName("dismissDialog")
            dialog.setWindowTitle("Dismiss check")
            dialog.setLabelText(f"Why is this not a problem?\n{finding['message']}")
            dialog.setAccessibleName("Reason for dismissing the check")
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.textValueSelected.connect(
                lambda text, fid=finding["id"]: self._dismiss_with(fid, text))
            dialog.finished.connect(lambda _r: self._back_from_dialog())
            dialog.open()
            return
        self._dismiss_with(finding["id"], reason)

    def _back_from_dialog(self) -> None:
        self.window().activateWindow()
        self.checks_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _dismiss_with(self, finding_id: int, reason: str) -> None:
        finding = self._item("findings", finding_id)
        if finding is None:
            return
        if not reason.strip():
            self.show_message("Say why the check is dismissed.")
            return
        self.push(DismissFindingCommand(self, finding["id"], reason.strip(), finding["code"]))

    def reopen_selected_finding(self) -> None:
        """Reopen the selected dismissed check (undoable)."""
        finding = self._current_finding()
        if finding is not None and finding.get("dismissed"):
            self.push(ReopenFindingCommand(self, finding["id"], finding.get("reason") or "",
                                           finding["code"]))

    def show_on_page(self) -> None:
        """Scroll the page view to the selected item."""
        self._update_highlights(scroll=True)

    # ===== building ==========================================================================
    def _build(self) -> None:
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
        self.status_combo.installEventFilter(self)
        self.status_combo.setToolTip("Where this paper stands in the review")
        for s in STATUSES:
            self.status_combo.addItem(s.capitalize(), s)
        status_label = QLabel("&Status:")
        status_label.setBuddy(self.status_combo)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Review state")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Message")
        self.banner.setForegroundRole(QPalette.ColorRole.LinkVisited)
        self.banner.setVisible(False)

        self.fields_view = self._table("Fields")
        self.recommendations_view = QTreeView()
        self._setup_view(self.recommendations_view, "Recommendations")
        self.recommendations_view.setWordWrap(True)
        self.recommendations_view.setUniformRowHeights(False)
        self.recommendations_view.setAllColumnsShowFocus(True)
        self.costs_view = self._table("Costs")
        self.checks_view = self._table("Checks")
        self.checks_view.setWordWrap(True)
        self._views: list[QAbstractItemView] = [
            self.fields_view, self.recommendations_view, self.costs_view, self.checks_view]
        self._models = [ReviewModel(h, self) for h in (
            R.FIELD_HEADERS, R.REC_HEADERS, R.COST_HEADERS, R.CHECK_HEADERS)]
        for view, model in zip(self._views, self._models):
            view.setModel(model)
            # One delegate per view: a shared one would hand each view the others' editors.
            view.setItemDelegate(ReviewDelegate(view))
            model.edit_requested.connect(self._edit_requested)
        self._size_columns()

        self.show_button = QPushButton("Show on &page")
        self.show_button.setAccessibleName("Show the selected field on the page")
        self.delete_rec_button = QPushButton("&Delete")
        self.delete_rec_button.setAccessibleName("Delete the selected recommendations")
        self.delete_cost_button = QPushButton("&Delete")
        self.delete_cost_button.setAccessibleName("Delete the selected costs")
        self.dismiss_button = QPushButton("D&ismiss…")
        self.dismiss_button.setAccessibleName("Dismiss the selected check with a reason")
        self.reopen_button = QPushButton("&Reopen")
        self.reopen_button.setAccessibleName("Reopen the selected dismissed check")
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setAccessibleName("Totals by kind")
        self.totals_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Review sections")
        self.tabs.tabBar().setAccessibleName("Review sections")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._page(self.fields_view, [self.show_button]), "Fields")
        self.tabs.addTab(self._page(self.recommendations_view, [self.delete_rec_button]),
                         "Recommendations")
        self.tabs.addTab(self._page(self.costs_view, [self.delete_cost_button],
                                    self.totals_label), "Costs")
        self.tabs.addTab(self._page(self.checks_view, [self.dismiss_button,
                                                       self.reopen_button]), "Checks")
        for i, tip in enumerate(("Fields (Alt+1)", "Recommendations (Alt+2)", "Costs (Alt+3)",
                                 "Checks (Alt+4)")):
            self.tabs.setTabToolTip(i, tip)

        head = QHBoxLayout()
        head.addWidget(self.paper_combo, 1)
        head.addStretch(0)
        head.addWidget(status_label)
        head.addWidget(self.status_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title_label)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.state_label)
        layout.addWidget(self.tabs, 1)

        order = [self.paper_combo, self.status_combo, self.tabs, self.fields_view,
                 self.show_button, self.recommendations_view, self.delete_rec_button,
                 self.costs_view, self.delete_cost_button, self.checks_view,
                 self.dismiss_button, self.reopen_button]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._state_text: str | None = NO_PAPER

    def _table(self, name: str) -> QTableView:
        view = QTableView()
        self._setup_view(view, name)
        # Tab leaves the table for the buttons below it (arrows move between cells).
        view.setTabKeyNavigation(False)
        view.verticalHeader().setVisible(False)
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        return view

    def _setup_view(self, view: QAbstractItemView, name: str) -> None:
        view.setAccessibleName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.installEventFilter(self)

    def _page(self, view: QWidget, buttons: list[QPushButton],
              below: QWidget | None = None) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(view, 1)
        if below is not None:
            box.addWidget(below)
        bar = QHBoxLayout()
        bar.addStretch(1)
        for b in buttons:
            b.setAutoDefault(False)
            bar.addWidget(b)
        box.addLayout(bar)
        return page

    def _size_columns(self) -> None:
        fm = self.fontMetrics()
        f = self.fields_view.horizontalHeader()
        f.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        f.resizeSection(0, fm.horizontalAdvance("Decision required by") + 16)
        f.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        f.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        f.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        r = self.recommendations_view.header()
        r.setStretchLastSection(False)
        r.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        r.resizeSection(0, fm.horizontalAdvance("10a.") + 28)
        r.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The text column needs the room: a long outcome elides (its tooltip has it whole).
        for col, sample in ((2, "Delegate"), (3, "Deferred ▾"), (4, "Tags")):
            r.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            r.resizeSection(col, fm.horizontalAdvance(sample) + 24)
        c = self.costs_view.horizontalHeader()
        c.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        c.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # tags grow; years are short
        k = self.checks_view.horizontalHeader()
        k.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        k.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        k.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        k.resizeSection(4, fm.horizontalAdvance("Dismissed: agreed") + 16)
        for view in (self.fields_view, self.checks_view):
            view.setWordWrap(True)
            view.verticalHeader().setMinimumSectionSize(fm.height() + 12)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Re-measure wrapped recommendation text when its column changes width.
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self.recommendations_view.doItemsLayout)
        r.sectionResized.connect(lambda *_a: self._relayout_timer.start())

    def _connect(self) -> None:
        w = self._window
        self.status_combo.currentIndexChanged.connect(self._status_chosen)
        self.paper_combo.currentIndexChanged.connect(self._paper_chosen)
        self.tabs.currentChanged.connect(lambda _i: self._update_highlights())
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        for view in self._views:
            view.selectionModel().currentRowChanged.connect(
                lambda *_a: self._update_highlights(scroll=True))
            view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._context_actions()
        self.show_button.clicked.connect(self.show_on_page)
        self.delete_rec_button.clicked.connect(self.delete_selected)
        self.delete_cost_button.clicked.connect(self.delete_selected)
        self.dismiss_button.clicked.connect(lambda: self.dismiss_selected_finding())
        self.reopen_button.clicked.connect(self.reopen_selected_finding)
        self.viewer.highlight_clicked.connect(self._highlight_clicked)
        self.viewer.current_page_changed.connect(self._page_changed)
        self._refresh_timer.timeout.connect(self.refresh)
        self._changed_elsewhere.connect(self._follow_changes, Qt.ConnectionType.QueuedConnection)
        self._hasher.hashed.connect(self._hashed)
        if hasattr(w, "document_opened"):
            w.document_opened.connect(self._document_opened)
        if hasattr(w, "text_layer_checked"):
            w.text_layer_checked.connect(self._text_layer_checked)
        browser = getattr(w, "register_browser", None)
        if browser is not None:
            browser.import_finished.connect(self._import_finished)
            browser.papers_changed.connect(lambda _ids: self._refresh_timer.start())
            browser.model.modelReset.connect(self._check_register)

    def _context_actions(self) -> None:
        """Each list's right-click menu (its QActions); the keys are handled in ``_key``."""
        def add(view: QAbstractItemView, text: str, slot: Callable[[], None]) -> None:
            action = QAction(text, view)
            action.triggered.connect(slot)
            view.addAction(action)

        def edit_current(section: int) -> Callable[[], None]:
            def run() -> None:
                view = self._views[section]
                index = view.currentIndex()
                if index.isValid():
                    index = index.siblingAtColumn(EDIT_COLUMN[section])
                    view.setCurrentIndex(index)
                    view.edit(index)
            return run

        def toggle_confirmed() -> None:
            index = self.fields_view.currentIndex()
            if index.isValid():
                checked = index.siblingAtColumn(2).data(Qt.ItemDataRole.CheckStateRole)
                self.set_field_confirmed(index.data(KEY_ROLE)[1],
                                         checked != Qt.CheckState.Checked)

        add(self.fields_view, "&Edit Value\tEnter", edit_current(FIELDS))
        add(self.fields_view, "&Confirm / Unconfirm\tSpace", toggle_confirmed)
        add(self.recommendations_view, "Set &Outcome\tEnter", edit_current(RECOMMENDATIONS))
        add(self.costs_view, "Set &Kind\tEnter", edit_current(COSTS))
        for view in (self.recommendations_view, self.costs_view):
            add(view, "&Delete\tDel", self.delete_selected)
        add(self.checks_view, "&Dismiss…\tEnter", lambda: self.dismiss_selected_finding())
        add(self.checks_view, "&Reopen", self.reopen_selected_finding)
        for view in self._views:
            add(view, "Show on &Page", self.show_on_page)

    # ===== which paper =======================================================================
    def _document_opened(self, doc: Any) -> None:
        self._token += 1
        self._file_papers = []
        self._pending = {}
        if doc is None:
            self._state_text = NO_PAPER
            self.show_paper(None)
            return
        self._pending = {"token": self._token, "path": doc.path, "text": None, "sha": None,
                         "password": getattr(doc, "password", None)}
        self._state_text = "Looking for this paper in the register…"
        self.show_paper(None)
        self._hasher.hash(doc.path, self._token)

    def _text_layer_checked(self, has_text: bool) -> None:
        if not self._pending:
            return
        self._pending["text"] = has_text
        self._continue_locating()

    def _hashed(self, token: object, sha: str) -> None:
        if not self._pending or token != self._pending.get("token"):
            return  # another file was opened meanwhile
        if not sha:
            self._give_up(NO_PAPER)
            return
        self._pending["sha"] = sha
        self._continue_locating()

    def _continue_locating(self) -> None:
        pending, register = self._pending, self.register
        if not pending.get("sha"):
            return
        if register is None:
            self._give_up("No paper: no register is open.")
            return
        try:
            papers = register.find_file(pending["sha"])
        except RegisterError as exc:
            self._give_up(f"No paper: {exc}")
            return
        if papers:
            self._pending = {}
            self._show_file_papers(papers)
            return
        if pending.get("text") is None:
            return  # wait to hear whether the file has text at all
        if pending["text"] is False:
            self._give_up("No paper: this file has no text layer (a scan).")
            return
        if pending.get("importing"):
            return
        browser = getattr(self._window, "register_browser", None)
        password = pending.get("password")
        thread = (browser.start_import([pending["path"]], passwords=(
            {pending["path"]: password} if password else None)) if browser is not None else None)
        if thread is None:
            # The browser is busy with another import: try again when that one ends.
            pending["waiting"] = True
            self._show_state("Waiting for the import under way to finish…")
            return
        pending["importing"] = True
        self._state_text = "Importing this paper into the register…"
        self._show_state(self._state_text)

    def _import_finished(self, _outcomes: list) -> None:
        pending = self._pending
        if not pending:
            return
        if pending.get("importing"):
            pending["importing"] = False
            pending["imported"] = True
            register = self.register
            papers = register.find_file(pending["sha"]) if register is not None else []
            if papers:
                self._pending = {}
                self._show_file_papers(papers)
            else:
                self._give_up("No paper: the file could not be imported (see the register).")
        elif pending.get("waiting"):
            pending["waiting"] = False
            self._continue_locating()

    def _give_up(self, text: str) -> None:
        self._pending = {}
        self._state_text = text
        self.show_paper(None)
        self._show_state(text)

    def _show_file_papers(self, papers: list[Any]) -> None:
        self._file_papers = sorted(papers, key=lambda p: p.first_page)
        self._state_text = NO_PAPER
        self.show_paper(self._paper_for_page(self.viewer.current_page()))

    def _paper_for_page(self, page_index: int) -> int | None:
        chosen = None
        for p in self._file_papers:
            if p.first_page <= page_index + 1 or chosen is None:
                chosen = p.id
        return chosen

    def _page_changed(self, page_index: int) -> None:
        if len(self._file_papers) > 1:
            pid = self._paper_for_page(page_index)
            if pid != self._paper_id:
                self.show_paper(pid)

    def _paper_chosen(self, index: int) -> None:
        if self._filling or index < 0:
            return
        pid = self.paper_combo.itemData(index)
        paper = next((p for p in self._file_papers if p.id == pid), None)
        if paper is not None and pid != self._paper_id:
            self.show_paper(pid)
            self.viewer.scroll_to(paper.first_page - 1)

    def _fill_paper_combo(self) -> None:
        self._filling = True
        self.paper_combo.clear()
        for p in self._file_papers:
            label = p.reference or p.title or f"Paper from page {p.first_page}"
            self.paper_combo.addItem(f"{label} (from page {p.first_page})", p.id)
        i = self.paper_combo.findData(self._paper_id)
        self.paper_combo.setCurrentIndex(i)
        self.paper_combo.setVisible(len(self._file_papers) > 1)
        self._filling = False

    # ===== display ===========================================================================
    def _show_state(self, text: str | None) -> None:
        self.state_label.setText(text or "")
        self.state_label.setVisible(bool(text))
        has_paper = text is None
        self.tabs.setEnabled(has_paper)
        self.status_combo.setEnabled(has_paper)
        if not has_paper:
            self.title_label.setText("No paper" if text and text.startswith("No paper")
                                     else "Review")
            self.totals_label.setText("")

    def _fill_header(self, detail: dict[str, Any]) -> None:
        summary = detail["summary"]
        ref = summary.reference or "No reference"
        title = summary.title or summary.file_name
        pages = (f"page {summary.first_page}" if summary.first_page == summary.last_page
                 else f"pages {summary.first_page}–{summary.last_page}")
        self.title_label.setText(f"{ref} — {title}")
        self.title_label.setToolTip(f"{summary.file_name}, {pages}")
        self._filling = True
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(summary.status)))
        self._filling = False

    def _restore(self, view: QAbstractItemView, model: ReviewModel, key: Any, column: int,
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

    def _update_buttons(self) -> None:
        has = self._detail is not None
        self.show_button.setEnabled(has and self.fields_view.currentIndex().isValid())
        self.delete_rec_button.setEnabled(has and bool(self._selected_in(RECOMMENDATIONS)))
        self.delete_cost_button.setEnabled(has and bool(self._selected_in(COSTS)))
        finding = self._current_finding()
        self.dismiss_button.setEnabled(finding is not None and not finding.get("dismissed"))
        self.reopen_button.setEnabled(finding is not None and bool(finding.get("dismissed")))

    def _selected_in(self, section: int) -> list:
        return self._views[section].selectionModel().selectedRows(0)

    def _highlight_colours(self) -> tuple[QColor, QColor]:
        base = self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        strong, faint = QColor(base), QColor(base)
        strong.setAlpha(210)
        faint.setAlpha(40)
        return strong, faint

    def _locations(self, section: int) -> list[tuple[tuple[str, Any], int, list]]:
        """(key, 1-based page, rects) of every item of ``section`` that stands on a page."""
        d = self._detail
        if d is None:
            return []
        if section == FIELDS:
            items = [(("field", n), f) for n, f in d["fields"].items()]
        elif section == RECOMMENDATIONS:
            items = [(("recommendation", r["id"]), r) for r in d["recommendations"]]
        elif section == COSTS:
            items = [(("cost", c["id"]), c) for c in d["costs"]]
        else:
            items = [(("finding", f["id"]), f) for f in d["findings"]]
        return [(key, row["page"], row.get("rects") or []) for key, row in items
                if row.get("page")]

    def _update_highlights(self, scroll: bool = False) -> None:
        section = self.tabs.currentIndex()
        view = self._views[section]
        current = view.currentIndex().data(KEY_ROLE) if view.currentIndex().isValid() else None
        current = tuple(current) if current else None
        strong, faint = self._highlight_colours()
        items, chosen = [], None
        for key, page, rects in self._locations(section):
            if key == current:
                chosen = (page, rects)
            elif rects:
                items.append((page - 1, rects, faint, key))
        if chosen is not None and chosen[1]:
            items.append((chosen[0] - 1, chosen[1], strong, current))
        self.viewer.set_highlights(HIGHLIGHT_KEY, items)
        if scroll and chosen is not None:
            page, rects = chosen
            if rects:
                self.viewer.scroll_to(page - 1, rects[0])
            else:
                self.viewer.scroll_to(page - 1)

    def _highlight_clicked(self, key: str, payload: Any) -> None:
        if key == HIGHLIGHT_KEY and isinstance(payload, tuple) and len(payload) == 2:
            self.select_item(payload[0], payload[1])

    # ===== edits =============================================================================
    def _edit_requested(self, key: Any, edit: str, value: Any) -> None:
        if not key:
            return
        entity, item_id = key
        if entity == "field" and edit == "value":
            self.edit_field(item_id, value)
        elif entity == "field" and edit == "confirmed":
            self.set_field_confirmed(item_id, bool(value))
        elif entity == "recommendation" and edit == "outcome":
            self.set_outcome(item_id, value)
        elif entity == "cost" and edit == "kind":
            self.set_cost_kind(item_id, value)

    def _status_chosen(self, index: int) -> None:
        if not self._filling and index >= 0:
            self.set_status(self.status_combo.itemData(index))

    def _item(self, table: str, item_id: int) -> dict[str, Any] | None:
        if self._detail is None:
            return None
        return next((r for r in self._detail[table] if r["id"] == item_id), None)

    def _current_finding(self) -> dict[str, Any] | None:
        index = self.checks_view.currentIndex()
        key = index.data(KEY_ROLE) if index.isValid() else None
        return self._item("findings", key[1]) if key else None

    # ===== keyboard ==========================================================================
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.status_combo and event.type() == QEvent.Type.Wheel
                and not self.status_combo.hasFocus()):
            event.ignore()
            return True
        if event.type() == QEvent.Type.KeyPress and obj in self._views:
            if isinstance(event, QKeyEvent) and self._key(obj, event):
                return True
        return super().eventFilter(obj, event)

    def _key(self, view: QAbstractItemView, event: QKeyEvent) -> bool:
        if view.state() == QAbstractItemView.State.EditingState:
            return False
        key, section = event.key(), self._views.index(view)
        index = view.currentIndex()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            if not index.flags() & Qt.ItemFlag.ItemIsEditable and section in EDIT_COLUMN:
                index = index.siblingAtColumn(EDIT_COLUMN[section])
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                view.setCurrentIndex(index)
                view.edit(index)
                return True
            if section == CHECKS:
                self.dismiss_selected_finding()
                return True
            return False
        if key == Qt.Key.Key_Space and section == FIELDS and index.isValid():
            box = index.siblingAtColumn(2)
            checked = box.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            self.set_field_confirmed(index.data(KEY_ROLE)[1], not checked)
            return True
        if key == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            # The keyboard's way to the right-click menu where there is no Menu key.
            menu = QMenu(view)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.addActions(view.actions())
            at = view.visualRect(index).center() if index.isValid() else view.rect().center()
            menu.popup(view.viewport().mapToGlobal(at))
            return True
        if key == Qt.Key.Key_Delete and section in (RECOMMENDATIONS, COSTS):
            self.delete_selected()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and section == FIELDS:
            field_key = index.data(KEY_ROLE) if index.isValid() else None
            if field_key:  # the field becomes "not found"; Ctrl+Z brings the value back
                self.edit_field(field_key[1], "")
            return True
        return False

    # ===== the register ======================================================================
    def _follow_register(self, register: Register | None) -> None:
        switched = self._listened is not None or self._paper_id is not None
        if self._listened is not None:
            try:
                self._listened.remove_listener(self._register_changed)
            except Exception:  # a closed register has already let go of its listeners
                pass
        self._listened = register
        if register is not None:
            register.add_listener(self._register_changed)
        if switched:
            # Paper ids belong to a register: look the open file up again in the new one;
            # steps recorded against the old register cannot be undone in this one.
            self.undo_stack.clear()
            self._paper_id, self._detail = None, None
            QTimer.singleShot(0, self, self._relocate)

    def _check_register(self) -> None:
        _ = self.register  # re-attaches (and relocates) when the browser switched registers

    def _relocate(self) -> None:
        self._document_opened(getattr(self._window, "document", None))
        if self._pending and self._window.document is not None:
            self._pending["text"] = True  # it was open before: the window checked it then

    def _register_changed(self, changes: list) -> None:
        # Called on the thread that committed (imports write from a worker): hop over.
        try:
            self._changed_elsewhere.emit(changes)
        except RuntimeError:  # the panel is gone
            pass

    def _follow_changes(self, changes: list) -> None:
        pid = self._paper_id
        if pid is not None and any(c.paper_id in (pid, None) for c in changes):
            self._refresh_timer.start()
