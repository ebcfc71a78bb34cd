"""Reading the register: the papers table, one paper whole, its history, search."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Sequence

from ..extract.summary import Summary
from .errors import NotFoundError, RegisterError
from .records import PaperSummary
from .search import SearchHit, fts_query, quoted_terms
from .store import Store, _json


class Queries(Store):
    """Reads: typed records for the views, the pack and the command line."""

    def list_papers(self, *, status: str | None = None, meeting_id: int | None = None,
                    paper_ids: Sequence[int] | None = None) -> list[PaperSummary]:
        """Every paper (or a filtered set) with totals by kind, counts and latest meeting.

        The money columns come from each paper's financial summary, kept by the one rule
        whenever its costs change.
        """
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
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        rows = self._all(f"""
            WITH sel AS (SELECT p.* FROM papers p {clause}),
            fv AS (SELECT f.paper_id,
                     MAX(CASE WHEN f.name = 'reference' THEN f.value END) AS reference,
                     MAX(CASE WHEN f.name = 'title' THEN f.value END) AS title,
                     MAX(CASE WHEN f.name = 'decision_required_by' THEN f.value END) AS due
                   FROM fields f JOIN sel ON sel.id = f.paper_id GROUP BY f.paper_id),
            dc AS (SELECT paper_id, COUNT(*) AS n FROM documents
                   WHERE paper_id IN (SELECT id FROM sel) GROUP BY paper_id),
            rc AS (SELECT paper_id, COUNT(*) AS n FROM recommendations
                   WHERE paper_id IN (SELECT id FROM sel) GROUP BY paper_id),
            oc AS (SELECT paper_id, COUNT(*) AS n FROM findings
                   WHERE current = 1 AND dismissed = 0 AND paper_id IN (SELECT id FROM sel)
                   GROUP BY paper_id),
            mt AS (SELECT a.paper_id, m.id AS meeting_id, m.date || ' ' || m.name AS meeting,
                     ROW_NUMBER() OVER (PARTITION BY a.paper_id ORDER BY m.date DESC, m.id DESC)
                       AS rn
                   FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
                   WHERE a.paper_id IN (SELECT id FROM sel))
            SELECT sel.id, sel.file_name, sel.stored_path, sel.first_page, sel.last_page,
                   sel.status, sel.imported_at, fv.reference, fv.title, fv.due,
                   sel.summary, COALESCE(rc.n, 0) AS recs, COALESCE(oc.n, 0) AS open_checks,
                   mt.meeting_id, mt.meeting, COALESCE(dc.n, 1) AS docs
            FROM sel LEFT JOIN fv ON fv.paper_id = sel.id LEFT JOIN dc ON dc.paper_id = sel.id
            LEFT JOIN rc ON rc.paper_id = sel.id LEFT JOIN oc ON oc.paper_id = sel.id
            LEFT JOIN mt ON mt.paper_id = sel.id AND mt.rn = 1
            ORDER BY sel.id""", params)
        return [PaperSummary(
            id=r["id"], reference=r["reference"], title=r["title"], file_name=r["file_name"],
            stored_path=self.root / r["stored_path"], first_page=r["first_page"],
            last_page=r["last_page"], status=r["status"], meeting_id=r["meeting_id"],
            meeting=r["meeting"], decision_required_by=r["due"],
            **_money_columns(r["summary"]), recommendations=r["recs"],
            open_checks=r["open_checks"], imported_at=r["imported_at"], documents=r["docs"])
            for r in rows]

    def get_paper(self, paper_id: int) -> dict[str, Any]:
        """Everything about one paper: summary, fields, parts, recommendations (with tags),
        costs (with tags), findings, annotations, tags and meetings. Rects are decoded."""
        summary = self.list_papers(paper_ids=[paper_id])
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

        def decoded(rows: list[dict[str, Any]], entity: str | None = None) -> list[dict]:
            for r in rows:
                for key in ("rects", "years"):
                    if key in r and isinstance(r[key], str):
                        r[key] = json.loads(r[key])
                for key in ("confirmed", "manual", "dismissed", "current", "kind_edited"):
                    if key in r:
                        r[key] = bool(r[key])
                if entity:
                    r["tags"] = tag_map.get((entity, r["id"]), [])
            return rows

        fields = decoded(self._all("SELECT * FROM fields WHERE paper_id = ?", (paper_id,)))
        return {
            "summary": summary[0],
            "paper": paper,
            "fields": {f["name"]: f for f in fields},
            "parts": self._all("SELECT kind, first_page, last_page FROM parts WHERE paper_id = ? "
                               "ORDER BY first_page", (paper_id,)),
            "recommendations": decoded(self._all(
                "SELECT * FROM recommendations WHERE paper_id = ? ORDER BY position, id",
                (paper_id,)), "recommendation"),
            "costs": decoded(self._all("SELECT * FROM costs WHERE paper_id = ? "
                                       "ORDER BY position, id", (paper_id,)), "cost"),
            "findings": decoded(self._all("SELECT * FROM findings WHERE paper_id = ? AND "
                                          "current = 1 ORDER BY page, id", (paper_id,))),
            "annotations": self.annotations(paper_id, replies=True),
            "money": Summary.from_dict(json.loads(paper["summary"] or "{}")),
            "documents": self.documents(paper_id),
            "tags": tag_map.get(("paper", paper_id), []),
            "meetings": self._all("SELECT m.id, m.date, m.name, a.position FROM agenda_items a "
                                  "JOIN meetings m ON m.id = a.meeting_id WHERE a.paper_id = ? "
                                  "ORDER BY m.date", (paper_id,)),
        }

    def audit_for(self, paper_id: int) -> list[dict[str, Any]]:
        """The audit history of a paper, oldest first."""
        return self._all("SELECT id, at, who, entity, entity_id, what, old_value, new_value "
                         "FROM audit WHERE paper_id = ? ORDER BY id", (paper_id,))

    def search(self, query: str, limit: int = 100) -> list[SearchHit]:
        """Full-text search over page text, fields and recommendations.

        Words, prefixes (``devic*``) and phrases (``"end user"``) work; anything else the
        clerk types is treated as plain words rather than raising.
        """
        expr = fts_query(query)
        if not expr:
            return []
        sql = ("SELECT r.paper_id, r.page, r.source, "
               "snippet(search_index, 0, '[', ']', '…', 12) AS snippet, "
               "fr.value AS reference, ft.value AS title, p.stored_path "
               "FROM search_index JOIN search_rows r ON r.id = search_index.rowid "
               "JOIN papers p ON p.id = r.paper_id "
               "LEFT JOIN fields fr ON fr.paper_id = r.paper_id AND fr.name = 'reference' "
               "LEFT JOIN fields ft ON ft.paper_id = r.paper_id AND ft.name = 'title' "
               "WHERE search_index MATCH ? ORDER BY search_index.rank LIMIT ?")
        try:
            cur = self.conn.execute(sql, (expr, limit))
            cols = [d[0] for d in cur.description]
            rows = [dict(zip(cols, row)) for row in cur.fetchall()]
        except sqlite3.OperationalError:
            # an expression FTS5 still rejects: search for the plain words instead
            rows = self._all(sql, (quoted_terms(query), limit))
        except sqlite3.ProgrammingError as exc:
            raise RegisterError("The register has been closed.") from exc
        return [SearchHit(paper_id=r["paper_id"], page=r["page"], source=r["source"],
                          snippet=" ".join(r["snippet"].split()), reference=r["reference"], title=r["title"],
                          stored_path=self.root / r["stored_path"]) for r in rows]

    def integrity_ok(self) -> bool:
        """True when SQLite's own integrity check passes."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _money_columns(summary_json: str | None) -> dict:
    s = json.loads(summary_json or "{}")
    return {"capital_pence": s.get("capital_pence"), "revenue_pence": s.get("revenue_pence"),
            "contracts_pence": list(s.get("contracts_pence") or []),
            "conflicts": list(s.get("conflicts") or [])}
