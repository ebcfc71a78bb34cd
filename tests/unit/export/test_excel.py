"""The meeting pack workbook, read back with openpyxl and as raw XML."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mopac_desk.export.excel import (
    MONEY, MONEY_PENCE, SHEET_NAMES, PackWriteError, build_workbook, clean_text, money_value, write_pack,
)
from mopac_desk.export.pack import PackCost, PackData, PackPaper, PackRecommendation
from mopac_desk.export.part2 import protective_marking
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
        assert name.replace(" ", "_") in ws.tables, name
        assert ws.freeze_panes == "A2"
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert "Page &P of &N" in ws.oddFooter.right.text
        assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE"
        table = next(iter(ws.tables.values()))
        assert [c.name for c in table.tableColumns] == header_of(ws)
    assert wb["Summary"].oddHeader.center.text == "OFFICIAL-SENSITIVE"


def test_papers_sheet_holds_what_a_secretary_prints(written, pack):
    wb = openpyxl.load_workbook(written)
    ws = wb["Papers"]
    head = header_of(ws)
    assert head == ["No.", "Item", "Reference", "Title", "Decision required by", "Status",
                    "Capital", "Revenue", "Recommendations", "Open checks"]
    rows = rows_of(ws)
    assert len(rows) == len(pack.papers)
    for no, (row, paper) in enumerate(zip(rows, pack.papers), start=1):
        got = dict(zip(head, row))
        assert got["No."] == no
        assert got["Item"] == int(paper.item) and isinstance(got["Item"], int)
        assert got["Reference"] == paper.reference
        assert got["Title"] == paper.title
        # A real date, not text.
        assert got["Decision required by"] == datetime.combine(paper.decision_required_by,
                                                               datetime.min.time())
        assert got["Recommendations"] == len(paper.recommendations)
        assert got["Open checks"] == paper.open_checks
        assert got["Capital"] == (f"=SUMIFS(Finance!$C$2:$C$3,Finance!$A$2:$A$3,$A{no + 1})")
    date_cell = ws.cell(row=2, column=head.index("Decision required by") + 1)
    assert date_cell.is_date and date_cell.number_format == "dd/mm/yyyy"
    details = wb["Paper details"]
    got = dict(zip(header_of(details), rows_of(details)[0]))
    paper = pack.papers[0]
    assert got["Report by"] == paper.report_by and got["On behalf of"] == paper.on_behalf_of
    assert got["Part 2 classification"] == paper.part2_classification
    assert got["Classification"] == paper.classification and got["Documents"] == 1


def test_recommendations_sheet_matches_source(written, pack):
    ws = openpyxl.load_workbook(written)["Recommendations"]
    assert header_of(ws) == ["No.", "Paper", "Part", "Number", "Recommendation", "Action",
                             "Tags", "Outcome", "Page"]
    expected = []
    for no, p in enumerate(pack.papers, start=1):
        for r in p.recommendations:
            part = "Part 2" if r.from_part2 else r.part.capitalize()
            number = int(r.number) if r.number.isdigit() else r.number
            expected.append((no, p.reference, part, number, r.text, r.action,
                             ", ".join(r.tags) or None, r.outcome, r.page))
    assert rows_of(ws) == expected
    assert ws["E2"].alignment.wrap_text
    assert ws["D2"].data_type == "n" and ws["D3"].value == "1a"


def test_costs_are_numbers_in_pounds_with_format(written, pack):
    ws = openpyxl.load_workbook(written)["Costs"]
    assert header_of(ws)[:5] == ["No.", "Paper", "Amount", "Kind", "Counts as"]
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
        # Amount ends a character short of Kind, which starts at its left edge.
        assert cell.alignment.horizontal == "right" and cell.alignment.indent == 1
        assert ws.cell(row=i, column=4).alignment.horizontal in (None, "general", "left")
        if cost.kind in ("threshold", "placeholder"):
            assert row[4].startswith("Not counted")
    assert ws["G2"].alignment.wrap_text  # Context wraps rather than being cut


def test_money_value_is_exact():
    assert money_value(1_470_000_000) == 14_700_000 and isinstance(money_value(100), int)
    assert money_value(12_345_678) == 123456.78
    assert money_value(-5) == -0.05


def test_wrapped_rows_are_tall_enough_for_their_text(tmp_path):
    long = "approve the spend " * 40
    paper = PackPaper(item="1", reference="R", title="t",
                      recommendations=[PackRecommendation("decision", "1", long, "approve")])
    ws = openpyxl.load_workbook(write_pack(
        PackData(None, None, datetime(2024, 1, 1), "me", [paper]), tmp_path / "p.xlsx")
    )["Recommendations"]
    width = ws.column_dimensions["E"].width
    assert ws.row_dimensions[2].height >= 15 * (len(long) // width)


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
    assert "Part 2 classification" not in header_of(wb["Paper details"])
    texts = [r[4] for r in rows_of(wb["Recommendations"])]
    assert "Commercial terms as set out in Part 2." not in texts
    assert all(r[8] != "Part 2" for r in rows_of(wb["Costs"]))
    amounts = [r[2] for r in rows_of(wb["Costs"])]
    assert 123456.78 not in amounts
    assert 123456.78 not in [r[4] for r in rows_of(wb["Finance"])]  # nor in the summary
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert summary["Version"] == ("Publication version: 2 Part 2 items left out "
                                  "(1 recommendation, 1 cost)")
    # Only the Part 2 content made the full pack sensitive.
    assert summary["Protective marking"] == "OFFICIAL"
    assert wb["Costs"].oddFooter.center.text == "OFFICIAL"


def test_version_says_what_the_pack_holds(tmp_path):
    paper = PackPaper(item="1", reference="A", title="t",
                      part2_classification="OFFICIAL-SENSITIVE [COMMERCIAL]")
    pack = PackData(None, None, datetime(2024, 1, 1), "me", [paper])

    def version(**kw) -> str:
        ws = openpyxl.load_workbook(write_pack(pack, tmp_path / "v.xlsx", **kw))["Summary"]
        return {r[0]: r[1] for r in ws.iter_rows(values_only=True)}["Version"]

    assert version() == "Full version: these papers hold no Part 2 content"
    assert version(publication=True) == ("Publication version: these papers hold no Part 2 "
                                         "content, nothing left out")
    paper.costs.append(PackCost(100, "contract", part="part2", from_part2=True))
    assert version() == ("Full version: includes Part 2 content (1 item from 1 paper); "
                         "not for publication")


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
    assert header_of(wb["Annotations"])[-1] == "Tags"
    assert wb["Summary"]["A1"].value == "Papers pack"


def test_annotations_and_checks_listed(written, pack):
    wb = openpyxl.load_workbook(written)
    ws = wb["Annotations"]
    assert header_of(ws) == ["Thread", "Parent", "Paper", "Page", "Kind", "Quote", "Contents",
                             "Author", "Created", "Modified", "Status", "Tags"]
    comment, reply = pack.papers[0].annotations
    assert rows_of(ws) == [
        ("A1", None, "PCD 977", 1, "Highlight", comment.quote, comment.contents,
         comment.author, comment.created, None, "Accepted", "finance"),
        ("A1.1", "A1", "PCD 977", 1, "Reply", None, reply.contents, reply.author,
         reply.created, None, None, None),
    ]
    assert ws["I2"].is_date
    checks = rows_of(wb["Checks"])
    assert [(c[2], c[6]) for c in checks] == [("title_mismatch", "No"),
                                             ("missing_signature", "Yes")]


def test_duplicate_references_get_distinct_labels(tmp_path):
    papers = [PackPaper(item=str(i), reference="PCD 1", title="t") for i in (1, 2)]
    out = write_pack(PackData(None, None, datetime(2024, 1, 1), "me", papers), tmp_path / "d.xlsx")
    labels = [r[1] for r in rows_of(openpyxl.load_workbook(out)["Finance"])]
    assert labels[:2] == ["PCD 1", "PCD 1 (2)"]


def test_progress_reaches_the_total(pack, tmp_path):
    seen: list[tuple[int, int]] = []
    write_pack(pack, tmp_path / "p.xlsx", progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_wrong_suffix_and_missing_folder_are_plain_errors(pack, tmp_path):
    with pytest.raises(PackWriteError, match=r"\.xlsx"):
        write_pack(pack, tmp_path / "pack.csv")
    with pytest.raises(PackWriteError, match="does not exist"):
        write_pack(pack, tmp_path / "nope" / "pack.xlsx")


@settings(max_examples=30, deadline=None)
@given(text=st.text(min_size=1, max_size=60))
def test_any_paper_text_reads_back_as_the_same_string(text):
    import io

    paper = PackPaper(item="1", reference="R", title=text,
                      recommendations=[PackRecommendation("decision", "1", text, "approve")])
    wb = build_workbook(PackData(None, None, datetime(2024, 1, 1), "me", [paper]))
    buf = io.BytesIO()
    wb.save(buf)  # the workbook streams: saved once
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
    pack.papers[0].annotations.clear()
    ws = openpyxl.load_workbook(write_pack(pack, tmp_path / "p.xlsx"))["Summary"]
    assert ws["A1"].font.sz == 16
    generated = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "Generated")
    cell = ws.cell(row=generated, column=2)
    assert cell.is_date and not cell.font.b and cell.font.sz != 16


def test_every_sheet_prints_at_a_readable_size(written):
    # One page wide at a readable size: at most about 190 character widths across (printed
    # on landscape A4 at three quarters of full size or larger; the 15-column Papers sheet
    # was over 250 and printed at half size).
    wb = openpyxl.load_workbook(written)
    for name in SHEET_NAMES[1:]:
        ws = wb[name]
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(widths) and sum(widths) <= 190, (name, sum(widths))
    assert len(header_of(wb["Papers"])) <= 10
