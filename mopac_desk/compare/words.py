"""A document's body text as a list of words, each knowing its line, page and rectangles.

What is compared is what a reader reads: running headers, footers and page numbers are left
out, footnotes follow the body (their place on the page depends on the layout), a word broken
over a line end is one word, and punctuation marks are words of their own. Each word has a
``key``, the form compared: case folded, hyphens inside a word dropped (so "re-newal", the
"re\\ufffenewal" PDFium gives for a hyphen it joined, and "renewal" are one word), quotes and
dashes made plain, and paragraph labels ("4.", "3.1.", "(b)") reduced to their shape, so that a
renumbered paragraph still matches its old self and the renumbering is noticed separately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Protocol

RectList = list[list[float]]

# Hyphen-like marks that may sit inside a word: hyphen, PDFium's marks for a hyphen it saw at
# a line end (U+FFFE, and U+0002 in some builds), soft hyphen, Unicode hyphens.
_HYPHENS = "-\ufffe\x02\u00ad\u2010\u2011"
_INVISIBLE = str.maketrans("", "", "\ufffe\x02\u00ad")
_WORD_CHAR = r"(?:[^\W_]|[£$€%])"
_JOINER = "[.,'’/" + re.escape(_HYPHENS) + "]"
_TOKEN = re.compile(rf"{_WORD_CHAR}+(?:{_JOINER}{_WORD_CHAR}+)*|[^\s\ufffe\x02\u00ad]")
_KEY_DROP = str.maketrans({c: None for c in _HYPHENS})
_PLAIN_PUNCT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                              "‐": "-", "‑": "-", "\u2212": "-"})
_NUMBER_LABEL = re.compile(r"\d{1,3}(?:\.\d{1,3})*")
_LINE_END_HYPHEN = ("-", "\ufffe", "\x02", "\u00ad", "\u2010")


class LineLike(Protocol):
    """What a word list needs of a line (extraction's ``Line`` has it)."""

    page: int
    text: str
    y0: float
    y1: float
    running: bool
    footnote: bool

    def rects_for(self, start: int, end: int) -> RectList: ...


@dataclass(slots=True)
class Word:
    """One word (or punctuation mark) of a document.

    ``line``/``start``/``end`` locate it in :attr:`Words.lines`; a word broken over a line
    end continues on ``line + 1`` up to ``tail_end``."""

    text: str
    key: str
    line: int
    start: int
    end: int
    tail_end: int = -1  # > 0 when the word runs on to the start of the next line
    label: bool = False  # a paragraph or list label ("4", "3.1", "b")


@dataclass
class Side:
    """A stretch of one document: its text, the page it starts on and its rectangles there.

    ``spans`` holds ``(page, rects)`` for every page the stretch touches (the first one is
    ``page``/``rects``), so a change running over a page break can be marked on both pages."""

    text: str
    page: int
    rects: RectList
    spans: list[tuple[int, RectList]]

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "page": self.page, "rects": self.rects}


def word_key(text: str) -> str:
    """The compared form of one word (see the module's note)."""
    key = text.casefold().translate(_PLAIN_PUNCT)
    if len(key) > 1:
        key = key.translate(_KEY_DROP) or key
    return key


def token_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


class Words:
    """The words of a document's body (see the module's note), in reading order."""

    def __init__(self, lines: Iterable[LineLike]) -> None:
        body: list[LineLike] = []
        notes: list[LineLike] = []
        for ln in lines:
            if ln.running:
                continue
            (notes if ln.footnote else body).append(ln)
        self.lines: list[LineLike] = body + notes
        self.words: list[Word] = []
        self._line_first: list[int] = []  # index of the first word of each line
        self._read()
        self.keys: list[str] = [w.key for w in self.words]

    def _read(self) -> None:
        words, lines = self.words, self.lines
        skip = 0  # characters of this line already taken by a word broken on the line before
        for li, ln in enumerate(lines):
            self._line_first.append(len(words))
            text = ln.text
            spans = [(s, e) for s, e in token_spans(text) if s >= skip]
            skip = 0
            for k, (s, e) in enumerate(spans):
                raw = text[s:e]
                words.append(Word(raw.translate(_INVISIBLE), word_key(raw), li, s, e))
                if k == 0 and _is_label(text, spans):
                    w = words[-1]
                    w.label = True
                    w.key = "\x00" + re.sub(r"[0-9a-z]+", "#", w.key)
            if spans and li + 1 < len(lines):
                skip = self._join_broken_word(li, spans[-1])

    def _join_broken_word(self, li: int, last: tuple[int, int]) -> int:
        """Join a word hyphenated over this line's end with its rest on the next line (when
        PDFium did not already do it); returns how much of the next line it took."""
        ln, nxt = self.lines[li], self.lines[li + 1]
        text = ln.text.rstrip()
        if not text or text[-1] not in _LINE_END_HYPHEN or nxt.footnote != ln.footnote:
            return 0
        words = self.words
        hyphen = words[-1] if words[-1].line == li and words[-1].start == len(text) - 1 else None
        head = words[-2] if hyphen is not None and len(words) > 1 else words[-1]
        # The hyphen must touch the word before it ("re-", not "Finance -").
        if head.line != li or head.end != len(text) - 1 or not head.text[-1:].isalpha():
            return 0
        lead = len(nxt.text) - len(nxt.text.lstrip())
        rest = _TOKEN.match(nxt.text, lead)
        if not rest or not rest.group(0)[:1].islower():
            return 0
        if hyphen is not None:
            words.pop()
        head.text += rest.group(0)
        head.key = word_key(head.text)
        head.end = len(text)
        head.tail_end = rest.end()
        return head.tail_end

    # -- where words stand ------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.words)

    def line_of(self, i: int) -> LineLike:
        """The line word ``i`` starts on."""
        return self.lines[self.words[i].line]

    def page_of(self, i: int) -> int:
        return self.lines[self.words[i].line].page if self.words else 1

    def first_word_of_line(self, li: int) -> int:
        return self._line_first[li]

    def word_at_line(self, li: int) -> int:
        """The first word at or after line ``li`` (``len(self)`` past the end)."""
        return self._line_first[li] if li < len(self._line_first) else len(self.words)

    def pieces(self, i: int, j: int) -> list[tuple[LineLike, int, int]]:
        """``(line, start, end)`` of the text that words ``i`` to ``j - 1`` cover."""
        out: list[tuple[int, int, int]] = []
        for w in self.words[i:j]:
            if out and out[-1][0] == w.line:
                out[-1] = (w.line, out[-1][1], w.end)
            else:
                out.append((w.line, w.start, w.end))
            if w.tail_end > 0:
                out.append((w.line + 1, 0, w.tail_end))
        return [(self.lines[li], s, e) for li, s, e in out]

    def text(self, i: int, j: int) -> str:
        """Words ``i`` to ``j - 1`` as printed (line breaks become spaces)."""
        parts = []
        for ln, s, e in self.pieces(i, j):
            piece = ln.text[s:e].translate(_INVISIBLE)
            if parts and s == 0 and parts[-1][-1:] in _LINE_END_HYPHEN:
                parts[-1] = parts[-1][:-1] + piece  # the rest of a hyphenated word
            else:
                parts.append(piece)
        return " ".join(parts)

    def side(self, i: int, j: int) -> Side | None:
        """Words ``i`` to ``j - 1`` as a :class:`Side` (None when empty)."""
        if j <= i:
            return None
        spans: list[tuple[int, RectList]] = []
        for ln, s, e in self.pieces(i, j):
            rects = ln.rects_for(s, e)
            if spans and spans[-1][0] == ln.page:
                spans[-1][1].extend(rects)
            else:
                spans.append((ln.page, list(rects)))
        page, rects = spans[0]
        return Side(self.text(i, j), page, rects, spans)

    def place(self, i: int) -> tuple[int, float]:
        """``(page, y)`` of the top of word ``i``'s line; past the end, the foot of the last line."""
        if not self.words:
            return (1, 0.0)
        if i >= len(self.words):
            ln = self.lines[self.words[-1].line]
            return (ln.page, ln.y0)
        ln = self.lines[self.words[i].line]
        return (ln.page, ln.y1)


def _is_label(text: str, spans: list[tuple[int, int]]) -> bool:
    """True when the line starts with a paragraph or list label: "4." / "3.1." / "4)" before
    a capitalised word (years and sums are longer than three digits)."""
    if len(spans) < 2:
        return False
    first = text[spans[0][0]:spans[0][1]]
    after = text[spans[1][0]:spans[1][1]]
    if _NUMBER_LABEL.fullmatch(first) and not first.startswith("0") and after in (".", ")"):
        nxt = text[spans[2][0]:spans[2][1]] if len(spans) > 2 else ""
        return nxt[:1].isupper() or nxt[:1] in ("£", '"', "“", "‘", "(")
    return False
