"""Make the small scanned paper the installer check reads by OCR.

``python -m tools.sample_scan OUT.pdf`` renders the first page of the bundled demo paper
PCD 977 to a grey image and writes it as an image-only PDF (no text layer, as a scanner
makes it), about 60 KB. It is made at build time so no generated binary sits in git.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "demo" / "pcd-977-end-user-device-refresh.pdf"
DPI = 150
#: Words the OCR reading of the scan must find (they are on PCD 977's first page).
EXPECTED_WORDS = ("End User Device", "Refresh")


def write_scan(out: Path, source: Path = SOURCE, dpi: int = DPI) -> Path:
    """Write page 1 of ``source`` as an image-only PDF at ``out``; returns ``out``."""
    pdf = pypdfium2.PdfDocument(str(source))
    try:
        bitmap = pdf[0].render(scale=dpi / 72, grayscale=True)
        image: Image.Image = bitmap.to_pil().convert("L")
    finally:
        pdf.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    image.save(part, "PDF", resolution=dpi, quality=60)
    part.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.sample_scan OUT.pdf", file=sys.stderr)
        return 2
    out = write_scan(Path(args[0]))
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
