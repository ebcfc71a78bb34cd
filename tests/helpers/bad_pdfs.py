"""Writers of papers a clerk may be handed that are not ordinary PDFs (for tests).

Each function writes one file into ``folder`` and returns its path.
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import pikepdf

FIXTURE_PAPER = Path(__file__).resolve().parent.parent / "fixtures" / "papers" / (
    "pcd-977-end-user-device-refresh.pdf")
PASSWORD = "Lambeth-2021"


def text_named_pdf(folder: Path) -> Path:
    """A plain text file wearing a .pdf name."""
    path = folder / "minutes.pdf"
    path.write_text("Minutes of the IAM meeting\nThese are notes, not a PDF.\n", encoding="utf-8")
    return path


def truncated_pdf(folder: Path, source: Path = FIXTURE_PAPER) -> Path:
    """The first half of a real paper, as if a copy was cut short."""
    data = source.read_bytes()
    path = folder / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def empty_pdf(folder: Path) -> Path:
    """A zero-byte file named .pdf."""
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def encrypted_pdf(folder: Path, password: str = PASSWORD, source: Path = FIXTURE_PAPER) -> Path:
    """A real paper protected by a user password (AES-256)."""
    path = folder / "protected.pdf"
    with pikepdf.open(source) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user=password, owner=password + "-owner",
                                                      R=6))
    return path


def image_only_pdf(folder: Path, pages: int = 2) -> Path:
    """A 'scan': A4 pages that each hold one grey image and no text at all."""
    path = folder / "scan.pdf"
    pdf = pikepdf.new()
    width, height = 60, 80
    pixels = bytearray()
    for y in range(height):
        for x in range(width):
            shade = 235 if (y // 4) % 3 else 120  # stripes, like lines of scanned text
            pixels += bytes((shade, shade, shade))
    for _ in range(pages):
        image = pikepdf.Stream(pdf, zlib.compress(bytes(pixels)))
        image.Type = pikepdf.Name.XObject
        image.Subtype = pikepdf.Name.Image
        image.Width, image.Height = width, height
        image.ColorSpace = pikepdf.Name.DeviceRGB
        image.BitsPerComponent = 8
        image.Filter = pikepdf.Name.FlateDecode
        content = pikepdf.Stream(pdf, b"q 495 0 0 742 50 50 cm /Im0 Do Q")
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 595, 842],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
            Contents=content,
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path



def zero_page_pdf(folder: Path) -> Path:
    """A well-formed PDF whose page tree holds no page."""
    path = folder / "no-pages.pdf"
    pikepdf.new().save(path)
    return path


def garbage_pdf(folder: Path) -> Path:
    """A PDF header followed by nothing a reader can use."""
    path = folder / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"garbage " * 200)
    return path


def _classic_xref(source: Path) -> bytes:
    """``source`` saved with a plain cross-reference table (no object streams)."""
    with pikepdf.open(source) as pdf:
        buf = io.BytesIO()
        pdf.save(buf, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        return buf.getvalue()


def garbled_xref_pdf(folder: Path, source: Path = FIXTURE_PAPER) -> Path:
    """A real paper whose cross-reference table has its offsets scrambled (as a bad copy or
    a careless edit leaves it): PDFium rebuilds the table and opens it."""
    data = bytearray(_classic_xref(source))
    start = int(re.findall(rb"startxref\s+(\d+)", bytes(data))[-1])
    for i in range(start + 25, start + 400):
        if 48 <= data[i] <= 57:
            data[i] = 48 + (data[i] * 7 + 3) % 10
    path = folder / "garbled-xref.pdf"
    path.write_bytes(bytes(data))
    return path


def shifted_pdf(folder: Path, source: Path = FIXTURE_PAPER) -> Path:
    """A real paper with a comment line inserted before its first object, so every offset in
    its cross-reference table points a little too early."""
    data = _classic_xref(source)
    i = data.index(b"1 0 obj")
    path = folder / "shifted.pdf"
    path.write_bytes(data[:i] + b"% a line added by hand\n" + data[i:])
    return path


def flate_bomb_pdf(folder: Path, inflated_mib: int = 128) -> Path:
    """One page whose content stream of about a thousandth of ``inflated_mib`` inflates to
    ``inflated_mib`` MiB of spaces (built without ever holding the inflated bytes)."""
    chunk = b" " * (1 << 20)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: blocks repeat exactly
    first = raw.compress(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n") + raw.flush(zlib.Z_FULL_FLUSH)
    block = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    end = raw.flush(zlib.Z_FINISH)
    adler = zlib.adler32(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n")
    for _ in range(inflated_mib):
        adler = zlib.adler32(chunk, adler)
    data = b"\x78\xda" + first + block * inflated_mib + end + adler.to_bytes(4, "big")
    pdf = pikepdf.new()
    content = pikepdf.Stream(pdf, data)
    content.Filter = pikepdf.Name.FlateDecode
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name.Helvetica)
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
                              Contents=content,
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
    pdf.pages.append(pikepdf.Page(page))
    path = folder / "bomb.pdf"
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


def huge_image_pdf(folder: Path) -> Path:
    """One page drawing an image that claims 60,000 × 60,000 colour pixels (10 GB decoded)."""
    pdf = pikepdf.new()
    image = pikepdf.Stream(pdf, zlib.compress(b"\x00" * 1024))
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width = image.Height = 60000
    image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
    image.Filter = pikepdf.Name.FlateDecode
    content = pikepdf.Stream(pdf, b"q 495 0 0 742 50 50 cm /Im0 Do Q")
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Contents=content,
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)))
    pdf.pages.append(pikepdf.Page(page))
    path = folder / "huge-image.pdf"
    pdf.save(path)
    return path


def huge_page_pdf(folder: Path, inches: int = 200) -> Path:
    """One page ``inches`` inches square (200 is PDF's own limit) with a line of text."""
    pdf = pikepdf.new()
    side = inches * 72
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name.Helvetica)
    content = pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 72 Td (A very large page) Tj ET")
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, side, side],
                              Contents=content,
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
    pdf.pages.append(pikepdf.Page(page))
    path = folder / "huge-page.pdf"
    pdf.save(path)
    return path

ALL_BAD = {
    "text": text_named_pdf,
    "truncated": truncated_pdf,
    "empty": empty_pdf,
}


def misplaced_page_pdf(folder: Path, source: Path = FIXTURE_PAPER) -> Path:
    """A real paper whose cross-reference entry for its last page's dictionary points a few
    bytes off: only resolving that page finds the damage (PDFium cannot read that page)."""
    data = _classic_xref(source)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        number = pdf.pages[-1].obj.objgen[0]
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    first = int(re.match(rb"xref\s+(\d+)", data[start:]).group(1))
    entry = start + data[start:].index(b"\n", data[start:].index(b"\n") + 1) + 1
    at = entry + (number - first) * 20
    offset = int(data[at:at + 10]) + 3
    path = folder / "misplaced-page.pdf"
    path.write_bytes(data[:at] + b"%010d" % offset + data[at + 10:])
    return path


def landscape_page_pdf(folder: Path, source: Path = FIXTURE_PAPER, page: int = 2) -> Path:
    """A real paper whose page ``page`` (0-based) is an A3 landscape sheet."""
    path = folder / "with-a-sheet.pdf"
    with pikepdf.open(source) as pdf:
        pdf.pages[page].obj.MediaBox = [0, 0, 1190.55, 841.89]
        pdf.save(path)
    return path
