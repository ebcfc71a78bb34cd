"""Carry items and annotations from an old version of a paper to the new one.

An item is anchored by its quote, page and rectangles. On the new version it goes where the
diff carries its words when they did not change; otherwise to the same quote found nearest the
place its old position maps to (within a page and a half); otherwise it is reported as
``needs re-anchoring``, with the page it would most likely be on, and never dropped. An item
with no quote (a sticky note, an area, ink) is moved to the place level with its old one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable, Generic, Protocol, Sequence, TypeVar

from .diff import Op
from .engine import Comparison
from .words import RectList, Words, token_spans, word_key

PLACED = "placed"  # its words are unchanged; carried where the diff puts them
FOUND = "found"  # its words changed in place, but the same quote stands nearby
MOVED = "moved"  # no quote (a note, an area, ink): carried to the level place by position
NEEDS_REANCHORING = "needs re-anchoring"
_NEAR = 1.5  # page lengths within which a quote found again counts as the same place


class Anchored(Protocol):
    """What re-anchoring reads of an item (an annotation, a recommendation, a cost...)."""

    @property
    def quote(self) -> str: ...
    @property
    def page(self) -> int: ...
    @property
    def rects(self) -> RectList: ...


T = TypeVar("T", bound=Anchored)


@dataclass
class Placement(Generic[T]):
    """Where ``item`` stands on the new version. ``status`` is :data:`PLACED`,
    :data:`FOUND`, :data:`MOVED` or :data:`NEEDS_REANCHORING` (then ``page`` is a best guess
    and ``rects`` is empty)."""

    item: T
    status: str
    page: int
    rects: RectList = field(default_factory=list)
    spans: list[tuple[int, RectList]] = field(default_factory=list)


class _Finder:
    """Finds a run of word keys in a word list (quotes carry plain numbers, not labels)."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.keys = [word_key(t) for t in words.texts]
        self.at: dict[str, list[int]] = {}
        for i, k in enumerate(self.keys):
            self.at.setdefault(k, []).append(i)

    def find(self, qkeys: list[str]) -> list[int]:
        n = len(qkeys)
        return [i for i in self.at.get(qkeys[0], []) if self.keys[i:i + n] == qkeys]


def _quote_keys(quote: str) -> list[str]:
    return [word_key(quote[s:e]) for s, e in token_spans(quote)]


def _top(rects: RectList) -> float | None:
    return max(r[3] for r in rects) if rects else None


def reanchor(comparison: Comparison, items: Sequence[T]) -> list[Placement[T]]:
    """Each item's place on the comparison's new version, in the order given.

    The comparison must come from :func:`~mopac_desk.compare.compare_documents` with both
    documents still open (the new rectangles are read from the new document)."""
    old, new = comparison.old.words, comparison.new.words
    if old is None or new is None:
        raise ValueError("re-anchoring needs a comparison of documents that are still open")
    old_find, new_find = _Finder(old), _Finder(new)
    eq = [op for op in comparison.ops if op.tag == "equal"]
    eq_starts = [op.i1 for op in eq]
    out: list[Placement[T]] = []
    for item in items:
        out.append(_place(comparison, item, old_find, new_find, eq, eq_starts))
    return out


def _place(comparison: Comparison, item: T, old_find: _Finder, new_find: _Finder,
           eq: list[Op], eq_starts: list[int]) -> Placement[T]:
    old, new = old_find.words, new_find.words
    qkeys = _quote_keys(item.quote or "")
    top = _top(item.rects)
    where = comparison.alignment.old_to_new(item.page, top if top is not None else 842.0)
    if not qkeys:
        return _moved(item, top, where)
    n = len(qkeys)
    found = old_find.find(qkeys)
    align = comparison.alignment
    if found:
        at = align.old_position(item.page, top if top is not None else 842.0)
        i = min(found, key=lambda k: abs(_position(old, k, align.old_position) - at))
        k = bisect_right(eq_starts, i) - 1
        if k >= 0 and eq[k].i1 <= i and i + n <= eq[k].i2:
            j = eq[k].j1 + (i - eq[k].i1)
            return _placed(item, PLACED, new, j, n)
        where = new.place(_new_index(comparison, i))
    candidates = new_find.find(qkeys)
    if candidates:
        at = align.new_position(*where)
        j = min(candidates, key=lambda c: abs(_position(new, c, align.new_position) - at))
        if abs(_position(new, j, align.new_position) - at) <= _NEAR * _page_length(comparison):
            return _placed(item, FOUND, new, j, n)
    return Placement(item, NEEDS_REANCHORING, where[0])


def _moved(item: T, top: float | None, where: tuple[int, float]) -> Placement[T]:
    """An item without words, carried by position: same x, shifted to the level place."""
    if top is None:
        return Placement(item, MOVED, where[0])
    dy = where[1] - top
    rects = [[r[0], r[1] + dy, r[2], r[3] + dy] for r in item.rects]
    return Placement(item, MOVED, where[0], rects, [(where[0], rects)])


def _placed(item: T, status: str, words: Words, j: int, n: int) -> Placement[T]:
    side = words.side(j, j + n)
    assert side is not None
    return Placement(item, status, side.page, side.rects, side.spans)


def _new_index(comparison: Comparison, i: int) -> int:
    """The new word index level with old word ``i`` (start of the block holding it)."""
    for op in comparison.ops:
        if op.i1 <= i < op.i2 or (op.i1 == op.i2 == i):
            return op.j1 + (i - op.i1 if op.tag == "equal" else 0)
    return len(comparison.new.words or [])


def _page_length(comparison: Comparison) -> float:
    heights = comparison.new.page_heights
    return max(heights) if heights else 842.0


def _position(words: Words, i: int, position: Callable[[int, float], float]) -> float:
    ln = words.line_of(i)
    return position(ln.page, ln.y1)
