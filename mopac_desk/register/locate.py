"""Which register papers a file holds: the file open in the window, found by its hash and
imported first when the register does not have it yet.

One function, :func:`locate_or_import`, so the review panel only shows what it returns. It
reads the file's bytes once to hash them; a file already in the register is never opened.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from ..files import file_sha256
from . import ImportedPaper, Register, RegisterError
from .importer import FAILED, import_file

#: stages reported to ``on_progress``
LOOKING, IMPORTING = "looking", "importing"

Cancel = threading.Event | Callable[[], bool]


class LocateError(RegisterError):
    """The file's papers cannot be shown; the message says why in plain English."""


class LocateCancelled(RegisterError):
    """The caller no longer wants the answer (another file was opened meanwhile)."""


def _cancelled(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


def locate_or_import(register: Register, path: str | Path, password: str | None = None, *,
                     on_progress: Callable[[str], None] | None = None,
                     cancel: Cancel | None = None, ocr: bool = True,
                     on_ocr_progress: Callable[[int, int], None] | None = None,
                     ) -> list[ImportedPaper]:
    """The register papers of the file at ``path`` (each ``.id`` a register paper id), by
    first page; a file the register lacks is imported first (``password`` opens a protected
    one). Raises :class:`LocateError` with a plain reason when there is nothing to show, and
    :class:`LocateCancelled` when ``cancel`` is set before an import starts.

    Runs on any thread with a register connection of that thread. ``on_progress`` hears
    ``LOOKING`` and, when the file is new, ``IMPORTING``. A new scan is read by OCR unless
    ``ocr`` is false (then it fails as having no text layer); ``on_ocr_progress(done,
    total)`` hears its pages, and ``cancel`` stops that reading too (nothing is written).
    """
    path = Path(path)
    if on_progress:
        on_progress(LOOKING)
    try:
        sha = file_sha256(path)
    except OSError as exc:
        raise LocateError(f"the file could not be read ({exc.strerror or exc}).") from exc
    papers = register.find_file(sha)
    if papers:
        return sorted(papers, key=lambda p: p.first_page)
    if _cancelled(cancel):
        raise LocateCancelled("The file is no longer open.")
    if on_progress:
        on_progress(IMPORTING)
    # OCR progress (issue #17): the window shows a scan's reading and can stop it.
    outcome = import_file(register, path, password=password, sha256=sha,  # not hashed again
                          ocr=ocr, ocr_progress=on_ocr_progress,
                          ocr_cancel=lambda: _cancelled(cancel))
    if outcome.status == FAILED and _cancelled(cancel):
        raise LocateCancelled("The file is no longer open.")
    if outcome.status == FAILED:
        raise LocateError(outcome.message)
    papers = outcome.papers or register.find_file(sha)
    if not papers:
        raise LocateError("the file could not be imported (see the register).")
    return sorted(papers, key=lambda p: p.first_page)
