"""Benchmark: meeting pack export against a bare openpyxl write of the same cells.

A pack of 1,000 papers, 5,000 recommendations and 5,000 costs. The baseline writes the very
cells the pack holds (same values, same sheets, same normal openpyxl mode) with no styles,
tables, formats, chart or safety checks, then saves. Target: ratio <= 1.5.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402

from mopac_desk.export.excel import build_workbook, write_pack  # noqa: E402
from mopac_desk.export.sample import synthetic_pack  # noqa: E402


def bare_write(cells: list[tuple[str, list[list[object]]]], path: Path) -> None:
    """The reference: plain ws.cell(row, column, value) for every cell, then save."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in cells:
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                ws.cell(row=r, column=c, value=value)
    wb.save(path)


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    pack = synthetic_pack(1000, 5000, 5000)
    # The exact cells the pack workbook holds (values and formulas), sheet by sheet.
    wb = build_workbook(pack)
    cells = [(ws.title, [[c.value for c in row] for row in ws.iter_rows()])
             for ws in wb.worksheets]
    n_cells = sum(1 for _t, rows in cells for row in rows for v in row if v is not None)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # Interleaved, best of five each, so load from other processes hits both alike.
        bare_times, pack_times = [], []
        for _ in range(5):
            bare_times.append(best_of(1, lambda: bare_write(cells, out / "bare.xlsx")))
            pack_times.append(best_of(1, lambda: write_pack(pack, out / "pack.xlsx")))
        bare, pack_time = min(bare_times), min(pack_times)
        size = (out / "pack.xlsx").stat().st_size
    ratio = pack_time / bare
    print(f"pack: 1000 papers, 5000 recommendations, 5000 costs ({n_cells} non-empty cells)")
    print(f"export-pack       {pack_time:7.3f} s   ({size / 1e6:.1f} MB)")
    print(f"bare openpyxl     {bare:7.3f} s")
    print(f"ratio             {ratio:7.2f}   (target <= 1.5) {'OK' if ratio <= 1.5 else 'OVER'}")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
