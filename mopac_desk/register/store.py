"""The register's connection, transactions, audit and listeners (the register package is the
only code that writes SQL).

One file in WAL mode with foreign keys on and a busy timeout. Every clerk action is one
``BEGIN IMMEDIATE`` transaction that also writes an audit row, and returns the
:class:`Change` records it made so views can refresh just what changed.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import sqlite_utils

from ..clerk import default_clerk_name
from ..extract.model import COST_KINDS
from ..whole_file import WholeFileError
from . import paper_index, schema
from .matching import reference_key
from .money import summary_of
from .connect import BUSY, connect, refuse_foreign, translate
from .errors import (
    NotFoundError, RegisterBusyError, RegisterError, RegisterReadOnlyError,
    RegisterUnreadableError,
)

BUSY_TIMEOUT_S = 5.0


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# One compact encoder made once: json.dumps with separators builds a new encoder on every
# call (an import writes ~30 JSON values a paper: rects, years, summaries). Same text.
_ENCODE = json.JSONEncoder(separators=(",", ":")).encode


def _json(value: Any) -> str:
    if not value and isinstance(value, list):
        return "[]"  # (most rects lists of an extracted paper's fields)
    return _ENCODE(value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else _json(value)


@dataclass(frozen=True)
class Change:
    """One thing a clerk action changed (also what the audit row says)."""

    entity: str
    entity_id: int | None
    paper_id: int | None
    what: str
    old: Any = None
    new: Any = None


class Store:
    """The connection to a register file and what every operation shares: one write
    transaction with audit rows, listeners told of each committed change, the search rows of
    a paper's items. The operations themselves live in the modules named for their job and
    are put together as :class:`~mopac_desk.register.register.Register`."""

    def __init__(self, path: str | Path, user: str | None = None,
                 busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = Path(path).resolve()
        self.root = self.path.parent
        self.user = user or default_clerk_name()
        self.backup_made: Path | None = None
        self._lock = threading.RLock()
        # papers whose place rows changed in the open transaction: their paper index rows
        # are rewritten once, just before it commits (see _tx)
        self._paper_index_due: set[int] = set()
        # connect() refuses what must not be written over; read_only says why the register
        # cannot be written (None when it can): it can still be listed, searched, exported.
        conn, self.read_only = connect(self.path, busy_timeout)
        self.conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if self.read_only:
                if conn.execute("PRAGMA user_version").fetchone()[0] < schema.SCHEMA_VERSION:
                    raise RegisterReadOnlyError(
                        f"The register {self.path.name} was made by an older version of "
                        f"mopac-desk and must be upgraded, but {self.read_only}.")
            else:
                refuse_foreign(conn, self.path)
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
        except (RuntimeError, WholeFileError) as exc:  # (newer layout; backup not written)
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

    def __enter__(self) -> "Store":
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
                self._flush_paper_index()
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self._paper_index_due.clear()
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc
            except BaseException:
                self._paper_index_due.clear()
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        if changes:
            for listener in list(self._listeners):
                listener(changes)

    def _audit(self, changes: list[Change], who: str | None, change: Change) -> None:
        self._insert("audit", {
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
        row = self._fetch(cur.fetchone)
        return dict(zip(cols, row)) if row else None

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in self._fetch(cur.fetchall)]

    def _fetch(self, fetch: Callable[[], Any]) -> Any:
        # a damaged page or text that is no longer UTF-8 surfaces while rows are read
        try:
            return fetch()
        except sqlite3.DatabaseError as exc:
            if self.conn.in_transaction:
                raise  # _tx translates it after rolling back
            raise _translate(exc, self.path) from exc

    # Direct statements rather than sqlite-utils' table API on the hot paths: its insert
    # looks the table and view names up again on every call (half the import's write time).
    def _insert(self, table: str, row: dict[str, Any]) -> int:
        cols = list(row)
        cur = self._execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols])
        return int(cur.lastrowid)

    def _insert_all(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        self.conn.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [[r[c] for c in cols] for r in rows])

    def _update(self, table: str, row_id: int, values: dict[str, Any]) -> None:
        if values:
            cols = list(values)
            self._execute(f"UPDATE {table} SET {', '.join(c + ' = ?' for c in cols)} "
                          "WHERE id = ?", [values[c] for c in cols] + [row_id])

    def _need(self, table: str, row_id: int, what: str) -> dict[str, Any]:
        row = self._one(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        if row is None:
            raise NotFoundError(f"There is no {what} number {row_id} in the register.")
        return row

    def _index(self, paper_id: int, places: Sequence[tuple[int | None, str, str]]) -> None:
        """Add search rows for a paper's ``places`` ((page, source, text) each), numbered on
        from the last row: two statements for all of them (import writes dozens a paper)."""
        if not places:
            return
        first = self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM search_rows"
                                  ).fetchone()[0]
        self.conn.executemany(
            "INSERT INTO search_rows (id, paper_id, page, source) VALUES (?, ?, ?, ?)",
            [(first + i, paper_id, page, source) for i, (page, source, _) in enumerate(places)])
        self.conn.executemany(
            "INSERT INTO search_index (rowid, body) VALUES (?, ?)",
            [(first + i, body) for i, (_, _, body) in enumerate(places)])
        self._paper_index_due.add(paper_id)

    def _unindex_pages(self, paper_id: int) -> None:
        """Drop a paper's page rows (a new version's pages replace them)."""
        self.conn.execute("DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_rows "
                          "WHERE paper_id = ? AND source = 'page')", (paper_id,))
        self.conn.execute("DELETE FROM search_rows WHERE paper_id = ? AND source = 'page'",
                          (paper_id,))
        self._paper_index_due.add(paper_id)

    def _flush_paper_index(self) -> None:
        """Rewrite the paper index rows of the papers whose place rows changed (once each,
        in the transaction that changed them)."""
        if self._paper_index_due:
            due, self._paper_index_due = self._paper_index_due, set()
            paper_index.reindex(self.conn, due)

    def _reindex_paper_items(self, paper_id: int) -> None:
        """Rebuild what follows from a paper's fields and recommendations: the search rows
        (not its pages) and the reference its copies are matched by."""
        ref = self._one("SELECT value FROM fields WHERE paper_id = ? AND name = 'reference'",
                        (paper_id,))
        self.conn.execute("UPDATE papers SET reference_key = ? WHERE id = ?",
                          (reference_key(ref["value"] if ref else None), paper_id))
        self.conn.execute(
            "DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_rows "
            "WHERE paper_id = ? AND source != 'page')", (paper_id,))
        self.conn.execute("DELETE FROM search_rows WHERE paper_id = ? AND source != 'page'",
                          (paper_id,))
        self._paper_index_due.add(paper_id)  # its parts may have changed too (re-extraction)
        self._index(paper_id, [
            (page, f"field:{name}", value) for name, value, page in self.conn.execute(
                "SELECT name, value, page FROM fields WHERE paper_id = ? AND value IS NOT NULL "
                "AND value != '' ORDER BY id", (paper_id,))] + [
            (page, "recommendation", text) for text, page in self.conn.execute(
                "SELECT text, page FROM recommendations WHERE paper_id = ? ORDER BY id",
                (paper_id,))])

    def _refresh_summary(self, paper_id: int) -> None:
        """Recompute the paper's financial summary after its costs changed (in the same
        transaction), so every list, panel and pack reads the one rule's figures."""
        rows = self._all("SELECT * FROM costs WHERE paper_id = ? ORDER BY position, id",
                         (paper_id,))
        choices = self._one("SELECT money_choices FROM papers WHERE id = ?", (paper_id,))
        summary = summary_of(rows, json.loads(choices["money_choices"] or "{}") if choices else {})
        self.conn.execute("UPDATE papers SET summary = ? WHERE id = ?",
                          (_json(summary.to_dict()), paper_id))

    def _delete_tags(self, entity: str, ids: list[int]) -> None:
        self.conn.executemany("DELETE FROM tag_assignments WHERE entity = ? AND entity_id = ?",
                              [(entity, i) for i in ids])


_BUSY = BUSY


def _translate(exc: sqlite3.DatabaseError, path: Path) -> RegisterError:
    # one sentence per kind of failure (damaged, read-only, full, busy): see connect.translate
    return translate(exc, path)


def _plain(exc: BaseException) -> str:
    return str(exc) or exc.__class__.__name__


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
