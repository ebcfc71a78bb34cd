"""The data half of migration 3: papers become decisions, and their money is summarised.

Before version 3 every file (and every paper inside a meeting pack) was its own row, so one
reference could stand several times. Rows of one reference become one paper: the row with
the most clerk work is kept (ties: the oldest); the others' files become its documents
(a copy when their indexed text is the kept one's, else an older or newer version), their
agenda places, annotations and paper tags move to it, and the audit history says so. Then
every paper's financial summary is computed by the one rule.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from .matching import reference_key
from .money import summary_of


def _rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict]:
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _page_text(conn: sqlite3.Connection, paper_id: int) -> str:
    rows = conn.execute(
        "SELECT i.body FROM search_rows r JOIN search_index i ON i.rowid = r.id "
        "WHERE r.paper_id = ? AND r.source = 'page' ORDER BY r.page", (paper_id,)).fetchall()
    return " ".join(" ".join(r[0].split()) for r in rows).casefold()


def merge_duplicate_references(conn: sqlite3.Connection) -> int:
    """Merge rows that share a reference into one paper each; returns how many went."""
    groups: dict[str, list[int]] = {}
    for r in _rows(conn, "SELECT paper_id, value FROM fields WHERE name = 'reference' "
                         "AND value IS NOT NULL ORDER BY paper_id"):
        key = reference_key(r["value"])
        if key:
            groups.setdefault(key, []).append(r["paper_id"])
    merged = 0
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for ids in groups.values():
        if len(ids) < 2:
            continue
        work = {pid: conn.execute("SELECT COUNT(*) FROM audit WHERE paper_id = ? AND what NOT IN "
                                  "('imported', 're-extracted')", (pid,)).fetchone()[0]
                for pid in ids}
        keep = sorted(ids, key=lambda pid: (-work[pid], pid))[0]
        kept_text = _page_text(conn, keep)
        for pid in ids:
            if pid == keep:
                continue
            role = "copy" if _page_text(conn, pid) == kept_text else "version"
            conn.execute("UPDATE documents SET paper_id = ?, role = ?, current = 0, version = "
                         "CASE WHEN ? = 'copy' THEN 1 ELSE (SELECT COALESCE(MAX(version), 1) "
                         "+ 1 FROM documents WHERE paper_id = ?) END WHERE paper_id = ?",
                         (keep, role, role, keep, pid))
            conn.execute("INSERT OR IGNORE INTO agenda_items (meeting_id, paper_id, position) "
                         "SELECT meeting_id, ?, position FROM agenda_items WHERE paper_id = ?",
                         (keep, pid))
            conn.execute("UPDATE annotations SET paper_id = ? WHERE paper_id = ?", (keep, pid))
            conn.execute("INSERT OR IGNORE INTO tag_assignments (tag_id, entity, entity_id) "
                         "SELECT tag_id, 'paper', ? FROM tag_assignments WHERE entity = 'paper' "
                         "AND entity_id = ?", (keep, pid))
            conn.execute("DELETE FROM tag_assignments WHERE entity = 'paper' AND entity_id = ?",
                         (pid,))
            conn.execute("DELETE FROM papers WHERE id = ?", (pid,))
            conn.execute("INSERT INTO audit (at, who, entity, entity_id, paper_id, what, "
                         "old_value, new_value) VALUES (?, 'mopac-desk', 'paper', ?, ?, "
                         "'merged a duplicate row of the same reference', ?, ?)",
                         (now, keep, keep, str(pid), role))
            merged += 1
    return merged


def summarise_all(conn: sqlite3.Connection) -> None:
    """Store every paper's financial summary."""
    for (pid,) in conn.execute("SELECT id FROM papers").fetchall():
        rows = _rows(conn, "SELECT * FROM costs WHERE paper_id = ? ORDER BY position, id",
                     (pid,))
        conn.execute("UPDATE papers SET summary = ? WHERE id = ?",
                     (json.dumps(summary_of(rows).to_dict(), separators=(",", ":")), pid))


def key_references(conn: sqlite3.Connection) -> None:
    """Store each paper's reference as it is matched (an index finds a paper's copies)."""
    for r in _rows(conn, "SELECT paper_id, value FROM fields WHERE name = 'reference'"):
        conn.execute("UPDATE papers SET reference_key = ? WHERE id = ?",
                     (reference_key(r["value"]), r["paper_id"]))


def run(conn: sqlite3.Connection) -> None:
    """The data steps, inside migration 3's transaction."""
    merge_duplicate_references(conn)
    key_references(conn)
    summarise_all(conn)
