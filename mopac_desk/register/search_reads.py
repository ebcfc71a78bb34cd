"""Searching the register: papers ranked on the paper index, hits and snippets from the
place rows, made only for the papers shown.

The profile at 10,000 papers: ranking on the place rows (``search_index``) spent over 90 %
in bm25 over every matching page (40,000-70,000 for a common word), 75-156 ms a search.
Ranking on the paper index (one row per paper, :mod:`.paper_index`) runs bm25 once per
matching paper; a paper's places are then looked up only for the papers on screen, by
rowid ranges of that paper's rows (no bm25 there: bm25 reads the whole doclist again for
every range it is asked about, which cost more than the ranking itself).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Sequence

from . import paper_index
from .errors import RegisterError
from .queries import _paper_filter
from .search import (MARK_CLOSE, MARK_OPEN, PaperMatches, SearchHit, any_word_query, bracketed,
                     fts_query, quoted_terms, snippet_parts)
from .store import Store, _translate

# Which place of a paper is shown for it: the reference and the title first, then the other
# fields, the recommendations, and the pages in reading order (the viewer's find bar then
# steps through the rest).
_PLACE_ORDER = ("CASE WHEN r.source IN ('field:reference', 'field:title') THEN 0 "
                "WHEN r.source LIKE 'field:%' THEN 1 WHEN r.source = 'recommendation' THEN 2 "
                "ELSE 3 END")


class SearchReads(Store):
    """The register's searches (the table's, and the command line's)."""

    _first_seen_ready = False  # the SQL function below is made once per connection
    _seen: set[int]            # papers met so far in the look-up under way

    def search_papers(self, query: str, *, status: str | None = None,
                      meeting_id: int | None = None) -> PaperMatches:
        """Papers matching ``query``, best first: a paper matches when its pages, fields and
        recommendations together hold the words, ranked by bm25 on the paper index (a
        reference or title match weighs most). Hits on a meeting pack's agenda cover are
        kept apart (``covers``, search rows): the cover belongs to the pack, not to the
        paper filed first in it."""
        where, params = _paper_filter(status, meeting_id)
        # the filter's conditions, after the MATCH (the papers table joined only for them)
        also = "AND " + where.removeprefix("WHERE ") + " " if where else ""
        join = "JOIN papers p ON p.id = i.rowid " if where else ""
        rank = ("SELECT json_group_array(id) FROM (SELECT i.rowid AS id FROM paper_index i "
                f"{join}WHERE paper_index MATCH ? {also}"
                f"ORDER BY {paper_index.rank_expression()})")
        rows = self._matching(rank, query, params)
        ids = json.loads(rows[0][0]) if rows and rows[0][0] else []
        if not self._has_covers():
            return PaperMatches(ids)
        # The covers: few rows (one or two a pack), found by rowid, never ranked.
        covers = ("SELECT s.rowid FROM search_index s WHERE search_index MATCH ? AND s.rowid IN "
                  "(SELECT r.id FROM parts c JOIN search_rows r ON r.paper_id = c.paper_id "
                  "AND r.source = 'page' AND r.page BETWEEN c.first_page AND c.last_page "
                  f"JOIN papers p ON p.id = c.paper_id WHERE c.kind = 'cover' {also}) "
                  "ORDER BY s.rowid")
        return PaperMatches(ids, [r[0] for r in self._matching(covers, query, params)])

    def paper_hits(self, query: str, paper_ids: Sequence[int]) -> dict[int, SearchHit]:
        """The hit shown for each of these papers (the rows on screen), with its snippet and
        how many of the paper's places hold the words (``SearchHit.places``). A paper whose
        words are spread over several places, none holding them all, shows the first place
        with any of them. Keyed by paper id; a paper with no hit is left out."""
        if not paper_ids:
            return {}
        ranges = self._row_ranges(paper_ids)
        covers = self._has_covers()
        expr = fts_query(query)
        if not expr or not ranges:
            return {}
        try:
            found = _first_places(self._places(expr, ranges, covers, strict=True))
        except sqlite3.OperationalError:  # an expression FTS5 still rejects: the plain words
            expr = quoted_terms(query)
            found = _first_places(self._places(expr, ranges, covers))
        by_expr = {expr: found}
        rest = {p for p in paper_ids if p not in found}
        any_words = any_word_query(query)
        if rest and any_words and any_words != expr:
            by_expr[any_words] = _first_places(self._places(
                any_words, [g for g in ranges if g[0] in rest], covers))
        out: dict[int, SearchHit] = {}
        meta = self._paper_meta([pid for places in by_expr.values()
                                 for pid, (_, _, snippet) in places.items() if snippet])
        for e, places in by_expr.items():
            # the snippet came with the look-up when the shown place was the paper's first
            # match in the scan (the usual case); the others' are made now, one row each
            hits = self._snippets(e, [row for row, _, snippet in places.values()
                                      if snippet is None])
            for pid, (row, n, snippet) in places.items():
                hit = hits.get(row) if snippet is None else self._hit((row, pid, *snippet,
                                                                      *meta[pid], False))
                if hit is not None:
                    hit.places = n
                    out[pid] = hit
        return out

    def search_hits(self, query: str, row_ids: Sequence[int]) -> dict[int, SearchHit]:
        """The hits at these search rows (``PaperMatches.covers``, the command line's best
        places), with snippets: snippets are made only for what is shown."""
        if not row_ids:
            return {}
        expr = fts_query(query)
        if not expr:
            return {}
        try:
            return self._snippets(expr, row_ids, strict=True)
        except sqlite3.OperationalError:  # an expression FTS5 still rejects: the plain words
            return self._snippets(quoted_terms(query), row_ids)

    def search(self, query: str, limit: int = 100) -> list[SearchHit]:
        """Full-text search over page text, fields and recommendations: the ``limit`` best
        places by bm25, with snippets (the command line's search).

        Words, prefixes (``devic*``) and phrases (``"end user"``) work; anything else the
        clerk types is treated as plain words rather than raising.
        """
        sql = ("SELECT rowid FROM search_index WHERE search_index MATCH ? "
               "ORDER BY bm25(search_index) LIMIT ?")
        ids = [r[0] for r in self._matching(sql, query, (limit,))]
        hits = self.search_hits(query, ids)
        return [hits[i] for i in ids if i in hits]

    # -- internals ----------------------------------------------------------------------

    def _has_covers(self) -> bool:
        """Whether any paper has an agenda cover (most registers: none, and no cover test)."""
        return self._execute("SELECT 1 FROM parts WHERE kind = 'cover' LIMIT 1",
                             ()).fetchone() is not None

    def _row_ranges(self, paper_ids: Sequence[int]) -> list[tuple[int, int, int]]:
        """(paper, first row, last row) runs of these papers' search rows, a paper's fields
        and recommendations before its pages: each group was written together (the fields
        in their order, reference and title first), often one just before the other."""
        out: list[tuple[int, int, int]] = []
        for pid, lo, hi in self._execute(
                "SELECT paper_id, MIN(id), MAX(id) FROM search_rows WHERE paper_id IN "
                "(SELECT value FROM json_each(?)) GROUP BY paper_id, source = 'page' "
                "ORDER BY paper_id, source = 'page'", (json.dumps(list(paper_ids)),)).fetchall():
            if out and out[-1][0] == pid and out[-1][2] + 1 == lo:
                out[-1] = (pid, out[-1][1], hi)
            else:
                out.append((pid, lo, hi))
        return out

    def _places(self, expr: str, ranges: list[tuple[int, int, int]], covers: bool,
                strict: bool = False) -> list[tuple]:
        """(paper, row, page, tier, source, snippet or None) of every place in ``ranges``
        matching ``expr``: the snippet of each paper's first match in a range look-up."""
        if not ranges:
            return []
        if _PREFIX in expr:
            # FTS5 gathers every term a prefix names at each look-up: one scan, filtered
            lo, hi = min(g[1] for g in ranges), max(g[2] for g in ranges)
            ids = json.dumps(sorted({g[0] for g in ranges}))
            return self._run(_places_in_one_scan(covers), expr, (lo, hi, ids), strict)
        if not self._first_seen_ready:
            self.conn.create_function(_FIRST_SEEN, 1, self._first_seen)
            self._first_seen_ready = True
        self._seen = set()
        return self._run(_places_by_range(covers), expr, (json.dumps(ranges),), strict)

    def _first_seen(self, paper_id: int) -> bool:
        """True for a paper's first matching row in a look-up (SQL function): only that
        row's snippet is made during the scan."""
        if paper_id in self._seen:
            return False
        self._seen.add(paper_id)
        return True

    def _paper_meta(self, paper_ids: Sequence[int]) -> dict[int, tuple]:
        """(reference, title, stored path, file name) of these papers."""
        if not paper_ids:
            return {}
        rows = self._execute(
            "SELECT p.id, fr.value, ft.value, p.stored_path, p.file_name FROM papers p "
            "LEFT JOIN fields fr ON fr.paper_id = p.id AND fr.name = 'reference' "
            "LEFT JOIN fields ft ON ft.paper_id = p.id AND ft.name = 'title' "
            "WHERE p.id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(paper_ids)),)).fetchall()
        return {r[0]: r[1:] for r in rows}

    def _snippets(self, expr: str, row_ids: Sequence[int],
                  strict: bool = False) -> dict[int, SearchHit]:
        """The hits at these rows with their snippets (one FTS5 look-up a row, or for a
        prefix one scan over their span)."""
        if not row_ids:
            return {}
        if _PREFIX in expr:
            sql = _SNIPPETS.format(rows="rowid >= ? AND rowid <= ? AND +rowid IN "
                                        "(SELECT value FROM json_each(?))")
            params: tuple = (min(row_ids), max(row_ids), json.dumps(list(row_ids)))
        else:
            sql = _SNIPPETS.format(rows="rowid IN (SELECT value FROM json_each(?))")
            params = (json.dumps(list(row_ids)),)
        return {r[0]: self._hit(r) for r in self._run(sql, expr, params, strict)}

    def _matching(self, sql: str, query: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run ``sql`` with the FTS expression for ``query`` as its first parameter."""
        return self._matching_expr(sql, query, params)[0]

    def _matching_expr(self, sql: str, query: str,
                       params: Sequence[Any] = ()) -> tuple[list[tuple], str]:
        """The rows, and the expression they were found with: an expression FTS5 still
        rejects is searched as its plain words instead."""
        expr = fts_query(query)
        if not expr:
            return [], expr
        try:
            return self._run(sql, expr, params, strict=True), expr
        except sqlite3.OperationalError:
            words = quoted_terms(query)
            return self._run(sql, words, params), words

    def _run(self, sql: str, expr: str, params: Sequence[Any],
             strict: bool = False) -> list[tuple]:
        """Run ``sql`` with ``expr``; SQLite's errors in plain words (``strict``: an
        sqlite3.OperationalError is left for the caller to try plain words)."""
        try:
            return self.conn.execute(sql, (expr, *params)).fetchall()
        except sqlite3.ProgrammingError as exc:
            raise RegisterError("The register has been closed.") from exc
        except sqlite3.OperationalError as exc:
            if strict:
                raise
            raise _translate(exc, self.path) from exc

    def _hit(self, r: tuple) -> SearchHit:
        row_id, paper_id, page, source, snippet, reference, title, stored, file_name, cover = r
        parts = snippet_parts(snippet or "")
        return SearchHit(paper_id=paper_id, page=page, source=source, snippet=bracketed(parts),
                         reference=reference, title=title, stored_path=self.root / stored,
                         parts=parts, cover=bool(cover), file_name=file_name)


def _first_places(rows: list[tuple]) -> dict[int, tuple[int, int, tuple | None]]:
    """For each paper: its first matching place's row (see ``_PLACE_ORDER``), how many
    places match, and (page, source, snippet) when that row's snippet came with the rows."""
    best: dict[int, tuple[tuple, int]] = {}
    counts: dict[int, int] = {}
    made: dict[int, tuple[int, tuple]] = {}
    for paper_id, row_id, page, tier, source, snippet in rows:
        counts[paper_id] = counts.get(paper_id, 0) + 1
        key = (tier, page if page is not None else 0, row_id)
        if paper_id not in best or key < best[paper_id][0]:
            best[paper_id] = (key, row_id)
        if snippet is not None:
            made[paper_id] = (row_id, (page, source, snippet))
    out: dict[int, tuple[int, int, tuple | None]] = {}
    for pid, (_, row) in best.items():
        done = made.get(pid)
        out[pid] = (row, counts[pid], done[1] if done and done[0] == row else None)
    return out


_PREFIX = '"*'  # how fts_query writes a prefix term: "devic"*
_MARKED = f"search_index, 0, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 12"
_FIRST_SEEN = "mopac_first_seen"


def _cover_filter(covers: bool) -> str:
    return ("AND NOT EXISTS (SELECT 1 FROM parts c WHERE c.paper_id = r.paper_id AND "
            "c.kind = 'cover' AND r.source = 'page' AND r.page BETWEEN c.first_page AND "
            "c.last_page) " if covers else "")


def _places_by_range(covers: bool) -> str:
    """Matching places in the rowid runs of a JSON array of [paper, first, last]: one FTS5
    range look-up each, no bm25 (bm25 reads a term's whole doclist again at each look-up)."""
    return ("WITH g AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS paper_id, "
            "json_extract(value, '$[1]') AS lo, json_extract(value, '$[2]') AS hi "
            "FROM json_each(?2)) "
            "SELECT r.paper_id, r.id, r.page, " + _PLACE_ORDER + ", r.source, "
            f"CASE WHEN {_FIRST_SEEN}(r.paper_id) THEN snippet({_MARKED}) END "
            # CROSS JOIN: the runs drive, each one a rowid range of the FTS5 scan
            "FROM g CROSS JOIN search_index s ON s.rowid >= g.lo AND s.rowid <= g.hi "
            "JOIN search_rows r ON r.id = s.rowid AND r.paper_id = g.paper_id "
            "WHERE search_index MATCH ?1 " + _cover_filter(covers))


def _places_in_one_scan(covers: bool) -> str:
    """Matching places of the papers in a JSON array, in one FTS5 scan of rows ?2..?3."""
    return ("SELECT r.paper_id, r.id, r.page, " + _PLACE_ORDER + ", r.source, NULL "
            "FROM search_index s JOIN search_rows r ON r.id = s.rowid "
            "WHERE search_index MATCH ?1 AND s.rowid >= ?2 AND s.rowid <= ?3 "
            "AND +r.paper_id IN (SELECT value FROM json_each(?4)) " + _cover_filter(covers))


# Snippets for some search rows ({rows}: which), made only for those rows.
_SNIPPETS = (
    "WITH s AS MATERIALIZED (SELECT rowid AS id, snippet(" + _MARKED + ") AS snippet "
    "FROM search_index WHERE search_index MATCH ? AND {rows}) "
    "SELECT r.id, r.paper_id, r.page, r.source, s.snippet, fr.value, ft.value, "
    "p.stored_path, p.file_name, c.id IS NOT NULL "
    "FROM s JOIN search_rows r ON r.id = s.id JOIN papers p ON p.id = r.paper_id "
    "LEFT JOIN fields fr ON fr.paper_id = r.paper_id AND fr.name = 'reference' "
    "LEFT JOIN fields ft ON ft.paper_id = r.paper_id AND ft.name = 'title' "
    "LEFT JOIN parts c ON c.paper_id = r.paper_id AND c.kind = 'cover' "
    "AND r.source = 'page' AND r.page BETWEEN c.first_page AND c.last_page")
