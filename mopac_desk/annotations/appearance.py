"""Appearance streams (``/AP /N``) for exported annotations, as content-stream bytes.

Every exported annotation carries its own drawing: readers that do not draw annotations
themselves (macOS Preview, older pdf.js, printers' drivers) show nothing for one without it.
Each form's ``/BBox`` is the annotation's ``/Rect`` in page space, so the drawing uses page
coordinates with no matrix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from .model import Annotation, Rect

#: a highlight's fill is multiplied over the page (text stays black) and part-transparent, so
#: a reader that ignores the blend mode still shows the words under it
HIGHLIGHT_OPACITY = 0.4
NOTE_SIZE = 20.0
LINE_WIDTH = 1.5
TEXT_SIZE = 10.0
_HELVETICA_EM = 0.52  # Helvetica's mean advance, in ems: wraps a text box's lines


@dataclass
class Drawing:
    """A form XObject: where it is (``bbox``, also the annotation's rect), what it draws, and
    the resources it needs (plain data the writers turn into PDF objects)."""

    bbox: Rect
    content: bytes
    resources: dict[str, Any] = field(default_factory=dict)


def _n(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def rgb(colour: str) -> tuple[float, float, float]:
    """``#rrggbb`` as three 0..1 components."""
    c = colour.lstrip("#")
    return (int(c[0:2], 16) / 255, int(c[2:4], 16) / 255, int(c[4:6], 16) / 255)


def _rg(colour: str, op: str) -> str:
    return " ".join(_n(v) for v in rgb(colour)) + f" {op}"


def _pad(rect: Sequence[float], by: float) -> Rect:
    x0, y0, x1, y1 = rect
    return [x0 - by, y0 - by, x1 + by, y1 + by]


def union(rects: Sequence[Sequence[float]]) -> Rect:
    return [min(r[0] for r in rects), min(r[1] for r in rects),
            max(r[2] for r in rects), max(r[3] for r in rects)]


def note_rect(a: Annotation) -> Rect:
    """A sticky note's icon: its rect, or a 20-point square hanging from its point."""
    x0, y0, x1, y1 = a.rects[0]
    if x1 - x0 >= 4 and y1 - y0 >= 4:
        return [x0, y0, x1, y1]
    return [x0, y1 - NOTE_SIZE, x0 + NOTE_SIZE, y1]


def caret_rect(a: Annotation) -> Rect:
    x0, y0, x1, y1 = a.rects[0]
    if x1 - x0 >= 3 and y1 - y0 >= 3:
        return [x0, y0, x1, y1]
    return [x0 - 5, y0 - 2, x0 + 5, y0 + 8]


def markup(a: Annotation) -> Drawing:
    """Highlight (multiplied fill), underline or strike-out over each text rectangle."""
    bbox = _pad(union(a.rects), 1.0)
    ops: list[str] = ["q"]
    resources: dict[str, Any] = {}
    if a.kind == "highlight":
        resources = {"/ExtGState": {"/GS0": {
            "/Type": "/ExtGState", "/BM": "/Multiply",
            "/ca": HIGHLIGHT_OPACITY, "/CA": HIGHLIGHT_OPACITY}}}
        ops += ["/GS0 gs", _rg(a.colour, "rg")]
        ops += [f"{_n(x0)} {_n(y0)} {_n(x1 - x0)} {_n(y1 - y0)} re" for x0, y0, x1, y1 in a.rects]
        ops.append("f")
    else:
        ops.append(_rg(a.colour, "RG"))
        for x0, y0, x1, y1 in a.rects:
            h = y1 - y0
            width = max(0.75, h * 0.07)
            y = y0 + width if a.kind == "underline" else y0 + h * 0.45
            ops += [f"{_n(width)} w", f"{_n(x0)} {_n(y)} m {_n(x1)} {_n(y)} l S"]
    ops.append("Q")
    return Drawing(bbox, "\n".join(ops).encode("ascii"), resources)


def note(a: Annotation) -> Drawing:
    """A speech-bubble icon in the note's colour."""
    x0, y0, x1, y1 = rect = note_rect(a)
    w, h = x1 - x0, y1 - y0
    tail = y0 + h * 0.25
    ops = ["q", _rg(a.colour, "rg"), "0.25 0.25 0.25 RG", "0.8 w",
           f"{_n(x0 + 0.5)} {_n(tail)} {_n(w - 1)} {_n(y1 - 0.5 - tail)} re B",
           f"{_n(x0 + w * 0.25)} {_n(tail)} m {_n(x0 + w * 0.2)} {_n(y0 + 0.5)} l "
           f"{_n(x0 + w * 0.5)} {_n(tail)} l b",
           "0.25 0.25 0.25 RG 0.8 w"]
    for k in (0.45, 0.62, 0.79):
        y = y0 + h * k
        ops.append(f"{_n(x0 + w * 0.2)} {_n(y)} m {_n(x1 - w * 0.2)} {_n(y)} l S")
    ops.append("Q")
    return Drawing(rect, "\n".join(ops).encode("ascii"))


def area(a: Annotation) -> Drawing:
    """A rectangle's outline (the rect is the outline's middle line)."""
    x0, y0, x1, y1 = a.rects[0]
    ops = ["q", _rg(a.colour, "RG"), f"{_n(LINE_WIDTH)} w",
           f"{_n(x0)} {_n(y0)} {_n(x1 - x0)} {_n(y1 - y0)} re S", "Q"]
    return Drawing(_pad(a.rects[0], LINE_WIDTH / 2), "\n".join(ops).encode("ascii"))


def caret(a: Annotation) -> Drawing:
    """An insertion mark: a filled caret."""
    x0, y0, x1, y1 = rect = caret_rect(a)
    ops = ["q", _rg(a.colour, "rg"),
           f"{_n(x0)} {_n(y0)} m {_n((x0 + x1) / 2)} {_n(y1)} l {_n(x1)} {_n(y0)} l "
           f"{_n((x0 + x1) / 2)} {_n(y0 + (y1 - y0) * 0.3)} l f", "Q"]
    return Drawing(rect, "\n".join(ops).encode("ascii"))


def ink(a: Annotation) -> Drawing:
    """The pen strokes, round-capped."""
    points = [p for path in a.ink for p in path]
    bbox = _pad([min(p[0] for p in points), min(p[1] for p in points),
                 max(p[0] for p in points), max(p[1] for p in points)], LINE_WIDTH)
    ops = ["q", _rg(a.colour, "RG"), f"{_n(LINE_WIDTH)} w", "1 J 1 j"]
    for path in a.ink:
        (sx, sy), rest = path[0], path[1:] or [path[0]]
        ops.append(f"{_n(sx)} {_n(sy)} m " + " ".join(f"{_n(x)} {_n(y)} l" for x, y in rest)
                   + " S")
    ops.append("Q")
    return Drawing(bbox, "\n".join(ops).encode("ascii"))


HELVETICA = {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica",
             "/Encoding": "/WinAnsiEncoding"}


def pdf_literal(text: str) -> bytes:
    """``text`` as a PDF literal string in WinAnsi (what /Helvetica shows), escaped."""
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def wrap(text: str, width: float, size: float = TEXT_SIZE) -> list[str]:
    """``text`` broken into lines that fit ``width`` points of Helvetica at ``size``."""
    per_line = max(1, int(width / (size * _HELVETICA_EM)))
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            while len(word) > per_line:
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:per_line])
                word = word[per_line:]
            candidate = f"{line} {word}" if line else word
            if len(candidate) > per_line:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def textbox(a: Annotation) -> Drawing:
    """A white box with an outline in the annotation's colour and its words in Helvetica."""
    x0, y0, x1, y1 = a.rects[0]
    ops = [b"q 1 1 1 rg", _rg(a.colour, "RG").encode(), b"1 w",
           f"{_n(x0 + 0.5)} {_n(y0 + 0.5)} {_n(x1 - x0 - 1)} {_n(y1 - y0 - 1)} re B".encode(),
           f"{_n(x0 + 1)} {_n(y0 + 1)} {_n(x1 - x0 - 2)} {_n(y1 - y0 - 2)} re W n".encode(),
           b"BT 0 g", f"/Helv {_n(TEXT_SIZE)} Tf {_n(TEXT_SIZE * 1.2)} TL".encode(),
           f"{_n(x0 + 3)} {_n(y1 - 3 - TEXT_SIZE)} Td".encode()]
    for i, line in enumerate(wrap(a.contents, x1 - x0 - 6)):
        ops.append((b"T* " if i else b"") + pdf_literal(line) + b" Tj")
    ops += [b"ET", b"Q"]
    return Drawing([x0, y0, x1, y1], b"\n".join(ops), {"/Font": {"/Helv": HELVETICA}})


def empty(rect: Sequence[float]) -> Drawing:
    """Nothing drawn: replies and review states live in their comment's thread, not on the
    page, and an explicit empty drawing keeps readers from drawing an icon of their own."""
    return Drawing(list(rect), b"")


def drawing(a: Annotation) -> Drawing:
    """The appearance of ``a`` (by kind)."""
    if a.kind in ("highlight", "underline", "strikeout"):
        return markup(a)
    return {"note": note, "area": area, "insert": caret, "ink": ink,
            "textbox": textbox}[a.kind](a)
