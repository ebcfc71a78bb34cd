"""A paper's money as a clerk enters it, on generated papers in several layouts and wordings:
per-annum revenue, sums restated in other notations, a sum that contradicts itself, thresholds
with VAT notes, delegation limits, contract values with headroom, a contract funded from a
revenue budget, year ranges."""

from __future__ import annotations

import pytest

from mopac_desk.extract import extract_file
from mopac_desk.extract.model import Paper
from mopac_desk.extract.summary import summarise
from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, Style, write_decision, write_report

SERIF = Style(font="Times-Roman", bold="Times-Bold", size=12, left=100, right=480,
              numbered_headings=True)
WIDE = Style(font="Helvetica", bold="Helvetica-Bold", size=10, left=45, right=560, top=800,
             bottom=50, header="OFFICIAL")
JUSTIFIED = Style(font="Times-Roman", bold="Times-Bold", size=11, left=80, right=515, top=760,
                  bottom=90, justify=True, leading=1.2)
STYLES = pytest.mark.parametrize("style", [SERIF, WIDE, JUSTIFIED],
                                 ids=["serif-numbered", "wide-sans", "justified"])


def _paper(tmp_path, style: Style, report: ReportSpec, decision: DecisionSpec | None = None,
           name: str = "paper.pdf") -> Paper:
    flow = Flow(style)
    if decision is not None:
        write_decision(flow, decision)
    write_report(flow, report)
    ex = extract_file(flow.save(tmp_path / name))
    assert len(ex.papers) == 1
    return ex.papers[0]


@STYLES
def test_per_annum_revenue_counts_over_its_whole_period(tmp_path, style):
    spec = ReportSpec(
        title="Digital Evidence Platform Licences",
        recommendations=[
            "Approve revenue expenditure of £385,000 per year for three years (£1.155m in "
            "total) for the digital evidence platform licences.",
            "Note that the licences replace the current on-premises evidence store.",
        ],
        financial="The licences cost £385,000 per year over three years, £1.155m overall, met "
                  "from the Digital Policing revenue budget.")
    paper = _paper(tmp_path, style, spec)
    s = summarise(paper.costs)
    assert (s.capital_pence, s.revenue_pence, s.contracts_pence, s.conflicts) == (
        None, 115_500_000, [], [])
    figure, = s.sources["revenue"]
    assert figure.per_annum_pence == 38_500_000 and figure.period_years == 3
    assert len(figure.places) == 4  # each yearly figure and each total, in both places
    yearly = [c for c in paper.costs if c.raw == "£385,000"]
    assert all(c.kind == "revenue" and c.role == "component" and c.basis == "per_annum"
               for c in yearly)


@pytest.mark.parametrize("style", [SERIF, WIDE], ids=["serif", "sans"])
def test_a_sum_restated_in_other_notations_counts_once(tmp_path, style):
    dec = DecisionSpec(reference="PCD 1402", title="Automatic Number Plate Recognition Refresh",
                       lead="approve capital expenditure of £6,250,000 to replace the ANPR "
                            "cameras, including:",
                       summary="This decision approves capital investment of £6.25 million in "
                               "new ANPR cameras.")
    rep = ReportSpec(
        title="Automatic Number Plate Recognition Refresh",
        summary="The refresh needs capital investment of £6.25 million over 2024/25.",
        recommendations=["Approve capital spend of £6.25m to replace the ANPR cameras on the "
                         "strategic road network.",
                         "Note the disposal of the old cameras through approved routes."],
        financial="The capital cost of £6.25M is funded from the approved capital plan.")
    paper = _paper(tmp_path, style, rep, dec)
    s = summarise(paper.costs)
    assert (s.capital_pence, s.revenue_pence, s.conflicts) == (625_000_000, None, [])
    figure, = s.sources["capital"]
    assert {p.part for p in figure.places} == {"decision", "report"}
    assert len(figure.places) >= 5 and figure.in_recommendation
    assert all(p.rects and p.page >= 1 for p in figure.places)


@STYLES
def test_a_contradicting_sum_is_a_conflict_and_the_recommendation_stands(tmp_path, style):
    rep = ReportSpec(
        title="Forensic Laboratory Equipment",
        summary="The laboratory needs capital of £3.4m to replace its analysers.",
        recommendations=["Approve capital expenditure of £3.2m to replace the forensic "
                         "laboratory analysers.",
                         "Note the plan to dispose of the old analysers."],
        financial="The capital cost of the replacement is £3.4m.",
        extra_financial=["The £3.4m of capital is funded from the approved capital plan."])
    paper = _paper(tmp_path, style, rep)
    s = summarise(paper.costs)
    assert (s.capital_pence, s.conflicts) == (320_000_000, ["capital"])
    stands = [f for f in s.sources["capital"] if f.stands]
    gave_way = [f for f in s.sources["capital"] if not f.stands]
    assert [f.pence for f in stands] == [320_000_000] and stands[0].in_recommendation
    assert [f.pence for f in gave_way] == [340_000_000] and len(gave_way[0].places) == 3
    # The clerk may pick the other figure.
    picked = summarise(paper.costs, choices={"capital": 340_000_000})
    assert picked.capital_pence == 340_000_000 and picked.chosen_by_clerk == ["capital"]
    assert [f.pence for f in picked.sources["capital"] if f.stands] == [340_000_000]


@pytest.mark.parametrize("style", [SERIF, JUSTIFIED], ids=["serif", "justified"])
def test_thresholds_with_vat_notes_and_delegation_limits_are_never_spend(tmp_path, style):
    rep = ReportSpec(
        title="Custody Telephony Upgrade",
        recommendations=["Approve capital spend of £780k to upgrade telephony in the custody "
                         "suites.", "Note the training plan for custody staff."],
        financial="The upgrade costs £780k of capital.",
        legal=["MOPAC is a contracting authority under the Procurement Act 2023. Contracts for "
               "goods and services valued at £214,904 (incl. VAT) or more must be let under "
               "the Act.",
               "Under the Scheme of Consent and Delegation, decisions with a value of "
               "£500,000 and above are reserved to the DMPC; those over £100,000 to the "
               "Chief Finance Officer."])
    paper = _paper(tmp_path, style, rep)
    kinds = {c.raw: c.kind for c in paper.costs}
    assert kinds["£214,904"] == kinds["£500,000"] == kinds["£100,000"] == "threshold"
    s = summarise(paper.costs)
    assert (s.capital_pence, s.revenue_pence, s.contracts_pence) == (78_000_000, None, [])


@STYLES
def test_contract_value_with_headroom_is_shown_and_never_spend(tmp_path, style):
    rep = ReportSpec(
        title="Managed Print Service",
        recommendations=[
            "Approve capital spend of £900k for new print devices across the estate.",
            "Delegate authority to the Commercial Director to award a managed service "
            "contract with a value of £2.2m, including headroom of £200k, for three years.",
            "Approve the use of a call-off contract under the print framework with a total "
            "value of £4.84m across all London policing bodies.",
        ],
        financial="Print devices cost £900k of capital, funded from the approved capital plan.")
    paper = _paper(tmp_path, style, rep)
    s = summarise(paper.costs)
    assert (s.capital_pence, s.revenue_pence) == (90_000_000, None)
    assert s.contracts_pence == [220_000_000, 484_000_000]
    managed = s.sources["contract"][0]
    assert managed.headroom_pence == 20_000_000
    assert next(c for c in paper.costs if c.raw == "£200k").kind == "headroom"


def test_contract_value_with_its_base_and_headroom_stated(tmp_path):
    rep = ReportSpec(
        title="Fleet Telematics",
        recommendations=["Approve the award of a telematics contract valued at £330,000 "
                         "(£300,000 plus headroom of £30,000) to the preferred supplier.",
                         "Note the data protection impact assessment."],
        financial="The contract is funded from the approved Fleet Services revenue budget.")
    paper = _paper(tmp_path, WIDE, rep)
    s = summarise(paper.costs)
    assert s.contracts_pence == [33_000_000]
    assert s.sources["contract"][0].headroom_pence == 3_000_000
    base = next(c for c in paper.costs if c.raw == "£300,000")
    assert base.role == "component"


@pytest.mark.parametrize("style", [WIDE, JUSTIFIED], ids=["sans", "justified"])
def test_contract_funded_from_a_revenue_budget_counts_as_that_spend(tmp_path, style):
    rep = ReportSpec(
        title="Case Management Support",
        recommendations=["Approve the award of a support and maintenance contract to "
                         "Northgate Public Services up to the value of £140,000, funded from "
                         "the existing Frontline Policing revenue budget.",
                         "Note that the service will be reviewed after one year."],
        financial="No additional budget is needed.")
    paper = _paper(tmp_path, style, rep)
    s = summarise(paper.costs)
    assert s.contracts_pence == [14_000_000]
    assert (s.capital_pence, s.revenue_pence) == (None, 14_000_000)
    assert s.sources["revenue"][0].funded_from == "revenue"
    # With a separate revenue figure, that figure is the spend.
    rep2 = ReportSpec(title=rep.title, recommendations=rep.recommendations,
                      financial="The revenue cost to MOPAC this year is £90,000.")
    s2 = summarise(_paper(tmp_path, style, rep2, name="two.pdf").costs)
    assert (s2.revenue_pence, s2.contracts_pence) == (9_000_000, [14_000_000])


@pytest.mark.parametrize("years, text, n", [
    (["2024/25 to 2027/28"], "from 2024/25 to 2027/28", 4),
    (["FY 23/24 to 27/28"], "in FY 23/24 to 27/28", 5),
])
def test_year_ranges_are_kept_whole_and_give_the_period(tmp_path, years, text, n):
    rep = ReportSpec(
        title="Interpreting Services",
        recommendations=[f"Approve revenue funding of £75,000 per annum {text} for "
                         "interpreting services in custody.",
                         "Note the review of demand after the first year."],
        financial="The service is met from existing budgets.")
    paper = _paper(tmp_path, SERIF, rep)
    cost = next(c for c in paper.costs if c.raw == "£75,000")
    assert cost.years == years and cost.period_years == n and cost.basis == "per_annum"
    assert summarise(paper.costs).revenue_pence == 7_500_000 * n


def test_a_cost_table_by_year_counts_its_totals_once(tmp_path):
    spec = ReportSpec(title="Body Worn Video Refresh",
                      recommendations=["Approve capital spend of £2.0m and revenue of £0.6m "
                                       "over two years for new cameras.", "Note the plan."],
                      financial="The costs by year are shown below.")
    flow = Flow(WIDE)
    write_report(flow, spec)
    flow.new_page()
    for row in ["Cost  2024/25  2025/26  Total", "Capital  £1.2m  £0.8m  £2.0m",
                "Revenue  £0.3m  £0.3m  £0.6m"]:
        flow._line(WIDE.left, row, WIDE.font, WIDE.size)  # table rows, no paragraph gap
    flow.gap()
    flow.para("The figures above are within the approved budgets.")
    paper = extract_file(flow.save(tmp_path / "table.pdf")).papers[0]
    s = summarise(paper.costs)
    assert (s.capital_pence, s.revenue_pence, s.conflicts) == (200_000_000, 60_000_000, [])
    assert [len(f.places) for f in s.sources["capital"]] == [2]
    assert next(c for c in paper.costs if c.raw == "£1.2m").role == "component"


def test_a_yearly_figure_on_the_form_and_its_whole_period_in_the_report(tmp_path):
    dec = DecisionSpec(reference="PCD 1888", title="Mobile Data Terminals Support",
                       lead="approve revenue expenditure of £245,000 per annum for the support "
                            "of mobile data terminals, including:",
                       summary="This decision approves the support of mobile data terminals.")
    rep = ReportSpec(title="Mobile Data Terminals Support",
                     recommendations=["Approve revenue expenditure of £980,000 over four years "
                                      "for the support of mobile data terminals.",
                                      "Note the exit plan at the end of the term."],
                     financial="Support costs £245,000 per annum and is met from the Digital "
                               "Policing revenue budget.")
    paper = _paper(tmp_path, JUSTIFIED, rep, dec)
    s = summarise(paper.costs)
    assert (s.revenue_pence, s.conflicts) == (98_000_000, [])
    figure, = s.sources["revenue"]
    assert (figure.per_annum_pence, figure.period_years) == (24_500_000, 4)
    assert {p.part for p in figure.places} == {"decision", "report"}


def test_the_decision_forms_figure_stands_when_the_form_and_report_disagree(tmp_path):
    dec = DecisionSpec(reference="PCD 1999", title="Firearms Range Refurbishment",
                       lead="approve capital expenditure of £1.75m to refurbish the firearms "
                            "range, including:")
    rep = ReportSpec(title="Firearms Range Refurbishment",
                     recommendations=["Approve capital expenditure of £1.85m to refurbish the "
                                      "firearms range.", "Note the temporary range plan."],
                     financial="The refurbishment costs £1.85m of capital.")
    paper = _paper(tmp_path, SERIF, rep, dec)
    s = summarise(paper.costs)
    assert (s.capital_pence, s.conflicts) == (175_000_000, ["capital"])
    stands, = [f for f in s.sources["capital"] if f.stands]
    assert [p.part for p in stands.places] == ["decision"]
