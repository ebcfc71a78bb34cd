"""Each window in the docs' screenshots starts from a first start's layout."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ui.window_state import HIDDEN_DOCKS


def first_start_layout() -> None:
    """Forget the window layout an earlier shot saved in the shared throwaway settings (its
    hidden review panel or raised Annotations tab would otherwise carry into the next)."""
    settings = QSettings()
    for key in ("window/geometry", "window/state", "viewer/fit", "viewer/zoom", HIDDEN_DOCKS):
        settings.remove(key)
