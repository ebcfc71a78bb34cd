"""Before PDFium reads a file: repaired structure is noticed, and streams or images that
would exhaust memory are refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mopac_desk.pdf import DamagedPdfError, PaperDocument, ResourceLimitError
from mopac_desk.pdf.preflight import STREAM_LIMIT, preflight
from mopac_desk.pipeline import read_file
from tests.helpers import bad_pdfs, bomb_pdfs

ROOT = Path(__file__).resolve().parents[3]


def test_an_ordinary_paper_is_not_repaired(paper_path: Path) -> None:
    with PaperDocument.open(paper_path) as doc:
        assert doc.repaired is False
    assert read_file(paper_path).repaired is False


@pytest.mark.parametrize("make", [bad_pdfs.garbled_xref_pdf, bad_pdfs.shifted_pdf])
def test_a_file_pdfium_repairs_on_opening_says_so(tmp_path: Path, make) -> None:
    path = make(tmp_path)
    with PaperDocument.open(path) as doc:
        assert doc.page_count == 8  # PDFium mends it without a word...
        assert doc.repaired is True  # ...so we say it
    reading = read_file(path)
    assert reading.repaired is True and reading.extraction.papers


def test_a_flate_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    bomb = bad_pdfs.flate_bomb_pdf(tmp_path, inflated_mib=(STREAM_LIMIT >> 20) * 2)
    assert bomb.stat().st_size < 300_000
    with pytest.raises(ResourceLimitError, match="more than a paper may cost"):
        PaperDocument.open(bomb)
    # Measured in a process of its own: refusing it costs next to no memory (PDFium alone
    # held about four times the inflated size while reading it).
    code = ("import resource, sys; from mopac_desk.pdf import PaperDocument, PaperError\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "try:\n    PaperDocument.open(sys.argv[1])\nexcept PaperError as e:\n"
            "    print(type(e).__name__)\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)")
    out = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split()
    assert out[0] == "ResourceLimitError"
    assert int(out[1]) < 48 * 1024  # KiB


def test_the_cli_says_one_plain_line_for_a_bomb(tmp_path: Path) -> None:
    bomb = bad_pdfs.flate_bomb_pdf(tmp_path, inflated_mib=(STREAM_LIMIT >> 20) * 2)
    run = subprocess.run([sys.executable, "-m", "mopac_desk", "extract", str(bomb)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "not opened" in run.stderr


def test_a_small_stream_that_stays_under_the_limit_opens(tmp_path: Path) -> None:
    path = bad_pdfs.flate_bomb_pdf(tmp_path, inflated_mib=4)
    with PaperDocument.open(path) as doc:
        assert doc.page_count == 1


def test_an_image_of_absurd_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ResourceLimitError, match="60000 × 60000"):
        PaperDocument.open(bad_pdfs.huge_image_pdf(tmp_path))


def test_preflight_of_a_protected_file_needs_its_password(tmp_path: Path) -> None:
    path = bad_pdfs.encrypted_pdf(tmp_path)
    assert preflight(path).encrypted is True
    opened = preflight(path, bad_pdfs.PASSWORD)
    assert opened.encrypted is True and opened.pages == 8 and not opened.repaired


def test_a_render_that_would_take_gigabytes_is_refused(tmp_path: Path) -> None:
    with PaperDocument.open(bad_pdfs.huge_page_pdf(tmp_path)) as doc:
        small = doc.render(0, 0.05)  # 200 inches at 3.6 pixels an inch: fine
        assert small.width == small.height == 720
        with pytest.raises(ResourceLimitError, match="too large to draw"):
            doc.render(0, 2.0)  # 28,800 pixels square: 3.3 GB
        assert doc.render_async(0, 2.0).exception() is not None


def test_extract_says_a_repaired_file_was_repaired(tmp_path: Path) -> None:
    path = bad_pdfs.garbled_xref_pdf(tmp_path)
    run = subprocess.run([sys.executable, "-m", "mopac_desk", "extract", "--json", str(path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.startswith("{")
    assert "repaired on opening: check it against the original" in run.stderr
    clean = subprocess.run([sys.executable, "-m", "mopac_desk", "extract",
                            str(bad_pdfs.FIXTURE_PAPER)], capture_output=True, text=True, cwd=ROOT)
    assert clean.returncode == 0 and "repaired" not in clean.stderr


# -- check_later: page 1 measured before PDFium opens the file, the rest before it reads on --

def test_check_later_still_refuses_a_bomb_on_page_1(tmp_path: Path) -> None:
    bomb = bad_pdfs.flate_bomb_pdf(tmp_path, inflated_mib=(STREAM_LIMIT >> 20) * 2)
    with pytest.raises(ResourceLimitError, match="more than a paper may cost"):
        PaperDocument.open(bomb, check_later=True)


def test_check_later_refuses_a_page_1_bomb_before_pdfium_draws_any_of_it(
        tmp_path: Path) -> None:
    """Opened for the window (page 1 first), a page-1 bomb is refused before PDFium draws any
    of it: drawing inflates the stream, and PDFium held about four times its inflated size."""
    bomb = bad_pdfs.flate_bomb_pdf(tmp_path, inflated_mib=(STREAM_LIMIT >> 20) * 2)
    code = ("import resource, sys; from mopac_desk.pdf import PaperDocument, PaperError\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "try:\n    PaperDocument.open(sys.argv[1], check_later=True)\n"
            "except PaperError as e:\n    print(type(e).__name__)\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)")
    out = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split()
    assert out[0] == "ResourceLimitError"
    assert int(out[1]) < 48 * 1024  # KiB


def test_check_later_follows_page_1s_inherited_resources(tmp_path: Path) -> None:
    path = bomb_pdfs.inherited_bomb_pdf(tmp_path)
    with pytest.raises(ResourceLimitError, match="more than a paper may cost"):
        PaperDocument.open(path, check_later=True)


def test_check_later_refuses_an_image_of_absurd_size_on_page_1(tmp_path: Path) -> None:
    with pytest.raises(ResourceLimitError, match="60000 × 60000"):
        PaperDocument.open(bad_pdfs.huge_image_pdf(tmp_path), check_later=True)


def test_a_bomb_past_page_1_is_refused_before_pdfium_reads_it(tmp_path: Path) -> None:
    path = bomb_pdfs.bomb_on_page_2_pdf(tmp_path)
    with pytest.raises(ResourceLimitError):
        PaperDocument.open(path)  # checked whole, as before
    with PaperDocument.open(path, check_later=True) as doc:
        assert doc.page_count == 2 and not doc.rest_checked.done()
        assert doc.render(0, 0.2).width == 119  # page 1 is drawn at once
        with pytest.raises(ResourceLimitError, match="more than a paper may cost"):
            doc.render(1, 0.2)
        assert isinstance(doc.rest_checked.exception(timeout=5), ResourceLimitError)
        with pytest.raises(ResourceLimitError):  # and stays refused
            doc.page_text(1)
        with pytest.raises(ResourceLimitError):
            doc.has_text_layer and doc.find("Hello")


def test_the_rest_check_can_be_asked_for(tmp_path: Path) -> None:
    path = bomb_pdfs.bomb_on_page_2_pdf(tmp_path)
    with PaperDocument.open(path, check_later=True) as doc:
        with pytest.raises(ResourceLimitError):
            doc.check_rest_async().result(timeout=10)
    with PaperDocument.open(bad_pdfs.FIXTURE_PAPER, check_later=True) as doc:
        assert doc.check_rest_async().result(timeout=10) is None
        assert doc.rest_checked.result(timeout=1) is None
        assert doc.render(1, 0.2).index == 1
    with PaperDocument.open(bad_pdfs.FIXTURE_PAPER) as doc:
        assert doc.rest_checked.done()  # checked whole on opening


def test_closing_before_the_rest_check_ends_it(tmp_path: Path) -> None:
    doc = PaperDocument.open(bomb_pdfs.bomb_on_page_2_pdf(tmp_path), check_later=True)
    doc.close()
    assert doc.closed and doc.rest_checked.result(timeout=1) is None


@pytest.mark.parametrize("make", [bad_pdfs.garbled_xref_pdf, bad_pdfs.shifted_pdf])
def test_check_later_still_says_a_file_was_repaired(tmp_path: Path, make) -> None:
    with PaperDocument.open(make(tmp_path), check_later=True) as doc:
        assert doc.page_count == 8 and doc.repaired is True
    with PaperDocument.open(bad_pdfs.FIXTURE_PAPER, check_later=True) as doc:
        assert doc.repaired is False


def test_check_later_checks_object_streams_first(tmp_path: Path) -> None:
    """A file saved with object streams: they are found in the cross-reference table and
    measured before qpdf or PDFium reads the dictionaries inside them."""
    import pikepdf

    from mopac_desk.pdf.preflight import _object_streams

    path = tmp_path / "objstm.pdf"
    with pikepdf.open(bad_pdfs.FIXTURE_PAPER) as pdf:
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    with pikepdf.open(path) as pdf:
        found = _object_streams(pdf)
        assert found and all(s.get("/Type") == pikepdf.Name.ObjStm for s in found)
    with PaperDocument.open(path, check_later=True) as doc:
        assert doc.render(0, 0.2).index == 0


def test_closing_keeps_the_boxes_of_lines_read_past_page_1(tmp_path: Path) -> None:
    """Lines read lazily get their boxes on close even after their text page was let go
    (close reads them through the same path as the rest check guards)."""
    doc = PaperDocument.open(bad_pdfs.FIXTURE_PAPER, check_later=True)
    lines = doc.page_lines(1)
    doc.release_text_pages()
    doc.close()
    assert lines.boxes_loaded and lines.rects_for_span(0, 3)


@pytest.mark.parametrize("depth", [1, 1010])
def test_check_later_finds_page_1_as_pdfium_does_under_nested_nodes(tmp_path: Path,
                                                                    depth: int) -> None:
    """The tree's first kid holds no page: page 1 is under the next one, ``depth`` levels
    down (past Python's recursion limit; PDFium follows 1024), and it is the bomb (found
    without resolving the whole page tree). qpdf will not resolve a tree that deep, and the
    whole-file check measures every stream all the same."""
    path = bomb_pdfs.nested_first_page_bomb_pdf(tmp_path, depth)
    with pytest.raises(ResourceLimitError, match="more than a paper may cost"):
        PaperDocument.open(path, check_later=True)
    with pytest.raises(ResourceLimitError, match="more than a paper may cost"):
        PaperDocument.open(path)


def test_check_later_reads_the_page_tree_after_page_1(tmp_path: Path) -> None:
    """A page past the first misplaced in the cross-reference table: found damaged by the
    rest check (``repaired`` turns True), and refused as opening the whole file refuses it,
    because PDFium cannot read that page."""
    path = bad_pdfs.misplaced_page_pdf(tmp_path)
    with pytest.raises(DamagedPdfError, match="Page 8 of"):
        PaperDocument.open(path)
    with PaperDocument.open(path, check_later=True) as doc:
        assert doc.repaired is False and doc.page_count == 8
        assert doc.render(0, 0.2).index == 0
        with pytest.raises(DamagedPdfError, match="Page 8 of"):
            doc.check_rest_async().result(timeout=10)
        assert doc.repaired is True
        assert isinstance(doc.rest_checked.exception(timeout=1), DamagedPdfError)
        with pytest.raises(DamagedPdfError):  # and stays refused past page 1
            doc.render(1, 0.2)


def test_a_classic_table_is_not_walked_for_object_streams(tmp_path: Path) -> None:
    import pikepdf

    from mopac_desk.pdf.preflight import _object_streams

    path = tmp_path / "classic.pdf"
    with pikepdf.open(bad_pdfs.FIXTURE_PAPER) as pdf:
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    with pikepdf.open(path) as pdf:
        assert "/W" not in pdf.trailer and _object_streams(pdf, damaged=False) == []
        assert _object_streams(pdf, damaged=True) == []  # walked: none there either
    with PaperDocument.open(path, check_later=True) as doc:
        assert doc.render(0, 0.2).index == 0
