"""The register's tables and their migrations, keyed on ``PRAGMA user_version``.

Version 1 is the first shipped layout. Version 2 adds ``fields.extracted_value`` (what the
extraction engine last said, kept beside the clerk's value so a re-extraction can show a
disagreement without overwriting the clerk) and an index on the audit history by paper.
Version 3 makes the paper (one decision, known by its reference) the unit: ``documents`` lists
the files a paper arrived in (the original, copies with the same text, versions with revised
text; ``papers``' own file columns describe the current one), duplicate rows of one reference
become one paper, annotations carry what a reviewer's comment needs (kind, quote, replies,
review status, privacy, the PDF's own name for it), and items changed by a new version are
marked for review. Version 4 adds ``paper_index``, one FTS5 row per paper for ranking papers
(:mod:`.paper_index`), built from the place rows already there. Before migrating an existing
file a backup copy is made next to it with SQLite's backup API.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..whole_file import writing_whole
from . import migrate_v3, migrate_v4, paper_index

SCHEMA_VERSION = 4

STATUSES: tuple[str, ...] = ("new", "in review", "checked", "ready for pack", "decided")
OUTCOMES: tuple[str, ...] = ("approved", "approved with amendment", "deferred", "rejected", "noted")
TAGGABLE: tuple[str, ...] = ("paper", "recommendation", "cost", "annotation")
ANNOTATION_KINDS: tuple[str, ...] = (
    "highlight", "underline", "strikeout", "note", "area", "textbox", "insert", "ink", "reply",
)
REVIEW_STATUSES: tuple[str, ...] = ("none", "accepted", "rejected", "cancelled", "completed")
DOCUMENT_ROLES: tuple[str, ...] = ("original", "copy", "version")


# What version 1 allowed (its table definitions stay exactly as they were shipped).
_V1_TAGGABLE = ("paper", "recommendation", "cost")
_V1_ANNOTATION_KINDS = ("highlight", "note")


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
    entity TEXT NOT NULL CHECK (entity IN {_in(_V1_TAGGABLE)}),
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
    kind TEXT NOT NULL CHECK (kind IN {_in(_V1_ANNOTATION_KINDS)}),
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

V3 = f"""
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    first_page INTEGER NOT NULL,
    last_page INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    file_pages INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN {_in(DOCUMENT_ROLES)}),
    version INTEGER NOT NULL DEFAULT 1,
    current INTEGER NOT NULL DEFAULT 0,
    repaired INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL DEFAULT '',
    own_first_page INTEGER,
    UNIQUE (sha256, first_page)
);
CREATE INDEX documents_paper ON documents(paper_id, version);
INSERT INTO documents (paper_id, sha256, first_page, last_page, file_name, stored_path,
    file_pages, imported_at, role, version, current)
    SELECT id, sha256, first_page, last_page, file_name, stored_path, file_pages, imported_at,
           'original', 1, 1 FROM papers;
CREATE TABLE annotations_v3 (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    parent_id INTEGER REFERENCES annotations(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN {_in(ANNOTATION_KINDS)}),
    rects TEXT NOT NULL DEFAULT '[]',
    ink TEXT NOT NULL DEFAULT '[]',
    contents TEXT NOT NULL DEFAULT '',
    quote TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    colour TEXT NOT NULL DEFAULT '#ffd54f',
    status TEXT NOT NULL DEFAULT 'none' CHECK (status IN {_in(REVIEW_STATUSES)}),
    private INTEGER NOT NULL DEFAULT 0,
    pdf_name TEXT,
    origin TEXT NOT NULL DEFAULT 'register' CHECK (origin IN ('register', 'imported')),
    needs_anchor INTEGER NOT NULL DEFAULT 0
);
INSERT INTO annotations_v3 (id, paper_id, document_id, page, kind, rects, contents, author,
    created_at, modified_at, colour)
    SELECT a.id, a.paper_id, d.id, a.page, a.kind, a.rects, a.text, a.author, a.created_at,
           a.created_at, a.colour
    FROM annotations a LEFT JOIN documents d ON d.paper_id = a.paper_id;
DROP TABLE annotations;
ALTER TABLE annotations_v3 RENAME TO annotations;
CREATE INDEX annotations_paper ON annotations(paper_id, page);
CREATE INDEX annotations_parent ON annotations(parent_id);
CREATE UNIQUE INDEX annotations_pdf_name ON annotations(paper_id, pdf_name)
    WHERE pdf_name IS NOT NULL;
CREATE TABLE tag_assignments_v3 (
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    entity TEXT NOT NULL CHECK (entity IN {_in(TAGGABLE)}),
    entity_id INTEGER NOT NULL,
    PRIMARY KEY (tag_id, entity, entity_id)
);
INSERT INTO tag_assignments_v3 SELECT * FROM tag_assignments;
DROP TABLE tag_assignments;
ALTER TABLE tag_assignments_v3 RENAME TO tag_assignments;
CREATE INDEX tag_assignments_entity ON tag_assignments(entity, entity_id);
ALTER TABLE recommendations ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE costs ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE papers ADD COLUMN money_choices TEXT NOT NULL DEFAULT '{{}}';
ALTER TABLE papers ADD COLUMN summary TEXT NOT NULL DEFAULT '{{}}';
CREATE TABLE ocr_pages (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    reading TEXT NOT NULL,
    PRIMARY KEY (document_id, page)
);
ALTER TABLE papers ADD COLUMN reference_key TEXT;
CREATE INDEX papers_reference_key ON papers(reference_key);
ALTER TABLE costs ADD COLUMN role TEXT NOT NULL DEFAULT 'ask';
ALTER TABLE costs ADD COLUMN basis TEXT NOT NULL DEFAULT 'whole';
ALTER TABLE costs ADD COLUMN period_years INTEGER;
ALTER TABLE costs ADD COLUMN whole_pence INTEGER;
ALTER TABLE costs ADD COLUMN in_recommendation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE costs ADD COLUMN funded_from TEXT;
ALTER TABLE costs ADD COLUMN headroom_pence INTEGER;
ALTER TABLE costs ADD COLUMN confidence REAL;
ALTER TABLE recommendations ADD COLUMN confidence REAL;
ALTER TABLE fields ADD COLUMN confidence REAL;
"""

V4 = paper_index.DDL + """
CREATE INDEX parts_kind ON parts(kind);
"""

MIGRATIONS: dict[int, str] = {1: V1, 2: V2, 3: V3, 4: V4}
# Steps that need more than SQL, run after their version's statements in the same transaction.
DATA_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {3: migrate_v3.run,
                                                               4: migrate_v4.run}


def backup_copy(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the open register to ``<name>.v<version>-<stamp>.bak`` beside it (backup API)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    # A backup cut short (a full disk, a kill) must not look like a whole one beside the file.
    with writing_whole(target, what="The register's backup", suffix=".bak.part",
                       fsync=True) as part:
        dest = sqlite3.connect(str(part))
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
            if version in DATA_STEPS:
                DATA_STEPS[version](conn)
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
