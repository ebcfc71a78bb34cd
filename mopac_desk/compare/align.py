"""Where a place in one document stands in the other, for scrolling two viewers together.

The matching runs of the word diff pin the two documents together line by line: a point
between two pins is placed in proportion, so the same paragraph stays level on both sides
whatever the two layouts. Positions are ``(page, y)``: 1-based page, y in PDF points from the
page's foot, as rectangles are everywhere else.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from .diff import Op
from .words import Words


class _Pages:
    """A document as one long strip: a position counts points down from the top of page 1."""

    def __init__(self, heights: Sequence[float]) -> None:
        self.heights = [float(h) for h in heights] or [842.0]
        self.tops: list[float] = []
        pos = 0.0
        for h in self.heights:
            self.tops.append(pos)
            pos += h
        self.length = pos

    def pos(self, page: int, y: float) -> float:
        k = min(max(page, 1), len(self.heights)) - 1
        return self.tops[k] + min(max(self.heights[k] - y, 0.0), self.heights[k])

    def place(self, pos: float) -> tuple[int, float]:
        pos = min(max(pos, 0.0), self.length)
        k = max(0, bisect_right(self.tops, pos) - 1)
        return k + 1, self.heights[k] - (pos - self.tops[k])


class Alignment:
    """A monotonic map between the two documents' positions, built from the diff's matching
    runs (one pin per matching line), falling back to page and fraction of the page when the
    documents share no text."""

    def __init__(self, old: Words, new: Words, ops: Sequence[Op],
                 old_heights: Sequence[float], new_heights: Sequence[float]) -> None:
        self._old, self._new = _Pages(old_heights), _Pages(new_heights)
        xs: list[float] = []
        ys: list[float] = []
        for op in ops:
            if op.tag != "equal":
                continue
            # One pin per old line the run touches (the first word of the run on it), found
            # line by line rather than word by word.
            old_index, new_index = old.line_index, new.line_index
            li, n_lines = old_index[op.i1], len(old.lines)
            while li < n_lines:
                i = max(op.i1, old.first_word_of_line(li))
                if i >= op.i2:
                    break
                la = old_index[i]
                li = la + 1
                a, b = old.lines[la], new.lines[new_index[op.j1 + i - op.i1]]
                if a.footnote or b.footnote:
                    continue  # footnotes come after the body in the word lists
                x = self._old.pos(a.page, a.y1)
                y = self._new.pos(b.page, b.y1)
                if not xs or (x >= xs[-1] and y >= ys[-1]):  # monotonic on both sides
                    xs.append(x)
                    ys.append(y)
        self._xs, self._ys = xs, ys

    def old_position(self, page: int, y: float) -> float:
        """Points from the top of the old document's first page down to ``(page, y)``."""
        return self._old.pos(page, y)

    def new_position(self, page: int, y: float) -> float:
        """Points from the top of the new document's first page down to ``(page, y)``."""
        return self._new.pos(page, y)

    @property
    def pins(self) -> list[tuple[tuple[int, float], tuple[int, float]]]:
        """The matching places, ``((old page, y), (new page, y))``, in order."""
        return [(self._old.place(x), self._new.place(y)) for x, y in zip(self._xs, self._ys)]

    def old_to_new(self, page: int, y: float) -> tuple[int, float]:
        """The place in the new document level with ``(page, y)`` of the old one."""
        pos = self._old.pos(page, y)
        return self._new.place(_map(pos, self._xs, self._ys, self._old.length, self._new.length))

    def new_to_old(self, page: int, y: float) -> tuple[int, float]:
        """The place in the old document level with ``(page, y)`` of the new one."""
        pos = self._new.pos(page, y)
        return self._old.place(_map(pos, self._ys, self._xs, self._new.length, self._old.length))


def _map(pos: float, src: list[float], dst: list[float], src_len: float, dst_len: float) -> float:
    if not src:
        return pos * (dst_len / src_len) if src_len else 0.0  # page and fraction
    k = bisect_right(src, pos) - 1
    if k < 0:
        return dst[0] - (src[0] - pos)
    if k >= len(src) - 1:
        return dst[-1] + (pos - src[-1])
    x0, x1, y0, y1 = src[k], src[k + 1], dst[k], dst[k + 1]
    if x1 <= x0:
        return y0
    return y0 + (pos - x0) * (y1 - y0) / (x1 - x0)
