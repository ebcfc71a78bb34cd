"""PaperDocument: a PDF opened for viewing and extraction, Qt-free.

Every PDFium call runs on the single PDFium thread (see ``worker``); the objects handed back
(``RenderedPage``, ``PageText``, ``Hit``) are plain data that any thread may read.
Coordinates are PDF points with the origin at the page's bottom-left, as PDFium reports them.
"""

from __future__ import annotations

import os
import re
import weakref
from collections import OrderedDict
from concurrent.futures import Future
from pathlib import Path
from typing import Iterator, Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from . import worker
from .errors import DamagedPdfError, NoTextLayerError, PaperError, ResourceLimitError
from .geometry import CharBox, Hit
from .opening import check_file, open_raw
from .opening import page_sizes as read_page_sizes
from .page_text import LineSampler, PageText, SpanBounds
from .preflight import RestCheck, preflight
from .rendering import RenderedPage, render_page
from .text_reader import (lines_from_boxes, read_box_range, read_lines, read_page_text,
                          read_span_bounds, read_text)

_TEXT_CACHE_PAGES = 64
# About a third of a megabyte each: enough for a 300-page meeting pack's extraction.
_OPEN_TEXT_PAGES = 400


def _phrase_pattern(query: str, match_case: bool) -> re.Pattern[str] | None:
    words = query.split()
    if not words:
        return None
    # Words may be split by a line break, several spaces or a hyphen the PDF broke at.
    body = r"[\s\-]+".join(re.escape(w) for w in words)
    return re.compile(body, 0 if match_case else re.IGNORECASE)


class PaperDocument:
    """A PDF paper, opened once; safe to use from any thread (calls go to the PDFium thread)."""

    def __init__(self, path: Path, raw_doc: pdfium.PdfDocument, sizes: list[tuple[float, float]],
                 page_count: int | None = None):
        self.path = path
        self._doc = raw_doc
        # Opened with ``check_later``: page 1's size only, the others read on first use
        # (the whole list is replaced at once, on the PDFium thread).
        self._sizes = sizes
        self._count = len(sizes) if page_count is None else page_count
        self._texts: "OrderedDict[int, PageText]" = OrderedDict()
        self._has_text: bool | None = None
        self._rotations: dict[int, int] = {}
        # /Annots entries of each page opened for its text (PDFium thread; see annotation_count)
        self._annot_counts: dict[int, int] = {}
        self._closed = False
        # Pages (and their text pages) kept open for page texts whose boxes load on demand;
        # touched on the PDFium thread only.
        self._open_text: "OrderedDict[int, tuple[pdfium.PdfPage, pdfium.PdfTextPage]]" = OrderedDict()
        self._lazy_texts: "weakref.WeakSet[PageText]" = weakref.WeakSet()
        #: the password this paper was opened with (kept in memory only), so that the same
        #: file can be read again, e.g. imported into the register, without asking twice
        self.password: str | None = None
        #: the file's structure (cross-reference table, trailer) was damaged and PDFium
        #: repaired it on opening: what it shows should be checked against the original
        self.repaired = False
        #: False: pages render without the file's own review comments (highlights, notes,
        #: boxes…), for a viewer that draws the register's copies of them itself; form
        #: fields, stamps and signatures still show. Set it before the first render.
        self.review_annotations = True
        self._marks_hidden: set[int] = set()
        # Opened with ``check_later``: the stream check of every page but the first, run on
        # the PDFium thread before PDFium reads anything else (see _whole_file_checked).
        self._rest_check: RestCheck | None = None
        self._refusal: PaperError | None = None
        self._rest_checked: "Future[None]" = Future()
        self._rest_checked.set_running_or_notify_cancel()

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], password: str | None = None, *,
             review_annotations: bool = True, check_later: bool = False) -> "PaperDocument":
        """Open ``path``; raises a :class:`PaperError` subclass with a clerk-ready message
        (:class:`ResourceLimitError` for a file that would cost more memory than a paper may).
        ``review_annotations=False``: renders leave out the file's own review comments (see
        :attr:`review_annotations`).

        ``check_later`` (for a viewer that wants page 1 at once): only what opening and
        drawing page 1 reads is measured now; the rest of the file is measured on the PDFium
        thread before PDFium reads any other page (or on :meth:`check_rest_async`), and a
        file refused then raises :class:`ResourceLimitError` from every later call;
        :attr:`rest_checked` resolves with that outcome. The other pages' sizes are read
        after page 1 too (:attr:`sizes_read`).
        """
        p = Path(path)
        check_file(p)
        # qpdf, not PDFium: it may run on the caller's thread.
        checked = preflight(p, password, first_page_only=check_later)

        def _open() -> PaperDocument:
            try:
                raw_doc = open_raw(p, password, checked.encrypted, checked.pages)
                try:
                    n = len(raw_doc)
                    if n == 0:
                        raise DamagedPdfError(
                            f"“{p.name}” has no pages: it is damaged or incomplete.", str(p)
                        )
                    # First page first: the others' sizes (2 ms at 300 pages) come after it.
                    sizes = read_page_sizes(raw_doc, 1 if check_later else n, p)
                except BaseException:
                    raw_doc.close()
                    raise
            except BaseException:
                if checked.rest is not None:
                    checked.rest.close()
                raise
            doc = cls(p, raw_doc, sizes, n)
            doc.password = password
            doc.repaired = checked.repaired
            doc.review_annotations = review_annotations
            if checked.rest is None:
                doc._rest_checked.set_result(None)
            doc._rest_check = checked.rest
            return doc

        return worker.call(_open)

    @property
    def rest_checked(self) -> "Future[None]":
        """Resolves once every stream of the file has been measured: None, or the
        :class:`ResourceLimitError` that refuses the file (only ``check_later`` opens wait;
        also :class:`DamagedPdfError` when a page's size cannot be read). :attr:`repaired`
        may turn True just before it resolves: the rest of the page tree is read then."""
        return self._rest_checked

    def check_rest_async(self) -> "Future[None]":
        """Queue the check ``check_later`` left (nothing when done); see :attr:`rest_checked`."""
        return worker.submit(self._whole_file_checked)

    @property
    def closed(self) -> bool:
        return self._closed

    def _whole_file_checked(self) -> None:
        """On the PDFium thread, before it reads past page 1 of a ``check_later`` open."""
        check, self._rest_check = self._rest_check, None
        if check is not None:
            try:
                if check.run():
                    self.repaired = True  # damage found past page 1 (see rest_checked)
                self._read_sizes()  # as opening would have, had it not put page 1 first
            except (ResourceLimitError, DamagedPdfError) as exc:
                self._refuse(exc)
            except BaseException:  # qpdf could not read on: PDFium is the judge
                self._rest_checked.set_result(None)
            else:
                self._rest_checked.set_result(None)
        if self._refusal is not None:
            raise type(self._refusal)(str(self._refusal), str(self.path))

    def _refuse(self, exc: PaperError) -> None:
        self._refusal = exc
        if not self._rest_checked.done():
            self._rest_checked.set_exception(exc)

    def _require_page(self, index: int) -> None:
        """Open, and (past page 1) the whole file checked."""
        self._require_open()
        self._require_checked(index)

    def _require_checked(self, index: int) -> None:
        if index != 0 and (self._rest_check is not None or self._refusal is not None):
            self._whole_file_checked()

    def close(self, keep_boxes: bool = True) -> None:
        """Close the PDF. Page texts from :meth:`page_lines` still in use get their
        character boxes now (``keep_boxes``), or else keep text and lines only: a box asked
        for later raises :class:`PaperError` (reading them all costs as much as extraction)."""
        if self._closed:
            return
        self._closed = True
        worker.call(self._close_raw, keep_boxes)
        if not self._rest_checked.done():
            self._rest_checked.set_result(None)  # nothing can be read now

    def _close_raw(self, keep_boxes: bool = True) -> None:
        # Lines read from this document may outlive it (kept by a caller): they get their
        # boxes now, while PDFium can still read them.
        for pt in list(self._lazy_texts) if keep_boxes else ():
            if not pt.boxes_loaded:
                pt._boxes = self._load_boxes(pt.index, 0, len(pt.text))
        self._release_text_pages()
        self._doc.close()
        check, self._rest_check = self._rest_check, None
        if check is not None:
            check.close()

    def __enter__(self) -> "PaperDocument":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- geometry ------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self._count

    @property
    def page_sizes(self) -> Sequence[tuple[float, float]]:
        """(width, height) of every page in points (read now if :attr:`sizes_read` is False:
        a wait for the PDFium thread)."""
        if not self.sizes_read:
            return worker.call(self._read_sizes)
        return tuple(self._sizes)

    def page_size(self, index: int) -> tuple[float, float]:
        sizes = self._sizes
        if 0 <= index < len(sizes):
            return sizes[index]
        return self.page_sizes[index]

    @property
    def annotation_count(self) -> int | None:
        """How many annotations (``/Annots`` entries: links, form fields and comments alike)
        the pages hold, counted as their text was read; None until every page's text has been
        read. Zero spares the annotation reader opening the file again (most papers)."""
        counts = dict(self._annot_counts)  # (filled on the PDFium thread)
        return sum(counts.values()) if len(counts) == self._count else None

    @property
    def sizes_read(self) -> bool:
        """False until the sizes of pages past the first have been read (``check_later``
        opens read page 1's alone; see :meth:`read_sizes_async`)."""
        return len(self._sizes) == self._count

    def read_sizes_async(self) -> "Future[tuple[tuple[float, float], ...]]":
        """:attr:`page_sizes`, read on the PDFium thread (at once when read already)."""
        if self.sizes_read:
            done: "Future[tuple[tuple[float, float], ...]]" = Future()
            done.set_result(tuple(self._sizes))
            return done
        return worker.submit(self._read_sizes)

    def _read_sizes(self) -> tuple[tuple[float, float], ...]:
        if not self.sizes_read:
            self._require_open()
            if self._refusal is not None:
                raise type(self._refusal)(str(self._refusal), str(self.path))
            try:
                self._sizes = read_page_sizes(self._doc, self._count, self.path)
            except DamagedPdfError as exc:  # as opening would have said without check_later
                self._refuse(exc)
                raise
        return tuple(self._sizes)

    def page_rotation(self, index: int) -> int:
        """Clockwise degrees (0, 90, 180 or 270) the page is turned for display.

        ``page_sizes`` and renders show the page turned; character boxes, search rectangles
        and extraction rects stay in the unturned page space, as PDFium reports them, so a
        viewer turns them by this angle to place them on the rendered page.
        """
        rotation = self._rotations.get(index)
        if rotation is None:
            rotation = worker.call(self._read_rotation, index)
            self._rotations[index] = rotation
        return rotation

    def _read_rotation(self, index: int) -> int:
        self._require_page(index)  # loading a page parses its drawing: checked first
        page = self._doc[index]
        try:
            return int(page.get_rotation()) % 360
        finally:
            page.close()

    def _require_open(self) -> None:
        # Renders and searches queued before a close still reach the PDFium thread; touching
        # a closed PDFium document would crash the process, so they fail cleanly instead.
        if self._closed:
            raise PaperError(f"“{self.path.name}” has been closed.", str(self.path))

    # -- rendering -----------------------------------------------------------------------
    def _render(self, index: int, scale: float, rows: int | None = None,
                rest_of: RenderedPage | None = None) -> RenderedPage:
        self._require_page(index)
        hide = not self.review_annotations and index not in self._marks_hidden
        rendered, rotation = render_page(self._doc, index, scale, self.page_size(index),
                                         self.path, hide, rows, rest_of)
        if hide:
            self._marks_hidden.add(index)
        self._rotations.setdefault(index, rotation)
        return rendered

    def render(self, index: int, scale: float = 1.0, rows: int | None = None) -> RenderedPage:
        """Render page ``index`` at ``scale`` (1.0 = 72 dpi) and wait for it; ``rows``: only
        its top rows (:func:`~mopac_desk.pdf.rendering.render_page`)."""
        return worker.call(self._render, index, scale, rows)

    def render_async(self, index: int, scale: float = 1.0,
                     rows: int | None = None) -> "Future[RenderedPage]":
        """Queue a render on the PDFium thread; the future resolves off the caller's thread."""
        return worker.submit(self._render, index, scale, rows)

    def render_rest_async(self, part: RenderedPage) -> "Future[RenderedPage]":
        """Queue the rest of a page drawn with ``rows`` (into the same pixels); resolves with
        the whole page."""
        return worker.submit(self._render, part.index, part.scale, None, part)

    # -- text ----------------------------------------------------------------------------
    def _page_text(self, index: int) -> PageText:
        cached = self._texts.get(index)
        if cached is not None:
            self._texts.move_to_end(index)
            return cached
        self._require_page(index)
        page = self._doc[index]
        try:
            self._rotations.setdefault(index, int(page.get_rotation()) % 360)
            self._annot_counts[index] = raw.FPDFPage_GetAnnotCount(page.raw)
            textpage = page.get_textpage()
            try:
                result = read_page_text(textpage, index)
            finally:
                textpage.close()
        finally:
            page.close()
        self._texts[index] = result
        if len(self._texts) > _TEXT_CACHE_PAGES:
            self._texts.popitem(last=False)
        return result

    def page_text(self, index: int) -> PageText:
        """Text of page ``index`` with a box for every character."""
        return worker.call(self._page_text, index)

    def page_texts(self) -> Iterator[PageText]:
        for i in range(self.page_count):
            yield self.page_text(i)

    def page_lines(self, index: int, sample: LineSampler | None = None) -> PageText:
        """Text of page ``index`` with its lines (:class:`TextLine`), the boxes that ``sample``
        picks, and every other character's box left unread until asked for.

        Much cheaper than :meth:`page_text` (a few PDFium calls a line instead of one a
        character). The page stays open for those later reads until
        :meth:`release_text_pages` or :meth:`close`.
        """
        return worker.call(self._page_lines, index, sample)

    def page_lines_async(self, index: int, sample: LineSampler | None = None) -> "Future[PageText]":
        """:meth:`page_lines` queued on the PDFium thread (callers may read ahead with it)."""
        return worker.submit(self._page_lines, index, sample)

    def pages_lines_async(self, start: int, stop: int,
                          sample: LineSampler | None = None) -> "Future[list[PageText]]":
        """:meth:`page_lines` of pages ``start`` to ``stop - 1`` in one job on the PDFium
        thread (each trip to that thread costs as much as reading a hundred boxes)."""
        return worker.submit(lambda: [self._page_lines(i, sample) for i in range(start, stop)])

    def _page_lines(self, index: int, sample: LineSampler | None) -> PageText:
        self._require_page(index)
        cached = self._texts.get(index)
        if cached is not None and cached.boxes_loaded:
            return PageText(index, cached.text, cached.boxes, lines_from_boxes(cached, sample))
        textpage = self._text_page(index)
        text = read_text(textpage)
        if self._has_text is None and text[:400].strip():
            self._has_text = True  # read anyway: spares has_text_layer its own pass
        result = PageText(index, text, None, read_lines(textpage, text, sample), self)
        self._lazy_texts.add(result)
        return result

    def _text_page(self, index: int) -> pdfium.PdfTextPage:
        """The open text page of page ``index`` (opened, and kept open, on first use)."""
        held = self._open_text.get(index)
        if held is not None:
            self._open_text.move_to_end(index)
            return held[1]
        self._require_checked(index)  # not _require_open: close() reads boxes here too
        page = self._doc[index]
        self._rotations.setdefault(index, int(page.get_rotation()) % 360)
        self._annot_counts[index] = raw.FPDFPage_GetAnnotCount(page.raw)
        textpage = page.get_textpage()
        self._open_text[index] = (page, textpage)
        if len(self._open_text) > _OPEN_TEXT_PAGES:
            _, (old_page, old_textpage) = self._open_text.popitem(last=False)
            old_textpage.close()
            old_page.close()
        return textpage

    def _read_boxes(self, index: int, start: int, end: int) -> list[CharBox]:
        return worker.call(self._checked_boxes, index, start, end)

    def _checked_boxes(self, index: int, start: int, end: int) -> list[CharBox]:
        self._require_open()
        return self._load_boxes(index, start, end)

    def _checked_box_spans(self, spans: list[tuple[int, int, int]]) -> list[list[CharBox]]:
        self._require_open()
        return [self._load_boxes(i, s, e) for i, s, e in spans]

    def _read_span_bounds(self, index: int, start: int, end: int) -> SpanBounds:
        return worker.call(self._checked_bound_spans, [(index, start, end)])[0]

    def _checked_bound_spans(self, spans: list[tuple[int, int, int]]) -> list[SpanBounds]:
        self._require_open()
        return [read_span_bounds(self._text_page(i), s, e) for i, s, e in spans]

    def _load_boxes(self, index: int, start: int, end: int) -> list[CharBox]:
        return read_box_range(self._text_page(index), start, end)

    def release_text_pages(self) -> None:
        """Close the pages :meth:`page_lines` kept open (boxes read later reopen them)."""
        if not self._closed:
            worker.call(self._release_text_pages)

    def _release_text_pages(self) -> None:
        while self._open_text:
            _, (page, textpage) = self._open_text.popitem()
            textpage.close()
            page.close()

    def text(self, index: int) -> str:
        """Plain text of page ``index`` (lines separated by ``\\n``)."""
        return self.page_text(index).text.replace("\r\n", "\n")

    @property
    def has_text_layer(self) -> bool:
        """False for image-only papers (scans): no page has any visible character."""
        if self._has_text is None:
            self._has_text = worker.call(self._scan_text_layer)
        return self._has_text

    def _scan_text_layer(self) -> bool:
        self._require_open()
        for i in range(self.page_count):
            self._require_page(i)
            page = self._doc[i]
            try:
                textpage = page.get_textpage()
                try:
                    n = textpage.count_chars()
                    if n > 0 and textpage.get_text_range(0, min(n, 400)).strip():
                        return True
                finally:
                    textpage.close()
            finally:
                page.close()
        return False

    def require_text_layer(self) -> None:
        """Raise :class:`NoTextLayerError` for an image-only paper."""
        if not self.has_text_layer:
            raise NoTextLayerError(
                f"“{self.path.name}” has no text layer (it looks like a scan), "
                "so its fields cannot be extracted. It can still be viewed.",
                str(self.path),
            )

    def find(self, query: str, match_case: bool = False) -> list[Hit]:
        """Every occurrence of ``query`` in reading order; spaces match any line break."""
        pattern = _phrase_pattern(query, match_case)
        if pattern is None:
            return []
        hits: list[Hit] = []
        for pt in self.page_texts():
            for m in pattern.finditer(pt.text):
                rects = pt.rects_for_span(m.start(), m.end())
                if rects:
                    hits.append(Hit(pt.index, m.start(), m.end(), tuple(rects)))
        return hits
