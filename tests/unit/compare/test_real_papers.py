"""The real MOPAC papers: a paper against itself, and against itself with a page taken out."""

from __future__ import annotations

import pikepdf

from mopac_desk.compare import compare_files


def test_a_real_paper_against_itself_shows_no_change(paper_path):
    result = compare_files(paper_path, paper_path)
    assert result.changes == [] and result.amounts == [] and result.recommendations == []
    assert result.summary_changes == []


def test_a_page_taken_out_is_deleted_text_on_that_page_only(pcd977, tmp_path):
    cut = tmp_path / "cut.pdf"
    with pikepdf.open(pcd977) as pdf:
        del pdf.pages[2]
        pdf.save(cut)
    result = compare_files(pcd977, cut)
    assert result.changes
    assert all(c.old is not None and 3 <= c.old.page <= 4 for c in result.changes)
    deleted = sum(len(c.old.text) for c in result.changes if c.kind in ("delete", "replace"))
    assert deleted > 500  # most of a page of text
    # Past the cut the two align again: page 5 of the old is page 4 of the new.
    page, _ = result.alignment.old_to_new(5, 400.0)
    assert page == 4


def test_a_page_added_in_the_middle_is_inserted_text_on_that_page_only(pcd977, tmp_path):
    from tests.conftest import PAPERS
    other = next(p for p in PAPERS if p != pcd977)
    added = tmp_path / "added.pdf"
    with pikepdf.open(pcd977) as pdf, pikepdf.open(other) as src:
        pdf.pages.insert(3, src.pages[1])
        pdf.save(added)
    result = compare_files(pcd977, added)
    # The added page's body is one change on it; its footnote ("1 Police and crime plan...")
    # is also a later page's, so which of the two counts as new is a toss-up.
    body = [c for c in result.changes if c.new is not None and c.new.page == 4]
    assert len(body) == 1 and body[0].kind == "insert" and len(body[0].new.text) > 500
    assert len(result.changes) <= 2
    page, _ = result.alignment.old_to_new(6, 400.0)
    assert page == 7
