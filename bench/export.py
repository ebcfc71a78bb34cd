"""Benchmark: meeting pack export against a bare openpyxl write of the same cells.

A pack of 1,000 papers, 5,000 recommendations and 5,000 costs. The baseline writes the very
cells the pack holds (the values and formulas read back from the pack, sheet by sheet) with
openpyxl's fastest writer (write-only mode, plain values: no styles, widths, tables, chart,
print setup or safety checks), then saves. The pack is timed from its data to the file on disk
(building the rows, styling, the atomic save). Times are CPU seconds, best of five
interleaved rounds. Target: ratio <= 1.2.

Final line: ``figure: export_ratio_1000 VALUE x (target <= 1.2) ok|over``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from mopac_desk.export.excel import write_pack  # noqa: E402
from mopac_desk.export.sample import synthetic_pack  # noqa: E402

TARGET = 1.2
ROUNDS = 5


def bare_write(cells: list[tuple[str, list[list[object]]]], path: Path) -> None:
    """The reference: every cell's value appended row by row, then save."""
    wb = Workbook(write_only=True)
    for title, rows in cells:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)


def bare_write_normal(cells: list[tuple[str, list[list[object]]]], path: Path) -> None:
    """For comparison: openpyxl's ordinary mode, ws.cell(row, column, value) for every cell."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in cells:
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
    wb.save(path)


def timed(fn) -> float:
    # CPU time of this process: the machine is shared, and wall-clock time mostly measures
    # the other processes (the save's disk write is small: half a megabyte).
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> int:
    pack = synthetic_pack(1000, 5000, 5000)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        first = write_pack(pack, out / "pack.xlsx")
        wb = openpyxl.load_workbook(first)
        # The exact cells the pack workbook holds (values and formulas), sheet by sheet.
        cells = [(ws.title, [list(row) for row in ws.iter_rows(values_only=True)])
                 for ws in wb.worksheets]
        n_cells = sum(1 for _t, rows in cells for row in rows for v in row if v is not None)
        # Interleaved rounds, best of each, so load from other processes hits all alike.
        bare, normal, packed = [], [], []
        for _ in range(ROUNDS):
            bare.append(timed(lambda: bare_write(cells, out / "bare.xlsx")))
            packed.append(timed(lambda: write_pack(pack, out / "pack.xlsx")))
            normal.append(timed(lambda: bare_write_normal(cells, out / "normal.xlsx")))
        size = (out / "pack.xlsx").stat().st_size
    bare_s, pack_s, normal_s = min(bare), min(packed), min(normal)
    ratio = pack_s / bare_s
    print(f"pack: 1000 papers, 5000 recommendations, 5000 costs ({n_cells} non-empty cells)")
    print(f"export-pack                 {pack_s:7.3f} s   ({size / 1e6:.1f} MB)")
    print(f"bare openpyxl, write-only   {bare_s:7.3f} s")
    print(f"bare openpyxl, normal mode  {normal_s:7.3f} s   (export is {pack_s / normal_s:.2f}x)")
    verdict = "ok" if ratio <= TARGET else "over"
    print(f"figure: export_ratio_1000 {ratio:.2f} x (target <= {TARGET}) {verdict}")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
