"""Reading a scanned paper: what the pipeline calls when a paper's pages have no text layer.

The pipeline's part is two calls (see docs/ocr.md)::

    read, ocr = read_papers_or_scan(doc, name, sha256)   # ocr: {} for a typeset paper
    ...checks on read.extraction...
    mark_ocr(read.extraction, read.paper_lines, ocr)     # "ocr" on papers, "confidence" on
                                                         # items, findings for figures to check

Pages OCR read stand in for their empty text layer; pages with text are read by PDFium as
always, so a typeset paper with one scanned signature page reads every page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..extract.engine import DocumentRead, papers_from_lines, read_papers
from ..extract.lines import Line, sample_offsets
from ..extract.model import Extraction, Finding, Paper
from ..extract.running import document_lines
from ..pdf import NoTextLayerError, PageText, PaperDocument
from .engine import OcrUnavailableError
from .figures import figure_problems, suspect_figures
from .reader import Cancel, Progress, ocr_page_texts
from .text import OcrPageText

#: Code of the finding a figure read by OCR gets when it should be compared with the page.
OCR_FIGURE_CODE = "ocr_figure"


def read_papers_ocr(doc: PaperDocument, name: str | None, sha256: str | None,
                    ocr: Mapping[int, OcrPageText]) -> DocumentRead:
    """What ``extract.engine.read_papers`` gives, with ``ocr[i]`` read in place of page
    ``i``'s (empty) text layer. Call it within ``extract.engine.reading(doc)`` (pages with a
    text layer stay open for their character boxes until it ends, or until ``doc`` closes)."""
    heights = {i + 1: size[1] for i, size in enumerate(doc.page_sizes)}
    typeset = [i for i in range(doc.page_count) if i not in ocr]
    read: dict[int, PageText] = {}
    if typeset:
        futures = [doc.page_lines_async(i, sample_offsets) for i in typeset]
        read = {i: f.result() for i, f in zip(typeset, futures)}
    pages: list[PageText] = [ocr[i] if i in ocr else read[i] for i in range(doc.page_count)]
    texts = [pt.text.replace("\r\n", "\n") for pt in pages]
    return papers_from_lines(doc, name, sha256, document_lines(iter(pages), heights), texts)


def confidence_at(ocr: Mapping[int, OcrPageText], page: int,
                  rects: Sequence[Sequence[float]]) -> float | None:
    """The lowest OCR confidence (0-100) of the words under ``rects`` on 1-based ``page``;
    None when the page was not read by OCR or no word lies there."""
    pt = ocr.get(page - 1)
    if pt is None or not rects:
        return None
    return pt.confidence_in(rects)


def mark_ocr(extraction: Extraction, paper_lines: Sequence[Sequence[Line]],
             ocr: Mapping[int, OcrPageText]) -> list[list[Finding]]:
    """Mark what OCR read: ``ocr`` on each paper with an OCR-read page, ``confidence`` on
    every field, recommendation and cost that stands on one, and for each paper the
    findings (one per figure to compare with the page), also appended to ``paper.checks``.

    Returns the new findings, one list per paper.
    """
    out: list[list[Finding]] = []
    for paper in extraction.papers:
        pages = range(paper.first_page - 1, paper.last_page)
        paper.ocr = any(i in ocr for i in pages)
        found: list[Finding] = []
        if paper.ocr:
            found = _mark_paper(paper, ocr)
            paper.checks.extend(found)
        out.append(found)
    return out


def _mark_paper(paper: Paper, ocr: Mapping[int, OcrPageText]) -> list[Finding]:
    for f in paper.fields.values():
        if f is not None:
            f.confidence = confidence_at(ocr, f.page, f.rects)
    for r in paper.recommendations:
        r.confidence = confidence_at(ocr, r.page, r.rects)
    findings: list[Finding] = []
    cited: set[tuple[int, tuple[float, ...]]] = set()
    for c in paper.costs:
        conf = confidence_at(ocr, c.page, c.rects)
        c.confidence = conf
        if c.page - 1 not in ocr:
            continue
        problems = figure_problems(c.raw, conf)
        if problems:
            findings.append(_finding(c.page, c.raw, problems, c.rects))
            cited.update((c.page, tuple(r)) for r in c.rects)
    # Figures extraction did not take as costs (a number split by a stray space) still count.
    for index in range(paper.first_page - 1, paper.last_page):
        pt = ocr.get(index)
        if pt is None:
            continue
        for s in suspect_figures(pt):
            rects = [list(r.as_list()) for r in pt.rects_for_span(s.start, s.end)]
            if any(_overlaps(r, other) for r in rects
                   for (pg, other) in cited if pg == index + 1):
                continue
            findings.append(_finding(index + 1, s.text, list(s.problems), rects))
    return findings


def _overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _finding(page: int, quote: str, problems: list[str], rects: list[list[float]]) -> Finding:
    return Finding(OCR_FIGURE_CODE, "warning",
                   f"Read by OCR: compare “{quote}” with the page ({'; '.join(problems)}).",
                   page, quote, [list(r) for r in rects])


def read_papers_or_scan(doc: PaperDocument, name: str | None, sha256: str | None, *,
                        ocr: bool = True, progress: Progress | None = None,
                        cancel: Cancel | None = None
                        ) -> tuple[DocumentRead, dict[int, OcrPageText]]:
    """``extract.engine.read_papers``, with the pages that have no text layer read by OCR
    (``ocr`` true): a typeset paper costs nothing more, its text tells which pages are empty.

    Returns the read and the OCR page texts by 0-based page ({} when OCR read nothing).
    Where OCR cannot load, a scan raises the plain "no text layer" error as before (so does
    every scan when ``ocr`` is false); a typeset paper's scanned pages are then left empty.
    Call it within ``extract.engine.reading(doc)``.
    """
    try:
        read: DocumentRead = read_papers(doc, name, sha256)
        empty = [i for i, text in enumerate(read.page_texts) if not text.strip()]
    except NoTextLayerError:
        if not ocr:
            raise
        read, empty = None, list(range(doc.page_count))  # type: ignore[assignment]
    if not ocr or not empty:
        return read, {}
    try:
        texts = ocr_page_texts(doc, empty, progress=progress, cancel=cancel)
    except OcrUnavailableError:
        if read is None:
            doc.require_text_layer()  # the plain message a scan always had
        return read, {}
    if not any(t.words for t in texts.values()):
        if read is None:
            doc.require_text_layer()
        return read, {}
    return read_papers_ocr(doc, name, sha256, texts), texts
