"""PDFs whose text is hostile to a terminal (for tests): the bytes of each line are written
into the content stream as they are, so ESC, BEL, OSC and CSI sequences come back out of
PDFium's text layer exactly as an attacker would plant them."""

from __future__ import annotations

from pathlib import Path

import pikepdf

# Window title (OSC 0), a hyperlink (OSC 8), clear screen, colour, an 8-bit CSI, a bidi override.
HOSTILE = ("Title\x1b]0;owned\x07 \x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ "
           "\x1b[2J\x1b[31mred\x9b1m \u202eevil\u202c")


def _pdf_string(text: str) -> bytes:
    # cp1252 where it can (the £ of an amount), the raw code otherwise (controls, C1)
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            out += bytes([ord(ch)]) if ord(ch) < 256 else b"?"
    return bytes(out).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def control_text_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF whose text layer holds ``lines`` byte for byte (Helvetica, WinAnsi)."""
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name.Helvetica,
                              Encoding=pikepdf.Name.WinAnsiEncoding)
    ops = [b"BT /F1 12 Tf 14 TL 72 760 Td"]
    for line in lines:
        ops.append(b"(" + _pdf_string(line) + b") Tj T*")
    ops.append(b"ET")
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pikepdf.Stream(pdf, b"\n".join(ops)))
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def hostile_paper(path: Path) -> Path:
    """A decision form whose title, a recommendation and an amount's context carry escapes."""
    return control_text_pdf(path, [
        "DMPC Decision \u2013 PCD 977",
        HOSTILE,
        "Recommendation",
        "1. Approve \x1b]0;pwned\x07 spend of \u00a31,000 on devices\x1b[2J.",
    ])
