"""Which register papers the open file holds, found off the GUI thread.

The work is :func:`mopac_desk.register.locate.locate_or_import` on a short-lived thread with
its own register connection (SQLite connections belong to one thread); what it writes reaches
every view through the workspace's change stream. A later file, or another register, makes
an answer still on its way obsolete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from mopac_desk.register import ImportedPaper, Register, RegisterError
from mopac_desk.register.locate import IMPORTING, LocateCancelled, locate_or_import

from ..workspace import Task, Workspace

NO_PAPER = "No paper: open a PDF, or choose a paper in the register."
LOOKING_TEXT = "Looking for this paper in the register…"
IMPORTING_TEXT = "Importing this paper into the register…"


class FilePapers(QObject):
    """``locate(path, password)`` answers with ``located(papers)`` (ImportedPaper by first
    page) or ``state(text)``: a plain sentence while it works, or why there is no paper."""

    located = Signal(list)
    state = Signal(str)
    #: OCR (issue #17): a new scan's pages being read on import (done, total)
    ocr_progress = Signal(int, int)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._task: Task | None = None
        self._file: tuple[Path, str | None] | None = None
        self.papers: list[ImportedPaper] = []
        #: OCR (issue #17): whether a new scan at this path is read by OCR on import (the
        #: window's OCR controller sets it from Preferences); False leaves it unread
        self.ocr_policy: Callable[[Path], bool] = lambda _path: True

    @property
    def looking(self) -> bool:
        """True while a lookup is under way (its answer, ``located`` or ``state``, to come)."""
        return self._task is not None

    def locate(self, path: Path | None, password: str | None = None) -> None:
        """Find (or import) the papers of the file at ``path``; None: no file is open."""
        self._file = (Path(path), password) if path is not None else None
        self.relocate()

    def relocate(self) -> None:
        """Look the open file up again (in the register open now)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.papers = []
        register = self._workspace.register
        if self._file is None:
            self.state.emit(NO_PAPER)
            return
        if register is None:
            self.state.emit("No paper: no register is open.")
            return
        path, password = self._file
        ocr = self.ocr_policy(path)
        register_path, clerk, workspace = register.path, self._workspace.clerk(), self._workspace

        def work(task: Task) -> list[ImportedPaper]:
            with Register(register_path, user=clerk) as own:
                own.add_listener(workspace.post_changes)
                return locate_or_import(own, path, password, cancel=task.cancelled,
                                        on_progress=task.progress.emit, ocr=ocr,
                                        on_ocr_progress=lambda d, n: task.progress.emit((d, n)))

        task = Task(work, "review-locate", self)
        task.progress.connect(lambda stage, t=task: self._progress(t, stage))
        task.done.connect(lambda papers, t=task: self._done(t, papers))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        self._task = task
        self.state.emit(LOOKING_TEXT)
        task.start()

    def cancel(self, text: str) -> None:
        """OCR (issue #17): stop the lookup under way (a scan being read is left unread and
        nothing is written); ``text`` says so in the panel."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self.state.emit(text)

    def _progress(self, task: Task, stage: object) -> None:
        if task is self._task and isinstance(stage, tuple):
            self.ocr_progress.emit(*stage)
        elif task is self._task and stage == IMPORTING:
            self.state.emit(IMPORTING_TEXT)

    def _done(self, task: Task, papers: list[ImportedPaper]) -> None:
        if task is not self._task:
            return  # another file was opened meanwhile
        self._task = None
        self.papers = list(papers)
        self.located.emit(self.papers)

    def _failed(self, task: Task, exc: BaseException) -> None:
        if task is not self._task or isinstance(exc, LocateCancelled):
            return
        self._task = None
        if isinstance(exc, RegisterError):
            text = str(exc)
        else:  # a bug in reading the file must not leave the panel waiting for ever
            text = f"the file could not be looked up ({type(exc).__name__}: {exc})."
        self.state.emit(f"No paper: {text}")

    def paper_for_page(self, page_index: int) -> int | None:
        """The paper of this file that the 0-based page belongs to (None: no papers)."""
        chosen = None
        for p in self.papers:
            if p.first_page <= page_index + 1 or chosen is None:
                chosen = p.id
        return chosen
