"""Opening a PDF file with PDFium, every failure turned into a typed, plain-English error."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .errors import (
    DamagedPdfError,
    EmptyFileError,
    FileMissingError,
    NotAPdfError,
    PasswordRequiredError,
    WrongPasswordError,
)


def check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileMissingError(f"“{path.name}” could not be found.", str(path)) from None
    except OSError as exc:
        raise FileMissingError(f"“{path.name}” could not be read ({exc.strerror}).", str(path)) from None
    if not path.is_file():
        raise FileMissingError(f"“{path.name}” is not a file.", str(path))
    if size == 0:
        raise EmptyFileError(f"“{path.name}” is empty (0 bytes): there is no paper in it.", str(path))
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise NotAPdfError(
            f"“{path.name}” is not a PDF. Only PDF papers can be opened; "
            "save the paper as PDF and try again.",
            str(path),
        )


def open_raw(path: Path, password: str | None, encrypted: bool | None = None,
             pages: int | None = None) -> pdfium.PdfDocument:
    """Open ``path`` with PDFium. ``encrypted`` and ``pages``: what qpdf found (None: not
    known), so that PDFium's error code is never taken on its own word."""
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) and \
                not _may_be_encrypted(path, encrypted):
            # PDFium's last error outlives the load that set it, and some failures set
            # none: a zero-page file opened after an encrypted one reads "password".
            code = None
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password:
                raise WrongPasswordError(
                    f"The password does not open “{path.name}”.", str(path)
                ) from None
            raise PasswordRequiredError(
                f"“{path.name}” is protected by a password.", str(path)
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise PasswordRequiredError(
                f"“{path.name}” uses an encryption this app cannot open.", str(path)
            ) from None
        if pages == 0:
            raise DamagedPdfError(
                f"“{path.name}” has no pages: it is damaged or incomplete.", str(path)
            ) from None
        raise DamagedPdfError(
            f"“{path.name}” is damaged or incomplete (perhaps truncated while copying) "
            "and cannot be read. Ask for a fresh copy of the paper.",
            str(path),
        ) from None


def _may_be_encrypted(path: Path, encrypted: bool | None) -> bool:
    """Whether ``path`` can need a password: qpdf's word when it has one, else whether the
    trailer's ``/Encrypt`` key is anywhere in the file (it is never compressed)."""
    if encrypted is not None:
        return encrypted
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            if b"/Encrypt" in tail + chunk:
                return True
            tail = chunk[-16:]
    return False


def page_sizes(raw_doc: pdfium.PdfDocument, n: int, path: Path) -> list[tuple[float, float]]:
    """(width, height) of the first ``n`` pages: one PDFium call a page with one reused
    struct (about half the time of ``get_page_size``, which makes a struct and a tuple a
    page). PDFium reads each page's dictionary for it (7 µs a page), none of its streams."""
    size = pdfium_c.FS_SIZEF()
    get, handle, ref = pdfium_c.FPDF_GetPageSizeByIndexF, raw_doc.raw, ctypes.byref(size)
    sizes = []
    for i in range(n):
        if not get(handle, i, ref):
            raise DamagedPdfError(f"Page {i + 1} of “{path.name}” cannot be read: the file "
                                  "is damaged.", str(path))
        sizes.append((size.width, size.height))
    return sizes
