"""A real MainWindow with the register browser installed on a register file in a temp folder."""

from __future__ import annotations

import argparse
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence


@contextmanager
def window_with_register(qtbot, register_path: Path,
                         papers: Sequence[Path] = ()) -> Iterator[tuple[object, object]]:
    """Yield (window, browser) with ``papers`` imported; the register is closed afterwards."""
    from mopac_desk.register.importer import import_paths
    from ui.main_window import MainWindow
    from ui.register import install

    window = MainWindow()
    qtbot.addWidget(window)
    args = argparse.Namespace(files=[], register=str(register_path), demo=False)
    browser = install(window, args)
    if papers:
        import_paths(browser.register, list(papers))
        browser.refresh()
    try:
        yield window, browser
    finally:
        browser.shutdown()
        reg = browser.register
        browser.set_register(None)
        reg.close()
