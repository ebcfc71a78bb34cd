"""Importing into the workspace's register from the browser: one import at a time on an
:class:`ImportThread`, with a cancellable progress dialog and one plain-English summary."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from mopac_desk.register.importer import FAILED

from ..workspace import Workspace
from .worker import ImportThread


class ImportRunner(QObject):
    """Runs imports for ``owner`` (the widget the progress dialog sits over)."""

    #: True while an import runs
    busy_changed = Signal(bool)
    #: (level, text): the summary of a finished import, or why it could not run
    message = Signal(str, str)
    #: the outcomes (list of FileOutcome) once the thread has ended
    finished = Signal(list)

    def __init__(self, workspace: Workspace, owner: QWidget) -> None:
        super().__init__(owner)
        self._workspace = workspace
        self._owner = owner
        self._thread: ImportThread | None = None
        self._progress: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        """An import is running."""
        return self._thread is not None

    def start(self, paths: Sequence[str | Path], meeting_id: int | None = None,
              passwords: Mapping[Path, str] | None = None) -> ImportThread | None:
        """Start importing ``paths``; None when no register is open or one is running."""
        register = self._workspace.register
        if register is None or self._thread is not None:
            return None
        thread = ImportThread(register.path, paths, meeting_id, self, passwords,
                              on_changes=self._workspace.post_changes)
        dialog = QProgressDialog("Importing papers…", "Cancel", 0, 0, self._owner)
        dialog.setWindowTitle("Import")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(thread.cancel)
        thread.progress.connect(self._import_progress)
        thread.done.connect(self._import_done)
        thread.failed.connect(lambda msg: self.message.emit("error", msg))
        thread.finished.connect(self._thread_finished)
        self._thread, self._progress = thread, dialog
        self.busy_changed.emit(True)
        thread.start()
        return thread

    def shutdown(self) -> None:
        """Cancel a running import and wait for its thread (before the app quits)."""
        if self._thread is not None:
            self._thread.cancel()
            self._thread.wait()

    def _import_progress(self, done: int, total: int, line: str) -> None:
        dialog = self._progress
        if dialog is not None:
            # setValue() on a modal dialog processes events, which may finish the import
            dialog.setLabelText(line)
            dialog.setMaximum(total)
            dialog.setValue(done)

    def _import_done(self, outcomes: list) -> None:
        failed = [o for o in outcomes if o.status == FAILED]
        text = f"{len(outcomes)} file(s) handled, {len(failed)} failed."
        if failed:
            text += " " + " ".join(o.line() for o in failed[:5])
        self.message.emit("error" if failed else "info", text)

    def _thread_finished(self) -> None:
        thread = self._thread
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
        self._thread, self._progress = None, None
        self.busy_changed.emit(False)
        outcomes = thread.outcomes if thread is not None else []
        if thread is not None:
            thread.deleteLater()
        self.finished.emit(outcomes)
