"""Generated IAM reports: a clean one gives no finding; each planted error gives exactly one."""

from __future__ import annotations

from pathlib import Path

import pytest

from mopac_desk.pipeline import read_file
from mopac_desk.extract.model import Finding
from tests.helpers.paper_pdf import Report, save_pack, save_report

CLEAN = Report()


def _checks(tmp_path: Path, report: Report) -> list[Finding]:
    extraction = read_file(save_report(tmp_path / "paper.pdf", report)).extraction
    assert len(extraction.papers) == 1
    return extraction.papers[0].checks


def test_clean_paper_has_no_findings(tmp_path: Path) -> None:
    assert _checks(tmp_path, CLEAN) == []


PLANTED = [
    ("placeholder", CLEAN.but(author="[Name], Head of Radio Services"), "[Name]"),
    ("placeholder", CLEAN.but(revenue="£400,000 (TBC)"), "TBC"),
    ("placeholder", CLEAN.but(capital_in_finance="£x.xm"), "£x.xm"),
    ("amount_mismatch", CLEAN.but(capital_in_finance="£2.4M"), "£2.4M"),
    ("amount_mismatch", CLEAN.but(capital_in_summary="£25m"), "£25m"),
    ("threshold", CLEAN.but(threshold="£189,330"), "£189,330"),
    ("threshold", CLEAN.but(meeting="10th March 2022", required_by="31 March 2022"), "£214,904"),
    ("numbering", CLEAN.but(skip_number=7), "8."),
    ("sections", CLEAN.but(omit_section="Equality Comments"), "Equality Comments"),
    ("sections", CLEAN.but(omit_section="Environmental Implications"),
     "Environmental Implications"),
    ("title_mismatch", CLEAN.but(part2_title="Body Worn Video Camera Refresh"),
     "Body Worn Video Camera Refresh"),
    ("arithmetic", CLEAN.but(total="£3,000,000"), "£3,000,000"),
    ("dates", CLEAN.but(required_by="1 June 2025"), "1 June 2025"),
]


@pytest.mark.parametrize("code, report, quote", PLANTED,
                         ids=[f"{c}-{q}" for c, _, q in PLANTED])
def test_planted_error_gives_exactly_its_finding(tmp_path: Path, code: str, report: Report,
                                                  quote: str) -> None:
    found = _checks(tmp_path, report)
    assert [(f.code, quote in f.quote) for f in found] == [(code, True)], \
        [(f.code, f.quote) for f in found]


def test_figures_in_another_notation_agree(tmp_path: Path) -> None:
    report = CLEAN.but(capital_in_summary="£2.500m", capital_in_finance="£2,500,000")
    assert _checks(tmp_path, report) == []


def test_title_in_capitals_is_the_same_title(tmp_path: Path) -> None:
    assert _checks(tmp_path, CLEAN.but(title=CLEAN.title.upper())) == []


def test_draft_with_placeholder_date_is_judged_on_its_deadline(tmp_path: Path) -> None:
    # No meeting date: the previous period's figure is tolerated, an older one is not.
    draft = CLEAN.but(meeting="[Date]", threshold="£213,477")
    assert [(f.code, f.quote) for f in _checks(tmp_path, draft)] == [("placeholder", "[Date]")]
    older = draft.but(threshold="£181,302")
    assert sorted(f.code for f in _checks(tmp_path, older)) == ["placeholder", "threshold"]


@pytest.mark.parametrize("report", [CLEAN.but(font="Times-Roman"), CLEAN.but(font="Courier"),
                                    CLEAN.but(numbered_headings=True)],
                         ids=["times", "courier", "numbered-headings"])
def test_clean_paper_in_other_layouts(tmp_path: Path, report: Report) -> None:
    assert _checks(tmp_path, report) == []


def test_skipped_sub_number_under_numbered_headings(tmp_path: Path) -> None:
    found = _checks(tmp_path, CLEAN.but(numbered_headings=True, skip_number=2))
    assert [(f.code, f.quote.split()[0]) for f in found] == [("numbering", "1.3.")]


def test_each_paper_of_a_pack_is_checked_on_its_own(tmp_path: Path) -> None:
    second = Report(title="Body Worn Video Refresh", part2_title="Body Worn Video Refresh",
                    capital_in_finance="£2.4M",
                    extra={"Introduction and background": "Body worn video gives an impartial "
                           "record of encounters between officers and the public, and the "
                           "cameras bought in 2019 are wearing out."})
    extraction = read_file(save_pack(tmp_path / "pack.pdf", [CLEAN, second])).extraction
    assert [[(f.code, f.quote, f.page) for f in p.checks] for p in extraction.papers] == [
        [], [("amount_mismatch", "£2.4M", 3)]]
