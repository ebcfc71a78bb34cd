"""Content-addressed copies of imported PDFs (``store/ab/abcd....pdf`` beside the register).

The register keeps its own copy so it still works when the clerk moves or deletes the original.
A copy is written to a temporary name, flushed to disk and renamed, so a crash never leaves a
half-written file under a real name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


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
