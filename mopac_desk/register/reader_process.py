"""Files read for the register in a process of their own, while this one writes.

Reading a paper (PDFium, extraction, checks, OCR) is mostly Python, and Python runs one thread
at a time in a process: the register's writes, on a thread beside the reading, slowed it
about one to one (docs/register.md, "Import, profiled"). A child process reads the files in
turn and hands back what the register keeps of each; this process hashes, writes and copies
while the child reads the next one, so on two cores the import takes about as long as the
reading alone. The child is our own code reading untrusted files: a file that brings PDFium
down takes only the child with it, and that file fails with a plain reason while the next
child reads on.

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

import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from collections import deque
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


class _Child:
    """One child process, its pipes, and the thread that takes in what it sends back."""

    def __init__(self) -> None:
        env = dict(os.environ)
        # The child imports this package from where this process found it.
        env["PYTHONPATH"] = os.pathsep.join(
            [str(_PACKAGE_ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        self.process = subprocess.Popen(
            _command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, close_fds=True)
        self.outcomes: queue.Queue = queue.Queue()
        threading.Thread(target=self._take_in, name="mopac-desk-reader-pipe",
                         daemon=True).start()

    def send(self, job: _Job) -> None:
        """Raises OSError when the child has ended."""
        assert self.process.stdin is not None
        _write_frame(self.process.stdin, job)

    def _take_in(self) -> None:
        assert self.process.stdout is not None
        while True:
            try:
                outcome = _read_frame(self.process.stdout)
            except Exception:  # a frame cut short: the child ended while writing it
                outcome = None
            self.outcomes.put(outcome)  # None: the child has ended
            if outcome is None:
                return

    def stop(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass


class ReaderProcess:
    """One child reading files in the order they are given; :meth:`next` returns (or
    raises) each file's outcome in that order. Used by one import at a time."""

    def __init__(self) -> None:
        self._child: _Child | None = None
        self._jobs: deque[_Job] = deque()  # sent, their outcome not yet taken

    def submit(self, path: Path, password: str | None, sha256: str | None,
               ocr: bool = True) -> None:
        job = _Job(Path(path), password, sha256, ocr)
        self._jobs.append(job)
        self._send(job)

    def next(self, cancel: Callable[[], bool] | None = None) -> FileRead:
        """The outcome of the oldest file submitted: its reading, or the exception reading
        it raised in the child (:class:`ReaderStopped` when the child ended on it,
        :class:`ReadCancelled` when ``cancel()`` turned true meanwhile: the child is then
        stopped, and the files still queued are forgotten)."""
        if self._child is None:  # the child ended before it had this file: a new one reads it
            self._resend()
        job, child = self._jobs[0], self._child
        if child is None:  # no child could be started
            self._jobs.popleft()
            raise ReaderStopped(job.path.name)
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
            self._stop()  # the files after it go to a new child, when asked for
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
        """Stop the child (the files still queued are forgotten)."""
        self._jobs.clear()
        self._stop()

    # -- internals -----------------------------------------------------------------------
    def _send(self, job: _Job) -> None:
        if self._child is None:
            self._resend()  # every file queued, this one with them
            return
        try:
            self._child.send(job)
        except OSError:  # ended since: a new child reads the queue when it is asked for
            self._stop()

    def _resend(self) -> None:
        try:
            self._child = _Child()
            for job in self._jobs:
                self._child.send(job)
        except OSError:
            self._stop()

    def _stop(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.stop()


#: The argument that makes the frozen program a reader child (``ui.launch`` checks it first).
CHILD_ARGUMENT = "--mopac-desk-reader-child"
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def _command() -> list[str]:
    if getattr(sys, "frozen", False):  # the bundled program: no interpreter to hand
        return [sys.executable, CHILD_ARGUMENT]
    return [sys.executable, "-c",
            "from mopac_desk.register.reader_process import serve; serve()"]


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
        except (OSError, pickle.PicklingError):
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
    cannot close the pipe the child would otherwise notice only after its file)."""
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
