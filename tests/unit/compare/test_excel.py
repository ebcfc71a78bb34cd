"""The change list as a workbook: money first, text never a formula, written in one step."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from mopac_desk.compare import compare_files
from mopac_desk.compare.excel import ChangesCancelled, ChangesWriteError, write_changes_xlsx
from tests.helpers import versions
from tests.helpers.paper_pdf import Flow, ReportSpec, write_report


def test_sheet_lists_money_first_with_pages_and_kinds(tmp_path):
    result = compare_files(*versions.recommendation_replaced(tmp_path))
    path = write_changes_xlsx(result, tmp_path / "changes.xlsx")
    ws = load_workbook(path)["Changes"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Kind", "Money", "Old page", "Old text", "New page", "New text")
    assert rows[1][0] == "replace" and rows[1][1] == "£" and rows[1][2] == 1
    assert rows[1][5] == versions.REPLACED_REC.rstrip(".")
    assert rows[2][3:] == ("six", 1, "seven")
    money = list(load_workbook(path)["Money"].iter_rows(values_only=True))
    assert money[0][:3] == ("Kind", "Old", "New")
    assert money[1] == ("contract", "£1.8m", None, 180_000_000, None, 1, None)


def test_paper_text_that_looks_like_a_formula_stays_text(tmp_path):
    spec = ReportSpec()
    a, b = Flow(), Flow()
    write_report(a, spec)
    write_report(b, ReportSpec(by='=HYPERLINK("http://x","y")', behalf="@SUM(A1)"))
    result = compare_files(a.save(tmp_path / "a.pdf"), b.save(tmp_path / "b.pdf"))
    path = write_changes_xlsx(result, tmp_path / "changes.xlsx")
    ws = load_workbook(path)["Changes"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    starts = [c for c in cells if c.value.startswith(("=", "@"))]
    assert starts, "the planted text should reach the sheet"
    assert all(c.data_type == "s" and c.quotePrefix for c in starts)


def test_a_failed_write_leaves_what_was_there_and_no_temporary(tmp_path):
    result = compare_files(*versions.dates_changed(tmp_path))
    dest = tmp_path / "out"
    dest.mkdir()
    # A folder where the workbook should go: the move into place fails (even for root).
    target = dest / "changes.xlsx"
    target.mkdir()
    (target / "keep.txt").write_text("kept")
    with pytest.raises(ChangesWriteError):
        write_changes_xlsx(result, target)
    assert (target / "keep.txt").read_text() == "kept"
    assert [p.name for p in dest.iterdir()] == ["changes.xlsx"]
    with pytest.raises(ChangesWriteError):
        write_changes_xlsx(result, tmp_path / "no-such-folder" / "changes.xlsx")


def test_a_cancelled_sheet_leaves_what_was_there(tmp_path):
    result = compare_files(*versions.dates_changed(tmp_path))
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "changes.xlsx").write_bytes(b"older")
    with pytest.raises(ChangesCancelled):
        write_changes_xlsx(result, folder / "changes.xlsx", cancel=lambda: True)
    assert [p.name for p in folder.iterdir()] == ["changes.xlsx"]
    assert (folder / "changes.xlsx").read_bytes() == b"older"
    write_changes_xlsx(result, folder / "changes.xlsx", cancel=lambda: False)
    assert load_workbook(folder / "changes.xlsx")["Changes"].max_row == 3
