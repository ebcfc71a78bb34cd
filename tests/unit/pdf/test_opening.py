"""Opening bad files: PDFium's error code is never believed on its own word."""

from __future__ import annotations

from pathlib import Path

import pytest

from mopac_desk.pdf import (
    DamagedPdfError,
    PaperDocument,
    PasswordRequiredError,
    WrongPasswordError,
    worker,
)
from mopac_desk.pdf.opening import open_raw
from tests.helpers import bad_pdfs


def _open_fails(path: Path, password: str | None = None) -> Exception:
    with pytest.raises(Exception) as info:
        PaperDocument.open(path, password=password)
    return info.value


def test_a_zero_page_file_after_an_encrypted_one_is_not_called_protected(tmp_path: Path) -> None:
    protected = bad_pdfs.encrypted_pdf(tmp_path)
    zero, garbage = bad_pdfs.zero_page_pdf(tmp_path), bad_pdfs.garbage_pdf(tmp_path)
    for _ in range(2):
        assert isinstance(_open_fails(protected), PasswordRequiredError)
        err = _open_fails(zero)
        assert type(err) is DamagedPdfError and "has no pages" in str(err)
        assert isinstance(_open_fails(protected, "wrong"), WrongPasswordError)
        err = _open_fails(garbage)
        assert type(err) is DamagedPdfError and "damaged or incomplete" in str(err)


def test_pdfium_alone_is_checked_against_the_file_itself(tmp_path: Path) -> None:
    # Without qpdf's word (None), the file is searched for the trailer's /Encrypt key.
    protected, zero = bad_pdfs.encrypted_pdf(tmp_path), bad_pdfs.zero_page_pdf(tmp_path)
    with pytest.raises(PasswordRequiredError):
        worker.call(open_raw, protected, None)
    with pytest.raises(DamagedPdfError):
        worker.call(open_raw, zero, None)  # PDFium's last error still says "password"
    with pytest.raises(PasswordRequiredError):
        worker.call(open_raw, protected, None)


def test_the_protected_paper_still_opens_with_its_password(tmp_path: Path) -> None:
    protected = bad_pdfs.encrypted_pdf(tmp_path)
    with PaperDocument.open(protected, password=bad_pdfs.PASSWORD) as doc:
        assert doc.page_count == 8 and not doc.repaired
