"""Drawing one page with PDFium into pixels the caller keeps (on the PDFium thread only)."""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from .errors import ResourceLimitError
from .review_marks import hide_review_marks

#: The most one rendered page may take (an A4 page at the viewer's greatest zoom on a
#: high-density screen takes about half of it).
RENDER_LIMIT = 1 << 30


@dataclass(frozen=True)
class RenderedPage:
    """A page rendered to 32-bit BGRX pixels (Qt's ``Format_RGB32`` on little-endian)."""

    index: int
    scale: float
    width: int
    height: int
    stride: int
    data: memoryview  # read-only use: bytes-like, len() is the byte count
    #: False: only the page's top ``height`` rows (``render_page(..., rows=)``), the pixels
    #: the whole page has there; ``data`` is then the whole page's buffer, drawn so far
    whole: bool = True


def render_page(raw_doc: pdfium.PdfDocument, index: int, scale: float,
                size: tuple[float, float], path: Path, hide_marks: bool,
                rows: int | None = None,
                rest_of: RenderedPage | None = None) -> tuple[RenderedPage, int]:
    """Page ``index`` (of ``size`` points) drawn at ``scale``, and its clockwise turn in
    degrees (the page is loaded anyway). ``hide_marks``: leave its review comments out.

    ``rows``: draw only the page's top ``rows`` pixel rows (what a window shows of a page
    first; PDFium skips what lies below), into pixels the size of the whole page; then
    ``rest_of=`` that part draws the rows below into the same pixels, and returns the whole
    page: the same pixels a whole render gives, none drawn twice, none copied."""
    width, height = size
    if round(width * scale) * round(height * scale) * 4 > RENDER_LIMIT:
        # A page a mile wide (or a zoom past sense) would take the computer's memory.
        raise ResourceLimitError(
            f"Page {index + 1} of “{path.name}” is too large to draw at this size "
            f"({width / 72:.0f} × {height / 72:.0f} inches).", str(path))
    page = raw_doc[index]
    try:
        rotation = int(page.get_rotation()) % 360
        if hide_marks:
            hide_review_marks(page)
        # Sized as pypdfium2 sizes a page; its crops are rounded up to whole pixels, so half
        # a pixel less cuts exactly the rows wanted off, and the page keeps its place.
        full_w = math.ceil(page.get_width() * scale)
        full_h = math.ceil(page.get_height() * scale)
        if rest_of is not None and rest_of.height < full_h:
            start, buffer = rest_of.height, rest_of.data.obj
            crop = (0, 0, 0, (start - 0.5) / scale)
        elif rest_of is None and rows is not None and 0 < rows < full_h:
            start, buffer = 0, (ctypes.c_ubyte * (full_w * 4 * full_h))()
            crop = (0, (full_h - rows - 0.5) / scale, 0, 0)
        else:
            start, buffer, crop = 0, None, (0, 0, 0, 0)
        maker = pdfium.PdfBitmap.new_native if buffer is None else _into(buffer, start, full_w * 4)
        bitmap = page.render(scale=scale, prefer_bgrx=True, may_draw_forms=False,
                             bitmap_maker=maker, crop=crop)
        # The pixels live in a buffer Python allocated (pypdfium2's native bitmaps), so
        # closing the PDFium bitmap here, on its own thread, leaves them to us without a
        # copy: a copy of a full-page image costs about half as much as rendering it.
        if buffer is None:
            data = memoryview(bitmap.buffer).cast("B")
            rendered = RenderedPage(index, scale, bitmap.width, bitmap.height, bitmap.stride,
                                    data)
        else:
            drawn = start + bitmap.height  # rows of the page in the buffer from its top
            rendered = RenderedPage(index, scale, bitmap.width, drawn, bitmap.stride,
                                    memoryview(buffer).cast("B"), whole=drawn >= full_h)
        bitmap.close()
        return rendered, rotation
    finally:
        page.close()


def _into(buffer: ctypes.Array, first_row: int, stride: int):
    """A bitmap maker for pypdfium2 that draws into ``buffer`` from row ``first_row``."""
    def make(width: int, height: int, format: int, rev_byteorder: bool = False) -> pdfium.PdfBitmap:
        view = (ctypes.c_ubyte * (height * stride)).from_buffer(buffer, first_row * stride)
        return pdfium.PdfBitmap.new_native(width, height, format, rev_byteorder,
                                           buffer=view, stride=stride)
    return make
