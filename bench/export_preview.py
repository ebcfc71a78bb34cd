"""Render a sample meeting pack through LibreOffice to PDF and PNG, to look at how it prints.

Usage: python bench/export_preview.py [OUT_DIR]  (needs `soffice` and `pdftoppm` on PATH).
Writes OUT_DIR/pack.xlsx, pack.pdf and pack-<page>.png (default OUT_DIR: ./export-preview).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mopac_desk.export.excel import write_pack  # noqa: E402
from mopac_desk.export.sample import sample_pack  # noqa: E402


def convert_to_pdf(xlsx: Path, out_dir: Path) -> Path:
    """Convert with a throwaway LibreOffice profile so a running office is not disturbed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed.")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(xlsx)],
            check=True, capture_output=True, timeout=180,
        )
    return out_dir / (xlsx.stem + ".pdf")


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "export-preview")
    out.mkdir(parents=True, exist_ok=True)
    xlsx = write_pack(sample_pack(), out / "pack.xlsx")
    pdf = convert_to_pdf(xlsx, out)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(out / "pack")], check=True)
    print(f"wrote {xlsx}, {pdf} and PNG pages in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
