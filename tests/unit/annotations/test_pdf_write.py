"""Exporting annotations as standard PDF annotations other readers show and print."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest

from mopac_desk.annotations.model import Annotation, Reply
from mopac_desk.annotations.pdf_read import read_annotations
from mopac_desk.annotations.pdf_write import ExportError, export_annotated, is_signed
from mopac_desk.pdf import PaperDocument
from tests.helpers.annotated_pdf import HIGHLIGHTED, phrase_rects, sign_like_acrobat


def _annots(path):
    with pikepdf.open(path) as pdf:
        out = []
        for n, page in enumerate(pdf.pages, start=1):
            for a in page.obj.get("/Annots", []):
                out.append((n, a, a.objgen))
        # read everything needed while the file is open
        return [(n, {k: a.get(k) for k in a.keys()}, og, _deref(a)) for n, a, og in out]


def _deref(a):
    d = {}
    for key in ("/IRT", "/Parent", "/Popup"):
        if key in a:
            d[key] = a[key].objgen
    ap = a.get("/AP")
    d["ap_bbox"] = [float(v) for v in ap.N.BBox] if ap is not None else None
    d["ap_data"] = ap.N.read_bytes() if ap is not None else None
    return d


def _highlight(page: int, rects, **kw) -> Annotation:
    return Annotation(kind="highlight", page=page, rects=rects, contents="Check the sum",
                      quote=HIGHLIGHTED, author="J. Clerk", created="2025-06-12T09:00:00+00:00",
                      modified="2025-06-12T09:30:00+00:00", colour="#ffff00", id=1,
                      status="accepted", pdf_name="mopac-hl",
                      replies=[Reply("A. Reviewer", "Agreed", "2025-06-13T10:00:00+00:00",
                                     pdf_name="mopac-hl-r1")], **kw)


def _set(plain_pdf):
    page, rects = phrase_rects(plain_pdf, HIGHLIGHTED)
    return [
        _highlight(page, rects),
        Annotation(kind="note", page=1, rects=[[500, 700, 520, 720]], contents="Ask Finance",
                   author="J. Clerk", id=2, pdf_name="mopac-note"),
        Annotation(kind="strikeout", page=1, rects=rects, id=3, colour="#ff0000"),
        Annotation(kind="underline", page=1, rects=rects, id=4, colour="#0000ff"),
        Annotation(kind="area", page=2, rects=[[60, 500, 300, 560]], id=5, contents="Totals?"),
        Annotation(kind="textbox", page=2, rects=[[320, 500, 520, 540]], id=6,
                   contents="Typed (with brackets) and £ sign"),
        Annotation(kind="insert", page=1, rects=[[300, 690, 300, 690]], id=7),
        Annotation(kind="ink", page=2, rects=[], ink=[[[100, 400], [150, 450], [200, 400]]],
                   id=8),
        Annotation(kind="note", page=1, rects=[[40, 40, 60, 60]], contents="my own",
                   private=True, id=9),
    ]


def test_every_annotation_has_an_appearance_print_flag_name_and_linked_thread(plain_pdf,
                                                                               tmp_path):
    out = tmp_path / "out.pdf"
    result = export_annotated(plain_pdf, _set(plain_pdf), out)
    assert (result.comments, result.replies, result.incremental, result.writer) == (
        8, 1, False, "pikepdf")
    found = _annots(out)
    by_og = {og: d for _, d, og, _ in found}
    review = [(n, d, og, x) for n, d, og, x in found if str(d["/Subtype"]) != "/Popup"]
    assert sorted(str(d["/Subtype"]) for _, d, _, _ in review) == sorted([
        "/Highlight", "/Text", "/Text", "/Text", "/StrikeOut", "/Underline", "/Square",
        "/FreeText", "/Caret", "/Ink"])
    for _, d, _, x in review:
        assert x["ap_data"] is not None, d["/Subtype"]
        assert int(d["/F"]) & 4, d["/Subtype"]
        assert str(d["/NM"]), d["/Subtype"]
    names = {str(d["/NM"]) for _, d, _, _ in found}
    assert {"mopac-hl", "mopac-note", "mopac-hl-r1", "mopac-hl-state"} <= names
    assert not any(str(d.get("/Contents", "")) == "my own" for _, d, _, _ in found)
    hl_og = next(og for _, d, og, _ in found if str(d["/Subtype"]) == "/Highlight")
    hl = by_og[hl_og]
    assert b"/GS0 gs" in next(x for _, _, og, x in found if og == hl_og)["ap_data"]
    reply = next((d, x) for _, d, _, x in found if str(d.get("/NM")) == "mopac-hl-r1")
    assert reply[1]["/IRT"] == hl_og and str(reply[0]["/RT"]) == "/R"
    assert str(reply[0]["/Contents"]) == "Agreed" and str(reply[0]["/T"]) == "A. Reviewer"
    state = next((d, x) for _, d, _, x in found if str(d.get("/NM")) == "mopac-hl-state")
    assert state[1]["/IRT"] == hl_og
    assert (str(state[0]["/State"]), str(state[0]["/StateModel"])) == ("Accepted", "Review")
    assert int(state[0]["/F"]) & 2  # hidden, as Acrobat writes it
    note = next((d, x, og) for _, d, og, x in found if str(d.get("/NM")) == "mopac-note")
    popup = by_og[note[1]["/Popup"]]
    assert str(popup["/Subtype"]) == "/Popup"
    assert next(x for _, _, og, x in found if og == note[1]["/Popup"])["/Parent"] == note[2]
    assert str(hl["/M"]) == "D:20250612093000+00'00'"
    with pikepdf.open(out) as pdf:
        res = pdf.pages[0].obj.Annots[0].AP.N.Resources.ExtGState.GS0
        assert str(res.BM) == "/Multiply" and 0 < float(res.ca) < 1


def test_export_reimports_to_the_same_comments(plain_pdf, tmp_path):
    chosen = _set(plain_pdf)
    out = tmp_path / "out.pdf"
    export_annotated(plain_pdf, chosen, out)
    back = read_annotations(out)
    public = [a for a in chosen if not a.private]
    assert [(a.kind, a.page, a.contents) for a in back] == [
        (a.kind, a.page, a.contents) for a in sorted(public, key=lambda a: a.page)]
    hl = back[0]
    assert (hl.quote, hl.status, hl.pdf_name, hl.author) == (
        HIGHLIGHTED, "accepted", "mopac-hl", "J. Clerk")
    assert [(r.author, r.contents, r.pdf_name) for r in hl.replies] == [
        ("A. Reviewer", "Agreed", "mopac-hl-r1")]
    assert back[0].rects == chosen[0].rects


def _pixel(page, x, y, height, scale):
    col, row = int(x * scale), int((height - y) * scale)
    i = row * page.stride + col * 4
    b, g, r = page.data[i], page.data[i + 1], page.data[i + 2]
    return r, g, b


def test_highlight_is_drawn_in_its_colour_where_it_is(plain_pdf, tmp_path):
    out = tmp_path / "out.pdf"
    chosen = _set(plain_pdf)[:1]
    export_annotated(plain_pdf, chosen, out)
    x0, y0, x1, y1 = chosen[0].rects[0]
    scale = 2.0
    with PaperDocument.open(out) as doc:
        _, height = doc.page_size(0)
        page = doc.render(0, scale)
        inside = [_pixel(page, x0 + (x1 - x0) * i / 40, y0 + 1, height, scale)
                  for i in range(1, 40)]
        above = _pixel(page, (x0 + x1) / 2, y1 + 3, height, scale)
    yellow = [p for p in inside if p[0] > 230 and p[1] > 230 and 120 < p[2] < 200]
    assert len(yellow) > 20, inside
    assert above == (255, 255, 255)
    with PaperDocument.open(plain_pdf) as doc:
        page = doc.render(0, scale)
        assert _pixel(page, x0 + 1, y0 + 1, height, scale) == (255, 255, 255)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm not installed")
def test_a_second_reader_poppler_draws_the_comments(plain_pdf, tmp_path):
    out = tmp_path / "out.pdf"
    chosen = _set(plain_pdf)
    export_annotated(plain_pdf, chosen, out)
    subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", str(out),
                    str(tmp_path / "page")], check=True, timeout=60)
    data = (tmp_path / "page-1.ppm").read_bytes()
    magic, width, height, _max = data.split(maxsplit=4)[:4]
    pixels = data[len(b" ".join([magic, width, height, _max])) + 1:]
    w, h = int(width), int(height)

    def rgb(x: float, y: float) -> tuple[int, int, int]:
        i = ((h - 1 - int(y)) * w + int(x)) * 3
        return tuple(pixels[i:i + 3])

    x0, y0, x1, y1 = chosen[0].rects[0]
    # above the strike-out and underline drawn over the same words
    hits = [rgb(x0 + (x1 - x0) * i / 30, y0 + (y1 - y0) * 0.8) for i in range(1, 30)]
    assert sum(1 for r, g, b in hits if r > 230 and g > 230 and b < 200) > 10, hits
    note = rgb(510, 712)  # inside the note's speech bubble
    assert note != (255, 255, 255)


def test_the_input_is_never_changed_and_private_notes_only_when_asked(plain_pdf, tmp_path):
    before = plain_pdf.read_bytes()
    out = tmp_path / "out.pdf"
    export_annotated(plain_pdf, _set(plain_pdf), out, include_private=True)
    assert plain_pdf.read_bytes() == before
    assert "my own" in [a.contents for a in read_annotations(out)]


def test_the_files_own_review_comments_are_replaced_and_links_kept(reviewed_pdf, tmp_path):
    out = tmp_path / "out.pdf"
    comments = read_annotations(reviewed_pdf)
    export_annotated(reviewed_pdf, comments, out)
    again = read_annotations(out)
    assert len(again) == len(comments)
    assert [a.pdf_name for a in again] == [a.pdf_name for a in comments]
    assert [len(a.replies) for a in again] == [len(a.replies) for a in comments]
    subtypes = [str(d["/Subtype"]) for _, d, _, _ in _annots(out)]
    assert subtypes.count("/Link") == 1
    assert subtypes.count("/Popup") == 1  # the note's: the highlight's old popup is gone


def test_signed_pdf_is_written_incrementally_with_the_original_bytes_as_prefix(
        plain_pdf, tmp_path):
    signed = sign_like_acrobat(plain_pdf, tmp_path / "signed.pdf")
    assert is_signed(signed) and not is_signed(plain_pdf)
    original = signed.read_bytes()
    out = tmp_path / "out.pdf"
    result = export_annotated(signed, _set(plain_pdf), out)
    assert result.incremental and result.writer == "pypdf"
    data = out.read_bytes()
    assert data.startswith(original) and len(data) > len(original)
    back = read_annotations(out)
    assert len(back) == 8 and back[0].quote == HIGHLIGHTED and back[0].status == "accepted"
    x0, y0, x1, y1 = back[0].rects[0]
    with PaperDocument.open(out) as doc:  # PDFium reads the update and draws it
        _, height = doc.page_size(0)
        page = doc.render(0, 2.0)
        row = [_pixel(page, x0 + (x1 - x0) * i / 30, y0 + (y1 - y0) * 0.8, height, 2.0)
               for i in range(1, 30)]
    assert sum(1 for r, g, b in row if r > 230 and g > 230 and b < 200) > 10
    for _, d, _, x in _annots(out):
        if str(d["/Subtype"]) not in ("/Popup", "/Widget"):
            assert x["ap_data"] is not None and int(d["/F"]) & 4
    # a second export of the exported file still keeps every earlier byte
    again = tmp_path / "again.pdf"
    export_annotated(out, back, again)
    assert again.read_bytes().startswith(data)
    assert len(read_annotations(again)) == 8


def test_bad_targets_get_plain_errors_and_leave_no_file(plain_pdf, tmp_path):
    with pytest.raises(ExportError, match="new file"):
        export_annotated(plain_pdf, [], plain_pdf)
    with pytest.raises(ExportError, match="does not exist"):
        export_annotated(plain_pdf, [], tmp_path / "nowhere" / "out.pdf")
    off = Annotation(kind="note", page=9, rects=[[1, 1, 20, 20]])
    with pytest.raises(ExportError, match="page 9"):
        export_annotated(plain_pdf, [off], tmp_path / "out.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.pdf"]
    with pytest.raises(ExportError, match="could not be found"):
        export_annotated(tmp_path / "missing.pdf", [], tmp_path / "out.pdf")


def test_a_protected_paper_stays_protected_with_its_password(plain_pdf, tmp_path):
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(plain_pdf) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    out = tmp_path / "out.pdf"
    with pytest.raises(ExportError, match="password"):
        export_annotated(locked, _set(plain_pdf)[:2], out)
    export_annotated(locked, _set(plain_pdf)[:2], out, password="secret")
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out)
    assert [a.pdf_name for a in read_annotations(out, "secret")] == ["mopac-hl", "mopac-note"]


def test_places_survive_the_round_trip_exactly(plain_pdf, tmp_path):
    chosen = [a for a in _set(plain_pdf) if not a.private]
    out = tmp_path / "out.pdf"
    export_annotated(plain_pdf, chosen, out)
    back = {a.pdf_name or f"mopac-annotation-{a.id}": a for a in chosen}
    for a in read_annotations(out):
        mine = back[a.pdf_name]
        if mine.kind == "ink":
            assert a.ink == mine.ink
        elif mine.kind != "insert":  # a caret at a point is given a size
            assert a.rects == mine.rects, mine.kind


def test_in_a_file_of_several_papers_only_this_papers_pages_are_replaced(reviewed_pdf,
                                                                          tmp_path):
    mine = Annotation(kind="note", page=2, rects=[[500, 700, 520, 720]], contents="mine")
    out = tmp_path / "out.pdf"
    export_annotated(reviewed_pdf, [mine], out, pages=(2, 2))
    back = read_annotations(out)
    assert len(back) == 8 and back[-1].contents == "mine"  # page 1's seven kept
    export_annotated(reviewed_pdf, [mine], out)
    assert [a.contents for a in read_annotations(out)] == ["mine"]
