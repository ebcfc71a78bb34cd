"""Reading a paper: its extraction, then the readiness checks' findings on it.

This step sits above both ``extract`` (which knows nothing of the checks) and ``checks``
(which reads what extraction found); the commands, the register's import and the window read
papers through it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .checks import run_checks
from .extract.engine import reading
from .extract.lines import Line
from .extract.model import Extraction
from .files import file_sha256
from .ocr.engine import OcrPage
from .ocr.reader import Cancel, Progress
from .ocr.reading import mark_ocr, read_papers_or_scan
from .pdf import PaperDocument


@dataclass
class Reading:
    """Everything read of one PDF file.

    ``extraction`` has each paper's findings in ``paper.checks``. ``lines`` are every line
    of the document in reading order (``running``/``footnote`` flags, 1-based ``page``);
    ``paper_lines[i]`` are the lines of ``extraction.papers[i]``. ``page_texts[i]`` is page
    ``i + 1``'s text with ``"\\n"`` between lines, taken from the text extraction read.
    ``ocr_pages``: the 0-based pages that had no text layer and were read by OCR;
    ``ocr_read[i]`` is what OCR read on page ``i`` (words, boxes, confidences), for the
    register to keep.
    ``repaired``: PDFium repaired the file's damaged structure (cross-reference table) on
    opening, so what it shows should be checked against the original.
    ``annotations``: how many annotations the pages hold (any kind; None: not counted).
    """

    extraction: Extraction
    lines: list[Line]
    paper_lines: list[list[Line]]
    page_texts: list[str]
    ocr_pages: list[int] = field(default_factory=list)
    repaired: bool = False
    ocr_read: dict[int, OcrPage] = field(default_factory=dict)
    annotations: int | None = None


def read_document(doc: PaperDocument, name: str | None = None,
                  sha256: str | None = None, *, ocr: bool = True,
                  ocr_progress: Progress | None = None,
                  ocr_cancel: Cancel | None = None) -> Reading:
    """Read every paper of an open document: extraction, then findings.

    ``name`` defaults to the file's name and ``sha256`` to the hash of its bytes. Pages with
    no text layer are read by OCR (``ocr_progress(done, total)``; ``ocr_cancel()`` stops it
    with ``mopac_desk.ocr.reader.OcrCancelled``). Raises
    :class:`~mopac_desk.pdf.NoTextLayerError` for an image-only PDF when ``ocr`` is false or
    OCR cannot load.
    """
    with reading(doc):
        # OCR path (mopac_desk/ocr): pages without text are read by OCR in their place.
        read, scanned = read_papers_or_scan(doc, name, sha256, ocr=ocr,
                                            progress=ocr_progress, cancel=ocr_cancel)
        # Inside the read: the checks cite lines, whose boxes load from pages still open.
        for paper, lines in zip(read.extraction.papers, read.paper_lines):
            paper.checks = run_checks(paper, lines)
        if scanned:  # figures read by OCR carry their confidence; doubtful ones are findings
            mark_ocr(read.extraction, read.paper_lines, scanned)
    return Reading(read.extraction, read.lines, read.paper_lines, read.page_texts,
                   sorted(scanned), repaired=doc.repaired,
                   ocr_read={i: t.ocr_page for i, t in scanned.items() if t.ocr_page},
                   annotations=doc.annotation_count)


def read_file(path: str | os.PathLike[str], password: str | None = None, *,
              sha256: str | None = None, ocr: bool = True,
              ocr_progress: Progress | None = None,
              ocr_cancel: Cancel | None = None) -> Reading:
    """Open, read and close one PDF (``sha256``: the file's hash when the caller has it;
    ``ocr_progress`` / ``ocr_cancel`` as for :func:`read_document`).

    The reading's lines keep their text, geometry and flags but not their character boxes
    (the file is closed; what extraction cited is in ``extraction``'s rects). Raises the PDF
    layer's typed errors (:class:`~mopac_desk.pdf.PaperError` subclasses) for unreadable input.
    """
    doc = PaperDocument.open(path, password=password)
    try:
        # OCR progress (issue #17): the window shows and can stop the reading of a scan.
        return read_document(doc, Path(path).name, sha256 or file_sha256(path), ocr=ocr,
                             ocr_progress=ocr_progress, ocr_cancel=ocr_cancel)
    finally:
        doc.close(keep_boxes=False)
