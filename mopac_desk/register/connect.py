"""Opening a register file safely, and SQLite's errors in a clerk's words.

Three promises are kept here, before any SQL runs:

* a file that is not an empty register we made is never written over: a 0-byte file with
  stored copies beside it (a register emptied or cut short) is refused, and so is another
  program's SQLite database;
* a register that cannot be written (read-only file, folder or disk) is opened read-only
  (``mode=ro``, or ``immutable=1`` when SQLite cannot even keep its shared-memory file
  there), so it can still be listed, searched and exported from;
* every SQLite error becomes one plain sentence; a damaged file says "damaged" and points to
  ``mopac-desk verify``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..terminal import os_reason
from .errors import (
    VERIFY_HINT, RegisterBusyError, RegisterDamagedError, RegisterError, RegisterFullError,
    RegisterReadOnlyError, RegisterUnreadableError,
)

SQLITE_HEADER = b"SQLite format 3\x00"

BUSY = ("The register is in use by another window or program and did not become free in "
        "time. Close the other copy of mopac-desk, or try again in a moment.")

# Words in SQLite's messages that mean the file itself is damaged (as opposed to busy, full
# or read-only): a malformed page, a broken search index ("vtable constructor failed"), text
# that is no longer UTF-8, tables missing from a file that claims our layout.
_DAMAGED = ("malformed", "not a database", "encrypted", "could not decode", "vtable constructor",
            "corrupt", "no such table", "no such column", "unsupported file format",
            "database schema", "fts5")


def stored_copies_beside(root: Path) -> int:
    """How many stored copies (``store/xx/<hash>.pdf``) sit in the register's folder."""
    try:
        return sum(1 for _ in (root / "store").glob("*/*.pdf"))
    except OSError:
        return 0


def read_only_reason(path: Path) -> str | None:
    """Why the register at ``path`` cannot be written (None when it can)."""
    folder = path.parent
    target = path
    while not target.exists() and target.parent != target:
        target = target.parent  # a register not made yet: the nearest folder that exists
    try:
        if not os.access(target, os.W_OK):
            if _on_read_only_disk(target):
                return "it is on a read-only disk"
            return "the file is read-only" if target == path else "its folder is read-only"
        if path.exists() and not os.access(folder, os.W_OK):
            # SQLite keeps its journal beside the file: a read-only folder is a read-only register
            return "its folder is read-only"
    except OSError:
        return "it cannot be written"
    return None


def _on_read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & getattr(os, "ST_RDONLY", 1))
    except (OSError, AttributeError):
        return False


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path))}?{query}"


def _check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not a register we may open."""
    if path.is_dir():
        raise RegisterUnreadableError(f"{path} is a folder, not a register file.")
    if not path.exists():
        return
    size = path.stat().st_size
    if size == 0:
        copies = stored_copies_beside(path.parent)
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size and not copies:
            raise RegisterDamagedError(
                f"The register {path.name} is empty (0 bytes) but its journal "
                f"{wal.name} holds changes: it was left as it is. Restore it from a backup, "
                f"or {VERIFY_HINT}.")
        if copies:
            held = ("1 stored copy of a paper sits" if copies == 1
                    else f"{copies} stored copies of papers sit")
            raise RegisterDamagedError(
                f"The register {path.name} is empty (0 bytes) although {held} "
                "beside it in store/: the "
                "file was emptied or cut short, so it was left as it is and no new register "
                f"was made over it. Restore it from a backup, or {VERIFY_HINT}.")
        return
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_HEADER))
    if head != SQLITE_HEADER:
        raise RegisterDamagedError(
            f"{path.name} is not a mopac-desk register, or it is damaged; it was left as it "
            f"is. {VERIFY_HINT[0].upper()}{VERIFY_HINT[1:]}.")


def connect(path: Path, timeout: float) -> tuple[sqlite3.Connection, str | None]:
    """Open the register file; returns the connection and why it is read-only (None when it
    can be written). Raises a :class:`RegisterError` with a plain reason."""
    try:
        _check_file(path)
        reason = read_only_reason(path)
        if reason is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
            return conn, None
        if not path.exists():
            raise RegisterReadOnlyError(
                f"A new register cannot be made at {path}: {reason}.")
        return _connect_read_only(path, timeout), reason
    except OSError as exc:
        raise RegisterUnreadableError(
            f"The register {path.name} cannot be opened ({os_reason(exc)}).") from exc
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc


def connect_read_only(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """A read-only connection to an existing register (what ``verify`` reads it through:
    it never writes, not even the schema). Raises a :class:`RegisterError` when the file is
    absent, empty or not an SQLite file."""
    if not path.exists():
        raise RegisterUnreadableError(f"There is no register at {path}.")
    try:
        _check_file(path)
        if path.stat().st_size == 0:
            raise RegisterDamagedError(f"The register {path.name} is empty (0 bytes).")
        return _connect_read_only(path, timeout)
    except OSError as exc:
        raise RegisterUnreadableError(
            f"The register {path.name} cannot be opened ({os_reason(exc)}).") from exc
    except sqlite3.DatabaseError as exc:
        raise translate(exc, path) from exc


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    conn = sqlite3.connect(_uri(path, mode="ro"), uri=True, timeout=timeout,
                           isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        # SQLite cannot make the shared-memory file a WAL register needs beside it
        cannot_share = "unable to open" in str(exc) or "readonly" in str(exc)
        if not cannot_share or Path(f"{path}-wal").exists():
            conn.close()
            raise
    conn.close()
    # A WAL register in a folder SQLite cannot write to: with no -wal file left behind, no
    # one else can be writing it, so reading it as immutable is safe.
    return sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True, timeout=timeout,
                           isolation_level=None, check_same_thread=False)


def refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Never turn another program's SQLite database into a register."""
    if conn.execute("PRAGMA user_version").fetchone()[0] != 0:
        return
    if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise RegisterUnreadableError(
            f"{path.name} is an SQLite database of another program, not a mopac-desk "
            "register; it was left as it is.")


def translate(exc: BaseException, path: Path) -> RegisterError:
    """One plain sentence for an SQLite error on the register at ``path``."""
    text = str(exc).lower()
    name = path.name
    if "locked" in text or "busy" in text:
        return RegisterBusyError(BUSY)
    if "not a database" in text:
        return RegisterDamagedError(
            f"{name} is not a mopac-desk register, or it is damaged; nothing was written to "
            f"it. {VERIFY_HINT[0].upper()}{VERIFY_HINT[1:]}.")
    if any(word in text for word in _DAMAGED):
        return RegisterDamagedError(
            f"The register {name} is damaged ({_short(exc)}); nothing was written to it. "
            f"{VERIFY_HINT[0].upper()}{VERIFY_HINT[1:]}.")
    if "readonly" in text or "read-only" in text:
        why = read_only_reason(path) or "it cannot be written"
        return RegisterReadOnlyError(
            f"The register {name} is read-only ({why}): it can be listed, searched and "
            "exported from, but nothing can be changed in it.")
    if "full" in text or ("disk i/o" in text and disk_full(path.parent)):
        return RegisterFullError(
            f"The register {name} could not be written: the disk is full. Nothing was "
            "changed; free some space and try again.")
    if "disk i/o" in text:
        return RegisterUnreadableError(
            f"The register {name} could not be read or written: the disk reported an error. "
            f"Nothing was changed; {VERIFY_HINT}.")
    if "unable to open" in text:
        return RegisterUnreadableError(
            f"The register {name} cannot be opened: check that its folder exists and can be "
            "read.")
    if "constraint" in text:
        return RegisterError(f"That change does not fit the register's rules ({exc}).")
    return RegisterError(f"The register could not complete the change ({exc}).")


def disk_full(folder: Path, below: int = 1 << 20) -> bool:
    """True when the disk holding ``folder`` has (almost) no room left."""
    try:
        return shutil.disk_usage(folder).free < below
    except OSError:
        return False


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    if "vtable constructor" in text or "fts5" in text.lower():
        return "its search index is broken"
    if "could not decode" in text.lower():
        return "some of its text is unreadable"
    if "malformed" in text:
        return "the file is malformed"
    return text
