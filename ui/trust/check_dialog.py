"""Tools › Check Register: :func:`mopac_desk.register.verify.verify_register` off the GUI
thread with progress and cancel, the report in plain words, and Repair… when something can
be repaired (:func:`repair_register`, with a folder of originals to put missing copies back).

The dialog only shows what the core reports (``VerifyReport.lines(command_line=False)``);
any failure of the check itself is one sentence, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mopac_desk.register import RegisterError
from mopac_desk.register.verify import (
    CHANGED,
    MISSING,
    REPAIRABLE,
    VerifyReport,
    repair_register,
    verify_register,
)
from mopac_desk.terminal import os_reason

from ..workspace import Task

#: asks for the folder holding the original PDFs (None: the clerk cancelled)
FolderChooser = Callable[[QWidget], "Path | None"]


def choose_originals_folder(parent: QWidget) -> Path | None:
    folder = QFileDialog.getExistingDirectory(
        parent, "Where are the original papers? (missing copies are put back from there)")
    return Path(folder) if folder else None


def failure_text(exc: BaseException) -> str:
    """The one sentence for a check or repair that could not run."""
    if isinstance(exc, RegisterError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"The register could not be checked: {os_reason(exc)}."
    return f"The register could not be checked ({type(exc).__name__})."


class CheckRegisterDialog(QDialog):
    """Checks the register at ``path`` as soon as it is shown (``start()``); ``read_only``
    (the register's reason, or None) keeps Repair off, since nothing may be written."""

    #: the check (or a repair) finished with this report
    reported = Signal(object)
    #: the check or repair could not run; the plain sentence shown
    failed = Signal(str)

    def __init__(self, path: Path, read_only: str | None = None,
                 parent: QWidget | None = None,
                 choose_folder: FolderChooser = choose_originals_folder) -> None:
        super().__init__(parent)
        self.setObjectName("checkRegisterDialog")
        self.setWindowTitle("Check Register")
        self.path = Path(path)
        self.read_only = read_only
        self.choose_folder = choose_folder
        self.report: VerifyReport | None = None
        self._task: Task | None = None
        self._stopping = False
        self._seen = (0, 0)
        self.heading = QLabel(f"Checking the register {self.path.name} and every stored copy…")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Stored copies checked")
        self.text = QPlainTextEdit()
        self.text.setObjectName("checkReport")
        self.text.setReadOnly(True)
        self.text.setAccessibleName("What the check found")
        self.text.setMinimumSize(520, 160)
        self.buttons = QDialogButtonBox()
        self.repair_button = QPushButton("&Repair…")
        self.repair_button.setToolTip("Remove leftover files and put back missing or changed "
                                      "copies from a folder of the original papers")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button.clicked.connect(self.cancel)
        self.repair_button.clicked.connect(self.repair)
        self.close_button.clicked.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(self.progress)
        box.addWidget(self.text, 1)
        box.addWidget(self.buttons)
        self._set_running(False)
        self.repair_button.setEnabled(False)

    # ===== public ============================================================================
    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        """Check the register (again)."""
        path = self.path

        def work(task: Task) -> VerifyReport:
            return verify_register(path, progress=lambda d, n: task.progress.emit((d, n)),
                                   cancel=task.cancelled.is_set)

        self.heading.setText(f"Checking the register {path.name} and every stored copy…")
        self._run(work, "register-check")

    def cancel(self) -> None:
        """Stop the check; what was checked so far is still reported."""
        if self._task is not None:
            self._stopping = True
            self._task.cancel()
            self.heading.setText("Stopping…")

    def repair(self) -> None:
        """Ask for the originals' folder when copies are missing or changed, then repair."""
        report = self.report
        if report is None or self.running:
            return
        originals: list[Path] = []
        if report.of_kind(MISSING) or report.of_kind(CHANGED):
            folder = self.choose_folder(self)
            if folder is None:
                return
            originals = [folder]
        path = self.path

        def work(task: Task) -> VerifyReport:
            return repair_register(path, originals=originals,
                                   progress=lambda d, n: task.progress.emit((d, n)))

        self.heading.setText(f"Repairing the register {path.name}…")
        self._run(work, "register-repair")

    # ===== internals =========================================================================
    def _run(self, work: Callable[[Task], VerifyReport], name: str) -> None:
        if self._task is not None:
            self._task.cancel()
        self._stopping = False
        self._seen = (0, 0)
        task = Task(work, name, self)
        task.progress.connect(lambda value, t=task: self._progress(t, value))
        task.done.connect(lambda report, t=task: self._done(t, report))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        self._task = task
        self.progress.setRange(0, 0)  # busy until the first copy is counted
        self.text.setPlainText("")
        self._set_running(True)
        task.start()

    def _progress(self, task: Task, value: object) -> None:
        if task is self._task and isinstance(value, tuple):
            done, total = value
            self._seen = (done, total)
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)

    def _done(self, task: Task, report: VerifyReport) -> None:
        if task is not self._task:
            return
        self._task = None
        self.report = report
        lines = report.lines(command_line=False)
        if self._stopping:
            done, total = self._seen
            lines.insert(0, (f"The check was stopped after {done} of {total} stored copies; "
                             "this is what it found so far:") if done < total else
                         "The check was stopped, but every stored copy had been checked:")
        self.heading.setText("The register needs attention:" if not report.ok
                             else "The register was checked.")
        self.text.setPlainText("\n\n".join(lines))
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._set_running(False)
        can_repair = (not report.damaged and self.read_only is None
                      and any(report.of_kind(kind) for kind in REPAIRABLE))
        self.repair_button.setEnabled(can_repair)
        if self.read_only is not None and not report.ok and not report.damaged:
            self.text.appendPlainText(f"\nThis register is read-only ({self.read_only}), so "
                                      "nothing can be repaired from here.")
        self.reported.emit(report)

    def _failed(self, task: Task, exc: BaseException) -> None:
        if task is not self._task:
            return
        self._task = None
        text = failure_text(exc)
        self.heading.setText("The register could not be checked.")
        self.text.setPlainText(text)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._set_running(False)
        self.repair_button.setEnabled(False)
        self.failed.emit(text)

    def _set_running(self, running: bool) -> None:
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        if running:
            self.repair_button.setEnabled(False)

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        super().reject()
