"""Reading the register: the papers table, one paper whole, its history, search."""

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
from .search import (MARK_CLOSE, MARK_OPEN, PaperMatches, SearchHit, bracketed, fts_query,
                     quoted_terms, snippet_parts)
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
        return self._summaries(("WHERE " + " AND ".join(where)) if where else "", params)

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

    def search_papers(self, query: str, *, status: str | None = None,
                      meeting_id: int | None = None) -> PaperMatches:
        """Papers matching ``query``, best first by FTS5's bm25 over every place that matched
        (pages, fields, recommendations). Hits on a meeting pack's agenda cover are kept
        apart (``covers``): the cover belongs to the pack, not to the paper filed first."""
        where, params = _paper_filter(status, meeting_id)
        # The profile: bm25 over every matching place is most of the time; joins cost per
        # place too, so the papers (filters) and the covers (packs) are joined only when
        # the search needs them.
        papers = "JOIN papers p ON p.id = r.paper_id " if where else ""
        has_covers = self.conn.execute(
            "SELECT 1 FROM parts WHERE kind = 'cover' LIMIT 1").fetchone() is not None
        covers = ("c.id IS NOT NULL AS cover FROM m JOIN search_rows r ON r.id = m.id "
                  "LEFT JOIN parts c ON c.paper_id = r.paper_id AND c.kind = 'cover' "
                  "AND r.source = 'page' AND r.page BETWEEN c.first_page AND c.last_page "
                  if has_covers else "0 AS cover FROM m JOIN search_rows r ON r.id = m.id ")
        sql = ("WITH m AS MATERIALIZED (SELECT rowid AS id, bm25(search_index) AS score "
               "FROM search_index WHERE search_index MATCH ?) "
               "SELECT r.paper_id, r.id AS row_id, MIN(m.score) AS best, COUNT(*) AS n, "
               f"{covers}{papers}{where} GROUP BY r.paper_id, cover ORDER BY best, r.paper_id")
        rows = self._matching(sql, query, params)
        matches = PaperMatches([], {})
        for paper_id, row_id, _best, n, cover in rows:
            if cover:
                matches.covers.append(row_id)
            else:
                matches.paper_ids.append(paper_id)
                matches.hits[paper_id] = n
                matches.best_rows[paper_id] = row_id
        return matches

    def search_hits(self, query: str, row_ids: Sequence[int]) -> dict[int, SearchHit]:
        """The hits at these search rows (``PaperMatches.best_rows`` of the rows shown,
        ``covers``), with snippets: snippets are made only for what the view shows."""
        if not row_ids:
            return {}
        sql = ("WITH s AS MATERIALIZED (SELECT rowid AS id, snippet(search_index, 0, "
               f"'{MARK_OPEN}', '{MARK_CLOSE}', '…', 12) AS snippet FROM search_index "
               "WHERE search_index MATCH ? AND rowid IN (SELECT value FROM json_each(?))) "
               + _HIT_COLUMNS + "FROM s JOIN search_rows r ON r.id = s.id " + _HIT_JOINS)
        rows = self._matching(sql, query, (_json(list(row_ids)),), first=True)
        return {r[0]: self._hit(r) for r in rows}

    def search(self, query: str, limit: int = 100) -> list[SearchHit]:
        """Full-text search over page text, fields and recommendations, best first (bm25).

        Words, prefixes (``devic*``) and phrases (``"end user"``) work; anything else the
        clerk types is treated as plain words rather than raising. Snippets are made for
        the ``limit`` best places only.
        """
        sql = ("SELECT rowid FROM search_index WHERE search_index MATCH ? "
               "ORDER BY bm25(search_index) LIMIT ?")
        ids = [r[0] for r in self._matching(sql, query, (limit,))]
        hits = self.search_hits(query, ids)
        return [hits[i] for i in ids if i in hits]

    def _matching(self, sql: str, query: str, params: Sequence[Any] = (),
                  first: bool = False) -> list[tuple]:
        """Run ``sql`` with the FTS expression for ``query`` as its first parameter."""
        expr = fts_query(query)
        if not expr:
            return []
        try:
            try:
                return self.conn.execute(sql, (expr, *params)).fetchall()
            except sqlite3.OperationalError:
                # an expression FTS5 still rejects: search for the plain words instead
                return self.conn.execute(sql, (quoted_terms(query), *params)).fetchall()
        except sqlite3.ProgrammingError as exc:
            raise RegisterError("The register has been closed.") from exc

    def _hit(self, r: tuple) -> SearchHit:
        row_id, paper_id, page, source, snippet, reference, title, stored, file_name, cover = r
        parts = snippet_parts(snippet or "")
        return SearchHit(paper_id=paper_id, page=page, source=source, snippet=bracketed(parts),
                         reference=reference, title=title, stored_path=self.root / stored,
                         parts=parts, cover=bool(cover), file_name=file_name)

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

_HIT_COLUMNS = ("SELECT r.id, r.paper_id, r.page, r.source, s.snippet, fr.value, ft.value, "
                "p.stored_path, p.file_name, c.id IS NOT NULL ")
_HIT_JOINS = ("JOIN papers p ON p.id = r.paper_id "
              "LEFT JOIN fields fr ON fr.paper_id = r.paper_id AND fr.name = 'reference' "
              "LEFT JOIN fields ft ON ft.paper_id = r.paper_id AND ft.name = 'title' "
              "LEFT JOIN parts c ON c.paper_id = r.paper_id AND c.kind = 'cover' "
              "AND r.source = 'page' AND r.page BETWEEN c.first_page AND c.last_page")


def _paper_filter(status: str | None, meeting_id: int | None) -> tuple[str, list[Any]]:
    where, params = [], []
    if status is not None:
        where.append("p.status = ?")
        params.append(status)
    if meeting_id is not None:
        where.append("p.id IN (SELECT paper_id FROM agenda_items WHERE meeting_id = ?)")
        params.append(meeting_id)
    return ("WHERE " + " AND ".join(where)) if where else "", params
