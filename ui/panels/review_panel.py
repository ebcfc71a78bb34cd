"""The review panel: the open paper's fields, recommendations, costs and checks, linked to
the page, every edit an undoable register operation.

Which paper: the file open in the window is found in the register by its hash (imported
first when it is new, see :mod:`.file_papers`); a file holding several papers shows the one
on the current page. The panel refreshes only from the workspace's change stream.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPalette, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from mopac_desk.money import format_pence
from mopac_desk.register import Change, ImportedPaper, PaperDetail, Register, RegisterError
from mopac_desk.register.detail import FindingRow

from ..viewer import PageView
from ..workspace import Workspace
from . import dismiss as D
from . import highlights as H
from . import rows as R
from .commands import (
    ChooseFigureCommand, ConfirmFieldCommand, DeleteItemsCommand, DismissFindingsCommand,
    ReopenFindingCommand, SetCostKindCommand, SetFieldCommand, SetOutcomeCommand,
    SetStatusCommand,
)
from .file_papers import NO_PAPER, FilePapers
from .follow import FollowsViewer
from .header import PaperHeader, paper_label
from .keys import PanelKeys, add_context_actions
from .sections import CHECKS, COSTS, RECOMMENDATIONS, SECTION_OF, Sections

HIGHLIGHT_KEY = H.HIGHLIGHT_KEY


class ReviewPanel(QWidget, FollowsViewer):
    """Review one paper of the workspace's register, shown beside ``viewer`` (set_viewer)."""

    #: the paper shown changed (register paper id, or None)
    paper_changed = Signal(object)
    #: a plain-English message was shown to the clerk
    message_shown = Signal(str)

    def __init__(self, workspace: Workspace, viewer: PageView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.setAccessibleName("Review panel")
        self.workspace = workspace
        self.viewer = viewer
        self._paper_id: int | None = None
        self._detail: PaperDetail | None = None
        self._state_text: str | None = NO_PAPER
        self._figure: tuple[str, int] | None = None  # the money figure shown on the page
        self.file_papers = self.own_file_papers = FilePapers(workspace, self)
        self._build()
        self.keys = PanelKeys(self)
        self._connect()
        self._show_state(NO_PAPER)

    # ===== reads =============================================================================
    @property
    def register(self) -> Register | None:
        """The workspace's register (None if none is open)."""
        return self.workspace.register

    @property
    def undo_stack(self) -> QUndoStack:
        """The workspace's one undo history."""
        return self.workspace.undo_stack

    @property
    def paper_id(self) -> int | None:
        """The register id of the paper shown, or None."""
        return self._paper_id

    @property
    def detail(self) -> PaperDetail | None:
        """What the register said about the paper shown at the last refresh (read only)."""
        return self._detail

    def refresh_pending(self) -> bool:
        """True while a refresh asked for by a change made elsewhere is still to run."""
        return self._refresh_timer.isActive()

    def clerk(self) -> str:
        """Who the audit history names for edits made here."""
        return self.workspace.clerk()

    def selected_items(self) -> list[tuple[str, int]]:
        """The recommendations or costs selected in the section shown, in display order."""
        return self.sections.selected_items()

    # ===== showing ===========================================================================
    def show_document(self, path: Path | None, password: str | None = None) -> None:
        """The window opened the file at ``path`` (None: closed it): show its paper."""
        self.file_papers.locate(path, password)

    def show_paper(self, paper_id: int | None) -> None:
        """Show register paper ``paper_id`` (None: no paper). The undo history carries on:
        every step names its own paper, so undoing an edit made on another paper is exact."""
        if paper_id == self._paper_id and self._detail is not None:
            return
        # An editor still open (the clerk scrolled into the next paper of a pack, or opened
        # another file) commits now, while the paper it was opened on is still the one shown.
        self.sections.commit_editors()
        self._paper_id = paper_id
        self._figure = None
        self.sections.money.select("", None)
        self.banner.setVisible(False)
        self.sections.forget_selection()
        self.refresh()
        self.header.show_file_papers(self.file_papers.papers, self._paper_id)
        self.paper_changed.emit(self._paper_id)

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
            self.sections.fill(None)
            self._show_state(self._state_text or NO_PAPER)
            self._update_highlights()
            return
        self._show_state(None)
        self.header.show_paper(detail)
        self.sections.fill(detail, self._tag_colours(register))
        if self._figure is not None and not H.figure_places(self._detail, self._figure):
            self._figure = None  # the figure is gone (a kind changed, a cost deleted)
        self.sections.money.select(*(self._figure or ("", None)))
        self._update_buttons()
        self._update_highlights()

    def select_item(self, entity: str, item_id: Any) -> None:
        """Show ``entity``'s section and select that item (and its place on the page)."""
        if entity == "figure":
            self.select_figure(*item_id)
            return
        section = SECTION_OF.get(entity)
        if section is None:
            return
        self.tabs.setCurrentIndex(section)
        view, model = self.sections.views[section], self.sections.models[section]
        index = model.index_of((entity, item_id))
        if index.isValid():
            view.setCurrentIndex(index)
            view.scrollTo(index)

    def show_section(self, section: int) -> None:
        """Switch to section ``section`` (0 Fields … 3 Checks) and put the focus in it."""
        self.tabs.setCurrentIndex(section)
        view = self.sections.views[section]
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

    def select_figure(self, kind: str, index: int) -> None:
        """Show money figure ``index`` of ``kind`` (of the summary's sources) on the page: the
        Costs section, every place the paper states it highlighted; index -1: none."""
        self.tabs.setCurrentIndex(COSTS)
        if index < 0:
            self._figure = None
            self.sections.money.select(kind, None)
            self._update_highlights()
            return
        # The figure, not a cost row, is what the page shows now.
        self.costs_view.setCurrentIndex(QModelIndex())
        self._figure = (kind, index)
        self.sections.money.select(kind, index)
        self._update_highlights(scroll=True)

    def choose_figure(self, kind: str, pence: int | None) -> None:
        """The clerk settles a conflict in the paper's money: ``pence`` is the right ``kind``
        figure (None: back to the recommendation's figure). One undoable, audited step."""
        if self._detail is None or self._paper_id is None:
            return
        money = self._detail.money
        old = money.spend_pence(kind) if kind in money.chosen_by_clerk else None
        if old == pence:
            return
        label = format_pence(pence) if pence is not None else "of the recommendation"
        self.push(ChooseFigureCommand(self.workspace, self._paper_id, kind, pence, old, label))

    def show_on_page(self) -> None:
        """Scroll the page view to the selected item; say so when it has no place there."""
        self._update_highlights(scroll=True)
        section = self.tabs.currentIndex()
        key = self.sections.current_key(section)
        if key is None or (section == COSTS and self._figure is not None):
            return
        if not any(k == key and page for k, page, _r in H.locations(self._detail, section)):
            self.show_message(R.no_place_text(self._detail, key))

    def show_message(self, text: str) -> None:
        """Tell the clerk something in plain English (banner in the panel, status bar)."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        if text:  # screen readers announce it, as they would a message box
            QAccessible.updateAccessibility(QAccessibleEvent(self.banner, QAccessible.Event.Alert))
            self.message_shown.emit(text)

    def clear_refusal(self) -> None:
        """A step went through: an earlier refusal in the banner is no longer news."""
        self.banner.setVisible(False)

    # ===== intents (each one undoable step) ==================================================
    def push(self, command: QUndoCommand) -> None:
        """Do ``command`` and put it on the undo stack, its text naming the paper."""
        label = paper_label(self._detail.summary if self._detail else None)
        if label and not command.text().endswith(f"({label})"):
            # The history spans papers: Edit › Undo says which paper a step belongs to.
            command.setText(f"{command.text()} ({label})")
        self.workspace.push(command)

    def edit_field(self, name: str, value: str | None) -> None:
        """Set field ``name`` to ``value``."""
        if self._detail is None or self._paper_id is None:
            return
        f = self._detail.field(name)
        place = (f.page, f.quote, list(f.rects))
        self.push(SetFieldCommand(self.workspace, self._paper_id, name, value, f.value,
                                  f.confirmed, R.field_label(name), place))

    def set_field_confirmed(self, name: str, confirmed: bool) -> None:
        """Tick or untick field ``name``."""
        if self._paper_id is not None:
            self.push(ConfirmFieldCommand(self.workspace, self._paper_id, name, confirmed,
                                          R.field_label(name)))

    def set_status(self, status: str) -> None:
        """Move the paper to ``status``."""
        if self._detail is None or self._paper_id is None:
            return
        old = self._detail.summary.status
        if status != old:
            self.push(SetStatusCommand(self.workspace, self._paper_id, status, old))

    def set_outcome(self, rec_id: int, outcome: str | None) -> None:
        """Record a recommendation's outcome (None clears it)."""
        rec = self._detail.recommendation(rec_id) if self._detail else None
        if rec is not None and rec.outcome != outcome:
            self.push(SetOutcomeCommand(self.workspace, rec_id, outcome, rec.outcome))

    def set_cost_kind(self, cost_id: int, kind: str) -> None:
        """Reclassify a cost."""
        cost = self._detail.cost(cost_id) if self._detail else None
        if cost is not None and cost.kind != kind:
            self.push(SetCostKindCommand(self.workspace, cost_id, kind, cost.kind,
                                         cost.kind_edited))

    def delete_selected(self) -> None:
        """Remove the selected recommendations or costs."""
        keys = self.selected_items()
        if keys and self._detail is not None:
            command = DeleteItemsCommand.of(self.workspace, self._detail, keys)
            if command is not None:
                self.push(command)

    def dismiss_selected_finding(self, reason: str | None = None,
                                 twins: bool = False) -> None:
        """Dismiss the selected check with ``reason`` (asked for when None; the dialog offers
        its twins too); ``twins``: its identical twins on other pages go with it."""
        finding = self._current_finding()
        if finding is None or finding.dismissed or self._detail is None:
            return
        found = D.twins(self._detail.findings, finding)
        if reason is None:
            D.ask(self, finding, found,
                  lambda text, both, fid=finding.id: self._dismiss_with(fid, text, both),
                  self._back_from_dialog)
            return
        self._dismiss_with(finding.id, reason, twins)

    def reopen_selected_finding(self) -> None:
        """Reopen the selected dismissed check."""
        finding = self._current_finding()
        if finding is not None and finding.dismissed:
            self.push(ReopenFindingCommand(self.workspace, finding.id, finding.reason or "",
                                           finding.code))

    def _dismiss_with(self, finding_id: int, reason: str, twins: bool = False) -> None:
        finding = self._detail.finding(finding_id) if self._detail else None
        if finding is None or self._detail is None:
            return
        if not reason.strip():
            self.show_message("Say why the check is dismissed.")
            return
        chosen = [finding] + (D.twins(self._detail.findings, finding) if twins else [])
        self.push(DismissFindingsCommand(self.workspace, [(f.id, f.code) for f in chosen],
                                         reason.strip()))

    def _back_from_dialog(self) -> None:
        self.window().activateWindow()
        self.checks_view.setFocus(Qt.FocusReason.OtherFocusReason)

    # ===== building ==========================================================================
    def _build(self) -> None:
        self.header = PaperHeader()
        self.title_label, self.status_combo = self.header.title_label, self.header.status_combo
        self.paper_combo = self.header.paper_combo
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Review state")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Message")
        self.banner.setForegroundRole(QPalette.ColorRole.LinkVisited)
        self.banner.setVisible(False)

        self.sections = self.tabs = Sections()
        s = self.sections
        self.fields_view, self.recommendations_view = s.fields_view, s.recommendations_view
        self.costs_view, self.checks_view = s.costs_view, s.checks_view
        self.money = s.money

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.state_label)
        layout.addWidget(self.sections, 1)
        order = [self.paper_combo, self.status_combo, *s.tab_order()]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)

        # Changes made elsewhere (an import, another connection) come in bursts: one re-read.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)

    def _connect(self) -> None:
        s, w = self.sections, self.workspace
        self.header.status_chosen.connect(self.set_status)
        self.header.paper_chosen.connect(self._paper_chosen)
        s.currentChanged.connect(lambda _i: self._update_highlights())
        s.currentChanged.connect(lambda _i: self._update_buttons())
        for view, model in zip(s.views, s.models):
            view.selectionModel().currentRowChanged.connect(
                lambda *_a: self._update_highlights(scroll=True))
            view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
            model.edit_requested.connect(self._edit_requested)
        add_context_actions(self)
        s.show_button.clicked.connect(self.show_on_page)
        s.delete_rec_button.clicked.connect(self.delete_selected)
        s.delete_cost_button.clicked.connect(self.delete_selected)
        s.dismiss_button.clicked.connect(lambda: self.dismiss_selected_finding())
        s.reopen_button.clicked.connect(self.reopen_selected_finding)
        s.money.figure_selected.connect(self.select_figure)
        s.money.figure_chosen.connect(self.choose_figure)
        self._link_viewer()  # the viewer's clicks and pages, its file's papers (follow.py)
        self._refresh_timer.timeout.connect(self.refresh)
        w.changed.connect(self._follow_changes)
        w.refused.connect(self._refused)
        w.item_touched.connect(self.select_item)
        w.register_switched.connect(self._register_switched)

    # ===== the change stream =================================================================
    def _follow_changes(self, changes: list[Change], who: object) -> None:
        if who is not None:
            self.clear_refusal()  # a step went through
        pid = self._paper_id
        if pid is None or not any(c.paper_id in (pid, None) for c in changes):
            return
        if who is not None:
            self.refresh()  # one edit made here: re-read once, now
        else:
            self._refresh_timer.start()  # a burst from elsewhere: once, when it settles

    def _refused(self, text: str) -> None:
        self.show_message(text)
        self.refresh()  # an editor showing the refused value goes back to the register's

    def _register_switched(self, _register: Register | None) -> None:
        # Paper ids belong to a register: look the open file up again in the new one.
        self._paper_id, self._detail = None, None
        self.file_papers.relocate()
        if self.own_file_papers is not self.file_papers:  # a compare side's: the window's too
            self.own_file_papers.relocate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Switching to dark mode or high contrast re-colours greyed cells and highlights,
        # which take their colours from the palette when they are filled.
        if event.type() == QEvent.Type.PaletteChange and self._paper_id is not None:
            self._refresh_timer.start()

    # ===== which paper of the file ===========================================================
    def _give_up(self, text: str) -> None:
        self._state_text = text
        self.show_paper(None)
        self._show_state(text)

    def _show_file_papers(self, _papers: list[ImportedPaper]) -> None:
        self._state_text = NO_PAPER
        self.show_paper(self.file_papers.paper_for_page(self.viewer.current_page()))

    def _page_changed(self, page_index: int) -> None:
        if len(self.file_papers.papers) > 1:
            pid = self.file_papers.paper_for_page(page_index)
            if pid != self._paper_id:
                self.show_paper(pid)

    def _paper_chosen(self, pid: int) -> None:
        paper = next((p for p in self.file_papers.papers if p.id == pid), None)
        if paper is not None and pid != self._paper_id:
            self.show_paper(pid)
            self.viewer.scroll_to(paper.first_page - 1)

    # ===== display ===========================================================================
    def _show_state(self, text: str | None) -> None:
        self.state_label.setText(text or "")
        self.state_label.setVisible(bool(text))
        has_paper = text is None
        self.sections.setEnabled(has_paper)
        self.header.show_state(text)

    def _update_buttons(self) -> None:
        s, has = self.sections, self._detail is not None
        s.show_button.setEnabled(has and self.fields_view.currentIndex().isValid())
        s.delete_rec_button.setEnabled(has and bool(s.selected_rows(RECOMMENDATIONS)))
        s.delete_cost_button.setEnabled(has and bool(s.selected_rows(COSTS)))
        finding = self._current_finding()
        s.dismiss_button.setEnabled(finding is not None and not finding.dismissed)
        s.reopen_button.setEnabled(finding is not None and finding.dismissed)

    def _update_highlights(self, scroll: bool = False) -> None:
        section = self.tabs.currentIndex()
        current = self.sections.current_key(section)
        if section == COSTS and current is not None:
            self._figure = None  # a cost row is current: it, not a figure, is shown
            self.sections.money.select("", None)
        places = H.figure_places(self._detail, self._figure) if section == COSTS else None
        items, chosen = H.layer(self._detail, section, current, self.palette(), places,
                                ("figure", self._figure))
        self.viewer.set_highlights(HIGHLIGHT_KEY, items)
        if scroll and chosen is not None:
            page, rects = chosen
            self.viewer.scroll_to(page - 1, rects[0] if rects else None)

    def _highlight_clicked(self, key: str, payload: Any) -> None:
        if key == HIGHLIGHT_KEY and isinstance(payload, tuple) and len(payload) == 2 \
                and payload[1] is not None:
            self.select_item(payload[0], payload[1])

    # ===== edits from the lists ==============================================================
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

    def _tag_colours(self, register: Register | None) -> dict[str, str]:
        try:  # the chips show the vocabulary's colours, which the register's tags carry
            return {t["name"]: t["colour"] for t in register.tags()} if register else {}
        except RegisterError:
            return {}

    def _current_finding(self) -> FindingRow | None:
        key = self.sections.current_key(CHECKS)
        return self._detail.finding(key[1]) if key and self._detail else None
