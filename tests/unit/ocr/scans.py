"""Scans made in the tests: a generated paper rendered to greyscale page images (slightly
turned, as a sheet lies on a scanner's glass), wrapped in an image-only PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from mopac_desk.pdf import worker

Smudge = Callable[[Image.Image, float, "pdfium.PdfPage"], None]


def _render_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    def run() -> list[Image.Image]:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                    for i in range(len(doc))]
        finally:
            doc.close()

    return worker.call(run)


def find_rect(pdf: Path, page: int, needle: str) -> tuple[float, float, float, float]:
    """(l, b, r, t) in points of the first ``needle`` on ``page`` of the typeset paper."""
    def run() -> tuple[float, float, float, float]:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            tp = doc[page].get_textpage()
            text = tp.get_text_range()
            i = text.index(needle)
            boxes = [tp.get_charbox(k) for k in range(i, i + len(needle))]
            return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                    max(b[2] for b in boxes), max(b[3] for b in boxes))
        finally:
            doc.close()

    return worker.call(run)


def make_scan(pdf: Path, out: Path, dpi: int = 200, lean: float = 0.6,
              smudges: dict[int, list[tuple[float, float, float, float]]] | None = None,
              turn: int = 0, pages: list[int] | None = None) -> Path:
    """Render ``pdf`` at ``dpi`` in grey, turn each page ``lean`` degrees (anticlockwise)
    and ``turn`` more (a quarter turn fed sideways), blot the given rectangles (page index ->
    PDF-point rects: a smudge over part of a figure), and save the images as a PDF (only
    ``pages``, 0-based, when given)."""
    images = _render_pages(pdf, dpi)
    scale = dpi / 72
    out_images = []
    for i, img in enumerate(images):
        draw = ImageDraw.Draw(img)
        for (l, b, r, t) in (smudges or {}).get(i, []):
            h = img.height
            draw.rectangle([l * scale, h - t * scale, r * scale, h - b * scale], fill=90)
        if lean:
            img = img.rotate(lean, resample=Image.Resampling.BICUBIC, expand=False,
                             fillcolor=255)
        if turn:
            img = img.rotate(turn, expand=True)
        if pages is None or i in pages:
            out_images.append(img)
    out_images[0].save(out, save_all=True, append_images=out_images[1:], resolution=dpi)
    return out


def leaned_centre(rect: tuple[float, float, float, float] | list[float], lean: float,
                  size: tuple[float, float] = (595.0, 842.0)) -> tuple[float, float]:
    """Where the centre of a typeset ``rect`` lies on a scan leaning ``lean`` degrees
    (anticlockwise, about the page's centre, as :func:`make_scan` turns it)."""
    import math

    a = math.radians(lean)
    cx, cy = size[0] / 2, size[1] / 2
    x, y = (rect[0] + rect[2]) / 2 - cx, (rect[1] + rect[3]) / 2 - cy
    return cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)


def near(rect, typeset_rect, lean: float, tolerance: float = 1.5) -> bool:
    """True when ``rect`` (on the scan) is centred where ``typeset_rect`` went, within
    ``tolerance`` points, and about as wide."""
    want = leaned_centre(typeset_rect, lean)
    got = ((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)
    same_width = abs((rect[2] - rect[0]) - (typeset_rect[2] - typeset_rect[0])) < 3.0
    return abs(got[0] - want[0]) < tolerance and abs(got[1] - want[1]) < tolerance and same_width
