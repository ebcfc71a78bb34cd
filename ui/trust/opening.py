"""Opening a PDF for the window: a password asked for at most once per file, and every
failure one plain sentence (a missing, unreadable or damaged file never reaches the clerk as
a traceback or the generic "unexpected problem" box).

A password that opened a file is remembered for the session by the file's contents, so the
same paper opened again (from Open Recent, or its stored copy from the register) opens
without asking: the clerk is asked once per protected file, and again only after a wrong try.
"""

from __future__ import annotations

from pathlib import Path
from mopac_desk.files import file_sha256
from mopac_desk.pdf import PaperDocument, PaperError, PasswordRequiredError, WrongPasswordError
from mopac_desk.terminal import os_reason

from ..messages import Messenger, PasswordPrompt

TITLE = "Cannot open paper"


class PaperOpener:
    """``open(path)`` gives an open :class:`PaperDocument`, or None after telling the clerk
    why not through ``messenger`` (or after the clerk cancelled the password prompt)."""

    def __init__(self, messenger: Messenger, prompt: PasswordPrompt) -> None:
        self._messenger = messenger
        self._prompt = prompt
        self._passwords: dict[str, str] = {}  # file hash -> the password that opened it

    def open(self, path: str | Path, password: str | None = None, *,
             review_annotations: bool = True, check_later: bool = False) -> PaperDocument | None:
        path = Path(path)
        key: str | None = None
        remembered_tried = False
        retry = False
        while True:
            try:
                doc = PaperDocument.open(path, password=password,
                                         review_annotations=review_annotations,
                                         check_later=check_later)
            except PasswordRequiredError as exc:
                wrong = isinstance(exc, WrongPasswordError)
                if not wrong and (exc.__class__ is not PasswordRequiredError
                                  or password is not None):
                    # an encryption we cannot open: asking (again) would not help
                    self._messenger.error(TITLE, str(exc))
                    return None
                if key is None:
                    key = self._key(path)
                if not remembered_tried and key in self._passwords:
                    remembered_tried = True
                    password = self._passwords[key]
                    continue
                # a wrong password typed here is said so; a remembered one that no longer
                # opens the file (it was replaced) is not the clerk's mistake
                retry = wrong and not (
                    remembered_tried and password == self._passwords.get(key))
                remembered_tried = True
                password = self._prompt(path.name, retry)
                if password is None:
                    return None
                continue
            except PaperError as exc:
                self._messenger.error(TITLE, str(exc))
                return None
            except OSError as exc:  # e.g. permission denied: the file's own reason
                self._messenger.error(TITLE, unreadable(path, exc))
                return None
            if password and key is not None:
                self._passwords[key] = password
            return doc

    def forget(self) -> None:
        """Forget every remembered password."""
        self._passwords.clear()

    @staticmethod
    def _key(path: Path) -> str:
        try:
            return file_sha256(path)
        except OSError:
            return str(path.resolve())


def unreadable(path: Path, exc: OSError) -> str:
    """“name.pdf” cannot be read: permission denied."""
    return f"“{path.name}” cannot be read: {os_reason(exc)}."

