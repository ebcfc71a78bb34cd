"""Register: the clerk's local SQLite register, and the only code that writes SQL.

One file in WAL mode with foreign keys on and a busy timeout. Every clerk action is one
``BEGIN IMMEDIATE`` transaction that also writes an audit row, and returns the
:class:`Change` records it made so views can refresh just what changed.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import sqlite_utils

from ..extract.dates import parse_date
from ..extract.model import (
    COST_KINDS, DATE_FIELDS, FIELD_NAMES, UNCOUNTED_KINDS, Extraction, Paper,
)
from . import schema
from .errors import NotFoundError, RegisterBusyError, RegisterError, RegisterUnreadableError
from .search import SearchHit, fts_query, quoted_terms

BUSY_TIMEOUT_S = 5.0


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else _json(value)


def finding_key(code: str, quote: str) -> str:
    """A stable key for a finding: its rule and the words it quotes (not its page or order)."""
    norm = " ".join(quote.split()).lower()
    return f"{code}:{hashlib.sha1(norm.encode('utf-8')).hexdigest()[:12]}"


@dataclass(frozen=True)
class Change:
    """One thing a clerk action changed (also what the audit row says)."""

    entity: str
    entity_id: int | None
    paper_id: int | None
    what: str
    old: Any = None
    new: Any = None


@dataclass
class PaperSummary:
    """A row of the register table."""

    id: int
    reference: str | None
    title: str | None
    file_name: str
    stored_path: Path
    first_page: int
    last_page: int
    status: str
    meeting_id: int | None
    meeting: str | None
    decision_required_by: str | None
    totals: dict[str, int]
    recommendations: int
    open_checks: int
    imported_at: str

    @property
    def capital_pence(self) -> int:
        return self.totals.get("capital", 0)

    @property
    def revenue_pence(self) -> int:
        return self.totals.get("revenue", 0)

    @property
    def label(self) -> str:
        return self.reference or self.title or self.file_name


@dataclass
class ImportedPaper:
    """A paper written by :meth:`Register.add_extraction`."""

    id: int
    reference: str | None
    first_page: int
    title: str | None = None


class Register:
    """A register file. Open with ``Register(path)``; use one instance per thread.

    ``user`` is who the audit history names when an action passes no ``who``.
    """

    def __init__(self, path: str | Path, user: str | None = None,
                 busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = Path(path).resolve()
        self.root = self.path.parent
        self.user = user or _default_user()
        self.backup_made: Path | None = None
        self._lock = threading.RLock()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=busy_timeout, isolation_level=None,
                                   check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise RegisterUnreadableError(
                f"The register {self.path.name} cannot be opened ({_plain(exc)})."
            ) from exc
        self.conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise RegisterBusyError(_BUSY)
            conn.execute("PRAGMA foreign_keys = ON")
            # FULL: a committed edit survives a power cut too ("never lose a keystroke")
            conn.execute("PRAGMA synchronous = FULL")
            schema.migrate(conn, self.path, on_backup=self._note_backup)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _translate(exc, self.path) from exc
        except RuntimeError as exc:
            conn.close()
            raise RegisterUnreadableError(str(exc)) from exc
        except RegisterError:
            conn.close()
            raise
        self.db = sqlite_utils.Database(conn)
        self._listeners: list[Callable[[list[Change]], None]] = []

    def add_listener(self, listener: Callable[[list[Change]], None]) -> None:
        """Call ``listener(changes)`` after every committed action made through this
        instance (on the thread that made it), so every view can refresh what changed."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[list[Change]], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _note_backup(self, path: Path) -> None:
        self.backup_made = path

    def close(self) -> None:
        """Close the connection (the register stays consistent at any point anyway)."""
        self._listeners.clear()
        self.conn.close()

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _tx(self) -> Iterator[list[Change]]:
        """One write transaction; yields the list its audit rows are collected in."""
        with self._lock:
            changes: list[Change] = []
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                raise _translate(exc, self.path) from exc
            try:
                yield changes
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        if changes:
            for listener in list(self._listeners):
                listener(changes)

    def _audit(self, changes: list[Change], who: str | None, change: Change) -> None:
        self.db["audit"].insert({
            "at": _now(), "who": who or self.user, "entity": change.entity,
            "entity_id": change.entity_id, "paper_id": change.paper_id, "what": change.what,
            "old_value": _text(change.old), "new_value": _text(change.new),
        })
        changes.append(change)

    def _execute(self, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.ProgrammingError as exc:
            if "closed" in str(exc):
                raise RegisterError("The register has been closed.") from exc
            raise
        except sqlite3.DatabaseError as exc:
            if self.conn.in_transaction:
                raise  # _tx translates it after rolling back
            raise _translate(exc, self.path) from exc

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        cur = self._execute(sql, params)
        cols = [d[0] for d in cur.description]
        row = cur.fetchone()
        return dict(zip(cols, row)) if row else None

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def _need(self, table: str, row_id: int, what: str) -> dict[str, Any]:
        row = self._one(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        if row is None:
            raise NotFoundError(f"There is no {what} number {row_id} in the register.")
        return row

    # -- import -----------------------------------------------------------------------------

    def find_file(self, sha256: str) -> list[ImportedPaper]:
        """The papers already in the register from a file with this hash (empty if none)."""
        with self._lock:  # the importer's writer thread may be using this connection
            rows = self._all(
                "SELECT p.id, p.first_page, f.value AS reference, t.value AS title "
                "FROM papers p LEFT JOIN fields f ON f.paper_id = p.id AND f.name = 'reference' "
                "LEFT JOIN fields t ON t.paper_id = p.id AND t.name = 'title' "
                "WHERE p.sha256 = ? ORDER BY p.first_page", (sha256,))
        return [ImportedPaper(r["id"], r["reference"], r["first_page"], r["title"])
                for r in rows]

    def add_extraction(self, extraction: Extraction, stored_path: str,
                       page_texts: Sequence[str] = (), who: str | None = None,
                       meeting_id: int | None = None) -> list[ImportedPaper]:
        """Write every paper of one extracted file in ONE transaction (all or nothing).

        ``stored_path`` is the copy's path relative to the register folder; ``page_texts[i]``
        is the text of file page ``i + 1`` for the search index. Papers already present
        (same hash and first page) are skipped.
        """
        added: list[ImportedPaper] = []
        papers = extraction.papers or [Paper(first_page=1, last_page=max(extraction.pages, 1))]
        with self._tx() as changes:
            for paper in papers:
                exists = self._one("SELECT id FROM papers WHERE sha256 = ? AND first_page = ?",
                                   (extraction.sha256, paper.first_page))
                if exists:
                    continue
                now = _now()
                paper_id = self.db["papers"].insert({
                    "sha256": extraction.sha256, "first_page": paper.first_page,
                    "last_page": paper.last_page, "file_name": extraction.name,
                    "stored_path": stored_path, "file_pages": extraction.pages,
                    "imported_at": now, "extracted_at": now, "status": "new",
                }).last_pk
                self._write_paper_content(paper_id, paper)
                for page in range(paper.first_page, paper.last_page + 1):
                    if 0 < page <= len(page_texts) and page_texts[page - 1].strip():
                        self._index(paper_id, page, "page", page_texts[page - 1])
                ref = paper.value("reference")
                if meeting_id is not None:
                    self._append_agenda(meeting_id, paper_id)
                self._audit(changes, who, Change("paper", paper_id, paper_id, "imported", None,
                                                 ref or extraction.name))
                added.append(ImportedPaper(paper_id, ref, paper.first_page,
                                           paper.value("title")))
        return added

    def _write_paper_content(self, paper_id: int, paper: Paper) -> None:
        self.db["parts"].insert_all(
            [{"paper_id": paper_id, "kind": p.kind, "first_page": p.first_page,
              "last_page": p.last_page} for p in paper.parts])
        for name in FIELD_NAMES:
            fv = paper.fields.get(name)
            self.db["fields"].insert({
                "paper_id": paper_id, "name": name,
                "value": fv.value if fv else None, "extracted_value": fv.value if fv else None,
                "page": fv.page if fv else None, "quote": fv.quote if fv else None,
                "rects": _json(fv.rects if fv else []), "confirmed": 0,
            })
        self._insert_recommendations(paper_id, paper, start=0)
        self.db["costs"].insert_all([
            {"paper_id": paper_id, "position": i, "amount_pence": c.amount_pence, "raw": c.raw,
             "kind": c.kind, "years": _json(c.years), "part": c.part, "page": c.page,
             "context": c.context, "rects": _json(c.rects)}
            for i, c in enumerate(paper.costs)])
        self._write_findings(paper_id, paper)
        self._reindex_paper_items(paper_id)

    def _insert_recommendations(self, paper_id: int, paper: Paper, start: int,
                                only: set[int] | None = None) -> dict[int, int]:
        ids: dict[int, int] = {}
        for i, r in enumerate(paper.recommendations):
            if only is not None and i not in only:
                continue
            parent = ids.get(r.parent) if r.parent is not None else None
            ids[i] = self.db["recommendations"].insert({
                "paper_id": paper_id, "position": start + i, "part": r.part, "number": r.number,
                "text": r.text, "action": r.action, "parent_id": parent, "page": r.page,
                "rects": _json(r.rects), "outcome": None, "manual": 0,
            }).last_pk
        return ids

    def _write_findings(self, paper_id: int, paper: Paper) -> None:
        # A dismissal is keyed by rule + quoted words, so it survives re-extraction.
        self.conn.execute("UPDATE findings SET current = 0 WHERE paper_id = ?", (paper_id,))
        seen: dict[str, int] = {}
        for f in paper.checks:
            key = finding_key(f.code, f.quote)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}#{seen[key]}"
            self.conn.execute(
                "INSERT INTO findings (paper_id, key, code, severity, message, page, quote, "
                "rects, current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) "
                "ON CONFLICT (paper_id, key) DO UPDATE SET code = excluded.code, "
                "severity = excluded.severity, message = excluded.message, "
                "page = excluded.page, quote = excluded.quote, rects = excluded.rects, current = 1",
                (paper_id, key, f.code, f.severity, f.message, f.page, f.quote, _json(f.rects)))

    def _index(self, paper_id: int, page: int | None, source: str, body: str) -> None:
        row_id = self.conn.execute(
            "INSERT INTO search_rows (paper_id, page, source) VALUES (?, ?, ?)",
            (paper_id, page, source)).lastrowid
        self.conn.execute("INSERT INTO search_index (rowid, body) VALUES (?, ?)", (row_id, body))

    def _reindex_paper_items(self, paper_id: int) -> None:
        """Rebuild the search rows for a paper's fields and recommendations (not its pages)."""
        self.conn.execute(
            "DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_rows "
            "WHERE paper_id = ? AND source != 'page')", (paper_id,))
        self.conn.execute("DELETE FROM search_rows WHERE paper_id = ? AND source != 'page'",
                          (paper_id,))
        for r in self._all("SELECT name, value, page FROM fields WHERE paper_id = ? "
                           "AND value IS NOT NULL AND value != ''", (paper_id,)):
            self._index(paper_id, r["page"], f"field:{r['name']}", r["value"])
        for r in self._all("SELECT text, page FROM recommendations WHERE paper_id = ?",
                           (paper_id,)):
            self._index(paper_id, r["page"], "recommendation", r["text"])

    def reextract(self, paper_id: int, paper: Paper, who: str | None = None) -> list[Change]:
        """Apply a fresh extraction of a paper; clerk-confirmed or edited values always win.

        Fields the clerk confirmed keep their value (the engine's new reading is kept in
        ``extracted_value``); recommendations and costs are matched to the old ones so their
        ids, outcomes, tags and clerk-chosen kinds survive; manual items are never touched.
        """
        self._need("papers", paper_id, "paper")
        with self._tx() as changes:
            old_fields = {r["name"]: r for r in self._all(
                "SELECT * FROM fields WHERE paper_id = ?", (paper_id,))}
            for name in FIELD_NAMES:
                fv = paper.fields.get(name)
                new_value = fv.value if fv else None
                old = old_fields.get(name)
                if old and old["confirmed"]:
                    if old["extracted_value"] != new_value:
                        self.conn.execute("UPDATE fields SET extracted_value = ? WHERE id = ?",
                                          (new_value, old["id"]))
                        if new_value != old["value"]:
                            self._audit(changes, who, Change(
                                "field", old["id"], paper_id,
                                f"re-extraction of {name} kept the clerk's value",
                                new_value, old["value"]))
                    continue
                row = {"paper_id": paper_id, "name": name, "value": new_value,
                       "extracted_value": new_value, "page": fv.page if fv else None,
                       "quote": fv.quote if fv else None, "rects": _json(fv.rects if fv else [])}
                if old is None:
                    self.db["fields"].insert(row)
                else:
                    self.db["fields"].update(old["id"], row)
                if (old["value"] if old else None) != new_value:
                    self._audit(changes, who, Change(
                        "field", old["id"] if old else None, paper_id,
                        f"re-extraction changed {name}", old["value"] if old else None,
                        new_value))
            self._reextract_recommendations(paper_id, paper, who, changes)
            self._reextract_costs(paper_id, paper, who, changes)
            self._write_findings(paper_id, paper)
            self.conn.execute("UPDATE papers SET extracted_at = ? WHERE id = ?",
                              (_now(), paper_id))
            self._reindex_paper_items(paper_id)
            self._audit(changes, who, Change("paper", paper_id, paper_id, "re-extracted"))
        return changes

    def _reextract_recommendations(self, paper_id: int, paper: Paper, who: str | None,
                                   changes: list[Change]) -> None:
        old = self._all("SELECT * FROM recommendations WHERE paper_id = ? AND manual = 0 "
                        "ORDER BY position", (paper_id,))
        by_key = {(r["part"], r["number"], " ".join(r["text"].split())): r for r in old}
        matched: set[int] = set()
        new_ids: dict[int, int] = {}
        for i, r in enumerate(paper.recommendations):
            hit = by_key.get((r.part, r.number, " ".join(r.text.split())))
            if hit and hit["id"] not in matched:
                matched.add(hit["id"])
                new_ids[i] = hit["id"]
                self.conn.execute(
                    "UPDATE recommendations SET position = ?, page = ?, rects = ?, action = ? "
                    "WHERE id = ?", (i, r.page, _json(r.rects), r.action, hit["id"]))
        for r in old:
            if r["id"] not in matched:
                self._delete_tags("recommendation", [r["id"]])
                self.conn.execute("DELETE FROM recommendations WHERE id = ?", (r["id"],))
                self._audit(changes, who, Change("recommendation", r["id"], paper_id,
                                                 "re-extraction removed recommendation",
                                                 r["text"], None))
        fresh = {i for i in range(len(paper.recommendations)) if i not in new_ids}
        for i, rid in self._insert_recommendations(paper_id, paper, 0, only=fresh).items():
            new_ids[i] = rid
            self._audit(changes, who, Change("recommendation", rid, paper_id,
                                             "re-extraction added recommendation", None,
                                             paper.recommendations[i].text))
        for i, r in enumerate(paper.recommendations):
            parent = new_ids.get(r.parent) if r.parent is not None else None
            self.conn.execute("UPDATE recommendations SET parent_id = ? WHERE id = ?",
                              (parent, new_ids[i]))

    def _reextract_costs(self, paper_id: int, paper: Paper, who: str | None,
                         changes: list[Change]) -> None:
        old = self._all("SELECT * FROM costs WHERE paper_id = ? AND manual = 0", (paper_id,))
        by_key: dict[tuple, list[dict]] = {}
        for c in old:
            by_key.setdefault((c["raw"], c["part"], c["page"]), []).append(c)
        kept: set[int] = set()
        for i, c in enumerate(paper.costs):
            bucket = by_key.get((c.raw, c.part, c.page))
            if bucket:
                hit = bucket.pop(0)
                kept.add(hit["id"])
                kind = hit["kind"] if hit["kind_edited"] else c.kind
                self.conn.execute(
                    "UPDATE costs SET position = ?, amount_pence = ?, kind = ?, years = ?, "
                    "context = ?, rects = ? WHERE id = ?",
                    (i, c.amount_pence, kind, _json(c.years), c.context, _json(c.rects),
                     hit["id"]))
                if hit["amount_pence"] != c.amount_pence:
                    self._audit(changes, who, Change("cost", hit["id"], paper_id,
                                                     "re-extraction changed amount",
                                                     hit["amount_pence"], c.amount_pence))
                continue
            cid = self.db["costs"].insert({
                "paper_id": paper_id, "position": i, "amount_pence": c.amount_pence,
                "raw": c.raw, "kind": c.kind, "years": _json(c.years), "part": c.part,
                "page": c.page, "context": c.context, "rects": _json(c.rects)}).last_pk
            self._audit(changes, who, Change("cost", cid, paper_id, "re-extraction added cost",
                                             None, c.raw))
        for c in old:
            if c["id"] not in kept:
                self._delete_tags("cost", [c["id"]])
                self.conn.execute("DELETE FROM costs WHERE id = ?", (c["id"],))
                self._audit(changes, who, Change("cost", c["id"], paper_id,
                                                 "re-extraction removed cost", c["raw"], None))

    # -- fields and status ------------------------------------------------------------------

    def _field(self, paper_id: int, name: str) -> dict[str, Any]:
        if name not in FIELD_NAMES:
            raise RegisterError(f"'{name}' is not a field of a paper.")
        self._need("papers", paper_id, "paper")
        row = self._one("SELECT * FROM fields WHERE paper_id = ? AND name = ?", (paper_id, name))
        if row is None:
            fid = self.db["fields"].insert({"paper_id": paper_id, "name": name}).last_pk
            row = self._one("SELECT * FROM fields WHERE id = ?", (fid,))
        return row

    def set_field(self, paper_id: int, name: str, value: str | None,
                  who: str | None = None, *, page: int | None = None,
                  quote: str | None = None,
                  rects: list[list[float]] | None = None,
                  clear_provenance: bool = False, confirmed: bool = True) -> list[Change]:
        """Correct a field's value; it becomes confirmed (``confirmed=False`` when an undo puts
        back a value the clerk had not ticked), and who/when is recorded.

        Date fields accept what a clerk types ("30/04/2021", "9th April 2021") and are stored
        as ISO ``YYYY-MM-DD``; an empty value clears the field. ``page``/``quote``/``rects``
        (given when the clerk captured the value from the page) replace the field's
        provenance; without them the old provenance stays, unless ``clear_provenance``
        (undoing a capture on a field that had none).
        """
        value = value.strip() if isinstance(value, str) else value
        if value and name in DATE_FIELDS:
            iso = parse_date(value)
            if iso is None:
                raise RegisterError(f"'{value}' is not a date; write it like 30/04/2021.")
            value = iso
        with self._tx() as changes:
            row = self._field(paper_id, name)
            self.conn.execute(
                "UPDATE fields SET value = ?, confirmed = ?, edited_by = ?, edited_at = ? "
                "WHERE id = ?", (value or None, int(confirmed), who or self.user, _now(),
                                 row["id"]))
            if page is not None or clear_provenance:
                self.conn.execute("UPDATE fields SET page = ?, quote = ?, rects = ? WHERE id = ?",
                                  (page, quote, _json(rects or []), row["id"]))
            self._reindex_paper_items(paper_id)
            self._audit(changes, who, Change("field", row["id"], paper_id, f"set {name}",
                                             row["value"], value or None))
        return changes

    def confirm_field(self, paper_id: int, name: str, who: str | None = None,
                      confirmed: bool = True) -> list[Change]:
        """Mark a field's extracted value as checked by the clerk (or unconfirm it)."""
        with self._tx() as changes:
            row = self._field(paper_id, name)
            self.conn.execute(
                "UPDATE fields SET confirmed = ?, edited_by = ?, edited_at = ? WHERE id = ?",
                (int(confirmed), who or self.user, _now(), row["id"]))
            self._audit(changes, who, Change(
                "field", row["id"], paper_id, f"{'confirmed' if confirmed else 'unconfirmed'} "
                f"{name}", bool(row["confirmed"]), confirmed))
        return changes

    def set_status(self, paper_id: int, status: str, who: str | None = None) -> list[Change]:
        """Move a paper to one of :data:`schema.STATUSES`."""
        if status not in schema.STATUSES:
            raise RegisterError(f"'{status}' is not a status; use one of: "
                                + ", ".join(schema.STATUSES) + ".")
        with self._tx() as changes:
            row = self._need("papers", paper_id, "paper")
            if row["status"] != status:
                self.conn.execute("UPDATE papers SET status = ? WHERE id = ?", (status, paper_id))
                self._audit(changes, who, Change("paper", paper_id, paper_id, "set status",
                                                 row["status"], status))
        return changes

    # -- recommendations --------------------------------------------------------------------

    def set_outcome(self, recommendation_id: int, outcome: str | None,
                    who: str | None = None) -> list[Change]:
        """Record a recommendation's outcome (:data:`schema.OUTCOMES`) or clear it (None)."""
        if outcome is not None and outcome not in schema.OUTCOMES:
            raise RegisterError(f"'{outcome}' is not an outcome; use one of: "
                                + ", ".join(schema.OUTCOMES) + ".")
        with self._tx() as changes:
            row = self._need("recommendations", recommendation_id, "recommendation")
            self.conn.execute("UPDATE recommendations SET outcome = ? WHERE id = ?",
                              (outcome, recommendation_id))
            self._audit(changes, who, Change("recommendation", recommendation_id,
                                             row["paper_id"], "set outcome", row["outcome"],
                                             outcome))
        return changes

    def add_recommendation(self, paper_id: int, text: str, *, part: str = "decision",
                           number: str | None = None, action: str = "other",
                           parent_id: int | None = None, page: int | None = None,
                           rects: list[list[float]] | None = None,
                           who: str | None = None) -> list[Change]:
        """Capture a recommendation the extraction missed (marked manual)."""
        if not text.strip():
            raise RegisterError("A recommendation needs some text.")
        with self._tx() as changes:
            self._need("papers", paper_id, "paper")
            pos = self.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM recommendations "
                                    "WHERE paper_id = ?", (paper_id,)).fetchone()[0]
            rid = self.db["recommendations"].insert({
                "paper_id": paper_id, "position": pos, "part": part, "number": number,
                "text": text.strip(), "action": action, "parent_id": parent_id, "page": page,
                "rects": _json(rects or []), "manual": 1}).last_pk
            self._reindex_paper_items(paper_id)
            self._audit(changes, who, Change("recommendation", rid, paper_id,
                                             "added recommendation", None, text.strip()))
        return changes

    def delete_recommendation(self, recommendation_id: int,
                              who: str | None = None) -> list[Change]:
        """Remove a recommendation (its tags go with it)."""
        with self._tx() as changes:
            row = self._need("recommendations", recommendation_id, "recommendation")
            self._delete_tags("recommendation", [recommendation_id])
            self.conn.execute("DELETE FROM recommendations WHERE id = ?", (recommendation_id,))
            self._reindex_paper_items(row["paper_id"])
            self._audit(changes, who, Change("recommendation", recommendation_id,
                                             row["paper_id"], "deleted recommendation",
                                             row["text"], None))
        return changes

    # -- costs ------------------------------------------------------------------------------

    def add_cost(self, paper_id: int, amount_pence: int | None, raw: str, kind: str, *,
                 page: int | None = None, context: str = "", part: str = "decision",
                 years: list[str] | None = None, rects: list[list[float]] | None = None,
                 who: str | None = None) -> list[Change]:
        """Capture a cost by hand, with where it stands on the page (marked manual)."""
        _check_kind(kind)
        if amount_pence is not None and not isinstance(amount_pence, int):
            raise RegisterError("Amounts are whole pence (an integer), never a decimal.")
        with self._tx() as changes:
            self._need("papers", paper_id, "paper")
            pos = self.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM costs "
                                    "WHERE paper_id = ?", (paper_id,)).fetchone()[0]
            cid = self.db["costs"].insert({
                "paper_id": paper_id, "position": pos, "amount_pence": amount_pence, "raw": raw,
                "kind": kind, "years": _json(years or []), "part": part, "page": page,
                "context": context, "rects": _json(rects or []), "manual": 1,
                "kind_edited": 1}).last_pk
            self._audit(changes, who, Change("cost", cid, paper_id, "added cost", None,
                                             {"amount_pence": amount_pence, "raw": raw,
                                              "kind": kind}))
        return changes

    def delete_cost(self, cost_id: int, who: str | None = None) -> list[Change]:
        """Remove a cost (its tags go with it)."""
        with self._tx() as changes:
            row = self._need("costs", cost_id, "cost")
            self._delete_tags("cost", [cost_id])
            self.conn.execute("DELETE FROM costs WHERE id = ?", (cost_id,))
            self._audit(changes, who, Change("cost", cost_id, row["paper_id"], "deleted cost",
                                             {"amount_pence": row["amount_pence"],
                                              "raw": row["raw"], "kind": row["kind"]}, None))
        return changes

    def update_cost_kind(self, cost_id: int, kind: str, who: str | None = None, *,
                         by_clerk: bool = True) -> list[Change]:
        """Reclassify a cost (capital, revenue, threshold...); survives re-extraction.
        ``by_clerk=False`` (an undo back to the extracted kind) lets re-extraction decide
        the kind again."""
        _check_kind(kind)
        with self._tx() as changes:
            row = self._need("costs", cost_id, "cost")
            self.conn.execute("UPDATE costs SET kind = ?, kind_edited = ? WHERE id = ?",
                              (kind, int(by_clerk), cost_id))
            self._audit(changes, who, Change("cost", cost_id, row["paper_id"], "set cost kind",
                                             row["kind"], kind))
        return changes

    def restore_item(self, entity: str, row: dict[str, Any], *, children: Sequence[int] = (),
                     who: str | None = None) -> list[Change]:
        """Put back a deleted recommendation or cost exactly as it was (same id, position,
        provenance and tags), given the row ``get_paper`` returned for it; ``children`` are
        recommendations that were its sub-items. Undoing a delete uses this, so later edits
        that name the item's id still apply."""
        columns = {"recommendation": ("recommendations", (
            "id", "paper_id", "position", "part", "number", "text", "action", "parent_id",
            "page", "rects", "outcome", "manual")),
            "cost": ("costs", (
                "id", "paper_id", "position", "amount_pence", "raw", "kind", "years", "part",
                "page", "context", "rects", "manual", "kind_edited"))}
        if entity not in columns:
            raise RegisterError(f"A {entity} cannot be restored.")
        table, names = columns[entity]
        values = {n: row.get(n) for n in names if n in row}
        for key in ("rects", "years"):
            if key in values and not isinstance(values[key], str):
                values[key] = _json(values[key] or [])
        for key in ("manual", "kind_edited"):
            if key in values:
                values[key] = int(bool(values[key]))
        with self._tx() as changes:
            self._need("papers", values["paper_id"], "paper")
            if self._one(f"SELECT id FROM {table} WHERE id = ?", (values["id"],)):
                raise RegisterError(f"That {entity} is already in the register.")
            if values.get("parent_id") is not None and not self._one(
                    "SELECT id FROM recommendations WHERE id = ?", (values["parent_id"],)):
                values["parent_id"] = None
            self.db[table].insert(values)
            for name in row.get("tags") or []:
                self.conn.execute("INSERT OR IGNORE INTO tag_assignments (tag_id, entity, "
                                  "entity_id) SELECT id, ?, ? FROM tags WHERE name = ?",
                                  (entity, values["id"], name))
            for child in children:
                self.conn.execute("UPDATE recommendations SET parent_id = ? WHERE id = ? AND "
                                  "paper_id = ?", (values["id"], child, values["paper_id"]))
            if entity == "recommendation":
                self._reindex_paper_items(values["paper_id"])
            self._audit(changes, who, Change(entity, values["id"], values["paper_id"],
                                             f"restored {entity}", None,
                                             values.get("text") or values.get("raw")))
        return changes

    # -- tags -------------------------------------------------------------------------------

    def create_tag(self, name: str, colour: str | None = None,
                   who: str | None = None) -> list[Change]:
        """Add a tag to the vocabulary (names are unique, ignoring case)."""
        name = " ".join(name.split())
        if not name:
            raise RegisterError("A tag needs a name.")
        with self._tx() as changes:
            if self._one("SELECT id FROM tags WHERE name = ?", (name,)):
                raise RegisterError(f"There is already a tag called '{name}'.")
            tid = self.db["tags"].insert({"name": name, "colour": colour}).last_pk
            self._audit(changes, who, Change("tag", tid, None, "created tag", None, name))
        return changes

    def update_tag(self, tag: int | str, *, name: str | None = None, colour: str | None = None,
                   who: str | None = None) -> list[Change]:
        """Rename a tag and/or change its colour; every item keeps it under the new name."""
        with self._tx() as changes:
            tag_id = self._tag_id(tag)
            row = self._one("SELECT name, colour FROM tags WHERE id = ?", (tag_id,))
            if name is not None:
                name = " ".join(name.split())
                if not name:
                    raise RegisterError("A tag needs a name.")
                clash = self._one("SELECT id FROM tags WHERE name = ? AND id != ?",
                                  (name, tag_id))
                if clash:
                    raise RegisterError(f"There is already a tag called '{name}'.")
                if name != row["name"]:
                    self.conn.execute("UPDATE tags SET name = ? WHERE id = ?", (name, tag_id))
                    self._audit(changes, who, Change("tag", tag_id, None, "renamed tag",
                                                     row["name"], name))
            if colour is not None and colour != row["colour"]:
                self.conn.execute("UPDATE tags SET colour = ? WHERE id = ?", (colour, tag_id))
                self._audit(changes, who, Change("tag", tag_id, None, "set tag colour",
                                                 row["colour"], colour))
        return changes

    def tags(self) -> list[dict[str, Any]]:
        """The tag vocabulary with how many items carry each tag."""
        return self._all("SELECT t.id, t.name, t.colour, COUNT(a.tag_id) AS uses FROM tags t "
                         "LEFT JOIN tag_assignments a ON a.tag_id = t.id GROUP BY t.id "
                         "ORDER BY t.name")

    def _tag_id(self, tag: int | str) -> int:
        if isinstance(tag, int):
            return self._need("tags", tag, "tag")["id"]
        row = self._one("SELECT id FROM tags WHERE name = ?", (" ".join(tag.split()),))
        if row is None:
            raise NotFoundError(f"There is no tag called '{tag}'.")
        return row["id"]

    def _paper_of(self, entity: str, entity_id: int) -> int:
        if entity == "paper":
            return self._need("papers", entity_id, "paper")["id"]
        table = "recommendations" if entity == "recommendation" else "costs"
        return self._need(table, entity_id, entity)["paper_id"]

    def tag(self, tag: int | str, entity: str, ids: Iterable[int],
            who: str | None = None) -> list[Change]:
        """Put a tag on many papers, recommendations or costs at once (one transaction)."""
        return self._tagging(tag, entity, ids, who, add=True)

    def untag(self, tag: int | str, entity: str, ids: Iterable[int],
              who: str | None = None) -> list[Change]:
        """Take a tag off many items at once."""
        return self._tagging(tag, entity, ids, who, add=False)

    def _tagging(self, tag: int | str, entity: str, ids: Iterable[int], who: str | None,
                 add: bool) -> list[Change]:
        if entity not in schema.TAGGABLE:
            raise RegisterError(f"Only {', '.join(schema.TAGGABLE)} can be tagged.")
        with self._tx() as changes:
            tag_id = self._tag_id(tag)
            name = self._one("SELECT name FROM tags WHERE id = ?", (tag_id,))["name"]
            for entity_id in dict.fromkeys(ids):
                paper_id = self._paper_of(entity, entity_id)
                if add:
                    cur = self.conn.execute(
                        "INSERT OR IGNORE INTO tag_assignments VALUES (?, ?, ?)",
                        (tag_id, entity, entity_id))
                else:
                    cur = self.conn.execute(
                        "DELETE FROM tag_assignments WHERE tag_id = ? AND entity = ? AND "
                        "entity_id = ?", (tag_id, entity, entity_id))
                if cur.rowcount:
                    self._audit(changes, who, Change(entity, entity_id, paper_id,
                                                     "tagged" if add else "untagged",
                                                     None if add else name,
                                                     name if add else None))
        return changes

    def tags_of(self, entity: str, entity_id: int) -> list[str]:
        """Names of the tags on one item."""
        return [r["name"] for r in self._all(
            "SELECT t.name FROM tag_assignments a JOIN tags t ON t.id = a.tag_id "
            "WHERE a.entity = ? AND a.entity_id = ? ORDER BY t.name", (entity, entity_id))]

    def _delete_tags(self, entity: str, ids: list[int]) -> None:
        self.conn.executemany("DELETE FROM tag_assignments WHERE entity = ? AND entity_id = ?",
                              [(entity, i) for i in ids])

    # -- meetings ---------------------------------------------------------------------------

    def create_meeting(self, date: str, name: str = "", who: str | None = None) -> list[Change]:
        """Create a meeting (``date`` ISO ``YYYY-MM-DD``); the new id is ``changes[0].entity_id``."""
        date = _iso_date(date)
        name = name.strip() or f"Meeting of {date}"
        with self._tx() as changes:
            mid = self.db["meetings"].insert({"date": date, "name": name}).last_pk
            self._audit(changes, who, Change("meeting", mid, None, "created meeting", None,
                                             f"{date} {name}"))
        return changes

    def meeting_for_date(self, date: str, who: str | None = None) -> int:
        """The id of the (first) meeting on ``date``, created if there is none."""
        date = _iso_date(date)
        row = self._one("SELECT id FROM meetings WHERE date = ? ORDER BY id LIMIT 1", (date,))
        if row:
            return row["id"]
        return self.create_meeting(date, who=who)[0].entity_id  # type: ignore[return-value]

    def meetings(self) -> list[dict[str, Any]]:
        """All meetings, newest first, with how many papers each agenda holds."""
        return self._all("SELECT m.id, m.date, m.name, COUNT(a.paper_id) AS papers "
                         "FROM meetings m LEFT JOIN agenda_items a ON a.meeting_id = m.id "
                         "GROUP BY m.id ORDER BY m.date DESC, m.id DESC")

    def agenda(self, meeting_id: int) -> list[PaperSummary]:
        """A meeting's papers in agenda order."""
        self._need("meetings", meeting_id, "meeting")
        order = [r["paper_id"] for r in self._all(
            "SELECT paper_id FROM agenda_items WHERE meeting_id = ? ORDER BY position",
            (meeting_id,))]
        rows = {p.id: p for p in self.list_papers(paper_ids=order)}
        return [rows[i] for i in order if i in rows]

    def _append_agenda(self, meeting_id: int, paper_id: int) -> bool:
        pos = self.conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM agenda_items "
                                "WHERE meeting_id = ?", (meeting_id,)).fetchone()[0]
        cur = self.conn.execute("INSERT OR IGNORE INTO agenda_items VALUES (?, ?, ?)",
                                (meeting_id, paper_id, pos))
        return bool(cur.rowcount)

    def add_to_meeting(self, meeting_id: int, paper_ids: Iterable[int],
                       who: str | None = None) -> list[Change]:
        """Append papers to a meeting's agenda (papers already on it stay where they are)."""
        with self._tx() as changes:
            self._need("meetings", meeting_id, "meeting")
            for pid in dict.fromkeys(paper_ids):
                self._need("papers", pid, "paper")
                if self._append_agenda(meeting_id, pid):
                    self._audit(changes, who, Change("meeting", meeting_id, pid,
                                                     "added to agenda", None, pid))
        return changes

    def remove_from_meeting(self, meeting_id: int, paper_id: int,
                            who: str | None = None) -> list[Change]:
        """Take a paper off a meeting's agenda."""
        with self._tx() as changes:
            cur = self.conn.execute("DELETE FROM agenda_items WHERE meeting_id = ? AND "
                                    "paper_id = ?", (meeting_id, paper_id))
            if cur.rowcount:
                self._audit(changes, who, Change("meeting", meeting_id, paper_id,
                                                 "removed from agenda", paper_id, None))
        return changes

    def reorder_agenda(self, meeting_id: int, paper_ids: Sequence[int],
                       who: str | None = None) -> list[Change]:
        """Set a meeting's agenda order; ``paper_ids`` must be exactly the papers on it."""
        with self._tx() as changes:
            self._need("meetings", meeting_id, "meeting")
            old = [r["paper_id"] for r in self._all(
                "SELECT paper_id FROM agenda_items WHERE meeting_id = ? ORDER BY position",
                (meeting_id,))]
            if sorted(old) != sorted(paper_ids) or len(set(paper_ids)) != len(paper_ids):
                raise RegisterError("The new agenda order must list exactly the papers on it.")
            if old != list(paper_ids):
                self.conn.executemany(
                    "UPDATE agenda_items SET position = ? WHERE meeting_id = ? AND paper_id = ?",
                    [(i, meeting_id, pid) for i, pid in enumerate(paper_ids)])
                self._audit(changes, who, Change("meeting", meeting_id, None, "reordered agenda",
                                                 old, list(paper_ids)))
        return changes

    # -- findings ---------------------------------------------------------------------------

    def dismiss_finding(self, finding_id: int, reason: str,
                        who: str | None = None) -> list[Change]:
        """Dismiss a readiness finding with a reason; it stays dismissed across re-extraction."""
        if not reason.strip():
            raise RegisterError("Say why the check is dismissed.")
        with self._tx() as changes:
            row = self._need("findings", finding_id, "check")
            self.conn.execute("UPDATE findings SET dismissed = 1, reason = ?, dismissed_by = ?, "
                              "dismissed_at = ? WHERE id = ?",
                              (reason.strip(), who or self.user, _now(), finding_id))
            self._audit(changes, who, Change("finding", finding_id, row["paper_id"],
                                             f"dismissed {row['code']}", None, reason.strip()))
        return changes

    def undismiss_finding(self, finding_id: int, who: str | None = None) -> list[Change]:
        """Reopen a dismissed finding."""
        with self._tx() as changes:
            row = self._need("findings", finding_id, "check")
            self.conn.execute("UPDATE findings SET dismissed = 0, reason = NULL, "
                              "dismissed_by = NULL, dismissed_at = NULL WHERE id = ?",
                              (finding_id,))
            self._audit(changes, who, Change("finding", finding_id, row["paper_id"],
                                             f"reopened {row['code']}", row["reason"], None))
        return changes

    # -- annotations ------------------------------------------------------------------------

    def add_annotation(self, paper_id: int, page: int, kind: str, *, text: str = "",
                       rects: list[list[float]] | None = None, colour: str = "#ffd54f",
                       who: str | None = None) -> list[Change]:
        """Add a highlight or note on a page (1-based) of a paper."""
        if kind not in schema.ANNOTATION_KINDS:
            raise RegisterError("An annotation is a highlight or a note.")
        with self._tx() as changes:
            self._need("papers", paper_id, "paper")
            aid = self.db["annotations"].insert({
                "paper_id": paper_id, "page": page, "rects": _json(rects or []), "kind": kind,
                "text": text, "author": who or self.user, "created_at": _now(),
                "colour": colour}).last_pk
            self._audit(changes, who, Change("annotation", aid, paper_id, f"added {kind}",
                                             None, text))
        return changes

    def update_annotation(self, annotation_id: int, *, text: str | None = None,
                          colour: str | None = None, rects: list[list[float]] | None = None,
                          who: str | None = None) -> list[Change]:
        """Change an annotation's text, colour or rectangles."""
        with self._tx() as changes:
            row = self._need("annotations", annotation_id, "annotation")
            new = {k: v for k, v in (("text", text), ("colour", colour),
                                     ("rects", _json(rects) if rects is not None else None))
                   if v is not None}
            if new:
                self.db["annotations"].update(annotation_id, new)
                self._audit(changes, who, Change(
                    "annotation", annotation_id, row["paper_id"], "edited annotation",
                    {k: row[k] for k in new}, new))
        return changes

    def delete_annotation(self, annotation_id: int, who: str | None = None) -> list[Change]:
        """Remove an annotation."""
        with self._tx() as changes:
            row = self._need("annotations", annotation_id, "annotation")
            self.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
            self._audit(changes, who, Change("annotation", annotation_id, row["paper_id"],
                                             f"deleted {row['kind']}", row["text"], None))
        return changes

    def annotations(self, paper_id: int) -> list[dict[str, Any]]:
        """A paper's annotations by page (rects decoded)."""
        rows = self._all("SELECT * FROM annotations WHERE paper_id = ? ORDER BY page, id",
                         (paper_id,))
        for r in rows:
            r["rects"] = json.loads(r["rects"])
        return rows

    # -- queries ----------------------------------------------------------------------------

    def list_papers(self, *, status: str | None = None, meeting_id: int | None = None,
                    paper_ids: Sequence[int] | None = None) -> list[PaperSummary]:
        """Every paper (or a filtered set) with totals by kind, counts and latest meeting.

        Totals are summed in SQL and leave out threshold and placeholder amounts.
        """
        where, params = [], []
        if status is not None:
            where.append("p.status = ?")
            params.append(status)
        if meeting_id is not None:
            where.append("p.id IN (SELECT paper_id FROM agenda_items WHERE meeting_id = ?)")
            params.append(meeting_id)
        if paper_ids is not None:
            where.append(f"p.id IN (SELECT value FROM json_each(?))")
            params.append(_json(list(paper_ids)))
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        uncounted = ", ".join(f"'{k}'" for k in sorted(UNCOUNTED_KINDS))
        rows = self._all(f"""
            WITH sel AS (SELECT p.* FROM papers p {clause}),
            fv AS (SELECT f.paper_id,
                     MAX(CASE WHEN f.name = 'reference' THEN f.value END) AS reference,
                     MAX(CASE WHEN f.name = 'title' THEN f.value END) AS title,
                     MAX(CASE WHEN f.name = 'decision_required_by' THEN f.value END) AS due
                   FROM fields f JOIN sel ON sel.id = f.paper_id GROUP BY f.paper_id),
            tot AS (SELECT c.paper_id, json_group_object(c.kind, c.s) AS totals FROM
                     (SELECT paper_id, kind, SUM(amount_pence) AS s FROM
                       -- Papers restate a sum (decision form, report, finance comments):
                       -- each distinct sum of a kind counts once, as in the meeting pack.
                       (SELECT DISTINCT paper_id, kind, amount_pence FROM costs
                        WHERE kind NOT IN ({uncounted}) AND amount_pence IS NOT NULL
                          AND paper_id IN (SELECT id FROM sel))
                      GROUP BY paper_id, kind) c GROUP BY c.paper_id),
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
                   tot.totals, COALESCE(rc.n, 0) AS recs, COALESCE(oc.n, 0) AS open_checks,
                   mt.meeting_id, mt.meeting
            FROM sel LEFT JOIN fv ON fv.paper_id = sel.id LEFT JOIN tot ON tot.paper_id = sel.id
            LEFT JOIN rc ON rc.paper_id = sel.id LEFT JOIN oc ON oc.paper_id = sel.id
            LEFT JOIN mt ON mt.paper_id = sel.id AND mt.rn = 1
            ORDER BY sel.id""", params)
        return [PaperSummary(
            id=r["id"], reference=r["reference"], title=r["title"], file_name=r["file_name"],
            stored_path=self.root / r["stored_path"], first_page=r["first_page"],
            last_page=r["last_page"], status=r["status"], meeting_id=r["meeting_id"],
            meeting=r["meeting"], decision_required_by=r["due"],
            totals={k: int(v) for k, v in json.loads(r["totals"] or "{}").items()},
            recommendations=r["recs"], open_checks=r["open_checks"],
            imported_at=r["imported_at"]) for r in rows]

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
            "annotations": self.annotations(paper_id),
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


_BUSY = ("The register is in use by another window or program and did not become free in "
         "time. Close the other copy of mopac-desk, or try again in a moment.")


def _translate(exc: sqlite3.DatabaseError, path: Path) -> RegisterError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return RegisterBusyError(_BUSY)
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return RegisterUnreadableError(
            f"{path.name} is not a mopac-desk register, or it is damaged.")
    if "readonly" in text or "unable to open" in text or "disk i/o" in text:
        return RegisterUnreadableError(
            f"The register {path.name} cannot be written: check the folder is writable "
            "and the disk is not full.")
    if "constraint" in text:
        return RegisterError(f"That change does not fit the register's rules ({exc}).")
    return RegisterError(f"The register could not complete the change ({exc}).")


def _plain(exc: BaseException) -> str:
    return str(exc) or exc.__class__.__name__


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service contexts
        return "clerk"


def _check_kind(kind: str) -> None:
    if kind not in COST_KINDS:
        raise RegisterError(f"'{kind}' is not a kind of cost; use one of: "
                            + ", ".join(COST_KINDS) + ".")


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(text: str) -> str:
    text = text.strip()
    try:
        if _ISO.match(text):
            datetime.strptime(text, "%Y-%m-%d")
            return text
    except ValueError:
        pass
    raise RegisterError(f"'{text}' is not a date written as YYYY-MM-DD.")
