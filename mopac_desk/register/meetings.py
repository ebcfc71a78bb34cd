"""Meetings and their agendas."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from .errors import RegisterError
from .records import PaperSummary
from .store import Change, Store, _iso_date


class Meetings(Store):
    """Meetings and the order of their agendas."""

    def create_meeting(self, date: str, name: str = "", who: str | None = None) -> list[Change]:
        """Create a meeting (``date`` ISO ``YYYY-MM-DD``); the new id is ``changes[0].entity_id``."""
        date = _iso_date(date)
        name = name.strip() or f"Meeting of {date}"
        with self._tx() as changes:
            mid = self._insert("meetings", {"date": date, "name": name})
            self._audit(changes, who, Change("meeting", mid, None, "created meeting", None,
                                             f"{date} {name}"))
        return changes

    def meeting_for_date(self, date: str, who: str | None = None) -> int:
        """The id of the (first) meeting on ``date``, created if there is none."""
        date = _iso_date(date)
        row = self._one("SELECT id FROM meetings WHERE date = ? ORDER BY id LIMIT 1", (date,))
        if row:
            return row["id"]
        return self.create_meeting(date, who=who)[0].entity_id  # type: ignore[return-value]

    def meetings(self) -> list[dict[str, Any]]:
        """All meetings, newest first, with how many papers each agenda holds."""
        return self._all("SELECT m.id, m.date, m.name, COUNT(a.paper_id) AS papers "
                         "FROM meetings m LEFT JOIN agenda_items a ON a.meeting_id = m.id "
                         "GROUP BY m.id ORDER BY m.date DESC, m.id DESC")

    def agenda(self, meeting_id: int) -> list[PaperSummary]:
        """A meeting's papers in agenda order."""
        self._need("meetings", meeting_id, "meeting")
        order = [r["paper_id"] for r in self._all(
            "SELECT paper_id FROM agenda_items WHERE meeting_id = ? ORDER BY position",
            (meeting_id,))]
        rows = {p.id: p for p in self.list_papers(paper_ids=order)}
        return [rows[i] for i in order if i in rows]

    def _append_agenda(self, meeting_id: int, paper_id: int) -> bool:
        pos = self.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM agenda_items "
                                "WHERE meeting_id = ?", (meeting_id,)).fetchone()[0]
        cur = self.conn.execute("INSERT OR IGNORE INTO agenda_items VALUES (?, ?, ?)",
                                (meeting_id, paper_id, pos))
        return bool(cur.rowcount)

    def add_to_meeting(self, meeting_id: int, paper_ids: Iterable[int],
                       who: str | None = None) -> list[Change]:
        """Append papers to a meeting's agenda (papers already on it stay where they are)."""
        with self._tx() as changes:
            self._need("meetings", meeting_id, "meeting")
            for pid in dict.fromkeys(paper_ids):
                self._need("papers", pid, "paper")
                if self._append_agenda(meeting_id, pid):
                    self._audit(changes, who, Change("meeting", meeting_id, pid,
                                                     "added to agenda", None, pid))
        return changes

    def remove_from_meeting(self, meeting_id: int, paper_id: int,
                            who: str | None = None) -> list[Change]:
        """Take a paper off a meeting's agenda."""
        with self._tx() as changes:
            cur = self.conn.execute("DELETE FROM agenda_items WHERE meeting_id = ? AND "
                                    "paper_id = ?", (meeting_id, paper_id))
            if cur.rowcount:
                self._audit(changes, who, Change("meeting", meeting_id, paper_id,
                                                 "removed from agenda", paper_id, None))
        return changes

    def reorder_agenda(self, meeting_id: int, paper_ids: Sequence[int],
                       who: str | None = None) -> list[Change]:
        """Set a meeting's agenda order; ``paper_ids`` must be exactly the papers on it."""
        with self._tx() as changes:
            self._need("meetings", meeting_id, "meeting")
            old = [r["paper_id"] for r in self._all(
                "SELECT paper_id FROM agenda_items WHERE meeting_id = ? ORDER BY position",
                (meeting_id,))]
            if sorted(old) != sorted(paper_ids) or len(set(paper_ids)) != len(paper_ids):
                raise RegisterError("The new agenda order must list exactly the papers on it.")
            if old != list(paper_ids):
                self.conn.executemany(
                    "UPDATE agenda_items SET position = ? WHERE meeting_id = ? AND paper_id = ?",
                    [(i, meeting_id, pid) for i, pid in enumerate(paper_ids)])
                self._audit(changes, who, Change("meeting", meeting_id, None, "reordered agenda",
                                                 old, list(paper_ids)))
        return changes
