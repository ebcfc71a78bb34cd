"""PDFium's count of a file's annotations, taken as the pages' text is read (the importer
skips reading the file's comments when it is zero)."""

import pikepdf

from mopac_desk.pdf import PaperDocument
from mopac_desk.pipeline import read_file
from tests.helpers.annotated_pdf import annotate_like_acrobat, write_paper


def _annots(path) -> int:
    with pikepdf.open(path) as pdf:
        return sum(len(page.obj.get("/Annots", [])) for page in pdf.pages)


def test_a_plain_paper_counts_none_once_every_page_is_read(tmp_path):
    plain = write_paper(tmp_path / "plain.pdf")
    with PaperDocument.open(plain) as doc:
        assert doc.annotation_count is None  # nothing read yet: unknown, not zero
        doc.page_lines(0)
        assert doc.page_count > 1 and doc.annotation_count is None  # page 2 unread
        for i in range(1, doc.page_count):
            doc.page_lines(i)
        assert doc.annotation_count == 0
    assert read_file(plain).annotations == 0


def test_an_annotated_paper_counts_every_annotation(tmp_path):
    annotated = tmp_path / "annotated.pdf"
    annotate_like_acrobat(write_paper(tmp_path / "plain.pdf"), annotated)
    reading = read_file(annotated)
    assert reading.annotations == _annots(annotated) >= 4
