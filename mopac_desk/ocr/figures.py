"""Figures read by OCR are never trusted blindly: what makes one worth comparing with the page.

:func:`figure_problems` says, in plain English, what is wrong with one figure as read (its
text and the confidence of the words it came from): a confidence below
:data:`LOW_CONFIDENCE`, a letter where a digit belongs ("£2.O25m"), a stray space inside a
number ("£2 .025m"), digit groups that are not in threes ("£21,3477"), odd punctuation.
:func:`suspect_figures` runs it over every figure of a page read by OCR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import OcrPageText

#: Tesseract's word confidence (0-100) under which a figure is flagged. On the test scans every
#: clean amount read at 90 or more; amounts under a smudge read at 30-71, some of them wrong.
LOW_CONFIDENCE = 80.0

# Letters OCR puts for digits: O/o for 0, I/l/| for 1, S for 5, B for 8, Z for 2.
_LOOKALIKE = "OoIl|SBZ"
_LETTER_IN_NUMBER = re.compile(
    rf"(?<=\d)[{_LOOKALIKE}]|(?<=\d[.,])[{_LOOKALIKE}]|[{_LOOKALIKE}](?=[.,]?\d)")
_SPACE_IN_NUMBER = re.compile(r"£\s+\d|\d\s+[.,]\s*\d|\d[.,]\s+\d|\d\s\d{3}(?!\d)")
_BAD_GROUPS = re.compile(r"\d{4,},\d|,\d{1,2}(?!\d)|,\d{4,}")
_ODD_MARK = re.compile(r"\d[;:']\d|\d\.\d+\.\d|£[^\w\s]")
# Where a figure stands in a page's text: "£" and what follows it, or a number with its unit.
_FIGURE = re.compile(
    rf"£\s?[\d{_LOOKALIKE}][\d{_LOOKALIKE},.;:' ]*\d[\d{_LOOKALIKE}]*(?:\s?(?:m|k|bn|million|billion)\b)?"
    rf"|£\s?\d+(?:\s?(?:m|k|bn|million|billion)\b)?")


@dataclass(frozen=True)
class SuspectFigure:
    """A figure on an OCR page worth comparing with the page: ``text[start:end]`` of
    ``page_text``, the lowest confidence of its words, and why it is suspect."""

    index: int  # 0-based page
    start: int
    end: int
    text: str
    confidence: float | None
    problems: tuple[str, ...]


def figure_problems(text: str, confidence: float | None = None) -> list[str]:
    """Why a figure read by OCR (``text``, with its words' lowest ``confidence``) should be
    compared with the page; empty when nothing is wrong with it."""
    out: list[str] = []
    if confidence is not None and confidence < LOW_CONFIDENCE:
        out.append(f"read with low confidence ({confidence:.0f}%)")
    if _LETTER_IN_NUMBER.search(text):
        out.append("a letter stands where a digit belongs")
    if _SPACE_IN_NUMBER.search(text):
        out.append("a space stands inside the number")
    if _BAD_GROUPS.search(text):
        out.append("its digits are not grouped in threes")
    if _ODD_MARK.search(text):
        out.append("odd punctuation inside the number")
    return out


def suspect_figures(page_text: OcrPageText) -> list[SuspectFigure]:
    """Every £ figure on an OCR page that :func:`figure_problems` finds fault with."""
    out: list[SuspectFigure] = []
    text = page_text.text
    for m in _FIGURE.finditer(text):
        raw = m.group().rstrip(" ,.;:")
        start, end = m.start(), m.start() + len(raw)
        # A figure runs to the end of its line at most (the page text breaks lines with \r\n).
        cut = raw.find("\r")
        if cut >= 0:
            raw, end = raw[:cut], start + cut
        conf = page_text.span_confidence(start, end)
        problems = figure_problems(raw, conf)
        if problems:
            out.append(SuspectFigure(page_text.index, start, end, raw, conf, tuple(problems)))
    return out
