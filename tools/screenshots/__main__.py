"""Screenshots of the window for the docs: ``python -m tools.screenshots OUTDIR``.

Runs offscreen with throwaway settings and a throwaway register holding the demo papers,
opens the PCD 977 demo paper with the register browser and the review panel docked, waits
until the visible pages are rendered and saves ``main-window.png``, ``review-panel.png`` (a
cost selected and highlighted on its page) and ``find.png``; then, on a generated paper whose
money has every case (a capital conflict, revenue a year over four years, a contract with
headroom), ``panel-money.png`` (the money summary, the conflicting figure shown on the page)
and ``panel-tags.png`` (items carrying the vocabulary's tags as coloured chips); and
``annotations.png`` (a reviewed page beside the Annotations panel, ui/annotations/screenshot.py);
and ``compare.png`` (a report beside its revision, changes listed and marked,
ui/compare/screenshot.py); and ``scan.png`` (a scan read by OCR under review,
ui/ocr/screenshot.py); and ``window-1024x640.png`` (the smallest supported window) and
``register-search.png`` (the register table filtered by a search, the hit opened with its
words marked, ui/register/screenshot.py); and ``check-register.png`` and
``missing-copy.png`` (Tools › Check Register's report, a missing stored copy's message,
ui/trust/screenshot.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QSize, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

from mopac_desk.paths import demo_papers  # noqa: E402
from mopac_desk.review.tags import default_tags, ensure_register_tag  # noqa: E402

from tools.screenshots.annotations import annotation_shots  # noqa: E402
from tools.screenshots.layout import first_start_layout  # noqa: E402
from tools.screenshots.compare import compare_shots  # noqa: E402
from tools.screenshots.ocr import scan_shots  # noqa: E402
from tools.screenshots.trust import trust_shots  # noqa: E402
from tools.screenshots.register import register_shots  # noqa: E402
from ui.app import configure_application, open_register  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.workspace import Workspace  # noqa: E402

SIZE = QSize(1400, 900)


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish rendering in time")
        app.processEvents()
        time.sleep(0.01)  # an offscreen run with nothing else to do: do not spin hot


def _settled(window: MainWindow) -> Callable[[], bool]:
    view = window.viewer
    model = window.thumbnails.thumbnail_model()

    def done() -> bool:
        pages = all(view.is_rendered(i) for i in view.visible_pages())
        thumbs = window.thumbnails.visibleRegion().isEmpty() or model.rowCount() > 0 and all(
            model.is_rendered(i) for i in range(min(4, model.rowCount())))
        return pages and thumbs and not window.find_bar.searching

    return done


def take(outdir: Path) -> list[Path]:
    """Save the screenshots into ``outdir``; returns their paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      tempfile.mkdtemp(prefix="mopac-shots-"))
    paper = next(p for p in demo_papers() if "pcd-977" in p.name)
    register_dir = Path(tempfile.mkdtemp(prefix="mopac-shots-register-"))
    _fill_register(register_dir / "register.sqlite")
    workspace = Workspace(app)
    window = MainWindow(workspace)
    window.messenger.interactive = False
    args = argparse.Namespace(files=[], register=str(register_dir / "register.sqlite"),
                              demo=False)
    open_register(window, args)
    window.resize(SIZE)
    window.show()
    window.resizeDocks([window.register_dock, window.review_dock], [380, 540],
                       Qt.Orientation.Horizontal)
    window.open_path(paper)
    panel = window.review_panel
    _wait(app, lambda: panel.paper_id is not None)
    window.viewer.scroll_to(0)
    _wait(app, _settled(window))
    shots = [outdir / "main-window.png", outdir / "review-panel.png", outdir / "find.png"]
    window.grab().save(str(shots[0]))

    # The review close up: the page beside the panel, a cost selected and highlighted.
    left = [d for d in window.findChildren(QDockWidget)
            if window.dockWidgetArea(d) == Qt.DockWidgetArea.LeftDockWidgetArea
            and d.isVisible()]
    for dock in left:
        dock.hide()
    window.resizeDocks([window.review_dock], [600], Qt.Orientation.Horizontal)
    window.viewer.set_zoom(1.0)
    _wait(app, _settled(window))
    costs = panel.detail.costs
    cost = next(c for c in costs if c.page == 2 and c.rects)
    capital = [c.id for c in costs if c.kind == "capital"]
    register = workspace.register
    vocabulary = {t.name: t for t in default_tags()}  # the chips show the tags' colours
    for tag, ids in (("capital", capital), ("IT", capital[:3])):
        register.tag(ensure_register_tag(register, vocabulary.get(tag, tag)), "cost", ids)
    panel.refresh()
    panel.select_item("cost", cost.id)
    _wait(app, _settled(window))
    window.grab().save(str(shots[1]))
    for dock in left:
        dock.show()
    window.viewer.fit_width()

    window.actions_by_id["edit.find"].trigger()
    window.find_bar.search("laptop")
    _wait(app, lambda: window.find_bar.hit_count() > 0)
    window.find_bar.find_next()
    _wait(app, _settled(window))
    window.grab().save(str(shots[2]))
    window.close()
    workspace.close()
    for shoot in (lambda: panel_shots(app, outdir),
                  lambda: annotation_shots(app, outdir, _wait, _settled),
                  lambda: compare_shots(app, outdir, _wait), lambda: scan_shots(app, outdir, _wait),
                  lambda: register_shots(app, outdir, _wait, _settled),
                  lambda: trust_shots(app, outdir, _wait)):
        first_start_layout()  # each window as a first start lays it out
        shots += shoot()
    return shots


def panel_shots(app: QApplication, outdir: Path) -> list[Path]:
    """The review panel with its money summary, and with tag chips, on a generated paper."""
    # The generated paper is the test suite's: the docs show what the tests check.
    from tests.ui.panels.money_paper import money_paper

    folder = Path(tempfile.mkdtemp(prefix="mopac-shots-money-"))
    paper = money_paper(folder)
    workspace = Workspace(app)
    window = MainWindow(workspace)
    window.messenger.interactive = False
    open_register(window, argparse.Namespace(files=[], register=str(folder / "register.sqlite"),
                                             demo=False))
    window.resize(SIZE)
    window.show()
    for dock in window.findChildren(QDockWidget):
        if window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea:
            dock.hide()
    window.resizeDocks([window.review_dock], [620], Qt.Orientation.Horizontal)
    window.open_path(paper)
    panel = window.review_panel
    _wait(app, lambda: panel.paper_id is not None)
    window.viewer.set_zoom(1.0)
    money = panel.detail.money
    gave_way = next(i for i, f in enumerate(money.sources["capital"]) if not f.stands)
    panel.select_figure("capital", gave_way)
    _wait(app, _settled(window))
    shots = [outdir / "panel-money.png", outdir / "panel-tags.png"]
    window.grab().save(str(shots[0]))

    register = workspace.register
    vocabulary = {t.name: t for t in default_tags()}
    detail = panel.detail
    costs = {c.kind: c.id for c in detail.costs}
    recs = [r.id for r in detail.recommendations]
    for tag, entity, ids in (("capital", "cost", [costs["capital"]]),
                             ("needs finance", "cost", [costs["capital"], costs["revenue"]]),
                             ("procurement", "cost", [costs["contract"]]),
                             ("capital", "recommendation", recs[:1] + recs[3:4]),
                             ("follow up", "recommendation", recs[4:6]),
                             ("procurement", "recommendation", recs[5:6])):
        register.tag(ensure_register_tag(register, vocabulary[tag]), entity, ids)
    panel.refresh()
    panel.select_item("recommendation", recs[4])
    _wait(app, _settled(window))
    _wait(app, lambda: not panel.sections.layout_pending())
    window.review_dock.grab().save(str(shots[1]))
    window.close()
    workspace.close()
    return shots


def _fill_register(path: Path) -> None:
    from mopac_desk.register import Register
    from mopac_desk.register.command import build_demo_register

    with Register(path) as register:
        build_demo_register(register)


if __name__ == "__main__":
    for shot in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(shot)
