"""Page texts built from OCR words, shaped as PDFium's so everything that reads a page reads
a scan the same way.

:func:`page_text` gives an :class:`OcrPageText`: a :class:`~mopac_desk.pdf.PageText` whose
``text`` has one visual line per row of words, lines joined by ``"\\r\\n"`` and words by one
space (separators carry the empty box (0, 0, 0, 0), as the characters PDFium generates do),
and whose ``boxes`` hold every character's box in PDF points. Extraction, find and highlights
take it as they take a typeset page's. It also knows each character's word, so the confidence
of any span (:meth:`OcrPageText.span_confidence`) or place on the page
(:meth:`OcrPageText.confidence_in`) can be asked.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from ..pdf import Hit, PageText
# The viewer's phrase rule, so a scan's hits are a typeset page's (one rule, kept there).
from ..pdf.document import _phrase_pattern as phrase_pattern
from ..pdf.geometry import CharBox
from .engine import OcrPage, OcrWord

_NO_BOX: CharBox = (0.0, 0.0, 0.0, 0.0)

# OCR cannot tell a spaced en dash from an em dash or a hyphen (and reads some as two dashes);
# British papers set the en dash ("OFFICIAL – PUBLIC", "Part 1 – This section"), so a word
# of nothing but dashes is read as one.
_LONE_DASH = re.compile(r"^[-‐‑‒–—―]{1,3}$")
# A paragraph number with colons for its points, first in its row ("2:2:", "4:1.").
_COLON_NUMBER = re.compile(r"^\d{1,2}[.:](?:\d{1,2}[.:])+$")
# A word that is only a vertical bar is a table's rule or a tab leader, not text.
_RULES = frozenset({"|", "||", "¦"})
# A list bullet ("•") is read as one of these; standing first in a row, alone, it is a bullet.
_BULLET_MISREADS = frozenset("¢«©®°·∙●▪■*")


class OcrPageText(PageText):
    """A page's text read by OCR; ``words[k]`` stands at ``text[spans[k][0]:spans[k][1]]``."""

    def __init__(self, index: int, text: str, boxes: list[CharBox],
                 words: Sequence[OcrWord], spans: Sequence[tuple[int, int]],
                 page: OcrPage | None = None) -> None:
        super().__init__(index, text, boxes)
        self.words = tuple(words)
        self.spans = tuple(spans)
        self.ocr_page = page

    def __repr__(self) -> str:
        return f"OcrPageText(index={self.index}, text={self.text[:40]!r}...)"

    @property
    def ocr(self) -> bool:
        return True

    def words_in(self, start: int, end: int) -> list[OcrWord]:
        """The words that ``text[start:end]`` touches, in text order."""
        return [w for w, (s, e) in zip(self.words, self.spans) if s < end and start < e]

    def span_confidence(self, start: int, end: int) -> float | None:
        """The lowest confidence (0-100) of the words ``text[start:end]`` touches; None when
        it touches none."""
        found = [w.confidence for w in self.words_in(start, end)]
        return min(found) if found else None

    def words_at(self, rect: Sequence[float], share: float = 0.3) -> list[OcrWord]:
        """Words whose box lies at least ``share`` inside ``rect`` (x0, y0, x1, y1 in PDF
        points, as extraction items give their rects)."""
        x0, y0, x1, y1 = rect
        out = []
        for w in self.words:
            l, b, r, t = w.box
            ix = min(r, x1) - max(l, x0)
            iy = min(t, y1) - max(b, y0)
            area = max(1e-6, (r - l) * (t - b))
            if ix > 0 and iy > 0 and ix * iy >= share * area:
                out.append(w)
        return out

    def confidence_in(self, rects: Iterable[Sequence[float]]) -> float | None:
        """The lowest confidence of the words under any of ``rects``; None when none is."""
        found = [w.confidence for rect in rects for w in self.words_at(rect)]
        return min(found) if found else None


def visual_rows(words: Sequence[OcrWord]) -> list[list[OcrWord]]:
    """Words grouped into visual rows, top to bottom, each left to right.

    Tesseract's own lines come first; lines that share a baseline and do not overlap across
    the page (a table's label and its amount, a list number and its item) form one row, as
    PDFium puts runs on one baseline into one line of a typeset page.
    """
    by_line: dict[int, list[OcrWord]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    lines = []
    for ws in by_line.values():
        bases = sorted(w.baseline for w in ws)
        heights = sorted(w.box[3] - w.box[1] for w in ws)
        lines.append((bases[len(bases) // 2], heights[len(heights) // 2], ws))
    lines.sort(key=lambda ln: -ln[0])
    rows: list[tuple[float, float, list[OcrWord]]] = []
    for base, height, ws in lines:
        for k, (rbase, rheight, rws) in enumerate(rows):
            tol = 0.45 * min(height, rheight)
            if abs(rbase - base) <= tol and not _overlap_x(rws, ws):
                rows[k] = (rbase, max(height, rheight), rws + ws)
                break
        else:
            rows.append((base, height, list(ws)))
    rows.sort(key=lambda r: -r[0])
    return [sorted(ws, key=lambda w: w.box[0]) for _, _, ws in rows]


def _overlap_x(a: list[OcrWord], b: list[OcrWord]) -> bool:
    a0, a1 = min(w.box[0] for w in a), max(w.box[2] for w in a)
    b0, b1 = min(w.box[0] for w in b), max(w.box[2] for w in b)
    return min(a1, b1) - max(a0, b0) > 1.0


def clean_word(text: str) -> str:
    """A word as the page text holds it: one line, no control characters (scanned text is
    untrusted too), a lone long dash read as the en dash British papers use."""
    if _LONE_DASH.match(text):
        return "–"
    if text in _RULES:
        return ""
    return _CONTROL.sub("", text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff\ufffe]")


def page_text(page: OcrPage) -> OcrPageText:
    """The page text of what OCR read on ``page``, in reading order (see module doc)."""
    parts: list[str] = []
    boxes: list[CharBox] = []
    words: list[OcrWord] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for row in visual_rows(page.words):
        kept = []
        for k, w in enumerate(row):
            clean = clean_word(w.text)
            if k == 0 and len(row) > 1 and clean in _BULLET_MISREADS:
                clean = "•"
            elif k == 0 and _COLON_NUMBER.match(clean):
                clean = clean.replace(":", ".")  # "2:2:" is paragraph 2.2.
            if clean.strip():
                kept.append((w, clean))
        if not kept:
            continue
        if parts:
            parts.append("\r\n")
            boxes.extend((_NO_BOX, _NO_BOX))
            pos += 2
        for k, (w, clean) in enumerate(kept):
            if k:
                parts.append(" ")
                boxes.append(_NO_BOX)
                pos += 1
            parts.append(clean)
            boxes.extend(_char_boxes(w, clean))
            words.append(w)
            spans.append((pos, pos + len(clean)))
            pos += len(clean)
    return OcrPageText(page.index, "".join(parts), boxes, words, spans, page)


def _char_boxes(word: OcrWord, clean: str) -> list[CharBox]:
    """One box per character of the cleaned word (its own symbol boxes when they line up,
    else the word's box shared out evenly)."""
    if clean == word.text and len(word.chars) == len(clean):
        return list(word.chars)
    l, b, r, t = word.box
    step = (r - l) / max(1, len(clean))
    return [(l + k * step, b, l + (k + 1) * step, t) for k in range(len(clean))]


def page_texts(pages: Iterable[OcrPage]) -> list[OcrPageText]:
    """:func:`page_text` of every page."""
    return [page_text(p) for p in pages]


def find(page_texts: Iterable[PageText], query: str, match_case: bool = False) -> list[Hit]:
    """Every occurrence of ``query`` in ``page_texts`` (a scan's OCR page texts, say), as
    :meth:`PaperDocument.find` gives them for a typeset paper: the same phrase rule (spaces
    match any line break), the same hits."""
    pattern = phrase_pattern(query, match_case)
    if pattern is None:
        return []
    hits: list[Hit] = []
    for pt in page_texts:
        for m in pattern.finditer(pt.text):
            rects = pt.rects_for_span(m.start(), m.end())
            if rects:
                hits.append(Hit(pt.index, m.start(), m.end(), tuple(rects)))
    return hits
