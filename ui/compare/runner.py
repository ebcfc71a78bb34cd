"""Comparing off the GUI thread: both papers are read (their PDFium calls queue on the PDF
layer's one thread), then compared; progress comes back step by step and a cancel is
honoured between steps (a paper half read is finished, and its result dropped).

A scanned side is read by OCR unless Preferences say never, page by page with progress (a
cancel stops it between pages), or taken from the words the register keeps for it when the
file is in the register the window has open (looked up only for a paper with empty pages)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject

from mopac_desk.compare import Comparison, Version
from mopac_desk.compare.engine import compare_versions, read_version
from mopac_desk.extract.engine import reading
from mopac_desk.files import file_sha256
from mopac_desk.ocr.engine import OcrPage
from mopac_desk.ocr.reader import OcrCancelled
from mopac_desk.pdf import PaperDocument
from mopac_desk.register import Register

from ..ocr.settings import NEVER, ocr_mode
from ..workspace import Task

log = logging.getLogger(__name__)
STEPS = 3  # reading the earlier paper, the later one, comparing


class CompareCancelled(Exception):
    """The reader cancelled the comparison."""


def stored_words(register: Register | None) -> Callable[[PaperDocument],
                                                        Mapping[int, OcrPage]] | None:
    """For the worker: the OCR words ``register`` keeps for a document's file (found by its
    hash), read through a connection of the worker's own; None with no register open."""
    if register is None:
        return None
    path, clerk = register.path, register.user  # read here, on the GUI thread

    def words(doc: PaperDocument) -> Mapping[int, OcrPage]:
        try:
            sha = file_sha256(doc.path)
            with Register(path, user=clerk) as own:
                ids = [p.document_id for p in own.find_file(sha) if p.document_id is not None]
                return {i: page for d in ids for i, page in own.ocr_pages(d).items()}
        except Exception:  # the register busy or gone: OCR reads the scan instead
            log.warning("the register's OCR words could not be read", exc_info=True)
            return {}

    return words


def comparing(old: PaperDocument, new: PaperDocument, parent: QObject | None = None, *,
              register: Register | None = None, ocr: bool | None = None,
              names: tuple[str, str] | None = None) -> Task:
    """A started task comparing two open documents: ``progress((step, text))``,
    ``done(Comparison)``, ``failed(exception)`` (CompareCancelled when cancelled). The
    documents must stay open until it has finished. ``register``: the register open in the
    window, whose kept OCR words stand for a scanned side's; ``ocr`` None: as Preferences
    say (read a scan unless "never"); ``names``: what the papers are called (their files'
    names unless given)."""
    read_ocr = ocr_mode() != NEVER if ocr is None else ocr
    lookup = stored_words(register)

    def work(task: Task) -> Comparison:
        def step(n: int, text: str) -> None:
            if task.cancelled.is_set():
                raise CompareCancelled()
            task.progress.emit((n, text))

        def side(n: int, doc: PaperDocument) -> Version:
            name = names[n] if names else doc.path.name

            def progress(done: int, total: int) -> None:
                if not task.cancelled.is_set() and done < total:
                    task.progress.emit((n, f"Reading {name} by OCR: page {done + 1} of "
                                           f"{total}…"))

            step(n, f"Reading {name}…")
            return read_version(doc, name, ocr=read_ocr, progress=progress,
                                cancel=task.cancelled.is_set,
                                stored=(lambda: lookup(doc)) if lookup else None)

        try:
            with reading(old), reading(new):
                before, after = side(0, old), side(1, new)
                step(2, "Comparing the two papers…")
                result = compare_versions(before, after)
        except OcrCancelled:
            raise CompareCancelled() from None
        step(STEPS, "Compared")
        return result

    return Task(work, "compare", parent).start()
