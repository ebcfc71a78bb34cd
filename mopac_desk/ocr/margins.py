"""Paragraph numbers set apart in the margin, which tesseract's page layout drops or misreads.

"2.   Issues for consideration", "3.1.   The project to refresh ...": the number stands a
tab's width left of its text. Tesseract's layout analysis drops some of these numbers as
specks and reads others as part of the line, where its line model garbles them ("3.1." as
"Srl.", "7.2." as "Vidi"). Paragraph numbers are what the numbering check reads, so each is
read again together with the first word of its text (alone, the fast model reads "7." as
"ti"; beside its text it reads it right): a strip with ink left of a line where nothing was
read, and a short first word standing far from the rest of its row. Most lines have neither;
each re-read costs a few milliseconds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

PixelRect = tuple[int, int, int, int]  # left, top, right, bottom in the image read

# A paragraph number stands up to this share of the page's width left of its text.
_REACH = 0.15
_INK = 40  # dark pixels (at 300 dpi) that make a margin strip worth reading: a "2." has 150+
# A first word this many line heights from the next is set apart (a tab, not a space) ...
_APART = 1.2
# ... and one no wider than this many line heights may be a number ("12.3.", "(a)").
_SHORT = 3.5


# What a list or paragraph mark reads as: "2.", "4.13.", "(a)", "b)", "(iv)", "•".
_MARK = re.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?|\(?[a-z][.)]|\([a-z]\)|\(?[ivx]{1,4}[.)]|•)$")


def looks_like_mark(text: str) -> bool:
    """True when ``text`` reads as a paragraph or list mark."""
    return bool(_MARK.match(text))


def _ink(image: "Image", rect: PixelRect) -> int:
    return sum(image.crop(rect).histogram()[:128])


Reread = tuple[int, PixelRect, int]
"""(line, rectangle to read, x): the words of the reading that end left of x are the ones
wanted (right of it stands the first word of the text, read only as context)."""


def margin_strips(image: "Image", lines: dict[int, list[PixelRect]]) -> list[Reread]:
    """A re-read for every line with ink left of it where nothing was read."""
    out: list[Reread] = []
    every = [r for rects in lines.values() for r in rects]
    for line, rects in lines.items():
        left = min(r[0] for r in rects)
        top, bottom = min(r[1] for r in rects), max(r[3] for r in rects)
        height = bottom - top
        x0 = max(0, left - int(image.width * _REACH))
        x1 = left - max(2, int(height * 0.4))
        y0, y1 = max(0, top - height // 4), min(image.height, bottom + height // 4)
        if x1 - x0 < height // 2 or height <= 0:
            continue
        if any(r[0] < x1 and r[2] > x0 and r[1] < y1 and r[3] > y0 for r in every):
            continue  # a word of another line (or column) is there: nothing was missed
        if _ink(image, (x0, y0, x1, y1)) >= _INK:
            first = min(rects)
            out.append((line, (x0, y0, min(image.width, first[2] + 2), y1), first[0]))
    return out


def _rows(lines: dict[int, list[PixelRect]]) -> list[list[tuple[int, PixelRect]]]:
    """Tesseract's lines gathered into visual rows (bands overlapping by half their height):
    a number set apart may come back as a line of its own beside its text."""
    bands = sorted(((min(r[1] for r in rects), max(r[3] for r in rects), line)
                    for line, rects in lines.items()))
    rows: list[tuple[int, int, list[int]]] = []
    for top, bottom, line in bands:
        if rows:
            rtop, rbottom, members = rows[-1]
            overlap = min(bottom, rbottom) - max(top, rtop)
            if overlap > 0.5 * min(bottom - top, rbottom - rtop):
                rows[-1] = (min(top, rtop), max(bottom, rbottom), members + [line])
                continue
        rows.append((top, bottom, [line]))
    return [[(line, r) for line in members for r in lines[line]] for _, _, members in rows]


def set_apart_first_words(image: "Image", lines: dict[int, list[PixelRect]]) -> list[Reread]:
    """A re-read for every short first word of a row standing far left of the rest of it
    (``line`` is the first word's line)."""
    out: list[Reread] = []
    for row in _rows(lines):
        if len(row) < 2:
            continue
        ordered = sorted(row, key=lambda lr: lr[1][0])
        (line, first), (_, second) = ordered[0], ordered[1]
        height = max(r[3] for _, r in row) - min(r[1] for _, r in row)
        if height <= 0:
            continue
        gap = second[0] - first[2]
        if gap > _APART * height and first[2] - first[0] <= _SHORT * height:
            pad = max(2, height // 4)
            top = min(first[1], second[1]) - pad
            bottom = max(first[3], second[3]) + pad
            out.append((line, (max(0, first[0] - pad), max(0, top),
                               min(image.width, second[2] + 2), min(image.height, bottom)),
                        second[0]))
    return out
