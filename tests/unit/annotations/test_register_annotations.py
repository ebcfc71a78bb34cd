"""Annotations in the register: every operation one audited transaction; PDF import merges."""

from __future__ import annotations

import pytest

from mopac_desk.annotations.model import Annotation, Reply
from mopac_desk.annotations.pdf_read import read_annotations
from mopac_desk.annotations.pdf_write import export_annotated
from mopac_desk.register.annotations import import_pdf_annotations
from mopac_desk.register.errors import NotFoundError, RegisterError
from tests.helpers.annotated_pdf import HIGHLIGHTED


def _whats(register, pid):
    return [a["what"] for a in register.audit_for(pid) if a["entity"] == "annotation"]


def test_add_reply_status_edit_tags_delete_are_audited(register, paper_id):
    register.create_tag("finance", "#ff0000")
    [change] = register.add_annotation(paper_id, 1, "highlight", text="Check",
                                       rects=[[10, 10, 50, 20]], quote="the sum",
                                       tags=["finance"], who="Priya")
    aid = change.entity_id
    register.add_reply(aid, "Agreed", who="Tom")
    register.set_annotation_status(aid, "accepted", who="Tom")
    register.update_annotation(aid, text="Check twice", colour="#00FF00", tags=[], who="Priya")
    [a] = register.list_annotations(paper_id)
    assert (a.kind, a.contents, a.quote, a.colour, a.status, a.tags, a.author) == (
        "highlight", "Check twice", "the sum", "#00ff00", "accepted", [], "Priya")
    assert a.pdf_name and a.document_id == register.documents(paper_id)[0].id
    assert [(r.author, r.contents) for r in a.replies] == [("Tom", "Agreed")]
    assert a.replies[0].pdf_name and a.replies[0].pdf_name != a.pdf_name
    # replying to a reply joins the comment's thread
    register.add_reply(a.replies[0].id, "Thanks", who="Priya")
    assert len(register.get_annotation(aid).replies) == 2
    register.delete_annotation(aid, who="Priya")
    assert register.list_annotations(paper_id) == []
    assert _whats(register, paper_id) == [
        "added highlight", "replied", "status set", "edited annotation", "tags set",
        "replied", "deleted highlight"]


def test_restore_puts_a_deleted_comment_back_whole(register, paper_id):
    aid = register.add_annotation(paper_id, 2, "note", text="Ask",
                                  rects=[[1, 1, 21, 21]])[0].entity_id
    register.add_reply(aid, "Asked")
    before = register.get_annotation(aid)
    register.delete_annotation(aid)
    register.restore_annotation(before)
    after = register.get_annotation(aid)
    assert after == before


def test_bad_input_is_refused_plainly(register, paper_id):
    with pytest.raises(RegisterError, match="not a kind of annotation"):
        register.add_annotation(paper_id, 1, "stamp")
    with pytest.raises(RegisterError, match="counted from 1"):
        register.add_annotation(paper_id, 0, "note")
    aid = register.add_annotation(paper_id, 1, "note")[0].entity_id
    with pytest.raises(RegisterError, match="not a review status"):
        register.set_annotation_status(aid, "maybe")
    with pytest.raises(NotFoundError):
        register.add_annotation(paper_id, 1, "note", tags=["no such tag"])
    with pytest.raises(NotFoundError):
        register.add_reply(999, "hello")
    assert len(register.list_annotations(paper_id)) == 1  # the refused ones left nothing


def test_private_notes_can_be_left_out(register, paper_id):
    register.add_annotation(paper_id, 1, "note", text="mine", private=True)
    register.add_annotation(paper_id, 1, "note", text="shared")
    assert [a.contents for a in register.list_annotations(paper_id, include_private=False)] \
        == ["shared"]


def test_importing_a_reviewed_pdf_twice_adds_its_comments_once(register, paper_id,
                                                               reviewed_pdf):
    doc = register.documents(paper_id)[0]
    assert import_pdf_annotations(register, paper_id, doc.id, reviewed_pdf) == 7
    assert import_pdf_annotations(register, paper_id, doc.id, reviewed_pdf) == 0
    found = register.list_annotations(paper_id)
    assert len(found) == 7 and all(a.origin == "imported" for a in found)
    hl = next(a for a in found if a.kind == "highlight")
    assert hl.quote == HIGHLIGHTED and hl.status == "accepted" and len(hl.replies) == 1
    # imported comments are fully editable
    register.update_annotation(hl.id, text="Edited here")
    assert register.get_annotation(hl.id).contents == "Edited here"
    assert _whats(register, paper_id).count("imported highlight") == 1


def test_round_trip_export_then_reimport_matches_everything(register, paper_id, tmp_path):
    aid = register.add_annotation(paper_id, 1, "area", text="Totals?",
                                  rects=[[60, 500, 300, 560]])[0].entity_id
    register.add_reply(aid, "Added")
    register.set_annotation_status(aid, "completed")
    doc = register.documents(paper_id)[0]
    out = tmp_path / "sent.pdf"
    export_annotated(doc.stored_path, register.list_annotations(paper_id), out)
    # a colleague replies in their reader: here, a reply added to the exported file
    import pikepdf
    with pikepdf.open(out, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        square = next(a for a in page.obj.Annots if a.get("/Subtype") == "/Square")
        page.obj.Annots.append(pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, IRT=square,
            Rect=[0, 0, 20, 20], T=pikepdf.String("Colleague"),
            Contents=pikepdf.String("Looks right"), NM=pikepdf.String("their-reply"))))
        pdf.save(out)
    assert import_pdf_annotations(register, paper_id, doc.id, out) == 0
    [a] = register.list_annotations(paper_id)
    assert [r.contents for r in a.replies] == ["Added", "Looks right"]
    assert a.status == "completed"


def test_add_annotations_keeps_whole_threads(register, paper_id):
    register.add_annotations(paper_id, [Annotation(
        kind="ink", page=1, ink=[[[1, 1], [5, 5]]], author="Priya",
        replies=[Reply("Tom", "what is this?")])])
    [a] = register.list_annotations(paper_id)
    assert a.ink == [[[1, 1], [5, 5]]] and a.replies[0].author == "Tom"


def test_a_copy_sent_back_with_comments_adds_them_to_the_current_document(
        register, paper_id, tmp_path):
    from mopac_desk.register.importer import import_paths

    aid = register.add_annotation(paper_id, 1, "note", text="Ask Finance",
                                  rects=[[500, 700, 520, 720]])[0].entity_id
    current = register.documents(paper_id)[0]
    sent = tmp_path / "sent.pdf"
    export_annotated(current.stored_path, register.list_annotations(paper_id), sent)
    import pikepdf
    with pikepdf.open(sent, allow_overwriting_input=True) as pdf:
        page = pdf.pages[1]
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square, Rect=[60, 500, 300, 560],
            F=4, T=pikepdf.String("Colleague"), Contents=pikepdf.String("Add totals"),
            NM=pikepdf.String("their-square")))]))
        pdf.save(sent)
    [outcome] = import_paths(register, [sent])
    [back] = outcome.papers
    assert back.id == paper_id and back.role == "copy"
    assert "(1 annotation added)" in outcome.message  # the import brought the colleague's
    assert import_pdf_annotations(register, paper_id, back.document_id, sent) == 0
    found = register.list_annotations(paper_id)
    assert [(a.kind, a.page, a.document_id) for a in found] == [
        ("note", 1, current.id), ("area", 2, current.id)]
    assert register.get_annotation(aid).contents == "Ask Finance"
    again = tmp_path / "again.pdf"
    export_annotated(current.stored_path, found, again)
    assert [a.contents for a in read_annotations(again)] == ["Ask Finance", "Add totals"]


def test_a_deleted_reply_comes_back_with_its_id(register, paper_id):
    aid = register.add_annotation(paper_id, 1, "note", text="Ask")[0].entity_id
    rid = register.add_reply(aid, "Asked", who="Tom")[0].entity_id
    [reply] = register.get_annotation(aid).replies
    register.delete_annotation(rid)
    assert register.get_annotation(aid).replies == []
    register.restore_reply(aid, reply)
    assert register.get_annotation(aid).replies == [reply] and reply.id == rid


def test_rows_for_the_pack_hold_replies_under_their_comment_and_tags(register, paper_id):
    register.create_tag("finance")
    aid = register.add_annotation(paper_id, 1, "highlight", text="Check", tags=["finance"],
                                  rects=[[1, 1, 9, 9]])[0].entity_id
    register.add_reply(aid, "Agreed", who="Tom")
    assert [r["kind"] for r in register.annotations(paper_id)] == ["highlight"]
    rows = register.annotations(paper_id, replies=True)
    assert [(r["kind"], r["parent_id"], r["text"], r["tags"]) for r in rows] == [
        ("highlight", None, "Check", ["finance"]), ("reply", aid, "Agreed", [])]
    # The paper's record holds the same comments typed, each with its replies and tags.
    [comment] = register.get_paper(paper_id).annotations
    assert comment == register.get_annotation(aid) and comment.tags == ["finance"]
    assert [(r.contents, r.author) for r in comment.replies] == [("Agreed", "Tom")]
