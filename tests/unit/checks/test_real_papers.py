"""The checks on the real MOPAC papers: every finding the truth lists, and nothing else."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from mopac_desk.checks import finding_key
from mopac_desk.pipeline import read_file
from mopac_desk.extract.model import Extraction
from tests.conftest import truth_for


@lru_cache(maxsize=None)
def _extract(path: Path) -> Extraction:
    return read_file(path).extraction


def _findings(path: Path):
    return [f for p in _extract(path).papers for f in p.checks]


def test_every_truth_check_is_found(paper_path: Path) -> None:
    found = _findings(paper_path)
    for want in truth_for(paper_path)["checks"]:
        assert any(f.code == want["code"] and want["quote"] in f.quote for f in found), \
            f"{want} not among {[(f.code, f.quote) for f in found]}"


def test_nothing_beyond_the_truth(paper_path: Path) -> None:
    # The truth lists are the calibration for precision: a rule that fires on a real paper
    # where the truth sees no problem is a false positive.
    found = _findings(paper_path)
    wanted = truth_for(paper_path)["checks"]
    extra = [(f.code, f.quote) for f in found
             if not any(f.code == w["code"] and w["quote"] in f.quote for w in wanted)]
    assert extra == []


def test_findings_point_at_their_text(paper_path: Path) -> None:
    extraction = _extract(paper_path)
    for paper in extraction.papers:
        for f in paper.checks:
            assert f.severity in ("error", "warning", "info")
            assert paper.first_page <= f.page <= paper.last_page
            assert f.message and f.quote
            assert f.rects, f"{f.code} {f.quote!r} has no rectangle to highlight"
            for x0, y0, x1, y1 in f.rects:
                assert x0 < x1 and y0 < y1


def test_keys_survive_re_extraction(pcd977: Path) -> None:
    first = [(finding_key(f.code, f.quote), f.page) for p in _extract(pcd977).papers
             for f in p.checks]
    again = [(finding_key(f.code, f.quote), f.page) for p in read_file(pcd977).extraction.papers
             for f in p.checks]
    assert first == again and len(set(first)) == len(first)


def test_eus_draft_quotes_the_odd_title_out() -> None:
    path = Path(__file__).parents[2] / "fixtures" / "papers" / "eus-device-demand-2025-27-draft.pdf"
    titles = [f for f in _findings(path) if f.code == "title_mismatch"]
    assert [f.quote for f in titles] == [
        "End User Device Demand 2024/2025 Refresh and Business As Usual"]
    assert titles[0].page == 3
