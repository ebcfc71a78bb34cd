"""PaperDocument: a PDF opened for viewing and extraction, Qt-free.

Every PDFium call runs on the single PDFium thread (see ``worker``); the objects handed back
(``RenderedPage``, ``PageText``, ``Hit``) are plain data that any thread may read.
Coordinates are PDF points with the origin at the page's bottom-left, as PDFium reports them.
"""

from __future__ import annotations

import ctypes
import os
import re
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

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
    data: bytes


@dataclass
class PageText:
    """The text layer of one page: ``text[i]`` has its box at ``boxes[i]`` (l, b, r, t).

    Line breaks PDFium generates are ``"\\r\\n"`` with empty boxes (0, 0, 0, 0).
    """

    index: int
    text: str
    boxes: list[tuple[float, float, float, float]] = field(repr=False)

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


def _read_page_text(textpage: pdfium.PdfTextPage, index: int) -> PageText:
    count = textpage.count_chars()
    if count <= 0:
        return PageText(index, "", [])
    text = textpage.get_text_range(0, count)
    if len(text) != count:
        # Characters outside the BMP arrive as surrogate pairs; fall back to one call each so
        # that text and boxes stay aligned.
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 0xFFFD) for i in range(count))
    text = text.replace(_SOFT_HYPHEN_MARK, "-").replace("\x00", " ")
    l, r, b, t = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    get_box = pdfium_c.FPDFText_GetCharBox
    raw_tp = textpage.raw
    boxes: list[tuple[float, float, float, float]] = []
    append = boxes.append
    for i in range(count):
        if get_box(raw_tp, i, l, r, b, t):
            append((l.value, b.value, r.value, t.value))
        else:
            append((0.0, 0.0, 0.0, 0.0))
    return PageText(index, text, boxes)


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
            return cls(p, raw_doc, sizes)

        return worker.call(_open)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        worker.call(self._doc.close)

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
            bitmap = page.render(scale=scale, prefer_bgrx=True, may_draw_forms=False)
            # bytes() copies once so the PDFium bitmap can be freed on this thread.
            data = bytes(bitmap.buffer)
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
