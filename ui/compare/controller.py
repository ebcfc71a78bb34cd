"""Compare mode in the window: opening two papers side by side (a chosen file beside the open
paper, two versions of a register paper, two files from the command line), running the
comparison off the GUI thread with progress and cancel, the next/previous and sync actions,
and exporting the changes (:mod:`.export`). The window builds it and wires it; it holds no
logic of its own beyond that (the comparison is the core's). With :meth:`review_sides` each
side is reviewed and annotated as the window's viewer is (:mod:`.review`)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QToolBar, QWidget

from mopac_desk.compare import Comparison
from mopac_desk.pdf import PaperDocument, PaperError
from mopac_desk.register import Register

from ..annotations import AnnotationsController
from ..messages import Messenger
from ..panels import CaptureController, ReviewPanel
from ..trust import TrustController
from ..viewer import PageView
from ..workspace import Task, Workspace
from .export import XLSX, ChangesExport
from .review import SideReview
from .runner import STEPS, CompareCancelled, comparing
from .view import CompareView

log = logging.getLogger(__name__)

#: the window's actions compare mode uses (declared in ui/actions.py), in toolbar order:
#: Cancel Comparing first and only while the papers are read, so a narrow window's toolbar
#: never folds it behind its "»"
VIEW_ACTIONS = ("compare.cancel", "compare.previous", "compare.next", "compare.sync",
                "compare.export", "compare.swap", "compare.close")
#: the window's own find answers for its viewer: off while comparing (each side has its own)
WINDOW_FIND = ("edit.find", "edit.find_next", "edit.find_previous")
#: the window's zoom and page actions: while comparing they act on the side focused too
FOLLOWED = {"view.zoom_in": PageView.zoom_in, "view.zoom_out": PageView.zoom_out,
            "view.actual_size": PageView.actual_size, "view.fit_width": PageView.fit_width,
            "view.fit_page": PageView.fit_page, "go.previous": PageView.previous_page,
            "go.next": PageView.next_page, "go.first": PageView.first_page,
            "go.last": PageView.last_page, "edit.copy": PageView.copy}
#: actions that act on the side in use while comparing (wired by the window or the side
#: review): on while comparing, even with no paper of the window's own open
ON_A_SIDE = ("go.page", "annotate.select", "annotate.highlight", "annotate.underline",
             "annotate.strikeout", "annotate.note", "annotate.area", "annotate.textbox",
             "file.export_annotated")


class CompareController(QObject):
    """Shows :class:`CompareView` in place of ``hidden`` (the window's single viewer) inside
    ``host``'s layout while comparing."""

    #: the document of the side the reader is in (None: compare mode closed)
    document_focused = Signal(object)
    active_changed = Signal(bool)
    #: the comparison arrived (tests and the status bar hear of it)
    compared = Signal(object)
    message = Signal(str)

    def __init__(self, host: QWidget, hidden: list[QWidget], actions: dict[str, QAction],
                 messenger: Messenger, trust: TrustController,
                 current_document: Callable[[], PaperDocument | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host, self._hidden = host, hidden
        self._actions, self._messenger, self._trust = actions, messenger, trust
        self._current_document = current_document
        self.view = CompareView([actions[a] for a in VIEW_ACTIONS], host)
        self.view.hide()
        host.layout().addWidget(self.view, 1)
        self.docs: tuple[PaperDocument, PaperDocument] | None = None
        #: what the two papers are called (a register's stored copy by its imported name)
        self.names: tuple[str, str] | None = None
        self._task: Task | None = None
        self._was_shown: list[bool] = []
        #: the window's own boxes (page, zoom) that stand for its single viewer
        self._window_boxes: list[QWidget] = []
        self.review: SideReview | None = None
        #: the window viewer's (document, fit mode, zoom, top place) when compare mode began
        self._window_place: tuple | None = None
        self._workspace: Workspace | None = None  # its register's OCR words serve scans
        # Export (ui/compare/export.py): Excel or the annotated later paper, on a worker.
        self.exporter = ChangesExport(host, self)
        self.exporter.message.connect(self.message)
        self.exporter.failed.connect(
            lambda text: self._messenger.error("Cannot export the changes", text))
        self.view.changes.export_requested.connect(self.choose_export)
        a = actions
        a["view.side_by_side"].triggered.connect(self.choose_beside)
        a["compare.next"].triggered.connect(self.view.next_change)
        a["compare.previous"].triggered.connect(self.view.previous_change)
        a["compare.sync"].setChecked(True)
        a["compare.sync"].toggled.connect(self.view.sync.set_enabled)
        a["compare.export"].triggered.connect(lambda: self.choose_export())
        a["compare.cancel"].triggered.connect(self.cancel)
        a["compare.close"].triggered.connect(self.close)
        a["compare.swap"].triggered.connect(self.swap)
        self.view.focused.connect(lambda side: self.document_focused.emit(self._doc_of(side)))
        for action_id, step in FOLLOWED.items():
            a[action_id].triggered.connect(lambda _c=False, s=step: self._on_focused_side(s))
        a["go.page"].triggered.connect(
            lambda: self.view.focused_pane().focus_page_box() if self.active else None)
        self._update_actions()

    def review_sides(self, workspace: Workspace, panel: ReviewPanel,
                     annotations: AnnotationsController, capture: CaptureController,
                     window_viewer: PageView, window_boxes: list[QWidget]) -> SideReview:
        """Review and annotate each side as ``window_viewer`` is: the side the reader is in is
        the one ``panel`` reviews and ``annotations`` acts on; ``window_boxes`` (the toolbar's
        page and zoom boxes, which stand for ``window_viewer``) give way to each side's own
        while comparing."""
        self.review = SideReview(self.view, workspace, panel, annotations, capture,
                                 window_viewer, self)
        self._workspace = workspace
        self._window_boxes = list(window_boxes)
        self.document_focused.connect(self._review_focused)
        return self.review

    def _review_focused(self, doc: PaperDocument | None) -> None:
        if self.review is not None and doc is not None:  # (None: close() has left already)
            self.review.focus(self.view.focused_side)

    # ===== state =============================================================================
    @property
    def active(self) -> bool:
        return self.docs is not None

    @property
    def comparison(self) -> Comparison | None:
        return self.view.comparison

    @property
    def running(self) -> bool:
        return self._task is not None

    def _doc_of(self, side: str) -> PaperDocument | None:
        if self.docs is None:
            return None
        return self.docs[0] if side == "old" else self.docs[1]

    def _on_focused_side(self, step: Callable[[PageView], None]) -> None:
        if self.active:
            step(self.view.focused_view())

    # ===== opening ===========================================================================
    def open_pair(self, old_path: str | Path, new_path: str | Path,
                  old_password: str | None = None, new_password: str | None = None, *,
                  names: tuple[str, str] | None = None) -> bool:
        """Show ``old_path`` (left) and ``new_path`` (right) side by side and compare them,
        called ``names`` (their files' names unless given). Returns False (the reason shown)
        when either cannot be opened."""
        # As the window opens a paper (its password asked once, remembered by its contents):
        # page 1 is measured before it opens, the rest on the PDFium thread before any other
        # page is read (a file refused then closes the pair, see _on_refused). The whole of
        # two meeting packs measured here took ~100 ms of the window's time each.
        old = self._trust.open_document(old_path, old_password, refused=self._on_refused)
        if old is None:
            return False
        new = self._trust.open_document(new_path, new_password, refused=self._on_refused)
        if new is None:
            old.close(keep_boxes=False)
            return False
        if self.review is not None and self.review.hides_file_comments():
            for doc in (old, new):  # the register's copy of them is drawn instead
                doc.review_annotations = False
        self.close()
        self.docs = (old, new)
        self.names = names or (old.path.name, new.path.name)
        self.view.set_documents(old, new, self.names)
        self._enter()
        self._start(old, new)
        self.document_focused.emit(new)
        return True

    def swap(self) -> bool:
        """Compare the other way round: the right side's paper goes left as the earlier."""
        if self.docs is None:
            return False
        old, new = self.docs
        names = self.names[::-1] if self.names else None
        return self.open_pair(new.path, old.path, new.password, old.password,
                              names=names)  # type: ignore[arg-type]

    def compare_with(self, old_path: str | Path) -> bool:
        """The file at ``old_path`` (the earlier version) beside the paper open in the window."""
        doc = self._current_document()
        if doc is None:
            self._messenger.info("Side by side", "Open the later paper first, then choose the "
                                 "earlier one to compare it with.")
            return False
        return self.open_pair(old_path, doc.path, None, doc.password,
                              names=(Path(old_path).name, self._shown_name(doc)))

    def choose_beside(self) -> None:
        """View › Side by Side: choose the earlier paper to show beside the open one (with no
        paper open, choose both; the older file goes left)."""
        doc = self._current_document()
        start = str(doc.path.parent) if doc is not None else str(Path.home())
        if doc is not None:
            path, _f = QFileDialog.getOpenFileName(
                self._host, f"Compare “{doc.path.name}” with an earlier paper", start,
                "PDF papers (*.pdf);;All files (*)")
            if path:
                self.compare_with(path)
            return
        paths, _f = QFileDialog.getOpenFileNames(self._host, "Choose the two papers to compare",
                                                 start, "PDF papers (*.pdf);;All files (*)")
        if len(paths) == 2:
            old, new = sorted(paths, key=lambda p: os.stat(p).st_mtime)
            self.open_pair(old, new)
        elif paths:
            self._messenger.info("Side by side", "Choose exactly two papers to compare.")

    def compare_paper(self, register: Register | None, paper_id: int,
                      previous: bool) -> bool:
        """A register paper's current document beside its previous version (``previous``) or
        beside a file the reader chooses."""
        if register is None:
            return False
        docs = register.documents(paper_id)
        current = next((d for d in docs if d.current), docs[0] if docs else None)
        if current is None:
            return False
        if not previous:
            path, _f = QFileDialog.getOpenFileName(
                self._host, f"Compare “{current.file_name}” with…", str(Path.home()),
                "PDF papers (*.pdf);;All files (*)")
            return bool(path) and self.open_pair(
                path, current.stored_path, names=(Path(path).name, current.file_name))
        earlier = [d for d in docs if d.role != "copy" and d.version < current.version]
        if not earlier:
            self._messenger.info("Side by side", "This paper has no earlier version.")
            return False
        before = max(earlier, key=lambda d: d.version)
        # The stored copies are named by their hashes: the sides are called by the names the
        # files were imported under (and their versions, when those names are alike).
        names = (before.file_name, current.file_name)
        if names[0] == names[1]:
            names = (f"{names[0]} (version {before.version})",
                     f"{names[1]} (version {current.version})")
        return self.open_pair(before.stored_path, current.stored_path, names=names)

    def _shown_name(self, doc: PaperDocument) -> str:
        """The name the window's paper is known by (a stored copy's, the imported file's)."""
        return (self._workspace.shown_name(doc.path) if self._workspace is not None
                else doc.path.name)

    # ===== the comparison ====================================================================
    def _start(self, old: PaperDocument, new: PaperDocument) -> None:
        task = comparing(old, new, self, register=(
            self._workspace.register if self._workspace is not None else None),
            names=self.names)
        self._task = task
        self.view.set_status(f"Reading {old.path.name}… (1 of {STEPS})")
        task.progress.connect(lambda p, t=task: self._progress(t, p))
        task.done.connect(lambda result, t=task, d=(old, new): self._finished(t, d, result))
        task.failed.connect(lambda exc, t=task, d=(old, new): self._finished(t, d, None, exc))
        self._update_actions()

    def _progress(self, task: Task, step: tuple[int, str]) -> None:
        if task is self._task and step[0] < STEPS:
            self.view.set_status(f"{step[1]} ({step[0] + 1} of {STEPS})")

    def _finished(self, task: Task, docs: tuple[PaperDocument, PaperDocument],
                  result: Comparison | None, exc: BaseException | None = None) -> None:
        if task is not self._task:  # closed or replaced meanwhile: its documents go now
            for doc in docs:
                doc.close(keep_boxes=False)
            return
        self._task = None
        if result is not None:
            self.view.set_comparison(result)
            self.compared.emit(result)
        elif isinstance(exc, CompareCancelled):
            self.view.set_status("Comparison cancelled")
        elif any(_refusal(d) for d in docs):  # said by _on_refused, whichever comes first
            self._on_refused(next(d for d in docs if _refusal(d)), str(exc))
            return
        elif isinstance(exc, PaperError):
            self.view.set_status("Could not compare")
            self._messenger.error("Cannot compare", str(exc))
        else:
            log.error("comparison failed", exc_info=exc)
            self.view.set_status("Could not compare")
            self._messenger.error("Cannot compare", "The two papers could not be compared; "
                                  "one of them may be damaged or use features this app "
                                  "cannot read.")
        self._update_actions()

    def _on_refused(self, doc: PaperDocument, reason: str) -> None:
        """A side's file refused once measured whole (a memory bomb past page 1, a page
        tree PDFium cannot size): compare mode closes with the reason, as the window
        closes a paper of its own refused so."""
        if self.docs is not None and doc in self.docs:
            refusal = _refusal(doc)
            self.close()
            self._messenger.error("Cannot compare", str(refusal) if refusal else reason)

    def cancel(self) -> None:
        """Stop the comparison running (the papers stay side by side, unmarked)."""
        if self._task is not None:
            self._task.cancel()
            self.view.set_status("Cancelling…")

    # ===== export ============================================================================
    def choose_export(self, kind: str | None = None) -> None:
        """Export Changes…: as an Excel sheet or the later paper annotated (``kind`` "xlsx" /
        "pdf"; None: as the reader picks the file type), written off the GUI thread."""
        if self.docs is not None:
            self.exporter.choose(self.comparison, self.docs[1], kind,
                                 self.names[1] if self.names else None)

    def export_to(self, path: str | Path, kind: str = XLSX) -> Task | None:
        """Write the changes to ``path``; ``message`` says where when done."""
        if self.comparison is None or self.docs is None:
            return None
        return self.exporter.export_to(self.comparison, self.docs[1], path, kind)

    # ===== mode ==============================================================================
    def _enter(self) -> None:
        if self.view.isHidden() and not self._was_shown:
            self._was_shown = [not w.isHidden() for w in self._hidden]
            self._keep_window_place()
        for w in self._hidden:
            w.hide()
            if isinstance(w, PageView):  # Copy is the focused side's now
                w.clear_selection()
        self._show_window_boxes(False)
        for a in WINDOW_FIND:
            self._actions[a].setEnabled(False)
        for a in (*FOLLOWED, *ON_A_SIDE):
            self._actions[a].setEnabled(True)
        self.view.show()
        self.view.new_view.setFocus()
        self.active_changed.emit(True)

    def close(self) -> None:
        """Leave compare mode: the window's own paper is shown again."""
        if self.docs is None:
            return
        docs, self.docs = self.docs, None
        self.names = None
        if self.review is not None:  # the panel and tools back on the window's paper first
            self.review.leave()
        self.view.set_documents(None, None)
        if self._task is not None:
            self._task.cancel()  # its documents close when it has let go of them
            self._task = None
        else:
            # The marks' rectangles are read already: nothing needs the other character
            # boxes, and reading them all as the documents close would cost seconds.
            for doc in docs:
                doc.close(keep_boxes=False)
        self.view.hide()
        for w, shown in zip(self._hidden, self._was_shown):
            w.setVisible(shown)
        self._restore_window_place()
        self._show_window_boxes(True)
        # As the window sets them: on with a paper of its own open.
        for a in (*WINDOW_FIND, *FOLLOWED, *ON_A_SIDE):
            self._actions[a].setEnabled(self._current_document() is not None)
        self._was_shown = []
        self._update_actions()
        self.active_changed.emit(False)
        self.document_focused.emit(None)

    def _window_viewer(self) -> PageView | None:
        return next((w for w in self._hidden if isinstance(w, PageView)), None)

    def _keep_window_place(self) -> None:
        # The window's zoom and page actions reach its hidden viewer too while comparing:
        # leaving compare mode puts its paper back as the reader left it.
        v = self._window_viewer()
        self._window_place = None if v is None or v.document() is None else (
            v.document(), v.fit_mode(), v.zoom(), v.page_position_at(0.0))

    def _restore_window_place(self) -> None:
        v, place, self._window_place = self._window_viewer(), self._window_place, None
        if v is None or place is None or v.document() is not place[0]:
            return  # another paper was opened: it keeps its own place
        _doc, fit, zoom, (page, y) = place
        if fit == PageView.FIT_WIDTH:
            v.fit_width()
        elif fit == PageView.FIT_PAGE:
            v.fit_page()
        else:
            v.set_zoom(zoom)
        if page >= 0:
            v.scroll_page_position_to(page, y, 0.0)

    def _show_window_boxes(self, shown: bool) -> None:
        for box in self._window_boxes:
            bar = box.parentWidget()
            action = next((a for a in bar.actions() if bar.widgetForAction(a) is box), None) \
                if isinstance(bar, QToolBar) else None
            if action is not None:
                action.setVisible(shown)
            # Off too, so Ctrl+G's focus goes to the side's page box, not a hidden one.
            box.setEnabled(shown and self._current_document() is not None)

    def _update_actions(self) -> None:
        a = self._actions
        for name in ("compare.next", "compare.previous", "compare.export"):
            a[name].setEnabled(self.comparison is not None)
        a["compare.sync"].setEnabled(self.active)
        a["compare.swap"].setEnabled(self.active)
        a["compare.close"].setEnabled(self.active)
        a["compare.cancel"].setEnabled(self._task is not None)
        a["compare.cancel"].setVisible(self._task is not None)


def _refusal(doc: PaperDocument) -> BaseException | None:
    """Why ``doc``'s file was refused once measured whole (None: not, or not yet)."""
    checked: Future[None] = doc.rest_checked
    return checked.exception() if checked.done() else None
