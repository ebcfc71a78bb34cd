"""The workspace: what every part of the window shares, handed to each of them explicitly.

It owns the open register, the clerk's name for the audit history, the way to the PDFium
thread, the one undo stack and the Preferences announcements. Views never find each other; they hear from the workspace:

- ``register_switched(register)`` once when another register (or none) is open;
- ``changed(changes, who)`` once per edit, with the register's own list of
  :class:`~mopac_desk.register.Change` and whoever made it (None: made elsewhere, e.g. an
  import on another connection, or a plain register call).

An edit made inside ``with workspace.acting(who):`` is announced once when the block ends,
however many register operations it took; a register operation outside such a block is
announced on its own (on the GUI thread, whichever thread committed it).
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from mopac_desk.pdf import worker as pdf_worker
from mopac_desk.register import Change, Register, RegisterError

from .settings_dialog import PreferencesBus, current_clerk

T = TypeVar("T")


class Workspace(QObject):
    """The open register, the clerk, the PDFium thread and the undo stack of one window."""

    #: another register (or None) is open; paper ids of the old one mean nothing now
    register_switched = Signal(object)
    #: (list[Change], who): one edit committed; ``who`` made it (None: elsewhere)
    changed = Signal(list, object)
    #: a register refused an edit; the plain-English reason
    refused = Signal(str)
    #: an edit asks for this item to be shown (entity, id), e.g. a captured recommendation
    item_touched = Signal(str, object)
    _posted = Signal(list)  # changes committed on another thread, crossing to this one

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._register: Register | None = None
        self._owned = False
        self._acting: list[tuple[object, list[Change]]] = []
        self.undo_stack = QUndoStack(self)
        #: tells the features the clerk saved Preferences (tags, name)
        self.preferences = PreferencesBus(self)
        # Operations that name no clerk fall back to the register's user: keep it current.
        self.preferences.clerk_changed.connect(self._clerk_changed)
        self._posted.connect(lambda changes: self.changed.emit(changes, None),
                             Qt.ConnectionType.QueuedConnection)

    # ===== the register ======================================================================
    @property
    def register(self) -> Register | None:
        """The open register (None when none is open). Reading it changes nothing."""
        return self._register

    def open_register(self, path: str | Path) -> Register:
        """Open the register file at ``path`` and switch to it (the workspace closes it when
        it switches again). Raises :class:`~mopac_desk.register.RegisterError` with a plain
        reason; the register open before stays open then."""
        register = Register(path, user=self.clerk())
        self.set_register(register, owned=True)
        return register

    def set_register(self, register: Register | None, owned: bool = False) -> None:
        """Switch to ``register`` (``owned``: close it when switching away). Steps recorded
        against the old register cannot be undone in another, so the undo history clears."""
        if register is self._register:
            return
        old, old_owned = self._register, self._owned
        if old is not None:
            old.remove_listener(self._register_changed)
        self._register, self._owned = register, owned and register is not None
        if register is not None:
            register.add_listener(self._register_changed)
        self.undo_stack.clear()
        self.register_switched.emit(register)
        if old is not None and old_owned:
            old.close()

    def close(self) -> None:
        """Let go of the register (closing it when the workspace opened it)."""
        self.set_register(None)

    # ===== the clerk =========================================================================
    def shown_name(self, path: Path) -> str:
        """What a file is called to the clerk: a stored copy (named by its hash) by the name
        its file was imported under, any other file by its own."""
        if self._register is not None:
            try:
                return self._register.imported_name(path) or path.name
            except RegisterError:
                pass  # the register says why elsewhere: the file's own name will do
        return path.name

    def clerk(self) -> str:
        """Who the audit history names for edits made in this window (Preferences, else the
        login name)."""
        return current_clerk()

    def _clerk_changed(self, name: str) -> None:
        if self._register is not None:
            self._register.user = name

    # ===== edits =============================================================================
    @contextmanager
    def acting(self, who: object) -> Iterator[None]:
        """Register operations in this block are one edit by ``who``: one ``changed`` when
        the block ends (none when nothing changed). Blocks nest into the outermost."""
        self._acting.append((who, []))
        try:
            yield
        finally:
            first_who, collected = self._acting.pop()
            if self._acting:
                self._acting[-1][1].extend(collected)
            elif collected:
                self.changed.emit(collected, first_who)

    def push(self, command: QUndoCommand) -> None:
        """Do ``command`` (redo) and keep it on the undo stack."""
        self.undo_stack.push(command)

    def refuse(self, text: str) -> None:
        """Tell the views the register refused an edit (``text`` says why)."""
        self.refused.emit(text)

    def touch(self, entity: str, item_id: Any) -> None:
        """Ask the views to show ``entity`` ``item_id`` (after an edit made it)."""
        self.item_touched.emit(entity, item_id)

    def post_changes(self, changes: list[Change]) -> None:
        """Announce changes committed through another connection (any thread)."""
        if changes:
            self._posted.emit(list(changes))

    def _register_changed(self, changes: list[Change]) -> None:
        on_gui = QThread.currentThread() is self.thread()
        if on_gui and self._acting:
            self._acting[-1][1].extend(changes)
        elif on_gui:
            self.changed.emit(list(changes), None)
        else:  # a worker wrote through this connection: cross to the GUI thread first
            self._posted.emit(list(changes))

    # ===== PDFium ============================================================================
    @staticmethod
    def on_pdfium(fn: Callable[..., T], *args: Any) -> "Future[T]":
        """Run ``fn`` on the one PDFium thread (PDFium is not thread-safe); returns its
        future. Read what you need from widgets before; never touch a widget inside."""
        return pdf_worker.submit(fn, *args)


class Task(QObject):
    """One piece of work on a short-lived thread; ``done(result)`` or ``failed(exception)``
    arrive on the GUI thread. The work must not touch widgets (read them before)."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)

    def __init__(self, work: Callable[["Task"], Any], name: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._name = name
        self.cancelled = threading.Event()

    def start(self) -> "Task":
        threading.Thread(target=self._run, name=self._name, daemon=True).start()
        return self

    def cancel(self) -> None:
        self.cancelled.set()

    def _run(self) -> None:
        try:
            result = self._work(self)
        except Exception as exc:  # handed to the GUI thread, which says it plainly
            self._emit(self.failed, exc)
            return
        self._emit(self.done, result)

    def _emit(self, signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the receiver closed while the work ran
            pass
