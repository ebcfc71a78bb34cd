"""A paper with a decision form takes the form's title, however the form lays its label out
and however the report heading is written (PCD 658 shape: the form says "Police Cloud
Gateway …", the report heading is in capitals)."""

from __future__ import annotations

import pytest

from mopac_desk.extract import extract_file
from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, Style, write_decision, write_report

SERIF = Style(font="Times-Roman", bold="Times-Bold", size=12, left=100, right=480,
              numbered_headings=True)
WIDE = Style(font="Helvetica", bold="Helvetica-Bold", size=10, left=45, right=560, top=800,
             bottom=50, header="OFFICIAL")


@pytest.mark.parametrize("style", [SERIF, WIDE], ids=["serif", "sans"])
@pytest.mark.parametrize("label", ["inline", "alone", "table"])
def test_the_decision_forms_title_is_the_papers_title(tmp_path, style, label):
    dec = DecisionSpec(reference="PCD 2210", title="Digital Evidence Hub (Exhibits Store "
                       "Replacement)", title_label_alone=label == "alone",
                       title_in_table=label == "table", logo=True)
    rep = ReportSpec(title="DIGITAL EVIDENCE HUB (EXHIBITS STORE REPLACEMENT) PHASE 2",
                     upper_title=True)
    flow = Flow(style)
    write_decision(flow, dec)
    write_report(flow, rep)
    paper = extract_file(flow.save(tmp_path / "pcd.pdf")).papers[0]
    assert [p.kind for p in paper.parts] == ["decision", "report"]
    assert paper.value("title") == dec.title
    assert paper.fields["title"].page == 1


def test_a_marking_with_a_caveat_is_read_whole(tmp_path):
    rep = ReportSpec(title="Covert Tactics Equipment", part2_marking="OFFICIAL-SENSITIVE "
                     "[OPERATIONAL]")
    flow = Flow(WIDE)
    write_report(flow, rep)
    paper = extract_file(flow.save(tmp_path / "marking.pdf")).papers[0]
    assert paper.value("part2_classification") == "OFFICIAL-SENSITIVE [OPERATIONAL]"


def test_an_upper_case_heading_reads_as_its_mixed_case_twin_brackets_and_all(tmp_path):
    rep = ReportSpec(title="POLICE CLOUD GATEWAY (CJX REPLACEMENT)", upper_title=True,
                     background="The Police Cloud Gateway (CJX replacement) carries case files "
                                "between the courts and the police.")
    flow = Flow(WIDE)
    write_report(flow, rep)
    paper = extract_file(flow.save(tmp_path / "report.pdf")).papers[0]
    assert paper.value("title") == "Police Cloud Gateway (CJX replacement)"
