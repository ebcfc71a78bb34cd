"""Packs of the real MOPAC papers' known content (their truth files) read back cell for cell."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import openpyxl

from mopac_desk.export.excel import write_pack
from mopac_desk.export.pack import PackCost, PackData, PackPaper, PackRecommendation
from tests.conftest import truth_for


def paper_from_truth(truth: dict, item: str) -> PackPaper:
    f = truth["fields"]
    due = f.get("decision_required_by")
    return PackPaper(
        item=item, reference=f.get("reference"), title=f.get("title"),
        report_by=f.get("report_by"), on_behalf_of=f.get("on_behalf_of"),
        decision_required_by=date.fromisoformat(due) if due else None,
        classification=f.get("classification"),
        part2_classification=f.get("part2_classification"),
        recommendations=[PackRecommendation(part, str(i), text, "approve")
                         for part, texts in truth["recommendations"].items()
                         for i, text in enumerate(texts, start=1)],
        costs=[PackCost(int(Decimal(str(c["amount_gbp"])) * 100), c["kind"])
               for c in truth["costs"]],
    )


def test_real_paper_pack_round_trips(paper_path, tmp_path):
    truth = truth_for(paper_path)
    paper = paper_from_truth(truth, "1")
    pack = PackData("IAM", date(2025, 6, 12), datetime(2025, 6, 1, 9, 0), "clerk", [paper])
    wb = openpyxl.load_workbook(write_pack(pack, tmp_path / "pack.xlsx"))

    papers = wb["Papers"]
    head = [c.value for c in papers[1]]
    row = dict(zip(head, [c.value for c in papers[2]]))
    assert row["Title"] == truth["fields"]["title"]
    assert row["Reference"] == truth["fields"]["reference"]
    assert row["On behalf of"] == truth["fields"]["on_behalf_of"]
    assert row["Part 2 classification"] == truth["fields"]["part2_classification"]
    if paper.decision_required_by:
        assert row["Decision required by"].date() == paper.decision_required_by

    recs = [r[4] for r in wb["Recommendations"].iter_rows(min_row=2, values_only=True)]
    assert recs == [r.text for r in paper.recommendations]

    costs = list(wb["Costs"].iter_rows(min_row=2, values_only=True))
    assert [(Decimal(str(r[2])), r[3].lower()) for r in costs] == [
        (Decimal(str(c["amount_gbp"])), c["kind"]) for c in truth["costs"]]
    assert [r[4] for r in costs] == [
        "No" if c["kind"] in ("threshold", "placeholder") else "Yes" for c in truth["costs"]]
