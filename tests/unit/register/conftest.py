"""Register fixtures: a fresh register file per test and hand-built extractions."""

from __future__ import annotations

from pathlib import Path

import pytest

from mopac_desk.extract.model import (
    Cost, Extraction, FieldValue, Finding, Paper, Part, Recommendation,
)
from mopac_desk.register import Register


def make_paper(ref: str = "PCD 977", first: int = 1, last: int = 2, title: str = "End User Device Refresh") -> Paper:
    paper = Paper(first_page=first, last_page=last, parts=[Part("decision", first, last)])
    paper.fields["reference"] = FieldValue(ref, first, f"DMPC Decision – {ref}", [[10, 700, 120, 712]])
    paper.fields["title"] = FieldValue(title, first, title, [[10, 680, 300, 692]])
    paper.fields["decision_required_by"] = FieldValue("2021-04-30", first, "30 April 2021", [])
    paper.recommendations = [
        Recommendation("decision", "1", "Approve capital expenditure of £14.7m for end user devices.",
                       "approve", None, first, [[10, 500, 400, 512]]),
        Recommendation("decision", "1a", "Delegate award of the contract to the Chief Finance Officer.",
                       "delegate", 0, first, []),
    ]
    paper.costs = [
        Cost(1_470_000_000, "£14.7m", "capital", ["2021/22"], "decision", first, "capital of £14.7m", []),
        Cost(83_000_000, "£0.830m", "revenue", [], "decision", first, "revenue of £0.830m", []),
        Cost(50_000_000, "£500k", "threshold", [], "decision", first, "above £500k", []),
        Cost(None, "£x", "placeholder", [], "decision", first, "£x", []),
    ]
    paper.checks = [Finding("missing-date", "warning", "No signature date.", first, "Signature", [])]
    return paper


def make_extraction(name: str = "pcd-977.pdf", sha: str = "a" * 64, papers: list[Paper] | None = None,
                    pages: int = 2) -> Extraction:
    return Extraction(name=name, sha256=sha, pages=pages, papers=papers if papers is not None else [make_paper()])


@pytest.fixture
def register(tmp_path: Path):
    reg = Register(tmp_path / "register.sqlite", user="tester")
    yield reg
    reg.close()

