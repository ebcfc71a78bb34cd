"""Background register work: imports, and searches, each on its own register connection."""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

from PySide6.QtCore import QThread, Signal

from mopac_desk.register import PaperSummary, Register, RegisterError
from mopac_desk.register.importer import FileOutcome, import_paths
from mopac_desk.register.search import PaperMatches, SearchHit


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


@dataclass
class SearchResult:
    """What one search found: the ranked papers, the first screen read already (rows and
    hits with snippets, so the GUI thread shows them without a query), and the hits on
    meeting packs' agenda covers. ``error`` is a plain-English reason it could not run."""

    generation: int
    query: str | None  # None: the table's listing (every paper, filtered and sorted)
    matches: PaperMatches = field(default_factory=lambda: PaperMatches([]))
    first_rows: list[PaperSummary] = field(default_factory=list)
    hits: dict[int, SearchHit] = field(default_factory=dict)
    covers: list[SearchHit] = field(default_factory=list)
    error: str | None = None


class SearchThread(QThread):
    """Searches the register off the GUI thread, on a connection of its own (SQLite
    connections belong to one thread; the register is in WAL mode, so reads run beside the
    window's writes). Requests queue up; only the newest is run, older ones are dropped."""

    found = Signal(object)  # SearchResult

    def __init__(self, register_path: Path, first_screen: int, parent=None) -> None:
        super().__init__(parent)
        self._path = Path(register_path)
        self._first = first_screen
        self._requests: queue.Queue = queue.Queue()

    def ask(self, generation: int, query: str, status: str | None,
            meeting_id: int | None) -> None:
        """Queue a search (any thread); its result arrives on ``found``."""
        self._requests.put((generation, query, status, meeting_id))

    def ask_listing(self, generation: int, status: str | None, meeting_id: int | None,
                    sort: str, descending: bool) -> None:
        """Queue the table's listing (its ids sorted and filtered, and the first screen's
        rows in ``first_rows``); the result, a query of None, arrives on ``found``."""
        self._requests.put((generation, None, status, meeting_id, sort, descending))

    def stop(self) -> None:
        """End the thread (waits for a search under way)."""
        self._requests.put(None)
        self.wait()

    def run(self) -> None:
        try:
            reg = Register(self._path)
        except RegisterError as exc:
            self._fail_all(str(exc))
            return
        with reg:
            while True:
                request = self._requests.get()
                while not self._requests.empty():  # typing on: only the newest counts
                    request = self._requests.get()
                if request is None:
                    return
                generation, query, *rest = request
                self.found.emit(self._listing(reg, generation, *rest) if query is None
                                else self._search(reg, generation, query, *rest))

    def _listing(self, reg: Register, generation: int, status: str | None,
                 meeting_id: int | None, sort: str, descending: bool) -> SearchResult:
        out = SearchResult(generation, None)
        try:
            ids = reg.paper_ids(status=status, meeting_id=meeting_id, sort=sort,
                                descending=descending)
            out.matches = PaperMatches(ids)
            out.first_rows = reg.list_papers(paper_ids=ids[:self._first]) if ids else []
        except RegisterError as exc:
            out.error = str(exc)
        return out

    def _search(self, reg: Register, generation: int, query: str, status: str | None,
                meeting_id: int | None) -> SearchResult:
        out = SearchResult(generation, query)
        try:
            out.matches = reg.search_papers(query, status=status, meeting_id=meeting_id)
            first = out.matches.paper_ids[:self._first]
            out.first_rows = reg.list_papers(paper_ids=first)
            out.hits = reg.paper_hits(query, first)
            covers = out.matches.covers[:20]
            hits = reg.search_hits(query, covers)
            out.covers = [hits[r] for r in covers if r in hits]
        except RegisterError as exc:
            out.error = str(exc)
        return out

    def _fail_all(self, reason: str) -> None:
        while True:
            request = self._requests.get()
            if request is None:
                return
            self.found.emit(SearchResult(request[0], request[1], error=reason))
