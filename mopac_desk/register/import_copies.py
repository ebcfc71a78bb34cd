"""The register's copies of the files an import reads: written on a copier thread while the
file is read, let go of again when the file is not imported, put back when one has gone."""

from __future__ import annotations

from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .records import ImportedPaper
from .register import Register
from .storage import relative_store_path, store_copy


@dataclass
class Copy:
    """The register's copy of a file, being written on the copier thread."""

    sha256: str
    fresh: bool  # no copy was there when this one was started: ours to remove if unused
    done: "Future[str]"  # the copy's path relative to the register folder


class Copies:
    """Copies written while their files are read, and let go of again (in turn with the
    writes: a later file with the same bytes finds them gone and copies again) when the
    file is not imported."""

    def __init__(self, register: Register, copier: Executor) -> None:
        self._register, self._copier = register, copier

    def start(self, path: Path, sha: str) -> Copy:
        fresh = not (self._register.root / relative_store_path(sha)).exists()
        return Copy(sha, fresh, self._copier.submit(store_copy, path, self._register.root, sha))

    def abandon(self, copy: Copy | None) -> None:
        if copy is not None:
            _let_go(self._register, copy)


def _let_go(register: Register, copy: Copy) -> None:
    """Remove a copy this import made for a file it did not import (none of the register's
    documents names it)."""
    try:
        copy.done.result()
    except Exception:  # nothing was written (the copy cleans up its own temporary file)
        return
    if copy.fresh and not register.find_file(copy.sha256):
        (register.root / relative_store_path(copy.sha256)).unlink(missing_ok=True)




def stored(register: Register, path: Path, sha256: str, copy: Copy | None) -> tuple[str, bool]:
    """The register's copy of the file, on disk: its path relative to the register folder,
    and whether this import made it."""
    if copy is not None:
        rel = copy.done.result()  # a failed copy raises here as store_copy does
        if (register.root / rel).exists():  # (an earlier file's failure may have let it go)
            return rel, copy.fresh
    fresh = not (register.root / relative_store_path(sha256)).exists()
    return store_copy(path, register.root, sha256), fresh


def restore_missing_copy(register: Register, path: Path, sha: str,
                          existing: Sequence[ImportedPaper]) -> bool:
    """Put back the register's own copy of a file it knows when that copy has gone."""
    rels = {p.stored_path for p in existing if p.stored_path}
    missing = [rel for rel in rels if not (register.root / rel).is_file()]
    for rel in missing:
        store_copy(path, register.root, sha)
    return bool(missing)
