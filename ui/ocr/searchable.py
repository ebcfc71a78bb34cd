"""File › Save Searchable Copy…: the open scan written with its OCR words as an invisible text
layer (``mopac_desk.ocr.layer.write_searchable_copy``), off the GUI thread, with progress
and Cancel. The copy is written beside its destination and moved into place whole, so a
cancel or a failure leaves nothing; the scan itself is never written to."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from mopac_desk.ocr.engine import OcrPage
from mopac_desk.ocr.layer import CopyCancelled, write_searchable_copy
from mopac_desk.ocr.reader import OcrCancelled, recognise_pages
from mopac_desk.pdf import PaperDocument

from ..workspace import Task

NOTHING_TO_ADD = "Every page of this paper has text already: there is nothing to add."


def default_name(scan: Path) -> Path:
    """Where the copy is offered: beside the scan, "… (searchable).pdf"."""
    return scan.with_name(f"{scan.stem} (searchable).pdf")


class SearchableCopy(QObject):
    """Saves searchable copies of the window's open scan; one at a time."""

    saved = Signal(object)  # Path
    failed = Signal(str)  # plain sentence
    cancelled = Signal()

    def __init__(self, document: Callable[[], PaperDocument | None],
                 ocr_pages: Callable[[], list[OcrPage]], parent: QWidget) -> None:
        super().__init__(parent)
        self._document, self._ocr_pages, self._window = document, ocr_pages, parent
        self.task: Task | None = None
        self.dialog: QProgressDialog | None = None

    def choose(self) -> None:
        """Ask where to save, then save there."""
        doc = self._document()
        if doc is None:
            return
        path, _f = QFileDialog.getSaveFileName(self._window, "Save a searchable copy",
                                               str(default_name(doc.path)),
                                               "PDF papers (*.pdf)")
        if path:
            self.save_to(Path(path))

    def save_to(self, out: Path) -> Task | None:
        """Write the open scan's searchable copy to ``out`` in the background (reading its
        pages by OCR first when the window has not); returns the running job."""
        doc = self._document()
        if doc is None or self.task is not None:
            return None
        pages = self._ocr_pages()
        scan, password = doc.path, doc.password

        def work(task: Task) -> Path | None:
            read = pages or recognise_pages(
                doc, progress=lambda d, n: task.progress.emit((d, n)),
                cancel=task.cancelled.is_set)
            if not read:
                return None
            task.progress.emit((-1, 0))  # writing: no page count to show
            return write_searchable_copy(scan, out, read, password=password,
                                         cancel=task.cancelled.is_set)

        dialog = QProgressDialog("Saving a searchable copy…", "Cancel", 0, 0, self._window)
        dialog.setWindowTitle("Save Searchable Copy")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        task = Task(work, "ocr-searchable-copy", self)
        dialog.canceled.connect(task.cancel)
        task.progress.connect(lambda dn: self._progress(*dn))
        task.done.connect(self._done)
        task.failed.connect(self._failed)
        self.task, self.dialog = task, dialog
        task.start()
        return task

    def _progress(self, done: int, total: int) -> None:
        if self.dialog is None:
            return
        if done < 0:
            self.dialog.setLabelText("Writing the searchable copy…")
            self.dialog.setRange(0, 0)
        else:
            self.dialog.setLabelText(f"Reading the scan by OCR: page {min(done + 1, total)} "
                                     f"of {total}…")
            self.dialog.setRange(0, total)
            self.dialog.setValue(done)

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.task = self.dialog = None

    def _done(self, path: Path | None) -> None:
        self._finish()
        if path is None:
            self.failed.emit(NOTHING_TO_ADD)
        else:
            self.saved.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, (CopyCancelled, OcrCancelled)):
            self.cancelled.emit()
        else:
            self.failed.emit(str(exc) or f"The copy could not be written "
                                         f"({type(exc).__name__}).")
