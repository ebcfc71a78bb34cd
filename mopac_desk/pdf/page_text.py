"""The text layer of one page (:class:`PageText`) and its lines as PDFium breaks them.

A page text read for extraction holds its lines and reads character boxes only when first
asked; :func:`prefetch_boxes` reads many spans' boxes in one trip to the PDFium thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

from . import worker
from .geometry import CharBox, Rect

if TYPE_CHECKING:
    from .document import PaperDocument


class TextLine(NamedTuple):
    """One line of a page as PDFium breaks the text, read without every character's box.

    ``text[start:end]`` is the line with surrounding whitespace trimmed. ``bounds`` is the
    union of its characters' boxes (PDFium's text rectangles: characters PDFium generated and
    boxes thinner than 0.01 pt left out), None when no character has a box. ``samples`` holds
    ``(index into the page text, box)`` for the characters the reader asked for.
    """

    start: int
    end: int
    bounds: CharBox | None
    samples: tuple[tuple[int, CharBox], ...] = ()


SpanBounds = tuple[CharBox | None, CharBox, CharBox]
"""A span's union of real boxes, and its first and last characters' boxes."""


def real_box(box: CharBox) -> bool:
    """A box PDFium's text rectangles count: 0.01 pt or more either way (thinner ones, and
    those of characters PDFium generated, are left out)."""
    return box[2] - box[0] >= 0.01 and box[3] - box[1] >= 0.01


def union_of_real(boxes: Iterable[CharBox]) -> CharBox | None:
    """The union of the real boxes among ``boxes`` (the rule of PDFium's text rectangles)."""
    real = [bx for bx in boxes if real_box(bx)]
    if not real:
        return None
    x0s, y0s, x1s, y1s = zip(*real)
    return (min(x0s), min(y0s), max(x1s), max(y1s))


LineSampler = Callable[[str], Iterable[int]]
"""Given a trimmed line's text, the offsets (into it) of the characters whose boxes to read."""


class PageText:
    """The text layer of one page: ``text[i]`` has its box at ``boxes[i]`` (l, b, r, t).

    Line breaks PDFium generates are ``"\\r\\n"`` with empty boxes (0, 0, 0, 0). A page text
    read by :meth:`PaperDocument.page_lines` holds ``lines`` and reads character boxes only
    when first asked (:meth:`char_boxes` for a span, ``boxes`` for the whole page).
    """

    def __init__(self, index: int, text: str, boxes: list[CharBox] | None = None,
                 lines: tuple[TextLine, ...] | None = None,
                 source: "PaperDocument | None" = None) -> None:
        self.index = index
        self.text = text
        self._boxes = boxes if boxes is not None or source is not None else []
        self.lines = lines
        self._source = source
        self._spans: dict[tuple[int, int], list[CharBox]] = {}  # read ahead by prefetch_boxes
        self._bounds: dict[tuple[int, int], SpanBounds] = {}  # read ahead by prefetch_bounds

    def __repr__(self) -> str:
        return f"PageText(index={self.index}, text={self.text[:40]!r}...)"

    @property
    def boxes_loaded(self) -> bool:
        return self._boxes is not None

    @property
    def boxes(self) -> list[CharBox]:
        """Every character's box (read from the document on first use)."""
        if self._boxes is None:
            assert self._source is not None
            self._boxes = self._source._read_boxes(self.index, 0, len(self.text))
        return self._boxes

    def char_boxes(self, start: int, end: int) -> list[CharBox]:
        """Boxes of ``text[start:end]``, read from the document only for that span if the
        page's boxes have not been read yet."""
        if self._boxes is not None:
            return self._boxes[start:end]
        ready = self._spans.get((start, end))
        if ready is not None:
            return list(ready)
        for (s0, e0), boxes in self._spans.items():
            if s0 <= start and end <= e0:
                return boxes[start - s0:end - s0]
        assert self._source is not None
        return self._source._read_boxes(self.index, start, end)

    def span_bounds(self, start: int, end: int) -> "SpanBounds":
        """The union of the real boxes of ``text[start:end]`` (None when none has one) and
        the boxes of its first and last characters, without reading the span's every box
        when they have not been read."""
        ready = self._bounds.get((start, end))
        if ready is not None:
            return ready
        if self._boxes is None and self._source is not None:
            return self._source._read_span_bounds(self.index, start, end)
        boxes = self.boxes[start:end]
        return union_of_real(boxes), boxes[0], boxes[-1]

    def box(self, i: int) -> Rect | None:
        l, b, r, t = self.boxes[i]
        if r <= l and t <= b:
            return None
        return Rect(l, b, r, t)

    def rects_for_span(self, start: int, end: int) -> list[Rect]:
        """Rectangles covering ``text[start:end]``, one per visual line."""
        rects: list[Rect] = []
        current: Rect | None = None
        last_mid: float | None = None
        for i in range(max(0, start), min(end, len(self.boxes))):
            if self.text[i] in "\r\n":
                continue
            box = self.box(i)
            if box is None:
                continue
            mid = (box.y0 + box.y1) / 2
            same_line = (
                current is not None
                and last_mid is not None
                and abs(mid - last_mid) < max(2.0, (current.y1 - current.y0) * 0.6)
                and box.x0 >= current.x0 - 1
            )
            if same_line and current is not None:
                current = current.union(box)
            else:
                if current is not None:
                    rects.append(current)
                current = box
            last_mid = mid
        if current is not None:
            rects.append(current)
        return rects

    def index_at(self, x: float, y: float, tolerance: float = 2.0) -> int | None:
        """The character index at PDF point (x, y), or the nearest within ``tolerance``."""
        best, best_d = None, tolerance
        for i, (l, b, r, t) in enumerate(self.boxes):
            if r <= l and t <= b:
                continue
            dx = 0.0 if l <= x <= r else min(abs(x - l), abs(x - r))
            dy = 0.0 if b <= y <= t else min(abs(y - b), abs(y - t))
            d = max(dx, dy)
            if d <= best_d:
                best, best_d = i, d
                if d == 0.0:
                    break
        return best


def prefetch_boxes(spans: Iterable[tuple[PageText, int, int]]) -> None:
    """Read the boxes of many ``(page text, start, end)`` spans in one trip to the PDFium
    thread (a trip costs as much as reading about a hundred boxes), so that the
    :meth:`PageText.char_boxes` calls for them that follow need none."""
    _prefetch(spans, lambda pt, s, e: any(s0 <= s and e <= e0 for s0, e0 in pt._spans),
              lambda doc: doc._checked_box_spans, lambda pt: pt._spans)


def prefetch_bounds(spans: Iterable[tuple[PageText, int, int]]) -> None:
    """Read the :meth:`PageText.span_bounds` of many ``(page text, start, end)`` spans in
    one trip to the PDFium thread."""
    _prefetch(spans, lambda pt, s, e: (s, e) in pt._bounds,
              lambda doc: doc._checked_bound_spans, lambda pt: pt._bounds)


def _prefetch(spans: Iterable[tuple[PageText, int, int]],
              known: Callable[[PageText, int, int], bool],
              reader: Callable[["PaperDocument"], Callable[[list[tuple[int, int, int]]], list]],
              store: Callable[[PageText], dict]) -> None:
    """For the spans not ``known`` yet of page texts whose boxes are still to be read: one
    trip per document with ``reader(doc)``, each result kept in ``store(page text)``."""
    by_doc: dict[int, tuple[PaperDocument, list[tuple[PageText, int, int]]]] = {}
    for pt, start, end in spans:
        if pt._boxes is None and pt._source is not None and not known(pt, start, end):
            by_doc.setdefault(id(pt._source), (pt._source, []))[1].append((pt, start, end))
    for doc, items in by_doc.values():
        read = worker.call(reader(doc), [(pt.index, s, e) for pt, s, e in items])
        for (pt, s, e), value in zip(items, read):
            store(pt)[(s, e)] = value
