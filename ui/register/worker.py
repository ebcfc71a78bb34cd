"""Background import: a QThread that imports files into its own register connection."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Mapping, Sequence

from PySide6.QtCore import QThread, Signal

from mopac_desk.register import Register, RegisterError
from mopac_desk.register.importer import FileOutcome, import_paths


class ImportThread(QThread):
    """Runs ``import_paths`` off the GUI thread; progress and the result arrive as signals.

    SQLite connections belong to one thread, so the thread opens the register itself;
    ``on_changes`` hears what each of its commits changed (the workspace's change stream).
    """

    progress = Signal(int, int, str)  # done, total, one line about the last file
    done = Signal(list)               # list[FileOutcome]
    failed = Signal(str)              # the register itself could not be used

    def __init__(self, register_path: Path, paths: Sequence[str | Path],
                 meeting_id: int | None = None, parent=None,
                 passwords: Mapping[Path, str] | None = None,
                 on_changes: Callable[[list], None] | None = None) -> None:
        super().__init__(parent)
        self._on_changes = on_changes  # told of each commit (from this thread)
        self._passwords = dict(passwords or {})
        self._register_path = Path(register_path)
        self._paths = [Path(p) for p in paths]
        self._meeting_id = meeting_id
        self.cancel_event = threading.Event()
        self.outcomes: list[FileOutcome] = []

    def cancel(self) -> None:
        """Stop before the next file."""
        self.cancel_event.set()

    def run(self) -> None:
        try:
            with Register(self._register_path) as reg:
                if self._on_changes is not None:
                    reg.add_listener(self._on_changes)
                self.outcomes = import_paths(
                    reg, self._paths, meeting_id=self._meeting_id, cancel=self.cancel_event,
                    progress=lambda d, t, o: self.progress.emit(d, t, o.line()),
                    passwords=self._passwords)
        except RegisterError as exc:
            self.failed.emit(str(exc))
            return
        self.done.emit(self.outcomes)
