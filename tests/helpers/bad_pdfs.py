"""Writers of papers a clerk may be handed that are not ordinary PDFs (for tests).

Each function writes one file into ``folder`` and returns its path.
"""

from __future__ import annotations

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


ALL_BAD = {
    "text": text_named_pdf,
    "truncated": truncated_pdf,
    "empty": empty_pdf,
}
