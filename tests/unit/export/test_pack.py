"""The pack model: a paper's money is its summary by the one rule; the publication copy."""

from __future__ import annotations

from datetime import datetime

from mopac_desk.export.figures import conflict_texts, counts_as, paper_money
from mopac_desk.export.pack import PackCost, PackData, PackPaper, PackRecommendation
from mopac_desk.export.part2 import publication_version
from mopac_desk.extract.summary import Summary, summarise


def test_restated_sum_counts_once_by_the_summary_rule():
    # PCD 977 states its £14.7M capital on pages 1, 2, 5 and 6.
    mentions = [
        PackCost(1_470_000_000, "capital", ["2021/22"], "refresh", 1, "decision", raw="£14.7M"),
        PackCost(18_933_000, "threshold", [], "contracts above", 2, "decision", raw="£189,330"),
        PackCost(1_470_000_000, "capital", [], "will cost", 2, "decision", raw="£14,700,000"),
        PackCost(1_470_000_000, "capital", ["2021/22"], "refresh", 5, "report", raw="£14.7M"),
    ]
    paper = PackPaper(item="1", reference="PCD 977", title="t", costs=mentions)
    assert paper.summary.capital_pence == 1_470_000_000
    assert paper.summary == summarise(mentions)
    assert counts_as(mentions, paper.summary) == [
        "Capital", "Not counted: threshold", "Capital, same sum as p. 1 (counted once)",
        "Capital, same sum as p. 1 (counted once)"]


def test_the_registers_summary_is_used_as_it_is():
    # A clerk's pick (or any summary the register keeps) is what the pack shows.
    kept = Summary(capital_pence=320_000_000, revenue_pence=None)
    paper = PackPaper(item="1", reference="R", title="t", money=kept,
                      costs=[PackCost(340_000_000, "capital", page=7, raw="£3.4m")])
    assert paper.summary is kept
    assert paper_money(paper.summary).capital_pence == 320_000_000


def test_conflict_is_marked_with_both_figures_and_pages():
    costs = [PackCost(320_000_000, "capital", [], "approve capital of £3.2m", 1, "decision",
                      raw="£3.2m", in_recommendation=True),
             PackCost(340_000_000, "capital", [], "capital costs of £3.4m", 7, "report",
                      raw="£3.4m")]
    summary = summarise(costs)
    assert summary.conflicts == ["capital"]
    assert conflict_texts(summary) == [
        "capital conflict: £3,200,000 stands (p. 1), also stated £3,400,000 (p. 7)"]
    assert counts_as(costs, summary) == [
        "Capital", "Not counted: capital conflict, another figure stands"]


def test_contracts_are_never_spend_and_per_annum_is_explained():
    costs = [PackCost(41_000_000, "revenue", [], "£410k per annum for four years", 3, "report",
                      raw="£410k", basis="per_annum", period_years=4, whole_pence=164_000_000),
             PackCost(484_000_000, "contract", [], "a call-off contract of £4.84m", 3, "report",
                      raw="£4.84m")]
    money = paper_money(summarise(costs))
    assert money.revenue_pence == 164_000_000 and money.capital_pence is None
    assert money.contracts_pence == 484_000_000
    assert "revenue £1,640,000 is £410,000 a year for 4 years" in money.notes


def test_publication_copy_drops_part2_and_works_the_summary_out_again():
    paper = PackPaper(
        item="1", reference="R", title="t", part2_classification="OFFICIAL-SENSITIVE",
        recommendations=[PackRecommendation("decision", "1", "a", "approve"),
                         PackRecommendation("part2", "2", "b", "note", from_part2=True)],
        costs=[PackCost(100_00, "capital", page=1, raw="£100"),
               PackCost(250_00, "contract", page=9, part="part2", from_part2=True,
                        raw="£250")])
    pack = PackData("m", None, datetime(2024, 1, 1), "me", [paper])
    pub = publication_version(pack)
    p = pub.papers[0]
    assert [r.text for r in p.recommendations] == ["a"]
    assert [c.amount_pence for c in p.costs] == [100_00]
    assert p.summary.contracts_pence == [] and p.summary.capital_pence == 100_00
    assert p.part2_classification is None
    assert pub.publication and pub.left_out == {"recommendations": 1, "costs": 1}
    assert len(pack.papers[0].costs) == 2 and not pack.publication  # the original is untouched
