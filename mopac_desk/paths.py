"""Where things live on a clerk's laptop: the per-user data directory and the demo papers."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "mopac-desk"
APP_AUTHOR = "MOPAC"


def user_data_dir() -> Path:
    """Per-user folder for the register and its stored copies (created on demand)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    """Per-user settings folder, e.g. the clerk's tag list (created on demand)."""
    path = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_register_path() -> Path:
    return user_data_dir() / "register.sqlite"


def resources_dir() -> Path:
    """The bundled ``resources/`` folder (source checkout or installer bundle)."""
    return Path(__file__).resolve().parent.parent / "resources"


def demo_papers() -> list[Path]:
    return sorted((resources_dir() / "demo").glob("*.pdf"))
