"""The main window: builds menus, toolbar, docks and status bar and wires every feature to
the workspace and to each other, top-down, in this one file. No logic here.

Wiring, in order: the workspace (register, clerk, undo stack) → the page view and find bar →
the register browser (left) and the review panel (right) over the workspace → tagging and
capture on the panel → actions, menus and toolbar from ``actions`` → ``_connect_signals``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from mopac_desk.pdf import PaperDocument

from . import actions as A
from .about import show_about
from .annotations import AnnotationsController
from .compare import CompareController
from .export_dialog import ExportDialog
from .first_run import THUMBNAILS_WIDTH, arrange_first_start, show_welcome
from .messages import Messenger, PasswordPrompt, ask_password_dialog
from .ocr.banner import PLAIN as NO_TEXT_BANNER, OcrBanner  # noqa: F401 (tests read it)
from .ocr.controller import OcrController
from .panels import CaptureController, ReviewPanel, TaggingController
from .recent import add_recent, clear_recent, recent_files
from .register import RegisterBrowser, mark_words
from .settings_dialog import open_preferences
from .theme import app_icon
from .trust import TrustController
from .viewer import FindBar, PageView, ThumbnailList
from .viewer.zoom_box import ZoomBox
from .window_state import add_dock, fit_docks, restore_window, save_window
from .workspace import Workspace

APP_TITLE = "mopac-desk"
RECENT_DELAY_MS = 200
# Narrower than this, the review panel's Fields value column collapses to "…" by the labels.
PANEL_SAMPLES = ("Decision required by", "Confirmed", "p. 10", "End User Device Refresh")


class MainWindow(QMainWindow):
    """One paper at a time in a continuous viewer, with thumbnails and find, the register
    browser and the review panel; all of them share ``workspace``."""

    document_opened = Signal(object)  # PaperDocument, or None when closed
    text_layer_checked = Signal(bool)  # False for a scan (the banner is then shown)
    _text_layer_known = Signal(object, bool)  # crosses from the PDFium thread

    def __init__(self, workspace: Workspace | None = None,
                 password_prompt: PasswordPrompt | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.workspace = workspace if workspace is not None else Workspace(self)
        self.messenger = Messenger(self)
        self._password_prompt = password_prompt or ask_password_dialog(self)
        self._doc: PaperDocument | None = None
        # Writing settings syncs to disk (~10 ms): the recent list waits until page 1 is up.
        self._recent_timer = QTimer(self)
        self._recent_timer.setSingleShot(True)
        self._recent_timer.setInterval(RECENT_DELAY_MS)
        self._recent_timer.timeout.connect(self._remember_recent)
        self._recent_path: Path | None = None
        self.actions_by_id: dict[str, QAction] = A.build_actions(self)
        self._init_central()
        self._init_features()
        self._init_trust()
        self._init_annotations()
        self._init_menus()
        self._init_toolbar()
        self._init_docks()
        self._dock_annotations()
        self._init_compare()
        self._init_ocr()
        self._init_status_bar()
        self._connect_signals()
        self._update_enabled()
        restore_window(self, self._viewer)

    # ===== building ==========================================================================
    def _init_central(self) -> None:
        self._viewer = PageView(self)
        self._viewer.setObjectName("pageView")
        self._viewer.setAccessibleName("Paper pages")
        self.find_bar = FindBar(self._viewer, self)
        self.banner = OcrBanner(self)  # a scan: what OCR does with it (ui/ocr/)
        central = QWidget(self)
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.banner)
        box.addWidget(self._viewer, 1)
        box.addWidget(self.find_bar)
        self.setCentralWidget(central)

    def _init_features(self) -> None:
        ws = self.workspace
        self.register_browser = RegisterBrowser(ws, self)
        self.review_panel = ReviewPanel(ws, self._viewer, self)
        fm = self.review_panel.fontMetrics()
        self.review_panel.setMinimumWidth(
            sum(fm.horizontalAdvance(s) for s in PANEL_SAMPLES) + 90)
        self.tagging = TaggingController(ws, self.review_panel, self, ws.preferences)
        self.capture = CaptureController(ws, self.review_panel, self._viewer, self.find_bar,
                                         self)
        self.feature_menus = {A.TAG_MENU: self.tagging.menu, A.CAPTURE_MENU: self.capture.menu}

    # -- trust (ui/trust/): files opened plainly, missing copies, Check Register, banners ----
    def _init_trust(self) -> None:
        t, browser = TrustController(
            self.workspace, self.messenger, self._password_prompt,
            lambda path, page: self.open_path(path) and self._viewer.scroll_to(page),
            self.close_document, self), self.register_browser
        self.trust = t
        self.centralWidget().layout().insertWidget(0, t.banner)
        self.actions_by_id["tools.check_register"].triggered.connect(lambda: t.check_register())
        browser.message_shown.connect(lambda lv, text: t.reword_damage(lv, text,
                                                                        browser.show_message))
        self.review_panel.paper_changed.connect(lambda pid: t.show_repaired(pid, self._doc))

    # -- annotations (ui/annotations/): tools, marks on the page, the panel, export ----------
    def _init_annotations(self) -> None:
        a = self.actions_by_id
        self.annotations = AnnotationsController(
            self.workspace, self._viewer, self.review_panel.file_papers,
            {k: v for k, v in a.items() if k.startswith("annotate.")},
            self.workspace.preferences, self, find_bar=self.find_bar)
        self.feature_menus[A.ANNOTATE_COLOUR_MENU] = self.annotations.colour_menu

    def _dock_annotations(self) -> None:
        c, a = self.annotations, self.actions_by_id
        self.annotations_dock = self.add_dock(c.panel, "Annotations",
                                              Qt.DockWidgetArea.RightDockWidgetArea)
        self.annotations_dock.setObjectName("annotationsDock")
        self.review_dock.raise_()  # a tab behind the review panel until asked for
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, c.toolbar)
        a["file.export_annotated"].triggered.connect(c.choose_export)
        a["annotate.panel"].triggered.connect(lambda: (self.annotations_dock.show(),
                                                       self.annotations_dock.raise_(),
                                                       c.panel.focus_list()))
        c.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        c.export_failed.connect(
            lambda text: self.messenger.error("Cannot export the annotated PDF", text))

    # -- compare (ui/compare/): two papers side by side, the focused one reviewed; the Pages
    # dock (the window's paper) and the Register dock give way to the two sides
    def _init_compare(self) -> None:
        c = self.compare = CompareController(
            self.centralWidget(), [self.banner, self._viewer, self.find_bar, self.thumbnails_dock,
                                   self.register_dock],
            self.actions_by_id, self.messenger, self.trust, lambda: self._doc, self)
        c.review_sides(self.workspace, self.review_panel, self.annotations, self.capture,
                       self._viewer, [self.page_spin, self.page_total, self.zoom_box])
        c.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.document_opened.connect(lambda _doc: c.close())
        self.register_browser.compare_requested.connect(
            lambda pid, previous: c.compare_paper(self.workspace.register, pid, previous))

    # -- OCR (ui/ocr/): a scan read in the background, its words in the viewer, a copy ------
    def _init_ocr(self) -> None:
        self.ocr = OcrController(self.workspace, self._viewer, self.review_panel.file_papers,
                                 self.banner, self, self.actions_by_id["file.save_searchable"])
        self.text_layer_checked.connect(self.ocr.text_layer_known)
        self.ocr.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.ocr.problem.connect(lambda t, text: self.messenger.error(t, text))

    def _init_menus(self) -> None:
        self.menus: dict[str, QMenu] = {}
        for title, ids in A.MENUS:
            if title in self.feature_menus:
                self.menuBar().addMenu(self.feature_menus[title])
                continue
            menu = self.menuBar().addMenu(title)
            self.menus[title.replace("&", "")] = menu
            for action_id in ids:
                if action_id == A.SEPARATOR:
                    menu.addSeparator()
                elif action_id == A.RECENT_MENU:
                    self.recent_menu = menu.addMenu("Open &Recent")
                    self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
                elif action_id in self.feature_menus:
                    menu.addMenu(self.feature_menus[action_id])
                else:
                    menu.addAction(self.actions_by_id[action_id])
        self.addActions(list(self.actions_by_id.values()))  # shortcuts work with menus hidden

    def _init_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.page_spin = QSpinBox(bar)
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setRange(1, 1)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.setToolTip("Go to page (Ctrl+G)")
        self.page_spin.setMinimumWidth(64)
        self.page_total = QLabel(" of 0 ", bar)
        # Fixed widths: a label that grows with the page count relayouts the whole window.
        self.page_total.setFixedWidth(self.page_total.fontMetrics().horizontalAdvance(" of 9999 "))
        for item in A.TOOLBAR:
            if item == A.SEPARATOR:
                bar.addSeparator()
            elif item == "@page_spin":
                bar.addWidget(self.page_spin)
                bar.addWidget(self.page_total)
            elif item == "@zoom_box":
                self.zoom_box = ZoomBox(self._viewer, bar)
                bar.addWidget(self.zoom_box)
            else:
                bar.addAction(self.actions_by_id[item])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

    def _init_docks(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.thumbnails = ThumbnailList(self._viewer, self)
        self.thumbnails_dock = self.add_dock(self.thumbnails, "Pages", left, in_view_menu=False)
        self.thumbnails_dock.setObjectName("thumbnailsDock")
        self.resizeDocks([self.thumbnails_dock], [160], Qt.Orientation.Horizontal)
        self.actions_by_id["view.thumbnails"].setChecked(True)
        self.register_dock = self.add_dock(self.register_browser, "Register", left)
        self.review_dock = self.add_dock(self.review_panel, "Review", right)
        # A first start (no saved layout): the docks leave the page fit-width room.
        QTimer.singleShot(0, lambda: arrange_first_start(self))
        self.dock_fit = fit_docks(self, self.centralWidget(), self.thumbnails_dock,  # small windows
                                  THUMBNAILS_WIDTH, [self.register_dock])

    def _init_status_bar(self) -> None:
        self.page_label = QLabel("", self)
        self.page_label.setMinimumWidth(
            self.page_label.fontMetrics().horizontalAdvance("Page 9999 of 9999") + 8)
        self.zoom_label = QLabel("", self)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("9999 %") + 8)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.statusBar().addPermanentWidget(self.page_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

    def _connect_signals(self) -> None:
        a, v, panel, browser = self.actions_by_id, self._viewer, self.review_panel, \
            self.register_browser
        a["file.open"].triggered.connect(self._choose_and_open)
        a["file.close"].triggered.connect(self.close_document)
        a["file.quit"].triggered.connect(self.close)
        a["file.clear_recent"].triggered.connect(clear_recent)
        a["file.export_pack"].triggered.connect(self._export_pack)
        A.bind_undo(a, self.workspace.undo_stack)
        a["edit.copy"].triggered.connect(v.copy)
        a["edit.find"].triggered.connect(self.find_bar.open_bar)
        a["edit.find_next"].triggered.connect(self._find_next)
        a["edit.find_previous"].triggered.connect(self._find_previous)
        a["edit.preferences"].triggered.connect(
            lambda: open_preferences(self, self.workspace.preferences))
        a["view.zoom_in"].triggered.connect(v.zoom_in)
        a["view.zoom_out"].triggered.connect(v.zoom_out)
        a["view.actual_size"].triggered.connect(v.actual_size)
        a["view.fit_width"].triggered.connect(v.fit_width)
        a["view.fit_page"].triggered.connect(v.fit_page)
        a["view.thumbnails"].toggled.connect(self.thumbnails_dock.setVisible)
        self.thumbnails_dock.visibilityChanged.connect(self._sync_thumbnails_action)
        a["go.previous"].triggered.connect(v.previous_page)
        a["go.next"].triggered.connect(v.next_page)
        a["go.first"].triggered.connect(v.first_page)
        a["go.last"].triggered.connect(v.last_page)
        a["go.page"].triggered.connect(self._focus_page_spin)
        a["review.cycle_focus"].triggered.connect(panel.cycle_focus)
        a["review.focus"].triggered.connect(panel.focus_panel)
        for n in range(4):
            a[f"review.section{n + 1}"].triggered.connect(lambda _c=False, s=n:
                                                          panel.show_section(s))
        self.page_spin.valueChanged.connect(lambda n: v.scroll_to(n - 1)
                                            if n - 1 != v.current_page() else None)
        v.current_page_changed.connect(self._show_page)
        v.zoom_changed.connect(self._show_zoom)
        self._text_layer_known.connect(self._on_text_layer_known)
        # The panel shows the paper of the file open here; the browser marks and opens it.
        self.document_opened.connect(lambda doc: panel.show_document(
            doc.path if doc else None, doc.password if doc else None))
        panel.paper_changed.connect(browser.mark_open_paper)
        panel.message_shown.connect(lambda text: self.statusBar().showMessage(text, 8000))
        browser.open_paper_requested.connect(self._open_register_paper)
        browser.open_hit_requested.connect(lambda *hit: mark_words(self.find_bar, hit[3]))
        # Help menu (ui/first_run.py, ui/about.py): the register shown is the one open now.
        a["help.welcome"].triggered.connect(lambda: show_welcome(self))
        a["help.about"].triggered.connect(lambda: show_about(self))

    # ===== public API ========================================================================
    @property
    def viewer(self) -> PageView:
        """The page view (highlights, selection, scrolling)."""
        return self._viewer

    @property
    def document(self) -> PaperDocument | None:
        return self._doc

    def add_dock(self, widget: QWidget, title: str,
                 area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
                 in_view_menu: bool = True) -> QDockWidget:
        """Dock ``widget`` at ``area`` (as a tab beside any panel already there); its
        show/hide toggle goes in the View menu."""
        return add_dock(self, widget, title, area, self.menus["View"] if in_view_menu else None)

    def open_path(self, path: str | Path, password: str | None = None) -> bool:
        """Open the paper at ``path`` (asking for a password if it has one).

        Problems are shown to the clerk as plain messages; returns True when the paper opened.
        """
        path = Path(path)
        # With a register open, the file's own review comments are drawn by the annotations
        # feature (the register imported them), not by PDFium too. ui/trust asks for a
        # password once per file and says any problem plainly.
        doc = self.trust.open_document(path, password,
                                       review_annotations=self.workspace.register is None)
        if doc is None:
            return False
        self._set_document(doc)
        self._recent_path = path
        self._recent_timer.start()
        return True

    def _remember_recent(self) -> None:
        self._recent_timer.stop()
        if self._recent_path is not None:
            add_recent(self._recent_path)
            self._recent_path = None

    def close_document(self) -> None:
        """Close the open paper (if any)."""
        self._set_document(None)

    # ===== internals =========================================================================
    def _set_document(self, doc: PaperDocument | None) -> None:
        old, self._doc = self._doc, doc
        self._viewer.set_document(doc)
        if old is not None:
            old.close()
        self.banner.hide()
        if doc is not None:
            # Checked on the PDFium thread so it queues behind page 1 instead of holding up
            # the window while page 1 renders.
            fut = self.workspace.on_pdfium(lambda: doc.has_text_layer)
            fut.add_done_callback(lambda f: self._text_layer_known.emit(
                doc, bool(f.exception() is None and f.result())))
        title = f"{self.workspace.shown_name(doc.path)} — {APP_TITLE}" if doc else APP_TITLE
        self.setWindowTitle(title)
        count = doc.page_count if doc else 0
        self.page_spin.setRange(1, max(1, count))
        self.page_total.setText(f" of {count} ")
        self._update_enabled()
        self._show_page(self._viewer.current_page())
        self._show_zoom(self._viewer.zoom())
        self.document_opened.emit(doc)

    def _on_text_layer_known(self, doc: PaperDocument, has_text: bool) -> None:
        if doc is self._doc:
            self.banner.setVisible(not has_text)
            self.text_layer_checked.emit(has_text)

    def _update_enabled(self) -> None:
        has_doc = self._doc is not None
        for action_id in A.NEEDS_DOCUMENT:
            self.actions_by_id[action_id].setEnabled(has_doc)
        self.page_spin.setEnabled(has_doc)
        self.zoom_box.setEnabled(has_doc)

    def _show_page(self, page: int) -> None:
        if self._doc is None or page < 0:
            self.page_label.setText("")
            return
        self.page_label.setText(f"Page {page + 1} of {self._doc.page_count}")
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)} %" if self._doc else "")

    def _sync_thumbnails_action(self) -> None:
        action = self.actions_by_id["view.thumbnails"]
        action.blockSignals(True)
        action.setChecked(not self.thumbnails_dock.isHidden())
        action.blockSignals(False)

    def _focus_page_spin(self) -> None:
        self.page_spin.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.page_spin.selectAll()

    def _find_next(self) -> None:
        if not self.find_bar.isVisible():
            self.find_bar.open_bar()
        self.find_bar.find_next()

    def _find_previous(self) -> None:
        if not self.find_bar.isVisible():
            self.find_bar.open_bar()
        self.find_bar.find_previous()

    def _open_register_paper(self, paper_id: int, stored_pdf_path: str, page_index: int) -> None:
        if self.trust.offer_missing(paper_id, stored_pdf_path, page_index):
            return  # its stored copy is missing: said so, and the paper before is closed
        if self.open_path(stored_pdf_path):
            self._viewer.scroll_to(page_index)

    def _export_pack(self) -> None:
        """File › Export Meeting Pack works on the open register, preselecting the browser's
        selected papers."""
        register = self.workspace.register
        if register is not None:
            ExportDialog.for_register(register, self.register_browser.selected_paper_ids(),
                                      self).open()

    def _choose_and_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(recent_files()[0].parent) if recent_files() else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, "Open a paper", start,
                                                    "PDF papers (*.pdf);;All files (*)")
        if path:
            self.open_path(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for n, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{n % 10}  {path.name}")
            action.setToolTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not files:
            empty = self.recent_menu.addAction("No recent papers")
            empty.setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.actions_by_id["file.clear_recent"])

    # -- drag and drop -------------------------------------------------------------------
    @staticmethod
    def _dropped_pdf(event: QDragEnterEvent | QDropEvent) -> Path | None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".pdf"):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_pdf(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # keep accepting while the drag moves over us
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_pdf(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_path(path)

    # -- window state --------------------------------------------------------------------
    def save_window(self) -> None:
        """Remember size, position, toolbar and docks for the next start."""
        save_window(self, self._viewer)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._recent_timer.isActive():
            self._remember_recent()  # now, not after this window has gone
        self.compare.close()  # the docks compare mode folded are saved as the reader had them
        self.save_window()
        self._set_document(None)
        self.register_browser.shutdown()
        super().closeEvent(event)
