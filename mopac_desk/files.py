"""Facts about files on disk that every layer needs: the one hash of a file's bytes, and how
the PDF libraries are handed a file whatever its name."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

_CHUNK = 1 << 20


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def openable(path: str | os.PathLike[str]) -> "Path | io.BytesIO":
    """``path`` as pikepdf and pypdf can open it: they cannot take a file name holding bytes
    that are not UTF-8 (kept by Python as surrogate escapes), so such a file is handed over
    as its bytes instead."""
    path = Path(path)
    try:
        str(path).encode("utf-8")
        return path
    except UnicodeEncodeError:
        return io.BytesIO(path.read_bytes())
