"""Content-addressed copies of imported PDFs (``store/ab/abcd....pdf`` beside the register).

The register keeps its own copy so it still works when the clerk moves or deletes the original.
A copy is written to a temporary name, flushed to disk and renamed, so a crash never leaves a
half-written file under a real name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_CHUNK = 1 << 20
_STALE_PART_S = 24 * 3600


def relative_store_path(sha256: str) -> str:
    """Where a file with this hash lives, relative to the register's folder (POSIX separators)."""
    return f"store/{sha256[:2]}/{sha256}.pdf"


def store_copy(source: Path, register_dir: Path, sha256: str) -> str:
    """Copy ``source`` into the store (once); returns its path relative to ``register_dir``."""
    rel = relative_store_path(sha256)
    target = register_dir / rel
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return rel
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".incoming-", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(_CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return rel


def _fsync_dir(folder: Path) -> None:
    # makes the rename itself durable on POSIX; Windows cannot open a folder for fsync
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_parts(register_dir: Path, older_than_s: float = _STALE_PART_S) -> int:
    """Delete temporary copies left by an import that was killed (only old ones: another
    process may be copying right now). Returns how many were removed."""
    import time

    removed = 0
    cutoff = time.time() - older_than_s
    for part in (register_dir / "store").glob("*/.incoming-*.part"):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
                removed += 1
        except OSError:
            pass
    return removed
