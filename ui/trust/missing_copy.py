"""A register paper whose stored copy is missing: say which paper, and offer to locate the
original.

The original the clerk points at is hashed off the GUI thread; only a file with the hash
the paper was imported with is used, and it goes back through the importer
(:func:`mopac_desk.register.importer.import_file` restores a duplicate's missing copy), so
the register's own rule puts it back. A file with other contents is refused plainly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from mopac_desk.files import file_sha256
from mopac_desk.register import Register, RegisterError
from mopac_desk.register.importer import DUPLICATE, import_file
from mopac_desk.register.records import DocumentRecord
from mopac_desk.terminal import os_reason

from ..messages import Messenger
from ..workspace import Task, Workspace

TITLE = "The paper's stored copy is missing"
LOCATE = "&Locate the Original…"
#: asks for the original PDF (caption) -> its path, or None when the clerk cancelled
FileChooser = Callable[[QWidget, str], "Path | None"]


def choose_original(parent: QWidget, caption: str) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(parent, caption, "",
                                                "PDF papers (*.pdf);;All files (*)")
    return Path(path) if path else None


@dataclass(frozen=True)
class Missing:
    """The paper asked for, the document whose copy is gone, and how to name it."""

    paper_id: int
    document: DocumentRecord
    name: str  # "PCD 977"
    page_index: int = 0

    @property
    def text(self) -> str:
        return (f"The register's copy of {self.name} ({self.document.file_name}) is missing, "
                "so the paper cannot be shown. Locate the original PDF to put the copy back "
                "(Tools › Check Register checks every stored copy).")


class RestoreRefused(Exception):
    """The chosen file cannot restore the copy; ``str()`` says why in plain words."""


def find_missing(register: Register, paper_id: int, stored_path: str | Path,
                 page_index: int = 0) -> Missing | None:
    """The missing copy behind opening ``stored_path`` for ``paper_id`` (None: it is there)."""
    target = Path(stored_path)
    if target.is_file():
        return None
    documents = register.documents(paper_id)
    document = next((d for d in documents if Path(d.stored_path) == target), None) or \
        next((d for d in documents if d.current), None) or \
        (documents[0] if documents else None)
    if document is None:
        return None
    rows = register.list_papers(paper_ids=[paper_id])
    summary = rows[0] if rows else None
    name = (summary.reference or summary.title) if summary is not None else None
    return Missing(paper_id, document, name or f"paper {paper_id}", page_index)


class MissingCopyOffer(QObject):
    """Shows the missing-copy message with "Locate the Original…", restores the copy from
    the file chosen, and asks ``open_stored`` to open it (path, page index)."""

    #: the message shown (for tests and the status bar)
    offered = Signal(str)
    #: the copy was put back at this path
    restored = Signal(object)
    #: the chosen file was not used; the plain reason
    refused = Signal(str)

    def __init__(self, workspace: Workspace, messenger: Messenger,
                 open_stored: Callable[[Path, int], object], parent: QWidget) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._messenger = messenger
        self._open_stored = open_stored
        self._parent = parent
        self.choose_file: FileChooser = choose_original
        self.interactive = True  # False: no message box (tests drive ``locate`` directly)
        self.box: QMessageBox | None = None
        self.last: Missing | None = None  # the copy offered last
        self._task: Task | None = None

    def offer(self, missing: Missing) -> None:
        """Say which paper's copy is missing and offer to locate its original."""
        self.last = missing
        self.offered.emit(missing.text)
        if not self.interactive:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE, missing.text,
                          QMessageBox.StandardButton.Cancel, self._parent)
        box.setObjectName("missingCopyMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)
        locate = box.addButton(LOCATE, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(locate)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        locate.clicked.connect(lambda: self.choose_and_locate(missing))
        box.finished.connect(lambda _result, b=box: self._box_closed(b))
        self.box = box
        box.open()

    def _box_closed(self, box: QMessageBox) -> None:
        if self.box is box:
            self.box = None

    def choose_and_locate(self, missing: Missing) -> None:
        """Ask for the original file (``choose_file``) and locate the copy from it."""
        chosen = self.choose_file(self._parent, f"Locate the original of {missing.name}")
        if chosen is not None:
            self.locate(missing, chosen)

    def locate(self, missing: Missing, chosen: Path) -> Task | None:
        """Put the copy back from ``chosen`` if it is the original (off the GUI thread)."""
        register = self._workspace.register
        if register is None:
            self._refuse("No register is open.")
            return None
        path, clerk, workspace = register.path, self._workspace.clerk(), self._workspace
        want = missing.document.sha256

        def work(_task: Task) -> Path:
            try:
                sha = file_sha256(chosen)
            except OSError as exc:
                raise RestoreRefused(f"“{chosen.name}” cannot be read: {os_reason(exc)}.") \
                    from None
            if sha != want:
                raise RestoreRefused(
                    f"“{chosen.name}” is not the file {missing.name} was imported from (its "
                    "contents differ), so it was not used. Choose the original PDF.")
            with Register(path, user=clerk) as own:
                own.add_listener(workspace.post_changes)
                outcome = import_file(own, chosen, sha256=sha)
            target = Path(missing.document.stored_path)
            if outcome.status != DUPLICATE or not target.is_file():
                raise RestoreRefused(f"The copy of {missing.name} could not be put back: "
                                     f"{outcome.message}.")
            return target

        task = Task(work, "restore-copy", self)
        task.done.connect(lambda target, t=task: self._done(t, target, missing))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        self._task = task
        return task.start()

    def _done(self, task: Task, target: Path, missing: Missing) -> None:
        if task is not self._task:
            return
        self._task = None
        self.restored.emit(target)
        self._open_stored(target, missing.page_index)

    def _failed(self, task: Task, exc: BaseException) -> None:
        if task is not self._task:
            return
        self._task = None
        if isinstance(exc, (RestoreRefused, RegisterError)):
            self._refuse(str(exc))
        else:
            self._refuse(f"The copy could not be put back ({type(exc).__name__}).")

    def _refuse(self, text: str) -> None:
        self.refused.emit(text)
        self._messenger.warning("The copy was not put back", text)
