"""Memory bombs placed where only a whole-file check finds them: past page 1, or in the
page tree's inherited resources (for the first-page-first opening, issue #18)."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from mopac_desk.pdf.preflight import STREAM_LIMIT
from tests.helpers import bad_pdfs


def bomb_on_page_2_pdf(tmp_path: Path) -> Path:
    """A clean page 1 followed by the bomb's page."""
    bomb = bad_pdfs.flate_bomb_pdf(tmp_path, inflated_mib=(STREAM_LIMIT >> 20) * 2)
    with pikepdf.open(bomb) as src:
        pdf = pikepdf.new()
        pdf.add_blank_page(page_size=(595, 842))
        pdf.pages.extend(src.pages)
        path = tmp_path / "bomb-on-page-2.pdf"
        pdf.save(path, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


def inherited_bomb_pdf(tmp_path: Path) -> Path:
    """Page 1 draws a form XObject found only in the page tree's inherited /Resources, and
    that form is the bomb's stream."""
    bomb = bad_pdfs.flate_bomb_pdf(tmp_path, inflated_mib=(STREAM_LIMIT >> 20) * 2)
    with pikepdf.open(bomb) as pdf:
        page = pdf.pages[0].obj
        form = page.Contents
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox = [0, 0, 595, 842]
        page.Contents = pdf.make_stream(b"/Fm0 Do")
        del page["/Resources"]
        pdf.Root.Pages.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
        path = tmp_path / "inherited-bomb.pdf"
        pdf.save(path, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


def nested_first_page_bomb_pdf(tmp_path: Path, depth: int = 1) -> Path:
    """The page PDFium draws first sits under an empty /Pages node and ``depth`` nested ones
    (the tree's first kid holds no page): the bomb's page, found only by following the tree
    as PDFium does (it goes 1024 levels deep)."""
    bomb = bad_pdfs.flate_bomb_pdf(tmp_path, inflated_mib=(STREAM_LIMIT >> 20) * 2)
    with pikepdf.open(bomb) as pdf:
        page = pdf.pages[0].obj
        root = pdf.Root.Pages
        empty = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Pages, Kids=pikepdf.Array(), Count=0, Parent=root))
        below = page
        for _ in range(depth):
            node = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Pages, Kids=pikepdf.Array([below]), Count=1))
            below.Parent = node
            below = node
        below.Parent = root
        root.Kids = pikepdf.Array([empty, below])
        path = tmp_path / f"nested-first-page-bomb-{depth}.pdf"
        pdf.save(path, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path
