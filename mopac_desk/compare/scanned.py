"""Reading one side of a comparison, scanned pages included.

A page with no text layer is read by OCR (``mopac_desk.ocr``), as ``extract`` and ``import``
read it, or taken from the words the register already keeps for the document (a scan is
read by OCR once, on import). Pages with a text layer are read by PDFium as always, so a
typeset paper costs nothing more than before: its own text tells which pages are empty, and
the stored words are not even looked up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..extract.engine import DocumentRead, read_papers
from ..ocr.engine import OcrPage, OcrUnavailableError
from ..ocr.reader import Cancel, Progress, ocr_page_texts
from ..ocr.reading import read_papers_ocr
from ..ocr.text import OcrPageText, page_text
from ..pdf import NoTextLayerError, PaperDocument

#: OCR words kept for a document by 0-based page, or a function giving them when asked
Stored = Mapping[int, OcrPage] | Callable[[], Mapping[int, OcrPage] | None]


def read_side(doc: PaperDocument, name: str | None, *, ocr: bool = True,
              stored: Stored | None = None, progress: Progress | None = None,
              cancel: Cancel | None = None) -> tuple[DocumentRead, dict[int, OcrPageText]]:
    """The read of an open document and what OCR read on it, by 0-based page ({} for a
    typeset paper).

    ``stored``: the OCR words kept for the document (the register's ``ocr_pages``), used for
    its empty pages in place of reading them again; a function is called only when the
    document has an empty page. Empty pages ``stored`` lacks are read by OCR when ``ocr``
    is true (``progress(done, total)``; ``cancel()`` raises
    :class:`~mopac_desk.ocr.reader.OcrCancelled`). A scan no words were found for (OCR off,
    or its engine unable to load) raises :class:`~mopac_desk.pdf.NoTextLayerError` as
    before; a typeset paper's unread scanned pages are left empty. Call it within
    ``extract.engine.reading(doc)``."""
    try:
        read: DocumentRead | None = read_papers(doc, name, "")  # no file hash needed
        empty = [i for i, text in enumerate(read.page_texts) if not text.strip()]
    except NoTextLayerError:
        read, empty = None, list(range(doc.page_count))
    if not empty:
        assert read is not None
        return read, {}
    kept = stored() if callable(stored) else stored
    texts = {i: page_text(p) for i, p in (kept or {}).items() if i in empty and p.words}
    missing = [i for i in empty if i not in texts]
    if ocr and missing:
        try:
            texts.update(ocr_page_texts(doc, missing, progress=progress, cancel=cancel))
        except OcrUnavailableError:
            pass  # as import does: the plain message for a scan, empty pages otherwise
    texts = {i: t for i, t in texts.items() if t.words}  # a blank sheet reads as nothing
    if not texts:
        if read is None:
            doc.require_text_layer()  # the plain message a scan always had
        assert read is not None
        return read, {}
    return read_papers_ocr(doc, name, "", texts), texts
