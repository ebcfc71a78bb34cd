"""A run of lines read as one text (:class:`TextStream`), and one part's body (:class:`PartText`)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from .lines import Line
from .model import RectList


class TextStream:
    """Lines joined by ``"\\n"`` so patterns can run across line and page breaks, with every
    offset mapping back to its line (and so to rectangles on the page)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.starts: list[int] = []
        pos = 0
        for ln in lines:
            self.starts.append(pos)
            pos += len(ln.text) + 1
        self.text = "\n".join(ln.text for ln in lines)

    @cached_property
    def right(self) -> float:
        """The right edge of the widest line (the text's right margin), 0.0 without lines."""
        return max((ln.x1 for ln in self.lines), default=0.0)

    def line_index(self, offset: int) -> int:
        """Index of the line holding ``offset`` (a separator belongs to the line before)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def page_at(self, offset: int) -> int:
        """The 1-based page where ``text[offset]`` stands."""
        return self.lines[self.line_index(offset)].page if self.lines else 1

    def pieces(self, start: int, end: int) -> list[tuple[Line, int, int]]:
        """``(line, start, end)`` for every line that ``text[start:end]`` touches."""
        out = []
        if not self.lines or end <= start:
            return out
        for i in range(self.line_index(start), self.line_index(max(start, end - 1)) + 1):
            ln, s0 = self.lines[i], self.starts[i]
            s, e = max(start - s0, 0), min(end - s0, len(ln.text))
            if e > s:
                out.append((ln, s, e))
        return out

    def paragraph_starts(self) -> list[int]:
        """Offsets where a paragraph (or heading) starts: after a wider gap than the usual
        line pitch, or on a new page after a finished sentence."""
        pitches = sorted(a.y0 - b.y0 for a, b in zip(self.lines, self.lines[1:])
                         if a.page == b.page and 0 < a.y0 - b.y0 < 80)
        pitch = pitches[len(pitches) // 3] if pitches else 14.0
        out = [0]
        right = self.right
        for i in range(1, len(self.lines)):
            a, b = self.lines[i - 1], self.lines[i]
            # A short line without closing punctuation before a capital is a heading.
            if (a.x1 < right - 0.35 * (right - a.x0) and not a.text.rstrip().endswith(
                    (".", ",", ";", ":", "-", "–", "&")) and b.text.lstrip()[:1].isupper()):
                out.append(self.starts[i])
                continue
            if a.page != b.page:
                if a.text.rstrip().endswith((".", ":", ";")):
                    out.append(self.starts[i])
                continue
            gap = a.y0 - b.y0
            if gap > pitch * 1.4 or gap < -1:
                out.append(self.starts[i])
        return out

    def rects(self, start: int, end: int) -> RectList:
        """Rectangles covering ``text[start:end]`` on the page where it starts."""
        pieces = self.pieces(start, end)
        if not pieces:
            return []
        page = pieces[0][0].page
        rects: RectList = []
        for ln, s, e in pieces:
            if ln.page == page:
                rects.extend(ln.rects_for(s, e))
        return rects


@dataclass
class PartText:
    """The body of one part: its lines without running headers/footers or footnotes."""

    kind: str
    lines: list[Line]
    stream: TextStream

    @classmethod
    def of(cls, kind: str, lines: list[Line]) -> "PartText":
        """A part of ``kind`` from its lines, running headers/footers and footnotes left out."""
        body = [ln for ln in lines if not ln.running and not ln.footnote]
        return cls(kind, body, TextStream(body))

    @property
    def first_page(self) -> int:
        return self.lines[0].page if self.lines else 1

    @property
    def last_page(self) -> int:
        return self.lines[-1].page if self.lines else 1
