"""Annotation round-trip benchmark, against bare pikepdf writing the same dictionaries.

A generated 50-page paper gets 200 comments (highlights over real words, notes, areas, text
boxes, strike-outs, ink) with 200 replies and a review status on every fifth. Timed, best and
median (export: nine runs of each, ours and bare in turn; import: five):

1. export: ``export_annotated`` (plan, appearance streams, popups, replies, states, whole-file
   save with pikepdf) ÷ bare pikepdf adding the same dictionaries and appearance streams
   (built beforehand, outside the timing) and saving: the median of the nine turns' ratios
   (target <= 1.5);
2. import: ``read_annotations`` of the exported file (pikepdf dictionaries, threads, states,
   and quotes read through the PDF layer on the PDFium thread), reported as it is.

3. paint: the page view scrolled through the first page of the paper with 100 comments on
   it drawn by the window's annotation overlays (ui/annotations): milliseconds a frame,
   median of the scroll steps (target <= 16 ms, one frame at 60 Hz), beside the same
   frames with no comments.

Run: ``python bench/annotations.py`` (a few seconds; uses a temporary folder).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pikepdf  # noqa: E402
from figures import figure  # noqa: E402

from mopac_desk.annotations.model import Annotation, Reply  # noqa: E402
from mopac_desk.annotations.pdf_plan import PAGE, Ref, Stream, Text, plan_pages  # noqa: E402
from mopac_desk.annotations.pdf_read import read_annotations  # noqa: E402
from mopac_desk.annotations.pdf_write import export_annotated  # noqa: E402
from mopac_desk.pdf import PaperDocument  # noqa: E402
from tests.helpers.paper_pdf import write_rows  # noqa: E402

PAGES, COMMENTS, TARGET = 50, 200, 1.5
KINDS = ("highlight", "note", "highlight", "area", "strikeout", "textbox", "highlight", "ink")
SENTENCE = ("The Deputy Mayor is asked to approve capital expenditure for the renewal of "
            "custody suites across six sites in {n}.")


def make_paper(path: Path) -> Path:
    rows = []
    for page in range(PAGES):
        rows += [(11.0, 72.0, SENTENCE.format(n=2024 + page % 5))] * 24
        rows.append((0.0, 0.0, ""))
    return write_rows(path, rows[:-1])


def make_comments(path: Path) -> list[Annotation]:
    out: list[Annotation] = []
    with PaperDocument.open(path) as doc:
        hits = doc.find("custody suites")
    per_page: dict[int, list[Any]] = {}
    for h in hits:
        per_page.setdefault(h.index + 1, []).append(h)
    for n in range(COMMENTS):
        page = n % PAGES + 1
        kind = KINDS[n % len(KINDS)]
        hit = per_page[page][(n // PAGES) % len(per_page[page])]
        rects = [r.as_list() for r in hit.rects]
        if kind == "note":
            rects = [[520, 700 - n % 20 * 20, 540, 720 - n % 20 * 20]]
        elif kind in ("area", "textbox"):
            rects = [[72, 90 + n % 5 * 10, 300, 140 + n % 5 * 10]]
        ink = [[[100 + i * 5, 200 + (i % 2) * 10] for i in range(12)]] if kind == "ink" else []
        out.append(Annotation(
            kind=kind, page=page, rects=[] if kind == "ink" else rects, ink=ink, id=n + 1,
            contents=f"Comment {n}: check the figure against the capital plan.",
            author="Priya Shah", created="2025-06-12T09:00:00+00:00",
            status="accepted" if n % 5 == 0 else "none",
            replies=[Reply("Tom Reed", f"Reply to {n}: agreed.", "2025-06-13T09:00:00+00:00")]))
    return out


def _bare_value(value: Any, refs: dict[str, Any]) -> Any:
    if isinstance(value, Ref):
        return refs[value.key]
    if isinstance(value, Text):
        return pikepdf.String(str(value))
    if isinstance(value, str):
        return pikepdf.Name(value)
    if isinstance(value, dict):
        return pikepdf.Dictionary({k: _bare_value(v, refs) for k, v in value.items()})
    if isinstance(value, list):
        return pikepdf.Array([_bare_value(v, refs) for v in value])
    return value


def bare_export(source: Path, plans: dict, out: Path) -> None:
    """pikepdf alone: the same objects (already described), added and saved."""
    with pikepdf.open(source) as pdf:
        for number, plan in plans.items():
            page = pdf.pages[number - 1]
            refs: dict[str, Any] = {PAGE.key: page.obj}
            for key, obj in plan.objects.items():
                refs[key] = (pikepdf.Stream(pdf, obj.data) if isinstance(obj, Stream)
                             else pdf.make_indirect(pikepdf.Dictionary()))
            for key, obj in plan.objects.items():
                entries = obj.entries if isinstance(obj, Stream) else obj
                for k, v in entries.items():
                    refs[key][k] = _bare_value(v, refs)
            page.obj.Annots = pikepdf.Array([refs[k] for k in plan.annots])
        pdf.save(out)


def timed(fn: Callable[[], Any], runs: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def timed_pair(a: Callable[[], Any], b: Callable[[], Any], runs: int = 9
               ) -> tuple[tuple[float, float], tuple[float, float], float]:
    """Best and median of ``a`` and of ``b``, run in turn, and the median of each turn's
    ratio a/b: on a busy machine (two cores shared) a turn slows both alike, so the ratio
    of neighbours is steadier than the ratio of two bests."""
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(runs):
        for fn, times in ((a, ta), (b, tb)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    ratio = statistics.median(x / y for x, y in zip(ta, tb))
    return (min(ta), statistics.median(ta)), (min(tb), statistics.median(tb)), ratio


def main() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paper = make_paper(folder / "paper.pdf")
        comments = make_comments(paper)
        with pikepdf.open(paper) as pdf:
            boxes = {i: [float(v) for v in p.cropbox] for i, p in enumerate(pdf.pages, 1)}
        plans = plan_pages(comments, boxes)  # built once, outside the bare timing
        out, bare = folder / "out.pdf", folder / "bare.pdf"
        ours, base, ratio = timed_pair(lambda: export_annotated(paper, comments, out),
                                       lambda: bare_export(paper, plans, bare))
        back = read_annotations(out)
        assert len(back) == COMMENTS and sum(len(a.replies) for a in back) == COMMENTS
        imported = timed(lambda: read_annotations(out))
        print(f"paper: {PAGES} pages, {COMMENTS} comments, {COMMENTS} replies, "
              f"{sum(a.status != 'none' for a in comments)} statuses")
        print(f"export (ours):        best {ours[0] * 1000:7.1f} ms  median {ours[1] * 1000:7.1f} ms")
        print(f"export (bare pikepdf): best {base[0] * 1000:7.1f} ms  median {base[1] * 1000:7.1f} ms")
        print(f"import (ours, quotes through PDFium): best {imported[0] * 1000:7.1f} ms  "
              f"median {imported[1] * 1000:7.1f} ms")
        ok = figure("annotations_export_ratio", ratio, "x", "<=", TARGET)
        return paint_figure(paper, comments) and ok


PAINTED, PAINT_TARGET_MS, SCROLL_STEPS = 100, 16.0, 40


def paint_figure(paper: Path, comments: list[Annotation]) -> bool:
    """Milliseconds a frame to paint the page view scrolling over a page with 100 comments."""
    from PySide6.QtWidgets import QApplication

    from ui.annotations.canvas import AnnotationCanvas
    from ui.viewer import PageView
    from ui.viewer.geometry import PX_PER_POINT

    app = QApplication.instance() or QApplication([])
    crowded = []
    for n, a in enumerate(comments[:PAINTED]):
        crowded.append(Annotation(**{**a.__dict__, "page": 1, "replies": [],
                                     "rects": [[r[0], r[1] - n % 8 * 40, r[2], r[3] - n % 8 * 40]
                                               for r in a.rects]}))
    view = PageView()
    view.resize(900, 700)
    view.show()
    canvas = AnnotationCanvas(view)
    with PaperDocument.open(paper) as doc:
        view.set_document(doc)
        view.set_zoom(1.5)
        deadline = time.monotonic() + 30
        while not all(view.is_rendered(i) for i in range(2)) and time.monotonic() < deadline:
            app.processEvents()
        bar = view.verticalScrollBar()
        page_h = int(doc.page_size(0)[1] * view.zoom() * PX_PER_POINT)

        def frames() -> float:
            times = []
            for step in range(SCROLL_STEPS):
                bar.setValue(step * page_h // SCROLL_STEPS)
                t = time.perf_counter()
                view.viewport().repaint()
                times.append(time.perf_counter() - t)
            return statistics.median(times) * 1000

        frames()  # warm: page images at this zoom, fonts
        bare = frames()
        canvas.set_annotations(crowded, {a.id: a.colour for a in crowded})
        painted = frames()
        view.set_document(None)
    view.close()
    print(f"paint: {PAINTED} comments on a page at 150 %: {painted:.2f} ms a frame "
          f"(no comments: {bare:.2f} ms)")
    return figure("annotations_paint_ms", painted, "ms", "<=", PAINT_TARGET_MS)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
