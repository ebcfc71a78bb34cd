"""A real MainWindow over a workspace with a register file in a temp folder."""

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
    from ui.app import open_register
    from ui.main_window import MainWindow
    from ui.workspace import Workspace

    workspace = Workspace()
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    assert open_register(window, argparse.Namespace(files=[], register=str(register_path),
                                                    demo=False))
    browser = window.register_browser
    if papers:
        # The import's writer thread commits; the views hear of it through the workspace.
        import_paths(workspace.register, list(papers))
        qtbot.waitUntil(lambda: browser.model.rowCount() >= len(papers))
    try:
        yield window, browser
    finally:
        browser.shutdown()
        workspace.close()


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
    with window_with_register(qtbot, register_folder / "register.sqlite", papers) as (
            window, _browser):
        panel = window.review_panel
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
