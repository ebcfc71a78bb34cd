"""One page view's comments: the register papers of the file it shows, the comments drawn on
it, and where a new comment made on one of its pages goes.

The window's viewer has one layer; while two papers are side by side each side has its own,
so both sides draw their papers' comments at once and the tools act on the side in use (see
:meth:`AnnotationsController.add_view`). A layer re-reads the register only when
``workspace.changed`` names an annotation (or its paper or document).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from mopac_desk.annotations.model import Annotation
from mopac_desk.register import ImportedPaper, RegisterError

from ..panels.file_papers import FilePapers
from ..viewer import FindBar, PageView
from ..workspace import Workspace
from .canvas import AnnotationCanvas


class AnnotationLayer(QObject):
    """The comments of the file ``viewer`` shows, as ``file_papers`` found its papers."""

    #: the comments were re-read (the controller refreshes the panel if this layer is in use)
    reloaded = Signal()

    def __init__(self, workspace: Workspace, viewer: PageView, file_papers: FilePapers,
                 colour_of: Callable[[Annotation], str], find_bar: FindBar | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.viewer, self.file_papers = workspace, viewer, file_papers
        self.find_bar = find_bar
        self.canvas = AnnotationCanvas(viewer, self)
        self._colour_of = colour_of
        self.papers: list[ImportedPaper] = []
        self.items: list[Annotation] = []   # as the register has them
        self.shown: list[Annotation] = []   # on this file's pages (a copy's offset added)
        self.colours: dict[int, str] = {}
        #: paper id -> (the document its comments are on, file page - document page)
        self.targets: dict[int, tuple[int | None, int]] = {}
        file_papers.located.connect(self._located)
        file_papers.state.connect(lambda _text: self._located([]))
        workspace.changed.connect(self._changed)
        workspace.register_switched.connect(lambda _r: self._located([]))
        viewer.document_changed.connect(lambda: self._located([]))

    def _located(self, papers: list[ImportedPaper]) -> None:
        self.papers = list(papers)
        self.reload()

    def _changed(self, changes: list, _who: object) -> None:
        if self.papers and any(ch.entity in ("annotation", "paper", "document")
                               for ch in changes):
            self.reload()

    def reload(self) -> None:
        """Re-read the file's comments from the register."""
        register = self.workspace.register
        items: list[Annotation] = []
        shown: list[Annotation] = []
        self.targets = {}
        if register is not None:
            for paper in self.papers:
                try:
                    found = register.list_annotations(paper.id)
                    target, offset = self._target(paper)
                except RegisterError:
                    continue
                self.targets[paper.id] = (target, offset)
                # This file's comments, and those a new version could not place (they
                # stay on the old document, listed here to be placed again).
                mine = [a for a in found if target is None or a.needs_anchor
                        or a.document_id in (None, target)]
                items += mine
                shown += [replace(a, page=a.page + offset) if offset else a for a in mine]
        # The register gives each paper's in page, place and time order; a pack's papers
        # merge by page (a stable sort keeps the rest of the register's order).
        shown.sort(key=lambda a: a.page)
        self.items, self.shown = items, shown
        self.colours = {a.id: self._colour_of(a) for a in items}
        self.canvas.set_annotations(shown, self.colours)
        self.reloaded.emit()

    def _target(self, paper: ImportedPaper) -> tuple[int | None, int]:
        """Where comments made on this file's pages of ``paper`` go: its own document, or,
        for a copy (its comments were moved onto the paper's current document, page for
        page), the current document, with the copy's page offset."""
        register = self.workspace.register
        if paper.document_id is None or register is None:
            return paper.document_id, 0
        docs = register.documents(paper.id)
        mine = next((d for d in docs if d.id == paper.document_id), None)
        current = next((d for d in docs if d.current), None)
        if mine is None or current is None or mine.current or mine.role != "copy":
            return paper.document_id, 0
        return current.id, mine.first_page - current.first_page

    def annotation(self, annotation_id: int | None) -> Annotation | None:
        """The comment as the register has it (undo restores exactly this)."""
        return next((a for a in self.items if a.id == annotation_id), None)

    def where(self, paper: ImportedPaper, page_index: int) -> tuple[int | None, int]:
        """(document id, its 1-based page) for 0-based ``page_index`` of the file."""
        target, offset = self.targets.get(paper.id, (paper.document_id, 0))
        return target, page_index + 1 - offset

    def paper_at(self, page_index: int) -> ImportedPaper | None:
        pid = self.file_papers.paper_for_page(page_index)
        return next((p for p in self.papers if p.id == pid), None)

    def spans(self) -> list[tuple[int, int, int, list]]:
        """The selected text, else (no mouse: Ctrl+F to the words) the current find match."""
        spans = self.viewer.selection_spans()
        bar = self.find_bar
        if spans or bar is None or bar.isHidden():
            return spans
        n, hits = bar.current_index(), self.viewer.find_results()
        return [(hits[n].index, hits[n].start, hits[n].end, hits[n].rects)] \
            if 0 <= n < len(hits) else []
