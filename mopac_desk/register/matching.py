"""Is a document another copy of a paper the register has, or a new version of it?

A *copy* has the same text: re-typeset in another font or layout, annotated by a reviewer
elsewhere, or one item of a meeting pack. A *version* has revised text. Both are decided on
the paper's own words: running headers and footers, page numbers and line-break hyphenation
left out, case and punctuation ignored, so a copy typeset differently still matches exactly
while a revision of a single figure does not.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Protocol

from rapidfuzz.distance import Indel

# A line ending in PDFium's soft-hyphen marker (or a soft hyphen) continues on the next line.
_SOFT_BREAK = ("\x02", "\xad")
_WORD = re.compile(r"[\w£%]+")
_REFERENCE = re.compile(r"[^0-9A-Z]+")
# A list or heading marker that starts a line ("4.", "1.2", "(a)", "iv)", "•"): numbering is
# the layout's, so a copy typeset with numbered headings is still the same text.
_MARKER = re.compile(r"^\s*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]{1,2}|[ivxl]{1,6})[.)]|"
                     r"\d{1,3}(?:\.\d{1,3})+|[•▪◦●○■□\-–—*·])\s+", re.IGNORECASE)


class TextLine(Protocol):
    """What is read of a line: its page, its text and whether it is a running header/footer."""

    page: int
    text: str
    running: bool


def paper_words(lines: Iterable[TextLine], pages: range | None = None,
                skip_pages: frozenset[int] = frozenset()) -> str:
    """The paper's own words as one normalised string (lower case, single spaces).

    ``pages`` limits the lines to the paper's pages in a file that holds several papers;
    ``skip_pages`` leaves out pages that are not the paper's own text (a pack's cover).
    """
    pieces: list[str] = []
    joined = False
    for line in lines:
        if line.running or (pages is not None and line.page not in pages):
            continue
        if line.page in skip_pages:
            continue
        text = unicodedata.normalize("NFKC", line.text).rstrip()
        if not joined:
            text = _MARKER.sub("", text)
        soft = text.endswith(_SOFT_BREAK)
        text = text.rstrip("".join(_SOFT_BREAK))
        if joined and pieces:
            pieces[-1] += text.lstrip()
        else:
            pieces.append(text)
        joined = soft
    return " ".join(_WORD.findall(" ".join(pieces).casefold()))


def same_text(a: str, b: str) -> bool:
    """True when two normalised texts are the same paper's text (a copy)."""
    return bool(a) and a == b


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0.0 to 1.0 (word-level), for the register's note
    on a version ("92% the same text")."""
    wa, wb = a.split(), b.split()
    if not wa and not wb:
        return 1.0
    return 1.0 - Indel.normalized_distance(wa, wb)


def reference_key(reference: str | None) -> str | None:
    """A reference as matched across documents: "PCD 1577", "PCD1577" and "pcd-1577" agree."""
    if not reference:
        return None
    key = _REFERENCE.sub("", reference.upper())
    return key or None
