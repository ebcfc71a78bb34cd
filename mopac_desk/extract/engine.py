"""From a PDF to an :class:`Extraction`: lines, papers, then fields, recommendations, costs.

Readiness checks are not run here: ``mopac_desk.pipeline`` reads a paper (this extraction,
then the checks' findings).
"""

from __future__ import annotations

import gc
import os
import threading
from collections import deque
from contextlib import contextmanager
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..files import file_sha256
from ..pdf import PageText, PaperDocument
from .costs import extract_costs
from .fields import extract_fields
from .lines import Line, sample_offsets
from .model import Extraction, Paper, Part
from .recommendations import read_recommendations
from .running import document_lines
from .segment import segment
from .stream import PartText

_CHUNK = 8  # pages read in one job on the PDFium thread (a few milliseconds' work)
_READ_AHEAD = 2  # jobs queued ahead while this thread builds lines from earlier pages


def _page_texts(doc: PaperDocument) -> Iterator[PageText]:
    """Every page's text with its lines, read ahead on the PDFium thread in chunks so that
    reading the next pages overlaps with building lines from these."""
    n = doc.page_count
    ahead: deque[Future[list[PageText]]] = deque()
    queued = 0
    while queued < n or ahead:
        while queued < n and len(ahead) < _READ_AHEAD:
            ahead.append(doc.pages_lines_async(queued, min(n, queued + _CHUNK), sample_offsets))
            queued += _CHUNK
        yield from ahead.popleft().result()


@dataclass
class DocumentRead:
    """What extraction read of one document, beside the :class:`Extraction` made from it."""

    extraction: Extraction
    lines: list[Line]  # every line, reading order, running headers/footers flagged
    paper_lines: list[list[Line]]  # the lines of ``extraction.papers[i]``
    page_texts: list[str]  # each page's text, lines separated by "\n" (as ``doc.text(i)``)


def _read(doc: PaperDocument) -> tuple[list[Line], list[str]]:
    heights = {i + 1: size[1] for i, size in enumerate(doc.page_sizes)}
    texts: list[str] = []

    def kept(pages: Iterator[PageText]) -> Iterator[PageText]:
        # The search index wants each page's text: keep what the lines are read from
        # rather than reading the page (and every character's box) a second time.
        for pt in pages:
            texts.append(pt.text.replace("\r\n", "\n"))
            yield pt

    return document_lines(kept(_page_texts(doc)), heights), texts


def read_lines(doc: PaperDocument) -> list[Line]:
    """Every line of ``doc`` in reading order, running headers/footers flagged.

    Character boxes are read when a line's span is cited, while ``doc`` is open (a line
    kept past ``doc.close()`` gets them at the close)."""
    return _read(doc)[0]


def extract_lines(lines: list[Line]) -> list[tuple[Paper, list[Line]]]:
    """Papers found in a document's lines, each with its own lines (reading order)."""
    out: list[tuple[Paper, list[Line]]] = []
    for span in segment(lines):
        parts = [PartText.of(p.kind, lines[p.start:p.end]) for p in span.parts]
        parts = [p for p in parts if p.lines]
        if not parts:
            continue
        paper_lines = lines[span.start:span.end]
        paper = Paper(
            first_page=parts[0].first_page,
            last_page=parts[-1].last_page,
            parts=[Part(p.kind, p.first_page, p.last_page) for p in parts],
        )
        content = [p for p in parts if p.kind != "cover"] or parts
        paper.fields = extract_fields(content, paper_lines)
        paper.recommendations, in_recs = read_recommendations(content)
        paper.costs = extract_costs(content, in_recs)
        out.append((paper, paper_lines))
    return out


def extract_document(doc: PaperDocument, name: str | None = None, sha256: str | None = None) -> Extraction:
    """Extract every paper of an open document (``paper.checks`` left empty).

    Raises :class:`~mopac_desk.pdf.NoTextLayerError` for an image-only PDF.
    """
    with reading(doc):
        return read_papers(doc, name, sha256).extraction


@contextmanager
def reading(doc: PaperDocument) -> Iterator[None]:
    """The span in which ``doc`` is read: the cycle collector paused, and the pages kept
    open for lazy character boxes closed at the end. Work that cites lines right after
    extraction (the checks) belongs inside it."""
    with _cycle_collector_paused():
        try:
            yield
        finally:
            doc.release_text_pages()


_pause_lock = threading.Lock()
_paused_by = 0
_restore_collector = False


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Extraction makes some hundred thousand short-lived objects and no reference cycles;
    left running, the cycle collector would walk them all again and again (about a tenth
    of the time on a long meeting pack). Reference counting still frees them as it goes."""
    # Extractions may overlap on several threads: the last one out restores the collector,
    # and only if it was running when the first one came in.
    global _paused_by, _restore_collector
    with _pause_lock:
        if _paused_by == 0:
            _restore_collector = gc.isenabled()
            gc.disable()
        _paused_by += 1
    try:
        yield
    finally:
        with _pause_lock:
            _paused_by -= 1
            if _paused_by == 0 and _restore_collector:
                gc.enable()


def read_papers(doc: PaperDocument, name: str | None = None,
                sha256: str | None = None) -> DocumentRead:
    """Extract every paper of an open document and keep what was read for it; call it
    within :func:`reading` (as ``extract_document`` does)."""
    lines, texts = _read(doc)
    doc.require_text_layer()  # known from reading the lines unless no page has any text
    return papers_from_lines(doc, name, sha256, lines, texts)


def papers_from_lines(doc: PaperDocument, name: str | None, sha256: str | None,
                      lines: list[Line], texts: list[str]) -> DocumentRead:
    """The papers of ``doc`` from its lines (read from the text layer, or by OCR)."""
    if sha256 is None:
        try:
            sha256 = file_sha256(doc.path)
        except OSError:
            sha256 = ""
    extraction = Extraction(name or Path(doc.path).name, sha256, doc.page_count)
    paper_lines: list[list[Line]] = []
    for paper, own in extract_lines(lines):
        extraction.papers.append(paper)
        paper_lines.append(own)
    return DocumentRead(extraction, lines, paper_lines, texts)


def extract_file(path: str | os.PathLike[str], password: str | None = None) -> Extraction:
    """Open, extract and close one PDF (``paper.checks`` left empty: the pipeline's
    ``read_file`` adds them). Raises the PDF layer's typed errors
    (:class:`~mopac_desk.pdf.PaperError` subclasses) for unreadable input."""
    with PaperDocument.open(path, password=password) as doc:
        return extract_document(doc, Path(path).name, file_sha256(path))
