"""Drawing one page with PDFium into pixels the caller keeps (on the PDFium thread only)."""

from __future__ import annotations

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


def render_page(raw_doc: pdfium.PdfDocument, index: int, scale: float,
                size: tuple[float, float], path: Path,
                hide_marks: bool) -> tuple[RenderedPage, int]:
    """Page ``index`` (of ``size`` points) drawn at ``scale``, and its clockwise turn in
    degrees (the page is loaded anyway). ``hide_marks``: leave its review comments out."""
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
        bitmap = page.render(scale=scale, prefer_bgrx=True, may_draw_forms=False,
                             bitmap_maker=pdfium.PdfBitmap.new_native)
        # The pixels live in a buffer Python allocated (pypdfium2's native bitmaps), so
        # closing the PDFium bitmap here, on its own thread, leaves them to us without a
        # copy: a copy of a full-page image costs about half as much as rendering it.
        data = memoryview(bitmap.buffer).cast("B")
        rendered = RenderedPage(index, scale, bitmap.width, bitmap.height, bitmap.stride, data)
        bitmap.close()
        return rendered, rotation
    finally:
        page.close()
