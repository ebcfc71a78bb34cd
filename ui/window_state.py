"""What the window remembers between runs (QSettings): size, position, toolbar and docks,
which docks were hidden, and how the pages were zoomed."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QDockWidget, QMainWindow

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
