"""The window's OCR: a scan opened here is read in the background, per Preferences, and its
words reach the page view, so find, selection, copy, capture and highlights work on it.

With a register open, the reading is the import the review panel runs on open
(:class:`~ui.panels.file_papers.FilePapers`: its ``ocr_policy`` says whether a new scan is
read, its ``ocr_progress`` feeds the banner, its ``cancel`` stops it with nothing written);
the words are then the register's (``Register.ocr_pages``), so reopening a paper reads
nothing again. With no register, the open document is read on a worker thread and the words
are kept for as long as it is open. Rendering goes through the one PDFium thread either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from mopac_desk.ocr.engine import OcrUnavailableError, engine_available
from mopac_desk.ocr.figures import LOW_CONFIDENCE
from mopac_desk.ocr.reader import ocr_page_texts
from mopac_desk.ocr.text import OcrPageText, page_text
from mopac_desk.pdf import PaperDocument
from mopac_desk.register import ImportedPaper, Register

from ..panels.file_papers import FilePapers
from ..viewer import PageView
from ..viewer.overlays import ToDoc
from ..workspace import Task, Workspace
from . import banner as B
from .hover import DoubtHover
from .searchable import SearchableCopy
from .settings import ASK, AUTOMATIC, ocr_mode

STOPPED_PANEL = "No paper: reading the scan by OCR was stopped (nothing was saved)."
DOUBT = QColor(0xd9, 0x6c, 0x00)  # amber underline: a word OCR read with low confidence


class OcrController(QObject):
    """Keeps the page view's OCR words and the banner in step with the open paper."""

    #: the open paper's scanned pages now carry OCR words (how many pages)
    read_done = Signal(int)
    #: a sentence for the status bar
    message = Signal(str)
    #: (title, sentence) for a message box: the searchable copy could not be saved
    problem = Signal(str, str)

    def __init__(self, workspace: Workspace, viewer: PageView, file_papers: FilePapers,
                 banner: B.OcrBanner, window: QWidget,
                 copy_action: QAction | None = None) -> None:
        super().__init__(window)
        self._workspace, self._viewer, self._papers, self.banner = (
            workspace, viewer, file_papers, banner)
        self._doc: PaperDocument | None = None
        self._scan = False
        self._reading = False
        self._task: Task | None = None
        self._asked: set[Path] = set()  # scans the clerk asked to read (Preferences: ask)
        file_papers.ocr_policy = self._may_read
        file_papers.ocr_progress.connect(self._on_progress)
        file_papers.located.connect(self._on_located)
        file_papers.state.connect(self._on_state)
        banner.read_requested.connect(self.read_now)
        banner.cancel_requested.connect(self.cancel)
        viewer.document_changed.connect(self._document_changed)
        viewer.add_painter(self._paint_doubtful)
        self.hover = DoubtHover(viewer.ocr_texts, viewer.viewport())
        viewer.add_input_hook(self.hover)
        #: File › Save Searchable Copy… of the open scan
        self.searchable = SearchableCopy(viewer.document, self.ocr_pages, window)
        if copy_action is not None:
            copy_action.triggered.connect(self.searchable.choose)
        self.searchable.saved.connect(lambda p: self.message.emit(
            f"Saved the searchable copy “{p.name}”."))
        self.searchable.cancelled.connect(lambda: self.message.emit(
            "The searchable copy was not saved (cancelled)."))
        self.searchable.failed.connect(
            lambda text: self.problem.emit("Cannot save a searchable copy", text))

    # ===== public =============================================================================
    @property
    def reading(self) -> bool:
        """OCR is reading the open paper now."""
        return self._reading

    def ocr_pages(self) -> list:
        """What OCR read on the open paper (``OcrPage`` by page), for the searchable copy."""
        texts = self._viewer.ocr_texts()
        return [t.ocr_page for _i, t in sorted(texts.items())
                if isinstance(t, OcrPageText) and t.ocr_page is not None]

    def text_layer_known(self, has_text: bool) -> None:
        """The window found whether the open paper has a text layer (False: a scan)."""
        if has_text or self._doc is None:
            return
        self._scan = True
        if self._viewer.ocr_texts():  # the register already had its words
            self._show_read()
        elif self._may_read(self._doc.path):
            self._start(relocate=False)  # an engine that cannot load fails the reading
        elif ocr_mode() == ASK:
            self.banner.show_plain(B.PLAIN)
            self._when_engine_known(self._doc, self._offer)
        else:
            self.banner.show_plain(B.NEVER_TEXT)

    def read_now(self) -> None:
        """The clerk asked: read the open scan by OCR."""
        if self._doc is None or self._reading:
            return
        self._asked.add(self._doc.path)
        self._start(relocate=True)

    def cancel(self) -> None:
        """Stop reading; nothing is kept or written, and the clerk may ask again."""
        if not self._reading:
            return
        self._reading = False
        if self._task is not None:
            self._task.cancel()
            self._task = None
        else:
            self._papers.cancel(STOPPED_PANEL)
        if self._doc is not None:
            self._asked.discard(self._doc.path)
        self.banner.show_ask(B.STOPPED_TEXT)

    # ===== reading ============================================================================
    def _when_engine_known(self, doc: PaperDocument,
                           then: Callable[[bool], None]) -> None:
        """``then(engine_available())`` while ``doc`` is still open. The first answer loads
        tesseract and its model (a tenth of a second or more), so it is found off the GUI
        thread; later ones are remembered."""
        if engine_available.cache_info().currsize:
            then(engine_available())
            return
        task = Task(lambda _t: engine_available(), "ocr-check", self)
        task.done.connect(lambda ok: doc is self._doc and then(bool(ok)))
        task.failed.connect(lambda _exc: doc is self._doc and then(False))
        task.start()

    def _offer(self, engine_ok: bool) -> None:
        if self._reading:
            return
        if engine_ok:
            self.banner.show_ask()
        else:
            self.banner.show_plain(B.UNAVAILABLE)

    def _may_read(self, path: Path) -> bool:
        return ocr_mode() == AUTOMATIC or Path(path) in self._asked

    def _start(self, relocate: bool) -> None:
        doc = self._doc
        assert doc is not None
        self._reading = True
        self.banner.show_progress(0, 0)
        if self._workspace.register is not None:
            if relocate:  # the import the panel runs, this time reading the scan
                self._papers.relocate()
            return

        def work(task: Task) -> dict[int, OcrPageText]:
            return ocr_page_texts(doc, progress=lambda d, n: task.progress.emit((d, n)),
                                  cancel=task.cancelled.is_set)

        task = Task(work, "ocr-read", self)
        task.progress.connect(lambda dn, t=task: t is self._task and self._on_progress(*dn))
        task.done.connect(lambda texts, t=task, d=doc: self._own_done(t, d, texts))
        task.failed.connect(lambda exc, t=task: self._own_failed(t, exc))
        self._task = task
        task.start()

    def _on_progress(self, done: int, total: int) -> None:
        if self._reading:
            self.banner.show_progress(done, total)

    def _own_done(self, task: Task, doc: PaperDocument, texts: dict) -> None:
        if task is self._task and doc is self._doc:
            self._task = None
            self._apply(texts)

    def _own_failed(self, task: Task, exc: BaseException) -> None:
        if task is not self._task:
            return
        self._task, self._reading = None, False
        if isinstance(exc, OcrUnavailableError):
            self.banner.show_plain(B.UNAVAILABLE)
        else:
            self.banner.show_plain(f"This scan could not be read by OCR: {exc}")

    def _on_state(self, text: str) -> None:
        # The import gave up (OCR could not load, a damaged file): the banner says why.
        if not (self._reading and self._task is None and text.startswith("No paper:")):
            return
        self._reading = False
        if text == STOPPED_PANEL or self._doc is None:
            return
        reason = text.removeprefix("No paper:").strip()
        self._when_engine_known(self._doc, lambda ok: self.banner.show_plain(
            reason[:1].upper() + reason[1:] if ok else B.UNAVAILABLE))

    def _on_located(self, papers: list[ImportedPaper]) -> None:
        """The register knows the open file: take the words it keeps for its scanned pages."""
        doc, register = self._doc, self._workspace.register
        ids = [p.document_id for p in papers if p.document_id is not None]
        if doc is None or register is None or not ids:
            self._reading = False
            return
        path, clerk = register.path, self._workspace.clerk()

        def work(_task: Task) -> dict[int, OcrPageText]:
            with Register(path, user=clerk) as own:
                pages = {i: pg for d in ids for i, pg in own.ocr_pages(d).items()}
            return {i: page_text(pg) for i, pg in pages.items()}

        task = Task(work, "ocr-words", self)
        task.done.connect(lambda texts, d=doc: d is self._doc and self._apply(texts))
        task.failed.connect(lambda exc: self.message.emit(f"The scan's words could not be "
                                                          f"read from the register: {exc}"))
        task.start()

    def _apply(self, texts: dict[int, OcrPageText]) -> None:
        self._reading = False
        texts = {i: t for i, t in texts.items() if t.words}  # a blank sheet reads as nothing
        if not texts:
            if self._scan:
                self.banner.show_plain(B.PLAIN)
            return
        self._viewer.set_ocr_texts(texts)
        self._show_read()
        self.read_done.emit(len(texts))

    def _show_read(self) -> None:
        texts = self._viewer.ocr_texts()
        doubtful = sum(1 for t in texts.values() if isinstance(t, OcrPageText)
                       for w in t.words if w.confidence < LOW_CONFIDENCE)
        self.banner.show_plain(B.read_text(len(texts), doubtful))

    def _document_changed(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._doc, self._scan, self._reading = self._viewer.document(), False, False
        self.banner.show_plain(B.PLAIN)
        self.banner.hide()

    # ===== marks on the page ==================================================================
    def _paint_doubtful(self, painter: QPainter, page: int, to_doc: ToDoc) -> None:
        """A dotted amber line under each word OCR read with low confidence: compare it with
        the page."""
        pt = self._viewer.ocr_texts().get(page)
        if not isinstance(pt, OcrPageText):
            return
        painter.save()
        painter.setPen(QPen(DOUBT, 1.5, Qt.PenStyle.DotLine))
        for w in pt.words:
            if w.confidence < LOW_CONFIDENCE:
                left, top, width, height = to_doc(page, tuple(w.box))
                r = QRectF(left, top, width, height)
                painter.drawLine(r.bottomLeft(), r.bottomRight())
        painter.restore()
