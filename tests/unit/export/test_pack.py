"""The pack model: merging repeated mentions of one sum, the publication copy."""

from __future__ import annotations

from datetime import datetime

from mopac_desk.export.pack import (
    PackCost, PackData, PackPaper, PackRecommendation, merge_repeated_costs, publication_version,
)


def test_restated_sum_counts_once_with_its_other_pages():
    # PCD 977 states its £14.7M capital on pages 1, 2, 5 and 6.
    mentions = [
        PackCost(1_470_000_000, "capital", ["2021/22"], "refresh", 1, "decision"),
        PackCost(1_470_000_000, "capital", [], "approve spend", 1, "decision"),
        PackCost(18_933_000, "threshold", [], "contracts above", 2, "decision"),
        PackCost(1_470_000_000, "capital", [], "will cost", 2, "decision"),
        PackCost(1_470_000_000, "capital", ["2021/22"], "refresh", 5, "report"),
        PackCost(18_933_000, "threshold", [], "contracts above", 6, "report"),
        PackCost(1_470_000_000, "capital", [], "will cost", 6, "report"),
    ]
    merged = merge_repeated_costs(mentions)
    assert [(c.kind, c.amount_pence, c.page, c.also_on) for c in merged] == [
        ("capital", 1_470_000_000, 1, [2, 5, 6]),
        ("threshold", 18_933_000, 2, [6]),
    ]
    assert merged[0].years == ["2021/22"]
    paper = PackPaper(item="1", reference="PCD 977", title="t", costs=merged)
    assert paper.total_pence("capital") == 1_470_000_000


def test_equal_sums_in_different_years_stay_separate():
    costs = [PackCost(100_000_000, "revenue", ["2025/26"], "y1", 3),
             PackCost(100_000_000, "revenue", ["2026/27"], "y2", 3),
             PackCost(None, "placeholder", [], "£TBC", 4),
             PackCost(None, "placeholder", [], "£TBC", 5),
             PackCost(100_000_000, "capital", ["2025/26"], "cap", 3)]
    merged = merge_repeated_costs(costs)
    assert len(merged) == 5
    assert costs[0].also_on == []  # the input is left alone


def test_publication_copy_drops_part2_only():
    paper = PackPaper(
        item="1", reference="R", title="t", part2_classification="OFFICIAL-SENSITIVE",
        recommendations=[PackRecommendation("decision", "1", "a", "approve"),
                         PackRecommendation("report", "2", "b", "note", from_part2=True)],
        costs=[PackCost(1, "capital"), PackCost(2, "contract", from_part2=True)])
    pack = PackData("m", None, datetime(2024, 1, 1), "me", [paper])
    pub = publication_version(pack)
    assert [r.text for r in pub.papers[0].recommendations] == ["a"]
    assert [c.amount_pence for c in pub.papers[0].costs] == [1]
    assert pub.papers[0].part2_classification is None
    assert len(pack.papers[0].costs) == 2  # the original is untouched
