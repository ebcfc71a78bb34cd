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


PAPERS = Path(__file__).resolve().parents[1] / "fixtures" / "papers"
PCD977 = PAPERS / "pcd-977-end-user-device-refresh.pdf"
IAM_REPORT = PAPERS / "onedrive-migration-iam-report.pdf"


@contextmanager
def review_window(qtbot, register_folder: Path, papers: Sequence[Path] = (PCD977,),
                  open_paper: Path | None = PCD977,
                  shown: bool = False) -> Iterator[tuple[object, object]]:
    """Yield (window, review panel): the register holds ``papers`` and ``open_paper`` is open
    in the window and shown in the panel. ``shown`` puts the window on screen, active, for
    tests that press keys."""
    from ui.panels import install

    with window_with_register(qtbot, register_folder / "register.sqlite", papers) as (
            window, _browser):
        panel = install(window)
        if shown:
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
        if open_paper is not None:
            assert window.open_path(open_paper)
            qtbot.waitUntil(lambda: panel.paper_id is not None, timeout=10_000)
        yield window, panel


def meeting_pack(folder: Path, papers: Sequence[Path] = (PCD977, IAM_REPORT)) -> Path:
    """One PDF holding ``papers`` one after another, as a meeting pack does."""
    import pikepdf

    path = folder / "pack.pdf"
    with pikepdf.Pdf.new() as pack:
        sources = [pikepdf.open(p) for p in papers]
        try:
            for source in sources:
                pack.pages.extend(source.pages)
            pack.save(path)
        finally:
            for source in sources:
                source.close()
    return path
