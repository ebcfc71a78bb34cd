"""What is checked of a file before PDFium reads it (with qpdf, through pikepdf).

PDFium repairs a damaged cross-reference table without saying so, and it reads whatever a
stream inflates to: a content stream of under a megabyte can inflate to gigabytes. qpdf reads
the file's structure on its own, so it tells whether the file needed repair, and the size of
every stream can be measured here, inflating at most a limit's worth of it, before PDFium
spends any memory on the file.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ..files import openable
from .errors import ResourceLimitError

#: The most a content stream (a page's or a form's drawing) may inflate to. Text-heavy
#: pages of the real papers hold a few tens of kilobytes; PDFium holds about four times a
#: stream's size while it parses it.
STREAM_LIMIT = 64 << 20
#: The most all content streams of a file may inflate to together (pages stay open while
#: extraction reads their character boxes).
TOTAL_LIMIT = 512 << 20
#: The most one image may take decoded (an A4 page scanned at 600 dpi in colour: ~100 MB).
IMAGE_LIMIT = 512 << 20
#: Flate cannot inflate more than about 1032 times (LZW about as much).
_FLATE_RATIO = 1100
_CHUNK = 1 << 20
_COMPRESSING = {"/FlateDecode", "/Fl", "/LZWDecode", "/LZW"}
_FLATE = {"/FlateDecode", "/Fl"}
_COMPONENTS = {"/DeviceGray": 1, "/CalGray": 1, "/G": 1, "/DeviceRGB": 3, "/CalRGB": 3,
               "/RGB": 3, "/Lab": 3, "/DeviceCMYK": 4, "/CMYK": 4}


@dataclass(frozen=True)
class Preflight:
    """What qpdf found: ``repaired`` when the file's structure (cross-reference table,
    trailer) is damaged, which PDFium mends silently on opening; ``encrypted`` when the file
    is encrypted, ``pages`` its page count (None: qpdf could not read it far enough)."""

    repaired: bool
    encrypted: bool | None
    pages: int | None = None


def preflight(path: Path, password: str | None = None) -> Preflight:
    """Check ``path`` before PDFium opens it; raises :class:`ResourceLimitError` for a file
    whose streams would take more memory than a paper may cost. Never raises for a file qpdf
    cannot read (PDFium is the judge of that)."""
    try:
        pdf = pikepdf.open(openable(path), password=password or "", suppress_warnings=True)
    except pikepdf.PasswordError:
        return Preflight(repaired=False, encrypted=True)
    except Exception:  # damaged beyond qpdf's own repair: PDFium may still mend it
        return Preflight(repaired=True, encrypted=None)
    with pdf:
        try:
            pages = len(pdf.pages)  # resolves the page tree: misplaced objects show here
        except Exception:
            return Preflight(repaired=True, encrypted=pdf.is_encrypted)
        damaged = bool(pdf.get_warnings())
        _check_streams(pdf, path)
        damaged = damaged or bool(pdf.get_warnings())
        return Preflight(repaired=damaged, encrypted=pdf.is_encrypted, pages=pages)


def _names(value: object) -> list[str]:
    if isinstance(value, pikepdf.Array):
        return [str(v) for v in value]
    return [str(value)] if value is not None else []


def _check_streams(pdf: pikepdf.Pdf, path: Path) -> None:
    total = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        try:
            if obj.get("/Subtype") == pikepdf.Name.Image:
                _check_image(obj, path)
                continue
            filters = _names(obj.get("/Filter"))
            if not any(f in _COMPRESSING for f in filters):
                continue
            size = _inflated_size(obj, filters, STREAM_LIMIT)
        except ResourceLimitError:
            raise
        except Exception:  # an unreadable stream is PDFium's to judge (it skips it)
            continue
        if size > STREAM_LIMIT:
            raise _too_costly(path, "a part of a page that would take more than "
                              f"{STREAM_LIMIT >> 20} MB to read")
        total += size
        if total > TOTAL_LIMIT:
            raise _too_costly(path, f"pages that would take more than {TOTAL_LIMIT >> 20} MB "
                              "to read")


def _inflated_size(stream: pikepdf.Stream, filters: list[str], limit: int) -> int:
    """How many bytes the stream decodes to, counting no further than just past ``limit``.

    A lone Flate layer is inflated here a chunk at a time; another chain (rare) is measured
    by its compressed size at the most Flate could inflate it, so that nothing is decoded
    whole.
    """
    raw = stream.read_raw_bytes()
    if len(filters) != 1 or filters[0] not in _FLATE:
        layers = sum(f in _COMPRESSING for f in filters)
        return len(raw) * _FLATE_RATIO ** layers
    inflater = zlib.decompressobj()
    size, data = 0, raw
    while data and size <= limit:
        try:
            size += len(inflater.decompress(data, _CHUNK))
        except zlib.error:
            break  # PDFium reads what inflates before the damage, so do we
        data = inflater.unconsumed_tail
        if inflater.eof:
            break
    return size


def _check_image(image: pikepdf.Stream, path: Path) -> None:
    width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
    bits = int(image.get("/BitsPerComponent", 8))
    space = image.get("/ColorSpace")
    name = str(space[0]) if isinstance(space, pikepdf.Array) and len(space) else str(space)
    components = _COMPONENTS.get(name, 4)  # indexed, ICC, separations: at most four
    if width * height * components * bits // 8 > IMAGE_LIMIT:
        raise _too_costly(path, f"an image of {width} × {height} pixels")


def _too_costly(path: Path, what: str) -> ResourceLimitError:
    return ResourceLimitError(
        f"“{path.name}” holds {what}: more than a paper may cost, so it was not opened "
        "(it may have been made to exhaust the computer's memory). Ask for a fresh copy.",
        str(path))

