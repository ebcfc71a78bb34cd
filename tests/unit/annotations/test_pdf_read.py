"""Importing review comments written the way Acrobat writes them."""

from __future__ import annotations

import pikepdf
import pytest

from mopac_desk.annotations.pdf_read import (
    AnnotationReadError, has_review_annotations, page_labels, pdf_date_iso, read_annotations,
    rich_text_plain,
)
from tests.helpers.annotated_pdf import HIGHLIGHTED, STRUCK


def _by_kind(found):
    return {a.kind: a for a in found}


def test_every_review_comment_is_imported_and_links_and_popups_are_not(reviewed_pdf):
    found = read_annotations(reviewed_pdf)
    assert [a.kind for a in found] == [
        "highlight", "note", "strikeout", "insert", "area", "textbox", "ink"]
    assert all(a.origin == "imported" and not a.private for a in found)


def test_highlight_fields_quote_thread_and_latest_review_state(reviewed_pdf, expected):
    hl = _by_kind(read_annotations(reviewed_pdf))["highlight"]
    assert hl.page == expected.highlight_page
    assert hl.rects == expected.highlight_rects
    assert hl.quote == HIGHLIGHTED
    assert hl.contents == "Check this cost against the capital plan"
    assert hl.author == "Priya Shah"
    assert hl.pdf_name == "acro-hl-1"
    assert hl.colour == "#ffff00"
    # /M and /CreationDate carried a +01'00' offset: stored in UTC
    assert hl.created == "2025-06-12T09:00:00+00:00"
    assert hl.modified == "2025-06-12T09:15:00+00:00"
    # the later of two review states (Rejected then Accepted) wins; states are not replies
    assert hl.status == "accepted"
    [reply] = hl.replies
    assert (reply.author, reply.contents, reply.pdf_name) == (
        "Tom Reed", "Agreed: the plan has £2m.", "acro-reply-1")
    assert reply.created == "2025-06-13T09:00:00+00:00"


def test_note_words_from_rich_text_strikeout_quote_and_other_kinds(reviewed_pdf, expected):
    got = _by_kind(read_annotations(reviewed_pdf))
    note = got["note"]
    assert note.contents == "Is six sites\nstill right?"
    assert note.rects == [[500.0, 700.0, 520.0, 720.0]] and note.colour == "#80bfff"
    so = got["strikeout"]
    assert so.quote == STRUCK and so.rects == expected.strike_rects and so.colour == "#ff0000"
    assert so.contents == "Say which budget" and so.author == "Tom Reed"
    assert got["insert"].contents == "insert: revenue" and got["insert"].colour == "#0000ff"
    assert got["area"].rects == [[60.0, 500.0, 300.0, 560.0]]
    assert got["area"].contents == "This table needs totals"
    # a text box without /C takes the colour of its text (/DA)
    assert got["textbox"].colour == "#ff0000" and got["textbox"].contents == "Typed on the page"
    assert got["ink"].ink == [[[100.0, 400.0], [150.0, 450.0], [200.0, 400.0]]]


def test_reply_to_a_reply_joins_the_thread_and_group_members_and_reply_states_do_not(reviewed_pdf):
    with pikepdf.open(reviewed_pdf, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        reply = next(a for a in page.obj.Annots if str(a.get("/NM", "")) == "acro-reply-1")
        deeper = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, IRT=reply,
            Rect=[0, 0, 20, 20], T=pikepdf.String("Priya Shah"),
            Contents=pikepdf.String("Thanks"), M=pikepdf.String("D:20250614090000Z")))
        grouped = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square, IRT=reply.IRT,
            RT=pikepdf.Name.Group, Rect=[0, 0, 20, 20]))
        on_reply = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, IRT=reply, F=30,
            Rect=[0, 0, 20, 20], State=pikepdf.String("Cancelled"),
            StateModel=pikepdf.String("Review"), M=pikepdf.String("D:20251231090000Z")))
        page.obj.Annots.append(deeper)
        page.obj.Annots.append(grouped)
        page.obj.Annots.append(on_reply)
        pdf.save(reviewed_pdf)
    hl = _by_kind(read_annotations(reviewed_pdf))["highlight"]
    assert [r.contents for r in hl.replies] == ["Agreed: the plan has £2m.", "Thanks"]
    assert hl.status == "accepted"  # the later status was set on the reply, not the comment
    assert len(read_annotations(reviewed_pdf)) == 7


def test_control_characters_in_comments_are_dropped(reviewed_pdf):
    with pikepdf.open(reviewed_pdf, allow_overwriting_input=True) as pdf:
        note = next(a for a in pdf.pages[0].obj.Annots if str(a.get("/NM", "")) == "acro-note-1")
        note.Contents = pikepdf.String("red\x1b[31m alert\x07\r\nnext line")
        pdf.save(reviewed_pdf)
    note = _by_kind(read_annotations(reviewed_pdf))["note"]
    assert note.contents == "red[31m alert\nnext line"


def test_plain_pdf_has_no_annotations(plain_pdf):
    assert read_annotations(plain_pdf) == []
    assert not has_review_annotations(plain_pdf)


def test_whether_a_file_has_comments_is_told_without_reading_them(reviewed_pdf, plain_pdf):
    assert has_review_annotations(reviewed_pdf)
    with pikepdf.open(plain_pdf, allow_overwriting_input=True) as pdf:
        link = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 20, 20]))
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([link]))
        pdf.save(plain_pdf)
    assert not has_review_annotations(plain_pdf)  # a link is not a review comment


def test_unreadable_files_raise_one_plain_error(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\nnot really")
    with pytest.raises(AnnotationReadError, match="damaged or not a PDF"):
        read_annotations(bad)
    with pytest.raises(AnnotationReadError, match="damaged or not a PDF"):
        has_review_annotations(bad)
    with pytest.raises(AnnotationReadError, match="could not be found"):
        read_annotations(tmp_path / "missing.pdf")


def test_protected_paper_needs_its_password(reviewed_pdf, tmp_path):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(reviewed_pdf) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    with pytest.raises(AnnotationReadError, match="password"):
        read_annotations(locked)
    found = read_annotations(locked, "secret")
    assert found[0].quote == HIGHLIGHTED


def test_dates_rich_text_and_page_labels(plain_pdf):
    assert pdf_date_iso("D:20240312101500-05'00'") == "2024-03-12T15:15:00+00:00"
    assert pdf_date_iso("D:2024") == "2024-01-01T00:00:00+00:00"
    assert pdf_date_iso("yesterday") == ""
    assert rich_text_plain("<body><p>One &amp; <i>two</i></p><p>three</p></body>") == \
        "One & two\nthree"
    with pikepdf.open(plain_pdf, allow_overwriting_input=True) as pdf:
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=[0, pikepdf.Dictionary(
            S=pikepdf.Name.r, St=3)])
        pdf.save(plain_pdf)
    assert page_labels(plain_pdf) == {1: "iii", 2: "iv"}


def test_malformed_comments_are_skipped_or_read_as_far_as_they_go(reviewed_pdf):
    N, S = pikepdf.Name, pikepdf.String
    with pikepdf.open(reviewed_pdf, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        for extra in (
            dict(Subtype=N.Highlight, Rect=S("not a rect"), QuadPoints=[1, 2, S("x")]),
            dict(Subtype=N.Ink, Rect=[1, 1, 9, 9], InkList=7, C=[0.5, 0.5], T=12),
            dict(Subtype=N.Square, Rect=[10, 10, 50, 50], RD=[30, 30, 30, 30],
                 M=S("D:2025-13-45"), NM=S("odd-square")),
            dict(Subtype=N.Text, IRT=page.obj, Rect=[0, 0, 1, 1], Contents=S("no parent")),
        ):
            page.obj.Annots.append(pdf.make_indirect(pikepdf.Dictionary(
                Type=N.Annot, **extra)))
        pdf.save(reviewed_pdf)
    found = read_annotations(reviewed_pdf)
    odd = [a for a in found if a.pdf_name == "odd-square"]
    # a margin wider than the box is ignored; an impossible date is left empty
    assert odd and odd[0].rects == [[10.0, 10.0, 50.0, 50.0]] and odd[0].modified == ""
    ink = [a for a in found if a.kind == "ink" and a.pdf_name is None]
    assert ink and ink[0].author == "12" and ink[0].colour == "#ffd54f"
    assert len(found) == 9  # the seven, the ink box and the square; no markup with no place
