"""What the window remembers between runs (QSettings): size, position, toolbar and docks,
which docks were hidden, and how the pages were zoomed; and how the docks give way in a
small window (tabs keep their own widths, the Pages dock folds away when the page would be
squeezed)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Slot
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QTabBar, QWidget

from .viewer import PageView

HIDDEN_DOCKS = "window/hiddenDocks"


def restore_window(window: QMainWindow, viewer: PageView) -> None:
    """Put ``window`` back as it was saved (a first start gets a working size)."""
    settings = QSettings()
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        # First start: most of the screen, so the page gets fit-width room beside both docks.
        screen = window.screen().availableGeometry() if window.screen() else None
        if screen is not None and screen.width() > 1280:
            window.resize(screen.width() * 9 // 10, min(screen.height() * 9 // 10, 1200))
        else:
            window.resize(1280, 860)
    state = settings.value("window/state")
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)
    fit = settings.value("viewer/fit", PageView.FIT_WIDTH)
    if fit == PageView.FIT_PAGE:
        viewer.fit_page()
    elif fit == PageView.FIT_NONE:
        try:
            viewer.set_zoom(float(settings.value("viewer/zoom", 1.0)))
        except (TypeError, ValueError):
            pass


def add_dock(window: QMainWindow, widget: QWidget, title: str, area: Qt.DockWidgetArea,
             view_menu: QMenu | None) -> QDockWidget:
    """Dock ``widget`` at ``area`` (as a tab beside any panel already there), its show/hide
    toggle in ``view_menu`` (None: none), at the place the clerk left it last time."""
    dock = QDockWidget(title, window)
    dock.setObjectName(f"dock-{title}")
    dock.setWidget(widget)
    neighbours = [d for d in window.findChildren(QDockWidget)
                  if d is not dock and window.dockWidgetArea(d) == area and not d.isFloating()]
    window.addDockWidget(area, dock)
    if neighbours:
        # Panels sharing a side become tabs rather than squeezing each other.
        window.tabifyDockWidget(neighbours[0], dock)
    if view_menu is not None:
        view_menu.addAction(dock.toggleViewAction())
    restore_dock(window, dock)
    return dock


def hide_stale_tab_bars(window: QMainWindow) -> None:
    """Hide the tab bars Qt leaves behind when a dock moves out of a tab group (it keeps the
    old group's bar visible, where it shows through the gap beside the docks): a bar whose
    tabs are no dock's real group is stale."""
    docks = window.findChildren(QDockWidget)
    groups = [frozenset(d.windowTitle() for d in (dock, *window.tabifiedDockWidgets(dock)))
              for dock in docks if not dock.isHidden() and window.tabifiedDockWidgets(dock)]
    for bar in window.findChildren(QTabBar):
        if bar.parent() is not window or not bar.isVisible():
            continue
        tabs = frozenset(bar.tabText(i) for i in range(bar.count()))
        if tabs not in groups:
            bar.hide()


def restore_dock(window: QMainWindow, dock: QDockWidget) -> None:
    """A dock takes the place and visibility it had last time (restoreDockWidget leaves a
    new dock hidden, so visibility is remembered apart)."""
    window.restoreDockWidget(dock)
    hidden = QSettings().value(HIDDEN_DOCKS, []) or []
    hidden = [hidden] if isinstance(hidden, str) else list(hidden)
    dock.setVisible(dock.objectName() not in hidden)
    if dock.isVisible():
        dock.raise_()


def save_window(window: QMainWindow, viewer: PageView) -> None:
    """Remember size, position, toolbar, docks and zoom for the next start."""
    settings = QSettings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("viewer/fit", viewer.fit_mode())
    settings.setValue("viewer/zoom", viewer.zoom())
    settings.setValue(HIDDEN_DOCKS, [d.objectName() for d in window.findChildren(QDockWidget)
                                     if d.isHidden()])
    settings.sync()


class OwnTabWidths(QObject):
    """Docks tabbed together each keep their own width: the Pages tab is as narrow as the
    thumbnails, the Register tab as wide as its table, whichever is in front.

    Qt sizes a tab group to the widest minimum of all its tabs, so a tab behind others
    gives up its minimum (1 px) while hidden and takes it back, with the width it had,
    when it comes to the front.
    """

    def __init__(self, window: QMainWindow, widths: dict[QDockWidget, int]) -> None:
        super().__init__(window)
        self._window = window
        self._widths = dict(widths)  # each dock's width when last in front (or its default)
        # A dock given its width keeps it: its width while tabbed is the group's, not its own.
        self._fixed = {d for d, w in widths.items() if w > 0}
        self._own_min = {d: d.widget().minimumWidth() for d in widths}  # set by the widget
        for dock in widths:
            # a slot of this object (not a lambda): it goes with the window's teardown
            dock.visibilityChanged.connect(self._visibility)

    @Slot(bool)
    def _visibility(self, visible: bool) -> None:
        dock = self.sender()
        if (not isinstance(dock, QDockWidget) or dock not in self._own_min
                or not shiboken6.isValid(self._window)):  # the window is being torn down
            return
        tabbed = bool(self._window.tabifiedDockWidgets(dock))
        widget = dock.widget()
        if not visible:
            if tabbed and dock.width() > 1 and dock not in self._fixed:
                self._widths[dock] = dock.width()
            widget.setMinimumWidth(1 if tabbed else self._own_min[dock])
            return
        widget.setMinimumWidth(self._own_min[dock])  # back to what its contents need
        if tabbed and not dock.isFloating():
            width = max(self._widths.get(dock, 0), dock.minimumSizeHint().width())
            QTimer.singleShot(0, self, lambda: self._to_front_width(dock, width))

    def _to_front_width(self, dock: QDockWidget, width: int) -> None:
        if dock.isVisible():  # still in front (a hidden dock's area must not be resized)
            self._window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)


#: the narrowest page column the window leaves before it folds the Pages dock away (px)
MIN_PAGE_WIDTH = 320
_UNFOLD_MARGIN = 40
_SETTLE_MS = 150


class FitDocks(QObject):
    """Folds the Pages dock away when the window is too narrow for the page beside the
    docks (a half-screen window), and brings it back when there is room again. A dock
    the clerk hid stays hidden; only a fold made here is undone here."""

    def __init__(self, window: QMainWindow, central: QWidget, pages: QDockWidget) -> None:
        super().__init__(window)
        self._window, self._central, self._pages = window, central, pages
        self._folded_at: int | None = None  # window width when the dock was folded
        self._pages_width = 0  # and the least width the dock needs
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Judged once the layout has settled: a first start moves docks about (and a
        # passing squeeze must not fold the dock).
        self._timer.setInterval(_SETTLE_MS)
        self._timer.timeout.connect(self.fit)
        window.installEventFilter(self)
        central.installEventFilter(self)  # docks moved or shown resize the page, not the window

    @property
    def folded(self) -> bool:
        return self._folded_at is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self._window, self._central) and event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def fit(self) -> None:
        page = self._central.width()
        if self._folded_at is None:
            if (self._pages.isVisible() and not self._pages.isFloating()
                    and not any(not d.isHidden()
                                for d in self._window.tabifiedDockWidgets(self._pages))
                    and page < MIN_PAGE_WIDTH):
                self._folded_at = self._window.width()
                self._pages_width = self._pages.minimumSizeHint().width()
                self._pages.hide()
        elif page - self._pages_width >= MIN_PAGE_WIDTH + _UNFOLD_MARGIN:
            # room for the dock and still the page: back it comes (the margin keeps a
            # window at the edge from folding and unfolding in turn)
            self._folded_at = None
            self._pages.show()


def fit_docks(window: QMainWindow, central: QWidget, pages: QDockWidget, pages_width: int,
              others: list[QDockWidget]) -> tuple[OwnTabWidths, FitDocks]:
    """Make the docks give way in a small window: tabs keep their own widths (``pages``
    at ``pages_width``, ``others`` as wide as they were), and ``pages`` folds away when
    the page would be squeezed."""
    return (OwnTabWidths(window, {pages: pages_width, **{d: 0 for d in others}}),
            FitDocks(window, central, pages))
