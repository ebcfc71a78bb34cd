"""The data half of migration 4: every paper gets its row in the paper index.

Version 4 adds ``paper_index`` (one FTS5 row per paper, see :mod:`.paper_index`) for ranking
papers, and an index on ``parts.kind`` so a search finds meeting packs' agenda covers
without reading every part. The rows are built from the place rows a version-3 register
already holds (``search_rows`` + ``search_index``): nothing is re-read from the PDFs.
"""

from __future__ import annotations

import sqlite3

from . import paper_index


def run(conn: sqlite3.Connection) -> None:
    """The data step, inside migration 4's transaction."""
    paper_index.rebuild(conn)
