"""Packs built from a real register file, and the ``export-pack`` command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from mopac_desk.clerk import clerk_name
from mopac_desk.cli import main
from mopac_desk.export.excel import write_pack
from mopac_desk.export.from_register import (
    PackSourceError, find_meeting, pack_for_meeting, pack_for_papers, pack_for_register,
)
from mopac_desk.register import Register

from .sample_register import HOSTILE, build_register
from .totals import evaluate_summary_totals


@pytest.fixture
def reg_path(tmp_path: Path) -> Path:
    return build_register(tmp_path / "register.sqlite")


def test_meeting_pack_in_agenda_order(reg_path):
    with Register(reg_path) as reg:
        meeting = find_meeting(reg, "2021-04-09")
        pack = pack_for_meeting(reg, meeting["id"])
    assert pack.meeting_name == "IAM April" and pack.meeting_date == date(2021, 4, 9)
    assert pack.generated_by == clerk_name(None)  # the default clerk name, not the register's
    assert [(p.item, p.reference) for p in pack.papers] == [(1, "PCD 978"), (2, "PCD 977")]
    p977 = pack.papers[1]
    assert p977.decision_required_by == date(2021, 4, 19)
    assert p977.report_by == "Angus McCallum"
    assert p977.part2_classification == "OFFICIAL-SENSITIVE [COMMERCIAL]"
    assert p977.recommendations[0].outcome == "approved"
    assert p977.recommendations[0].tags == ["devices"]
    assert [c.amount_pence for c in p977.costs] == [1_470_000_000, 83_012_345, 50_000_000, None]
    assert p977.summary.capital_pence == 1_470_000_000
    assert p977.summary.revenue_pence == 83_012_345
    assert p977.checks[0].dismissed and p977.open_checks == 0
    assert p977.annotations[0].contents == "Ask Finance" and p977.annotations[0].created
    assert p977.item == 2 and pack.papers[0].item == 1


def test_unknown_meeting_and_bad_date_are_plain(reg_path):
    with Register(reg_path) as reg:
        with pytest.raises(PackSourceError, match="no meeting on 10/04/2021"):
            find_meeting(reg, "2021-04-10")
        with pytest.raises(PackSourceError, match="YYYY-MM-DD"):
            find_meeting(reg, "9 April")
        with pytest.raises(PackSourceError, match="at least one"):
            pack_for_papers(reg, [])


def test_chosen_papers_and_whole_register(reg_path):
    with Register(reg_path) as reg:
        ids = [p.id for p in reg.list_papers()]
        chosen = pack_for_papers(reg, [ids[2], ids[0]])
        seen = []
        everything = pack_for_register(reg, progress=lambda d, t: seen.append((d, t)))
    assert [p.reference for p in chosen.papers] == ["PCD 979", "PCD 977"]
    assert chosen.meeting_name is None and chosen.papers[0].item is None
    assert [p.reference for p in everything.papers] == ["PCD 977", "PCD 978", "PCD 979"]
    assert seen[-1] == (3, 3)


def test_cli_meeting_pack(reg_path, tmp_path, capsys):
    out = tmp_path / "pack.xlsx"
    status = main(["export-pack", "--register", str(reg_path), "--meeting", "2021-04-09",
                   "--out", str(out)])
    assert status == 0, capsys.readouterr().err
    assert "2 paper(s)" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    papers = wb["Papers"]
    assert [papers.cell(row=r, column=3).value for r in (2, 3)] == ["PCD 978", "PCD 977"]
    recs = wb["Recommendations"]
    hostile = [c for c in recs["E"] if c.value == HOSTILE]
    assert hostile and all(c.data_type == "s" for c in hostile)
    costs = wb["Costs"]
    assert 830123.45 in [c.value for c in costs["C"]]
    assert 830123.45 in [c.value for c in wb["Finance"]["D"]]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert summary["Meeting"] == "IAM April"
    assert summary["Protective marking"] == "OFFICIAL-SENSITIVE"  # PCD 978 is sensitive


def test_cli_all_publication(reg_path, tmp_path, capsys):
    out = tmp_path / "all.xlsx"
    assert main(["export-pack", "--register", str(reg_path), "--all", "--publication",
                 "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb["Papers"].max_row == 4
    assert "Part 2 classification" not in [c.value for c in wb["Paper details"][1]]


def test_cli_plain_errors(reg_path, tmp_path, capsys):
    assert main(["export-pack", "--register", str(reg_path), "--meeting", "2030-01-01",
                 "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "no meeting on 01/01/2030" in capsys.readouterr().err
    assert main(["export-pack", "--register", str(tmp_path / "missing.sqlite"), "--all",
                 "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "there is no register" in capsys.readouterr().err
    assert main(["export-pack", "--register", str(reg_path), "--all",
                 "--out", str(tmp_path / "nowhere" / "x.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


def test_clerk_name_from_preferences(reg_path, tmp_path, capsys):
    with Register(reg_path) as reg:
        assert pack_for_register(reg, clerk="  Jo   Clerk ").generated_by == "Jo Clerk"
        assert pack_for_papers(reg, [1], clerk="").generated_by == clerk_name(None)
    out = tmp_path / "c.xlsx"
    assert main(["export-pack", "--register", str(reg_path), "--all", "--clerk", "A. Secretary",
                 "--out", str(out)]) == 0
    summary = {r[0]: r[1] for r in openpyxl.load_workbook(out)["Summary"].iter_rows(
        values_only=True)}
    assert summary["Generated by"] == "A. Secretary"


def test_register_and_pack_agree_on_equal_sums_in_different_years(tmp_path):
    # Issue #11: one paper, £100,000 revenue in 2024/25 and £100,000 in 2025/26. Whatever
    # the summary rule makes of it, the register list and the pack's totals say the same.
    from mopac_desk.extract.model import Cost, Extraction

    from .sample_register import make_paper

    paper = make_paper("PCD 1100", "Two years")
    paper.costs = [
        Cost(10_000_000, "£100,000", "revenue", ["2024/25"], "decision", 1,
             "revenue of £100,000 in 2024/25", []),
        Cost(10_000_000, "£100,000", "revenue", ["2025/26"], "decision", 1,
             "and £100,000 in 2025/26", []),
    ]
    with Register(tmp_path / "r.sqlite") as reg:
        reg.add_extraction(Extraction("y.pdf", "y" * 64, 2, [paper]), "y.pdf")
        (listed,) = reg.list_papers()
        pack = pack_for_register(reg)
    out = write_pack(pack, tmp_path / "pack.xlsx")
    wb = openpyxl.load_workbook(out)
    totals = evaluate_summary_totals(wb)
    assert totals["Revenue"] * 100 == (listed.revenue_pence or 0)
    assert totals["Capital"] * 100 == (listed.capital_pence or 0)
    assert listed.revenue_pence == pack.papers[0].summary.revenue_pence


def test_annotations_sheet_has_replies_and_no_private_notes(reg_path, tmp_path):
    with Register(reg_path) as reg:
        pid = reg.list_papers()[0].id
        reg.create_tag("finance")
        cid = reg.add_annotation(pid, 2, "highlight", text="Is this the whole cost?",
                                 quote="capital expenditure of £14.7m", status="accepted",
                                 tags=["finance"], who="A. Reviewer")[0].entity_id
        reg.add_reply(cid, "Yes: see the financial comments.", author="J. Clerk")
        reg.add_annotation(pid, 1, "note", text="my own reminder", private=True)
        pack = pack_for_papers(reg, [pid])
    ws = openpyxl.load_workbook(write_pack(pack, tmp_path / "a.xlsx"))["Annotations"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert [r["Contents"] for r in rows] == [
        "Ask Finance", "Is this the whole cost?", "Yes: see the financial comments."]
    comment, reply = rows[1], rows[2]
    assert comment["Kind"] == "Highlight" and comment["Quote"] == "capital expenditure of £14.7m"
    assert comment["Status"] == "Accepted" and comment["Tags"] == "finance"
    assert comment["Parent"] is None and comment["Page"] == 2
    assert reply["Kind"] == "Reply" and reply["Parent"] == comment["Thread"]
    assert reply["Thread"] == f"{comment['Thread']}.1" and reply["Author"] == "J. Clerk"
    assert reply["Created"] is not None


def test_a_conflict_is_marked_and_the_clerks_pick_is_the_packs_figure(tmp_path):
    from mopac_desk.extract.model import Cost, Extraction

    from .sample_register import make_paper

    paper = make_paper("PCD 2104", "Body worn video")
    paper.costs = [
        Cost(320_000_000, "£3.2m", "capital", [], "decision", 1,
             "approve capital expenditure of £3.2m", [], in_recommendation=True),
        Cost(340_000_000, "£3.4m", "capital", [], "report", 2, "capital costs of £3.4m", []),
        Cost(21_347_700, "£213,477", "threshold", [], "report", 2,
             "valued at £213,477 (inc. VAT) or above", []),
    ]
    with Register(tmp_path / "r.sqlite") as reg:
        reg.add_extraction(Extraction("c.pdf", "c" * 64, 2, [paper]), "c.pdf")
        pid = reg.list_papers()[0].id
        before = pack_for_register(reg)
        reg.choose_figure(pid, "capital", 340_000_000, "J. Clerk")
        after = pack_for_register(reg)
        listed = reg.list_papers()[0]

    def finance(pack) -> dict:
        wb = openpyxl.load_workbook(write_pack(pack, tmp_path / "m.xlsx"))
        ws = wb["Finance"]
        return dict(zip([c.value for c in ws[1]], [c.value for c in ws[2]])), wb

    row, wb = finance(before)
    assert row["Capital"] == 3_200_000
    assert row["Conflicts"] == ("capital conflict: £3,200,000 stands (p. 1), also stated "
                                "£3,400,000 (p. 2)")
    counts = [r[4] for r in wb["Costs"].iter_rows(min_row=2, values_only=True)]
    assert counts == ["Capital", "Not counted: capital conflict, another figure stands",
                      "Not counted: threshold"]
    assert evaluate_summary_totals(wb)["Capital"] == 3_200_000
    row, wb = finance(after)
    assert row["Capital"] == 3_400_000 == listed.capital_pence / 100
    assert row["Conflicts"].endswith("(the clerk's choice)")
    assert evaluate_summary_totals(wb)["Capital"] == 3_400_000
