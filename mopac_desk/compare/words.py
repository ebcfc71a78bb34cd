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
_WORD_CHAR = r"[\w£$€%]"  # (an underscore counts as a letter: one class matches faster)
# What joins two runs of word characters into one word: a decimal point or thousands comma
# between digits ("3.2", "2,500"), a full stop between letters ("e.g"), an apostrophe, a slash
# ("2024/25") or a hyphen. "100.The" (a label set tight against its text) is three words.
_JOINER = (r"(?:(?<=\d)[.,](?=\d)|(?<=[^\W\d_])\.(?=[^\W\d_])|['’/" + re.escape(_HYPHENS) + "])")
_TOKEN = re.compile(rf"{_WORD_CHAR}+(?:{_JOINER}{_WORD_CHAR}+)*|[^\s\ufffe\x02\u00ad]")
_KEY_DROP = str.maketrans({c: None for c in _HYPHENS})
_PLAIN_PUNCT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                              "‐": "-", "‑": "-", "\u2212": "-"})
_NUMBER_LABEL = re.compile(r"(?!(?:19|20)\d\d\b)\d{1,4}(?:\.\d{1,3})*")
_LINE_END_HYPHEN = ("-", "\ufffe", "\x02", "\u00ad", "\u2010")
_LINE_END_HYPHEN_SET = frozenset(_LINE_END_HYPHEN)


class LineLike(Protocol):
    """What a word list needs of a line (extraction's ``Line`` has it)."""

    page: int
    text: str
    y0: float
    y1: float
    running: bool
    footnote: bool

    def rects_for(self, start: int, end: int) -> RectList: ...


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


class _KeyCache(dict[str, str]):
    """Word -> key, worked out once per distinct word (a paper repeats most of its words)."""

    def __missing__(self, word: str) -> str:
        key = self[word] = word_key(word)
        return key


def token_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


_INVISIBLE_CHARS = re.compile("[\ufffe\x02\u00ad]")
_LABEL_DIGITS = re.compile(r"[0-9]+")


class Words:
    """The words of a document's body (see the module's note), in reading order.

    Word ``i`` is ``texts[i]`` as printed (a word broken over a line end whole), compared as
    ``keys[i]``, standing on ``lines[line_index[i]]``; ``labels`` holds the indices of
    paragraph labels. Where a word stands on its line is worked out only when asked (for
    the few words that changed), which keeps reading a long paper quick."""

    def __init__(self, lines: Iterable[LineLike], running_known: bool = False) -> None:
        """``running_known``: the lines given are the body already (running headers taken
        out by the caller), so a line's own ``running`` flag is not looked at."""
        body: list[LineLike] = []
        notes: list[LineLike] = []
        for ln in lines:
            if ln.running and not running_known:
                continue
            (notes if ln.footnote else body).append(ln)
        self.lines: list[LineLike] = body + notes
        self.texts: list[str] = []
        self.keys: list[str] = []
        self.line_index: list[int] = []
        self.labels: set[int] = set()
        self._first: list[int] = []  # index of each line's first word
        self._skip: set[int] = set()  # lines whose first token ends the word before
        self._no_last: set[int] = set()  # lines whose last token (a hyphen) joined a word
        self._tails: dict[int, int] = {}  # word -> end of its rest on the next line
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self._read()
        self.label_list: list[int] = sorted(self.labels)

    def _read(self) -> None:
        texts, keys, line_index, lines = self.texts, self.keys, self.line_index, self.lines
        cache = _KeyCache()
        skip = False
        for li, ln in enumerate(lines):
            self._first.append(len(texts))
            text = ln.text
            toks = _TOKEN.findall(text)
            if skip:
                del toks[:1]
                self._skip.add(li)
            skip = False
            if not toks:
                continue
            if _INVISIBLE_CHARS.search(text):
                shown = [t.translate(_INVISIBLE) for t in toks]
            else:
                shown = toks
            first = len(texts)
            texts.extend(shown)
            keys.extend([cache[t] for t in toks])
            line_index.extend([li] * len(toks))
            if len(toks) > 2 and _is_label(toks):
                self.labels.add(first)
                keys[first] = "\x00" + _LABEL_DIGITS.sub("#", keys[first])
            elif len(toks) > 3 and _is_letter_label(toks):
                self.labels.add(first + 1)  # the letter of "(b)"
                keys[first + 1] = "\x00(@)"
            if text[-1:] in _LINE_END_HYPHEN_SET and li + 1 < len(lines):
                skip = self._join_broken_word(li)

    def _join_broken_word(self, li: int) -> bool:
        """Join a word hyphenated over this line's end with its rest on the next line (when
        PDFium did not already do it); True when the next line's first token was taken."""
        ln, nxt = self.lines[li], self.lines[li + 1]
        text = ln.text.rstrip()
        # The hyphen must touch a letter ("re-", not "Finance -").
        if len(text) < 2 or text[-1] not in _LINE_END_HYPHEN or not text[-2].isalpha():
            return False
        if nxt.footnote != ln.footnote:
            return False
        lead = len(nxt.text) - len(nxt.text.lstrip())
        rest = _TOKEN.match(nxt.text, lead)
        if not rest or not rest.group(0)[:1].islower():
            return False
        if text[-1] in "-\u2010":  # a visible hyphen came out as a token of its own
            self.texts.pop()
            self.keys.pop()
            self.line_index.pop()
            self._no_last.add(li)
        head = len(self.texts) - 1
        if head < 0 or self.line_index[head] != li:
            return False
        self.texts[head] += rest.group(0)
        self.keys[head] = word_key(self.texts[head])
        self.labels.discard(head)
        self._tails[head] = rest.end()
        return True

    # -- where words stand ------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.texts)

    def line_of(self, i: int) -> LineLike:
        """The line word ``i`` starts on."""
        return self.lines[self.line_index[i]]

    def first_word_of_line(self, li: int) -> int:
        return self._first[li]

    def _line_spans(self, li: int) -> list[tuple[int, int]]:
        spans = self._spans.get(li)
        if spans is None:
            spans = token_spans(self.lines[li].text)
            if li in self._skip:
                spans = spans[1:]
            if li in self._no_last:
                spans = spans[:-1]
            self._spans[li] = spans
        return spans

    def span(self, i: int) -> tuple[int, int]:
        """``(start, end)`` of word ``i`` on its line (a broken word to the line's end)."""
        li = self.line_index[i]
        s, e = self._line_spans(li)[i - self._first[li]]
        if i in self._tails:
            e = len(self.lines[li].text.rstrip())
        return s, e

    def pieces(self, i: int, j: int) -> list[tuple[LineLike, int, int]]:
        """``(line, start, end)`` of the text that words ``i`` to ``j - 1`` cover."""
        out: list[tuple[int, int, int]] = []
        for k in range(i, j):
            li = self.line_index[k]
            s, e = self.span(k)
            if out and out[-1][0] == li:
                out[-1] = (li, out[-1][1], e)
            else:
                out.append((li, s, e))
            tail = self._tails.get(k)
            if tail is not None:
                out.append((li + 1, 0, tail))
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
        if not self.texts:
            return (1, 0.0)
        if i >= len(self.texts):
            ln = self.lines[self.line_index[-1]]
            return (ln.page, ln.y0)
        ln = self.lines[self.line_index[i]]
        return (ln.page, ln.y1)


_LETTER = re.compile(r"[a-z]|(?:x{0,3})(?:ix|iv|v?i{0,3})")


def _is_letter_label(toks: list[str]) -> bool:
    """True when a line starts "(b) " or "(iv) " before a capitalised word, as lettered
    lists and recommendations are set."""
    if toks[0] != "(" or toks[2] != ")" or not _LETTER.fullmatch(toks[1]):
        return False
    return toks[3][:1].isupper() or toks[3][:1] in ("£", '"', "“", "‘")


def _is_label(toks: list[str]) -> bool:
    """True when a line's tokens start with a paragraph or list label: "4." / "3.1." / "4)"
    before a capitalised word (a year such as "2019." is not a label)."""
    first, after, nxt = toks[0], toks[1], toks[2]
    if after in (".", ")") and _NUMBER_LABEL.fullmatch(first) and not first.startswith("0"):
        return nxt[:1].isupper() or nxt[:1] in ("£", '"', "“", "‘", "(")
    return False
