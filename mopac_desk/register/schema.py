"""The register's tables and their migrations, keyed on ``PRAGMA user_version``.

Version 1 is the first shipped layout. Version 2 adds ``fields.extracted_value`` (what the
extraction engine last said, kept beside the clerk's value so a re-extraction can show a
disagreement without overwriting the clerk) and an index on the audit history by paper.
Before migrating an existing file a backup copy is made next to it with SQLite's backup API.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

SCHEMA_VERSION = 2

STATUSES: tuple[str, ...] = ("new", "in review", "checked", "ready for pack", "decided")
OUTCOMES: tuple[str, ...] = ("approved", "approved with amendment", "deferred", "rejected", "noted")
TAGGABLE: tuple[str, ...] = ("paper", "recommendation", "cost")
ANNOTATION_KINDS: tuple[str, ...] = ("highlight", "note")


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


V1 = f"""
CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    first_page INTEGER NOT NULL,
    last_page INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    file_pages INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    extracted_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN {_in(STATUSES)}),
    UNIQUE (sha256, first_page)
);
CREATE TABLE parts (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    first_page INTEGER NOT NULL,
    last_page INTEGER NOT NULL
);
CREATE INDEX parts_paper ON parts(paper_id);
CREATE TABLE fields (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT,
    page INTEGER,
    quote TEXT,
    rects TEXT NOT NULL DEFAULT '[]',
    confirmed INTEGER NOT NULL DEFAULT 0,
    edited_by TEXT,
    edited_at TEXT,
    UNIQUE (paper_id, name)
);
CREATE TABLE recommendations (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    part TEXT NOT NULL,
    number TEXT,
    text TEXT NOT NULL,
    action TEXT NOT NULL,
    parent_id INTEGER REFERENCES recommendations(id) ON DELETE SET NULL,
    page INTEGER,
    rects TEXT NOT NULL DEFAULT '[]',
    outcome TEXT CHECK (outcome IS NULL OR outcome IN {_in(OUTCOMES)}),
    manual INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX recommendations_paper ON recommendations(paper_id);
CREATE TABLE costs (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    amount_pence INTEGER,
    raw TEXT NOT NULL,
    kind TEXT NOT NULL,
    years TEXT NOT NULL DEFAULT '[]',
    part TEXT NOT NULL,
    page INTEGER,
    context TEXT NOT NULL DEFAULT '',
    rects TEXT NOT NULL DEFAULT '[]',
    manual INTEGER NOT NULL DEFAULT 0,
    kind_edited INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX costs_paper ON costs(paper_id, kind);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    page INTEGER,
    quote TEXT NOT NULL DEFAULT '',
    rects TEXT NOT NULL DEFAULT '[]',
    current INTEGER NOT NULL DEFAULT 1,
    dismissed INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    dismissed_by TEXT,
    dismissed_at TEXT,
    UNIQUE (paper_id, key)
);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    colour TEXT
);
CREATE TABLE tag_assignments (
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    entity TEXT NOT NULL CHECK (entity IN {_in(TAGGABLE)}),
    entity_id INTEGER NOT NULL,
    PRIMARY KEY (tag_id, entity, entity_id)
);
CREATE INDEX tag_assignments_entity ON tag_assignments(entity, entity_id);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE agenda_items (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, paper_id)
);
CREATE INDEX agenda_paper ON agenda_items(paper_id);
CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    rects TEXT NOT NULL DEFAULT '[]',
    kind TEXT NOT NULL CHECK (kind IN {_in(ANNOTATION_KINDS)}),
    text TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    colour TEXT NOT NULL DEFAULT '#ffd54f'
);
CREATE INDEX annotations_paper ON annotations(paper_id, page);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    paper_id INTEGER,
    what TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE TABLE search_rows (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    page INTEGER,
    source TEXT NOT NULL
);
CREATE INDEX search_rows_paper ON search_rows(paper_id, source);
CREATE VIRTUAL TABLE search_index USING fts5(
    body, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

V2 = """
ALTER TABLE fields ADD COLUMN extracted_value TEXT;
UPDATE fields SET extracted_value = value WHERE confirmed = 0;
CREATE INDEX audit_paper ON audit(paper_id, id);
"""

MIGRATIONS: dict[int, str] = {1: V1, 2: V2}


def backup_copy(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the open register to ``<name>.v<version>-<stamp>.bak`` beside it (backup API)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(conn: sqlite3.Connection, path: Path | None,
            on_backup: Callable[[Path], None] | None = None, target: int = SCHEMA_VERSION) -> int:
    """Bring the register up to ``target``; returns the version found before migrating.

    Each step runs in its own transaction with the new ``user_version``, so a crash leaves
    the file at a whole version. Existing non-empty files are backed up first.
    """
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise RuntimeError(
            f"This register was made by a newer version of mopac-desk (layout {found}); "
            "please update the program."
        )
    if found >= target:
        return found
    if found > 0 and path is not None:
        made = backup_copy(conn, path, found)
        if on_backup:
            on_backup(made)
    for version in range(found + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found


def _statements(script: str) -> list[str]:
    # executescript() would commit behind our back; split on the statement terminator instead.
    out, buf = [], []
    for line in script.splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf).strip())
    return out
