"""The compare-mode screenshot for the docs (called by ``python -m tools.screenshots``).

A generated IAM report and its revision, set in another type so lines and pages fall
elsewhere: capital and a contract value raised, a sentence added, the date moved. Shown side by side with the change
list, the first money change current on both sides, each side with the reviewers'
annotations on its own paper (from a throwaway register) and the Annotations panel listing
the later side's, the side in use.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from mopac_desk.annotations.model import PALETTE, Annotation, Reply
from mopac_desk.register.importer import import_paths

from ui.main_window import MainWindow
from ui.viewer import PageView
from ui.workspace import Workspace

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
    register = workspace.open_register(folder / "register.sqlite")
    import_paths(register, [old, new])
    window = MainWindow(workspace)
    window.messenger.interactive = False
    window.resize(1760, 940)
    window.show()
    for dock in window.findChildren(QDockWidget):
        dock.hide()  # compare mode wants the width: the Annotations panel comes back below
    compare = window.compare
    done: list[object] = []
    compare.compared.connect(done.append)
    compare.open_pair(old, new)
    wait(app, lambda: bool(done))
    view = compare.view
    layers = compare.review.layers if compare.review is not None else {}
    wait(app, lambda: all(layer.papers for layer in layers.values()))
    notes = {"old": _annotate_old, "new": _annotate_new}
    for side, layer in layers.items():
        paper = layer.papers[0]
        made = notes[side](layer.viewer)
        for a in made:
            a.document_id = paper.document_id  # on that side's document of the paper
        register.add_annotations(paper.id, made)
    wait(app, lambda: all(len(layer.canvas.annotations()) >= 3 for layer in layers.values()))
    window.annotations_dock.show()
    window.annotations_dock.raise_()
    window.resizeDocks([window.annotations_dock], [320], Qt.Orientation.Horizontal)
    view.splitter.setSizes([300, 570, 570])
    for v in (view.old_view, view.new_view):
        v.fit_width()
    first_money = next(k for k, c in enumerate(compare.comparison.changes) if c.money)
    app.processEvents()
    view.show_change(first_money)
    layer = layers.get("new")
    if layer is not None:  # the later side in use: its comment chosen, as a reviewer would
        raised = next(a for a in layer.canvas.annotations() if a.kind == "highlight")
        layer.canvas.select(raised.id)
        window.annotations.panel.select(raised.id)
    wait(app, lambda: all(v.is_rendered(i) for v in (view.old_view, view.new_view)
                          for i in v.visible_pages()))
    shot = outdir / "compare.png"
    window.grab().save(str(shot))
    compare.close()
    window.close()
    workspace.close()
    return [shot]


def _marked(view: PageView, kind: str, phrase: str, **fields: object) -> Annotation:
    hit = view.document().find(phrase)[0]
    return Annotation(kind=kind, page=hit.index + 1, quote=phrase,
                      rects=[r.as_list() for r in hit.rects], **fields)


def _beside(view: PageView, phrase: str, kind: str, width: float, height: float,
            **fields: object) -> Annotation:
    """A box after the short line ``phrase`` (a heading), level with it."""
    hit = view.document().find(phrase)[0]
    r = hit.rects[0].as_list()
    return Annotation(kind=kind, page=hit.index + 1,
                      rects=[[r[2] + 24, r[1] - 4, r[2] + 24 + width, r[1] - 4 + height]],
                      **fields)


def _annotate_old(view: PageView) -> list[Annotation]:
    """What IAM's reviewer marked on the version they saw."""
    seen = _marked(view, "highlight", "£2.025 million", author="Priya Shah",
                   contents="The sum IAM agreed at its March meeting.", status="accepted")
    return [seen, _marked(view, "underline", "£1.8m", author="Priya Shah",
                          contents="Contract value to check against the tender.",
                          colour=PALETTE["blue"]),
            _beside(view, "Time sensitivity", "note", 20, 20, author="Priya Shah",
                    contents="Is March still realistic?", colour=PALETTE["orange"])]


def _annotate_new(view: PageView) -> list[Annotation]:
    """The clerk's marks on the revision, where the money moved."""
    raised = _marked(view, "highlight", "£2.4 million", author="Tom Reed",
                     contents="Up £375,000 on the version IAM saw: ask Finance why.",
                     colour=PALETTE["orange"],
                     replies=[Reply(author="Priya Shah", contents="Asked on 12 April.")])
    return [raised, _marked(view, "underline", "£2.1m", author="Tom Reed",
                            contents="New contract value.", colour=PALETTE["red"]),
            _beside(view, "Recommendations", "textbox", 230, 22, author="Tom Reed",
                    contents="Capital up £375k since IAM", colour=PALETTE["purple"])]

