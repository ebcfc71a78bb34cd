"""The annotation feature of the window: tools, the marks on the page, the panel, export.

Each page view annotated has an :class:`~.layer.AnnotationLayer`: the window's viewer (its
papers found by the review panel's :class:`~ui.panels.file_papers.FilePapers`) and, while two
papers are side by side, each side (:meth:`AnnotationsController.add_view`). Every layer draws
its file's comments; the tools, the Annotations panel and export act on the layer in use
(:meth:`AnnotationsController.set_active`, or a click on its page). Every edit is an undo
command on the one stack; new comments go on the document shown, by the clerk's name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QMenu, QToolBar, QWidget

from mopac_desk.annotations.model import PALETTE, Annotation
from mopac_desk.annotations.pdf_write import ExportError, ExportResult, export_annotated
from mopac_desk.register import ImportedPaper, RegisterError
from mopac_desk.review import tags as T

from ..panels.commands import OneStep
from ..panels.file_papers import FilePapers
from ..settings_dialog import PreferencesBus, swatch
from ..viewer import FindBar, PageView
from ..viewer.overlays import as_rect
from ..viewer.text_pick import span_text
from ..workspace import Task, Workspace
from .canvas import MARKUPS, PLACED, TOOLS, AnnotationCanvas, box_at
from .commands import (
    AddAnnotationCommand,
    DeleteAnnotationCommand,
    EditAnnotationCommand,
    ReplyCommand,
    SetAnnotationStatusCommand,
)
from .layer import AnnotationLayer
from .panel import AnnotationsPanel

#: the action id of each tool (declared in ui/actions.py)
TOOL_ACTIONS = {tool: f"annotate.{tool}" for tool in TOOLS}


class AnnotationsController(QObject):
    """Builds and wires the annotation tools, canvases and panel for one window."""

    #: a plain sentence for the status bar
    message = Signal(str)
    #: an export finished (its ExportResult)
    exported = Signal(object)
    #: an export failed: the plain-English reason
    export_failed = Signal(str)

    def __init__(self, workspace: Workspace, viewer: PageView, file_papers: FilePapers,
                 actions: dict[str, QAction], bus: PreferencesBus,
                 parent: QWidget | None = None, find_bar: FindBar | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.actions = actions
        self.panel = AnnotationsPanel(parent)
        self.colour = PALETTE["yellow"]
        self._vocabulary: tuple[T.Tag, ...] = T.load_vocabulary().tags
        self._tag_colours = {t.name: t.colour for t in self._vocabulary}
        self._task: Task | None = None
        self.layers: list[AnnotationLayer] = []
        self.layer = self.add_view(viewer, file_papers, find_bar)  # the one in use
        self._build_tools(parent)
        self.colour_menu = self._build_colour_menu(parent)
        bus.vocabulary_changed.connect(self._vocabulary_changed)
        self._connect()

    # ===== the layer in use ==================================================================
    @property
    def viewer(self) -> PageView:
        """The page view annotated now (the window's, or the compare side in use)."""
        return self.layer.viewer

    @property
    def canvas(self) -> AnnotationCanvas:
        return self.layer.canvas

    @property
    def file_papers(self) -> FilePapers:
        return self.layer.file_papers

    @property
    def find_bar(self) -> FindBar | None:
        return self.layer.find_bar

    @property
    def _papers(self) -> list[ImportedPaper]:
        return self.layer.papers

    def add_view(self, viewer: PageView, file_papers: FilePapers,
                 find_bar: FindBar | None = None) -> AnnotationLayer:
        """Draw the comments of the file ``viewer`` shows (its papers as ``file_papers``
        finds them) and let the tools act there; a click on its page puts it in use."""
        layer = AnnotationLayer(self.workspace, viewer, file_papers, self.colour_of, find_bar,
                                self)
        if self.layers:
            layer.canvas.set_tool(self.canvas.tool)
        self.layers.append(layer)
        c = layer.canvas
        layer.reloaded.connect(lambda: self._show_in_panel(layer))
        viewer.selection_changed.connect(lambda text: self._selection_changed(layer, text))
        c.place_requested.connect(self._in(layer, self.place))
        c.selected.connect(self._in(layer, self.panel.select))
        c.moved.connect(self._in(layer, self._moved))
        c.delete_requested.connect(self._in(layer, self.delete))
        c.escape_pressed.connect(self._in(layer, self._escape))
        c.place_here_requested.connect(self._in(layer, lambda: self.place_in_view(c.tool)))
        return layer

    def set_active(self, layer: AnnotationLayer | None) -> None:
        """The tools, the Annotations panel and export act on ``layer`` from now on (None:
        the window's viewer's)."""
        layer = layer if layer is not None else self.layers[0]
        if layer is self.layer:
            return
        self.layer.canvas.select(None)
        self.layer = layer
        self._show_in_panel(layer)

    def _in(self, layer: AnnotationLayer, slot: Callable[..., Any]) -> Callable[..., None]:
        """``slot`` run for what happened on ``layer``'s page, that layer put in use first."""
        def run(*args: Any) -> None:
            self.set_active(layer)
            slot(*args)
        return run

    def _show_in_panel(self, layer: AnnotationLayer) -> None:
        if layer is self.layer:
            self.panel.set_annotations(layer.shown, layer.colours)

    # ===== building ==========================================================================
    def _build_tools(self, parent: QWidget | None) -> None:
        self.tool_group = QActionGroup(self)
        self.tool_group.setExclusive(True)
        for tool, action_id in TOOL_ACTIONS.items():
            action = self.actions[action_id]
            action.setCheckable(True)
            self.tool_group.addAction(action)
            action.triggered.connect(lambda _c=False, t=tool: self.choose_tool(t))
        self.actions[TOOL_ACTIONS["select"]].setChecked(True)
        self.toolbar = QToolBar("Annotate", parent)
        self.toolbar.setObjectName("annotateToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action_id in TOOL_ACTIONS.values():
            self.toolbar.addAction(self.actions[action_id])

    def _build_colour_menu(self, parent: QWidget | None) -> QMenu:
        menu = QMenu("&Colour", parent)
        menu.setObjectName("annotate-colour-menu")
        group = QActionGroup(menu)
        for name, colour in PALETTE.items():
            action = menu.addAction(swatch(colour), name.capitalize())
            action.setObjectName(f"annotate.colour.{name}")
            action.setCheckable(True)
            action.setChecked(colour == self.colour)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, c=colour: self.set_colour(c))
        return menu

    def _connect(self) -> None:
        p = self.panel
        p.activated.connect(self.go_to)
        p.current_changed.connect(lambda aid: self.canvas.select(aid))  # then Delete removes it
        p.status_requested.connect(self.set_status)
        p.reply_requested.connect(self.reply)
        p.edit_requested.connect(self.edit)
        p.delete_requested.connect(self.delete)

    # ===== what is shown =====================================================================
    def _vocabulary_changed(self, tags: tuple[T.Tag, ...]) -> None:
        self._vocabulary = tuple(tags)
        self._tag_colours = {t.name: t.colour for t in tags}
        self.reload()

    def reload(self) -> None:
        """Re-read every annotated view's comments from the register."""
        for layer in self.layers:
            layer.reload()

    def annotations(self) -> list[Annotation]:
        """The comments shown on the view in use, on its file's pages (page order, then
        place, then time)."""
        return list(self.layer.shown)

    def colour_of(self, a: Annotation) -> str:
        """The colour ``a`` is drawn in: its first tag's, when the vocabulary colours it."""
        for tag in a.tags:
            if tag in self._tag_colours:
                return self._tag_colours[tag]
        return a.colour

    def _annotation(self, annotation_id: int | None) -> Annotation | None:
        """The comment as the register has it (undo restores exactly this)."""
        return self.layer.annotation(annotation_id)

    # ===== tools ============================================================================
    def choose_tool(self, tool: str) -> None:
        """Switch to ``tool``; a markup chosen with text selected marks that text at once."""
        if tool in MARKUPS and self.layer.spans():
            self.mark_selection(tool)
            tool = "select"
        for layer in self.layers:  # whichever side is clicked next, the tool is the same
            layer.canvas.set_tool(tool)
        self.actions[TOOL_ACTIONS[tool]].setChecked(True)
        if tool in PLACED:
            self.message.emit("Click or drag on the page to place it (Return: in the middle "
                              "of the page shown; Esc: back to selecting).")

    def set_colour(self, colour: str) -> None:
        """New comments take ``colour``; the selected one changes to it too."""
        self.colour = colour
        a = self._annotation(self.canvas.selected_id) if self.canvas.selected_id else None
        if a is not None:
            self.edit(a.id, {"colour": colour})

    def _escape(self) -> None:
        self.canvas.select(None)
        self.panel.select(None)
        self.choose_tool("select")

    def _refuse_no_paper(self) -> None:
        self.workspace.refuse("This file is not in the register yet: annotations need a "
                              "register paper.")
        self.message.emit("Annotations need the paper in the register (open a register).")

    # ===== making comments ===================================================================
    def _selection_changed(self, layer: AnnotationLayer, text: str) -> None:
        if text and layer.canvas.tool in MARKUPS:  # (a selection let go puts nothing in use)
            self.set_active(layer)
            self.mark_selection(layer.canvas.tool)

    def mark_selection(self, kind: str) -> list[int]:
        """Highlight, underline or strike out the selected text (or the current find match),
        one comment a page, the words under it its quote; returns the new ids."""
        steps: list[AddAnnotationCommand] = []
        for page, start, end, rects in self.layer.spans():
            paper = self.layer.paper_at(page)
            pt = self.viewer.page_text(page)
            if paper is None or pt is None or not rects:
                continue
            quote = " ".join(span_text(pt, start, end).split())
            document_id, doc_page = self.layer.where(paper, page)
            steps.append(AddAnnotationCommand(
                self.workspace, paper.id, document_id, doc_page, kind,
                [list(as_rect(r)) for r in rects], quote=quote, colour=self.colour))
        if not steps:
            if not self._papers:
                self._refuse_no_paper()
            return []
        self._push(steps)
        self.viewer.clear_selection()
        ids = [s.annotation_id for s in steps if s.annotation_id is not None]
        if ids:
            self._show_made(ids[0])
        return ids

    def place(self, kind: str, page: int, rect: list[float]) -> int | None:
        """Put a note, area box or text box at PDF ``rect`` on 0-based ``page``."""
        paper = self.layer.paper_at(page)
        if paper is None:
            self._refuse_no_paper()
            return None
        document_id, doc_page = self.layer.where(paper, page)
        step = AddAnnotationCommand(self.workspace, paper.id, document_id, doc_page,
                                    kind, [rect], colour=self.colour)
        self._push([step])
        if step.annotation_id is not None:
            self._show_made(step.annotation_id, edit=True)
        return step.annotation_id

    def place_in_view(self, kind: str) -> int | None:
        """The keyboard way to place: in the middle of the part of the page shown."""
        if kind not in PLACED or self.viewer.document() is None:
            return None
        vp = self.viewer.viewport().rect()
        page, x, y = self.viewer.pdf_point_at(vp.center())
        if page < 0:
            page = max(0, self.viewer.current_page())
            x, y = 72.0, self.viewer.document().page_size(page)[1] - 72.0
        return self.place(kind, page, box_at(kind, x, y))

    def _push(self, steps: list[Any]) -> None:
        if len(steps) == 1:
            self.workspace.push(steps[0])
        else:
            self.workspace.push(OneStep(self.workspace, steps[0].text(), steps))

    def _show_made(self, annotation_id: int, edit: bool = False) -> None:
        self.canvas.select(annotation_id)
        self.panel.select(annotation_id)
        if edit:
            self.panel.edit_contents()

    # ===== editing ===========================================================================
    def _moved(self, annotation_id: int, rects: list[list[float]]) -> None:
        a = self._annotation(annotation_id)
        if a is not None:
            command = EditAnnotationCommand.of(self.workspace, a, "Move annotation",
                                               rects=rects)
            if command is not None:
                self.workspace.push(command)

    def edit(self, annotation_id: int, new: dict[str, Any]) -> None:
        """Change a comment (``new``: text, colour, rects, private, tags)."""
        a = self._annotation(annotation_id)
        if a is None:
            return
        what = "Edit annotation" if "text" in new else "Change annotation"
        if "tags" in new:
            tags = self._register_tags(new["tags"])
            if tags is None:
                return
            new = {**new, "tags": tags}
        command = EditAnnotationCommand.of(self.workspace, a, what, **new)
        if command is not None:
            self.workspace.push(command)

    def _register_tags(self, names: list[str]) -> list[str] | None:
        """The register's names for vocabulary tags ``names`` (made on first use); None,
        with the reason told, when one is not in the vocabulary."""
        by_name = {t.name.casefold(): t for t in self._vocabulary}
        unknown = [n for n in names if n.casefold() not in by_name]
        register = self.workspace.register
        if unknown or register is None:
            text = (f"“{unknown[0]}” is not one of the tags (Edit › Preferences lists them)."
                    if unknown else "No register is open.")
            self.workspace.refuse(text)
            self.message.emit(text)
            return None
        try:
            return [T.ensure_register_tag(register, by_name[n.casefold()],
                                          self.workspace.clerk()) for n in names]
        except RegisterError as exc:
            self.workspace.refuse(str(exc))
            return None

    def set_status(self, annotation_id: int, status: str) -> None:
        a = self._annotation(annotation_id)
        if a is not None and a.status != status:
            self.workspace.push(SetAnnotationStatusCommand(self.workspace, a.id, status,
                                                           a.status))

    def reply(self, annotation_id: int, text: str) -> None:
        if text.strip() and self._annotation(annotation_id) is not None:
            self.workspace.push(ReplyCommand(self.workspace, annotation_id, text.strip()))

    def delete(self, annotation_id: int) -> None:
        a = self._annotation(annotation_id)
        if a is not None:
            self.workspace.push(DeleteAnnotationCommand(self.workspace, a))
            self.canvas.select(None)

    def go_to(self, annotation_id: int) -> None:
        """Show comment ``annotation_id`` on its page, selected."""
        a = next((x for x in self.layer.shown if x.id == annotation_id), None)
        if a is None:
            return
        self.canvas.select(a.id)
        bounds = a.bounds
        self.viewer.scroll_to(a.page - 1, bounds if bounds is not None else None)

    # ===== export ============================================================================
    def choose_export(self) -> None:
        """File › Export Annotated PDF…: ask where, then write it off the GUI thread."""
        planned = self._export_plan()
        if planned is None:
            return
        paper, _doc, _items = planned
        start = Path.home() / f"{(paper.reference or 'paper').replace('/', '-')}-annotated.pdf"
        path, _filter = QFileDialog.getSaveFileName(self.panel, "Export annotated PDF",
                                                    str(start), "PDF (*.pdf)")
        if path:
            self.export_to(Path(path))

    def _export_plan(self):
        register = self.workspace.register
        paper = self.layer.paper_at(max(0, self.viewer.current_page()))
        if register is None or paper is None:
            self.export_failed.emit("Open a paper of the register to export its annotations.")
            return None
        try:
            docs = register.documents(paper.id)
            items = register.list_annotations(paper.id)
        except RegisterError as exc:
            self.export_failed.emit(str(exc))
            return None
        target, _offset = self.layer.targets.get(paper.id, (paper.document_id, 0))
        doc = next((d for d in docs if d.id == target), None) or next(
            (d for d in docs if d.current), None)
        if doc is None:
            self.export_failed.emit("The register keeps no copy of this paper to export.")
            return None
        return paper, doc, [a for a in items if a.document_id in (None, doc.id)]

    def export_to(self, out: Path) -> Task | None:
        """Write the current paper's document with its comments to ``out`` (a worker)."""
        planned = self._export_plan()
        if planned is None:
            return None
        _paper, doc, items = planned
        open_doc = self.viewer.document()
        password = open_doc.password if open_doc is not None else None
        source, pages = doc.stored_path, (doc.first_page, doc.last_page)

        def work(_task: Task) -> ExportResult:
            return export_annotated(source, items, out, password=password, pages=pages)

        task = Task(work, "annotations-export", self)
        task.done.connect(self._export_done)
        task.failed.connect(self._export_error)
        self._task = task
        self.message.emit(f"Exporting the annotated PDF to {out.name}…")
        return task.start()

    def _export_done(self, result: ExportResult) -> None:
        self._task = None
        self.message.emit(f"Exported {result.comments} comment(s) and {result.replies} "
                          f"repl{'y' if result.replies == 1 else 'ies'} to "
                          f"{Path(result.path).name}.")
        self.exported.emit(result)

    def _export_error(self, exc: BaseException) -> None:
        self._task = None
        if isinstance(exc, (ExportError, RegisterError, OSError)):
            text = str(exc)
        else:
            text = f"The annotated PDF could not be written ({type(exc).__name__})."
        self.export_failed.emit(text)
