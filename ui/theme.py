"""Icons: the desktop theme's where it has them, else the SVGs shipped in ``ui/icons``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parent / "icons"


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """Theme icon ``name`` (freedesktop naming) with our own SVG as the fallback."""
    fallback = ICON_DIR / f"{name}.svg"
    own = QIcon(str(fallback)) if fallback.exists() else QIcon()
    return QIcon.fromTheme(name, own)


def app_icon() -> QIcon:
    """The application's own icon (never themed: it is our identity)."""
    return QIcon(str(ICON_DIR / "mopac-desk.svg"))
