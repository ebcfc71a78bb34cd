"""Importing PDFs into the register: one file, many files, or folders (recursively).

For each file: hash it; if the register already holds it, say so; otherwise extract it (slow,
outside any transaction), copy it into the store, then write all its papers in one short
transaction, so a paper is either wholly in the register or absent. A file that fails gets its
own plain-English reason and the others go on. Progress is reported after every file and a
cancel request is honoured between files.

Importing many files, a child process reads them (:mod:`.reader_process`) while this thread
writes the file before, and each copy is written (and flushed to disk) on its own thread while
the file is read: the register's writes and the three waits for the disk per file (the copy, its
folder, the commit) then cost no time beside the reading.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

from ..annotations.pdf_read import AnnotationReadError, has_review_annotations
from ..extract.model import Extraction
from ..files import file_sha256
from ..ocr.engine import OcrPage
from ..pdf import PaperDocument, PaperError
from ..pipeline import read_file
from ..terminal import os_reason
from .anchoring import Move, plan_moves
from .annotations import import_pdf_annotations
from .errors import RegisterError
from .reader_process import (
    FileRead,
    ReadCancelled,
    ReaderProcess,
    ReaderStopped,
    ReaderUnavailable,
    give_back,
    paper_texts,
    read_for_register,
    reader_count,
    take_readers,
)
from .records import COPY, VERSION, ImportedPaper
from .register import Register
from .storage import relative_store_path, remove_stale_parts, store_copy

if TYPE_CHECKING:
    from concurrent.futures import Executor

IMPORTED, DUPLICATE, FAILED = "imported", "duplicate", "failed"

Extractor = Callable[[Path], Extraction]
Progress = Callable[[int, int, "FileOutcome"], None]
OcrProgress = Callable[[int, int], None]  # (scanned pages read, pages to read)
Cancel = threading.Event | Callable[[], bool]


@dataclass
class FileOutcome:
    """What happened to one file: ``status`` is imported / duplicate / failed."""

    path: Path
    status: str
    message: str
    papers: list[ImportedPaper] = field(default_factory=list)

    def line(self) -> str:
        """One line for the command line or a report."""
        return f"{self.status}: {self.path.name} — {self.message}"


def collect_pdfs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly (whatever their extension) plus every ``*.pdf`` under folders."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() == ".pdf"))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _cancelled(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


def default_extractor(path: Path) -> Extraction:
    """The extraction engine with readiness checks."""
    return read_file(path).extraction


def read_page_texts(path: Path, password: str | None = None) -> list[str]:
    """The text of every page, for the search index."""
    with PaperDocument.open(path, password=password) as doc:
        return [doc.text(i) for i in range(doc.page_count)]


def _names(papers: Sequence[ImportedPaper]) -> str:
    refs = [p.reference or (f"“{p.title}”" if p.title else f"the paper from page {p.first_page}")
            for p in papers]
    return ", ".join(refs) if refs else "a paper"


@dataclass
class _Copy:
    """The register's copy of a file, being written on the copier thread."""

    sha256: str
    fresh: bool  # no copy was there when this one was started: ours to remove if unused
    done: "Future[str]"  # the copy's path relative to the register folder


class _Copies:
    """Copies written while their files are read, and let go of again (in turn with the
    writes: a later file with the same bytes finds them gone and copies again) when the
    file is not imported."""

    def __init__(self, register: Register, copier: "Executor") -> None:
        self._register, self._copier = register, copier

    def start(self, path: Path, sha: str) -> _Copy:
        fresh = not (self._register.root / relative_store_path(sha)).exists()
        return _Copy(sha, fresh, self._copier.submit(store_copy, path, self._register.root, sha))

    def abandon(self, copy: _Copy | None) -> None:
        if copy is not None:
            _let_go(self._register, copy)


def _let_go(register: Register, copy: _Copy) -> None:
    """Remove a copy this import made for a file it did not import (none of the register's
    documents names it)."""
    try:
        copy.done.result()
    except Exception:  # nothing was written (the copy cleans up its own temporary file)
        return
    if copy.fresh and not register.find_file(copy.sha256):
        (register.root / relative_store_path(copy.sha256)).unlink(missing_ok=True)


@dataclass
class _Extracted:
    """A file read and ready to be written (the slow part done)."""

    path: Path
    sha256: str
    extraction: Extraction
    texts: list[str]
    paper_texts: list[str] | None = None
    password: str | None = None
    repaired: bool = False
    ocr_read: dict[int, OcrPage] = field(default_factory=dict)
    # annotation moves onto this file, by the paper it is a new version of
    moves: dict[int, list[Move]] = field(default_factory=dict)
    copy: _Copy | None = None  # the store copy started while the file was read
    annotations: int | None = None  # PDFium's count of the pages' annotations (None: unknown)


class _ReadHere:
    """Reads each file on the calling thread when its outcome is asked for: one file (no
    child to start for it), or an extractor of the caller's own."""

    depth = 0  # files handed over ahead of the one being finished

    def __init__(self, extractor: Extractor | None = None,
                 ocr_progress: OcrProgress | None = None,
                 ocr_cancel: Callable[[], bool] | None = None) -> None:
        self._extractor = extractor
        self._ocr = (ocr_progress, ocr_cancel)
        self._jobs: list[tuple[Path, str | None, str | None, bool]] = []

    def submit(self, path: Path, password: str | None, sha256: str | None,
               ocr: bool = True) -> None:
        self._jobs.append((path, password, sha256, ocr))

    def next(self, cancel: Callable[[], bool] | None = None) -> FileRead:
        path, password, sha256, ocr = self._jobs.pop(0)
        if self._extractor is None:
            return read_for_register(path, password, sha256, ocr, *self._ocr)
        return FileRead(self._extractor(path), read_page_texts(path, password), None)


class _ReadAside:
    """The shared child processes (:mod:`.reader_process`), taking files in turn, several
    handed over ahead of the one this thread writes, so the children never wait for the
    writes (nor for a commit that checkpoints the register's log)."""

    depth = 8

    def __init__(self) -> None:
        self.processes: list[ReaderProcess] = take_readers(reader_count())
        # who reads each file handed over (None: this process), and the file
        self._turns: deque[tuple[ReaderProcess | None, tuple]] = deque()
        self._next = 0
        self._here = False  # no child could start: every file is read in this process

    def submit(self, path: Path, password: str | None, sha256: str | None,
               ocr: bool = True) -> None:
        job = (path, password, sha256, ocr)
        if self._here:
            self._turns.append((None, job))
            return
        process = self.processes[self._next % len(self.processes)]
        self._next += 1
        process.submit(path, password, sha256, ocr)
        self._turns.append((process, job))

    def next(self, cancel: Callable[[], bool] | None = None) -> FileRead:
        process, job = self._turns.popleft()
        if process is None:  # no child can start here: read in this process
            return read_for_register(*job)
        try:
            return process.next(cancel)
        except ReadCancelled:
            for other in self.processes:
                other.close()  # the other child's file is let go of too
            raise
        except ReaderUnavailable:
            self._here = True  # the files handed over after it are read here too
            for other in self.processes:
                other.close()
            self._turns = deque((None, j) for _p, j in self._turns)
            return read_for_register(*job)


Reader = _ReadHere | _ReadAside


@dataclass
class _Started:
    """A new file handed to the reader: its hash, its password, its store copy under way."""

    path: Path
    sha256: str
    password: str | None
    copy: _Copy | None


def _guarded(path: Path, step: Callable[[], "FileOutcome | _Started | _Extracted"]
             ) -> "FileOutcome | _Started | _Extracted":
    """Run one step for one file; a bad file becomes a failed outcome, never an exception."""
    try:
        return step()
    except ReadCancelled:
        raise
    except ReaderStopped:
        return FileOutcome(path, FAILED, "reading it stopped the reader (the file may be "
                                         "damaged, or made to do harm); nothing of it was kept")
    except PaperError as exc:
        return FileOutcome(path, FAILED, str(exc))
    except RegisterError as exc:
        return FileOutcome(path, FAILED, str(exc))
    except OSError as exc:  # a write of ours says so itself (RegisterError): this is the file
        return FileOutcome(path, FAILED, f"the file cannot be read: {os_reason(exc)}")
    except Exception as exc:  # an engine bug must not stop the other files
        return FileOutcome(path, FAILED, f"the paper could not be read ({exc.__class__.__name__}: "
                                         f"{exc})")


def _start(register: Register, path: Path, meeting_id: int | None, password: str | None,
           sha256: str | None, ocr: bool, reader: Reader,
           copies: _Copies | None = None) -> FileOutcome | _Started:
    """A file the register holds already is a duplicate; any other is handed to the reader."""
    if not path.is_file():
        return FileOutcome(path, FAILED, "the file does not exist or is not a file")
    sha = sha256 or file_sha256(path)
    existing = register.find_file(sha)
    if existing:
        if meeting_id is not None:
            register.add_to_meeting(meeting_id, [p.id for p in existing])
        restored = _restore_missing_copy(register, path, sha, existing)
        note = "; its stored copy was missing and has been restored" if restored else ""
        return FileOutcome(path, DUPLICATE,
                           f"already in the register as {_names(existing)}{note}", existing)
    copy = copies.start(path, sha) if copies is not None else None
    try:
        reader.submit(path, password, sha, ocr)
    except BaseException:
        if copies is not None:
            copies.abandon(copy)
        raise
    return _Started(path, sha, password, copy)


def _finish(register: Register, started: _Started, reader: Reader, meeting_id: int | None,
            cancel: Callable[[], bool] | None = None,
            copies: _Copies | None = None) -> FileOutcome:
    """The reader's outcome for a started file, checked and written."""
    try:
        item = _guarded(started.path, lambda: _checked(register, started, reader.next(cancel)))
    except BaseException:  # cancelled, or Ctrl+C on the command line: no copy left behind
        if copies is not None:
            copies.abandon(started.copy)
        raise
    if isinstance(item, FileOutcome):
        if copies is not None:
            copies.abandon(started.copy)
        return item
    return _guarded(started.path, lambda: _write(register, item, meeting_id))  # type: ignore[return-value]


def _checked(register: Register, started: _Started, read: FileRead) -> FileOutcome | _Extracted:
    """A file read: still the file that was hashed, and where its annotations move."""
    path, sha = started.path, started.sha256
    if read.extraction.sha256 != sha or file_sha256(path) != sha:
        # the file changed while we read it; the next import will see the settled file
        return FileOutcome(path, FAILED, "the file changed while it was being read")
    item = _Extracted(path, sha, read.extraction, read.page_texts, read.paper_texts,
                      started.password, read.repaired, read.ocr_read, copy=started.copy,
                      annotations=read.annotations)
    item.moves = _annotation_moves(register, item, _versions_of(register, item),
                                   started.password)
    return item


def _versions_of(register: Register, item: _Extracted) -> list[int]:
    """The papers this file is a new version of (by their words). A paper registered before
    documents kept their words cannot tell a copy from a version: the words of its stored
    copies are read once, now that it matters, and it is asked again."""
    versions = []
    for paper, text in zip(item.extraction.papers, item.paper_texts or []):
        paper_id, role = register.match_document(paper, text)
        if role == VERSION and paper_id is not None and _fill_missing_texts(register, paper_id):
            paper_id, role = register.match_document(paper, text)
        if role == VERSION and paper_id is not None:
            versions.append(paper_id)
    return versions


def _fill_missing_texts(register: Register, paper_id: int) -> bool:
    """Keep the words of the paper's documents that lack them; True when any were kept."""
    filled = False
    for doc in register.documents(paper_id):
        if doc.has_text or not doc.stored_path.is_file():
            continue
        try:
            reading = read_file(doc.stored_path, sha256=doc.sha256, ocr=False)
        except PaperError:
            continue
        words = [t for p, t in zip(reading.extraction.papers, paper_texts(reading))
                 if p.first_page == doc.first_page]
        if words:
            register.set_document_text(doc.id, words[0])
            filled = True
    return filled


def _annotation_moves(register: Register, item: _Extracted, versions: Sequence[int],
                      password: str | None) -> dict[int, list[Move]]:
    """For each paper this file is a new version of, where its annotations go on it."""
    moves: dict[int, list[Move]] = {}
    for paper_id in versions:
        notes = [a for a in register.annotations(paper_id) if a.get("parent_id") is None]
        current = [d for d in register.documents(paper_id) if d.current]
        if notes and current and current[0].stored_path.is_file():
            moves[paper_id] = plan_moves(current[0].stored_path, item.path, notes, password)
    return moves


def _restore_missing_copy(register: Register, path: Path, sha: str,
                          existing: Sequence[ImportedPaper]) -> bool:
    """Put back the register's own copy of a file it knows when that copy has gone."""
    rels = {p.stored_path for p in existing if p.stored_path}
    missing = [rel for rel in rels if not (register.root / rel).is_file()]
    for rel in missing:
        store_copy(path, register.root, sha)
    return bool(missing)


def _outcome_message(papers: Sequence[ImportedPaper]) -> str:
    said = []
    for p in papers:
        name = _names([p])
        if p.role == COPY:
            said.append(f"{name}: another copy, attached")
        elif p.role == VERSION:
            alike = f", {p.similarity:.0%} the same text" if p.similarity is not None else ""
            said.append(f"{name}: new version {p.version}{alike}, now current")
        else:
            said.append(f"imported as {name}")
    return "; ".join(said)


def _stored(register: Register, item: _Extracted) -> tuple[str, bool]:
    """The register's copy of the file, on disk: its path relative to the register folder,
    and whether this import made it."""
    if item.copy is not None:
        rel = item.copy.done.result()  # a failed copy raises here as store_copy does
        if (register.root / rel).exists():  # (an earlier file's failure may have let it go)
            return rel, item.copy.fresh
    fresh = not (register.root / relative_store_path(item.sha256)).exists()
    return store_copy(item.path, register.root, item.sha256), fresh


def _write(register: Register, item: _Extracted, meeting_id: int | None) -> FileOutcome:
    rel, fresh = _stored(register, item)
    copy = register.root / rel
    try:
        added = register.add_extraction(item.extraction, rel, item.texts,
                                        meeting_id=meeting_id, paper_texts=item.paper_texts,
                                        repaired=item.repaired, ocr_read=item.ocr_read)
    except BaseException:
        if fresh:  # the register did not take it: leave no orphan copy behind
            copy.unlink(missing_ok=True)
        raise
    for p in added:
        if p.role == VERSION and item.moves.get(p.id) and p.document_id is not None:
            register.move_annotations(p.id, p.document_id, item.moves[p.id])
    if not added:
        existing = register.find_file(item.sha256)
        if meeting_id is not None:
            register.add_to_meeting(meeting_id, [p.id for p in existing])
        return FileOutcome(item.path, DUPLICATE,
                           f"already in the register as {_names(existing)}", existing)
    repaired = ("; repaired on opening: check it against the original" if item.repaired
                else "")
    return FileOutcome(item.path, IMPORTED,
                       _outcome_message(added) + _bring_annotations(register, item, added)
                       + repaired, added)


def _bring_annotations(register: Register, item: _Extracted,
                       added: Sequence[ImportedPaper]) -> str:
    """The file's own review comments join its papers (a bonus: a file whose comments
    cannot be read is still imported, and says so)."""
    count = 0
    if item.annotations == 0 and not item.repaired:
        # PDFium counted no /Annots entry on any page as it read the text: nothing for the
        # annotation reader to find, so the file is not opened again (a repaired file is, as
        # its repair may not be the annotation reader's)
        return ""
    try:
        if not has_review_annotations(item.path, item.password):
            return ""  # most files: not read again for each of their papers
    except AnnotationReadError as exc:
        return f" (its comments could not be read: {exc})"
    for p in added:
        try:
            count += import_pdf_annotations(register, p.id, p.document_id, item.path,
                                            item.password)
        except AnnotationReadError as exc:
            return f" (its comments could not be read: {exc})"
    return f" ({count} annotation{'s' if count != 1 else ''} added)" if count else ""


def import_file(register: Register, path: Path, *, extractor: Extractor | None = None,
                meeting_id: int | None = None, password: str | None = None,
                sha256: str | None = None, ocr: bool = True,
                ocr_progress: OcrProgress | None = None,
                ocr_cancel: Callable[[], bool] | None = None) -> FileOutcome:
    """Import one file, read on this thread; never raises for a bad file (the outcome says
    what went wrong). ``sha256``: the file's hash when the caller has just computed it (not
    hashed again). ``ocr_progress(done, total)`` hears a scan's pages being read;
    ``ocr_cancel()`` true stops that reading (a failed outcome, nothing written)."""
    path = Path(path)
    # OCR progress (issue #17): passed through to the reading, for the window.
    reader = _ReadHere(extractor, ocr_progress, ocr_cancel)
    step = _guarded(path, lambda: _start(register, path, meeting_id, password, sha256, ocr,
                                         reader))
    if not isinstance(step, _Started):
        return step  # type: ignore[return-value]
    return _finish(register, step, reader, meeting_id)


def import_paths(register: Register, paths: Iterable[str | Path], *,
                 meeting_id: int | None = None, progress: Progress | None = None,
                 cancel: Cancel | None = None,
                 extractor: Extractor | None = None,
                 passwords: Mapping[Path, str] | None = None,
                 password: str | None = None, ocr: bool = True) -> list[FileOutcome]:
    """Import files and folders; returns one outcome per file handled (stops early on cancel:
    the files written by then stay, whole; the one being read is let go of).

    ``passwords`` opens protected files the clerk has already unlocked (by resolved path);
    ``password`` is tried on any other (``import --password``); without one a protected file
    fails with a plain "protected by a password" outcome. ``ocr=False`` leaves scans unread.

    ``progress(done, total, outcome)`` is called after each file, in order, from this thread.
    Several files are read by a child process (:mod:`.reader_process`), a file ahead of the
    one this thread writes, and each file's store copy is written by a copier thread while
    it is read: the register's share of the time hides behind the reading.
    """
    files = collect_pdfs(paths)
    keys = {Path(p).resolve(): pw for p, pw in (passwords or {}).items()}
    remove_stale_parts(register.root)
    outcomes: list[FileOutcome] = []

    def stop() -> bool:
        return _cancelled(cancel)

    def report(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), len(files), outcome)

    reader: Reader = _ReadAside() if extractor is None and len(files) > 1 else _ReadHere(extractor)
    ahead: deque[FileOutcome | _Started] = deque()
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="register-copier") as copier:
            copies = _Copies(register, copier)
            try:
                for path in files:
                    if stop():
                        break
                    key = keys.get(path.resolve(), password) if keys else password
                    ahead.append(_guarded(path, lambda: _start(
                        register, path, meeting_id, key, None, ocr, reader, copies)))
                    while len(ahead) > reader.depth:
                        report(_settle(register, ahead.popleft(), reader, meeting_id, stop,
                                       copies))
                while ahead and not stop():
                    report(_settle(register, ahead.popleft(), reader, meeting_id, stop, copies))
            except ReadCancelled:
                pass
            finally:
                for step in ahead:  # handed over, never written: cancelled
                    if isinstance(step, _Started):
                        copies.abandon(step.copy)
            for step in ahead:  # known already, or failed before reading: said as done
                if isinstance(step, FileOutcome):
                    report(step)
    finally:
        if isinstance(reader, _ReadAside):
            give_back(reader.processes)
    return outcomes


def _settle(register: Register, step: FileOutcome | _Started, reader: Reader,
            meeting_id: int | None, cancel: Callable[[], bool], copies: _Copies) -> FileOutcome:
    if isinstance(step, _Started):
        return _finish(register, step, reader, meeting_id, cancel, copies)
    return step


def reextract_paper(register: Register, paper_id: int, *,
                    extractor: Extractor | None = None, who: str | None = None) -> list:
    """Extract a paper's stored copy again and apply it (clerk-confirmed values win)."""
    summary = register.list_papers(paper_ids=[paper_id])
    if not summary:
        raise RegisterError(f"There is no paper number {paper_id} in the register.")
    row = summary[0]
    extraction = (extractor or default_extractor)(row.stored_path)
    match = [p for p in extraction.papers if p.first_page == row.first_page]
    if not match:
        raise RegisterError(f"The new extraction no longer finds {row.label} on page "
                            f"{row.first_page}; nothing was changed.")
    return register.reextract(paper_id, match[0], who=who)
