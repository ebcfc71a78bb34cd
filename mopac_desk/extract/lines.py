"""Text lines with their character boxes (:class:`Line`), read from a page's text layer.

A line's boxes are read lazily: only a sample of each line's characters is read when the
page is, the rest when a span of the line is cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..pdf.page_text import prefetch_bounds, prefetch_boxes
from ..pdf.text_reader import lines_from_boxes
from .model import RectList

if TYPE_CHECKING:
    from ..pdf.page_text import PageText, TextLine

CharBox = tuple[float, float, float, float]  # (x0, y0, x1, y1), PDF points, origin bottom-left
BoxSource = Callable[[], list[CharBox]]


class _Boxes:
    """``Line.boxes``: a list given outright, or a callable that reads it on first use (the
    character boxes of a line are only needed when something on it is cited). Kept in the
    slot the dataclass made for the field (``slot``); :meth:`source` reads it as it is."""

    def __init__(self, slot: Any) -> None:
        self._slot = slot

    def __get__(self, obj: object, objtype: type | None = None) -> list[CharBox]:
        if obj is None:
            return self  # type: ignore[return-value]
        value = self._slot.__get__(obj)
        if callable(value):
            value = value()
            self._slot.__set__(obj, value)
        return value

    def __set__(self, obj: object, value: "list[CharBox] | BoxSource") -> None:
        self._slot.__set__(obj, value if type(value) is list or callable(value) else list(value))

    def source(self, obj: object) -> "list[CharBox] | BoxSource":
        """The list, or the callable that will read it (nothing is read)."""
        return self._slot.__get__(obj)


# Slots, not a dict per line: a long paper's lines stay in memory (a comparison holds two),
# and every pass of the cycle collector walks each line and its dict on the GUI thread.
@dataclass(slots=True)
class Line:
    """One visual line of a page.

    ``boxes[i]`` is the box of ``text[i]`` (spaces that PDFium generated get a box squeezed
    between their neighbours), so any substring maps to rectangles with :meth:`rects_for`.
    ``boxes`` may be given as a callable returning that list: it is called on first use.
    """

    page: int  # 1-based
    text: str
    boxes: list[CharBox] = field(default=(), repr=False, compare=False)  # type: ignore[assignment]
    x0: float = 0.0
    y0: float = 0.0  # bottom of the line
    x1: float = 0.0
    y1: float = 0.0  # top of the line
    font_size: float = 0.0
    running: bool = False  # a running header or footer repeated across pages
    footnote: bool = False  # a footnote at the foot of the page (small type, leading number)
    baseline: float = 0.0  # median bottom of the line's characters (descenders aside)

    @property
    def rect(self) -> list[float]:
        return [round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2)]

    def rects_for(self, start: int, end: int) -> RectList:
        """Rectangles covering ``text[start:end]`` (one, since a line is one row)."""
        source = _BOXES.source(self)
        part = None
        if isinstance(source, _SpanBoxes):
            rect = source.span_rect(start, end)
            if rect is not None:
                return rect
            part = source.span(start, end)
        if part is None:
            part = self.boxes[max(0, start):min(end, len(self.boxes))]
        seg = [b for b in part if b[2] > b[0] or b[3] > b[1]]
        if not seg:
            return []
        x0s, y0s, x1s, y1s = zip(*seg)
        return [[round(min(x0s), 2), round(min(y0s), 2), round(max(x1s), 2), round(max(y1s), 2)]]

    @property
    def height(self) -> float:
        return self.y1 - self.y0


# after the dataclass took the field's default and made its slot
_BOXES = Line.boxes = _Boxes(Line.boxes)  # type: ignore[assignment]


# -- lines from a page's text layer ------------------------------------------------------

_X_LETTERS = frozenset("acemnorsuvwxz")
_SAMPLES = 5  # character boxes read per line to measure its type size and baseline


def sample_offsets(text: str, _x: frozenset[str] = _X_LETTERS) -> list[int]:
    """The characters of a (trimmed) line whose boxes give its type size and baseline: one
    in each fifth of the line, a letter without ascenders or descenders ("x", "o", ...)
    when one is among its first few characters."""
    # Called for every line on the PDFium thread, holding the GIL: kept to plain loops.
    n = len(text)
    out: list[int] = []
    for k in range(_SAMPLES):
        i = n * k // _SAMPLES
        stop = n * (k + 1) // _SAMPLES
        if stop > i + 4:
            stop = i + 4
        j = i
        while j < stop:
            if text[j] in _x:
                out.append(j)
                break
            j += 1
        else:
            if i < n and text[i] != " " and (not out or out[-1] != i):
                out.append(i)
    return out


def _no_box(bx: CharBox) -> bool:
    return bx[2] <= bx[0] and bx[3] <= bx[1]


def _squeeze(text: str, boxes: list[CharBox]) -> list[CharBox]:
    """Spaces PDFium generated have no box: each gets one squeezed between its neighbours."""
    empty = [i for i, bx in enumerate(boxes) if bx[2] <= bx[0] and bx[3] <= bx[1]]
    if not empty or len(empty) == len(boxes):
        return boxes
    empty_set = set(empty)
    for i in empty:
        prev = next((boxes[j] for j in range(i - 1, -1, -1) if j not in empty_set), None)
        nxt = next((boxes[j] for j in range(i + 1, len(boxes)) if j not in empty_set), None)
        ref = prev or nxt
        assert ref is not None
        x0 = prev[2] if prev else ref[0]
        x1 = nxt[0] if nxt and nxt[0] >= x0 else x0
        boxes[i] = (x0, ref[1], x1, ref[3])
    return boxes


class _SpanBoxes:
    """Reads a line's boxes from its page text on first use (a :data:`BoxSource`)."""

    __slots__ = ("page_text", "start", "end", "plain")

    def __init__(self, page_text: "PageText", start: int, end: int, plain: bool) -> None:
        self.page_text, self.start, self.end = page_text, start, end
        self.plain = plain  # no ligatures: offsets in the line are offsets in the page text

    def __call__(self) -> list[CharBox]:
        raw = self.page_text.text[self.start:self.end]
        boxes = self.page_text.char_boxes(self.start, self.end)
        return _squeeze(raw, _expand_ligatures(raw, boxes)[1])

    def sub_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Page-text offsets of the line's ``[start, end)`` when they can be read alone."""
        start, end = max(0, start), min(end, self.end - self.start)
        if not self.plain or start >= end:
            return None
        return self.start + start, self.start + end

    def span_rect(self, start: int, end: int) -> RectList | None:
        """``Line.rects_for(start, end)`` from PDFium's text rectangles over the span and
        its two end characters' boxes, without reading its every box; None when that does
        not give the same answer (see :meth:`span`), or the boxes are read already."""
        sub = self.sub_span(start, end)
        if sub is None or self.page_text.boxes_loaded:
            return None
        union, first, last = self.page_text.span_bounds(*sub)
        if _no_box(first) or _no_box(last):
            return None
        # The ends count even when thinner than PDFium's rectangles allow (as in rects_for).
        x0, y0, x1, y1 = union or first
        for b in (first, last):
            x0, y0, x1, y1 = min(x0, b[0]), min(y0, b[1]), max(x1, b[2]), max(y1, b[3])
        return [[round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)]]

    def span(self, start: int, end: int) -> list[CharBox] | None:
        """The boxes of the line's ``[start, end)`` read for that span alone, exactly as the
        whole line's would be; None when it needs the whole line (no ligature-free span, or
        one that starts or ends on a character without a box, whose squeezed box depends on
        neighbours outside it)."""
        sub = self.sub_span(start, end)
        if sub is None:
            return None
        boxes = self.page_text.char_boxes(*sub)
        if _no_box(boxes[0]) or _no_box(boxes[-1]):
            return None
        return _squeeze(self.page_text.text[sub[0]:sub[1]], boxes)


class _JoinedBoxes:
    """The boxes of two pieces of one line (split at a superscript mark) and the gap between."""

    __slots__ = ("prev", "gap", "line")

    def __init__(self, prev: Line, gap: CharBox, line: Line) -> None:
        self.prev, self.gap, self.line = prev, gap, line

    def __call__(self) -> list[CharBox]:
        return self.prev.boxes + [self.gap] + self.line.boxes


def _pending_spans(line: Line, start: int | None = None, end: int | None = None,
                   bounds: "list[tuple[_SpanBoxes, int, int]] | None" = None,
                   ) -> Iterator[tuple["PageText", int, int]]:
    """The page-text spans whose boxes ``line.rects_for(start, end)`` reads (all the line's
    without a span); a line's span read by its bounds goes to ``bounds`` when given."""
    source = _BOXES.source(line)
    if isinstance(source, _SpanBoxes):
        sub = source.sub_span(start, end) if start is not None and end is not None else None
        if sub and bounds is not None:
            bounds.append((source, *sub))
        else:
            yield (source.page_text, *sub) if sub else (source.page_text, source.start, source.end)
    elif isinstance(source, _JoinedBoxes):
        yield from _pending_spans(source.prev)
        yield from _pending_spans(source.line)


def load_boxes(lines: Iterable[Line]) -> None:
    """Read the character boxes of all ``lines`` at once (one trip to the PDFium thread
    instead of one a line) before their rects are asked for."""
    prefetch_boxes(span for ln in lines for span in _pending_spans(ln))


def load_spans(pieces: Iterable[tuple[Line, int, int]]) -> None:
    """Read the character boxes that ``line.rects_for(start, end)`` will need for every
    ``(line, start, end)`` at once: one trip to the PDFium thread, and for most lines only
    the boxes of the span itself."""
    bounds: list[tuple[_SpanBoxes, int, int]] = []
    boxes = [span for ln, s, e in pieces for span in _pending_spans(ln, s, e, bounds)]
    prefetch_bounds((src.page_text, s, e) for src, s, e in bounds)
    # A span with an end character without a box needs the whole line's boxes after all.
    for src, s, e in bounds:
        pt = src.page_text
        if not pt.boxes_loaded:
            _, first, last = pt.span_bounds(s, e)
            if _no_box(first) or _no_box(last):
                boxes.append((pt, src.start, src.end))
    prefetch_boxes(boxes)


def _make_line(page: int, page_text: "PageText", tl: "TextLine") -> Line | None:
    if tl.bounds is None:
        return None
    raw = page_text.text[tl.start:tl.end]
    plain = not _LIGATURE_CHARS.search(raw)
    text = raw if plain else _expand_ligatures(raw, [])[0]
    x0, y0, x1, y1 = tl.bounds
    full = page_text.text
    # Type size from the height of letters without ascenders or descenders (about half the
    # size in common faces), else capitals (about 0.7 of it).
    # (One pass over the sampled boxes: this runs for every line of the document.)
    xs: list[float] = []
    caps: list[float] = []
    bottoms: list[float] = []
    for i, (l, b, r, t) in tl.samples:
        if r > l or t > b:  # a real box
            ch = full[i]
            if ch in _X_LETTERS:
                xs.append(t - b)
            elif ch.isupper():
                caps.append(t - b)
            if ch != " ":
                bottoms.append(b)
    if xs:
        xs.sort()
        font_size = xs[len(xs) // 2] / 0.5
    elif caps:
        caps.sort()
        font_size = caps[len(caps) // 2] / 0.7
    else:
        font_size = y1 - y0
    bottoms.sort()
    return Line(
        page=page, text=text, boxes=_SpanBoxes(page_text, tl.start, tl.end, plain),
        x0=x0, y0=y0, x1=x1, y1=y1,
        font_size=round(font_size, 2),
        baseline=bottoms[len(bottoms) // 2] if bottoms else y0,
    )


_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st", "\u00a0": " ", "\u2009": " ", "\u202f": " "}
_LIGATURE_CHARS = re.compile("[" + "".join(_LIGATURES) + "]")


def _expand_ligatures(text: str, boxes: list[CharBox]) -> tuple[str, list[CharBox]]:
    """Typeset ligatures ("ﬁ") become their letters, each with a share of the glyph's box, so
    that words match and text stays aligned with boxes; odd spaces become plain ones.
    With no boxes given, only the text is expanded."""
    if not _LIGATURE_CHARS.search(text):
        return text, boxes
    out_text: list[str] = []
    out_boxes: list[CharBox] = []
    for k0, ch in enumerate(text):
        box = boxes[k0] if boxes else (0.0, 0.0, 0.0, 0.0)
        rep = _LIGATURES.get(ch)
        if rep is None or len(rep) == 1:
            out_text.append(rep or ch)
            out_boxes.append(box)
            continue
        l, b, r, t = box
        w = (r - l) / len(rep)
        for k, c in enumerate(rep):
            out_text.append(c)
            out_boxes.append((l + k * w, b, l + (k + 1) * w, t))
    return "".join(out_text), out_boxes


def page_lines(page_text: "PageText", page: int) -> list[Line]:
    """The visual lines of one page in reading order (``page`` is 1-based).

    PDFium's own line breaks are the first cut; consecutive pieces that sit on the same
    baseline (a superscript footnote mark can split a line) are joined again. Character
    boxes are read only for a sample of each line; the rest load when a span is cited.
    """
    lines: list[Line] = []
    for tl in lines_from_boxes(page_text, sample_offsets):
        line = _make_line(page, page_text, tl)
        if line is None:
            continue
        if lines:
            prev = lines[-1]
            tol = max(2.0, min(prev.font_size, line.font_size) * 0.5)
            if abs(prev.baseline - line.baseline) < tol and line.x0 >= prev.x1 - 1:
                gap_box = (prev.x1, prev.y0, line.x0, prev.y1)
                merged = Line(
                    page=page, text=prev.text + " " + line.text,
                    boxes=_JoinedBoxes(prev, gap_box, line),
                    x0=prev.x0, y0=min(prev.y0, line.y0), x1=line.x1, y1=max(prev.y1, line.y1),
                    font_size=max(prev.font_size, line.font_size), baseline=prev.baseline,
                )
                lines[-1] = merged
                continue
        lines.append(line)
    # Built once; kept, PDFium's lines (a tuple subclass each, which the cycle collector
    # never stops tracking) would be walked by every full pass while the paper is open.
    page_text.lines = None
    return lines
