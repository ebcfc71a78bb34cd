"""The compare-mode screenshot for the docs (called by ``python -m ui.screenshots``).

A generated IAM report and its revision, set in another type so lines and pages fall
elsewhere: capital and a contract value raised, a sentence added, the date moved. Shown side by side with the change
list, the first money change current on both sides.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDockWidget

from ..main_window import MainWindow
from ..workspace import Workspace

Wait = Callable[[QApplication, Callable[[], bool]], None]


def compare_shots(app: QApplication, outdir: Path, wait: Wait) -> list[Path]:
    """Save ``compare.png`` into ``outdir``; returns its path in a list."""
    # The generated papers are the test suite's: the docs show what the tests check.
    from dataclasses import replace

    from tests.helpers.paper_pdf import Flow, ReportSpec, write_report
    from tests.helpers.versions import SERIF

    folder = Path(tempfile.mkdtemp(prefix="mopac-shots-compare-"))
    spec = ReportSpec(filler_before_recs=6)
    recs = [spec.recommendations[0].replace("£2.025 million", "£2.4 million"),
            spec.recommendations[1].replace("£1.8m", "£2.1m"), spec.recommendations[2]]
    revised = replace(spec, recommendations=recs, required_by="14th April 2024",
                      financial=spec.financial.replace("£2.025 million", "£2.4 million"),
                      background="A survey in 2023 found the locks failing at four sites. "
                                 + spec.background)
    a, b = Flow(), Flow(SERIF)  # the revision set in another type, size and margins
    write_report(a, spec)
    write_report(b, revised)
    old = a.save(folder / "custody-estate-v1.pdf")
    new = b.save(folder / "custody-estate-v2.pdf")
    workspace = Workspace(app)
    window = MainWindow(workspace)
    window.messenger.interactive = False
    window.resize(1500, 920)
    window.show()
    for dock in window.findChildren(QDockWidget):
        dock.hide()  # compare mode wants the width: the review panel can come back
    compare = window.compare
    done: list[object] = []
    compare.compared.connect(done.append)
    compare.open_pair(old, new)
    wait(app, lambda: bool(done))
    view = compare.view
    view.splitter.setSizes([430, 535, 535])
    for v in (view.old_view, view.new_view):
        v.fit_width()
    first_money = next(k for k, c in enumerate(compare.comparison.changes) if c.money)
    app.processEvents()
    view.show_change(first_money)
    wait(app, lambda: all(v.is_rendered(i) for v in (view.old_view, view.new_view)
                          for i in v.visible_pages()))
    shot = outdir / "compare.png"
    window.grab().save(str(shot))
    compare.close()
    window.close()
    workspace.close()
    return [shot]
