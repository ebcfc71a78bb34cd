"""A generated paper whose money has every case the review panel's summary shows: a capital
figure the paper states two ways (a conflict), revenue per annum over four years, and a
contract whose value includes headroom. Real PDF, written by tests/helpers/paper_pdf.py."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, Style, write_decision, \
    write_report

REFERENCE = "PCD 2104"
CAPITAL, CAPITAL_ELSEWHERE = 320_000_000, 340_000_000
REVENUE_A_YEAR, REVENUE_YEARS = 41_000_000, 4
CONTRACT, HEADROOM = 220_000_000, 20_000_000


def money_paper(folder: Path, name: str = "pcd-2104-forensic-laboratory.pdf") -> Path:
    """Write the paper into ``folder``; returns its path."""
    decision = DecisionSpec(
        reference=REFERENCE, title="Forensic Laboratory Equipment",
        lead="approve capital expenditure of £3.2m to replace the forensic laboratory "
             "analysers, including:",
        summary="This decision concerns the replacement of the forensic laboratory analysers.")
    report = ReportSpec(
        title="Forensic Laboratory Equipment",
        summary="The laboratory needs capital of £3.4m to replace its analysers.",
        recommendations=[
            "Approve capital expenditure of £3.2m to replace the forensic laboratory "
            "analysers.",
            "Approve revenue expenditure of £410,000 per annum for four years (£1.64m in "
            "total) for the analysers' support and consumables.",
            "Delegate authority to the Commercial Director to award a maintenance contract "
            "with a value of £2.2m, including headroom of £200k, for four years.",
        ],
        financial="The capital cost of the replacement is £3.4m.",
        extra_financial=["The £3.4m of capital is funded from the approved capital plan."])
    flow = Flow(Style())
    write_decision(flow, decision)
    write_report(flow, report)
    return flow.save(folder / name)
