"""PaperDocument: a PDF opened for viewing and extraction, Qt-free.

Every PDFium call runs on the single PDFium thread (see ``worker``); the objects handed back
(``RenderedPage``, ``PageText``, ``Hit``) are plain data that any thread may read.
Coordinates are PDF points with the origin at the page's bottom-left, as PDFium reports them.
"""

from __future__ import annotations

import ctypes
import os
import re
import weakref
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import worker
from .errors import (
    DamagedPdfError,
    EmptyFileError,
    FileMissingError,
    NoTextLayerError,
    NotAPdfError,
    PaperError,
    PasswordRequiredError,
    WrongPasswordError,
)

# PDFium marks a hyphen it saw at a line end with U+FFFE; readers expect a hyphen.
_SOFT_HYPHEN_MARK = "\ufffe"
_TEXT_CACHE_PAGES = 64
# About a third of a megabyte each: enough for a 300-page meeting pack's extraction.
_OPEN_TEXT_PAGES = 400


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF points, origin bottom-left (x0 < x1, y0 < y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def as_list(self) -> list[float]:
        return [round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2)]

    def union(self, other: "Rect") -> "Rect":
        return Rect(
            min(self.x0, other.x0), min(self.y0, other.y0),
            max(self.x1, other.x1), max(self.y1, other.y1),
        )

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass(frozen=True)
class RenderedPage:
    """A page rendered to 32-bit BGRX pixels (Qt's ``Format_RGB32`` on little-endian)."""

    index: int
    scale: float
    width: int
    height: int
    stride: int
    data: memoryview  # read-only use: bytes-like, len() is the byte count


CharBox = tuple[float, float, float, float]  # (l, b, r, t)


class TextLine(NamedTuple):
    """One line of a page as PDFium breaks the text, read without every character's box.

    ``text[start:end]`` is the line with surrounding whitespace trimmed. ``bounds`` is the
    union of its characters' boxes (PDFium's text rectangles: characters PDFium generated and
    boxes thinner than 0.01 pt left out), None when no character has a box. ``samples`` holds
    ``(index into the page text, box)`` for the characters the reader asked for.
    """

    start: int
    end: int
    bounds: CharBox | None
    samples: tuple[tuple[int, CharBox], ...] = ()


LineSampler = Callable[[str], Iterable[int]]
"""Given a trimmed line's text, the offsets (into it) of the characters whose boxes to read."""


class PageText:
    """The text layer of one page: ``text[i]`` has its box at ``boxes[i]`` (l, b, r, t).

    Line breaks PDFium generates are ``"\\r\\n"`` with empty boxes (0, 0, 0, 0). A page text
    read by :meth:`PaperDocument.page_lines` holds ``lines`` and reads character boxes only
    when first asked (:meth:`char_boxes` for a span, ``boxes`` for the whole page).
    """

    def __init__(self, index: int, text: str, boxes: list[CharBox] | None = None,
                 lines: tuple[TextLine, ...] | None = None,
                 source: "PaperDocument | None" = None) -> None:
        self.index = index
        self.text = text
        self._boxes = boxes if boxes is not None or source is not None else []
        self.lines = lines
        self._source = source
        self._spans: dict[tuple[int, int], list[CharBox]] = {}  # read ahead by prefetch_boxes

    def __repr__(self) -> str:
        return f"PageText(index={self.index}, text={self.text[:40]!r}...)"

    @property
    def boxes_loaded(self) -> bool:
        return self._boxes is not None

    @property
    def boxes(self) -> list[CharBox]:
        """Every character's box (read from the document on first use)."""
        if self._boxes is None:
            assert self._source is not None
            self._boxes = self._source._read_boxes(self.index, 0, len(self.text))
        return self._boxes

    def char_boxes(self, start: int, end: int) -> list[CharBox]:
        """Boxes of ``text[start:end]``, read from the document only for that span if the
        page's boxes have not been read yet."""
        if self._boxes is not None:
            return self._boxes[start:end]
        ready = self._spans.get((start, end))
        if ready is not None:
            return list(ready)
        for (s0, e0), boxes in self._spans.items():
            if s0 <= start and end <= e0:
                return boxes[start - s0:end - s0]
        assert self._source is not None
        return self._source._read_boxes(self.index, start, end)


    def box(self, i: int) -> Rect | None:
        l, b, r, t = self.boxes[i]
        if r <= l and t <= b:
            return None
        return Rect(l, b, r, t)

    def rects_for_span(self, start: int, end: int) -> list[Rect]:
        """Rectangles covering ``text[start:end]``, one per visual line."""
        rects: list[Rect] = []
        current: Rect | None = None
        last_mid: float | None = None
        for i in range(max(0, start), min(end, len(self.boxes))):
            if self.text[i] in "\r\n":
                continue
            box = self.box(i)
            if box is None:
                continue
            mid = (box.y0 + box.y1) / 2
            same_line = (
                current is not None
                and last_mid is not None
                and abs(mid - last_mid) < max(2.0, (current.y1 - current.y0) * 0.6)
                and box.x0 >= current.x0 - 1
            )
            if same_line and current is not None:
                current = current.union(box)
            else:
                if current is not None:
                    rects.append(current)
                current = box
            last_mid = mid
        if current is not None:
            rects.append(current)
        return rects

    def index_at(self, x: float, y: float, tolerance: float = 2.0) -> int | None:
        """The character index at PDF point (x, y), or the nearest within ``tolerance``."""
        best, best_d = None, tolerance
        for i, (l, b, r, t) in enumerate(self.boxes):
            if r <= l and t <= b:
                continue
            dx = 0.0 if l <= x <= r else min(abs(x - l), abs(x - r))
            dy = 0.0 if b <= y <= t else min(abs(y - b), abs(y - t))
            d = max(dx, dy)
            if d <= best_d:
                best, best_d = i, d
                if d == 0.0:
                    break
        return best


def prefetch_boxes(spans: Iterable[tuple[PageText, int, int]]) -> None:
    """Read the boxes of many ``(page text, start, end)`` spans in one trip to the PDFium
    thread (a trip costs as much as reading about a hundred boxes), so that the
    :meth:`PageText.char_boxes` calls for them that follow need none."""
    by_doc: dict[int, tuple[PaperDocument, list[tuple[PageText, int, int]]]] = {}
    for pt, start, end in spans:
        if pt._boxes is None and pt._source is not None and not any(
                s0 <= start and end <= e0 for s0, e0 in pt._spans):
            by_doc.setdefault(id(pt._source), (pt._source, []))[1].append((pt, start, end))
    for doc, items in by_doc.values():
        read = worker.call(doc._checked_box_spans, [(pt.index, s, e) for pt, s, e in items])
        for (pt, s, e), boxes in zip(items, read):
            pt._spans[(s, e)] = boxes


@dataclass(frozen=True)
class Hit:
    """One match of a search: page index, character span and the rectangles covering it."""

    index: int
    start: int
    end: int
    rects: tuple[Rect, ...]


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileMissingError(f"“{path.name}” could not be found.", str(path)) from None
    except OSError as exc:
        raise FileMissingError(f"“{path.name}” could not be read ({exc.strerror}).", str(path)) from None
    if not path.is_file():
        raise FileMissingError(f"“{path.name}” is not a file.", str(path))
    if size == 0:
        raise EmptyFileError(f"“{path.name}” is empty (0 bytes): there is no paper in it.", str(path))
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise NotAPdfError(
            f"“{path.name}” is not a PDF. Only PDF papers can be opened; "
            "save the paper as PDF and try again.",
            str(path),
        )


def _open_raw(path: Path, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password:
                raise WrongPasswordError(
                    f"The password does not open “{path.name}”.", str(path)
                ) from None
            raise PasswordRequiredError(
                f"“{path.name}” is protected by a password.", str(path)
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise PasswordRequiredError(
                f"“{path.name}” uses an encryption this app cannot open.", str(path)
            ) from None
        raise DamagedPdfError(
            f"“{path.name}” is damaged or incomplete (perhaps truncated while copying) "
            "and cannot be read. Ask for a fresh copy of the paper.",
            str(path),
        ) from None


def _read_text(textpage: pdfium.PdfTextPage) -> str:
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


def _read_box_range(textpage: pdfium.PdfTextPage, start: int, end: int) -> list[CharBox]:
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


def _read_page_text(textpage: pdfium.PdfTextPage, index: int) -> PageText:
    text = _read_text(textpage)
    return PageText(index, text, _read_box_range(textpage, 0, len(text)))


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


def _real(box: CharBox) -> bool:
    # PDFium's text rectangles skip boxes thinner than 0.01 pt either way.
    return box[2] - box[0] >= 0.01 and box[3] - box[1] >= 0.01


def _read_lines(textpage: pdfium.PdfTextPage, text: str,
                sample: LineSampler | None) -> tuple[TextLine, ...]:
    """Every line's bounds from PDFium's text rectangles (a few calls a line instead of one a
    character) and the boxes of the characters ``sample`` picks."""
    tp = _handle(textpage)
    count_rects, get_rect, get_box = _count_rects, _get_rect, _get_char_box
    out = _Out4()
    p = ctypes.addressof(out)
    p1, p2, p3 = p + 8, p + 16, p + 24
    lines: list[TextLine] = []
    for start, end in _line_spans(text):
        bounds: CharBox | None = None
        for k in range(count_rects(tp, start, end - start)):
            if not get_rect(tp, k, p, p1, p2, p3):  # left, top, right, bottom
                continue
            box = (out[0], out[3], out[2], out[1])
            if not _real(box):
                continue  # PDFium reports an empty rectangle when no character has a box
            bounds = box if bounds is None else (
                min(bounds[0], box[0]), min(bounds[1], box[1]),
                max(bounds[2], box[2]), max(bounds[3], box[3]))
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
        real = [bx for bx in boxes[start:end] if _real(bx)]
        bounds = None
        if real:
            x0s, y0s, x1s, y1s = zip(*real)
            bounds = (min(x0s), min(y0s), max(x1s), max(y1s))
        samples: tuple[tuple[int, CharBox], ...] = ()
        if sample is not None and bounds is not None:
            samples = tuple((start + off, boxes[start + off]) for off in sample(text[start:end]))
        lines.append(TextLine(start, end, bounds, samples))
    return tuple(lines)


def _phrase_pattern(query: str, match_case: bool) -> re.Pattern[str] | None:
    words = query.split()
    if not words:
        return None
    # Words may be split by a line break, several spaces or a hyphen the PDF broke at.
    body = r"[\s\-]+".join(re.escape(w) for w in words)
    return re.compile(body, 0 if match_case else re.IGNORECASE)


class PaperDocument:
    """A PDF paper, opened once; safe to use from any thread (calls go to the PDFium thread)."""

    def __init__(self, path: Path, raw_doc: pdfium.PdfDocument, sizes: list[tuple[float, float]]):
        self.path = path
        self._doc = raw_doc
        self._sizes = sizes
        self._texts: "OrderedDict[int, PageText]" = OrderedDict()
        self._has_text: bool | None = None
        self._rotations: dict[int, int] = {}
        self._closed = False
        # Pages (and their text pages) kept open for page texts whose boxes load on demand;
        # touched on the PDFium thread only.
        self._open_text: "OrderedDict[int, tuple[pdfium.PdfPage, pdfium.PdfTextPage]]" = OrderedDict()
        self._lazy_texts: "weakref.WeakSet[PageText]" = weakref.WeakSet()
        #: the password this paper was opened with (kept in memory only), so that the same
        #: file can be read again, e.g. imported into the register, without asking twice
        self.password: str | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], password: str | None = None) -> "PaperDocument":
        """Open ``path``; raises a :class:`PaperError` subclass with a clerk-ready message."""
        p = Path(path)
        _check_file(p)

        def _open() -> PaperDocument:
            raw_doc = _open_raw(p, password)
            try:
                n = len(raw_doc)
                if n == 0:
                    raise DamagedPdfError(
                        f"“{p.name}” has no pages: it is damaged or incomplete.", str(p)
                    )
                sizes = [raw_doc.get_page_size(i) for i in range(n)]
            except BaseException:
                raw_doc.close()
                raise
            doc = cls(p, raw_doc, sizes)
            doc.password = password
            return doc

        return worker.call(_open)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        worker.call(self._close_raw)

    def _close_raw(self) -> None:
        # Lines read from this document may outlive it (kept by a caller): they get their
        # boxes now, while PDFium can still read them.
        for pt in list(self._lazy_texts):
            if not pt.boxes_loaded:
                pt._boxes = self._load_boxes(pt.index, 0, len(pt.text))
        self._release_text_pages()
        self._doc.close()

    def __enter__(self) -> "PaperDocument":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- geometry ------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return len(self._sizes)

    @property
    def page_sizes(self) -> Sequence[tuple[float, float]]:
        """(width, height) of every page in points."""
        return tuple(self._sizes)

    def page_size(self, index: int) -> tuple[float, float]:
        return self._sizes[index]

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
        self._require_open()
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
    def _render(self, index: int, scale: float) -> RenderedPage:
        self._require_open()
        page = self._doc[index]
        try:
            # The page is loaded anyway: remember its turn so a viewer need not ask later.
            self._rotations.setdefault(index, int(page.get_rotation()) % 360)
            bitmap = page.render(scale=scale, prefer_bgrx=True, may_draw_forms=False,
                                 bitmap_maker=pdfium.PdfBitmap.new_native)
            # The pixels live in a buffer Python allocated (pypdfium2's native bitmaps), so
            # closing the PDFium bitmap here, on its own thread, leaves them to us without a
            # copy: a copy of a full-page image costs about half as much as rendering it.
            data = memoryview(bitmap.buffer).cast("B")
            rendered = RenderedPage(index, scale, bitmap.width, bitmap.height, bitmap.stride, data)
            bitmap.close()
            return rendered
        finally:
            page.close()

    def render(self, index: int, scale: float = 1.0) -> RenderedPage:
        """Render page ``index`` at ``scale`` (1.0 = 72 dpi) and wait for it."""
        return worker.call(self._render, index, scale)

    def render_async(self, index: int, scale: float = 1.0) -> "Future[RenderedPage]":
        """Queue a render on the PDFium thread; the future resolves off the caller's thread."""
        return worker.submit(self._render, index, scale)

    # -- text ----------------------------------------------------------------------------
    def _page_text(self, index: int) -> PageText:
        cached = self._texts.get(index)
        if cached is not None:
            self._texts.move_to_end(index)
            return cached
        self._require_open()
        page = self._doc[index]
        try:
            self._rotations.setdefault(index, int(page.get_rotation()) % 360)
            textpage = page.get_textpage()
            try:
                result = _read_page_text(textpage, index)
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
        self._require_open()
        cached = self._texts.get(index)
        if cached is not None and cached.boxes_loaded:
            return PageText(index, cached.text, cached.boxes, lines_from_boxes(cached, sample))
        textpage = self._text_page(index)
        text = _read_text(textpage)
        if self._has_text is None and text[:400].strip():
            self._has_text = True  # read anyway: spares has_text_layer its own pass
        result = PageText(index, text, None, _read_lines(textpage, text, sample), self)
        self._lazy_texts.add(result)
        return result

    def _text_page(self, index: int) -> pdfium.PdfTextPage:
        """The open text page of page ``index`` (opened, and kept open, on first use)."""
        held = self._open_text.get(index)
        if held is not None:
            self._open_text.move_to_end(index)
            return held[1]
        page = self._doc[index]
        self._rotations.setdefault(index, int(page.get_rotation()) % 360)
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

    def _load_boxes(self, index: int, start: int, end: int) -> list[CharBox]:
        return _read_box_range(self._text_page(index), start, end)

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
