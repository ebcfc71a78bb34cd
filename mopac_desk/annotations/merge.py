"""Matching annotations imported from a PDF against the ones a paper already has.

A comment matches by its unique name (``/NM``) when both have one; otherwise by page, kind,
place (the rectangles around them within a few points, or overlapping almost wholly) and
words. A matched comment brings only what is new: replies not seen before (by ``/NM``, else
by author and words), a review status set elsewhere, words changed elsewhere after the
register's last edit. So importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from .model import Annotation, Reply

#: points two rectangles' edges may differ by and still be the same place
PLACE_TOLERANCE = 3.0
#: overlap (intersection over union) at which two places are the same
PLACE_OVERLAP = 0.8


@dataclass
class MergePlan:
    """What an import adds to a paper's annotations."""

    new: list[Annotation] = field(default_factory=list)
    #: (existing comment id, reply) for each reply the register does not have
    replies: list[tuple[int, Reply]] = field(default_factory=list)
    #: (existing comment id, status) where the file's review status differs
    statuses: list[tuple[int, str]] = field(default_factory=list)
    #: (existing comment id, {column: value}) for words changed elsewhere, names learnt
    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    matched: int = 0

    @property
    def empty(self) -> bool:
        return not (self.new or self.replies or self.statuses or self.updates)


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _overlap(a: Sequence[float], b: Sequence[float]) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area if area > 0 else 0.0


def same_place(a: Annotation, b: Annotation) -> bool:
    """True when ``a`` and ``b`` cover the same part of the same page."""
    if a.page != b.page:
        return False
    ba, bb = a.bounds, b.bounds
    if ba is None or bb is None:
        return False
    if all(abs(x - y) <= PLACE_TOLERANCE for x, y in zip(ba, bb)):
        return True
    return _overlap(ba, bb) >= PLACE_OVERLAP


def same_comment(a: Annotation, b: Annotation) -> bool:
    """The fallback match when either has no ``/NM``: page, kind, place and words."""
    return a.kind == b.kind and same_place(a, b) and _words(a.contents) == _words(b.contents)


def _has_reply(replies: Sequence[Reply], r: Reply) -> bool:
    for mine in replies:
        if r.pdf_name and mine.pdf_name == r.pdf_name:
            return True
        if _words(mine.contents) == _words(r.contents) and mine.author == r.author:
            return True
    return False


def plan_merge(existing: Sequence[Annotation], imported: Sequence[Annotation]) -> MergePlan:
    """What to add or change so the register holds ``imported`` too (nothing twice).

    ``existing`` need ids (they are the register's); ``imported`` are read from a file.
    """
    plan = MergePlan()
    by_name = {a.pdf_name: a for a in existing if a.pdf_name}
    names_used = set(by_name) | {r.pdf_name for a in existing for r in a.replies if r.pdf_name}
    taken: set[int] = set()
    seen_names: set[str] = set()

    def claim(name: str | None) -> str | None:
        """``name`` if the paper does not use it yet (names are unique in a paper)."""
        if not name or name in names_used:
            return None
        names_used.add(name)
        return name

    for item in imported:
        if item.pdf_name:
            if item.pdf_name in seen_names:
                continue  # the same comment twice in one file
            seen_names.add(item.pdf_name)
        match = by_name.get(item.pdf_name) if item.pdf_name else None
        if match is not None and id(match) in taken:
            match = None
        by_nm = match is not None
        if match is None:
            # a reader that renames comments on saving still leaves them in place
            match = next((a for a in existing if id(a) not in taken
                          and same_comment(a, item)), None)
        if match is None:
            item.pdf_name = claim(item.pdf_name)
            for r in item.replies:
                r.pdf_name = claim(r.pdf_name)
            plan.new.append(item)
            continue
        taken.add(id(match))
        plan.matched += 1
        assert match.id is not None, "existing annotations come from the register"
        for r in item.replies:
            if not _has_reply(match.replies, r):
                r.pdf_name = claim(r.pdf_name)
                plan.replies.append((match.id, r))
        if item.status != "none" and item.status != match.status:
            plan.statuses.append((match.id, item.status))
        changes: dict[str, Any] = {}
        if by_nm and item.modified and item.modified > (match.modified or "") \
                and _words(item.contents) != _words(match.contents):
            changes["contents"] = item.contents
        if not match.pdf_name and item.pdf_name and item.pdf_name not in names_used:
            changes["pdf_name"] = item.pdf_name
            names_used.add(item.pdf_name)
        if changes:
            plan.updates.append((match.id, changes))
    return plan
