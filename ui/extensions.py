"""Optional features that add themselves to something: a module, when present, defines
``install(*args)``; a module that is not there is simply skipped."""

from __future__ import annotations

import importlib
from typing import Any, Iterable


def install_present(module_names: Iterable[str], *args: Any) -> list[str]:
    """Call ``install(*args)`` of each module in ``module_names`` that exists; returns the names
    of those installed. A module that exists but fails to import is an error, not skipped."""
    installed = []
    for name in module_names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        install = getattr(module, "install", None)
        if install is not None:
            install(*args)
            installed.append(name)
    return installed
