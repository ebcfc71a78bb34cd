"""Which register papers a file holds: hashes the file off the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from mopac_desk.register.storage import file_sha256


class FileHasher(QObject):
    """``hash(path, token)`` reads the file on a short-lived thread and emits
    ``hashed(token, sha256)`` on the GUI thread (``""`` when the file cannot be read)."""

    hashed = Signal(object, str)

    def hash(self, path: Path, token: object) -> None:
        def work() -> None:
            try:
                sha = file_sha256(Path(path))
            except OSError:
                sha = ""
            try:
                self.hashed.emit(token, sha)
            except RuntimeError:  # the window closed while the file was being read
                pass

        threading.Thread(target=work, name="review-file-hash", daemon=True).start()
