"""Pages render without the file's own review comments when the viewer draws them itself."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from mopac_desk.pdf import PaperDocument
from tests.helpers.annotated_pdf import annotate_like_acrobat, write_paper


def _pixels(path: Path, **options: bool) -> bytes:
    with PaperDocument.open(path, **options) as doc:
        return bytes(doc.render(0, 1.0).data)


def test_review_comments_are_left_out_only_when_asked(tmp_path: Path) -> None:
    plain = write_paper(tmp_path / "paper.pdf")
    annotate_like_acrobat(plain, tmp_path / "reviewed.pdf")
    bare = _pixels(plain)
    before = (tmp_path / "reviewed.pdf").read_bytes()
    assert _pixels(tmp_path / "reviewed.pdf") != bare  # PDFium draws the comments
    assert _pixels(tmp_path / "reviewed.pdf", review_annotations=False) == bare
    # The file itself is untouched: the comments are hidden in memory only.
    assert (tmp_path / "reviewed.pdf").read_bytes() == before


def test_a_stamp_still_shows(tmp_path: Path) -> None:
    plain = write_paper(tmp_path / "paper.pdf")
    with pikepdf.open(plain) as pdf:
        page = pdf.pages[0]
        ap = pikepdf.Stream(pdf, b"0 0 1 rg 0 0 100 40 re f")
        ap.Type, ap.Subtype, ap.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 100, 40]
        stamp = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Stamp, Rect=[400, 100, 500, 140],
            F=4, AP=pikepdf.Dictionary(N=ap)))
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([stamp]))
        pdf.save(tmp_path / "stamped.pdf")
    assert _pixels(tmp_path / "stamped.pdf", review_annotations=False) != _pixels(plain)
