"""Files read for the register in a process of their own, while this one writes.

Reading a paper (PDFium, extraction, checks, OCR) is mostly Python, and Python runs one thread
at a time in a process: the register's writes, on a thread beside the reading, slowed it
about one to one (docs/register.md, "Import, profiled"). A child process reads the files in
turn and hands back what the register keeps of each; this process hashes, writes and copies
while the child reads the next one, so on two cores the import takes about as long as the
reading alone. A file that brings PDFium down takes only the child with it, and that file
fails with a plain reason while the next child reads on. (Not a security boundary: the child
runs with the clerk's rights, and what it hands back is trusted as this process's own.)

With two cores or more, two children read (alternate files), so an import of many files
takes less time than reading them one after another in one process; they run at a lower
priority than this process, which writes the register and may draw a window. A child is
a fresh interpreter (not a fork: safe beside this process's threads, and it runs nothing of
the script that started the import), pickles going both ways on its standard input and
output. It is started on first use and
kept for the next import; it ends after a while unused, with this process, or when an import
is cancelled in the middle of a file (so a long scan does not hold the cancel up).
"""

from __future__ import annotations

import atexit
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable

from ..extract.model import Extraction
from ..ocr.engine import OcrPage
from ..pipeline import Cancel, Progress, Reading, read_file
from .matching import paper_words

#: Seconds an idle child is kept for the next import (its start costs about 0.4 s).
IDLE_SECONDS = 120.0


@dataclass(frozen=True)
class FileRead:
    """What the register keeps of one file's reading: the extraction, each page's text (the
    search index), each paper's own words (copy or version), whether PDFium repaired the
    file, what OCR read of its scanned pages, and PDFium's count of its annotations."""

    extraction: Extraction
    page_texts: list[str]
    paper_texts: list[str] | None  # None: not known (an extractor of the caller's own)
    repaired: bool = False
    ocr_read: dict[int, OcrPage] = field(default_factory=dict)
    annotations: int | None = None


def read_for_register(path: Path, password: str | None, sha256: str | None, ocr: bool,
                      ocr_progress: Progress | None = None,
                      ocr_cancel: Cancel | None = None) -> FileRead:
    """Read one file for the register (in whichever process calls it)."""
    reading = read_file(path, password, sha256=sha256, ocr=ocr, ocr_progress=ocr_progress,
                        ocr_cancel=ocr_cancel)
    return FileRead(reading.extraction, reading.page_texts, paper_texts(reading),
                    reading.repaired, reading.ocr_read, reading.annotations)


def paper_texts(reading: Reading) -> list[str]:
    """Each paper's own words (what decides copy or version), from the lines already read;
    a meeting pack's cover pages are the pack's, not its first paper's."""
    out = []
    for paper, lines in zip(reading.extraction.papers, reading.paper_lines):
        cover = frozenset(page for part in paper.parts if part.kind == "cover"
                          for page in range(part.first_page, part.last_page + 1))
        out.append(paper_words(lines, skip_pages=cover))
    return out


class ReaderStopped(Exception):
    """The child ended while it read a file (PDFium crashed on it, or it was killed)."""


class ReadCancelled(Exception):
    """The import was cancelled while a file was being read."""


@dataclass(frozen=True)
class _Job:
    path: Path
    password: str | None
    sha256: str | None
    ocr: bool


class ReaderUnavailable(Exception):
    """No child could be started here (it ended before it was ready): read in-process."""


_READY = ("ready", None)  # the child's first frame, once it can read files


#: The one thread that starts every child. Linux ends a child with the *thread* that
#: started it (``PR_SET_PDEATHSIG``, :func:`_end_with_parent`): started from an import's
#: worker thread, a child kept for the next import was killed as that thread ended, and the
#: next import started new ones. This thread lasts as long as the process.
_starter = ThreadPoolExecutor(1, thread_name_prefix="mopac-desk-reader-start")


def _start_child_process() -> subprocess.Popen:
    windows = os.name == "nt"
    return subprocess.Popen(
        _command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, close_fds=True,
        # (on Windows: no console window, and below the window's priority, as nice)
        creationflags=(subprocess.CREATE_NO_WINDOW | subprocess.BELOW_NORMAL_PRIORITY_CLASS
                       if windows else 0))


class _Child:
    """One child process, its pipes, and the thread that takes in what it sends back."""

    def __init__(self) -> None:
        try:
            self.process = _starter.submit(_start_child_process).result()
        except RuntimeError as exc:  # the interpreter is ending: no new child, read here
            raise OSError(str(exc)) from exc
        self.ready = False
        self.ended = False  # its output has ended: no more outcomes will come
        self.outcomes: queue.Queue = queue.Queue()
        threading.Thread(target=self._take_in, name="mopac-desk-reader-pipe",
                         daemon=True).start()

    def send(self, job: _Job) -> None:
        """Raises OSError when the child has ended."""
        assert self.process.stdin is not None
        _write_frame(self.process.stdin, job)

    def _take_in(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        try:
            while True:
                try:
                    outcome = _read_frame(stdout)
                except Exception:  # a frame cut short: the child ended while writing it
                    outcome = None
                if outcome == _READY and not self.ready:
                    self.ready = True
                    continue
                self.outcomes.put(outcome)  # None: the child has ended
                if outcome is None:
                    return
        finally:
            stdout.close()  # here, not from another thread: a read in progress holds it

    def stop(self) -> None:
        """End the child now (a file it is reading is let go of)."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
        except OSError:
            pass
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass


class ReaderProcess:
    """Files read in a child, in the order they are given; :meth:`next` returns (or
    raises) each file's outcome in that order. A child that ends takes only the file it was
    reading with it: the files after it go to a new child. Used by one import at a time."""

    def __init__(self) -> None:
        self._child: _Child | None = None  # the one new files go to
        # each file handed over, and the child it went to (None: still to be sent)
        self._jobs: deque[list] = deque()

    def submit(self, path: Path, password: str | None, sha256: str | None,
               ocr: bool = True) -> None:
        entry = [_Job(Path(path), password, sha256, ocr), None]
        self._jobs.append(entry)
        self._send_waiting()

    def next(self, cancel: Callable[[], bool] | None = None) -> FileRead:
        """The outcome of the oldest file submitted: its reading, or the exception reading
        it raised in the child (:class:`ReaderStopped` when the child ended on it,
        :class:`ReaderUnavailable` when no child could start, :class:`ReadCancelled` when
        ``cancel()`` turned true meanwhile: the child is then stopped, and the files still
        queued are forgotten)."""
        if self._jobs[0][1] is None:
            self._send_waiting()
        job, child = self._jobs[0]
        if child is None:  # no child could be started
            self._jobs.popleft()
            raise ReaderUnavailable(job.path.name)
        while True:
            try:
                outcome = child.outcomes.get(timeout=0.05)
                break
            except queue.Empty:
                if cancel is not None and cancel():
                    self.close()
                    raise ReadCancelled() from None
        self._jobs.popleft()
        if outcome is None:
            child.ended = True
            child.stop()
            for entry in self._jobs:  # sent to it, never read: for a new child
                if entry[1] is child:
                    entry[1] = None
            if self._child is child:
                self._child = None
            if not child.ready:
                raise ReaderUnavailable(job.path.name)
            raise ReaderStopped(job.path.name)
        status, value = outcome
        if status == "ok":
            return value
        raise value

    def idle(self) -> bool:
        return not self._jobs

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs (None before its first file)."""
        return self._child.process.pid if self._child is not None else None

    def close(self) -> None:
        """Stop the children (the files still queued are forgotten)."""
        children = {id(c): c for _job, c in self._jobs if c is not None}
        if self._child is not None:
            children[id(self._child)] = self._child
        self._jobs.clear()
        self._child = None
        for child in children.values():
            child.stop()

    # -- internals -----------------------------------------------------------------------
    def _send_waiting(self) -> None:
        """Send every file not sent yet, in order, to the current child (a new one if it
        has ended); a file that cannot be sent waits for :meth:`next`."""
        for entry in self._jobs:
            if entry[1] is not None:
                continue
            try:
                if self._child is None or self._child.ended:
                    self._child = _Child()
                self._child.send(entry[0])
            except OSError:  # it ended (or could not start): its outcomes still come in
                if self._child is not None:
                    self._child.ended = True
                    if not any(e[1] is self._child for e in self._jobs):
                        self._child.stop()  # nothing of it awaited: reaped now
                self._child = None
                return
            entry[1] = self._child


#: The argument that makes the frozen program a reader child (``ui.launch`` checks it first).
CHILD_ARGUMENT = "--mopac-desk-reader-child"
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def _command() -> list[str]:
    if getattr(sys, "frozen", False):  # the bundled program: no interpreter to hand
        return [sys.executable, CHILD_ARGUMENT]
    # -P: the clerk's current folder is not on the path (a queue.py there would run); the
    # package is found where this process found it, after the standard library.
    return [sys.executable, "-P", "-c",
            f"import sys; r = {_PACKAGE_ROOT!r}; sys.path.append(r) if r not in sys.path "
            "else None; from mopac_desk.register.reader_process import serve; serve()"]


def _write_frame(stream: BinaryIO, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<Q", len(data)) + data)
    stream.flush()


def _read_frame(stream: BinaryIO) -> object | None:
    """The next value, or None at the end of the stream."""
    head = stream.read(8)
    if len(head) < 8:
        return None
    size = struct.unpack("<Q", head)[0]
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def serve() -> None:
    """The child: read each job sent on standard input, answer on standard output, until
    the input ends (the parent has closed it, or ended)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    _end_with_parent()
    if hasattr(os, "nice"):
        os.nice(5)  # the parent's writes and window first: they wait on nobody else
    jobs = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    # Nothing of the child's reaches the clerk's terminal or the answers' pipe (a traceback
    # least of all, nor what a library writes to the process's own output).
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdout = sys.stderr = open(os.devnull, "w")
    try:
        _write_frame(answers, _READY)
    except OSError:
        return
    while True:
        try:
            job = _read_frame(jobs)
        except Exception:
            return
        if job is None:
            return
        try:
            outcome: tuple[str, object] = ("ok", read_for_register(
                job.path, job.password, job.sha256, job.ocr))
        except Exception as exc:
            outcome = ("error", _portable(exc))
        try:
            _write_frame(answers, outcome)
        except OSError:
            return
        except Exception as exc:  # a reading that cannot be pickled: say so, plainly
            try:
                _write_frame(answers, ("error", RuntimeError(
                    f"its reading could not be handed back ({exc.__class__.__name__})")))
            except OSError:
                return


def _portable(exc: Exception) -> Exception:
    """``exc`` itself when it survives the trip back, else a stand-in saying the same."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{exc.__class__.__name__}: {exc}")


def _end_with_parent() -> None:
    """On Linux, the kernel ends the child with its parent (a parent killed outright
    cannot close the pipe the child would otherwise notice only after its file) — with the
    parent's thread that started it, in truth: hence :data:`_starter`."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent ended before the call took effect
            os._exit(0)
    except (OSError, AttributeError):
        pass


# -- the shared children ------------------------------------------------------------------
def reader_count() -> int:
    """How many children read at once: one a core, two at most (the writes and the window
    need the rest; a third child on two cores only adds memory)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(2, cores))


_lock = threading.Lock()
_idle: list[ReaderProcess] = []
_idle_timer: threading.Timer | None = None


def take_readers(count: int) -> list[ReaderProcess]:
    """``count`` children: the idle ones kept from the last import, and new ones (each
    started on its first file)."""
    global _idle_timer
    with _lock:
        taken = _idle[:count]
        del _idle[:count]
        if not _idle and _idle_timer is not None:
            _idle_timer.cancel()
            _idle_timer = None
    return taken + [ReaderProcess() for _ in range(count - len(taken))]


def give_back(readers: list[ReaderProcess]) -> None:
    """Keep the idle ``readers`` for the next import, for :data:`IDLE_SECONDS`."""
    global _idle_timer
    with _lock:
        for reader in readers:
            if reader.idle() and len(_idle) < reader_count():
                _idle.append(reader)
            else:
                reader.close()  # busy still (cancelled), or two imports at once
        if _idle_timer is not None:
            _idle_timer.cancel()
        _idle_timer = threading.Timer(IDLE_SECONDS, _end_idle)
        _idle_timer.daemon = True
        _idle_timer.start()


def _end_idle() -> None:
    with _lock:
        ended = list(_idle)
        _idle.clear()
    for reader in ended:
        reader.close()


atexit.register(_end_idle)  # kept children end with the process, waited for, not left behind
