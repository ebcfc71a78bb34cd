"""Clerk operations on a real register file: one transaction each, audited, returning changes."""

from __future__ import annotations

import sqlite3

import pytest

from mopac_desk.register import NotFoundError, Register, RegisterError

from .conftest import make_extraction, make_paper


def _add(register: Register, **kw) -> int:
    return register.add_extraction(make_extraction(**kw), "store/aa/x.pdf", ["device text", "more"])[0].id


def test_file_is_wal_with_foreign_keys(register):
    assert register.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert register.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert register.schema_version == 4


def test_list_papers_totals_exclude_threshold_and_placeholder(register):
    pid = _add(register)
    [row] = register.list_papers()
    assert row.id == pid and row.reference == "PCD 977"
    assert row.totals == {"capital": 1_470_000_000, "revenue": 83_000_000}
    assert row.recommendations == 2 and row.open_checks == 1
    assert row.decision_required_by == "2021-04-30"


def test_same_file_and_first_page_is_not_duplicated(register):
    _add(register)
    assert register.add_extraction(make_extraction(), "store/aa/x.pdf") == []
    assert len(register.list_papers()) == 1


def test_meeting_pack_file_gives_one_paper_per_extracted_paper(register):
    papers = [make_paper("PCD 1", 1, 3), make_paper("PCD 2", 4, 6)]
    added = register.add_extraction(make_extraction(papers=papers, pages=6), "store/aa/x.pdf")
    assert [a.reference for a in added] == ["PCD 1", "PCD 2"]
    assert [p.first_page for p in register.list_papers()] == [1, 4]


def test_set_field_confirms_records_editor_and_audits(register):
    pid = _add(register)
    changes = register.set_field(pid, "title", "  Laptop refresh ", who="alice")
    assert changes[0].old == "End User Device Refresh" and changes[0].new == "Laptop refresh"
    f = register.get_paper(pid).fields["title"]
    assert f.value == "Laptop refresh" and f.confirmed and f.edited_by == "alice"
    audit = register.audit_for(pid)
    assert audit[-1]["who"] == "alice" and audit[-1]["new_value"] == "Laptop refresh"
    assert register.search("laptop")[0].source == "field:title"


def test_set_field_from_the_page_replaces_provenance(register):
    pid = _add(register)
    before = register.get_paper(pid).fields["report_author"]
    register.set_field(pid, "report_author", "Jane Smith", who="alice", page=3,
                       quote="Report author: Jane Smith", rects=[[72.0, 500.0, 200.0, 512.0]])
    f = register.get_paper(pid).fields["report_author"]
    assert (f.page, f.quote, f.rects) == (3, "Report author: Jane Smith",
                                                    [[72.0, 500.0, 200.0, 512.0]])
    register.set_field(pid, "report_author", "J. Smith", who="alice")
    kept = register.get_paper(pid).fields["report_author"]
    assert kept.page == 3 and kept.value == "J. Smith"
    assert before.page != 3


def test_an_undo_puts_back_an_unticked_value_in_one_audited_step(register):
    pid = _add(register)
    register.set_field(pid, "title", "Laptop refresh", who="alice")
    before = len(register.audit_for(pid))
    register.set_field(pid, "title", "End User Device Refresh", who="alice", confirmed=False)
    f = register.get_paper(pid).fields["title"]
    assert f.value == "End User Device Refresh" and not f.confirmed
    assert len(register.audit_for(pid)) == before + 1


def test_unknown_field_status_and_paper_are_plain_errors(register):
    pid = _add(register)
    with pytest.raises(RegisterError, match="not a field"):
        register.set_field(pid, "colour", "x")
    with pytest.raises(RegisterError, match="not a status"):
        register.set_status(pid, "lost")
    with pytest.raises(NotFoundError, match="no paper number 99"):
        register.set_status(99, "checked")


def test_status_and_outcome(register):
    pid = _add(register)
    assert register.set_status(pid, "in review")[0].new == "in review"
    assert register.set_status(pid, "in review") == []
    rec = register.get_paper(pid).recommendations[0]
    register.set_outcome(rec.id, "approved with amendment")
    assert register.get_paper(pid).recommendations[0].outcome == "approved with amendment"
    with pytest.raises(RegisterError):
        register.set_outcome(rec.id, "maybe")


def test_manual_recommendation_and_cost_capture(register):
    pid = _add(register)
    rid = register.add_recommendation(pid, "Note the risks.", number="2", action="note", page=2)[0].entity_id
    cid = register.add_cost(pid, 12_345, "£123.45", "revenue", page=2, context="fee")[0].entity_id
    detail = register.get_paper(pid)
    assert any(r.id == rid and r.manual for r in detail.recommendations)
    # a second, different revenue figure: the paper now contradicts itself
    assert detail.summary.conflicts == ["revenue"]
    assert detail.summary.revenue_pence == 83_000_000
    register.choose_figure(pid, "revenue", 12_345, who="alice")
    assert register.list_papers()[0].revenue_pence == 12_345
    assert register.audit_for(pid)[-1]["what"] == "chose the revenue figure"
    register.choose_figure(pid, "revenue", None)
    with pytest.raises(RegisterError, match="whole pence"):
        register.add_cost(pid, 1.5, "£0.015", "revenue")  # type: ignore[arg-type]
    register.update_cost_kind(cid, "threshold")
    assert register.list_papers()[0].totals["revenue"] == 83_000_000
    assert register.list_papers()[0].conflicts == []
    register.delete_cost(cid)
    register.delete_recommendation(rid)
    assert register.list_papers()[0].recommendations == 2


def test_tag_many_at_once_is_one_transaction(register):
    pid = _add(register)
    register.create_tag("IT")
    with pytest.raises(RegisterError, match="already a tag"):
        register.create_tag("it")
    costs = [c.id for c in register.get_paper(pid).costs]
    changes = register.tag("IT", "cost", costs)
    assert len(changes) == len(costs)
    assert register.tags_of("cost", costs[0]) == ["IT"]
    # an unknown id anywhere rolls the whole action back
    with pytest.raises(NotFoundError):
        register.untag("IT", "cost", [costs[0], 9999])
    assert register.tags_of("cost", costs[0]) == ["IT"]
    register.untag("IT", "cost", costs)
    assert register.tags()[0]["uses"] == 0


def test_meetings_agenda_and_reorder(register):
    a = _add(register)
    b = _add(register, sha="b" * 64, papers=[make_paper("PCD 978")])
    mid = register.create_meeting("2025-06-12", "IAM")[0].entity_id
    register.add_to_meeting(mid, [a, b])
    assert [p.id for p in register.agenda(mid)] == [a, b]
    register.reorder_agenda(mid, [b, a])
    assert [p.id for p in register.agenda(mid)] == [b, a]
    with pytest.raises(RegisterError, match="exactly"):
        register.reorder_agenda(mid, [a])
    assert register.list_papers()[0].meeting == "2025-06-12 IAM"
    assert register.meetings()[0]["papers"] == 2
    with pytest.raises(RegisterError, match="YYYY-MM-DD"):
        register.create_meeting("12/06/2025")


def test_findings_dismissal(register):
    pid = _add(register)
    fid = register.get_paper(pid).findings[0].id
    with pytest.raises(RegisterError, match="why"):
        register.dismiss_finding(fid, " ")
    register.dismiss_finding(fid, "signed on paper copy", who="bob")
    assert register.list_papers()[0].open_checks == 0
    register.undismiss_finding(fid)
    assert register.list_papers()[0].open_checks == 1


def test_annotations(register):
    pid = _add(register)
    aid = register.add_annotation(pid, 1, "note", text="check this", rects=[[1, 2, 3, 4]])[0].entity_id
    register.update_annotation(aid, text="checked", colour="#ff0000")
    [ann] = register.annotations(pid)
    assert ann["text"] == "checked" and ann["rects"] == [[1, 2, 3, 4]] and ann["colour"] == "#ff0000"
    register.delete_annotation(aid)
    assert register.annotations(pid) == []
    assert [a["what"] for a in register.audit_for(pid)][-3:] == ["added note", "edited annotation", "deleted note"]


def test_reextract_keeps_clerk_values_outcomes_tags_and_dismissals(register):
    pid = _add(register)
    register.set_field(pid, "title", "Clerk title")
    detail = register.get_paper(pid)
    rec, cost, finding = detail.recommendations[0], detail.costs[0], detail.findings[0]
    register.set_outcome(rec.id, "approved")
    register.create_tag("IT")
    register.tag("IT", "recommendation", [rec.id])
    register.update_cost_kind(cost.id, "total")
    register.dismiss_finding(finding.id, "fine")

    fresh = make_paper(title="Engine title")
    fresh.fields["reference"].value = "PCD 977A"
    changes = register.reextract(pid, fresh)
    after = register.get_paper(pid)
    assert after.fields["title"].value == "Clerk title"
    assert after.fields["title"].extracted_value == "Engine title"
    assert after.fields["reference"].value == "PCD 977A"
    assert after.recommendations[0].id == rec.id
    assert after.recommendations[0].outcome == "approved"
    assert after.recommendations[0].tags == ["IT"]
    assert after.recommendations[1].parent_id == rec.id
    assert after.costs[0].kind == "total"
    assert after.findings[0].dismissed
    whats = [c.what for c in changes]
    assert "re-extraction changed reference" in whats
    assert "re-extraction of title kept the clerk's value" in whats


def test_failed_action_leaves_nothing_behind(register, tmp_path):
    pid = _add(register)
    before = register.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    with pytest.raises(RegisterError):
        register.add_to_meeting(12345, [pid])
    assert register.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == before
    assert not register.conn.in_transaction


def test_not_a_register_is_a_plain_message(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(RegisterError, match="not a mopac-desk register"):
        Register(bad)


def test_register_from_newer_program_is_refused(tmp_path):
    path = tmp_path / "r.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(RegisterError, match="newer version"):
        Register(path)


def test_date_fields_take_what_a_clerk_types(register):
    pid = _add(register)
    assert register.set_field(pid, "decision_required_by", "9th May 2021")[0].new == "2021-05-09"
    with pytest.raises(RegisterError, match="not a date"):
        register.set_field(pid, "decision_required_by", "next week")
    register.set_field(pid, "decision_required_by", "")
    assert register.get_paper(pid).fields["decision_required_by"].value is None


def test_listeners_hear_each_committed_action_once(register):
    heard = []
    register.add_listener(heard.append)
    pid = _add(register)
    register.set_status(pid, "checked")
    register.set_status(pid, "checked")  # no change, nothing to hear
    with pytest.raises(RegisterError):
        register.set_status(pid, "lost")
    assert [[c.what for c in batch] for batch in heard] == [["imported"], ["set status"]]
    register.remove_listener(heard.append)


def test_a_sum_restated_across_the_paper_counts_once_in_totals(tmp_path):
    """PCD 977 states its £14.7M capital on the form and several times in the report."""
    from mopac_desk.register import Register
    from mopac_desk.register.importer import import_paths
    from tests.conftest import FIXTURES

    reg = Register(tmp_path / "r.sqlite")
    try:
        import_paths(reg, [FIXTURES / "papers" / "pcd-977-end-user-device-refresh.pdf"])
        [row] = reg.list_papers()
        assert row.totals["capital"] == 1_470_000_000
    finally:
        reg.close()


def test_an_annotation_takes_tags_like_any_item(register):
    pid = _add(register)
    aid = register.add_annotation(pid, 1, "note", text="check")[0].entity_id
    register.create_tag("Finance")
    register.tag("Finance", "annotation", [aid], who="alice")
    assert register.tags_of("annotation", aid) == ["Finance"]
    register.untag("Finance", "annotation", [aid])
    assert register.tags_of("annotation", aid) == []
