"""Reading text, lines and character boxes off an open PDFium text page.

Called on the PDFium thread only (see ``worker``). Reading boxes makes one call per character,
so the hot loops call PDFium through plain ctypes prototypes.
"""

from __future__ import annotations

import ctypes
from typing import Callable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .geometry import CharBox
from .page_text import LineSampler, PageText, SpanBounds, TextLine, real_box, union_of_real

# PDFium marks a hyphen it saw at a line end with U+FFFE; readers expect a hyphen.
_SOFT_HYPHEN_MARK = "\ufffe"


def read_text(textpage: pdfium.PdfTextPage) -> str:
    """The page's text, one character per PDFium character index."""
    count = textpage.count_chars()
    if count <= 0:
        return ""
    text = textpage.get_text_range(0, count)
    if len(text) != count:
        # Characters outside the BMP arrive as surrogate pairs; fall back to one call each so
        # that text and boxes stay aligned.
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 0xFFFD) for i in range(count))
    return text.replace(_SOFT_HYPHEN_MARK, "-").replace("\x00", " ")


_NO_BOX = (0.0, 0.0, 0.0, 0.0)
_Out4 = ctypes.c_double * 4


def _direct(fn: object, restype: type, *argtypes: type) -> Callable[..., int]:
    """``fn`` of pypdfium2's raw bindings called through a plain prototype: ints for
    pointers, and the GIL kept across the call. Reading boxes makes a call per character,
    and each returns at once, so converting arguments and handing the GIL back and forth
    cost more than the call itself (and slow the thread that builds lines meanwhile)."""
    proto = ctypes.PYFUNCTYPE(restype, *argtypes)
    return proto(ctypes.cast(fn, ctypes.c_void_p).value)


_vp, _int = ctypes.c_void_p, ctypes.c_int
_get_char_box = _direct(pdfium_c.FPDFText_GetCharBox, _int, _vp, _int, _vp, _vp, _vp, _vp)
_count_rects = _direct(pdfium_c.FPDFText_CountRects, _int, _vp, _int, _int)
_get_rect = _direct(pdfium_c.FPDFText_GetRect, _int, _vp, _int, _vp, _vp, _vp, _vp)


def _handle(textpage: pdfium.PdfTextPage) -> int:
    return ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0


def read_box_range(textpage: pdfium.PdfTextPage, start: int, end: int) -> list[CharBox]:
    """Boxes of characters ``start`` to ``end - 1`` (one PDFium call each)."""
    out = _Out4()  # left, right, bottom, top
    p = ctypes.addressof(out)
    get_box, tp = _get_char_box, _handle(textpage)
    boxes: list[CharBox] = []
    append = boxes.append
    for i in range(start, end):
        if get_box(tp, i, p, p + 8, p + 16, p + 24):
            append((out[0], out[2], out[1], out[3]))
        else:
            append(_NO_BOX)
    return boxes


def read_page_text(textpage: pdfium.PdfTextPage, index: int) -> PageText:
    text = read_text(textpage)
    return PageText(index, text, read_box_range(textpage, 0, len(text)))


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` (split at PDFium's ``\\r\\n``), whitespace
    trimmed; blank lines left out."""
    pos = 0
    for piece in text.split("\r\n"):
        stripped = piece.strip()
        if stripped:
            start = pos + piece.index(stripped[0])
            yield start, start + len(stripped)
        pos += len(piece) + 2


def _rects_union(tp: int, start: int, end: int, out: "ctypes.Array[ctypes.c_double]",
                 p: int) -> CharBox | None:
    """The union of PDFium's text rectangles over characters ``start`` to ``end - 1``: the
    union of their real boxes (see :func:`real_box`), characters PDFium generated left out."""
    get_rect = _get_rect
    p1, p2, p3 = p + 8, p + 16, p + 24
    bounds: CharBox | None = None
    for k in range(_count_rects(tp, start, end - start)):
        if not get_rect(tp, k, p, p1, p2, p3):  # left, top, right, bottom
            continue
        box = (out[0], out[3], out[2], out[1])
        if not real_box(box):
            continue  # PDFium reports an empty rectangle when no character has a box
        bounds = box if bounds is None else (
            min(bounds[0], box[0]), min(bounds[1], box[1]),
            max(bounds[2], box[2]), max(bounds[3], box[3]))
    return bounds


def read_span_bounds(textpage: pdfium.PdfTextPage, start: int, end: int) -> SpanBounds:
    """For characters ``start`` to ``end - 1``: the union of their real boxes, and the
    boxes of the first and the last (a few PDFium calls instead of one a character)."""
    tp = _handle(textpage)
    out = _Out4()
    p = ctypes.addressof(out)
    ends: list[CharBox] = []
    for i in (start, end - 1):
        if _get_char_box(tp, i, p, p + 8, p + 16, p + 24):  # left, right, bottom, top
            ends.append((out[0], out[2], out[1], out[3]))
        else:
            ends.append(_NO_BOX)
    return _rects_union(tp, start, end, out, p), ends[0], ends[1]


def read_lines(textpage: pdfium.PdfTextPage, text: str,
                sample: LineSampler | None) -> tuple[TextLine, ...]:
    """Every line's bounds from PDFium's text rectangles (a few calls a line instead of one a
    character) and the boxes of the characters ``sample`` picks."""
    tp = _handle(textpage)
    get_box = _get_char_box
    out = _Out4()
    p = ctypes.addressof(out)
    p1, p2, p3 = p + 8, p + 16, p + 24
    lines: list[TextLine] = []
    for start, end in _line_spans(text):
        bounds = _rects_union(tp, start, end, out, p)
        samples: list[tuple[int, CharBox]] = []
        if sample is not None and bounds is not None:
            for off in sample(text[start:end]):
                i = start + off
                if get_box(tp, i, p, p1, p2, p3):  # left, right, bottom, top
                    samples.append((i, (out[0], out[2], out[1], out[3])))
        lines.append(TextLine(start, end, bounds, tuple(samples)))
    return tuple(lines)


def lines_from_boxes(page_text: PageText, sample: LineSampler | None = None) -> tuple[TextLine, ...]:
    """The lines :func:`PaperDocument.page_lines` would give, computed from a page text whose
    boxes are at hand (same bounds rule as PDFium's text rectangles)."""
    if page_text.lines is not None:
        return page_text.lines
    text, boxes = page_text.text, page_text.boxes
    lines: list[TextLine] = []
    for start, end in _line_spans(text):
        bounds = union_of_real(boxes[start:end])
        samples: tuple[tuple[int, CharBox], ...] = ()
        if sample is not None and bounds is not None:
            samples = tuple((start + off, boxes[start + off]) for off in sample(text[start:end]))
        lines.append(TextLine(start, end, bounds, samples))
    return tuple(lines)

