"""A searchable copy of a scan: the same pages with an invisible text layer (text render
mode 3) laid under the images, so any PDF reader can find, select and copy the words.

The layer is written with pikepdf: a q/Q-wrapped content stream put before each page's own
content, in Helvetica (a standard font, nothing embedded; WinAnsi covers "£", "–", "•").
Every word is drawn on its own baseline from the left edge of its box, scaled across to the
box's width, so a reader's highlight of a word falls on the word in the image. About 3 KB a
page.

The copy is written whole (:mod:`mopac_desk.whole_file`: beside ``out``, moved into place only
when complete); the scan itself is never written to.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pikepdf

from ..files import openable
from ..pdf.errors import PaperError
from ..whole_file import WholeFileError, writing_whole
from .engine import OcrPage, OcrWord
from .text import clean_word, visual_rows

# Helvetica's cap height (0.718 em): a row's size is the height of its tallest letters above
# the baseline over this.
_CAP_HEIGHT = 0.718
_FONT_NAME = "/OcrText"

# Helvetica's advance widths (1/1000 em, from its AFM) for codes 32-126, and for the WinAnsi
# codes above that papers use; any other code is given 556 (a lower-case letter's).
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
_HIGH_WIDTHS = {0x80: 556, 0x91: 222, 0x92: 222, 0x93: 333, 0x94: 333, 0x95: 350, 0x96: 556,
                0x97: 1000, 0xA0: 278, 0xA3: 556, 0xA9: 737, 0xAE: 737, 0xB0: 400}
WIDTHS = [(_ASCII_WIDTHS[c - 32] if c < 127 else _HIGH_WIDTHS.get(c, 556))
          for c in range(32, 256)]


class CopyCancelled(Exception):
    """Writing the searchable copy was cancelled; nothing was written."""


def _encode(text: str) -> bytes:
    """``text`` in the font's WinAnsi encoding (what it cannot show becomes "?")."""
    return text.encode("cp1252", errors="replace")


def _fmt(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") or "0"


def layer_stream(page: OcrPage, origin: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """The content stream of one page's invisible text (``origin``: the page box's lower
    left corner, added to every position)."""
    ox, oy = origin
    out: list[str] = ["q"]
    for row in visual_rows(page.words):
        words = [(w, clean_word(w.text)) for w in row]
        words = [(w, t) for w, t in words if t.strip()]
        if not words:
            continue
        size = max(max((w.box[3] - w.baseline) for w, _ in words) / _CAP_HEIGHT, 1.0)
        out.append(f"BT {_FONT_NAME} {_fmt(size)} Tf 3 Tr")
        prev: tuple[float, float] | None = None
        for k, (w, text) in enumerate(words):
            x, y = w.box[0] + ox, w.baseline + oy
            if prev is None:
                out.append(f"{_fmt(x)} {_fmt(y)} Td")
            else:
                out.append(f"{_fmt(x - prev[0])} {_fmt(y - prev[1])} Td")
            prev = (x, y)
            out.append(_show(w, text, size, last=k + 1 == len(words)))
        out.append("ET")
    out.append("Q")
    return ("\n".join(out) + "\n").encode("ascii")


def _show(word: OcrWord, text: str, size: float, last: bool) -> str:
    """``text`` squeezed or stretched (horizontal scaling) to the width of the word's box,
    then a space unless the word ends its row (so readers copy the words apart)."""
    data = _encode(text)
    natural = sum(WIDTHS[b - 32] if b >= 32 else 556 for b in data) * size / 1000
    scale = 100.0 * (word.box[2] - word.box[0]) / natural if natural > 0 else 100.0
    shown = data if last else data + b" "
    return f"{_fmt(max(1.0, scale))} Tz {_pdf_string(shown)} Tj"


def _pdf_string(data: bytes) -> str:
    out = []
    for b in data:
        if b in (0x28, 0x29, 0x5C):  # ( ) \ are escaped in a literal string
            out.append("\\" + chr(b))
        elif 32 <= b < 127:
            out.append(chr(b))
        else:
            out.append(f"\\{b:03o}")
    return "(" + "".join(out) + ")"


def write_searchable_copy(scan: str | os.PathLike[str], out: str | os.PathLike[str],
                          pages: Iterable[OcrPage], *, password: str | None = None,
                          cancel: Callable[[], bool] | None = None) -> Path:
    """Write ``scan`` with the text read on ``pages`` as an invisible layer to ``out``.

    Raises :class:`~mopac_desk.pdf.PaperError` with a plain message when ``out`` cannot be
    written (or is the scan itself), :class:`CopyCancelled` when ``cancel()`` turns true;
    either way nothing is left at ``out`` or beside it.
    """
    src, dst = Path(scan), Path(out)
    if dst.exists() and dst.resolve() == src.resolve():
        raise PaperError(f"The searchable copy must not replace the scan “{src.name}”: "
                         "choose another file name.", str(dst))
    by_index = {p.index: p for p in pages}
    try:
        with writing_whole(dst) as tmp, _open(src, password) as pdf:
            font = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name.Helvetica, Encoding=pikepdf.Name.WinAnsiEncoding,
                FirstChar=32, LastChar=255, Widths=pikepdf.Array(WIDTHS)))
            for index, page in by_index.items():
                if cancel is not None and cancel():
                    raise CopyCancelled()
                if not 0 <= index < len(pdf.pages) or not page.words:
                    continue
                target = pdf.pages[index]
                box = target.cropbox
                origin = (float(min(box[0], box[2])), float(min(box[1], box[3])))
                name = target.add_resource(font, pikepdf.Name.Font, _FONT_NAME)
                stream = layer_stream(page, origin).replace(
                    _FONT_NAME.encode(), str(name).encode())
                target.contents_add(pikepdf.Stream(pdf, stream), prepend=True)
            if cancel is not None and cancel():
                raise CopyCancelled()
            pdf.save(tmp)
    except WholeFileError as exc:
        raise PaperError(str(exc), str(dst)) from None
    return dst


def _open(src: Path, password: str | None) -> pikepdf.Pdf:
    try:
        return pikepdf.open(openable(src), password=password or "")
    except pikepdf.PasswordError:
        raise PaperError(f"“{src.name}” is protected by a password.", str(src)) from None
    except pikepdf.PdfError:
        raise PaperError(f"“{src.name}” is damaged and cannot be copied.", str(src)) from None


def layered_pages(pages: Sequence[OcrPage]) -> list[int]:
    """0-based indices of the pages that get a text layer (those where OCR read words)."""
    return [p.index for p in pages if p.words]
