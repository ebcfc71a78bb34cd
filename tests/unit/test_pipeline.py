"""Reading a paper: extraction, then the checks' findings, with the page texts read once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mopac_desk.extract import extract_file
from mopac_desk.files import file_sha256
from mopac_desk.pdf import PaperDocument, PaperError
from mopac_desk.pipeline import read_document, read_file
from tests.helpers.paper_pdf import Report, save_report


def test_page_texts_are_what_the_document_reads(paper_path: Path) -> None:
    reading = read_file(paper_path)
    with PaperDocument.open(paper_path) as doc:
        assert reading.page_texts == [doc.text(i) for i in range(doc.page_count)]
    assert len(reading.page_texts) == reading.extraction.pages


def test_findings_are_filled_and_extraction_alone_leaves_them_out(tmp_path: Path) -> None:
    # A placeholder amount is always a finding.
    path = save_report(tmp_path / "paper.pdf", Report().but(capital="£xxxx"))
    reading = read_file(path)
    assert any(f.code for p in reading.extraction.papers for f in p.checks)
    assert all(not p.checks for p in extract_file(path).papers)
    # Everything else is the same extraction.
    plain = extract_file(path).to_dict()
    for paper in reading.extraction.papers:
        paper.checks = []
    assert reading.extraction.to_dict() == plain


def test_lines_and_paper_lines(pcd977: Path) -> None:
    reading = read_file(pcd977)
    assert reading.lines and {ln.page for ln in reading.lines} == set(range(1, 9))
    assert len(reading.paper_lines) == len(reading.extraction.papers)
    for paper, lines in zip(reading.extraction.papers, reading.paper_lines):
        assert lines[0].page == paper.first_page and lines[-1].page == paper.last_page
    assert any(ln.running for ln in reading.lines)


def test_read_document_keeps_the_name_and_hash_given(pcd977: Path) -> None:
    with PaperDocument.open(pcd977) as doc:
        reading = read_document(doc, "renamed.pdf", "ab" * 32)
    assert (reading.extraction.name, reading.extraction.sha256) == ("renamed.pdf", "ab" * 32)
    assert read_file(pcd977).extraction.sha256 == file_sha256(pcd977)
    assert read_file(pcd977, sha256="cd" * 32).extraction.sha256 == "cd" * 32


def test_extraction_does_not_load_the_checks(pcd977: Path) -> None:
    code = ("import sys; from mopac_desk.extract import extract_file; "
            f"extract_file({str(pcd977)!r}); "
            "print(sorted(m for m in sys.modules if m.startswith('mopac_desk.checks')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2]).stdout
    assert out.strip() == "[]"


def test_a_file_read_keeps_its_lines_without_reading_every_box_at_the_close(pcd977: Path) -> None:
    reading = read_file(pcd977)
    line = next(ln for ln in reading.lines if len(ln.text) > 10)
    assert line.text and line.x1 > line.x0  # text and geometry are kept
    with pytest.raises(PaperError, match="has been closed"):
        line.rects_for(0, 5)  # the boxes were not read when the file closed
    # A document the caller closes still hands its boxes to the lines that outlive it.
    with PaperDocument.open(pcd977) as doc:
        kept = read_document(doc).lines
    assert kept[0].rects_for(0, 3)
