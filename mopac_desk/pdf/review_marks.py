"""Rendering a page without the file's own review comments.

The register imports a file's review comments (highlights, notes, boxes, ink…) and the viewer
draws them itself, as overlays a reviewer can edit; PDFium drawing them into the page image
as well would show each comment twice. PDFium's all-or-nothing switch (render without
``FPDF_ANNOT``) would also drop what is not a comment: form fields, a signature's picture,
stamps. So the review kinds alone are marked hidden, in memory only (the file is never
saved from here), and the page renders with annotations on. Runs on the PDFium thread.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as raw

#: the subtypes the register imports as comments (see mopac_desk.annotations.pdf_read), and
#: their popups
REVIEW_SUBTYPES: frozenset[int] = frozenset({
    raw.FPDF_ANNOT_TEXT, raw.FPDF_ANNOT_HIGHLIGHT, raw.FPDF_ANNOT_UNDERLINE,
    raw.FPDF_ANNOT_SQUIGGLY, raw.FPDF_ANNOT_STRIKEOUT, raw.FPDF_ANNOT_SQUARE,
    raw.FPDF_ANNOT_CIRCLE, raw.FPDF_ANNOT_FREETEXT, raw.FPDF_ANNOT_CARET, raw.FPDF_ANNOT_INK,
    raw.FPDF_ANNOT_POPUP,
})


def hide_review_marks(page: pdfium.PdfPage) -> int:
    """Mark ``page``'s review comments hidden (for this open document only); returns how
    many were hidden now. Call on the PDFium thread, before rendering the page."""
    hidden = 0
    for n in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, n)
        if not annot:
            continue
        try:
            if raw.FPDFAnnot_GetSubtype(annot) in REVIEW_SUBTYPES:
                flags = raw.FPDFAnnot_GetFlags(annot)
                if not flags & raw.FPDF_ANNOT_FLAG_HIDDEN:
                    raw.FPDFAnnot_SetFlags(annot, flags | raw.FPDF_ANNOT_FLAG_HIDDEN)
                    hidden += 1
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return hidden
