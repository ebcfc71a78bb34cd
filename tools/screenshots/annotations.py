"""The annotations screenshot for the docs (called by ``python -m tools.screenshots``).

The demo PCD 977 paper in a throwaway register, reviewed by two people: a highlight with a
reply and a status, an underline, a strike-out, a sticky note, an area box round a block and
a text box, shown at actual size beside the Annotations panel.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from mopac_desk.annotations.model import PALETTE, Annotation, Reply
from mopac_desk.paths import demo_papers
from mopac_desk.register.importer import import_paths

from ui.app import open_register
from ui.main_window import MainWindow
from ui.workspace import Workspace

Wait = Callable[[QApplication, Callable[[], bool]], None]


def _marked(doc, kind: str, phrase: str, **fields) -> Annotation:
    hit = doc.find(phrase)[0]
    return Annotation(kind=kind, page=hit.index + 1, quote=phrase,
                      rects=[r.as_list() for r in hit.rects], **fields)


def annotation_shots(app: QApplication, outdir: Path, wait: Wait,
                     settled: Callable[[MainWindow], Callable[[], bool]]) -> list[Path]:
    """Save ``annotations.png`` into ``outdir``; returns its path in a list."""
    paper = next(p for p in demo_papers() if "pcd-977" in p.name)
    folder = Path(tempfile.mkdtemp(prefix="mopac-shots-annotations-"))
    workspace = Workspace(app)
    window = MainWindow(workspace)
    window.messenger.interactive = False
    open_register(window, argparse.Namespace(files=[], register=str(folder / "register.sqlite"),
                                             demo=False))
    register = workspace.register
    import_paths(register, [paper])
    window.resize(1400, 900)
    window.show()
    for dock in window.findChildren(QDockWidget):
        if window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea:
            dock.hide()
    window.open_path(paper)
    controller = window.annotations
    wait(app, lambda: bool(controller._papers))
    pid = controller._papers[0].id
    doc = window.document
    made = [
        _marked(doc, "highlight", "at a capital cost of £14,700,000", author="Priya Shah",
                contents="Matches the Finance table on page 4.", status="accepted",
                replies=[Reply(author="Tom Reed", contents="Agreed: same figure in v2.")]),
        _marked(doc, "underline", "No new procurement is required", author="Tom Reed",
                contents="Procurement to confirm the Pegasus scope.", colour=PALETTE["blue"]),
        _marked(doc, "strikeout", "to a maximum of 25% of total laptops issued",
                author="Priya Shah", contents="Drop the cap? Ask the MPS.",
                colour=PALETTE["red"], status="rejected"),
        Annotation(kind="note", page=1, rects=[[520, 700, 540, 720]], author="Tom Reed",
                   contents="Is 2021/22 still the right year for this refresh?",
                   colour=PALETTE["orange"]),
        Annotation(kind="area", page=1, rects=[[66, 249, 544, 409]], author="Priya Shah",
                   contents="The four conditions: check each against the policy.",
                   colour=PALETTE["green"]),
        Annotation(kind="textbox", page=1, rects=[[330, 748, 560, 774]], author="Tom Reed",
                   contents="Reviewed for the IAM meeting", colour=PALETTE["purple"]),
    ]
    register.add_annotations(pid, made)
    wait(app, lambda: len(controller.annotations()) == len(made))
    window.annotations_dock.show()
    window.annotations_dock.raise_()
    window.resizeDocks([window.annotations_dock], [520], Qt.Orientation.Horizontal)
    window.viewer.set_zoom(1.0)
    window.viewer.scroll_to(0)
    first = next(a for a in controller.annotations() if a.kind == "highlight")
    controller.canvas.select(first.id)
    controller.panel.select(first.id)
    wait(app, settled(window))
    shot = outdir / "annotations.png"
    window.grab().save(str(shot))
    window.close()
    workspace.close()
    return [shot]
