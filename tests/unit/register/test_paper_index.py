"""The paper index (one FTS5 row per paper, for ranking) is kept in step with the place rows
by every write that changes them: import, a clerk's edits, re-extraction, a new version; a
failed action leaves it as it was."""

from __future__ import annotations

import pytest

from mopac_desk.extract.model import Part
from mopac_desk.register import Register, RegisterError
from mopac_desk.register.paper_index import stale_papers

from .conftest import make_extraction, make_paper


def _row(register: Register, paper_id: int) -> tuple:
    return register.conn.execute("SELECT heading, items, pages FROM paper_index WHERE rowid = ?",
                                 (paper_id,)).fetchone()


def _imported(register: Register) -> int:
    return register.add_extraction(
        make_extraction(), "store/x.pdf", ["Cover page", "The end user devices are nine years old."],
        paper_texts=["the end user devices are nine years old"])[0].id


def test_an_imported_paper_has_one_row_heading_items_and_pages(register):
    pid = _imported(register)
    heading, items, pages = _row(register, pid)
    assert "PCD 977" in heading and "End User Device Refresh" in heading
    assert "Delegate award" in items and "2021-04-30" in items
    assert pages == "Cover page The end user devices are nine years old."
    assert stale_papers(register.conn) == []


def test_edits_and_re_extraction_rewrite_the_row(register):
    pid = _imported(register)
    register.set_field(pid, "title", "Laptop replacement")
    assert register.search_papers("laptop").paper_ids == [pid]
    assert "End User Device Refresh" not in _row(register, pid)[0]
    rec = register.add_recommendation(pid, "Note the tablets")[0].entity_id
    assert register.search_papers("tablets").paper_ids == [pid]
    register.delete_recommendation(rec)
    assert register.search_papers("tablets").paper_ids == []
    # a fresh reading that finds an agenda cover: the cover's words leave the paper
    paper = make_paper()
    paper.parts = [Part("cover", 1, 1), Part("decision", 2, 2)]
    register.reextract(pid, paper)
    assert _row(register, pid)[2] == "The end user devices are nine years old."
    assert register.search_papers('"cover page"').paper_ids == []
    assert stale_papers(register.conn) == []


def test_a_new_version_replaces_the_pages(register):
    pid = _imported(register)
    out = register.add_extraction(
        make_extraction("v2.pdf", "b" * 64), "store/v2.pdf",
        ["Cover page", "The tablets are two years old."],
        paper_texts=["the tablets are two years old"])
    assert out[0].id == pid and out[0].role == "version"
    assert register.search_papers("tablets").paper_ids == [pid]
    assert register.search_papers("nine").paper_ids == []
    assert register.conn.execute("SELECT COUNT(*) FROM paper_index").fetchone()[0] == 1
    assert stale_papers(register.conn) == []


def test_a_failed_action_leaves_the_index_as_it_was(register):
    pid = _imported(register)
    before = _row(register, pid)
    with pytest.raises(RegisterError):
        register.set_field(pid, "no such field", "x")
    with pytest.raises(RegisterError):
        register.set_field(pid + 99, "title", "x")
    assert _row(register, pid) == before
    register.set_field(pid, "title", "Laptop replacement")
    assert stale_papers(register.conn) == []


def test_stale_papers_names_a_row_out_of_step(register):
    pid = _imported(register)
    with register.conn:
        register.conn.execute("UPDATE paper_index SET pages = 'other words' WHERE rowid = ?",
                              (pid,))
    assert stale_papers(register.conn) == [pid]
