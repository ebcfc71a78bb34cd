"""A small real register file for export tests: three papers, one meeting, tags, outcomes."""

from __future__ import annotations

from pathlib import Path

from mopac_desk.extract.model import (
    Cost, Extraction, FieldValue, Finding, Paper, Part, Recommendation,
)
from mopac_desk.register import Register

HOSTILE = '=HYPERLINK("http://x","y")'


def make_paper(ref: str, title: str, first: int = 1, classification: str = "OFFICIAL") -> Paper:
    paper = Paper(first_page=first, last_page=first + 1,
                  parts=[Part("decision", first, first), Part("report", first + 1, first + 1)])
    values = {"reference": ref, "title": title, "decision_required_by": "2021-04-19",
              "report_by": "Angus McCallum", "on_behalf_of": "Chief of Corporate Services",
              "classification": classification,
              "part2_classification": "OFFICIAL-SENSITIVE [COMMERCIAL]"}
    for name, v in values.items():
        paper.fields[name] = FieldValue(v, first, v, [])
    paper.recommendations = [
        Recommendation("decision", "1", "Approve capital expenditure of £14.7m.", "approve",
                       None, first, []),
        Recommendation("report", "2", HOSTILE, "note", None, first + 1, []),
    ]
    paper.costs = [
        Cost(1_470_000_000, "£14.7m", "capital", ["2021/22"], "decision", first, "capital", []),
        Cost(83_012_345, "£830,123.45", "revenue", [], "decision", first, "revenue", []),
        Cost(50_000_000, "£500k", "threshold", [], "decision", first, "above £500k", []),
        Cost(None, "£x", "placeholder", [], "report", first + 1, "£x", []),
    ]
    paper.checks = [Finding("missing-date", "warning", "No signature date.", first, "Sig", [])]
    return paper


def build_register(path: Path) -> Path:
    """Three papers; a meeting on 2021-04-09 holds papers 2 then 1 (in that order)."""
    with Register(path, user="clerk") as reg:
        reg.add_extraction(Extraction("a.pdf", "a" * 64, 2, [make_paper("PCD 977", "Devices")]),
                           "a.pdf")
        reg.add_extraction(Extraction("b.pdf", "b" * 64, 2, [make_paper(
            "PCD 978", "Radios", classification="OFFICIAL-SENSITIVE")]), "b.pdf")
        reg.add_extraction(Extraction("c.pdf", "c" * 64, 2, [make_paper("PCD 979", "Other")]),
                           "c.pdf")
        ids = [p.id for p in reg.list_papers()]
        mid = reg.create_meeting("2021-04-09", "IAM April")[0].entity_id
        reg.add_to_meeting(mid, [ids[1], ids[0]])
        rec = reg.get_paper(ids[0]).recommendations[0].id
        reg.set_outcome(rec, "approved")
        reg.create_tag("devices")
        reg.tag("devices", "recommendation", [rec])
        finding = reg.get_paper(ids[0]).findings[0].id
        reg.dismiss_finding(finding, "signed later")
        reg.add_annotation(ids[0], 1, "note", text="Ask Finance")
    return path
