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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

from ..annotations.pdf_read import AnnotationReadError, has_review_annotations
from ..extract.model import Extraction
from ..files import file_sha256
from ..pdf import PaperError
from ..pipeline import read_file
from ..terminal import os_reason
from .anchoring import Move, plan_moves
from .annotations import import_pdf_annotations
from .errors import RegisterError
from .import_copies import Copies, Copy, restore_missing_copy, stored
from .import_reading import Extractor, OcrProgress, ReadAside, Reader, ReadHere
from .reader_process import FileRead, ReadCancelled, ReaderStopped, give_back, paper_texts
from .records import COPY, VERSION, ImportedPaper
from .register import Register
from .storage import remove_stale_parts

if TYPE_CHECKING:
    pass

IMPORTED, DUPLICATE, FAILED = "imported", "duplicate", "failed"

Progress = Callable[[int, int, "FileOutcome"], None]
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


def _names(papers: Sequence[ImportedPaper]) -> str:
    refs = [p.reference or (f"“{p.title}”" if p.title else f"the paper from page {p.first_page}")
            for p in papers]
    return ", ".join(refs) if refs else "a paper"


@dataclass
class _Started:
    """A new file handed to the reader: its hash, its password, its store copy under way."""

    path: Path
    sha256: str
    password: str | None
    copy: Copy | None


@dataclass
class _Extracted(_Started):
    """A started file read and ready to be written (the slow part done), with where the
    annotations of the papers it is a new version of move onto it."""

    read: FileRead
    moves: dict[int, list[Move]] = field(default_factory=dict)


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
           copies: Copies | None = None) -> FileOutcome | _Started:
    """A file the register holds already is a duplicate; any other is handed to the reader."""
    if not path.is_file():
        return FileOutcome(path, FAILED, "the file does not exist or is not a file")
    sha = sha256 or file_sha256(path)
    existing = register.find_file(sha)
    if existing:
        if meeting_id is not None:
            register.add_to_meeting(meeting_id, [p.id for p in existing])
        restored = restore_missing_copy(register, path, sha, existing)
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
            copies: Copies | None = None) -> FileOutcome:
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
    item = _Extracted(path, sha, started.password, started.copy, read)
    item.moves = _annotation_moves(register, item, _versions_of(register, item),
                                   started.password)
    return item


def _versions_of(register: Register, item: _Extracted) -> list[int]:
    """The papers this file is a new version of (by their words). A paper registered before
    documents kept their words cannot tell a copy from a version: the words of its stored
    copies are read once, now that it matters, and it is asked again."""
    versions = []
    for paper, text in zip(item.read.extraction.papers, item.read.paper_texts or []):
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


def _write(register: Register, item: _Extracted, meeting_id: int | None) -> FileOutcome:
    rel, fresh = stored(register, item.path, item.sha256, item.copy)
    copy = register.root / rel
    try:
        added = register.add_extraction(item.read.extraction, rel, item.read.page_texts,
                                        meeting_id=meeting_id, paper_texts=item.read.paper_texts,
                                        repaired=item.read.repaired, ocr_read=item.read.ocr_read)
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
    repaired = ("; repaired on opening: check it against the original" if item.read.repaired
                else "")
    return FileOutcome(item.path, IMPORTED,
                       _outcome_message(added) + _bring_annotations(register, item, added)
                       + repaired, added)


def _bring_annotations(register: Register, item: _Extracted,
                       added: Sequence[ImportedPaper]) -> str:
    """The file's own review comments join its papers (a bonus: a file whose comments
    cannot be read is still imported, and says so)."""
    count = 0
    if item.read.annotations == 0 and not item.read.repaired:
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
    reader = ReadHere(extractor, ocr_progress, ocr_cancel)
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

    reader: Reader = ReadAside() if extractor is None and len(files) > 1 else ReadHere(extractor)
    ahead: deque[FileOutcome | _Started] = deque()
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="register-copier") as copier:
            copies = Copies(register, copier)
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
        if isinstance(reader, ReadAside):
            give_back(reader.processes)
    return outcomes


def _settle(register: Register, step: FileOutcome | _Started, reader: Reader,
            meeting_id: int | None, cancel: Callable[[], bool], copies: Copies) -> FileOutcome:
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
