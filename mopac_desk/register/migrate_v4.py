"""The data half of migration 4: every paper gets its row in the paper index.

Version 4 adds ``paper_index`` (one FTS5 row per paper, see :mod:`.paper_index`) for ranking
papers, and an index on ``parts.kind`` so a search finds meeting packs' agenda covers
without reading every part. The rows are built from the place rows a version-3 register
already holds (``search_rows`` + ``search_index``): nothing is re-read from the PDFs. The
place index is merged into one segment while at it (FTS5 ``optimize``, about a second at
10,000 papers): years of one-file imports leave it in many, and a search looks each shown
paper's places up in every segment (30 % of that look-up at 10,000 papers).
"""

from __future__ import annotations

import sqlite3

from . import paper_index


def run(conn: sqlite3.Connection) -> None:
    """The data step, inside migration 4's transaction."""
    paper_index.rebuild(conn)
    conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
