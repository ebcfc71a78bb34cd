"""The scan-under-review screenshot for the docs (called by ``python -m tools.screenshots``).

A generated IAM report, scanned (rendered to a leaning greyscale image at 200 dpi, one figure
under a smudge, wrapped in an image-only PDF, as the tests make scans), opened in the window
with a register: read by OCR in the background, then shown with the review panel's Checks
on the "Read by OCR: compare … with the page" finding, the figure highlighted on the scan and
the words read with low confidence underlined.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.workspace import Workspace

Wait = Callable[..., None]


def scan_shots(app: QApplication, outdir: Path, wait: Wait) -> list[Path]:
    """Save ``scan.png`` into ``outdir``; returns its path in a list."""
    # The scans are the test suite's: the docs show what the tests check.
    from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, write_decision
    from tests.helpers.paper_pdf import write_report
    from tests.unit.ocr.scans import find_rect, make_scan

    folder = Path(tempfile.mkdtemp(prefix="mopac-shots-scan-"))
    flow = Flow()
    write_decision(flow, DecisionSpec())
    write_report(flow, ReportSpec())
    typeset = flow.save(folder / "typeset.pdf")
    l, b, r, t = find_rect(typeset, 2, "£1.8m")
    w = (r - l) / 5
    scan = make_scan(typeset, folder / "custody-estate-signed-scan.pdf", pages=[2, 3],
                     smudges={2: [(l + 1.2 * w, b + 1, l + 2.6 * w, t - 1)]})
    (folder / "register").mkdir()
    workspace = Workspace(app)
    workspace.open_register(folder / "register" / "register.sqlite")
    window = MainWindow(workspace)
    window.messenger.interactive = False
    window.resize(1400, 900)
    window.show()
    window.register_dock.hide()
    window.thumbnails_dock.hide()
    read: list[int] = []
    window.ocr.read_done.connect(read.append)
    window.open_path(scan)
    wait(app, lambda: bool(read), 120.0)
    panel = window.review_panel
    wait(app, lambda: panel.detail is not None and not panel.refresh_pending(), 30.0)
    finding = next((f for f in panel.detail.findings if f.code == "ocr_figure"), None)
    panel.show_section(3)
    if finding is not None:
        panel.select_item("finding", finding.id)
        panel.show_on_page()
    app.processEvents()
    view = window.viewer
    wait(app, lambda: all(view.is_rendered(i) for i in view.visible_pages()), 30.0)
    shot = outdir / "scan.png"
    window.grab().save(str(shot))
    window.close_document()
    window.close()
    workspace.close()
    return [shot]
