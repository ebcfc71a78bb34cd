"""The quality bar on papers generated in other layouts: serif type, other margins, numbered
headings, bullets and letters, lists broken across pages, several papers in one file."""

from __future__ import annotations

import pytest

from mopac_desk.extract import extract_file
from tests.helpers.paper_pdf import (
    DecisionSpec, Flow, ReportSpec, Style, write_agenda, write_decision, write_report,
)
from .truth import cost_problems, field_problems, missing_recommendations

SERIF = Style(font="Times-Roman", bold="Times-Bold", size=12, left=100, right=480,
              numbered_headings=True)
WIDE = Style(font="Helvetica", bold="Helvetica-Bold", size=10, left=45, right=560, top=800,
             bottom=50, header="OFFICIAL")
JUSTIFIED = Style(font="Times-Roman", bold="Times-Bold", size=11, left=80, right=515, top=760,
                  bottom=90, justify=True, leading=1.2)
REPORT_COSTS = [(202_500_000, "capital"), (180_000_000, "contract"), (27_750_000, "revenue"),
                (21_347_700, "threshold"), (50_000_000, "threshold")]


def report_fields(spec: ReportSpec, classification: str = "OFFICIAL – PUBLIC") -> dict:
    return {
        "title": spec.title, "meeting_date": "2024-03-12", "decision_required_by": "2024-03-31",
        "report_by": spec.by, "on_behalf_of": spec.behalf, "report_author": spec.author,
        "classification": classification,
        "part2_classification": "OFFICIAL-SENSITIVE [COMMERCIAL]",
    }


@pytest.mark.parametrize("style", [SERIF, WIDE, JUSTIFIED],
                         ids=["serif-numbered-headings", "wide-sans", "justified"])
@pytest.mark.parametrize("marker", ["number", "bullet", "letter", "none"])
def test_report_in_other_layouts(tmp_path, style, marker):
    spec = ReportSpec(rec_marker=marker)
    path = Flow(style)
    write_report(path, spec)
    ex = extract_file(path.save(tmp_path / "report.pdf"))
    assert len(ex.papers) == 1
    paper = ex.papers[0]
    assert [p.kind for p in paper.parts] == ["report"]
    assert field_problems(paper, report_fields(spec)) == []
    assert missing_recommendations(paper, {"report": spec.recommendations}) == []
    assert len(paper.recommendations) == 3
    assert [r.action for r in paper.recommendations] == ["approve", "delegate", "note"]
    assert cost_problems(paper, REPORT_COSTS) == []
    cost = next(c for c in paper.costs if c.raw == "£277.5k")
    assert cost.years == ["2025/26"]


def _split_list_flow(style: Style) -> tuple[Flow, ReportSpec]:
    """A report whose recommendations list runs over a page break inside an item."""
    for filler in range(0, 80):
        spec = ReportSpec(filler_before_recs=filler)
        flow = Flow(style)
        write_report(flow, spec)
        if any(a != b for a, b in flow.rec_pages):
            return flow, spec
    raise AssertionError("no filler length splits the list")


@pytest.mark.parametrize("style", [SERIF, WIDE, JUSTIFIED], ids=["serif", "sans", "justified"])
def test_recommendation_broken_across_a_page(tmp_path, style):
    flow, spec = _split_list_flow(style)
    paper = extract_file(flow.save(tmp_path / "split.pdf")).papers[0]
    assert missing_recommendations(paper, {"report": spec.recommendations}) == []
    for r in paper.recommendations:
        assert "Page" not in r.text and "OFFICIAL" not in r.text
    assert len(paper.recommendations) == 3


def test_decision_and_report_in_serif_with_numbered_headings(tmp_path):
    flow = Flow(SERIF)
    dec, rep = DecisionSpec(logo=True), ReportSpec()
    write_decision(flow, dec)
    write_report(flow, rep)
    ex = extract_file(flow.save(tmp_path / "pcd.pdf"))
    assert len(ex.papers) == 1
    paper = ex.papers[0]
    assert [p.kind for p in paper.parts] == ["decision", "report"]
    expected = report_fields(rep) | {"reference": "PCD 1234", "decision_signed_on": "2024-04-04"}
    assert field_problems(paper, expected) == []
    decision = [r for r in paper.recommendations if r.part == "decision"]
    assert [r.text for r in decision] == [dec.lead] + dec.bullets
    assert [r.parent for r in decision] == [None, 0, 0]
    assert missing_recommendations(paper, {"report": rep.recommendations}) == []
    assert cost_problems(paper, REPORT_COSTS) == []


def test_meeting_pack_with_agenda_and_two_papers(tmp_path):
    first = ReportSpec()
    second = ReportSpec(
        title="Body Worn Video Replacement", upper_title=True, by="Sam Okafor",
        behalf="Director of Digital Services", author="Lee Park, Product Manager",
        recommendations=[
            "Approve revenue spend of £16,431k over four years for body worn video devices.",
            "Note that the contract will be awarded through an existing framework.",
        ],
        financial="The revenue cost of £16,431k is met from the approved revenue budget.")
    flow = Flow(WIDE)
    write_agenda(flow, [first.title, second.title])
    write_decision(flow, DecisionSpec())
    write_report(flow, first)
    flow.new_page()
    write_report(flow, second)
    ex = extract_file(flow.save(tmp_path / "pack.pdf"))
    assert len(ex.papers) == 2
    one, two = ex.papers
    assert [p.kind for p in one.parts] == ["cover", "decision", "report"]
    assert [p.kind for p in two.parts] == ["report"]
    assert one.last_page < two.first_page
    assert field_problems(one, report_fields(first, "OFFICIAL – PUBLIC")) == []
    # The upper-case heading reads as the mixed-case title found in the Part 2 sentence.
    assert two.value("title") == "Body Worn Video Replacement"
    assert field_problems(two, report_fields(second)) == []
    assert missing_recommendations(two, {"report": second.recommendations}) == []
    assert cost_problems(two, [(1_643_100_000, "revenue"), (21_347_700, "threshold"),
                               (50_000_000, "threshold")]) == []
    # Nothing from the second paper leaks into the first.
    assert all("16,431" not in r.text for r in one.recommendations)


def test_numbered_headings_everywhere_and_lettered_items(tmp_path):
    spec = ReportSpec(number_all=True, rec_marker="letter")
    flow = Flow(SERIF)
    write_report(flow, spec)
    paper = extract_file(flow.save(tmp_path / "numbered.pdf")).papers[0]
    assert [r.number for r in paper.recommendations] == ["a", "b", "c"]
    assert missing_recommendations(paper, {"report": spec.recommendations}) == []
    assert paper.value("decision_required_by") == "2024-03-31"


def test_verb_heading_over_unnumbered_paragraphs(tmp_path):
    spec = ReportSpec(rec_marker="none", verb_heading="Approve", recommendations=[
        "Capital spend of £2.025 million in 2024/25 from the approved capital plan to renew "
        "custody suite doors and locks across six sites in line with this business case.",
        "The disposal of the old locking systems through approved recycling routes.",
        "Delegated authority to the Director of Property Services to award the works contracts "
        "with a total contract value of up to £1.8m.",
    ])
    flow = Flow(WIDE)
    write_report(flow, spec)
    paper = extract_file(flow.save(tmp_path / "verbs.pdf")).papers[0]
    assert missing_recommendations(paper, {"report": spec.recommendations}) == []
    assert [r.action for r in paper.recommendations] == ["approve", "approve", "delegate"]
    assert all(r.number is None and r.parent is None for r in paper.recommendations)


def test_decision_form_with_numbered_items_and_long_title(tmp_path):
    dec = DecisionSpec(
        title="Replacement of Custody Suite Cell Doors, Locking Systems and Associated Works "
              "Across the Custody Estate 2024/25",
        lead="approve the following:", numbered=True,
        bullets=["Capital expenditure of £2.025 million for custody renewal.",
                 "Award of the locking systems contract to the preferred supplier."])
    flow = Flow(SERIF)
    write_decision(flow, dec)
    paper = extract_file(flow.save(tmp_path / "decision.pdf")).papers[0]
    assert [p.kind for p in paper.parts] == ["decision"]
    assert paper.value("title") == dec.title
    assert paper.value("decision_signed_on") == "2024-04-04"
    decision = paper.recommendations
    assert [r.text for r in decision] == dec.bullets
    assert [r.number for r in decision] == ["1", "2"]
    assert [r.action for r in decision] == ["approve", "award"]


def test_long_header_lines_wrap(tmp_path):
    spec = ReportSpec(
        title="Replacement of Automatic Number Plate Recognition Cameras on the Strategic Road "
              "Network Phase Two", upper_title=True,
        behalf="Director of Commercial Services and Chief Procurement Officer for the "
               "Metropolitan Police Service",
        author="Alex Morgan, Senior Responsible Owner, Roads Policing Technology",
        author_label_alone=True)
    flow = Flow(SERIF)
    write_report(flow, spec)
    paper = extract_file(flow.save(tmp_path / "wrapped.pdf")).papers[0]
    assert field_problems(paper, report_fields(spec)) == []


def test_pack_of_papers_from_one_template(tmp_path):
    """Three papers from the same template: their headers stand at the same height on
    their first pages, yet each starts a paper (only true running lines are dropped)."""
    flow = Flow(WIDE)
    specs = []
    for n in range(3):
        dec = DecisionSpec(reference=f"PCD {1300 + n}", title=f"Estate Renewal Phase {n + 1}",
                           logo=True)
        rep = ReportSpec(title=f"Estate Renewal Phase {n + 1}", by=f"Officer {n + 1}")
        write_decision(flow, dec)
        write_report(flow, rep)
        flow.new_page()
        specs.append((dec, rep))
    ex = extract_file(flow.save(tmp_path / "template-pack.pdf"))
    assert [[p.kind for p in paper.parts] for paper in ex.papers] == [["decision", "report"]] * 3
    for paper, (dec, rep) in zip(ex.papers, specs):
        assert paper.value("reference") == dec.reference
        assert paper.value("report_by") == rep.by
        assert missing_recommendations(paper, {"decision": [dec.lead] + dec.bullets,
                                               "report": rep.recommendations}) == []


def test_numbered_items_with_bullets_under_them(tmp_path):
    spec = ReportSpec(sub_items={0: ["Phase one: cell doors at three sites.",
                                     "Phase two: locking systems at the remaining sites."]})
    flow = Flow(SERIF)
    write_report(flow, spec)
    recs = extract_file(flow.save(tmp_path / "nested.pdf")).papers[0].recommendations
    assert [r.number for r in recs] == ["1", None, None, "2", "3"]
    assert [r.parent for r in recs] == [None, 0, 0, None, None]
    assert recs[1].text == "Phase one: cell doors at three sites."
    assert recs[1].action == "approve"  # a sub-item asks what its parent asks


def test_lead_in_line_naming_the_meeting_on_a_later_page(tmp_path):
    spec = ReportSpec(filler_before_recs=40, intro_lines=[
        "The Deputy Mayor for Policing and Crime, via the",
        "Investment Advisory and Monitoring meeting (IAM), is asked to:"])
    flow = Flow(WIDE)
    write_report(flow, spec)
    ex = extract_file(flow.save(tmp_path / "lead-in.pdf"))
    assert len(ex.papers) == 1
    assert missing_recommendations(ex.papers[0], {"report": spec.recommendations}) == []
