"""Papers annotated the way Acrobat writes review comments, made with pikepdf.

:func:`write_paper` lays out a short generated paper (tests.helpers.paper_pdf);
:func:`annotate_like_acrobat` adds a highlight with its popup, a reply and a review state,
a sticky note whose words are only rich text, a strike-out, a caret, a square, a free-text
box, an ink stroke and a link (not a comment), and returns what an import should find.
:func:`sign_like_acrobat` adds a signature field whose value has a ``/ByteRange``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from mopac_desk.pdf import PaperDocument
from tests.helpers.paper_pdf import PAGE_BREAK, write_rows

HIGHLIGHTED = "cell doors and locking systems"
STRUCK = "from existing budgets"
LINES = [
    (11.0, 72.0, "The Deputy Mayor is asked to approve capital expenditure of two million"),
    (11.0, 72.0, "pounds to renew custody suite cell doors and locking systems across six"),
    (11.0, 72.0, "sites, and to note the revenue pressure which will be met"),
    (11.0, 72.0, "from existing budgets in each year of the programme."),
    PAGE_BREAK,
    (11.0, 72.0, "Financial comments: the capital cost is funded from the approved plan."),
    (11.0, 72.0, "Legal comments: the works will be procured under the framework."),
]


def write_paper(path: Path) -> Path:
    """A two-page paper with known words (see :data:`LINES`)."""
    return write_rows(path, list(LINES))


def phrase_rects(path: Path, phrase: str) -> tuple[int, list[list[float]]]:
    """(1-based page, rectangles) of the first occurrence of ``phrase`` in the file."""
    with PaperDocument.open(path) as doc:
        hit = doc.find(phrase)[0]
        return hit.index + 1, [r.as_list() for r in hit.rects]


@dataclass
class Expected:
    """What the annotated file holds, for the import tests to compare against."""

    highlight_page: int
    highlight_rects: list[list[float]]
    strike_page: int
    strike_rects: list[list[float]]


def _quads(rects: list[list[float]]) -> list[float]:
    out: list[float] = []
    for x0, y0, x1, y1 in rects:
        out += [x0, y1, x1, y1, x0, y0, x1, y0]
    return out


def _ap(pdf: pikepdf.Pdf, bbox: list[float], content: bytes, **res: object) -> pikepdf.Dictionary:
    stream = pikepdf.Stream(pdf, content)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Form
    stream.BBox = pikepdf.Array(bbox)
    if res:
        stream.Resources = pikepdf.Dictionary(res)
    return pikepdf.Dictionary(N=stream)


def _annot(pdf: pikepdf.Pdf, page: pikepdf.Page, **entries: object) -> pikepdf.Dictionary:
    d = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, P=page.obj, **entries))
    if "/Annots" not in page.obj:
        page.obj.Annots = pdf.make_indirect(pikepdf.Array())
    page.obj.Annots.append(d)
    return d


def annotate_like_acrobat(source: Path, out: Path) -> Expected:
    """Write ``source`` with Acrobat-style review comments to ``out``."""
    hl_page, hl_rects = phrase_rects(source, HIGHLIGHTED)
    st_page, st_rects = phrase_rects(source, STRUCK)
    N, S = pikepdf.Name, pikepdf.String
    with pikepdf.open(source) as pdf:
        p1 = pdf.pages[hl_page - 1]
        x0 = min(r[0] for r in hl_rects)
        y1 = max(r[3] for r in hl_rects)
        hl = _annot(
            pdf, p1, Subtype=N.Highlight, Rect=[x0, min(r[1] for r in hl_rects),
                                                 max(r[2] for r in hl_rects), y1],
            QuadPoints=_quads(hl_rects), F=4, C=[1, 1, 0], CA=1, T=S("Priya Shah"),
            NM=S("acro-hl-1"), M=S("D:20250612101500+01'00'"),
            CreationDate=S("D:20250612100000+01'00'"), Subj=S("Highlight"),
            Contents=S("Check this cost against the capital plan"),
            RC=S('<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p>Check '
                 'this cost against the <b>capital plan</b></p></body>'),
            AP=_ap(pdf, [x0, 600, 400, y1], b"1 1 0 rg 0 0 1 1 re f"))
        popup = _annot(pdf, p1, Subtype=N.Popup, Parent=hl, Rect=[400, 600, 580, 700],
                       Open=False, F=28)
        hl.Popup = popup
        _annot(pdf, p1, Subtype=N.Text, IRT=hl, RT=N.R, Rect=[x0, y1 - 20, x0 + 20, y1], F=28,
               T=S("Tom Reed"), Contents=S("Agreed: the plan has £2m."), NM=S("acro-reply-1"),
               M=S("D:20250613090000Z"), CreationDate=S("D:20250613090000Z"), Name=N.Comment)
        _annot(pdf, p1, Subtype=N.Text, IRT=hl, Rect=[x0, y1 - 20, x0 + 20, y1], F=30,
               T=S("Tom Reed"), State=S("Rejected"), StateModel=S("Review"),
               Contents=S("Rejected set by Tom Reed"), NM=S("acro-state-0"),
               M=S("D:20250613091000Z"))
        _annot(pdf, p1, Subtype=N.Text, IRT=hl, Rect=[x0, y1 - 20, x0 + 20, y1], F=30,
               T=S("Tom Reed"), State=S("Accepted"), StateModel=S("Review"),
               Contents=S("Accepted set by Tom Reed"), NM=S("acro-state-1"),
               M=S("D:20250613093000Z"))
        _annot(pdf, p1, Subtype=N.Text, Rect=[500, 700, 520, 720], F=28, Name=N.Comment,
               T=S("Priya Shah"), NM=S("acro-note-1"), C=[0.5, 0.75, 1.0],
               RC=S('<body xmlns="http://www.w3.org/1999/xhtml"><p>Is six sites</p>'
                    '<p>still right?</p></body>'), M=S("D:20250612110000Z"))
        p_st = pdf.pages[st_page - 1]
        _annot(pdf, p_st, Subtype=N.StrikeOut, Rect=[min(r[0] for r in st_rects), 0, 400, 800],
               QuadPoints=_quads(st_rects), F=4, C=[1, 0, 0], T=S("Tom Reed"),
               NM=S("acro-so-1"), M=S("D:20250612111500Z"), Contents=S("Say which budget"))
        _annot(pdf, p1, Subtype=N.Caret, Rect=[300, 690, 310, 700], F=4, C=[0, 0, 1],
               T=S("Tom Reed"), NM=S("acro-caret-1"), Contents=S("insert: revenue"),
               Sy=N("/None"), M=S("D:20250612112000Z"))
        _annot(pdf, p1, Subtype=N.Square, Rect=[60, 500, 300, 560], F=4, C=[0, 0.5, 0],
               T=S("Priya Shah"), NM=S("acro-sq-1"), Contents=S("This table needs totals"),
               M=S("D:20250612112500Z"))
        _annot(pdf, p1, Subtype=N.FreeText, Rect=[320, 500, 520, 540], F=4,
               DA=S("/Helv 10 Tf 1 0 0 rg"), T=S("Priya Shah"), NM=S("acro-ft-1"),
               Contents=S("Typed on the page"), M=S("D:20250612113000Z"))
        _annot(pdf, p1, Subtype=N.Ink, Rect=[100, 400, 200, 450], F=4, C=[0, 0, 0],
               InkList=[[100, 400, 150, 450, 200, 400]], T=S("Tom Reed"), NM=S("acro-ink-1"),
               M=S("D:20250612113500Z"))
        _annot(pdf, p1, Subtype=N.Link, Rect=[72, 100, 200, 120], Border=[0, 0, 0],
               A=pikepdf.Dictionary(S=N.URI, URI=S("https://www.london.gov.uk/")))
        pdf.save(out)
    return Expected(hl_page, hl_rects, st_page, st_rects)


def sign_like_acrobat(source: Path, out: Path) -> Path:
    """``source`` with a signature field whose value has a ``/ByteRange`` (no real
    cryptography: enough for the export to recognise a signed file)."""
    with pikepdf.open(source) as pdf:
        sig = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Sig, Filter=pikepdf.Name("/Adobe.PPKLite"),
            SubFilter=pikepdf.Name("/adbe.pkcs7.detached"),
            ByteRange=[0, 100, 200, 300], Contents=pikepdf.String(b"\x00" * 64)))
        field = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Sig,
            T=pikepdf.String("Signature1"), V=sig, Rect=[0, 0, 0, 0], F=132,
            P=pdf.pages[0].obj))
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field], SigFlags=3)
        pdf.save(out)
    return out
