"""A pack opened by another spreadsheet program: LibreOffice computes the totals and prints the
marking. Skipped where LibreOffice is not installed (it is large; CI need not carry it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mopac_desk.export.excel import write_pack
from mopac_desk.export.sample import sample_pack
from mopac_desk.pdf import PaperDocument

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


def test_libreoffice_opens_pack_and_computes_totals(tmp_path: Path):
    xlsx = write_pack(sample_pack(), tmp_path / "pack.xlsx")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(xlsx)],
        check=True, capture_output=True, timeout=180,
    )
    with PaperDocument.open(tmp_path / "pack.pdf") as doc:
        assert doc.page_count >= 6  # one page or more per sheet
        summary = doc.page_text(0).text
    assert "OFFICIAL-SENSITIVE" in summary
    assert "Page 1 of" in summary
    # Formulas evaluated: capital £14.7m, revenue £2.15m, contract £123,456.78.
    for total in ("£14,700,000.00", "£2,150,000.00", "£123,456.78"):
        assert total in summary
