"""Reading the scanned pages of an open paper: render each through the PDFium thread, recognise
it on the caller's thread, one page rendered ahead so the two overlap.

Call :func:`recognise_pages` (or :func:`ocr_page_texts`) from a worker thread, never from the
window's thread: a page takes about a second. ``cancel`` is asked between pages; a cancelled
read raises :class:`OcrCancelled` and leaves nothing behind.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .engine import OcrEngine, OcrPage, PageGeometry
from .text import OcrPageText, page_text

if TYPE_CHECKING:
    from PIL.Image import Image

    from ..pdf import PaperDocument, RenderedPage

DPI = 300  # reads 9-pt type; 200 dpi misread small print on the test scans
Progress = Callable[[int, int], None]  # (pages done, pages to do)
Cancel = Callable[[], bool]


class OcrCancelled(Exception):
    """Recognition was cancelled before it finished."""


def image_only_pages(doc: "PaperDocument") -> list[int]:
    """0-based indices of the pages with no visible character (scanned pages)."""
    if doc.page_count == 0:
        return []
    try:
        texts = doc.pages_lines_async(0, doc.page_count).result()
    finally:
        doc.release_text_pages()
    return [pt.index for pt in texts if not pt.text.strip()]


def to_image(rendered: "RenderedPage") -> "Image":
    """A rendered page (BGRX) as a greyscale PIL image, the form tesseract reads fastest.

    The grey is the green channel, taken from the render's own pixels without a copy: exact
    for a grey scan, and near enough to luminance for a colour one; it costs a quarter of
    unpacking BGRX and weighing the three channels (36 ms against 130-200 ms a page)."""
    from PIL import Image as PILImage

    pixels = PILImage.frombuffer("RGBA", (rendered.width, rendered.height), rendered.data,
                                 "raw", "RGBA", rendered.stride, 1)
    return pixels.getchannel("G")


def geometry(doc: "PaperDocument", index: int, dpi: int = DPI) -> PageGeometry:
    """How the pixels of ``doc``'s page ``index`` rendered at ``dpi`` map to its points."""
    width, height = doc.page_size(index)
    return PageGeometry(width, height, doc.page_rotation(index), dpi / 72)


def recognise_pages(doc: "PaperDocument", pages: Sequence[int] | None = None, *,
                    progress: Progress | None = None, cancel: Cancel | None = None,
                    engine: OcrEngine | None = None, dpi: int = DPI) -> list[OcrPage]:
    """OCR the given pages of ``doc`` (default: its image-only pages), in order.

    Raises :class:`~mopac_desk.ocr.engine.OcrUnavailableError` when the engine cannot load
    and :class:`OcrCancelled` when ``cancel()`` turns true.
    """
    todo = list(image_only_pages(doc) if pages is None else pages)
    own = engine is None
    eng = OcrEngine(dpi) if engine is None else engine
    try:
        return list(_recognise(doc, todo, eng, dpi, progress, cancel))
    finally:
        if own:
            eng.close()


def _recognise(doc: "PaperDocument", todo: list[int], engine: OcrEngine, dpi: int,
               progress: Progress | None, cancel: Cancel | None) -> Iterable[OcrPage]:
    scale = dpi / 72
    ahead: Future[RenderedPage] | None = doc.render_async(todo[0], scale) if todo else None
    if progress:
        progress(0, len(todo))
    for n, index in enumerate(todo):
        if cancel is not None and cancel():
            raise OcrCancelled()
        assert ahead is not None
        rendered = ahead.result()
        # The next page renders on the PDFium thread while this one is read here.
        ahead = doc.render_async(todo[n + 1], scale) if n + 1 < len(todo) else None
        image = to_image(rendered)
        del rendered
        yield engine.recognise(image, geometry(doc, index, dpi), index)
        if progress:
            progress(n + 1, len(todo))
    if cancel is not None and cancel():
        raise OcrCancelled()


def ocr_page_texts(doc: "PaperDocument", pages: Sequence[int] | None = None, *,
                   progress: Progress | None = None,
                   cancel: Cancel | None = None) -> dict[int, OcrPageText]:
    """Page texts read by OCR for ``doc``'s image-only pages (or ``pages``), by 0-based page
    index: what a reader of the paper uses in place of those pages' empty text layer.

    Empty when every page has text. Raises ``OcrUnavailableError`` / :class:`OcrCancelled`.
    """
    todo = image_only_pages(doc) if pages is None else list(pages)
    if not todo:
        return {}
    return {p.index: page_text(p)
            for p in recognise_pages(doc, todo, progress=progress, cancel=cancel)}
