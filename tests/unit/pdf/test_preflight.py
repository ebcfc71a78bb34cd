"""Before PDFium reads a file: repaired structure is noticed, and streams or images that
would exhaust memory are refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mopac_desk.pdf import PaperDocument, ResourceLimitError
from mopac_desk.pdf.preflight import STREAM_LIMIT, preflight
from mopac_desk.pipeline import read_file
from tests.helpers import bad_pdfs

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
