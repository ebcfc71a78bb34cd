"""A pack opened by another spreadsheet program: LibreOffice Calc recalculates the totals and
prints the marking. Skipped where Calc itself is not installed (LibreOffice Writer alone has
`soffice` but cannot open a workbook)."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from mopac_desk.export.excel import write_pack
from mopac_desk.export.from_register import pack_for_register
from mopac_desk.export.sample import sample_pack
from mopac_desk.pdf import PaperDocument
from mopac_desk.register import Register

from .sample_register import build_register


def _calc() -> str | None:
    """The soffice that can run Calc: its program folder holds Calc's library."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    program = Path(soffice).resolve().parent
    calc = [p for pattern in ("libsclo.*", "sclo.dll", "libsclo.dylib")
            for p in program.glob(pattern)]
    return soffice if calc else None


SOFFICE = _calc()
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Calc not installed")


def _convert(src: Path, to: str, out_dir: Path) -> Path:
    profile = out_dir / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         to, "--outdir", str(out_dir), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    return out_dir / f"{src.stem}.{to.split(':')[0]}"


def test_libreoffice_opens_pack_and_computes_totals(tmp_path: Path):
    xlsx = write_pack(sample_pack(), tmp_path / "pack.xlsx")
    pdf = _convert(xlsx, "pdf", tmp_path)
    with PaperDocument.open(pdf) as doc:
        assert doc.page_count >= len(openpyxl.load_workbook(xlsx).sheetnames)
        summary = doc.page_text(0).text
    assert "OFFICIAL-SENSITIVE" in summary
    assert "Page 1 of" in summary
    # Formulas evaluated: capital £14.7m (stated twice, counted once), revenue £2.15m; the
    # Part 2 contract (£123,456.78) is confidential and counted nowhere.
    for total in ("£14,700,000", "£2,150,000", "£16,850,000"):
        assert total in summary
    assert "123,456" not in summary


def test_recalculated_totals_agree_with_the_register(tmp_path: Path):
    reg_path = build_register(tmp_path / "register.sqlite")
    with Register(reg_path) as reg:
        listed = reg.list_papers()
        pack = pack_for_register(reg)
    out_dir = tmp_path / "recalc"
    out_dir.mkdir()
    recalculated = _convert(write_pack(pack, tmp_path / "pack.xlsx"), "xlsx", out_dir)
    wb = openpyxl.load_workbook(recalculated, data_only=True)
    totals = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}

    def pounds(pence_values) -> Decimal:
        return sum((Decimal(p or 0) / 100 for p in pence_values), Decimal(0))

    assert Decimal(str(totals["Capital"])) == pounds(p.capital_pence for p in listed)
    assert Decimal(str(totals["Revenue"])) == pounds(p.revenue_pence for p in listed)
    papers = wb["Papers"]
    head = [c.value for c in papers[1]]
    for row, paper in zip(papers.iter_rows(min_row=2, values_only=True), listed):
        got = dict(zip(head, row))
        assert Decimal(str(got["Capital"])) == pounds([paper.capital_pence])
