"""Manual capture from the page view: select text, then "Add as Recommendation", "Add as Cost"
or "Set Field ▸ …" (page view context menu, Edit › Capture, or the keyboard).

Keyboard: Ctrl+Shift+E adds a recommendation, Ctrl+Shift+M a cost (M for money), Ctrl+Shift+F
opens the field list at the selection. The page view has no keyboard text selection, so without
a mouse the current find match (Ctrl+F, then Enter/F3) counts as the selection.

Turning the selection into register values is ``mopac_desk.review.capture``'s job; each capture
here is one undoable command, and the new item is selected in the panel afterwards.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from mopac_desk.register import Register, RegisterError
from mopac_desk.register.detail import CostRow, RecommendationRow
from mopac_desk.review import capture as C

from ..viewer import FindBar, PageView
from ..workspace import Workspace
from .commands import OneStep, RegisterCommand
from .review_panel import ReviewPanel

SHORTCUTS = {"recommendation": "Ctrl+Shift+E", "cost": "Ctrl+Shift+M", "field": "Ctrl+Shift+F"}


class _CaptureCommand(RegisterCommand):
    """Adds an item the first time; undo deletes it; redo after undo restores the same item
    (same id), so later commands that name it still apply."""

    entity = ""

    def __init__(self, workspace: Workspace, paper_id: int, text: str) -> None:
        super().__init__(workspace, text)
        self.paper_id = paper_id
        self.row: RecommendationRow | CostRow | None = None

    @property
    def item_id(self) -> int | None:
        return self.row.id if self.row else None

    def add(self, register: Register,
            who: str) -> RecommendationRow | CostRow:  # pragma: no cover
        raise NotImplementedError

    def apply(self, register: Register, who: str) -> None:
        if self.row is None:
            self.row = self.add(register, who)
        else:
            register.restore_item(self.entity, self.row, who=who)

    def revert(self, register: Register, who: str) -> None:
        if self.item_id is None:
            return
        if self.entity == "recommendation":
            register.delete_recommendation(self.item_id, who)
        else:
            register.delete_cost(self.item_id, who)

    def redo(self) -> None:
        try:
            super().redo()
        except C.CaptureError as exc:
            # Raised before anything was written (e.g. a page outside the paper).
            self.error = str(exc)
            self.setObsolete(True)
            self.workspace.refuse(self.error)
            return
        if self.error is None and self.item_id is not None:
            self.workspace.touch(self.entity, self.item_id)


class AddRecommendationCommand(_CaptureCommand):
    """Capture a recommendation the extraction missed."""

    entity = "recommendation"

    def __init__(self, workspace: Workspace, paper_id: int,
                 capture: C.RecommendationCapture) -> None:
        short = capture.text if len(capture.text) <= 40 else capture.text[:39] + "…"
        super().__init__(workspace, paper_id, f"Add recommendation “{short}”")
        self.capture = capture

    def add(self, register: Register, who: str) -> RecommendationRow:
        return C.add_recommendation(register, self.paper_id, self.capture, who)


class AddCostCommand(_CaptureCommand):
    """Capture one £ amount the extraction missed."""

    entity = "cost"

    def __init__(self, workspace: Workspace, paper_id: int, capture: C.CostCapture) -> None:
        super().__init__(workspace, paper_id, f"Add cost {capture.raw}")
        self.capture = capture

    def add(self, register: Register, who: str) -> CostRow:
        return C.add_cost(register, self.paper_id, self.capture, who)


class SetFieldFromPageCommand(RegisterCommand):
    """Set a field from the selection with its provenance; undo restores the old value,
    confirmed flag and provenance exactly."""

    def __init__(self, workspace: Workspace, paper_id: int, capture: C.FieldCapture,
                 before: C.FieldSnapshot) -> None:
        super().__init__(workspace, f"Set {C.FIELD_LABELS[capture.name]} from the page")
        self.paper_id, self.capture, self.before = paper_id, capture, before

    def apply(self, register: Register, who: str) -> None:
        C.set_field(register, self.paper_id, self.capture, who)

    def revert(self, register: Register, who: str) -> None:
        C.restore_field(register, self.paper_id, self.before, who)

    def redo(self) -> None:
        try:
            super().redo()
        except C.CaptureError as exc:
            self.error = str(exc)
            self.setObsolete(True)
            self.workspace.refuse(self.error)
            return
        if self.error is None:
            self.workspace.touch("field", self.capture.name)


class CaptureController(QObject):
    """The capture actions of one panel and when they are enabled.

    ``shortcut_host`` (the window) carries the actions so their keys work anywhere in it; the
    wiring puts ``menu`` (Edit › Capture from Page) in the Edit menu.
    """

    def __init__(self, workspace: Workspace, panel: ReviewPanel, viewer: PageView,
                 find_bar: FindBar, shortcut_host: QWidget) -> None:
        super().__init__(panel)
        self.setObjectName("capture")
        self.workspace = workspace
        self.panel = panel
        self.viewer = viewer
        self.find_bar = find_bar
        window = shortcut_host
        self.recommendation_action = self._action(
            "capture.recommendation", "Add as &Recommendation", "recommendation",
            "Add the selected text as a recommendation", self.add_recommendation)
        self.cost_action = self._action(
            "capture.cost", "Add as &Cost", "cost",
            "Add every £ amount in the selected text as a cost", self.add_cost)
        self.field_menu = QMenu("Set &Field", window)
        self.field_menu.setObjectName("capture-field-menu")
        self.field_actions: dict[str, QAction] = {}
        for name, label in C.FIELD_LABELS.items():
            action = self.field_menu.addAction(label)
            action.setObjectName(f"capture.field.{name}")
            action.triggered.connect(lambda _c=False, n=name: self.set_field(n))
            self.field_actions[name] = action
        self.field_action = self._action(
            "capture.field", "Set &Field…", "field",
            "Choose which field the selected text is", self.popup_field_menu)
        self.actions = [self.recommendation_action, self.cost_action, self.field_action]
        for action in self.actions:
            window.addAction(action)
        self.menu = QMenu("Ca&pture from Page", window)
        self.menu.setObjectName("capture-menu")
        self.menu.addActions([self.recommendation_action, self.cost_action])
        self.menu.addMenu(self.field_menu)
        self.viewer.context_menu_requested.connect(self._fill_context_menu)
        # The signal carries the selected text: no need to recompute the selection on every
        # mouse move of a drag.
        self._selected = bool(self.viewer.selected_text().strip())
        self.viewer.selection_changed.connect(self._selection_changed)
        find_bar.results_changed.connect(self._find_changed)
        panel.paper_changed.connect(lambda _p: self.update_enabled())
        self.update_enabled()

    def set_viewer(self, viewer: PageView, find_bar: FindBar) -> None:
        """Capture from ``viewer``'s selection (or ``find_bar``'s current match) from now on:
        the compare side the review panel marks, or the window's viewer again."""
        if viewer is self.viewer and find_bar is self.find_bar:
            return
        self.viewer.context_menu_requested.disconnect(self._fill_context_menu)
        self.viewer.selection_changed.disconnect(self._selection_changed)
        self.find_bar.results_changed.disconnect(self._find_changed)
        self.viewer, self.find_bar = viewer, find_bar
        viewer.context_menu_requested.connect(self._fill_context_menu)
        viewer.selection_changed.connect(self._selection_changed)
        find_bar.results_changed.connect(self._find_changed)
        self._selected = bool(viewer.selected_text().strip())
        self.update_enabled()

    def _find_changed(self, *_args: Any) -> None:
        self.update_enabled()

    def _action(self, object_name: str, text: str, key: str, tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setObjectName(object_name)
        action.setShortcut(QKeySequence(SHORTCUTS[key]))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip} ({SHORTCUTS[key]})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    # ===== state ==============================================================================
    def has_selection(self) -> bool:
        """Text is selected in the page view, or a find match is current."""
        return self._selected or self._find_hit() is not None

    def _selection_changed(self, text: str) -> None:
        self._selected = bool(text.strip())
        self.update_enabled()

    def update_enabled(self) -> None:
        """Capture needs a paper in the panel and a selection (or a current find match)."""
        ok = (self.panel.paper_id is not None and self.workspace.register is not None
              and self.has_selection())
        for action in self.actions:
            action.setEnabled(ok)
        self.field_menu.setEnabled(ok)

    def _fill_context_menu(self, menu: QMenu, _page: int, _x: float, _y: float) -> None:
        self.update_enabled()
        menu.addSeparator()
        menu.addAction(self.recommendation_action)
        menu.addAction(self.cost_action)
        menu.addMenu(self.field_menu)

    # ===== the selection ======================================================================
    def _find_hit(self) -> Any:
        bar = self.find_bar
        if bar.isHidden():
            return None
        n = bar.current_index()  # 0-based, -1 when none
        hits = self.viewer.find_results()
        return hits[n] if 0 <= n < len(hits) else None

    def selection(self) -> C.Selection:
        """The selected text as the capture core takes it (see the module docstring)."""
        spans = self.viewer.selection_spans()
        if not spans:
            hit = self._find_hit()
            if hit is None:
                raise C.CaptureError("Nothing is selected: drag over the words on the page (or "
                                     "find them with Ctrl+F), then capture them.")
            spans = [(hit.index, hit.start, hit.end, hit.rects)]
        parts = []
        for page, start, end, rects in spans:
            pt = self.viewer.page_text(page)
            if pt is None:
                raise C.CaptureError("This page has no text to capture.")
            parts.append((page, start, end, rects, pt))
        if len(parts) == 1:
            page, start, end, rects, pt = parts[0]
            return C.Selection(page + 1, pt.text[start:end], rects,
                               lambda s, e: pt.rects_for_span(start + s, start + e))
        return C.selection_from_spans([(p + 1, pt.text[s:e], r) for p, s, e, r, pt in parts])

    def _ready(self) -> tuple[Register, int, C.Selection] | None:
        register, paper_id = self.workspace.register, self.panel.paper_id
        if register is None or paper_id is None:
            self.panel.show_message("Open a paper from the register before capturing.")
            return None
        try:
            return register, paper_id, self.selection()
        except C.CaptureError as exc:
            self.panel.show_message(str(exc))
            return None

    # ===== capturing ==========================================================================
    def add_recommendation(self) -> None:
        """Add the selection as a recommendation (undoable)."""
        ready = self._ready()
        if ready is None:
            return
        _register, paper_id, selection = ready
        try:
            capture = C.recommendation_from_selection(selection)
        except C.CaptureError as exc:
            self.panel.show_message(str(exc))
            return
        self.panel.push(AddRecommendationCommand(self.workspace, paper_id, capture))

    def add_cost(self) -> None:
        """Add every amount in the selection as a cost (one undoable step for all)."""
        ready = self._ready()
        if ready is None:
            return
        _register, paper_id, selection = ready
        try:
            captures = C.costs_from_selection(selection)
        except C.CaptureError as exc:
            self.panel.show_message(str(exc))
            return
        if len(captures) == 1:
            self.panel.push(AddCostCommand(self.workspace, paper_id, captures[0]))
            return
        try:  # refuse once, before an undo step is opened, rather than once per amount
            C.check_page_in_paper(_register, paper_id, captures[0].page)
        except (C.CaptureError, RegisterError) as exc:
            self.panel.show_message(str(exc))
            return
        # One step, one announcement: the views re-read once for all the amounts.
        self.workspace.push(OneStep(self.workspace, f"Add {len(captures)} costs", [
            AddCostCommand(self.workspace, paper_id, capture) for capture in captures]))

    def set_field(self, name: str) -> None:
        """Set field ``name`` from the selection (undoable)."""
        ready = self._ready()
        if ready is None:
            return
        register, paper_id, selection = ready
        try:
            capture = C.field_from_selection(name, selection)
            before = C.field_snapshot(register, paper_id, name)
        except (C.CaptureError, RegisterError) as exc:
            self.panel.show_message(str(exc))
            return
        self.panel.push(SetFieldFromPageCommand(self.workspace, paper_id, capture, before))

    def popup_field_menu(self) -> None:
        """Ctrl+Shift+F: the field list beside the selection, to choose with the arrow keys."""
        if self._ready() is None:
            return
        spans = self.viewer.selection_spans()
        pos = QPoint(0, 0)
        if spans and spans[0][3]:
            r = self.viewer.map_rect_from_pdf(spans[0][0], spans[0][3][0])
            pos = r.bottomLeft().toPoint()
        self.field_menu.popup(self.viewer.viewport().mapToGlobal(pos))
        if self.field_menu.actions():
            self.field_menu.setActiveAction(self.field_menu.actions()[0])

