"""Reviewers' annotations as plain data: what the register keeps and the PDF round trip moves.

Coordinates are PDF points in the page's own (unturned) space, origin bottom-left, as PDFium
and the PDF file give them; ``page`` is the 1-based page of the document's file.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

KINDS: tuple[str, ...] = (
    "highlight", "underline", "strikeout", "note", "area", "textbox", "insert", "ink",
)
#: kinds drawn over text, whose quote is the text under them
TEXT_MARKUP: frozenset[str] = frozenset({"highlight", "underline", "strikeout"})
#: Acrobat's Review state model, in the order a reviewer meets them
STATUSES: tuple[str, ...] = ("none", "accepted", "rejected", "cancelled", "completed")
#: the palette offered to reviewers (Acrobat's and pdf.js's usual highlight colours)
PALETTE: dict[str, str] = {
    "yellow": "#ffd54f", "green": "#81c784", "blue": "#64b5f6", "pink": "#f06292",
    "orange": "#ffb74d", "red": "#e53935", "purple": "#9575cd",
}
DEFAULT_COLOUR = PALETTE["yellow"]

Rect = list[float]        # [x0, y0, x1, y1], x0 <= x1, y0 <= y1
Path = list[list[float]]  # [[x, y], ...]

_COLOUR = re.compile(r"^#[0-9a-f]{6}$")


def now_iso() -> str:
    """The current time as the register writes it (UTC, seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_pdf_name() -> str:
    """A unique annotation name (``/NM``), so a re-import of an exported file matches."""
    return f"mopac-{uuid.uuid4()}"


def normal_colour(colour: str | None) -> str:
    """``colour`` as ``#rrggbb`` (lower case), the default yellow when it is not one."""
    if colour:
        c = colour.strip().lower()
        if len(c) == 4 and c.startswith("#"):
            c = "#" + "".join(ch * 2 for ch in c[1:])
        if _COLOUR.match(c):
            return c
    return DEFAULT_COLOUR


@dataclass
class Reply:
    """One reply in an annotation's thread (a ``/Text`` annotation ``/IRT`` its parent)."""

    author: str = ""
    contents: str = ""
    created: str = ""
    modified: str = ""
    pdf_name: str | None = None
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Annotation:
    """A reviewer's comment on a page: its kind, where it is, what it says, its thread."""

    kind: str
    page: int
    rects: list[Rect] = field(default_factory=list)
    contents: str = ""
    quote: str = ""
    author: str = ""
    created: str = ""
    modified: str = ""
    colour: str = DEFAULT_COLOUR
    status: str = "none"
    tags: list[str] = field(default_factory=list)
    private: bool = False
    pdf_name: str | None = None
    replies: list[Reply] = field(default_factory=list)
    #: ink strokes (kind "ink"): each a list of points
    ink: list[Path] = field(default_factory=list)
    id: int | None = None
    paper_id: int | None = None
    document_id: int | None = None
    #: "register" (made in the app) or "imported" (read from a PDF)
    origin: str = "register"
    #: True when a new version of the paper came in and this comment's words could not be
    #: found on it: it stays on the old document until a reviewer places it again
    needs_anchor: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"'{self.kind}' is not a kind of annotation; use one of: "
                             + ", ".join(KINDS) + ".")
        if self.status not in STATUSES:
            raise ValueError(f"'{self.status}' is not a review status; use one of: "
                             + ", ".join(STATUSES) + ".")
        if self.page < 1:
            raise ValueError("An annotation's page is counted from 1.")
        self.colour = normal_colour(self.colour)
        self.rects = [normal_rect(r) for r in self.rects]

    @property
    def bounds(self) -> Rect | None:
        """The rectangle around every rect and ink point (None when it has neither)."""
        xs: list[float] = []
        ys: list[float] = []
        for x0, y0, x1, y1 in self.rects:
            xs += [x0, x1]
            ys += [y0, y1]
        for path in self.ink:
            for x, y in path:
                xs.append(x)
                ys.append(y)
        if not xs:
            return None
        return [min(xs), min(ys), max(xs), max(ys)]

    def to_dict(self) -> dict[str, Any]:
        """The annotation as JSON-ready data (``type`` is its kind, as the command prints)."""
        data = asdict(self)
        data["type"] = self.kind
        return data


def normal_rect(rect: Any) -> Rect:
    """``[x0, y0, x1, y1]`` with the corners in order, rounded to a hundredth of a point."""
    x0, y0, x1, y1 = (float(v) for v in rect)
    return [round(min(x0, x1), 2), round(min(y0, y1), 2),
            round(max(x0, x1), 2), round(max(y0, y1), 2)]
