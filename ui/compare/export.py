"""Exporting a comparison from the window: the change list as an Excel sheet, or the later
paper with each change as a standard annotation (a PDF any reader shows and prints).

The file is written on a worker thread, behind a progress dialog whose Cancel leaves nothing:
it is written beside its destination and moved into place only when whole and not cancelled.
No PDFium call is made (the changes' rectangles were read with the comparison; openpyxl and
pikepdf write the files), so the PDF layer's one thread is not held up either.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from mopac_desk.annotations.pdf_write import ExportError, ExportResult
from mopac_desk.compare import Comparison
from mopac_desk.compare.excel import ChangesCancelled, ChangesWriteError, write_changes_xlsx
from mopac_desk.export.changes_pdf import write_changes_pdf
from mopac_desk.pdf import PaperDocument

from ..workspace import Task

log = logging.getLogger(__name__)

XLSX, PDF = "xlsx", "pdf"
FILTERS = {XLSX: "Excel workbook (*.xlsx)", PDF: "Annotated PDF (*.pdf)"}
WRITING = {XLSX: "Writing the changes to Excel…",
           PDF: "Writing the later paper with its changes as annotations…"}


def default_name(later: Path, kind: str, name: str | None = None) -> Path:
    """Where an export is offered: beside the later paper, "… changes.xlsx" / ".pdf"; for a
    paper shown under another ``name`` (a register's stored copy, named by its hash), in the
    home folder under that name, never inside the register's store."""
    if name is not None and name != later.name:
        return Path.home() / f"{Path(name).stem} changes.{kind}"
    return later.with_name(f"{later.stem} changes.{kind}")


def kind_of(path: str | Path, chosen_filter: str = "") -> str:
    """The export a chosen file name asks for: by its extension, else by the filter chosen."""
    suffix = Path(path).suffix.casefold()
    if suffix == ".pdf":
        return PDF
    if suffix == ".xlsx":
        return XLSX
    return PDF if chosen_filter == FILTERS[PDF] else XLSX


class ChangesExport(QObject):
    """One export at a time; ``written(path)``, ``failed(sentence)``, ``cancelled()``, and
    ``message(sentence)`` for the status bar."""

    written = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    message = Signal(str)

    def __init__(self, host: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self.task: Task | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self.task is not None

    def choose(self, comparison: Comparison | None, later: PaperDocument | None,
               kind: str | None = None, name: str | None = None) -> None:
        """Ask where to write (``kind`` None: Excel or annotated PDF, as the reader picks the
        file type), then write there. ``name``: what the later paper is shown as."""
        if comparison is None or later is None or self.task is not None:
            return
        offered = [kind] if kind else [XLSX, PDF]
        title = {XLSX: "Export the changes as Excel", PDF: "Export the changes as an "
                 "annotated PDF"}.get(kind or "", "Export the changes")
        offer = default_name(later.path, offered[0], name)
        path, chosen = QFileDialog.getSaveFileName(self._host, title, str(offer),
                                                   ";;".join(FILTERS[k] for k in offered))
        if not path:
            return
        if kind is None and Path(path) == offer and chosen == FILTERS[PDF]:
            # The name offered left as it was, the other file type picked: its extension.
            path = str(default_name(later.path, PDF, name))
        self.export_to(comparison, later, path, kind or kind_of(path, chosen))

    def export_to(self, comparison: Comparison, later: PaperDocument, out: str | Path,
                  kind: str = XLSX) -> Task | None:
        """Write ``comparison`` to ``out`` (``kind`` XLSX or PDF: the later paper, ``later``,
        with its changes as annotations) in the background; None while one is running."""
        if self.task is not None:
            return None
        dest = Path(out)
        source, password = later.path, later.password  # read here, on the GUI thread

        def work(task: Task) -> Path:
            if kind == PDF:
                result: ExportResult = write_changes_pdf(comparison, source, dest, password,
                                                         cancel=task.cancelled.is_set)
                return Path(result.path)
            return write_changes_xlsx(comparison, dest, cancel=task.cancelled.is_set)

        dialog = QProgressDialog(WRITING[kind], "Cancel", 0, 0, self._host)
        dialog.setObjectName("compareExportProgress")
        dialog.setWindowTitle("Export Changes")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)  # a quick export shows no dialog at all
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        task = Task(work, "compare-export", self)
        dialog.canceled.connect(task.cancel)
        task.done.connect(lambda path, t=task: self._done(t, path))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        self.task, self.dialog = task, dialog
        return task.start()

    def cancel(self) -> None:
        """Stop the export running: nothing is written (the step running finishes first)."""
        if self.task is not None:
            self.task.cancel()

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.task = self.dialog = None

    def _done(self, task: Task, path: Path) -> None:
        if task is not self.task:
            return
        self._finish()
        self.message.emit(f"Changes written to {path}")
        self.written.emit(path)

    def _failed(self, task: Task, exc: BaseException) -> None:
        if task is not self.task:
            return
        self._finish()
        if isinstance(exc, ChangesCancelled):
            self.message.emit("Export cancelled: nothing was written")
            self.cancelled.emit()
        elif isinstance(exc, (ChangesWriteError, ExportError)):
            self.failed.emit(str(exc))
        elif isinstance(exc, OSError):
            self.failed.emit(f"The changes could not be written ({exc.strerror or exc}).")
        else:
            log.error("export of changes failed", exc_info=exc)
            self.failed.emit("The changes could not be written.")
