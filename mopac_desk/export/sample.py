"""Ready-made packs: a small realistic one (from the fixture papers) and a large synthetic one.

Used by the preview script, the benchmark and tests of code that needs some pack to write.
"""

from __future__ import annotations

from datetime import date, datetime

from ..extract.summary import summarise
from .pack import PackAnnotation, PackCheck, PackCost, PackData, PackPaper, PackRecommendation


def sample_pack() -> PackData:
    """Two papers modelled on PCD 977 and the OneDrive migration IAM report."""
    pcd = PackPaper(
        item="1", reference="PCD 977", title="End User Device Refresh FY2122",
        report_by="Angus McCallum", on_behalf_of="Chief of Corporate Services",
        decision_required_by=date(2021, 4, 19), status="approved",
        classification="OFFICIAL – PUBLIC",
        part2_classification="OFFICIAL-SENSITIVE [COMMERCIAL]",
        recommendations=[
            PackRecommendation(
                "decision", "1",
                "approve spend of £14,700,000 from approved Digital Policing Capital budget to "
                "replace networked end user laptops and desktops in line with policy, including:",
                "approve", ["devices", "capital"], "approved"),
            PackRecommendation(
                "decision", "1a",
                "Use of existing Digital Policing contracts (TTPi and Pegasus) to resource the "
                "project and procure laptops and desktop devices.", "approve", ["contracts"],
                "approved"),
            PackRecommendation(
                "part2", "2", "Commercial terms as set out in Part 2.", "note", [], None,
                from_part2=True, page=9),
        ],
        costs=[
            PackCost(1_470_000_000, "capital", ["2021/22"],
                     "Spend of £14.7M from approved DP Capital budget", 1, "decision",
                     raw="£14.7M", in_recommendation=True, tags=["capital"]),
            PackCost(1_470_000_000, "capital", [],
                     "The refresh will cost £14,700,000 over the year.", 5, "report",
                     raw="£14,700,000"),
            PackCost(18_933_000, "threshold", [], "contracts above £189,330", 3, "report",
                     raw="£189,330"),
            PackCost(50_000_000, "threshold", [], "decisions over £500,000", 1, "decision",
                     raw="£500,000"),
            PackCost(123_456_78, "contract", ["2021/22", "2022/23"],
                     "Pegasus call-off value", 9, "part2", from_part2=True, raw="£123,456.78"),
        ],
        checks=[
            PackCheck("title_mismatch", "warning",
                      "The report calls this 'Mobile Tablet Device Refresh'.", 4),
            PackCheck("missing_signature", "info", "No signature date yet.", 2, dismissed=True),
        ],
        annotations=[
            PackAnnotation(1, "J. Clerk", "Confirm the budget line with Finance.",
                           datetime(2021, 4, 12, 9, 30), thread="A1", kind="Highlight",
                           quote="Spend of £14.7M from approved DP Capital budget",
                           status="Accepted", tags=["finance"]),
            PackAnnotation(1, "A. Officer", "Confirmed: DP Capital 2021/22.",
                           datetime(2021, 4, 12, 11, 5), thread="A1.1", parent="A1",
                           kind="Reply"),
        ],
    )
    onedrive = PackPaper(
        item="2", reference="IAM 0421-02", title="OneDrive migration",
        report_by="Digital Policing", on_behalf_of="Chief Information Officer",
        decision_required_by=date(2021, 5, 28), status="for decision",
        classification="OFFICIAL", part2_classification=None,
        recommendations=[PackRecommendation(
            "report", "1", "Note the progress of the OneDrive migration.", "note", ["cloud"],
            None)],
        costs=[
            PackCost(215_000_000, "revenue", ["2021/22"], "Licences over three years", 5,
                     "report", raw="£2.15m"),
            PackCost(None, "placeholder", [], "£TBC for support", 6, "report", raw="£TBC"),
        ],
    )
    return PackData("Investment Advisory & Monitoring meeting", date(2021, 4, 9),
                    datetime(2021, 4, 12, 10, 0), "J. Clerk", [pcd, onedrive])


def synthetic_pack(papers: int = 1000, recommendations: int = 5000, costs: int = 5000) -> PackData:
    """A large deterministic pack for the benchmark: items spread evenly across papers."""
    kinds = ("capital", "revenue", "contract", "threshold", "total", "placeholder")
    out = []
    for i in range(papers):
        out.append(PackPaper(
            item=str(i + 1), reference=f"PCD {1000 + i}", title=f"Programme {i} refresh",
            report_by="A. Officer", on_behalf_of="Chief of Corporate Services",
            decision_required_by=date(2021, 1 + i % 12, 1 + i % 28), status="for decision",
            classification="OFFICIAL", part2_classification="OFFICIAL-SENSITIVE",
        ))
    for j in range(recommendations):
        out[j % papers].recommendations.append(PackRecommendation(
            "decision", str(j // papers + 1),
            f"Approve spend number {j} from the approved capital budget to replace devices "
            "in line with policy.", "approve", ["devices"], None))
    for k in range(costs):
        kind = kinds[k % len(kinds)]
        out[k % papers].costs.append(PackCost(
            None if kind == "placeholder" else (k + 1) * 123_457, kind, ["2021/22"],
            f"Spend of item {k}", 1 + k % 9, "report", raw=f"£{(k + 1) * 1234.57:,.2f}",
            tags=["devices"] if k % 3 == 0 else []))
    for paper in out:
        paper.money = summarise(paper.costs)  # kept per paper, as the register keeps it
    return PackData("Synthetic meeting", date(2021, 4, 9), datetime(2021, 4, 12, 10, 0),
                    "bench", out)
