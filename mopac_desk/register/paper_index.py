"""The paper index: one FTS5 row per paper, for ranking papers (schema version 4).

``search_index`` holds one row per place (each page, field value and recommendation), which
is what a hit, its snippet and its page come from. Ranking 10,000 papers there meant bm25
over every matching place (40,000-70,000 pages for a common word) and grouping them by paper:
too slow for search-as-you-type. ``paper_index`` holds each paper once (rowid = paper id)
in three columns, so bm25 runs once per matching paper and a reference or title match can
weigh more than a mention on a page:

* ``heading``: the reference and the title;
* ``items``: the other field values and the recommendations;
* ``pages``: the paper's page text, without a meeting pack's agenda cover (the cover is the
  pack's, not the first paper's; cover hits are found on their page rows).

It is derived data, rebuilt for a paper from its ``search_index`` rows whenever they change
(:meth:`~mopac_desk.register.store.Store._tx` does it once per paper before the commit), so
the two cannot disagree. The text is stored (an FTS5 table with content): a contentless
table would save the copy but cannot delete a row by rowid on SQLite before 3.43.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

#: bm25 weights of heading, items and pages: a word in the reference or title counts as
#: ten mentions on a page, one in a recommendation or another field as three.
WEIGHTS = (10.0, 3.0, 1.0)

DDL = """
CREATE VIRTUAL TABLE paper_index USING fts5(
    heading, items, pages, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

_HEADING = "('field:reference', 'field:title')"

# The text of each paper in ``ids`` (a JSON array), column by column, from its place rows.
_ROWS = f"""
SELECT p.id AS id,
  (SELECT group_concat(i.body, ' ') FROM search_rows r JOIN search_index i ON i.rowid = r.id
     WHERE r.paper_id = p.id AND r.source IN {_HEADING}) AS heading,
  (SELECT group_concat(i.body, ' ') FROM search_rows r JOIN search_index i ON i.rowid = r.id
     WHERE r.paper_id = p.id AND r.source != 'page' AND r.source NOT IN {_HEADING}) AS items,
  (SELECT group_concat(body, ' ') FROM (
     SELECT i.body FROM search_rows r JOIN search_index i ON i.rowid = r.id
     WHERE r.paper_id = p.id AND r.source = 'page' AND NOT EXISTS (
       SELECT 1 FROM parts c WHERE c.paper_id = p.id AND c.kind = 'cover'
         AND r.page BETWEEN c.first_page AND c.last_page)
     ORDER BY r.page, r.id)) AS pages
FROM papers p
"""


def reindex(conn: sqlite3.Connection, paper_ids: Iterable[int]) -> None:
    """Rewrite the paper index rows of these papers from their place rows (a paper no
    longer in the register loses its row). Runs inside the caller's transaction."""
    # One rowid at a time: FTS5 does not look a rowid up for ``rowid IN (subquery)``, it
    # walks the whole index (1.1 ms a paper at 30,000 rows, against 0.03 ms by rowid).
    ids = [(i,) for i in sorted(set(paper_ids))]
    conn.executemany("DELETE FROM paper_index WHERE rowid = ?", ids)
    conn.executemany("INSERT INTO paper_index (rowid, heading, items, pages) "
                     + _ROWS + "WHERE p.id = ?", ids)


def rebuild(conn: sqlite3.Connection) -> None:
    """Index every paper afresh (the migration to version 4)."""
    conn.execute("DELETE FROM paper_index")
    conn.execute("INSERT INTO paper_index (rowid, heading, items, pages) " + _ROWS)


def stale_papers(conn: sqlite3.Connection) -> list[int]:
    """Papers whose paper index row is missing or says other than their place rows, and
    rows left for papers no longer there (empty when the two indexes agree)."""
    rows = conn.execute(
        f"SELECT x.id FROM ({_ROWS}) x LEFT JOIN paper_index i ON i.rowid = x.id "
        "WHERE i.rowid IS NULL OR i.heading IS NOT x.heading OR i.items IS NOT x.items "
        "OR i.pages IS NOT x.pages UNION SELECT rowid FROM paper_index "
        "WHERE rowid NOT IN (SELECT id FROM papers) ORDER BY 1").fetchall()
    return [r[0] for r in rows]


def rank_expression(table: str = "paper_index") -> str:
    """The bm25 call that ranks papers, with :data:`WEIGHTS`."""
    return f"bm25({table}, {', '.join(str(w) for w in WEIGHTS)})"
