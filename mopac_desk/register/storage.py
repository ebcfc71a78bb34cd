"""Content-addressed copies of imported PDFs (``store/ab/abcd....pdf`` beside the register).

The register keeps its own copy so it still works when the clerk moves or deletes the original.
A copy is written to a temporary name, flushed to disk and renamed, so a crash never leaves a
half-written file under a real name. A failure to write says so (the disk is full, the folder
is read-only) rather than blaming the file being imported.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from pathlib import Path

from ..terminal import os_reason
from .errors import RegisterError, RegisterFullError, RegisterReadOnlyError

_CHUNK = 1 << 20
_STALE_PART_S = 24 * 3600
PART_GLOB = "*/.incoming-*.part"


def relative_store_path(sha256: str) -> str:
    """Where a file with this hash lives, relative to the register's folder (POSIX separators)."""
    return f"store/{sha256[:2]}/{sha256}.pdf"


def storable_name(name: str) -> str:
    """A file name the register can keep: a name holding bytes that are not UTF-8 (Python
    keeps them as lone surrogates, which SQLite cannot store) gets them written as ``\\xe9``,
    so ``caf\\xe9.pdf`` is imported under a readable name instead of failing."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def write_error(exc: OSError, what: str = "the register's store of copies") -> RegisterError:
    """A write that failed, in plain words: whose write it was and why."""
    reason = os_reason(exc)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return RegisterFullError(f"{what} could not be written ({reason}): nothing was imported "
                                 "from this file; free some space and try again")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return RegisterReadOnlyError(f"{what} could not be written ({reason})")
    return RegisterError(f"{what} could not be written ({reason})")


def store_copy(source: Path, register_dir: Path, sha256: str) -> str:
    """Copy ``source`` into the store (once); returns its path relative to ``register_dir``.
    Raises OSError when ``source`` cannot be read, :class:`RegisterError` (full, read-only)
    when the store cannot be written."""
    rel = relative_store_path(sha256)
    target = register_dir / rel
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return rel
    copy_into(source, target)
    return rel


def copy_into(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a flushed temporary file and a rename, so
    ``target`` is the whole file or untouched (also what repairs a stored copy)."""
    with open(source, "rb") as src:  # a read failure stays the file's own (OSError)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".incoming-", suffix=".part", dir=target.parent)
        except OSError as exc:
            raise write_error(exc) from exc
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := src.read(_CHUNK):  # a read error propagates as it is
                    try:
                        out.write(chunk)
                    except OSError as exc:
                        raise write_error(exc) from exc
                try:
                    out.flush()
                    os.fsync(out.fileno())
                except OSError as exc:
                    raise write_error(exc) from exc
            try:
                os.replace(tmp, target)
                _fsync_dir(target.parent)
            except OSError as exc:
                raise write_error(exc) from exc
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def _fsync_dir(folder: Path) -> None:
    # makes the rename itself durable on POSIX; Windows cannot open a folder for fsync
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stale_parts(register_dir: Path, older_than_s: float = _STALE_PART_S) -> list[Path]:
    """Temporary copies left by an import that was killed, not touched for ``older_than_s``
    (a younger one may be another process copying right now)."""
    cutoff = time.time() - older_than_s
    found = []
    for part in (register_dir / "store").glob(PART_GLOB):
        try:
            if part.stat().st_mtime < cutoff:
                found.append(part)
        except OSError:
            pass
    return found


def remove_stale_parts(register_dir: Path, older_than_s: float = _STALE_PART_S) -> int:
    """Delete temporary copies left by an import that was killed (only old ones: another
    process may be copying right now). Returns how many were removed."""
    removed = 0
    for part in stale_parts(register_dir, older_than_s):
        try:
            part.unlink()
            removed += 1
        except OSError:
            pass
    return removed
