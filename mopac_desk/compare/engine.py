"""Compare two papers (or two versions of one): the word changes, money first, the
recommendations, and a map between the two documents for scrolling them together.

Serialised as ``mopac-desk/compare@1``. Pages are 1-based; rects are ``[x0, y0, x1, y1]`` in
PDF points, origin bottom-left; amounts are integer pence.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extract.engine import reading
from ..extract.lines import Line
from ..extract.model import Paper
from ..extract.summary import Summary
from ..ocr.engine import OcrPage
from ..ocr.figures import LOW_CONFIDENCE
from ..ocr.reader import Cancel, Progress
from ..ocr.text import OcrPageText
from ..pdf import PaperDocument
from .align import Alignment
from .classify import Change, classify
from .diff import Op, align
from .money import (
    AmountChange,
    RecommendationChange,
    money_changes,
    recommendation_changes,
)
from .ocr_noise import (
    change_confidence,
    misread_running,
    recommendation_noise,
    split_noise,
    summary_noise,
)
from .scanned import read_side
from .summaries import SummaryChange, summaries_of, summary_changes
from .words import Words

SCHEMA = "mopac-desk/compare@1"


@dataclass
class Version:
    """One side of a comparison: the file, its words and what extraction found in it."""

    name: str
    pages: int
    page_heights: list[float]
    lines: list[Line] | None  # every line, running headers flagged (None once closed)
    papers: list[Paper]
    words: Words | None = None  # set by the comparison (None once its document is closed)
    # What OCR read on its scanned pages, by 0-based page ({} for a typeset paper).
    ocr: dict[int, OcrPageText] = field(default_factory=dict)

    @property
    def ocr_pages(self) -> list[int]:
        """The 1-based pages read by OCR."""
        return sorted(i + 1 for i in self.ocr)


@dataclass
class Comparison:
    """Everything a comparison found. ``changes`` are in reading order; :meth:`money_first`
    puts the changes that hold a changed £ sum before the rest."""

    old: Version
    new: Version
    ops: list[Op]
    changes: list[Change]
    amounts: list[AmountChange]
    recommendations: list[RecommendationChange]
    alignment: Alignment
    # Each paper's financial summary on either side, and what differs between them.
    old_summaries: list[Summary] = field(default_factory=list)
    new_summaries: list[Summary] = field(default_factory=list)
    summary_changes: list[SummaryChange] = field(default_factory=list)
    # Where a side was read by OCR: the differences that are OCR's misreadings (the same
    # words and figures, read a little differently), kept apart from ``changes``.
    ocr_noise: list[Change] = field(default_factory=list)
    summary_noise: list[SummaryChange] = field(default_factory=list)
    recommendation_noise: list[RecommendationChange] = field(default_factory=list)

    def doubtful(self) -> list[int]:
        """Indices in ``changes`` of those whose words OCR read with low confidence (below
        ``mopac_desk.ocr.figures.LOW_CONFIDENCE``): a change to check against the page."""
        return [k for k, c in enumerate(self.changes)
                if c.ocr_confidence is not None and c.ocr_confidence < LOW_CONFIDENCE]

    def money_first(self) -> list[Change]:
        """Changes holding a changed £ sum first, then the rest, each in reading order."""
        return [c for c in self.changes if c.money] + [c for c in self.changes if not c.money]

    def marks(self, side: str, page: int) -> list[tuple[int, Change, list[float]]]:
        """What to colour on one page of one side (``"old"`` or ``"new"``): ``(index in
        changes, change, rect)`` for every rectangle of every change standing there."""
        out: list[tuple[int, Change, list[float]]] = []
        for k, c in enumerate(self.changes):
            s = c.old if side == "old" else c.new
            if s is None:
                continue
            for p, rects in s.spans:
                if p == page:
                    out.extend((k, c, r) for r in rects)
        return out

    def strip(self, side: str) -> list[tuple[float, Change]]:
        """Where each change stands down one side's whole document, 0 (top of page 1) to 1
        (foot of the last page), for the change marker strip beside a scrollbar."""
        version = self.old if side == "old" else self.new
        total = sum(version.page_heights) or 1.0
        position = (self.alignment.old_position if side == "old"
                    else self.alignment.new_position)
        return [(position(*(c.old_at if side == "old" else c.new_at)) / total, c)
                for c in self.changes]

    def to_dict(self) -> dict[str, Any]:
        """The ``mopac-desk/compare@1`` JSON object."""
        return {
            "schema": SCHEMA,
            "old": {"name": self.old.name, "pages": self.old.pages},
            "new": {"name": self.new.name, "pages": self.new.pages},
            "changes": [c.to_dict() for c in self.changes],
            "amounts": [a.to_dict() for a in self.amounts],
            "recommendations": [r.to_dict() for r in self.recommendations],
            "summaries": {
                "old": [x.to_dict() for x in self.old_summaries],
                "new": [x.to_dict() for x in self.new_summaries],
                "changes": [x.to_dict() for x in self.summary_changes],
            },
            "ocr": {
                "old_pages": self.old.ocr_pages,
                "new_pages": self.new.ocr_pages,
                "noise": [c.to_dict() for c in self.ocr_noise],
                "doubtful": [{"change": k,
                              "confidence": round(self.changes[k].ocr_confidence or 0.0, 1)}
                             for k in self.doubtful()],
            },
        }


def read_version(doc: PaperDocument, name: str | None = None, *, ocr: bool = False,
                 stored: Mapping[int, OcrPage] | None = None,
                 progress: Progress | None = None, cancel: Cancel | None = None) -> Version:
    """The lines and extracted papers of an open document (call it within
    :func:`~mopac_desk.extract.engine.reading`, as :func:`compare_documents` does).

    Pages with no text layer are read by OCR when ``ocr`` is true, or from ``stored``, the
    OCR words the register keeps for the document (see :func:`.scanned.read_side`;
    ``progress``/``cancel`` are the OCR reader's). Raises
    :class:`~mopac_desk.pdf.NoTextLayerError` for a scan with no text that is not read."""
    # A comparison needs no hash of the file.
    read, texts = read_side(doc, name, ocr=ocr, stored=stored, progress=progress,
                            cancel=cancel)
    heights = [float(h) for _, h in doc.page_sizes]
    return Version(name or Path(doc.path).name, doc.page_count, heights, read.lines,
                   read.extraction.papers, ocr=texts)


_DIGITS = re.compile(r"\d+")


def _shape(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.casefold().split()))


def _in_margin(line: Line, heights: list[float]) -> bool:
    h = heights[line.page - 1] if 0 < line.page <= len(heights) else 842.0
    return line.y0 > h * 0.85 or line.y1 < h * 0.12


def _running_shapes(version: Version) -> set[str]:
    """Shapes of the version's running headers and footers: those on at least half its
    pages, or on three pages in a row (one paper's header in a meeting pack). Extraction
    flags a line that repeats at one height on a few pages; in a long paper the last line of
    a paragraph ("autumn.") can do that by chance here and there, and a comparison must not
    lose it on one side only."""
    assert version.lines is not None
    pages: dict[str, set[int]] = {}
    for ln in version.lines:
        if ln.running:
            pages.setdefault(_shape(ln.text), set()).add(ln.page)
    need = max(1, version.pages // 2)
    return {shape for shape, on in pages.items()
            if len(on) >= need or any(p + 1 in on and p + 2 in on for p in on)}


def _body_words(version: Version, other: Version) -> Words:
    """The version's words without its running headers and footers. A line in the margin
    that runs on the other version's pages counts as running too (a one-page paper's header
    cannot be seen to repeat on its own)."""
    assert version.lines is not None
    ours, theirs = _running_shapes(version), _running_shapes(other)
    known = ours | theirs
    heights = version.page_heights
    lines = []
    scanned = version.ocr if known else {}
    for ln in version.lines:
        if ln.running or (theirs and _in_margin(ln, heights)):
            shape = _shape(ln.text)
            if shape in known:
                continue
        # OCR reads a running footer a little differently on each page ("Page 1o0f 4"), so
        # on a scanned page one in the margin like a known running line is running too.
        if ln.page - 1 in scanned and _in_margin(ln, heights) and \
                misread_running(_shape(ln.text), known):
            continue
        lines.append(ln)
    return Words(lines, running_known=True)


def compare_versions(old: Version, new: Version) -> Comparison:
    """Compare two versions read from documents that are still open (the rectangles of the
    changed words are read from them)."""
    old.words, new.words = _body_words(old, new), _body_words(new, old)
    ops = align(old.words.keys, new.words.keys)
    # OCR's misreadings on a scanned side are set apart before money is looked for in them.
    changes, noise = split_noise(classify(old.words, new.words, ops), old.ocr, new.ocr)
    if old.ocr or new.ocr:
        for c in changes:
            c.ocr_confidence = change_confidence(c, old.ocr, new.ocr)
    amounts = money_changes(changes, old.words, new.words,
                            [c for p in old.papers for c in p.costs],
                            [c for p in new.papers for c in p.costs])
    recs, rec_noise = recommendation_changes(old.papers, new.papers), []
    if old.ocr or new.ocr:
        recs, rec_noise = recommendation_noise(recs, changes)
    alignment = Alignment(old.words, new.words, ops, old.page_heights, new.page_heights)
    old_sums, new_sums = summaries_of(old.papers), summaries_of(new.papers)
    sums, sums_noise = summary_noise(summary_changes(old_sums, new_sums), old_sums, new_sums,
                                     noise)
    return Comparison(old, new, ops, changes, amounts, recs, alignment, old_sums, new_sums,
                      sums, noise, sums_noise, rec_noise)


def compare_documents(old_doc: PaperDocument, new_doc: PaperDocument,
                      old_name: str | None = None, new_name: str | None = None, *,
                      ocr: bool = False) -> Comparison:
    """Compare two open documents (both stay open: the UI keeps them, and re-anchoring
    reads the new one's character boxes). ``ocr``: read a scanned side by OCR (seconds a
    page; off by default here, so re-anchoring never starts an OCR read)."""
    with reading(old_doc), reading(new_doc):
        return compare_versions(read_version(old_doc, old_name, ocr=ocr),
                                read_version(new_doc, new_name, ocr=ocr))


def compare_files(old_path: str | os.PathLike[str], new_path: str | os.PathLike[str],
                  old_password: str | None = None, new_password: str | None = None, *,
                  ocr: bool = True) -> Comparison:
    """Open, compare and close two PDFs (the versions' words are let go: re-anchoring needs
    :func:`compare_documents` on open documents). A scanned side is read by OCR unless
    ``ocr`` is false. Raises the PDF layer's typed errors
    (:class:`~mopac_desk.pdf.PaperError` subclasses) for unreadable input, and
    ``NoTextLayerError`` for a scan that is not read."""
    with (PaperDocument.open(old_path, password=old_password) as old_doc,
          PaperDocument.open(new_path, password=new_password) as new_doc):
        result = compare_documents(old_doc, new_doc, Path(old_path).name, Path(new_path).name,
                                   ocr=ocr)
        # The words' lines would read every character box left unread as the documents
        # close (so that they outlive them); nothing needs them past this point.
        for version in (result.old, result.new):
            version.words = version.lines = None
        return result
