"""Each compare side reviewed and annotated as the window's own viewer is.

Each side finds its file's register papers (:class:`~ui.panels.file_papers.FilePapers`, a
file not yet in the register imported as the window does), draws their comments and takes
new ones (an annotation layer of its own). The side the reader is in is the one the review
panel reviews and marks, and the one the Annotate tools, the Annotations panel and export act
on; leaving compare mode gives all of them back to the window's viewer. One exception: with
an earlier version of a paper beside its current one, the panel marks the current one's
pages whichever side the reader is in, for the panel's items (fields, recommendations, costs,
checks) are read from the paper's current document and stand on its pages.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from mopac_desk.ocr.text import OcrPageText, page_text
from mopac_desk.pdf import PaperDocument
from mopac_desk.register import ImportedPaper, Register, RegisterError

from ..annotations import AnnotationsController
from ..annotations.layer import AnnotationLayer
from ..panels import CaptureController, ReviewPanel
from ..panels.file_papers import FilePapers
from ..viewer import PageView
from ..workspace import Task, Workspace
from .view import SIDES, CompareView

log = logging.getLogger(__name__)


class SideReview(QObject):
    """Binds ``view``'s two sides to ``panel`` (with its ``capture`` from the page) and
    ``annotations``, which serve ``window_viewer`` outside compare mode; the compare
    controller calls ``focus(side)`` and ``leave()``."""

    def __init__(self, view: CompareView, workspace: Workspace, panel: ReviewPanel,
                 annotations: AnnotationsController, capture: CaptureController,
                 window_viewer: PageView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view, self._workspace, self._window_viewer = view, workspace, window_viewer
        self._panel, self._annotations, self._capture = panel, annotations, capture
        self._window_find = capture.find_bar
        self.papers: dict[str, FilePapers] = {}
        self.layers: dict[str, AnnotationLayer] = {}
        self._in: str | None = None  # the side the reader is in (None: not comparing)
        for side in SIDES:
            pane = view.panes[side]
            papers = self.papers[side] = FilePapers(workspace, self)
            self.layers[side] = annotations.add_view(pane.view, papers, pane.find_bar)
            pane.view.document_changed.connect(lambda s=side: self._locate(s))
            # Which side the panel marks can depend on what both sides hold.
            papers.located.connect(lambda _p: self.focus(self._in) if self._in else None)
            papers.located.connect(lambda found, s=side: self._take_scan_words(s, found))
        # Paper ids belong to a register: both sides look their files up again in the new one
        # (the panel does so for the side it reviews).
        workspace.register_switched.connect(lambda _r: self._relocate())

    def hides_file_comments(self) -> bool:
        """With a register open, a side's pages are rendered without the file's own review
        comments: the register holds them (imported with the file) and the layer draws them."""
        return self._workspace.register is not None

    def _locate(self, side: str) -> None:
        # Each side looks on its own: should both (or the window's paper) be one new file,
        # the register imports it once (a file's pages are unique there).
        doc: PaperDocument | None = self._view.panes[side].view.document()
        self.papers[side].locate(doc.path if doc is not None else None,
                                 doc.password if doc is not None else None)

    def _take_scan_words(self, side: str, found: list[ImportedPaper]) -> None:
        """A scanned side gets the words the register keeps for it (read by OCR on import),
        so find, selection and the markups work on it as on the window's viewer."""
        view, register = self._view.panes[side].view, self._workspace.register
        doc = view.document()
        ids = [p.document_id for p in found if p.document_id is not None]
        if doc is None or register is None or not ids:
            return
        path, clerk = register.path, self._workspace.clerk()

        def work(_task: Task) -> dict[int, OcrPageText]:
            with Register(path, user=clerk) as own:  # SQLite: this thread's own connection
                pages = {i: pg for d in ids for i, pg in own.ocr_pages(d).items()}
            return {i: page_text(pg) for i, pg in pages.items()}

        def done(texts: dict[int, OcrPageText]) -> None:
            texts = {i: t for i, t in texts.items() if t.words}  # a blank sheet reads as nothing
            if texts and view.document() is doc:
                view.set_ocr_texts(texts)

        task = Task(work, f"compare-scan-words-{side}", self)
        task.done.connect(done)
        task.failed.connect(lambda exc: log.warning("a scan's kept words could not be read: %s",
                                                    exc))
        task.start()

    def _relocate(self) -> None:
        for side in SIDES:
            if self.papers[side] is not self._panel.file_papers:
                self._locate(side)

    def focus(self, side: str) -> None:
        """The reader is in ``side``: the panel reviews its paper, the tools act there."""
        self._in = side
        marked = self.marked_side(side)
        pane = self._view.panes[marked]
        self._panel.set_viewer(pane.view, self.papers[marked])
        self._capture.set_viewer(pane.view, pane.find_bar)  # into the panel's paper
        self._annotations.set_active(self.layers[side])

    def leave(self) -> None:
        """Compare mode closed: back to the window's viewer and its paper."""
        self._in = None
        self._panel.set_viewer(self._window_viewer)
        self._capture.set_viewer(self._window_viewer, self._window_find)
        self._annotations.set_active(None)

    def marked_side(self, side: str) -> str:
        """The side whose pages the review panel marks while the reader is in ``side``: that
        side, unless it shows an earlier document of the very paper the other side shows
        current."""
        other = "new" if side == "old" else "old"
        mine, theirs = self.papers[side].papers, self.papers[other].papers
        register = self._workspace.register
        if register is None or not mine or not theirs \
                or [p.id for p in mine] != [p.id for p in theirs]:
            return side
        try:
            current = {d.id for p in mine for d in register.documents(p.id) if d.current}
        except RegisterError:
            return side
        if mine[0].document_id not in current and theirs[0].document_id in current:
            return other
        return side
