"""Who reads the files of an import: this thread (one file, or an extractor of the caller's
own), or the shared child processes (:mod:`.reader_process`) for several."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Callable

from ..extract.model import Extraction
from ..pdf import PaperDocument
from .reader_process import (
    FileRead,
    ReadCancelled,
    ReaderProcess,
    ReaderUnavailable,
    read_for_register,
    reader_count,
    take_readers,
)

Extractor = Callable[[Path], Extraction]
OcrProgress = Callable[[int, int], None]  # (scanned pages read, pages to read)


def read_page_texts(path: Path, password: str | None = None) -> list[str]:
    """The text of every page, for the search index."""
    with PaperDocument.open(path, password=password) as doc:
        return [doc.text(i) for i in range(doc.page_count)]


class ReadHere:
    """Reads each file on the calling thread when its outcome is asked for: one file (no
    child to start for it), or an extractor of the caller's own."""

    depth = 0  # files handed over ahead of the one being finished

    def __init__(self, extractor: Extractor | None = None,
                 ocr_progress: OcrProgress | None = None,
                 ocr_cancel: Callable[[], bool] | None = None) -> None:
        self._extractor = extractor
        self._ocr = (ocr_progress, ocr_cancel)
        self._jobs: list[tuple[Path, str | None, str | None, bool]] = []

    def submit(self, path: Path, password: str | None, sha256: str | None,
               ocr: bool = True) -> None:
        self._jobs.append((path, password, sha256, ocr))

    def next(self, cancel: Callable[[], bool] | None = None) -> FileRead:
        path, password, sha256, ocr = self._jobs.pop(0)
        if self._extractor is None:
            return read_for_register(path, password, sha256, ocr, *self._ocr)
        return FileRead(self._extractor(path), read_page_texts(path, password), None)


class ReadAside:
    """The shared child processes (:mod:`.reader_process`), taking files in turn, several
    handed over ahead of the one this thread writes, so the children never wait for the
    writes (nor for a commit that checkpoints the register's log)."""

    depth = 8

    def __init__(self) -> None:
        self.processes: list[ReaderProcess] = take_readers(reader_count())
        # who reads each file handed over (None: this process), and the file
        self._turns: deque[tuple[ReaderProcess | None, tuple]] = deque()
        self._next = 0
        self._here = False  # no child could start: every file is read in this process

    def submit(self, path: Path, password: str | None, sha256: str | None,
               ocr: bool = True) -> None:
        job = (path, password, sha256, ocr)
        if self._here:
            self._turns.append((None, job))
            return
        process = self.processes[self._next % len(self.processes)]
        self._next += 1
        process.submit(path, password, sha256, ocr)
        self._turns.append((process, job))

    def next(self, cancel: Callable[[], bool] | None = None) -> FileRead:
        process, job = self._turns.popleft()
        if process is None:  # no child can start here: read in this process
            return read_for_register(*job)
        try:
            return process.next(cancel)
        except ReadCancelled:
            self._close_all()  # the other child's file is let go of too
            raise
        except ReaderUnavailable:
            self._here = True  # the files handed over after it are read here too
            self._close_all()
            self._turns = deque((None, j) for _p, j in self._turns)
            return read_for_register(*job)

    def _close_all(self) -> None:
        for process in self.processes:
            process.close()


Reader = ReadHere | ReadAside
