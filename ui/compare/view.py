"""Compare mode: the old paper and the new one side by side, each with its own zoom, find
and selection, scrolled together by content; the change list beside them; each change
coloured on both pages and ticked on a strip beside each scrollbar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mopac_desk.compare import Comparison
from mopac_desk.pdf import PaperDocument

from ..theme import icon
from ..viewer import FindBar, PageView
from ..viewer.zoom_box import ZoomBox
from .change_list import ChangeList, Place, short
from .marks import LAYER, side_marks
from .strip import MarkerStrip
from .sync import READING_HEIGHT, ScrollSync

SIDES = ("old", "new")
TITLE_MIN_WIDTH = 60  # pixels: "Earl…pdf"; the whole name is in the tooltip
FIND_EDIT_WIDTH = 80  # pixels: "Find: [words] ^ v Searching… ×" in a side 300 pixels wide
TITLE_ROOM = 90  # pixels: the title's share of a header before its zoom box gives way
#: the most compare mode asks of the window's width (pixels): two sides and the change list
#: need more, but the window must not grow past the screen to give it them (a 1024-pixel
#: window with its docks open); below their sum the splitter gives each a share
MIN_WIDTH = 360


class SideTitle(QLabel):
    """A side's title, elided in the middle to the room it has: a long file name must not
    widen the pane, nor so the window, past the screen (the end of a name, "v3 FINAL.pdf",
    is often what tells two versions apart, so the middle goes). ``text()`` is whole."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), TITLE_MIN_WIDTH), hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect, fm = self.contentsRect(), self.fontMetrics()
        label, colon, name = self.text().partition(": ")  # "Earlier" stays whole
        head = label + colon if colon else ""
        painter.drawText(rect, int(self.alignment()), head + fm.elidedText(
            name if colon else label, Qt.TextElideMode.ElideMiddle,
            rect.width() - fm.horizontalAdvance(head)))
        painter.end()


class SidePane(QWidget):
    """One side: its title, page box and zoom, the pages with the marker strip, its own find
    bar (the window's page box, zoom box and find are the single viewer's)."""

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"compare-{side}")
        self.view = PageView(self)
        self.view.setObjectName(f"comparePageView-{side}")
        self.view.setAccessibleName("Earlier paper" if side == "old" else "Later paper")
        self.view.empty_text = "Reading…"
        self.strip = MarkerStrip(self.view, self)
        self.find_bar = FindBar(self.view, self)
        # The window's find bar is made for the window's width: sized so, this side's would
        # shove the other side and the change list aside as it opens.
        self.find_bar.edit.setMinimumWidth(FIND_EDIT_WIDTH)
        label = self.find_bar.label
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance("Searching…") + 4)
        self.title = SideTitle("", self)
        self.title.setObjectName("compareTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self._label = side
        self._name = ""
        self.page_box = QSpinBox(self)
        self.page_box.setObjectName(f"comparePage-{side}")
        self.page_box.setAccessibleName(f"{'Earlier' if side == 'old' else 'Later'} paper's page")
        self.page_box.setToolTip("Go to page (Ctrl+G with this side focused)")
        self.page_box.setRange(1, 1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setMinimumWidth(56)
        self.page_total = QLabel(" of 0 ", self)
        self.page_box.valueChanged.connect(
            lambda n: self.view.scroll_to(n - 1) if n - 1 != self.view.current_page() else None)
        self.view.current_page_changed.connect(self._show_page)
        self.zoom_box = ZoomBox(self.view, self)
        self.zoom_box.setMinimumContentsLength(5)  # "100 %": two sides share the width
        find = QToolButton(self)
        find.setIcon(icon("edit-find"))
        find.setToolTip("Find in this paper (Ctrl+F with this side focused)")
        find.clicked.connect(self.find_bar.open_bar)
        top = QHBoxLayout()
        top.setContentsMargins(6, 2, 6, 2)
        top.addWidget(self.title, 1)
        top.addWidget(self.page_box)
        top.addWidget(self.page_total)
        top.addWidget(find)
        top.addWidget(self.zoom_box)
        pages = QHBoxLayout()
        pages.setContentsMargins(0, 0, 0, 0)
        pages.setSpacing(0)
        pages.addWidget(self.view, 1)
        pages.addWidget(self.strip)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(top)
        box.addLayout(pages, 1)
        box.addWidget(self.find_bar)
        # The window's own Find, Find Next and Find Previous are off while comparing: this
        # side's bar answers Ctrl+F, F3 and Shift+F3 when the focus is in this side.
        for keys, step in ((QKeySequence(QKeySequence.StandardKey.Find), None),
                           (QKeySequence("F3"), self.find_bar.find_next),
                           (QKeySequence("Shift+F3"), self.find_bar.find_previous)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self._find(s))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Too narrow for the whole header (a small window with the review panel open): the
        # zoom box goes first, the window's zoom buttons and keys acting on this side too.
        header = self.layout().itemAt(0).layout()
        needed = (header.sizeHint().width() - self.title.sizeHint().width() + TITLE_ROOM
                  + (0 if not self.zoom_box.isHidden() else self.zoom_box.sizeHint().width()
                     + header.spacing()))
        self.zoom_box.setVisible(event.size().width() >= needed)

    def set_document(self, doc: PaperDocument | None, label: str,
                     name: str | None = None) -> None:
        """Show ``doc`` under ``name`` (its file's name unless given: a register's stored copy
        is named by its hash, the reader knows it by the name it was imported under)."""
        self._label = label
        self._name = name if name is not None or doc is None else doc.path.name
        self.view.set_document(doc)
        self.title.setToolTip(str(doc.path) if doc is not None else "")
        count = doc.page_count if doc is not None else 0
        self.page_box.setRange(1, max(1, count))
        self.page_total.setText(f" of {count} ")
        self._show_page(self.view.current_page())

    def _show_page(self, page: int) -> None:
        doc = self.view.document()
        if doc is None:
            self.title.setText(self._label)
            return
        self.title.setText(f"{self._label}: {self._name}")
        if page >= 0:
            self.page_box.blockSignals(True)  # the page shown, not a page asked for
            self.page_box.setValue(page + 1)
            self.page_box.blockSignals(False)

    def _find(self, step: Callable[[], None] | None) -> None:
        if step is None or self.find_bar.isHidden():
            self.find_bar.open_bar()
        if step is not None:
            step()

    def focus_page_box(self) -> None:
        """Ctrl+G on this side: type the page to go to."""
        self.page_box.setFocus()
        self.page_box.selectAll()


class CompareView(QWidget):
    """Two papers side by side with the change list. ``focused(side)`` says which side the
    reader is in ("old"/"new"); ``current_changed(index)`` follows next/previous."""

    focused = Signal(str)
    current_changed = Signal(int)

    def __init__(self, actions: list[QAction] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.panes = {side: SidePane(side, self) for side in SIDES}
        self.old_view, self.new_view = self.panes["old"].view, self.panes["new"].view
        self.sync = ScrollSync(self.old_view, self.new_view, self)
        self.changes = ChangeList(self)
        self.status = QLabel("", self)
        self.status.setObjectName("compareStatus")
        self.status.setContentsMargins(8, 2, 8, 2)
        self.toolbar = QToolBar("Compare", self)
        self.toolbar.setObjectName("compareToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in actions or []:
            self.toolbar.addAction(action)
        # Export Changes in the toolbar is a menu of the two kinds (Excel, annotated PDF).
        self.export_button: QToolButton | None = next(
            (b for b in (self.toolbar.widgetForAction(a) for a in actions or []
                         if a.objectName() == "compare.export")
             if isinstance(b, QToolButton)), None)
        if self.export_button is not None:
            self.export_button.setMenu(self.changes.export_menu)
            self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.status)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("compareSplitter")
        self.splitter.addWidget(self.changes)
        self.splitter.addWidget(self.panes["old"])
        self.splitter.addWidget(self.panes["new"])
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.toolbar)
        box.addWidget(self.splitter, 1)
        self.comparison: Comparison | None = None
        self.current = -1
        self.focused_side = "new"
        self.changes.change_chosen.connect(self.show_change)
        self.changes.place_chosen.connect(self.show_places)
        for pane in self.panes.values():
            pane.strip.change_clicked.connect(self.show_change)
            pane.view.highlight_clicked.connect(self._mark_clicked)
        # Anything of a side in focus (its pages, page box, zoom, find bar) puts the reader in
        # that side.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MIN_WIDTH), hint.height())

    # ===== documents and the comparison ======================================================
    def set_documents(self, old: PaperDocument | None, new: PaperDocument | None,
                      names: tuple[str, str] | None = None) -> None:
        """Show the two papers (the caller keeps them) under ``names`` (their files' names
        unless given); their comparison comes later."""
        self.set_comparison(None)
        self.focused_side = "new"
        self.panes["old"].set_document(old, "Earlier", names[0] if names else None)
        self.panes["new"].set_document(new, "Later", names[1] if names else None)

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Colour, tick and list ``comparison``'s changes; scroll together by its alignment
        (None: by page and fraction until it is known)."""
        self.comparison = comparison
        self.current = -1
        self.changes.set_comparison(comparison)
        if comparison is None:
            self.sync.set_mappings(None, None)
            for pane in self.panes.values():
                pane.view.clear_highlights(LAYER)
                pane.strip.set_places([])
            return
        a = comparison.alignment
        self.sync.set_mappings(a.old_to_new, a.new_to_old)
        for side, version in (("old", comparison.old), ("new", comparison.new)):
            view = self.panes[side].view
            # A scan the register does not hold was read by OCR for the comparison: its words
            # give find, selection and the markups on that side too.
            if version.ocr and view.document() is not None and not view.ocr_texts():
                view.set_ocr_texts(version.ocr)
        for side, pane in self.panes.items():
            pane.strip.set_places([
                (k, c.kind, *(c.old_at if side == "old" else c.new_at))
                for k, c in enumerate(comparison.changes)])
        self._paint_marks()
        self.sync.level(self.new_view if self.focused_side == "new" else self.old_view)
        n = len(comparison.changes)
        self.set_status(f"{n} change(s), {len(comparison.amounts)} to money" if n
                        else "No change in the text")

    def set_status(self, text: str) -> None:
        self.status.setText(short(text))
        if self.comparison is None:
            # The empty change list says it too: in a narrow window the toolbar's end, where
            # the status stands, folds away behind its "»".
            self.changes.heading.setText(short(text))

    def _paint_marks(self) -> None:
        if self.comparison is None:
            return
        for side, pane in self.panes.items():
            pane.view.set_highlights(LAYER, side_marks(self.comparison, side, self.current))
            pane.strip.current = self.current
            pane.strip.update()

    # ===== going to changes ==================================================================
    def next_change(self) -> None:
        """The next change in reading order, on both sides."""
        if self.comparison and self.comparison.changes:
            self.show_change(min(len(self.comparison.changes) - 1, self.current + 1))

    def previous_change(self) -> None:
        if self.comparison and self.comparison.changes:
            self.show_change(max(0, self.current - 1))

    def show_change(self, index: int) -> None:
        """Bring change ``index`` level on both sides, at the reading height, and mark it."""
        if self.comparison is None or not 0 <= index < len(self.comparison.changes):
            return
        change = self.comparison.changes[index]
        self.current = index
        with self.sync.hold():
            for side, at in (("old", change.old_at), ("new", change.new_at)):
                s = change.old if side == "old" else change.new
                page, y = (s.page, s.rects[0][3]) if s is not None and s.rects else at
                view = self.panes[side].view
                view.scroll_page_position_to(page - 1, y, view.viewport().height()
                                             * READING_HEIGHT)
                if s is not None and s.rects:  # sideways too, at a zoom wider than the side
                    view.scroll_to(s.page - 1, s.rects[0])
        self._paint_marks()
        self.changes.select_change(index)
        self.current_changed.emit(index)

    def show_places(self, old: Place, new: Place) -> None:
        """Show a summary figure's or recommendation's place on each side that has one."""
        with self.sync.hold():
            for side, place in (("old", old), ("new", new)):
                if place is not None:
                    page, rect = place
                    self.panes[side].view.scroll_to(page - 1, rect)

    def _mark_clicked(self, key: str, payload: object) -> None:
        if key == LAYER and isinstance(payload, int):
            self.show_change(payload)

    # ===== focus =============================================================================
    def focused_view(self) -> PageView:
        return self.panes[self.focused_side].view

    def focused_pane(self) -> SidePane:
        return self.panes[self.focused_side]

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is None:
            return
        for side, pane in self.panes.items():
            if side != self.focused_side and (now is pane or pane.isAncestorOf(now)):
                self.focused_side = side
                self.focused.emit(side)
