"""Reading the register: the papers table, one paper whole, its history (searches are in
:mod:`.search_reads`)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Sequence

from ..extract.summary import Summary
from .errors import NotFoundError, RegisterError
from .detail import (CostRow, FieldRow, FindingRow, MeetingLink, PaperDetail, PaperRow,
                     PartRow, RecommendationRow)
from .records import PaperSummary
from .store import Store, _json


class Queries(Store):
    """Reads: typed records for the views, the pack and the command line."""

    def list_papers(self, *, status: str | None = None, meeting_id: int | None = None,
                    paper_ids: Sequence[int] | None = None) -> list[PaperSummary]:
        """Every paper (or a filtered set) with totals by kind, counts and latest meeting.

        The money columns come from each paper's financial summary, kept by the one rule
        whenever its costs change.
        """
        return self._summaries(*_paper_filter(status, meeting_id, paper_ids))

    def _summaries(self, clause: str, params: Sequence[Any]) -> list[PaperSummary]:
        # One indexed look-up per paper and column: a screen of rows costs a screen's work
        # (joined aggregates over whole tables cost the same for 60 papers as for 10,000).
        rows = self._all(f"""
            SELECT p.id, p.file_name, p.stored_path, p.first_page, p.last_page, p.status,
              p.imported_at, p.summary,
              (SELECT value FROM fields WHERE paper_id = p.id AND name = 'reference')
                AS reference,
              (SELECT value FROM fields WHERE paper_id = p.id AND name = 'title') AS title,
              (SELECT value FROM fields WHERE paper_id = p.id AND name = 'decision_required_by')
                AS due,
              (SELECT COUNT(*) FROM recommendations WHERE paper_id = p.id) AS recs,
              (SELECT COUNT(*) FROM findings WHERE paper_id = p.id AND current = 1
                 AND dismissed = 0) AS open_checks,
              COALESCE(NULLIF((SELECT COUNT(*) FROM documents WHERE paper_id = p.id), 0), 1)
                AS docs,
              (SELECT m.id || char(1) || m.date || ' ' || m.name FROM agenda_items a
                 JOIN meetings m ON m.id = a.meeting_id WHERE a.paper_id = p.id
                 ORDER BY m.date DESC, m.id DESC LIMIT 1) AS latest
            FROM papers p {clause} ORDER BY p.id""", params)
        for r in rows:
            latest = r.pop("latest")
            meeting_id, _, name = latest.partition("\x01") if latest else (None, "", None)
            r["meeting_id"] = int(meeting_id) if meeting_id is not None else None
            r["meeting"] = name
        return [PaperSummary(
            id=r["id"], reference=r["reference"], title=r["title"], file_name=r["file_name"],
            stored_path=self.root / r["stored_path"], first_page=r["first_page"],
            last_page=r["last_page"], status=r["status"], meeting_id=r["meeting_id"],
            meeting=r["meeting"], decision_required_by=r["due"],
            **_money_columns(r["summary"]), recommendations=r["recs"],
            open_checks=r["open_checks"], imported_at=r["imported_at"], documents=r["docs"])
            for r in rows]

    def get_paper(self, paper_id: int) -> PaperDetail:
        """Everything about one paper (:class:`~.detail.PaperDetail`): its register row,
        fields, parts, recommendations and costs (with tags), current findings, comments
        (with replies and tags), money summary, documents, tags and meetings."""
        summary = self._summaries("WHERE p.id = ?", (paper_id,))
        if not summary:
            raise NotFoundError(f"There is no paper number {paper_id} in the register.")
        paper = self._need("papers", paper_id, "paper")
        tags = self._all("SELECT a.entity, a.entity_id, t.name FROM tag_assignments a "
                         "JOIN tags t ON t.id = a.tag_id WHERE (a.entity = 'paper' AND "
                         "a.entity_id = ?) OR (a.entity = 'recommendation' AND a.entity_id IN "
                         "(SELECT id FROM recommendations WHERE paper_id = ?)) OR "
                         "(a.entity = 'cost' AND a.entity_id IN (SELECT id FROM costs WHERE "
                         "paper_id = ?)) ORDER BY t.name", (paper_id, paper_id, paper_id))
        tag_map: dict[tuple[str, int], list[str]] = {}
        for t in tags:
            tag_map.setdefault((t["entity"], t["entity_id"]), []).append(t["name"])
        fields = [FieldRow.from_row(r) for r in
                  self._all("SELECT * FROM fields WHERE paper_id = ?", (paper_id,))]
        return PaperDetail(
            summary=summary[0],
            paper=PaperRow.from_row(paper),
            fields={f.name: f for f in fields},
            parts=[PartRow(r["kind"], r["first_page"], r["last_page"]) for r in self._all(
                "SELECT kind, first_page, last_page FROM parts WHERE paper_id = ? "
                "ORDER BY first_page", (paper_id,))],
            recommendations=[RecommendationRow.from_row(r, tag_map.get(("recommendation",
                                                                         r["id"]), []))
                             for r in self._all("SELECT * FROM recommendations WHERE "
                                                "paper_id = ? ORDER BY position, id",
                                                (paper_id,))],
            costs=[CostRow.from_row(r, tag_map.get(("cost", r["id"]), []))
                   for r in self._all("SELECT * FROM costs WHERE paper_id = ? "
                                      "ORDER BY position, id", (paper_id,))],
            findings=[FindingRow.from_row(r) for r in self._all(
                "SELECT * FROM findings WHERE paper_id = ? AND current = 1 ORDER BY page, id",
                (paper_id,))],
            annotations=self.list_annotations(paper_id),
            money=Summary.from_dict(json.loads(paper["summary"] or "{}")),
            documents=self.documents(paper_id),
            tags=tag_map.get(("paper", paper_id), []),
            meetings=[MeetingLink.from_row(r) for r in self._all(
                "SELECT m.id, m.date, m.name, a.position FROM agenda_items a JOIN meetings m "
                "ON m.id = a.meeting_id WHERE a.paper_id = ? ORDER BY m.date", (paper_id,))],
        )

    def audit_for(self, paper_id: int) -> list[dict[str, Any]]:
        """The audit history of a paper, oldest first."""
        return self._all("SELECT id, at, who, entity, entity_id, what, old_value, new_value "
                         "FROM audit WHERE paper_id = ? ORDER BY id", (paper_id,))

    def paper_ids(self, *, status: str | None = None, meeting_id: int | None = None,
                  sort: str = "reference", descending: bool = False) -> list[int]:
        """Ids of the papers the table shows, filtered and sorted in SQL (``sort`` one of
        :data:`TABLE_SORTS`): the table fetches the rows themselves a screen at a time."""
        key = TABLE_SORTS.get(sort, TABLE_SORTS["reference"])
        where, params = _paper_filter(status, meeting_id)
        order = "DESC" if descending else "ASC"
        # Nulls (no reference, no money) sort last either way: a clerk looks for the values.
        sql = (f"SELECT p.id FROM papers p {key.join} {where} "
               f"ORDER BY ({key.expr}) IS NULL, {key.expr} {order}, p.id {order}")
        try:
            return [r[0] for r in self.conn.execute(sql, params)]
        except sqlite3.ProgrammingError as exc:
            raise RegisterError("The register has been closed.") from exc

    def papers_at_most(self) -> int:
        """An upper bound of how many papers the register holds, read at once (the highest
        paper id; a count reads every row)."""
        try:
            return self.conn.execute("SELECT MAX(id) FROM papers").fetchone()[0] or 0
        except sqlite3.ProgrammingError as exc:
            raise RegisterError("The register has been closed.") from exc

    def integrity_ok(self) -> bool:
        """True when SQLite's own integrity check passes."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _money_columns(summary_json: str | None) -> dict:
    s = json.loads(summary_json or "{}")
    return {"capital_pence": s.get("capital_pence"), "revenue_pence": s.get("revenue_pence"),
            "contracts_pence": list(s.get("contracts_pence") or []),
            "conflicts": list(s.get("conflicts") or [])}


@dataclass(frozen=True)
class _Sort:
    expr: str
    join: str = ""


#: The register table's sort keys, each an SQL expression over ``papers p``.
TABLE_SORTS: dict[str, _Sort] = {
    "reference": _Sort("fr.value COLLATE NOCASE", "LEFT JOIN fields fr ON fr.paper_id = p.id "
                       "AND fr.name = 'reference'"),
    "title": _Sort("COALESCE(ft.value, p.file_name) COLLATE NOCASE",
                   "LEFT JOIN fields ft ON ft.paper_id = p.id AND ft.name = 'title'"),
    "meeting": _Sort("(SELECT MAX(m.date || ' ' || m.name) FROM agenda_items a JOIN meetings m "
                     "ON m.id = a.meeting_id WHERE a.paper_id = p.id)"),
    "decision_required_by": _Sort("fd.value", "LEFT JOIN fields fd ON fd.paper_id = p.id "
                                  "AND fd.name = 'decision_required_by'"),
    "capital": _Sort("json_extract(p.summary, '$.capital_pence')"),
    "revenue": _Sort("json_extract(p.summary, '$.revenue_pence')"),
    "recommendations": _Sort("(SELECT COUNT(*) FROM recommendations x WHERE x.paper_id = p.id)"),
    "status": _Sort("p.status"),
    "open_checks": _Sort("(SELECT COUNT(*) FROM findings x WHERE x.paper_id = p.id AND "
                         "x.current = 1 AND x.dismissed = 0)"),
}


def _paper_filter(status: str | None, meeting_id: int | None,
                  paper_ids: Sequence[int] | None = None) -> tuple[str, list[Any]]:
    where, params = [], []
    if status is not None:
        where.append("p.status = ?")
        params.append(status)
    if meeting_id is not None:
        where.append("p.id IN (SELECT paper_id FROM agenda_items WHERE meeting_id = ?)")
        params.append(meeting_id)
    if paper_ids is not None:
        where.append("p.id IN (SELECT value FROM json_each(?))")
        params.append(_json(list(paper_ids)))
    return ("WHERE " + " AND ".join(where)) if where else "", params
