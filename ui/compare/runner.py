"""Comparing off the GUI thread: both papers are read (their PDFium calls queue on the PDF
layer's one thread), then compared; progress comes back step by step and a cancel is
honoured between steps (a paper half read is finished, and its result dropped)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from mopac_desk.compare import Comparison
from mopac_desk.compare.engine import compare_versions, read_version
from mopac_desk.extract.engine import reading
from mopac_desk.pdf import (
    PaperDocument,
    PaperError,
    PasswordRequiredError,
    WrongPasswordError,
)

from ..messages import PasswordPrompt
from ..workspace import Task

STEPS = 3  # reading the earlier paper, the later one, comparing


class CompareCancelled(Exception):
    """The reader cancelled the comparison."""


def comparing(old: PaperDocument, new: PaperDocument, parent: QObject | None = None) -> Task:
    """A started task comparing two open documents: ``progress((step, text))``,
    ``done(Comparison)``, ``failed(exception)`` (CompareCancelled when cancelled). The
    documents must stay open until it has finished."""

    def work(task: Task) -> Comparison:
        def step(n: int, text: str) -> None:
            if task.cancelled.is_set():
                raise CompareCancelled()
            task.progress.emit((n, text))

        with reading(old), reading(new):
            step(0, f"Reading {old.path.name}…")
            before = read_version(old, old.path.name)
            step(1, f"Reading {new.path.name}…")
            after = read_version(new, new.path.name)
            step(2, "Comparing the two papers…")
            result = compare_versions(before, after)
        step(STEPS, "Compared")
        return result

    return Task(work, "compare", parent).start()


def open_document(path: str | Path, prompt: PasswordPrompt, password: str | None = None,
                  on_error: Callable[[str], None] = lambda _t: None) -> PaperDocument | None:
    """Open ``path`` asking ``prompt`` for a password while one is needed; a problem goes to
    ``on_error`` as one plain sentence and gives None."""
    path = Path(path)
    retry = False
    while True:
        try:
            return PaperDocument.open(path, password=password)
        except PasswordRequiredError as exc:
            if exc.__class__ is PasswordRequiredError and password is None:
                retry = False
            elif isinstance(exc, WrongPasswordError):
                retry = True
            else:  # an encryption we cannot open: asking again would not help
                on_error(str(exc))
                return None
        except PaperError as exc:
            on_error(str(exc))
            return None
        password = prompt(path.name, retry)
        if password is None:
            return None
