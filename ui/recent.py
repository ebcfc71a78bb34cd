"""The Open Recent list, kept in QSettings: newest first, at most ten, missing files pruned."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recentFiles"
MAX_RECENT = 10


def _settings() -> QSettings:
    return QSettings()


def recent_files() -> list[Path]:
    """Recent papers that still exist, newest first (the stored list is pruned to them)."""
    raw = _settings().value(KEY, [])
    if isinstance(raw, str):  # QSettings hands back a lone entry as a plain string
        raw = [raw]
    paths = [Path(p) for p in (raw or [])]
    existing = [p for p in paths if p.is_file()][:MAX_RECENT]
    if len(existing) != len(paths):
        _store(existing)
    return existing


def add_recent(path: Path) -> None:
    """Put ``path`` at the top of the list."""
    path = Path(path).resolve()
    paths = [path] + [p for p in recent_files() if p != path]
    _store(paths[:MAX_RECENT])


def clear_recent() -> None:
    _store([])


def _store(paths: list[Path]) -> None:
    s = _settings()
    s.setValue(KEY, [str(p) for p in paths])
    s.sync()
