"""Part 2 (the confidential form) is segmented as its own part, so every item on it is known
to be Part 2 (``item.part == "part2"``)."""

from __future__ import annotations

from pathlib import Path

from mopac_desk.extract import extract_file
from mopac_desk.extract.segment import _PART2_HEAD
from mopac_desk.pipeline import read_file
from tests.helpers.paper_pdf import DecisionSpec, Flow, ReportSpec, write_decision, write_report
from tests.helpers.part2_pdf import PART2_HEADING, Part2Spec, write_part2


def _words_of(paper, part: str) -> str:
    items = [c.raw + " " + c.context for c in paper.costs if c.part == part]
    items += [r.text for r in paper.recommendations if r.part == part]
    return " ".join(items)


def test_a_part2_form_is_a_part_of_its_paper(tmp_path: Path) -> None:
    flow, secret = Flow(), Part2Spec()
    write_decision(flow, DecisionSpec())
    write_report(flow, ReportSpec())
    write_part2(flow, secret)
    ex = read_file(flow.save(tmp_path / "pcd.pdf")).extraction
    assert len(ex.papers) == 1
    paper = ex.papers[0]
    assert [p.kind for p in paper.parts] == ["decision", "report", "part2"]
    part2 = paper.parts[-1]
    assert part2.first_page == part2.last_page  # the form's one page
    bids = [c for c in paper.costs if c.raw in (secret.preferred_bid, secret.second_bid)]
    assert bids and all(c.part == "part2" and c.page >= part2.first_page for c in bids)
    # Nothing of Part 2 is attributed to the parts that are published.
    public = _words_of(paper, "decision") + _words_of(paper, "report")
    assert not any(word in public for word in secret.secrets)
    # Part 1's note about Part 2 stays in the report.
    assert paper.parts[1].last_page < part2.first_page


def test_part2_does_not_swallow_the_next_paper_of_a_pack(tmp_path: Path) -> None:
    flow = Flow()
    write_decision(flow, DecisionSpec())
    write_report(flow, ReportSpec())
    write_part2(flow, Part2Spec())
    second = DecisionSpec(reference="PCD 1301", title="Body Worn Video Replacement")
    write_decision(flow, second)
    write_report(flow, ReportSpec(title="Body Worn Video Replacement", by="Sam Okafor"))
    ex = extract_file(flow.save(tmp_path / "pack.pdf"))
    assert [[p.kind for p in paper.parts] for paper in ex.papers] == [
        ["decision", "report", "part2"], ["decision", "report"]]
    assert ex.papers[1].value("reference") == "PCD 1301"


def test_a_part2_form_between_the_decision_and_its_report(tmp_path: Path) -> None:
    flow = Flow()
    write_decision(flow, DecisionSpec())
    write_part2(flow, Part2Spec())
    write_report(flow, ReportSpec())
    ex = extract_file(flow.save(tmp_path / "pcd.pdf"))
    assert [[p.kind for p in paper.parts] for paper in ex.papers] == [
        ["decision", "part2", "report"]]


def test_the_part2_heading_is_told_from_part1_notes_about_part2() -> None:
    assert _PART2_HEAD.match(PART2_HEADING)
    assert _PART2_HEAD.match("Part II: Confidential facts and advice to the DMPC")
    assert _PART2_HEAD.match("PART 2 - CONFIDENTIAL")
    for note in ["Part 2 – This section refers to the details of the Part 2 business case",
                 "Part 2 Confidentiality: Only the facts or advice considered as likely to be",
                 "Is there a Part 2 form – YES", "PART I - NON-CONFIDENTIAL FACTS AND ADVICE"]:
        assert not _PART2_HEAD.match(note), note


def test_the_real_papers_have_no_part2_part(paper_path: Path) -> None:
    kinds = {p.kind for paper in extract_file(paper_path).papers for p in paper.parts}
    assert "part2" not in kinds
