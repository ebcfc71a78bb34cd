"""Content-addressed copies of imported PDFs (``store/ab/abcd....pdf`` beside the register).

The register keeps its own copy so it still works when the clerk moves or deletes the original.
A copy is written whole by the one rule (:mod:`mopac_desk.whole_file`: a temporary name,
flushed to disk, renamed), so a crash never leaves a half-written file under a real name.
A failure to write says so (the disk is full, the folder is read-only) rather than blaming
the file being imported.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..whole_file import DISK_FULL, IN_USE, READ_ONLY, WholeFileError, writing_whole
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


STORE_COPY = "the register's copy of the file"


def write_error(exc: WholeFileError) -> RegisterError:
    """A stored copy that could not be written, in the one whole-file wording, as the
    register's error for it (full, read-only, or any other failure)."""
    if exc.kind == DISK_FULL:
        return RegisterFullError(str(exc))
    if exc.kind in (READ_ONLY, IN_USE):
        return RegisterReadOnlyError(str(exc))
    return RegisterError(str(exc))


def store_copy(source: Path, register_dir: Path, sha256: str) -> str:
    """Copy ``source`` into the store (once); returns its path relative to ``register_dir``.
    Raises OSError when ``source`` cannot be read, :class:`RegisterError` (full, read-only)
    when the store cannot be written."""
    rel = relative_store_path(sha256)
    target = register_dir / rel
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return rel
    try:
        copy_into(source, target)
    except RegisterFullError as exc:
        raise RegisterFullError(f"{exc} No paper was imported from this file; free some space "
                                "and try again.") from exc
    return rel


class _Unreadable(Exception):
    """A read of the file being copied failed: the file's own fault, not the store's."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _chunks(src: BinaryIO) -> Iterator[bytes]:
    while True:
        try:
            chunk = src.read(_CHUNK)
        except OSError as exc:
            raise _Unreadable(exc) from exc
        if not chunk:
            return
        yield chunk


def copy_into(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` whole (:mod:`mopac_desk.whole_file`: flushed to disk with
    its folder; the temporary file named ``.incoming-*.part`` for :func:`stale_parts`), so
    ``target`` is the whole file or untouched (also what repairs a stored copy). A read failure
    stays the file's own (OSError); a write failure is a :class:`RegisterError`."""
    with open(source, "rb") as src:
        try:
            with writing_whole(target, what=STORE_COPY, prefix=".incoming-", suffix=".part",
                               fsync=True, make_folder=True) as tmp, open(tmp, "wb") as out:
                out.writelines(_chunks(src))
        except _Unreadable as exc:
            raise exc.error from None
        except WholeFileError as exc:
            raise write_error(exc) from exc


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
