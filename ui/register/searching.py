"""Searching the workspace's register from the browser, off the GUI thread: one
:class:`SearchThread` per register, the newest search (or listing of a large register)
wins, older results are dropped."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..workspace import Workspace
from .worker import SearchResult, SearchThread


class SearchRunner(QObject):
    """Runs the browser's searches; results arrive on ``finished`` (GUI thread)."""

    #: SearchResult of the newest search asked for
    finished = Signal(object)

    def __init__(self, workspace: Workspace, first_screen: int, parent: QObject) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._first = first_screen
        self._thread: SearchThread | None = None
        self._path = None
        self._generation = 0
        self._pending = False

    @property
    def running(self) -> bool:
        """A search was asked for and its result has not arrived yet."""
        return self._pending

    def start(self, query: str, status: str | None, meeting_id: int | None) -> None:
        thread = self._thread_for_register()
        if thread is not None:
            thread.ask(self._generation, query, status, meeting_id)

    def start_listing(self, status: str | None, meeting_id: int | None, sort: str,
                      descending: bool) -> None:
        """Read the table's listing (no search) off the GUI thread: its result is a
        :class:`SearchResult` whose query is None."""
        thread = self._thread_for_register()
        if thread is not None:
            thread.ask_listing(self._generation, status, meeting_id, sort, descending)

    def _thread_for_register(self) -> SearchThread | None:
        """The thread on the workspace's register, the generation moved on for a new ask."""
        register = self._workspace.register
        if register is None:
            return None
        if self._thread is None or self._path != register.path:
            self.shutdown()
            self._path = register.path
            self._thread = SearchThread(register.path, self._first, self)
            self._thread.found.connect(self._found)
            self._thread.start()
        self._generation += 1
        self._pending = True
        return self._thread

    def cancel(self) -> None:
        """Forget the search under way (its result will be dropped)."""
        self._generation += 1
        self._pending = False

    def shutdown(self) -> None:
        """End the search thread (another register, or the app quits)."""
        self.cancel()
        if self._thread is not None:
            self._thread.stop()
            self._thread.deleteLater()
            self._thread = None

    def _found(self, result: SearchResult) -> None:
        if result.generation != self._generation:
            return  # the clerk typed on meanwhile
        self._pending = False
        self.finished.emit(result)
