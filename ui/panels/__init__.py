"""The review panel and how it adds itself to the main window."""

from __future__ import annotations

import argparse
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut

from ..extensions import install_present
from .commands import RegisterCommand
from .panel import ReviewPanel

__all__ = ["RegisterCommand", "ReviewPanel", "install"]

# Features that extend the panel (tag shortcuts, manual capture), each with install(panel).
PANEL_EXTENSIONS = ("ui.panels.tagging", "ui.panels.capture")


def install(window: Any, args: argparse.Namespace | None = None) -> ReviewPanel:
    """Dock a review panel on the right of ``window`` (after the register browser), add
    Undo/Redo to its Edit menu and the panel's shortcuts; returns the panel."""
    panel = ReviewPanel(window)
    # Narrower than this, the Fields value column collapses to "…" beside the labels.
    fm = panel.fontMetrics()
    panel.setMinimumWidth(sum(fm.horizontalAdvance(s) for s in (
        "Decision required by", "Confirmed", "p. 10", "End User Device Refresh")) + 90)
    dock = window.add_dock(panel, "Review", Qt.DockWidgetArea.RightDockWidgetArea)
    if not window.restoreDockWidget(dock) and dock.isVisible():
        # First start: the panel gets a working share of the window once it is laid out.
        QTimer.singleShot(0, lambda: window.resizeDocks(
            [dock], [max(panel.minimumWidth(), window.width() * 2 // 5)],
            Qt.Orientation.Horizontal))
    window.review_panel = panel
    window.review_dock = dock
    browser = getattr(window, "register_browser", None)
    if browser is not None:
        panel.paper_changed.connect(browser.mark_open_paper)
    _add_undo_actions(window, panel)
    _add_shortcuts(window, panel)
    if getattr(window, "document", None) is not None:
        panel._document_opened(window.document)
    install_present(PANEL_EXTENSIONS, panel)
    return panel


def _add_undo_actions(window: Any, panel: ReviewPanel) -> None:
    undo = panel.undo_stack.createUndoAction(window, "&Undo")
    undo.setObjectName("edit.undo")
    undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    redo = panel.undo_stack.createRedoAction(window, "&Redo")
    redo.setObjectName("edit.redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for action in (undo, redo):
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)
    actions = getattr(window, "actions_by_id", None)
    if actions is not None:
        actions["edit.undo"], actions["edit.redo"] = undo, redo
    menu = getattr(window, "menus", {}).get("Edit")
    if menu is not None:
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, undo)
        menu.insertAction(first, redo)
        if first is not None:
            menu.insertSeparator(first)


def _add_shortcuts(window: Any, panel: ReviewPanel) -> None:
    keys = [("F6", panel.cycle_focus), ("Ctrl+Shift+R", panel.focus_panel)]
    keys += [(f"Alt+{n + 1}", (lambda s=n: panel.show_section(s))) for n in range(4)]
    panel.shortcuts = []
    for key, slot in keys:
        shortcut = QShortcut(QKeySequence(key), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        panel.shortcuts.append(shortcut)
