"""The meeting pack workbook, read back with openpyxl and as raw XML."""

from __future__ import annotations

import os
import re
import stat
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mopac_desk.export.excel import (
    MONEY, MONEY_PENCE, SHEET_NAMES, PackWriteError, build_workbook, clean_text, money_value,
    write_pack,
)
from mopac_desk.export.pack import (
    PackCost, PackData, PackPaper, PackRecommendation, protective_marking,
)
from mopac_desk.export.sample import sample_pack

HOSTILE = '=HYPERLINK("http://x","y")'


@pytest.fixture
def pack() -> PackData:
    return sample_pack()


@pytest.fixture
def written(pack, tmp_path) -> Path:
    return write_pack(pack, tmp_path / "pack.xlsx")


def rows_of(ws) -> list[tuple]:
    return [tuple(r) for r in ws.iter_rows(min_row=2, values_only=True)]


def header_of(ws) -> list[str]:
    return [c.value for c in ws[1]]


def sheet_xml(path: Path, title: str) -> str:
    """Raw XML of the worksheet called ``title``."""
    wb = openpyxl.load_workbook(path, read_only=True)
    index = wb.sheetnames.index(title) + 1
    wb.close()
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def test_sheets_and_tables(written):
    wb = openpyxl.load_workbook(written)
    assert tuple(wb.sheetnames) == SHEET_NAMES
    for name in SHEET_NAMES[1:]:
        ws = wb[name]
        assert name in ws.tables, name
        assert ws.freeze_panes == "A2"
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert "Page &P of &N" in ws.oddFooter.right.text
        assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE"


def test_papers_sheet_matches_source(written, pack):
    ws = openpyxl.load_workbook(written)["Papers"]
    head = header_of(ws)
    assert head[:9] == ["No.", "Item", "Reference", "Title", "Report by", "On behalf of",
                        "Decision required by", "Status", "Classification"]
    rows = rows_of(ws)
    assert len(rows) == len(pack.papers)
    for no, (row, paper) in enumerate(zip(rows, pack.papers), start=1):
        got = dict(zip(head, row))
        assert got["No."] == no
        assert got["Reference"] == paper.reference
        assert got["Title"] == paper.title
        assert got["Report by"] == paper.report_by
        assert got["On behalf of"] == paper.on_behalf_of
        # A real date, not text.
        assert got["Decision required by"] == datetime.combine(paper.decision_required_by,
                                                               datetime.min.time())
        assert got["Part 2 classification"] == paper.part2_classification
        assert got["Recommendations"] == len(paper.recommendations)
        assert got["Open checks"] == paper.open_checks
        assert got["Capital"].startswith("=SUMIFS(Costs!$C$2:$C$")
    date_cell = ws.cell(row=2, column=head.index("Decision required by") + 1)
    assert date_cell.is_date and date_cell.number_format == "dd/mm/yyyy"


def test_recommendations_sheet_matches_source(written, pack):
    ws = openpyxl.load_workbook(written)["Recommendations"]
    assert header_of(ws) == ["No.", "Paper", "Part", "Number", "Recommendation", "Action",
                             "Tags", "Outcome"]
    expected = []
    for no, p in enumerate(pack.papers, start=1):
        for r in p.recommendations:
            part = r.part.capitalize() + (" (Part 2)" if r.from_part2 else "")
            expected.append((no, p.reference, part, r.number, r.text, r.action,
                             ", ".join(r.tags) or None, r.outcome))
    assert rows_of(ws) == expected
    assert ws["E2"].alignment.wrap_text


def test_costs_are_numbers_in_pounds_with_format(written, pack):
    ws = openpyxl.load_workbook(written)["Costs"]
    assert header_of(ws)[:5] == ["No.", "Paper", "Amount", "Kind", "Counted in totals"]
    costs = [c for p in pack.papers for c in p.costs]
    rows = rows_of(ws)
    assert len(rows) == len(costs)
    for i, (row, cost) in enumerate(zip(rows, costs), start=2):
        cell = ws.cell(row=i, column=3)
        if cost.amount_pence is None:
            assert cell.value is None
            continue
        assert isinstance(cell.value, (int, float))
        assert round(cell.value * 100) == cost.amount_pence
        whole = cost.amount_pence % 100 == 0
        assert cell.number_format == (MONEY if whole else MONEY_PENCE)
        assert row[4] == ("No" if cost.kind in ("threshold", "placeholder") else "Yes")


def test_money_value_is_exact():
    assert money_value(1_470_000_000) == 14_700_000 and isinstance(money_value(100), int)
    assert money_value(12_345_678) == 123456.78
    assert money_value(-5) == -0.05


def test_totals_are_sumifs_over_the_costs_amount_column(written, pack):
    wb = openpyxl.load_workbook(written)
    ws = wb["Summary"]
    n_costs = sum(len(p.costs) for p in pack.papers)
    last = n_costs + 1
    totals = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value
              for r in range(1, ws.max_row + 1)}
    assert totals["Capital"] == (f'=SUMIFS(Costs!$C$2:$C${last},Costs!$D$2:$D${last},'
                                 f'"Capital")')
    assert "Threshold" not in totals and "Placeholder" not in totals
    # The amount column really is C, and the kind column D, on the Costs sheet.
    costs = wb["Costs"]
    assert costs["C1"].value == "Amount" and costs["D1"].value == "Kind"
    assert costs.tables["Costs"].ref == f"A1:J{last}"
    assert totals["Papers"] == 2 and totals["Recommendations"] == 4
    assert totals["Open checks"] == 1
    assert totals["Protective marking"] == "OFFICIAL-SENSITIVE"


def _evaluate_sumifs(formula: str, wb, row_cell_value=None) -> float:
    """Evaluate our SUMIFS shape against the sheet (no spreadsheet engine in the test env)."""
    parts = re.findall(r'Costs!\$(\w)\$2:\$\w\$(\d+),("[^"]*"|\$A\d+)', formula)
    sum_col = re.match(r"=SUMIFS\(Costs!\$(\w)\$2:\$\w\$(\d+)", formula)
    costs = wb["Costs"]
    last = int(sum_col.group(2))
    total = 0.0
    for r in range(2, last + 1):
        ok = True
        for col, _last, crit in parts:
            value = costs[f"{col}{r}"].value
            want = crit.strip('"') if crit.startswith('"') else row_cell_value
            ok &= (str(value).lower() == str(want).lower())
        if ok and costs[f"{sum_col.group(1)}{r}"].value is not None:
            total += costs[f"{sum_col.group(1)}{r}"].value
    return total


def test_totals_evaluate_to_the_counted_costs(written, pack):
    wb = openpyxl.load_workbook(written)
    ws = wb["Summary"]
    for r in range(1, ws.max_row + 1):
        label, formula = ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value
        if label in ("Capital", "Revenue", "Contract") and str(formula).startswith("="):
            kind = label.lower()
            expected = sum(p.total_pence(kind) for p in pack.papers) / 100
            assert _evaluate_sumifs(formula, wb) == pytest.approx(expected)
    papers = wb["Papers"]
    head = header_of(papers)
    for i, paper in enumerate(pack.papers, start=2):
        formula = papers.cell(row=i, column=head.index("Capital") + 1).value
        assert _evaluate_sumifs(formula, wb, row_cell_value=i - 1) == pytest.approx(
            paper.total_pence("capital") / 100)


def test_summary_has_bar_chart_over_by_paper_table(written):
    wb = openpyxl.load_workbook(written)
    with zipfile.ZipFile(written) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = z.read(charts[0]).decode()
    assert "<barChart>" in xml and '<barDir val="bar"/>' in xml
    assert "'Summary'!$C$" in xml and "'Summary'!$D$" in xml and "'Summary'!$B$" in xml
    ws = wb["Summary"]
    labels = [ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)]
    assert "PCD 977" in labels and "IAM 0421-02" in labels


def test_hostile_text_stays_a_string(tmp_path):
    paper = PackPaper(item="1", reference=HOSTILE, title="@SUM(1+1)\x01\x0b",
                      recommendations=[PackRecommendation("decision", "1", HOSTILE, "approve"),
                                       PackRecommendation("decision", "2", "#N/A", "approve"),
                                       PackRecommendation("decision", "3", "-1+2", "approve")])
    pack = PackData("=cmd|' /C calc'!A0", date(2024, 1, 1), datetime(2024, 1, 1), "+me", [paper])
    out = write_pack(pack, tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(out)
    recs = wb["Recommendations"]
    assert recs["E2"].value == HOSTILE and recs["E2"].data_type == "s"
    assert recs["E3"].value == "#N/A" and recs["E3"].data_type == "s"
    assert recs["E4"].value == "-1+2" and recs["E4"].data_type == "s"
    assert recs["E2"].quotePrefix
    assert wb["Papers"]["D2"].value == "@SUM(1+1)"  # control characters removed
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode()
                assert "<f>HYPERLINK" not in xml and "<f>cmd" not in xml
    xml = sheet_xml(out, "Recommendations")
    cell = re.search(r'<c r="E2"[^>]*>.*?</c>', xml).group(0)
    assert 't="inlineStr"' in cell and "<f>" not in cell
    # The meeting name reaches the page header with '&' codes neutralised.
    assert wb["Papers"].oddHeader.left.text.startswith("=cmd")


def test_publication_version_leaves_out_part2(pack, tmp_path):
    out = write_pack(pack, tmp_path / "pub.xlsx", publication=True)
    wb = openpyxl.load_workbook(out)
    assert "Part 2 classification" not in header_of(wb["Papers"])
    texts = [r[4] for r in rows_of(wb["Recommendations"])]
    assert "Commercial terms as set out in Part 2." not in texts
    assert all("Part 2" not in (r[9] or "") for r in rows_of(wb["Costs"]))
    amounts = [r[2] for r in rows_of(wb["Costs"])]
    assert 123456.78 not in amounts
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert summary["Version"].startswith("Publication version")
    # Only the Part 2 content made the full pack sensitive.
    assert summary["Protective marking"] == "OFFICIAL"
    assert wb["Costs"].oddFooter.center.text == "OFFICIAL"


def test_marking_follows_classification():
    paper = PackPaper(item="1", reference="A", title="t", classification="OFFICIAL")
    pack = PackData(None, None, datetime(2024, 1, 1), "me", [paper])
    assert protective_marking(pack) == "OFFICIAL"
    paper.classification = "Official – Sensitive"
    assert protective_marking(pack) == "OFFICIAL-SENSITIVE"
    paper.classification = "OFFICIAL"
    paper.costs.append(PackCost(100, "capital", from_part2=True))
    assert protective_marking(pack) == "OFFICIAL-SENSITIVE"


def test_empty_pack_still_has_every_sheet_with_headers(tmp_path):
    pack = PackData(None, None, datetime(2024, 1, 1, 12, 0), "me", [])
    wb = openpyxl.load_workbook(write_pack(pack, tmp_path / "empty.xlsx"))
    assert tuple(wb.sheetnames) == SHEET_NAMES
    assert header_of(wb["Checks"])[:3] == ["No.", "Paper", "Code"]
    assert header_of(wb["Annotations"])[-1] == "Created"
    assert wb["Summary"]["A1"].value == "Papers pack"


def test_annotations_and_checks_listed(written, pack):
    wb = openpyxl.load_workbook(written)
    notes = rows_of(wb["Annotations"])
    a = pack.papers[0].annotations[0]
    assert notes == [(1, "PCD 977", a.page, a.author, a.text, a.created)]
    assert wb["Annotations"]["F2"].is_date
    checks = rows_of(wb["Checks"])
    assert [(c[2], c[6]) for c in checks] == [("title_mismatch", "No"),
                                             ("missing_signature", "Yes")]


def test_duplicate_references_get_distinct_labels(tmp_path):
    papers = [PackPaper(item=str(i), reference="PCD 1", title="t") for i in (1, 2)]
    wb = build_workbook(PackData(None, None, datetime(2024, 1, 1), "me", papers))
    labels = [wb["Summary"].cell(row=r, column=2).value for r in range(1, 60)]
    assert "PCD 1" in labels and "PCD 1 (2)" in labels


def test_progress_reaches_the_total(pack, tmp_path):
    seen: list[tuple[int, int]] = []
    write_pack(pack, tmp_path / "p.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_wrong_suffix_and_missing_folder_are_plain_errors(pack, tmp_path):
    with pytest.raises(PackWriteError, match=r"\.xlsx"):
        write_pack(pack, tmp_path / "pack.csv")
    with pytest.raises(PackWriteError, match="does not exist"):
        write_pack(pack, tmp_path / "nope" / "pack.xlsx")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply to the user")
def test_unwritable_folder_keeps_old_file(pack, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    old = folder / "pack.xlsx"
    old.write_bytes(b"previous pack")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(PackWriteError, match="Cannot write in the folder"):
            write_pack(pack, old)
    finally:
        folder.chmod(stat.S_IRWXU)
    assert old.read_bytes() == b"previous pack"
    assert os.listdir(folder) == ["pack.xlsx"]


def test_folder_refusing_new_files_keeps_old_file(pack, tmp_path, monkeypatch):
    # Same as above for runs as root (which ignores permissions): the OS refuses the temp file.
    import tempfile

    old = tmp_path / "pack.xlsx"
    old.write_bytes(b"previous pack")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(PackWriteError, match="Cannot write in the folder .*Permission denied"):
        write_pack(pack, old)
    assert old.read_bytes() == b"previous pack"


def test_failed_save_leaves_old_file_and_no_temp(pack, tmp_path, monkeypatch):
    # A failure mid-save (disk full, etc.) must not clobber the previous pack.
    old = tmp_path / "pack.xlsx"
    old.write_bytes(b"previous pack")

    def boom(self, filename):
        filename.write(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    with pytest.raises(PackWriteError, match="No space left"):
        write_pack(pack, old)
    assert old.read_bytes() == b"previous pack"
    assert os.listdir(tmp_path) == ["pack.xlsx"]


def test_replace_refused_keeps_old_file(pack, tmp_path, monkeypatch):
    # On Windows a pack open in Excel cannot be replaced: os.replace raises PermissionError.
    old = tmp_path / "pack.xlsx"
    old.write_bytes(b"previous pack")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PackWriteError, match="open in another program"):
        write_pack(pack, old)
    assert old.read_bytes() == b"previous pack"
    assert os.listdir(tmp_path) == ["pack.xlsx"]


def test_overwrites_existing_pack(pack, tmp_path):
    out = tmp_path / "pack.xlsx"
    out.write_bytes(b"old")
    write_pack(pack, out)
    assert openpyxl.load_workbook(out).sheetnames[0] == "Summary"


@settings(max_examples=30, deadline=None)
@given(text=st.text(min_size=1, max_size=60))
def test_any_paper_text_reads_back_as_the_same_string(text):
    import io

    paper = PackPaper(item="1", reference="R", title=text,
                      recommendations=[PackRecommendation("decision", "1", text, "approve")])
    wb = build_workbook(PackData(None, None, datetime(2024, 1, 1), "me", [paper]))
    buf = io.BytesIO()
    wb.save(buf)
    back = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))
    expected = clean_text(text) or None
    for cell in (back["Papers"]["D2"], back["Recommendations"]["E2"]):
        assert cell.value == expected
        if expected is not None:
            assert cell.data_type == "s"


def test_ooxml_escape_sequences_are_kept_literal():
    # Excel would show "_x0041_" as "A"; the stored form "_x005F_x0041_" shows it as written.
    assert clean_text("a_x0041_b") == "a_x005F_x0041_b"
    assert clean_text("snake_x_case") == "snake_x_case"


def test_summary_values_keep_the_plain_font(pack, tmp_path):
    # Styles are built once per kind; none may inherit the big title font of cell A1.
    pack.papers[0].annotations.clear()  # so the date-time style is first built on the Summary
    ws = openpyxl.load_workbook(write_pack(pack, tmp_path / "p.xlsx"))["Summary"]
    assert ws["A1"].font.sz == 16
    generated = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "Generated")
    cell = ws.cell(row=generated, column=2)
    assert cell.is_date and not cell.font.b and cell.font.sz != 16
