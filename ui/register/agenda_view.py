"""The register browser's meeting agenda: meetings, papers on an agenda, their order.

A part of :class:`ui.register.browser.RegisterBrowser` (mixed into it); it uses the
browser's widgets and forwards the clerk's intents to ``Register`` operations.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QListWidgetItem, QMenu

from mopac_desk.register import RegisterError

_HIT_ROLE = Qt.ItemDataRole.UserRole


class AgendaMixin:
    """Meetings and agendas of the browser (needs its ``agenda``, ``agenda_meeting``,
    ``meeting_filter``, ``_register``, ``_workspace`` and ``show_message``)."""

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

    def _agenda_menu(self, pos) -> None:
        item = self.agenda.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        pid = int(item.data(_HIT_ROLE))
        menu.addAction("Remove from this agenda", lambda: self.remove_from_agenda(pid))
        menu.popup(self.agenda.viewport().mapToGlobal(pos))

    def _ask_new_meeting(self) -> None:
        date, ok = QInputDialog.getText(self, "New meeting", "Meeting date (YYYY-MM-DD):")
        if not ok or not date.strip():
            return
        name, ok = QInputDialog.getText(self, "New meeting", "Meeting name:",
                                        text="Investment Advisory & Monitoring meeting")
        if ok:
            self.create_meeting(date, name)

