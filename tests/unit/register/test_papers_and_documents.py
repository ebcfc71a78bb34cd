"""A paper is a decision, not a file: copies attach to it, versions replace its text and keep
the clerk's work. Real generated PDFs imported into a real register file."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from mopac_desk.register import Register
from mopac_desk.register.importer import DUPLICATE, IMPORTED, import_paths
from tests.helpers.paper_pdf import (
    DecisionSpec, Flow, ReportSpec, Style, write_agenda, write_decision, write_report,
)

SERIF = Style(font="Times-Roman", bold="Times-Bold", size=12, left=60, right=540,
              numbered_headings=True)
WIDE = Style(left=50, right=560, size=10, justify=True, header="OFFICIAL-SENSITIVE")

DECISION = DecisionSpec(reference="PCD 1577")
REPORT = ReportSpec()


def _paper(path: Path, style: Style = Style(), dec: DecisionSpec = DECISION,
           rep: ReportSpec = REPORT) -> Path:
    flow = Flow(style)
    write_decision(flow, dec)
    write_report(flow, rep)
    return flow.save(path)


def _pack(path: Path) -> Path:
    flow = Flow(Style())
    write_agenda(flow, [REPORT.title, "Body Worn Video Replacement"])
    write_decision(flow, replace(DECISION))
    write_report(flow, REPORT)
    write_decision(flow, DecisionSpec(reference="PCD 1600", title="Body Worn Video Replacement",
                                      lead="approve revenue spend of £1.2m for body worn video."))
    write_report(flow, ReportSpec(title="Body Worn Video Replacement",
                                  recommendations=["Approve revenue spend of £1.2m for body "
                                                   "worn video devices."],
                                  financial="The revenue cost is £1.2m."))
    return flow.save(path)


def _refs(reg: Register) -> list[str | None]:
    return sorted(p.reference or "" for p in reg.list_papers())


def test_a_paper_its_retypeset_copy_and_a_pack_holding_it_are_one_paper(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _paper(folder / "a-original.pdf")
    _paper(folder / "b-retypeset.pdf", SERIF)
    _pack(folder / "c-pack.pdf")
    with Register(tmp_path / "r.sqlite") as reg:
        meeting = reg.create_meeting("2024-03-12", "IAM")[0].entity_id
        outcomes = import_paths(reg, [folder], meeting_id=meeting)
        assert [o.status for o in outcomes] == [IMPORTED] * 3
        assert "PCD 1577: another copy, attached" in outcomes[1].message
        assert "PCD 1577: another copy, attached" in outcomes[2].message
        assert _refs(reg) == ["PCD 1577", "PCD 1600"]
        pcd = next(p for p in reg.list_papers() if p.reference == "PCD 1577")
        docs = reg.documents(pcd.id)
        assert sorted(d.role for d in docs) == ["copy", "copy", "original"]
        assert {d.file_name for d in docs} == {"a-original.pdf", "b-retypeset.pdf",
                                               "c-pack.pdf"}
        assert pcd.documents == 3
        # the agenda holds the paper once
        assert [p.reference for p in reg.agenda(meeting)] == ["PCD 1577", "PCD 1600"]
        # a clerk's correction is the paper's, whichever copy it was made on
        reg.set_field(pcd.id, "title", "Custody estate renewal", who="alice")
        assert reg.get_paper(pcd.id).fields["title"].value == "Custody estate renewal"
        # the same copy again is a duplicate, not a fourth document
        again = import_paths(reg, [folder / "b-retypeset.pdf"])
        assert again[0].status == DUPLICATE
        assert len(reg.documents(pcd.id)) == 3


def test_a_new_version_keeps_clerk_work_on_unchanged_items(tmp_path):
    old = _paper(tmp_path / "v1.pdf")
    changed = REPORT.recommendations[:]
    changed[0] = changed[0].replace("£2.025 million", "£2.4 million")
    new_rep = replace(REPORT, recommendations=changed,
                      background="A survey in 2023 found the locks failing at four sites. "
                                 + REPORT.background)
    new = _paper(tmp_path / "v2.pdf", dec=DECISION, rep=new_rep)
    with Register(tmp_path / "r.sqlite") as reg:
        [first] = import_paths(reg, [old])
        pid = first.papers[0].id
        recs = reg.get_paper(pid).recommendations
        kept = next(r for r in recs if r.text.startswith("Delegate authority"))
        reworded = next(r for r in recs if r.text.startswith("Approve capital expenditure of £2.025"))
        reg.set_outcome(kept.id, "approved")
        reg.set_outcome(reworded.id, "deferred")
        reg.create_tag("Estates")
        reg.tag("Estates", "recommendation", [kept.id])
        reg.confirm_field(pid, "reference")

        [second] = import_paths(reg, [new])
        assert second.status == IMPORTED
        assert "PCD 1577: new version 2" in second.message and "now current" in second.message
        assert [p.id for p in reg.list_papers()] == [pid]
        docs = reg.documents(pid)
        assert [(d.version, d.role, d.current) for d in docs] == [(2, "version", True),
                                                                 (1, "original", False)]
        assert reg.list_papers()[0].file_name == "v2.pdf"
        detail = reg.get_paper(pid)
        by_id = {r.id: r for r in detail.recommendations}
        # unchanged words: same item, same outcome and tags, not marked
        assert by_id[kept.id].outcome == "approved"
        assert by_id[kept.id].tags == ["Estates"]
        assert not by_id[kept.id].needs_review
        # changed words: the clerk's work comes along, marked for review
        assert by_id[reworded.id].outcome == "deferred"
        assert "£2.4 million" in by_id[reworded.id].text
        assert by_id[reworded.id].needs_review
        assert detail.fields["reference"].confirmed
        # the same old version again is recognised as the old version, not a third one
        assert import_paths(reg, [old])[0].status == DUPLICATE


def test_two_references_are_never_merged(tmp_path):
    a = _paper(tmp_path / "a.pdf")
    b = _paper(tmp_path / "b.pdf", dec=replace(DECISION, reference="PCD 1578"))
    with Register(tmp_path / "r.sqlite") as reg:
        import_paths(reg, [a, b])
        assert _refs(reg) == ["PCD 1577", "PCD 1578"]


def test_a_missing_stored_copy_is_restored_by_importing_the_file_again(tmp_path):
    pdf = _paper(tmp_path / "a.pdf")
    with Register(tmp_path / "r.sqlite") as reg:
        [first] = import_paths(reg, [pdf])
        stored = reg.list_papers()[0].stored_path
        stored.unlink()
        [again] = import_paths(reg, [pdf])
        assert again.status == DUPLICATE
        assert "stored copy was missing and has been restored" in again.message
        assert stored.read_bytes() == pdf.read_bytes()


def test_a_stored_copy_is_known_by_the_name_its_file_was_imported_under(tmp_path):
    pdf = _paper(tmp_path / "pcd-1234-custody.pdf")
    with Register(tmp_path / "r.sqlite") as reg:
        import_paths(reg, [pdf])
        stored = reg.list_papers()[0].stored_path
        assert stored.name != pdf.name  # kept under its hash
        assert reg.imported_name(stored) == "pcd-1234-custody.pdf"
        assert reg.imported_name(pdf) is None  # not one of the register's copies
        assert reg.imported_name(tmp_path / "elsewhere" / "x.pdf") is None


def test_migration_merges_duplicate_rows_of_one_reference(tmp_path):
    """A version-2 register held one row per file; the same reference twice becomes one paper
    with two documents, keeping the row that has the clerk's work."""
    from mopac_desk.register import schema

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, None, target=2)
    for i, (sha, ref) in enumerate([("a" * 64, "PCD 1577"), ("b" * 64, "PCD 1577"),
                                    ("c" * 64, "PCD 9")], 1):
        conn.execute("INSERT INTO papers (id, sha256, first_page, last_page, file_name, "
                     "stored_path, file_pages, imported_at, extracted_at) VALUES "
                     "(?, ?, 1, 2, ?, ?, 2, '2024-01-0' || ?, '2024-01-01')",
                     (i, sha, f"f{i}.pdf", f"store/{sha[:2]}/{sha}.pdf", i))
        conn.execute("INSERT INTO fields (paper_id, name, value) VALUES (?, 'reference', ?)",
                     (i, ref))
        conn.execute("INSERT INTO costs (paper_id, position, amount_pence, raw, kind, part, "
                     "page, context) VALUES (?, 0, 100000000, '£1m', 'capital', 'decision', 1, "
                     "'approve capital of £1m')", (i,))
    conn.execute("INSERT INTO meetings (id, date, name) VALUES (1, '2024-03-12', 'IAM')")
    conn.execute("INSERT INTO agenda_items VALUES (1, 1, 0), (1, 2, 1), (1, 3, 2)")
    conn.execute("INSERT INTO audit (at, who, entity, entity_id, paper_id, what) VALUES "
                 "('2024-01-05', 'alice', 'field', 1, 2, 'set title')")
    conn.close()
    with Register(path) as reg:
        assert reg.schema_version == 4 and reg.backup_made is not None
        papers = reg.list_papers()
        assert [(p.id, p.reference) for p in papers] == [(2, "PCD 1577"), (3, "PCD 9")]
        assert sorted(d.file_name for d in reg.documents(2)) == ["f1.pdf", "f2.pdf"]
        assert [p.id for p in reg.agenda(1)] == [2, 3]
        assert papers[0].capital_pence == 100000000
        assert any(a["what"] == "merged a duplicate row of the same reference"
                   for a in reg.audit_for(2))


def test_annotations_follow_a_new_version_and_none_is_dropped(tmp_path):
    old = _paper(tmp_path / "v1.pdf")
    new_rep = replace(REPORT, filler_before_recs=6,
                      background="A survey in 2023 found the locks failing at four sites. "
                                 + REPORT.background)
    new = _paper(tmp_path / "v2.pdf", rep=new_rep)
    with Register(tmp_path / "r.sqlite") as reg:
        pid = import_paths(reg, [old])[0].papers[0].id
        rec = next(r for r in reg.get_paper(pid).recommendations
                   if r.text.startswith("Delegate authority"))
        quote = "Delegate authority to the Director of Property Services"
        kept = reg.add_annotation(pid, rec.page, "highlight", text="Which director?",
                                  rects=rec.rects[:1])[0].entity_id
        reg.conn.execute("UPDATE annotations SET quote = ? WHERE id = ?", (quote, kept))
        lost = reg.add_annotation(pid, 1, "highlight", text="gone",
                                  rects=[[72, 700, 200, 712]])[0].entity_id
        reg.conn.execute("UPDATE annotations SET quote = 'words no version holds' WHERE id = ?",
                         (lost,))
        [outcome] = import_paths(reg, [new])
        assert "new version 2" in outcome.message
        current = next(d for d in reg.documents(pid) if d.current)
        rows = {a["id"]: a for a in reg.annotations(pid)}
        assert rows[kept]["document_id"] == current.id and not rows[kept]["needs_anchor"]
        new_rec = next(r for r in reg.get_paper(pid).recommendations
                       if r.text.startswith("Delegate authority"))
        assert rows[kept]["page"] == new_rec.page
        assert abs(rows[kept]["rects"][0][1] - new_rec.rects[0][1]) < 2
        # what cannot be placed stays, marked, on the version it was made on
        assert rows[lost]["needs_anchor"] and rows[lost]["document_id"] != current.id
        assert any(a["what"] == "needs re-anchoring on the new version"
                   for a in reg.audit_for(pid))


def test_a_paper_registered_before_words_were_kept_still_tells_a_copy(tmp_path):
    """Documents migrated from schema 2 have no words yet: the first copy to arrive reads
    the stored copy's words, so it is attached as a copy rather than taken for a version."""
    with Register(tmp_path / "r.sqlite") as reg:
        pid = import_paths(reg, [_paper(tmp_path / "a.pdf")])[0].papers[0].id
        reg.conn.execute("UPDATE documents SET text = ''")
        [outcome] = import_paths(reg, [_paper(tmp_path / "b.pdf", SERIF)])
        assert "another copy, attached" in outcome.message
        assert all(d.has_text for d in reg.documents(pid))


def test_importing_an_annotated_file_brings_its_comments_once(tmp_path):
    from tests.helpers.annotated_pdf import annotate_like_acrobat, write_paper

    plain = write_paper(tmp_path / "plain.pdf")
    annotated = tmp_path / "annotated.pdf"
    annotate_like_acrobat(plain, annotated)
    with Register(tmp_path / "r.sqlite") as reg:
        [first] = import_paths(reg, [annotated])
        assert first.status == IMPORTED
        pid = first.papers[0].id
        count = len(reg.annotations(pid))
        assert count >= 4 and f"({count} annotations added)" in first.message
        # the plain original is a copy of the same text: attached, nothing duplicated
        [second] = import_paths(reg, [plain])
        assert "annotation" not in second.message
        assert len(reg.annotations(pid)) == count


def test_a_repaired_file_is_imported_with_a_warning_and_remembered(tmp_path):
    from tests.helpers.bad_pdfs import garbled_xref_pdf

    bad = garbled_xref_pdf(tmp_path)
    with Register(tmp_path / "r.sqlite") as reg:
        [outcome] = import_paths(reg, [bad])
        assert outcome.status == IMPORTED
        assert "repaired on opening: check it against the original" in outcome.message
        [doc] = reg.documents(outcome.papers[0].id)
        assert doc.repaired


def test_a_file_the_register_refuses_leaves_no_stored_copy_behind(tmp_path):
    pdf = _paper(tmp_path / "a.pdf")
    with Register(tmp_path / "r.sqlite") as reg:
        # the register refuses every new document, as a full or damaged file would
        reg.conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON documents "
                         "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
        [outcome] = import_paths(reg, [pdf])
        assert outcome.status == "failed"
        assert not list((tmp_path / "store").rglob("*.pdf"))
        assert reg.list_papers() == []



def test_a_packs_agenda_cover_is_the_packs_not_its_first_papers(tmp_path):
    pack = _pack(tmp_path / "pack.pdf")
    with Register(tmp_path / "r.sqlite") as reg:
        [outcome] = import_paths(reg, [pack])
        first, second = outcome.papers
        assert first.reference == "PCD 1577" and first.first_page == 1
        assert first.starts_at == 2  # page 1 is the agenda
        assert [p.starts_at for p in reg.find_file(outcome.papers[0].stored_path.split("/")[-1]
                                                   .removesuffix(".pdf"))] == [2, second.starts_at]
