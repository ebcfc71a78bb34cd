"""Trust under faults, in the window: opening files (one password prompt, plain reasons),
a register paper whose stored copy is missing, Tools › Check Register, and the banner for a
read-only register or a repaired document. The main window builds one
:class:`TrustController` and routes those moments through it."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from mopac_desk.paths import default_register_path
from mopac_desk.pdf import PaperDocument
from mopac_desk.register import Register, RegisterError

from ..messages import Messenger, PasswordPrompt
from ..workspace import Workspace
from .check_dialog import CheckRegisterDialog
from .missing_copy import MissingCopyOffer, find_missing
from .opening import TITLE, PaperOpener
from .register_state import (
    READ_ONLY,
    REPAIRED,
    TrustBanner,
    names_damage,
    read_only_text,
    repaired_document,
    repaired_text,
    window_words,
)

#: (level, text) -> shows a message where the register browser shows its own
ShowMessage = Callable[[str, str], None]


class TrustController(QObject):
    """``opener`` opens files, ``missing`` handles a missing stored copy, ``banner`` (put it
    above the page) carries the read-only and repaired notes, ``check_register()`` opens
    Tools › Check Register."""

    #: a Check Register dialog was opened (for tests and screenshots)
    check_opened = Signal(object)
    #: (document, reason, who is told) from the PDFium thread: queued to the GUI thread
    _refused = Signal(object, str, object)

    def __init__(self, workspace: Workspace, messenger: Messenger, prompt: PasswordPrompt,
                 open_stored: Callable[[Path, int], object],
                 close_document: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._messenger = messenger
        self._close_document = close_document
        self._parent = parent
        self.opener = PaperOpener(messenger, prompt)
        self.missing = MissingCopyOffer(workspace, messenger, open_stored, parent)
        self.banner = TrustBanner(parent)
        self.dialog: CheckRegisterDialog | None = None
        self._refused.connect(self._on_refused)
        workspace.register_switched.connect(self._register_switched)
        self._register_switched(workspace.register)

    # ===== opening ===========================================================================
    def open_document(self, path: str | Path, password: str | None = None, *,
                      review_annotations: bool = True,
                      refused: Callable[[PaperDocument, str], None] | None = None,
                      ) -> PaperDocument | None:
        """The open paper, or None after saying why not (see :class:`PaperOpener`).

        Page 1 is measured before it opens, the rest of the file while page 1 is shown: a
        file refused then is closed with its reason (issue #18), or, for a paper not the
        window's own (a compare side), ``refused(document, reason)`` is called on the GUI
        thread instead."""
        doc = self.opener.open(path, password, review_annotations=review_annotations,
                               check_later=True)
        if doc is not None:
            tell = refused or self._close_refused

            def checked(f: "Future[None]") -> None:
                if f.exception() is not None:
                    self._refused.emit(doc, str(f.exception()), tell)
            doc.rest_checked.add_done_callback(checked)
        return doc

    def _on_refused(self, doc: PaperDocument, reason: str,
                    tell: Callable[[PaperDocument, str], None]) -> None:
        tell(doc, reason)

    def _close_refused(self, doc: PaperDocument, reason: str) -> None:
        if not doc.closed:  # still the window's paper (a paper replaced is closed)
            self._close_document()
            self._messenger.error(TITLE, reason)

    def offer_missing(self, paper_id: int, stored_path: str | Path, page_index: int = 0) -> bool:
        """True when the paper's stored copy is missing: the paper open before is closed (it
        is not the one asked for) and the clerk is offered to locate the original."""
        register = self._workspace.register
        if register is None:
            return False
        try:
            missing = find_missing(register, paper_id, stored_path, page_index)
        except RegisterError as exc:
            self._messenger.error("Cannot open paper", window_words(str(exc)))
            return True
        if missing is None:
            return False
        self._close_document()
        self.missing.offer(missing)
        return True

    # ===== the register ======================================================================
    def check_register(self, path: str | Path | None = None) -> CheckRegisterDialog | None:
        """Tools › Check Register: the open register (or ``path``; with neither, the clerk
        chooses a register file, e.g. one that would not open)."""
        register = self._workspace.register
        read_only = None
        if path is None and register is not None:
            path, read_only = register.path, register.read_only
        elif path is None:
            start = str(default_register_path().parent)
            chosen, _f = QFileDialog.getOpenFileName(self._parent, "Check which register?",
                                                     start, "Registers (*.sqlite);;All files (*)")
            if not chosen:
                return None
            path = chosen
        elif register is not None and Path(path) == register.path:
            read_only = register.read_only
        if self.dialog is not None:
            self.dialog.reject()
        dialog = self.dialog = CheckRegisterDialog(Path(path), read_only, self._parent)
        dialog.open()
        dialog.start()
        self.check_opened.emit(dialog)
        return dialog

    def reword_damage(self, level: str, text: str, show: ShowMessage) -> None:
        """A message pointing to ``mopac-desk verify`` is said again naming the window's
        Tools › Check Register too (``show`` replaces the message shown)."""
        if names_damage(text):
            show(level, window_words(text))

    def show_repaired(self, paper_id: int | None, doc: PaperDocument | None) -> None:
        """The review panel shows ``paper_id`` of the open ``doc``: note it if the document
        was repaired on opening."""
        register = self._workspace.register
        text = None
        if register is not None and paper_id is not None and doc is not None:
            try:
                if repaired_document(register, paper_id, doc.path, doc.repaired):
                    text = repaired_text(self._paper_name(register, paper_id, doc))
            except RegisterError:
                text = None
        self.banner.note(REPAIRED, text)

    @staticmethod
    def _paper_name(register: Register, paper_id: int, doc: PaperDocument) -> str:
        rows = register.list_papers(paper_ids=[paper_id])
        if rows and (rows[0].reference or rows[0].title):
            return f"{rows[0].reference or rows[0].title} ({doc.path.name})"
        return f"“{doc.path.name}”"

    def _register_switched(self, register: Register | None) -> None:
        reason = register.read_only if register is not None else None
        self.banner.note(READ_ONLY, read_only_text(reason) if reason else None)
        self.banner.note(REPAIRED, None)
